// The WebSocket signaling endpoint (`/signal`) bound to a Node http(s) server with `ws`. This is
// the effectful edge around the pure room logic (./rooms.ts) and protocol (core/signaling): it
// accepts upgrades, checks Origin, parses and rate-limits frames, pings for dead peers and
// delivers what the room transitions say. The same function serves `npm start`
// (scripts/start.js) and `vite dev` / `vite preview` (the plugin in vite.config.ts).
//
// Imports are relative (no `$lib`): vite.config.ts bundles this file when Vite loads its config,
// and the Vite SSR build in scripts/build-server.js compiles it without SvelteKit's aliases.

import { randomBytes } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import {
	MAX_FRAME_BYTES,
	errorMessage,
	parseClientMessage,
	type ErrorMessage
} from '../core/signaling/protocol';
import { emptyRooms, join, leave, relay, type Delivery, type RoomsState } from './rooms';
import { fullBucket, take, type Bucket, type RateLimit } from './token-bucket';

export const SIGNAL_PATH = '/signal';

export interface SignalingOptions {
	/** URL path of the endpoint. Default `/signal`. */
	path?: string;
	/** Largest accepted frame in bytes; larger ones close the socket with 1009. Default 64 KiB. */
	maxPayload?: number;
	/**
	 * Origins allowed besides the site's own (`https://lab.example.org`), or `['*']` for any.
	 * Default: `SIGNAL_ALLOWED_ORIGINS` from the environment, comma-separated.
	 */
	allowedOrigins?: readonly string[];
	/** Per-connection message rate. Default 200 at once, 50 per second sustained. */
	rateLimit?: RateLimit;
	/** Ping interval; a peer that misses one pong is dropped. Default 10 s (detection in 10–20 s). */
	heartbeatMs?: number;
	/** Open connections at most; more get HTTP 503. Default 5,000. */
	maxConnections?: number;
	/** A recipient with more unsent bytes than this is too slow or dead: dropped. Default 1 MiB. */
	maxBufferedBytes?: number;
	/** Diagnostics (rejected upgrades, handler failures). Default: silent. */
	log?: (line: string) => void;
}

export interface SignalingServer {
	readonly wss: WebSocketServer;
	/** Handles an upgrade request if its path is ours; returns false (untouched) otherwise. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** Counters for tests and the benchmark. */
	stats(): { connections: number; joined: number; rooms: number };
	/** Terminates every connection and stops the heartbeat. The http server keeps running. */
	close(): void;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 200, perSecond: 50 };

/** `SIGNAL_ALLOWED_ORIGINS="https://a.example, https://b.example"` -> the list; `*` allows all. */
export function parseOriginList(value: string | undefined): string[] {
	return (value ?? '')
		.split(',')
		.map((origin) => origin.trim().replace(/\/+$/, ''))
		.filter(Boolean);
}

/**
 * Host names a public web site cannot make resolve to this machine, so they are safe from DNS
 * rebinding: loopback names, IP literals, and the names only the local network resolves —
 * single-label names (`teacher-laptop`) and mDNS `.local` names (RFC 6762). (DNS rebinding:
 * evil.example first resolves to its own server, then to 127.0.0.1, so its page talks to our port
 * with `Origin` and `Host` both saying evil.example.)
 */
export function isRebindingSafeHost(hostname: string): boolean {
	const name = hostname.toLowerCase().replace(/\.$/, '');
	if (name === 'localhost' || name.endsWith('.localhost')) return true;
	if (/^[a-z0-9-]+$/.test(name) && /[a-z-]/.test(name)) return true; // single label
	if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.local$/.test(name)) return true;
	if (/^\[[0-9a-f:.]+\]$/.test(name)) return true; // IPv6 literal, as in a Host header
	return /^\d{1,3}(\.\d{1,3}){3}$/.test(name);
}

/**
 * May a WebSocket with this Origin header connect? Browsers always send Origin on WebSocket
 * handshakes, so a page on another site is recognised by it (cross-site WebSocket hijacking).
 * - no Origin: a non-browser client (Node, Python, wscat) -> allowed;
 * - an entry of the allow-list (exact `scheme://host[:port]`), or `*` -> allowed;
 * - the site's own origin: the Origin's host:port equals the request's Host header, and that
 *   host is a loopback name or an IP address (`localhost:3000`, `192.168.1.20:3000`) -> allowed.
 *   A domain name must be in the allow-list: otherwise a DNS-rebinding page, whose Origin and Host
 *   both name its own domain, would pass. (The scheme is not compared, so a TLS-terminating proxy
 *   in front still works.)
 */
