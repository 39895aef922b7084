// The real ws server on an ephemeral loopback port: hardening behaviours end to end.

import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
	addressKey,
	isOriginAllowed,
	isRebindingSafeHost,
	parseOriginList,
	type SignalingOptions
} from './signaling';
import {
	connect,
	startProxy,
	startTestServer,
	type TestServer
} from '../../../tests/signaling-harness';

let server: TestServer | null = null;
const start = async (options: SignalingOptions = {}) =>
	(server = await startTestServer({ allowedOrigins: [], ...options }));
afterEach(async () => {
	await server?.close();
	server = null;
});

async function until(test: () => boolean, timeoutMs = 2_000) {
	const started = Date.now();
	while (!test()) {
		if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

async function pair(url: string, room = 'r1') {
	const a = await connect(url);
	a.send({ type: 'join', room });
	await a.next('joined');
	const b = await connect(url);
	b.send({ type: 'join', room });
	await b.next('joined');
	await a.next('peer-joined');
	return { a, b };
}

describe('signaling server', () => {
	it('runs a whole session: join, relay with from, room-full, bye, peer-left', async () => {
		const { url } = await start();
		const { a, b } = await pair(url);
		expect(a.received[0]).toMatchObject({ type: 'joined', role: 'caller', peers: [] });
		expect(b.received[0]).toMatchObject({
			type: 'joined',
			role: 'callee',
			peers: [a.received[0]!.peerId]
		});

		a.send({ type: 'offer', sdp: 'v=0\r\n' });
		expect(await b.next('offer')).toEqual({
			type: 'offer',
			sdp: 'v=0\r\n',
			from: a.received[0]!.peerId
		});
		b.send({ type: 'candidate', candidate: null });
		expect(await a.next('candidate')).toMatchObject({
			candidate: null,
			from: b.received[0]!.peerId
		});

		const c = await connect(url);
		c.send({ type: 'join', room: 'r1' });
		expect(await c.next('error')).toMatchObject({ code: 'room-full' });

		b.send({ type: 'bye' });
		expect(await a.next('bye')).toMatchObject({ from: b.received[0]!.peerId });
		b.ws.close();
		expect(await a.next('peer-left')).toEqual({ type: 'peer-left', peerId: b.received[0]!.peerId });
		// The seat is free again: c may join now, as the callee.
		c.send({ type: 'join', room: 'r1' });
		expect(await c.next('joined')).toMatchObject({ role: 'callee' });
	});

	it('answers malformed JSON, unknown types and bad fields, and the connection stays usable', async () => {
		const { url } = await start();
		const { a, b } = await pair(url);
		for (const [frame, code] of [
			['{not json', 'invalid-json'],
			['{"type":"dance"}', 'unknown-type'],
			['{"type":"offer","sdp":1}', 'invalid-message'],
			['{"type":"join","room":"r2"}', 'already-joined']
		] as const) {
			a.send(frame);
			expect(await a.next('error')).toMatchObject({ code });
		}
		a.ws.send(Buffer.from([1, 2, 3]), { binary: true });
		expect(await a.next('error')).toMatchObject({ code: 'invalid-json' });
		a.send({ type: 'answer', sdp: 'still here' });
		expect(await b.next('answer')).toMatchObject({ sdp: 'still here' });
	});

	it('refuses relays before join and when alone', async () => {
		const { url } = await start();
		const a = await connect(url);
		a.send({ type: 'bye' });
		expect(await a.next('error')).toMatchObject({ code: 'not-joined' });
		a.send({ type: 'join', room: 'solo' });
		await a.next('joined');
		a.send({ type: 'bye' });
		expect(await a.next('error')).toMatchObject({ code: 'no-peer' });
	});

	it('closes with 1009 on a frame over 64 KiB; 64 KiB itself is fine', async () => {
		const { url } = await start();
		const a = await connect(url);
		a.send(' '.repeat(64 * 1024));
		expect(await a.next('error')).toMatchObject({ code: 'invalid-json' });
		a.send('x'.repeat(64 * 1024 + 1));
		expect((await a.closed).code).toBe(1009);
	});

	it('rate-limits per connection with one error a second, then recovers', async () => {
		const { url } = await start({ rateLimit: { burst: 5, perSecond: 20 } });
		const { a, b } = await pair(url);
		for (let i = 0; i < 20; i++) a.send({ type: 'candidate', candidate: null });
		expect(await a.next('error')).toMatchObject({ code: 'rate-limited' });
		await new Promise((resolve) => setTimeout(resolve, 300));
		const relayed = b.received.filter((m) => m.type === 'candidate').length;
		expect(relayed).toBeGreaterThanOrEqual(4); // burst 5, minus the join
		expect(relayed).toBeLessThan(10);
		expect(a.received.filter((m) => m.type === 'error')).toHaveLength(1);
		a.send({ type: 'offer', sdp: 'after the pause' });
		expect(await b.next('offer')).toMatchObject({ sdp: 'after the pause' });
		// b has its own bucket.
		b.send({ type: 'answer', sdp: 'b is fine' });
		expect(await a.next('answer')).toMatchObject({ sdp: 'b is fine' });
	});

	it('a peer cut off without a close frame takes its seat back at once with its resume token', async () => {
		// Long heartbeat: the stale connection would hold the seat for a minute without the token.
		const { url, signaling } = await start({ heartbeatMs: 60_000 });
		const proxy = await startProxy(Number(new URL(url).port));
		try {
			const a = await connect(proxy.url());
			a.send({ type: 'join', room: 'r1' });
			const first = await a.next('joined');
			expect(first).toMatchObject({ role: 'caller', resume: expect.stringMatching(/^[\w-]{38}$/) });
			const b = await connect(url);
			b.send({ type: 'join', room: 'r1' });
			await b.next('joined');

			proxy.cutClients();
			expect((await a.closed).code).toBe(1006);
			// The server has not noticed: without the token the seat is still taken.
			const stranger = await connect(url);
			stranger.send({ type: 'join', room: 'r1' });
			expect(await stranger.next('error')).toMatchObject({ code: 'room-full' });
			const wrong = await connect(url);
			wrong.send({ type: 'join', room: 'r1', resume: 'x'.repeat(22), role: 'caller' });
			expect(await wrong.next('error')).toMatchObject({ code: 'room-full' });

			const again = await connect(proxy.url());
			again.send({ type: 'join', room: 'r1', resume: first.resume, role: 'caller' });
			const rejoined = await again.next('joined');
			expect(rejoined).toMatchObject({
				role: 'caller',
				resumed: true,
				peers: [b.received[0]!.peerId]
			});
			expect(rejoined.resume).not.toBe(first.resume);
			// The other side learns the old connection is gone and the new one is here.
			expect(await b.next('peer-left')).toMatchObject({ peerId: first.peerId });
			expect(await b.next('peer-joined')).toMatchObject({ peerId: rejoined.peerId });
			// Relay works both ways on the new connection; the stale one is gone.
			b.send({ type: 'offer', sdp: 'v=0' });
			expect(await again.next('offer')).toMatchObject({ from: b.received[0]!.peerId });
			again.send({ type: 'answer', sdp: 'v=0' });
			expect(await b.next('answer')).toMatchObject({ from: rejoined.peerId });
			await until(() => signaling.stats().connections === 4);
			expect(signaling.stats()).toMatchObject({ joined: 2, rooms: 1 });
			// The spent token is worth nothing now.
			const replay = await connect(url);
			replay.send({ type: 'join', room: 'r1', resume: first.resume });
			expect(await replay.next('error')).toMatchObject({ code: 'room-full' });
		} finally {
			await proxy.close();
		}
	});

	it('after a restart, a peer that states its role gets that seat even if it comes back last', async () => {
		const { url } = await start();
		const callee = await connect(url);
		callee.send({ type: 'join', room: 'r1', role: 'callee' });
		const joined = await callee.next('joined');
		expect(joined).toMatchObject({ role: 'callee', peers: [] });
		// A role alone proves nothing: the seat is given, but not as the same peer back.
		expect(joined).not.toHaveProperty('resumed');
		const caller = await connect(url);
		caller.send({ type: 'join', room: 'r1', role: 'caller' });
		expect(await caller.next('joined')).toMatchObject({
			role: 'caller',
			peers: [callee.received[0]!.peerId]
		});
		expect(await callee.next('peer-joined')).toEqual({
			type: 'peer-joined',
			peerId: caller.received[0]!.peerId
		});
	});

	it('after a restart with the same SIGNAL_SECRET, a token takes its seat back as resumed; with another secret it is a new peer', async () => {
		const first = await start({ resumeSecret: 'class-secret' });
		const a = await connect(first.url);
		a.send({ type: 'join', room: 'r1' });
		const b = await connect(first.url);
		b.send({ type: 'join', room: 'r1' });
		const callerToken = (await a.next('joined')).resume as string;
		const calleeToken = (await b.next('joined')).resume as string;
		await server!.close();

		const second = await start({ resumeSecret: 'class-secret' });
		const b2 = await connect(second.url);
		b2.send({ type: 'join', room: 'r1', resume: calleeToken, role: 'callee' });
		expect(await b2.next('joined')).toMatchObject({ role: 'callee', resumed: true });
		const a2 = await connect(second.url);
		a2.send({ type: 'join', room: 'r1', resume: callerToken, role: 'caller' });
		expect(await a2.next('joined')).toMatchObject({ role: 'caller', resumed: true });
		expect(await b2.next('peer-joined')).toMatchObject({ resumed: true });
		await server!.close();

		const third = await start({ resumeSecret: 'another-secret' });
		const b3 = await connect(third.url);
		b3.send({ type: 'join', room: 'r1', resume: calleeToken, role: 'callee' });
		const joined = await b3.next('joined');
		expect(joined).toMatchObject({ role: 'callee' });
		expect(joined).not.toHaveProperty('resumed');
	});

	it('seat theft: a stranger asking for a dropped callee’s role is a new peer to both sides; the token holder gets a freed seat back as resumed', async () => {
		const { url } = await start({ heartbeatMs: 50 });
		const proxy = await startProxy(Number(new URL(url).port));
		try {
			const caller = await connect(url);
			caller.send({ type: 'join', room: 'r1' });
			await caller.next('joined');
			// The callee drops silently (no close frame); the heartbeat frees its seat.
			const callee = await connect(proxy.url());
			callee.send({ type: 'join', room: 'r1' });
			const calleeJoined = await callee.next('joined');
			await caller.next('peer-joined');
			proxy.cutClients();
			expect(await caller.next('peer-left', 2_000)).toMatchObject({ peerId: calleeJoined.peerId });

			const stranger = await connect(url);
			stranger.send({ type: 'join', room: 'r1', role: 'callee', resume: 'A'.repeat(38) });
			const strangerJoined = await stranger.next('joined');
			expect(strangerJoined).toMatchObject({ role: 'callee', peers: [caller.received[0]!.peerId] });
			expect(strangerJoined).not.toHaveProperty('resumed');
			expect(await caller.next('peer-joined')).toEqual({
				type: 'peer-joined',
				peerId: strangerJoined.peerId
			});
			// The real callee's token does not take the seat from whoever holds it now.
			const late = await connect(url);
			late.send({ type: 'join', room: 'r1', resume: calleeJoined.resume, role: 'callee' });
			expect(await late.next('error')).toMatchObject({ code: 'room-full' });

			// Once the seat is free again, the token holder gets it back, announced as resumed.
			stranger.ws.close();
			await caller.next('peer-left');
			const back = await connect(url);
			back.send({ type: 'join', room: 'r1', resume: calleeJoined.resume, role: 'callee' });
			expect(await back.next('joined')).toMatchObject({ role: 'callee', resumed: true });
			expect(await caller.next('peer-joined')).toMatchObject({ resumed: true });
		} finally {
			await proxy.close();
		}
	});

	it('drops a peer that stops answering pings and tells the other side peer-left', async () => {
		const { url, signaling } = await start({ heartbeatMs: 100 });
		const { a, b } = await pair(url);
		// Stays connected at TCP level but never answers a ping, like a phone gone to sleep.
		const silent = await connect(url, { autoPong: false });
		silent.send({ type: 'join', room: 'r2' });
		await silent.next('joined');
		const peer = await connect(url);
		peer.send({ type: 'join', room: 'r2' });
		await peer.next('joined');
		const left = await peer.next('peer-left', 1_000);
		expect(left.peerId).toBe(silent.received[0]!.peerId);
		expect((await silent.closed).code).toBe(1006);
		// a and b answer pings automatically and stay.
		expect(a.ws.readyState).toBe(WebSocket.OPEN);
		expect(b.ws.readyState).toBe(WebSocket.OPEN);
		expect(signaling.stats()).toMatchObject({ connections: 3, rooms: 2 });
	});

	it('refuses a foreign Host with 403 even without an Origin (DNS rebinding)', async () => {
		const { url } = await start();
		const port = new URL(url).port;
		await expect(connect(url, { headers: { Host: `evil.example:${port}` } })).rejects.toThrow(
			'HTTP 403'
		);
		const own = await connect(url, { headers: { Host: `localhost:${port}` } });
		own.ws.close();
	});

	it('rejects a foreign Origin with 403, accepts its own, an allowed one and none', async () => {
		const { url } = await start({ allowedOrigins: ['https://lab.example.org'] });
		const own = url.replace('ws://', 'http://').replace('/signal', '');
		await expect(connect(url, { origin: 'https://evil.example' })).rejects.toThrow('HTTP 403');
		await expect(connect(url, { origin: 'null' })).rejects.toThrow('HTTP 403');
		for (const origin of [own, 'https://lab.example.org', undefined]) {
			const client = await connect(url, { origin });
			client.send({ type: 'join', room: 'o' });
			await client.next(() => true);
			client.ws.close();
		}
	});

	it('leaves other upgrade paths alone and refuses connections over the limit', async () => {
		const { url } = await start({ maxConnections: 1 });
		const first = await connect(url);
		await expect(connect(url)).rejects.toThrow('HTTP 503');
		first.ws.close();
		const other = new WebSocket(url.replace('/signal', '/elsewhere'));
		other.on('error', () => {});
		const outcome = await Promise.race([
			new Promise((resolve) => other.once('open', () => resolve('open'))),
			new Promise((resolve) => setTimeout(() => resolve('untouched'), 200))
		]);
		expect(outcome).toBe('untouched');
		other.terminate();
	});
});

describe('isOriginAllowed', () => {
	it.each([
		[undefined, 'localhost:3000', [], true],
		['http://localhost:3000', 'localhost:3000', [], true],
		['https://localhost:3000', 'localhost:3000', [], true],
		['http://LOCALHOST:3000', 'LocalHost:3000', [], true],
		['http://localhost:3001', 'localhost:3000', [], false],
		['http://127.0.0.1:3000', '127.0.0.1:3000', [], true],
		['http://192.168.1.20:3000', '192.168.1.20:3000', [], true],
		['http://[::1]:3000', '[::1]:3000', [], true],
		['http://lab.localhost:3000', 'lab.localhost:3000', [], true],
		// DNS rebinding: evil.example now resolves to 127.0.0.1; Origin and Host agree, yet no.
		['http://evil.example:3000', 'evil.example:3000', [], false],
		['https://lab.example.org', 'lab.example.org', ['https://lab.example.org'], true],
		['http://evil.example', 'localhost:3000', [], false],
		['http://evil.example', undefined, [], false],
		['null', 'localhost:3000', [], false],
		['not a url', 'localhost:3000', [], false],
		['https://a.example', 'localhost:3000', ['https://a.example'], true],
		['https://b.example', 'localhost:3000', ['*'], true]
	] as const)('%s on %s (allow %j) -> %s', (origin, host, list, expected) => {
		expect(isOriginAllowed(origin, host, list)).toBe(expected);
	});

	it.each([
		['localhost', true],
		['LOCALHOST.', true],
		['app.localhost', true],
		['127.0.0.1', true],
		['10.0.0.7', true],
		['[::1]', true],
		['[fe80::1]', true],
		['teacher-laptop', true],
		['teacher-laptop.local', true],
		['evil.example', false],
		['evil.local.example', false],
		['127.0.0.1.nip.io', false],
		['localhost.evil.example', false]
	] as const)('host %s is safe from DNS rebinding: %s', (host, expected) => {
		expect(isRebindingSafeHost(host)).toBe(expected);
	});

	it('parses SIGNAL_ALLOWED_ORIGINS', () => {
		expect(parseOriginList(' https://a.example/, http://b.example:8080 ,,')).toEqual([
			'https://a.example',
			'http://b.example:8080'
		]);
		expect(parseOriginList(undefined)).toEqual([]);
	});
});

describe('per-client limits', () => {
	it('refuses connections over the per-address limit with 429, while another address still gets in', async () => {
		const { url, signaling } = await start({ maxConnectionsPerAddress: 3 });
		const mine = [await connect(url), await connect(url), await connect(url)];
		await expect(connect(url)).rejects.toThrow('HTTP 429');
		const other = await connect(url, { localAddress: '127.0.0.2' });
		other.send({ type: 'join', room: 'elsewhere' });
		expect(await other.next('joined')).toMatchObject({ role: 'caller' });
		// A connection that closes gives its place back.
		mine[0]!.ws.close();
		await until(() => signaling.stats().connections === 3);
		(await connect(url)).ws.close();
	});

	it('limits the new rooms one address opens; joining an existing room is not limited', async () => {
		const { url } = await start({ roomRate: { burst: 2, perSecond: 0.001 } });
		for (const room of ['r1', 'r2']) {
			const client = await connect(url);
			client.send({ type: 'join', room });
			await client.next('joined');
		}
		const third = await connect(url);
		third.send({ type: 'join', room: 'r3' });
		expect(await third.next('error')).toMatchObject({ code: 'too-many-rooms' });
		third.send({ type: 'join', room: 'r1' });
		expect(await third.next('joined')).toMatchObject({ role: 'callee' });
		const other = await connect(url, { localAddress: '127.0.0.2' });
		other.send({ type: 'join', room: 'r3' });
		expect(await other.next('joined')).toMatchObject({ role: 'caller' });
	});

	it('closes a connection that joins no room in time with 4001', async () => {
		const { url } = await start({ joinTimeoutMs: 100 });
		const idle = await connect(url);
		expect(await idle.closed).toEqual({ code: 4001, reason: 'no join within 0.1 s' });
	});

	it('closes a joined connection that sends nothing with 4002 (pongs do not count); one that pings stays', async () => {
		const { url } = await start({ idleTimeoutMs: 200, heartbeatMs: 20 });
		const pinging = await connect(url);
		pinging.send({ type: 'join', room: 'r1' });
		await pinging.next('joined');
		const timer = setInterval(() => pinging.send({ type: 'ping' }), 40);
		try {
			// Answers every WebSocket ping by itself, like any library, and says nothing else.
			const silent = await connect(url);
			silent.send({ type: 'join', room: 'r1' });
			await silent.next('joined');
			const closed = await silent.closed;
			expect(closed.code).toBe(4002);
			expect(closed.reason).toMatch(/nothing received for 0.2 s/);
			expect(await pinging.next('peer-left')).toMatchObject({
				peerId: silent.received[0]!.peerId
			});
			expect(pinging.ws.readyState).toBe(WebSocket.OPEN);
			// No reply to a ping: it only keeps the connection.
			expect(pinging.received.map((m) => m.type)).toEqual(['joined', 'peer-joined', 'peer-left']);
		} finally {
			clearInterval(timer);
		}
	});
});

describe('log output', () => {
	it('1,000 refused upgrades with 8 KB Origins log a bounded amount, with a suppressed count', async () => {
		const lines: string[] = [];
		const { url, signaling } = await start({ log: (line) => lines.push(line) });
		// Tab and C1 CSI (`\u009b31m`: red, on many terminals) are what a header may carry.
		const origin = `https://${'a'.repeat(8 * 1024)}.example\t\u009b31mforged`;
		for (let batch = 0; batch < 10; batch++)
			await Promise.all(
				Array.from({ length: 100 }, () =>
					expect(connect(url, { origin })).rejects.toThrow('HTTP 403')
				)
			);
		signaling.close();
		const bytes = lines.reduce((sum, line) => sum + line.length, 0);
		expect(lines.length).toBeLessThan(40);
		expect(bytes).toBeLessThan(16 * 1024);
		for (const line of lines) {
			expect(line.length).toBeLessThan(600);
			// eslint-disable-next-line no-control-regex
			expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
		}
		const suppressed = lines
			.map((line) => /\(refused\) (\d+) similar lines suppressed/.exec(line)?.[1])
			.filter(Boolean)
			.reduce((sum, n) => sum + Number(n), 0);
		expect(suppressed + lines.filter((l) => l.startsWith('signaling: refused')).length).toBe(1_000);
	});
});

describe('addressKey', () => {
	it.each([
		[undefined, 'unknown'],
		['127.0.0.1', '127.0.0.1'],
		['::ffff:192.0.2.7', '192.0.2.7'],
		['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
		['2001:db8:1:2::1', '2001:db8:1:2::/64'],
		['2001:DB8:1:2::99', '2001:db8:1:2::/64'],
		['::1', '0:0:0:0::/64'],
		['fe80::1%eth0', 'fe80:0:0:0::/64']
	])('%s -> %s', (address, key) => {
		expect(addressKey(address)).toBe(key);
	});
});
