// Shared by the signaling unit tests (Vitest, under src/lib/server/, src/lib/lab/transports/ and
// src/lib/peers/): a real http server on an ephemeral loopback port with the signaling endpoint
// attached, a WebSocket client that records what it receives, and a TCP proxy that can drop
// connections uncleanly. Test-only, so it lives under tests/, not in the product's server folder.

import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocket } from 'ws';
import {
	attachSignaling,
	type SignalingOptions,
	type SignalingServer
} from '../src/lib/server/signaling';

export interface TestServer {
	http: Server;
	signaling: SignalingServer;
	url: string;
	close(): Promise<void>;
}

export async function startTestServer(options: SignalingOptions = {}): Promise<TestServer> {
	const http = createServer((_req, res) => res.end('site'));
	const signaling = attachSignaling(http, options);
	// Upgraded and unanswered-upgrade sockets are not the http server's any more: track them all
	// so close() can end them.
	const sockets = new Set<Socket>();
	http.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	const { port } = http.address() as AddressInfo;
	return {
		http,
		signaling,
		url: `ws://127.0.0.1:${port}/signal`,
		close: () =>
			new Promise<void>((resolve) => {
				signaling.close();
				http.close(() => resolve());
				for (const socket of sockets) socket.destroy();
			})
	};
}

export type Received = Record<string, unknown> & { type: string };

export interface TestClient {
	ws: WebSocket;
	received: Received[];
	/** Resolves with the first message (received since the last `next`) that matches. */
	next(match?: string | ((m: Received) => boolean), timeoutMs?: number): Promise<Received>;
	send(value: unknown): void;
	closed: Promise<{ code: number; reason: string }>;
}

export async function connect(
	url: string,
	options: {
		origin?: string;
		autoPong?: boolean;
		/** Another loopback address (`127.0.0.2`) to connect from: another client address. */
		localAddress?: string;
		headers?: Record<string, string>;
	} = {}
): Promise<TestClient> {
	const ws = new WebSocket(url, {
		origin: options.origin,
		autoPong: options.autoPong ?? true,
		...(options.localAddress ? { localAddress: options.localAddress } : {}),
		...(options.headers ? { headers: options.headers } : {})
	});
	const received: Received[] = [];
	let cursor = 0;
	const wakers = new Set<() => void>();
	ws.on('message', (data) => {
		received.push(JSON.parse(String(data)) as Received);
		wakers.forEach((wake) => wake());
	});
	const closed = new Promise<{ code: number; reason: string }>((resolve) =>
		ws.on('close', (code, reason) => resolve({ code, reason: String(reason) }))
	);
	ws.on('error', () => {});
	await new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
		ws.once('error', reject);
	});
	const client: TestClient = {
		ws,
		received,
		closed,
		send: (value) => ws.send(typeof value === 'string' ? value : JSON.stringify(value)),
		next(match, timeoutMs = 2_000) {
			const test =
				match === undefined
					? () => true
					: typeof match === 'string'
						? (m: Received) => m.type === match
						: match;
			return new Promise((resolve, reject) => {
				const look = () => {
					while (cursor < received.length) {
						const message = received[cursor++]!;
						if (test(message)) {
							wakers.delete(look);
							clearTimeout(timer);
							resolve(message);
							return;
						}
					}
				};
				const timer = setTimeout(() => {
					wakers.delete(look);
					reject(new Error(`no ${String(match ?? 'message')} within ${timeoutMs} ms`));
				}, timeoutMs);
				wakers.add(look);
				look();
			});
		}
	};
	return client;
}

export interface TcpProxy {
	port: number;
	/** `ws://127.0.0.1:<proxy port>/signal` when the target is a signaling test server. */
	url(path?: string): string;
	/**
	 * Cuts every connection on the client side only, as a phone leaving Wi-Fi does: the client
	 * sees its socket die, while the server's side stays open, silent, until the heartbeat finds it.
	 */
	cutClients(): void;
	close(): Promise<void>;
}

/** A TCP proxy on an ephemeral loopback port in front of `targetPort` (for unclean drops). */
export async function startProxy(targetPort: number): Promise<TcpProxy> {
	const { createServer: createTcpServer, connect: connectTcp } = await import('node:net');
	const pairs = new Set<{ client: Socket; upstream: Socket }>();
	const server = createTcpServer((client) => {
		const upstream = connectTcp(targetPort, '127.0.0.1');
		const pair = { client, upstream };
		pairs.add(pair);
		client.on('error', () => {});
		upstream.on('error', () => {});
		client.on('data', (chunk) => upstream.write(chunk));
		upstream.on('data', (chunk) => {
			if (!client.destroyed) client.write(chunk);
		});
		client.on('close', () => pairs.delete(pair));
		upstream.on('close', () => client.destroy());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	/** Upstream sockets left half-open by cutClients(), ended by close(). */
	const orphans = new Set<Socket>();
	return {
		port,
		url: (path = '/signal') => `ws://127.0.0.1:${port}${path}`,
		cutClients() {
			for (const pair of pairs) {
				// The upstream stays open and is no longer piped anywhere: a half-open connection.
				pair.upstream.removeAllListeners('close');
				pair.upstream.on('close', () => orphans.delete(pair.upstream));
				orphans.add(pair.upstream);
				pair.client.destroy();
			}
			pairs.clear();
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const pair of pairs) {
					pair.client.destroy();
					pair.upstream.destroy();
				}
				for (const socket of orphans) socket.destroy();
				server.close(() => resolve());
			})
	};
}
