// The browser transport, run in Node with `ws`'s WebSocket against the real signaling server.

import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ServerMessage } from '../../core/signaling/protocol';
import {
	connect,
	startProxy,
	startTestServer,
	type TestServer
} from '../../../../tests/signaling-harness';
import {
	backoffDelay,
	connectSignaling,
	signalingUrl,
	type SignalingConnection,
	type SignalingStatus
} from './websocket';

let server: TestServer | null = null;
const open: SignalingConnection[] = [];
afterEach(async () => {
	open.splice(0).forEach((connection) => connection.close());
	await server?.close();
	server = null;
});

const fast = { initialMs: 20, maxMs: 100, factor: 2 };

function client(url: string, room: string, backoff = fast, pingMs?: number) {
	const messages: ServerMessage[] = [];
	const statuses: SignalingStatus[] = [];
	const connection = connectSignaling({
		url,
		room,
		WebSocket,
		backoff,
		...(pingMs ? { pingMs } : {}),
		onMessage: (m) => messages.push(m),
		onStatus: (s) => statuses.push(s)
	});
	open.push(connection);
	return { connection, messages, statuses };
}

async function until(test: () => boolean, timeoutMs = 2_000) {
	const start = Date.now();
	while (!test()) {
		if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

describe('backoffDelay', () => {
	const backoff = { initialMs: 500, maxMs: 10_000, factor: 2 };
	it.each([
		[1, 0, 250],
		[1, 0.999_999, 500],
		[2, 0.5, 750],
		[3, 0, 1_000],
		[6, 1, 10_000],
		[40, 0, 5_000]
	])('attempt %i with random %f -> %i ms', (attempt, random, expected) => {
		expect(backoffDelay(attempt, backoff, () => random)).toBe(expected);
	});
});

it('derives the endpoint from the page location', () => {
	expect(signalingUrl({ protocol: 'http:', host: 'localhost:3000' })).toBe(
		'ws://localhost:3000/signal'
	);
	expect(signalingUrl({ protocol: 'https:', host: '192.168.1.5:3000' })).toBe(
		'wss://192.168.1.5:3000/signal'
	);
});

describe('connectSignaling', () => {
	it('pings, so the server keeps a quiet connection that a silent one loses', async () => {
		server = await startTestServer({ allowedOrigins: [], idleTimeoutMs: 200 });
		const quiet = client(server.url, 'quiet', fast, 40);
		await until(() => quiet.connection.status.state === 'open');
		// Joined after the quiet client, and sends nothing after its join.
		const silent = await connect(server.url);
		silent.send({ type: 'join', room: 'silent' });
		await silent.next('joined');
		expect((await silent.closed).code).toBe(4002);
		expect(quiet.connection.status.state).toBe('open');
		expect(quiet.statuses.map((s) => s.state)).toEqual(['connecting', 'open']);
	});

	it('joins, relays both ways, and refuses to send before joining', async () => {
		server = await startTestServer({ allowedOrigins: [] });
		const a = client(server.url, 'pair');
		expect(a.connection.send({ type: 'bye' })).toBe(false);
		await until(() => a.connection.status.state === 'open');
		const b = client(server.url, 'pair');
		await until(() => b.connection.status.state === 'open');
		expect(a.statuses.map((s) => s.state)).toEqual(['connecting', 'open']);
		expect(a.connection.status).toMatchObject({ role: 'caller' });
		expect(b.connection.status).toMatchObject({ role: 'callee' });

		expect(a.connection.send({ type: 'offer', sdp: 'v=0' })).toBe(true);
		await until(() => b.messages.some((m) => m.type === 'offer'));
		b.connection.send({ type: 'answer', sdp: 'v=0' });
		await until(() => a.messages.some((m) => m.type === 'answer'));
		expect(a.messages.map((m) => m.type)).toEqual(['joined', 'peer-joined', 'answer']);
	});

	it('reconnects with backoff after a drop and rejoins its room', async () => {
		server = await startTestServer({ allowedOrigins: [] });
		const a = client(server.url, 'again');
		await until(() => a.connection.status.state === 'open');
		const b = client(server.url, 'again');
		await until(() => b.connection.status.state === 'open');
		const firstId = (a.connection.status as { peerId: string }).peerId;

		a.connection.drop();
		expect(a.connection.status).toMatchObject({ state: 'reconnecting', attempt: 1 });
		await until(() => a.connection.status.state === 'open');
		// The caller seat was freed, so the rejoining caller is the caller again.
		expect(a.connection.status).toMatchObject({ state: 'open', role: 'caller' });
		expect((a.connection.status as { peerId: string }).peerId).not.toBe(firstId);
		await until(() => b.messages.filter((m) => m.type === 'peer-joined').length === 1);
		expect(b.messages.map((m) => m.type)).toEqual(['joined', 'peer-left', 'peer-joined']);
	});

	it('after an unclean drop (no close frame) takes its own seat back at once, as the caller', async () => {
		// A heartbeat of a minute: only the resume token can free the stale seat in time.
		server = await startTestServer({ allowedOrigins: [], heartbeatMs: 60_000 });
		const proxy = await startProxy(Number(new URL(server.url).port));
		try {
			const a = client(proxy.url(), 'unclean');
			await until(() => a.connection.status.state === 'open');
			const b = client(server.url, 'unclean');
			await until(() => b.connection.status.state === 'open');
			const firstId = (a.connection.status as { peerId: string }).peerId;
			proxy.cutClients();
			await until(() => a.statuses.some((s) => s.state === 'reconnecting'));
			await until(() => a.connection.status.state === 'open');
			expect(a.connection.status).toMatchObject({ role: 'caller', resumed: true });
			// No room-full on the way, and the other side saw the swap.
			expect(a.messages.filter((m) => m.type === 'error')).toEqual([]);
			await until(() => b.messages.some((m) => m.type === 'peer-joined'));
			expect(b.messages.map((m) => m.type)).toEqual(['joined', 'peer-left', 'peer-joined']);
			expect(b.messages[1]).toMatchObject({ peerId: firstId });
			expect(a.connection.send({ type: 'offer', sdp: 'v=0 again' })).toBe(true);
			await until(() => b.messages.some((m) => m.type === 'offer'));
		} finally {
			await proxy.close();
		}
	});

	it('room-full while rejoining is not the end: it retries until the seat is free', async () => {
		server = await startTestServer({ allowedOrigins: [], heartbeatMs: 60_000 });
		const a = client(server.url, 'crowded');
		await until(() => a.connection.status.state === 'open');
		const b = client(server.url, 'crowded');
		await until(() => b.connection.status.state === 'open');
		a.connection.drop();
		// A newcomer takes the freed caller seat before a is back.
		const c = client(server.url, 'crowded');
		await until(() => c.connection.status.state === 'open');
		await until(() => a.messages.some((m) => m.type === 'error' && m.code === 'room-full'));
		expect(
			a.statuses.some((s) => s.state === 'reconnecting' && s.reason.kind === 'room-full-rejoining')
		).toBe(true);
		expect(a.connection.status.state).not.toBe('closed');
		c.connection.close();
		await until(() => a.connection.status.state === 'open');
		expect(a.connection.status).toMatchObject({ role: 'caller' });
	});

	it('after a server restart each side gets its own role back, whoever returns first', async () => {
		server = await startTestServer({ allowedOrigins: [] });
		const port = Number(new URL(server.url).port);
		const a = client(server.url, 'restart', { initialMs: 200, maxMs: 400, factor: 2 });
		await until(() => a.connection.status.state === 'open');
		const b = client(server.url, 'restart', { initialMs: 10, maxMs: 20, factor: 2 });
		await until(() => b.connection.status.state === 'open');
		await server.close();
		server = null;
		const { createServer } = await import('node:http');
		const { attachSignaling } = await import('../../server/signaling');
		const http = createServer();
		const signaling = attachSignaling(http, { allowedOrigins: [] });
		await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
		try {
			await until(
				() => a.connection.status.state === 'open' && b.statuses.at(-1)?.state === 'open'
			);
			// b (the callee) was back first, into an empty room, and is still the callee.
			expect(b.connection.status).toMatchObject({ role: 'callee' });
			expect(a.connection.status).toMatchObject({ role: 'caller' });
		} finally {
			a.connection.close();
			b.connection.close();
			signaling.close();
			await new Promise((resolve) => http.close(resolve));
		}
	});

	it('keeps retrying while the server is down, with growing delays', async () => {
		server = await startTestServer({ allowedOrigins: [] });
		const { url } = server;
		const port = Number(new URL(url).port);
		const a = client(url, 'outage');
		await until(() => a.connection.status.state === 'open');
		await server.close();
		server = null;
		await until(() => a.statuses.filter((s) => s.state === 'reconnecting').length >= 3);
		const delays = a.statuses.flatMap((s) => (s.state === 'reconnecting' ? [s.delayMs] : []));
		expect(delays[0]).toBeLessThanOrEqual(20);
		expect(Math.max(...delays)).toBeLessThanOrEqual(100);
		// The server comes back on the same port: the client finds it and rejoins.
		const { createServer } = await import('node:http');
		const { attachSignaling } = await import('../../server/signaling');
		const http = createServer();
		const signaling = attachSignaling(http, { allowedOrigins: [] });
		await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
		try {
			await until(() => a.connection.status.state === 'open');
			expect(signaling.stats()).toMatchObject({ joined: 1, rooms: 1 });
		} finally {
			a.connection.close();
			signaling.close();
			await new Promise((resolve) => http.close(resolve));
		}
	});

	it('stops for good on room-full and on close()', async () => {
		server = await startTestServer({ allowedOrigins: [] });
		for (let i = 0; i < 2; i++) {
			const c = client(server.url, 'full');
			await until(() => c.connection.status.state === 'open');
		}
		const third = client(server.url, 'full');
		await until(() => third.connection.status.state === 'closed');
		expect(third.connection.status).toMatchObject({
			state: 'closed',
			code: 'room-full',
			// Why, as data the page words (not the server's English sentence).
			reason: { kind: 'refused', code: 'room-full' }
		});
		expect(third.messages).toEqual([expect.objectContaining({ type: 'error', code: 'room-full' })]);

		const quitter = client(server.url, 'bye');
		await until(() => quitter.connection.status.state === 'open');
		quitter.connection.close();
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(quitter.statuses.map((s) => s.state)).toEqual(['connecting', 'open', 'closed']);
		expect(quitter.connection.status).toMatchObject({ reason: { kind: 'closed-by-page' } });
		await until(() => server!.signaling.stats().connections === 2);
	});

	it('refuses an invalid room id without connecting', async () => {
		const c = client('ws://127.0.0.1:9/signal', 'no spaces');
		await until(() => c.connection.status.state === 'closed');
		expect(c.connection.status).toMatchObject({
			code: 'invalid-room',
			reason: { kind: 'refused', code: 'invalid-room' }
		});
		expect(c.statuses).toHaveLength(1);
	});
});