export function isOriginAllowed(
	origin: string | undefined,
	host: string | undefined,
	allowList: readonly string[]
): boolean {
	if (origin === undefined) return true;
	if (allowList.includes('*') || allowList.includes(origin)) return true;
	if (!host) return false;
	try {
		const url = new URL(origin);
		return url.host === host.toLowerCase() && isRebindingSafeHost(url.hostname);
	} catch {
		return false;
	}
}

interface Connection {
	ws: WebSocket;
	peerId: string;
	alive: boolean;
	bucket: Bucket;
	/** When this connection was last told `rate-limited` (at most once a second). */
	rateErrorAtMs: number;
}

const newPeerId = () => randomBytes(6).toString('base64url');
/** A seat's resume token: 128 bits, as unguessable as a session cookie. */
const newResumeToken = () => randomBytes(16).toString('base64url');

/** A peer that closed or vanished: nothing to tell the person running the server. */
const ROUTINE_SOCKET_ERRORS = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

function reject(socket: Duplex, status: number, reason: string) {
	socket.end(
		`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
			`Content-Length: ${Buffer.byteLength(reason) + 1}\r\n\r\n${reason}\n`
	);
	socket.destroy();
}

/** Creates the signaling endpoint without listening on any server (tests, custom servers). */
export function createSignaling(options: SignalingOptions = {}): SignalingServer {
	const path = options.path ?? SIGNAL_PATH;
	const allowList = options.allowedOrigins ?? parseOriginList(process.env.SIGNAL_ALLOWED_ORIGINS);
	const limit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
	const maxConnections = options.maxConnections ?? 5_000;
	const maxBuffered = options.maxBufferedBytes ?? 1024 * 1024;
	const log = options.log ?? (() => {});

	const wss = new WebSocketServer({
		noServer: true,
		maxPayload: options.maxPayload ?? MAX_FRAME_BYTES,
		perMessageDeflate: false,
		clientTracking: false
	});
	wss.on('error', (error) => log(`signaling: server error: ${error.message}`));

	const connections = new Map<string, Connection>();
	let rooms: RoomsState = emptyRooms();

	function sendTo(connection: Connection, message: object) {
		const { ws } = connection;
		if (ws.readyState !== WebSocket.OPEN) return;
		if (ws.bufferedAmount > maxBuffered) {
			log(`signaling: ${connection.peerId} is not reading; dropping it`);
			ws.terminate();
			return;
		}
		ws.send(JSON.stringify(message));
	}

	function deliver(deliveries: readonly Delivery[]) {
		for (const { to, message } of deliveries) {
			const target = connections.get(to);
			if (target) sendTo(target, message);
		}
	}

	function onMessage(connection: Connection, data: RawData, isBinary: boolean) {
		connection.alive = true;
		const taken = take(connection.bucket, limit, performance.now());
		connection.bucket = taken.bucket;
		if (!taken.allowed) {
			const now = performance.now();
			if (now - connection.rateErrorAtMs >= 1000) {
				connection.rateErrorAtMs = now;
				sendTo(connection, errorMessage('rate-limited'));
			}
			return;
		}
		if (isBinary) {
			sendTo(connection, errorMessage('invalid-json'));
			return;
		}
		const text = Buffer.isBuffer(data)
			? data.toString('utf8')
			: Array.isArray(data)
				? Buffer.concat(data).toString('utf8')
				: Buffer.from(data).toString('utf8');
		const parsed = parseClientMessage(text);
		if (!parsed.ok) {
			sendTo(connection, parsed.error);
			return;
		}
		const message = parsed.message;
		if (message.type === 'join') {
			const next = join(rooms, connection.peerId, message.room, {
				resume: message.resume,
				role: message.role,
				token: newResumeToken()
			});
			rooms = next.state;
			// A stale connection whose seat was just taken back: its room already heard `peer-left`.
			for (const peerId of next.evicted ?? []) {
				const stale = connections.get(peerId);
				connections.delete(peerId);
				stale?.ws.terminate();
			}
			deliver(next.deliveries);
		} else {
			deliver(relay(rooms, connection.peerId, message));
		}
	}

	function onClose(connection: Connection) {
		if (connections.get(connection.peerId) !== connection) return;
		connections.delete(connection.peerId);
		const next = leave(rooms, connection.peerId);
		rooms = next.state;
		deliver(next.deliveries);
	}

	wss.on('connection', (ws: WebSocket) => {
		let peerId = newPeerId();
		while (connections.has(peerId)) peerId = newPeerId();
		const connection: Connection = {
			ws,
			peerId,
			alive: true,
			bucket: fullBucket(limit, performance.now()),
			rateErrorAtMs: -Infinity
		};
		connections.set(peerId, connection);
		// 'error' covers protocol violations (a frame over maxPayload -> 1009, bad UTF-8 -> 1007);
		// ws closes the socket itself and 'close' follows.
		ws.on('error', (error) => log(`signaling: ${peerId}: ${error.message}`));
		ws.on('pong', () => (connection.alive = true));
		ws.on('message', (data, isBinary) => {
			try {
				onMessage(connection, data, isBinary);
			} catch (error) {
				log(`signaling: ${peerId}: handler failed: ${(error as Error).stack ?? error}`);
				try {
					sendTo(connection, errorMessage('internal-error') satisfies ErrorMessage);
				} catch {
					ws.terminate();
				}
			}
		});
		ws.on('close', () => {
			try {
				onClose(connection);
			} catch (error) {
				log(`signaling: ${peerId}: close failed: ${(error as Error).stack ?? error}`);
			}
		});
	});

	// Heartbeat: RFC 6455 §5.5.2 ping; browsers answer with pong by themselves. A connection that
	// has sent neither a pong nor a message since the last ping is terminated, and its room's
	// other peer gets `peer-left` (through 'close').
	const heartbeat = setInterval(() => {
		for (const connection of connections.values()) {
			try {
				if (!connection.alive) {
					connection.ws.terminate();
					continue;
				}
				connection.alive = false;
				connection.ws.ping();
			} catch (error) {
				log(`signaling: heartbeat: ${(error as Error).message}`);
			}
		}
	}, options.heartbeatMs ?? 10_000);
	heartbeat.unref();

	function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
		let pathname: string;
		try {
			pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
		} catch {
			return false;
		}
		if (pathname !== path) return false;
		// Until ws owns the socket (it then reports a reset as a close), an error must not go
		// unhandled. A browser that goes away mid-handshake (a closed tab) is routine: not logged.
		const onError = (error: NodeJS.ErrnoException) => {
			if (!ROUTINE_SOCKET_ERRORS.has(error.code ?? ''))
				log(`signaling: upgrade socket: ${error.message}`);
		};
		socket.on('error', onError);
		try {
			const origin = req.headers.origin;
			if (!isOriginAllowed(origin, req.headers.host, allowList)) {
				log(`signaling: rejected Origin ${origin} (Host ${req.headers.host})`);
				reject(socket, 403, 'Forbidden: this Origin may not use the signaling server');
				return true;
			}
			if (connections.size >= maxConnections) {
				reject(socket, 503, 'Service Unavailable: too many signaling connections');
				return true;
			}
			wss.handleUpgrade(req, socket, head, (ws) => {
				socket.off('error', onError);
				wss.emit('connection', ws, req);
			});
		} catch (error) {
			log(`signaling: upgrade failed: ${(error as Error).message}`);
			socket.destroy();
		}
		return true;
	}

	return {
		wss,
		handleUpgrade,
		stats: () => ({
			connections: connections.size,
			joined: rooms.peerRooms.size,
			rooms: rooms.rooms.size
		}),
		close() {
			clearInterval(heartbeat);
			for (const connection of connections.values()) connection.ws.terminate();
			wss.close();
		}
	};
}

/**
 * Serves signaling at `options.path` (default `/signal`) on an existing http(s) server: adds an
 * 'upgrade' listener that takes our path and leaves every other upgrade to other listeners (Vite's
 * HMR socket in `vite dev`). Stops when the server closes.
 */
export function attachSignaling(
	/** A node:http or node:https Server, or Vite's (which may be an http2 server with HTTP/1). */
	server: EventEmitter,
	options: SignalingOptions = {}
): SignalingServer {
	const signaling = createSignaling(options);
	const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		signaling.handleUpgrade(req, socket, head);
	};
	server.on('upgrade', onUpgrade);
	server.once('close', () => {
		server.off('upgrade', onUpgrade);
		signaling.close();
	});
	return signaling;
}
