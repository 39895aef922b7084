// Fuzz: 12,000 random and mutated frames from 20 clients in 8+ rooms against the real server.
// Laws: no message ever reaches a peer of another room, every connection stays open and usable,
// and the server is alive afterwards. Deterministic (fast-check with a fixed seed).

import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
	connect,
	startTestServer,
	type Received,
	type TestClient,
	type TestServer
} from '../../../tests/signaling-harness';

const SEED = 20_240_611;
const FRAMES = 12_000;
const ROOMS = ['fuzz-0', 'fuzz-1', 'fuzz-2', 'fuzz-3', 'fuzz-4', 'fuzz-5', 'fuzz-6', 'fuzz-7'];

const sdp = fc.oneof(
	fc.constant('v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n'),
	fc.string({ maxLength: 200 })
);
const candidateInit = fc.record(
	{
		candidate: fc.oneof(
			fc.constant('candidate:842163049 1 udp 1677729535 192.0.2.3 54321 typ srflx'),
			fc.string({ maxLength: 140 })
		),
		sdpMid: fc.oneof(fc.constant('0'), fc.constant(null), fc.integer()),
		sdpMLineIndex: fc.oneof(fc.nat(3), fc.constant(null), fc.integer(), fc.double())
	},
	{ requiredKeys: [] }
);
const roomName = fc.oneof(fc.constantFrom(...ROOMS, 'elsewhere', ''), fc.string({ maxLength: 70 }));
// Resume tokens: well-formed but unsigned, malformed, or of the signed length (38) with any bytes.
const resumeToken = fc.oneof(
	fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/),
	fc.stringMatching(/^[A-Za-z0-9_-]{38}$/),
	fc.string({ maxLength: 70 })
);
const message = fc.oneof(
	fc.record(
		{
			type: fc.constant('join'),
			room: roomName,
			resume: resumeToken,
			role: fc.oneof(fc.constantFrom('caller', 'callee'), fc.string({ maxLength: 8 }))
		},
		{ requiredKeys: ['type', 'room'] }
	),
	fc.record({ type: fc.constant('ping') }),
	fc.record({ type: fc.constantFrom('offer', 'answer'), sdp }),
	fc.record({
		type: fc.constant('candidate'),
		candidate: fc.oneof(fc.constant(null), candidateInit)
	}),
	fc.record({ type: fc.constant('bye'), from: fc.string({ maxLength: 10 }) }),
	fc.record({
		type: fc.oneof(fc.constantFrom('joined', 'peer-left', 'error', '__proto__'), fc.string()),
		room: roomName,
		peerId: fc.string({ maxLength: 10 })
	})
);

/** Byte-level damage to a valid frame: truncate, insert, delete, or swap a character. */
const mutated = fc
	.tuple(
		message,
		fc.nat(),
		fc.constantFrom('cut', 'insert', 'delete', 'swap'),
		fc.string({ minLength: 1, maxLength: 3 })
	)
	.map(([m, at, how, text]) => {
		const json = JSON.stringify(m);
		const i = at % (json.length + 1);
		if (how === 'cut') return json.slice(0, i);
		if (how === 'insert') return json.slice(0, i) + text + json.slice(i);
		if (how === 'delete') return json.slice(0, i) + json.slice(i + 1);
		return json.slice(0, i) + text[0] + json.slice(i + 1);
	});

const frame = fc.oneof(
	{ weight: 3, arbitrary: message.map((m) => JSON.stringify(m)) },
	{ weight: 3, arbitrary: mutated },
	{ weight: 1, arbitrary: fc.json() },
	{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
	{
		weight: 1,
		arbitrary: fc.string({ maxLength: 64 * 1024 - 10 }).map((s) => s.repeat(50).slice(0, 60_000))
	}
);

let server: TestServer;
beforeAll(async () => {
	// Every fuzz client comes from loopback: the per-address limits would refuse the churn.
	server = await startTestServer({
		allowedOrigins: [],
		rateLimit: { burst: 1e9, perSecond: 1e9 },
		maxConnectionsPerAddress: 1e4,
		roomRate: { burst: 1e9, perSecond: 1e9 }
	});
});
afterAll(() => server.close());

it(`keeps rooms isolated under ${FRAMES} random and mutated frames`, async () => {
	const clients: TestClient[] = [];
	// Two per room for 8 rooms, plus 4 that start outside any room.
	for (const room of ROOMS)
		for (let i = 0; i < 2; i++) {
			const client = await connect(server.url);
			client.send({ type: 'join', room });
			await client.next('joined');
			clients.push(client);
		}
	for (let i = 0; i < 4; i++) clients.push(await connect(server.url));

	const total = () => clients.reduce((sum, client) => sum + client.received.length, 0);
	// The joins' own replies, before any fuzz frame.
	const setup = total();

	const frames = fc.sample(frame, { numRuns: FRAMES, seed: SEED });
	expect(frames.length).toBe(FRAMES);
	frames.forEach((text, i) => clients[i % clients.length]!.ws.send(text));

	// Settled = nothing new for 300 ms, after the first replies to the frames arrived (a loaded CI
	// machine may take longer than one interval to answer at all).
	for (
		let last = -1, rounds = 0;
		(last !== total() || total() === setup) && rounds < 100;
		rounds++
	) {
		last = total();
		await new Promise((resolve) => setTimeout(resolve, 300));
	}

	// Who is in which room, from the server's own `joined` replies.
	const roomOfPeer = new Map<string, string>();
	const joinedBy = new Map<TestClient, Received>();
	for (const client of clients) {
		const joined = client.received.filter((m) => m.type === 'joined');
		expect(joined.length).toBeLessThanOrEqual(1); // a second join is always refused
		if (joined[0]) {
			roomOfPeer.set(joined[0].peerId as string, joined[0].room as string);
			joinedBy.set(client, joined[0]);
		}
	}
	let relayed = 0;
	let errors = 0;
	for (const client of clients) {
		const own = joinedBy.get(client);
		for (const m of client.received) {
			if (m.type === 'error' || m.type === 'joined') {
				errors += m.type === 'error' ? 1 : 0;
				continue;
			}
			// Anything else names another peer: it must be in the receiver's room.
			expect(own, `a client outside any room received ${m.type}`).toBeDefined();
			const other = (m.from ?? m.peerId) as string;
			expect(roomOfPeer.get(other)).toBe(own!.room);
			expect(other).not.toBe(own!.peerId);
			relayed += m.from ? 1 : 0;
		}
	}
	const kinds = clients
		.flatMap((c) => c.received.map((m) => (m.type === 'error' ? m.code : m.type)))
		.reduce<Record<string, number>>((n, k) => ({ ...n, [String(k)]: (n[String(k)] ?? 0) + 1 }), {});
	expect(relayed, `replies by kind: ${JSON.stringify(kinds)}`).toBeGreaterThan(500);
	expect(errors).toBeGreaterThan(1_000);

	// Every connection is still open and usable, and the server takes new peers.
	for (const client of clients) expect(client.ws.readyState).toBe(client.ws.OPEN);
	const [x, y] = [await connect(server.url), await connect(server.url)];
	x.send({ type: 'join', room: 'after-fuzz' });
	await x.next('joined');
	y.send({ type: 'join', room: 'after-fuzz' });
	await y.next('joined');
	x.send({ type: 'offer', sdp: 'alive' });
	expect(await y.next('offer')).toMatchObject({
		sdp: 'alive',
		from: (x.received[0] as Received).peerId
	});
	for (const client of [...clients, x, y]) client.ws.close();
}, 60_000);

// Churn: peers leave (cleanly or by dropping the TCP connection), others join or take a seat back
// with a resume token (their own, or a stale or foreign one), some send frames over 64 KiB, all
// between fuzz frames. Presence messages (peer-joined, peer-left) must stay in their room too.
it('keeps rooms isolated while peers leave, rejoin and resume', async () => {
	// mulberry32: a tiny seeded generator, so the churn is the same on every run.
	let seed = SEED;
	const random = () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
	const everyone: TestClient[] = [];
	const live = new Set<TestClient>();
	const tokens: string[] = [];
	const oversized = new Set<TestClient>();

	async function arrive() {
		const client = await connect(server.url);
		everyone.push(client);
		live.add(client);
		const roll = random();
		const join: Record<string, unknown> = { type: 'join', room: pick(ROOMS.slice(0, 4)) };
		if (roll < 0.4 && tokens.length) join.resume = pick(tokens);
		if (roll > 0.7) join.role = pick(['caller', 'callee']);
		client.send(join);
		const reply = await client.next((m) => m.type === 'joined' || m.type === 'error');
		if (typeof reply.resume === 'string') tokens.push(reply.resume);
	}

	for (let i = 0; i < 8; i++) await arrive();
	const frames = fc.sample(frame, { numRuns: 3_000, seed: SEED + 1 });
	for (let round = 0; round < 30; round++) {
		for (let i = 0; i < 2; i++) {
			const leaving = pick([...live]);
			live.delete(leaving);
			if (random() < 0.5) leaving.ws.close();
			else leaving.ws.terminate();
		}
		for (let i = 0; i < 2; i++) await arrive();
		if (round % 5 === 0) {
			const big = pick([...live]);
			live.delete(big);
			oversized.add(big);
			big.ws.send('x'.repeat(64 * 1024 + 1));
		}
		const senders = [...live];
		for (const text of frames.slice(round * 100, round * 100 + 100)) pick(senders).ws.send(text);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	for (let last = -1, rounds = 0; rounds < 100; rounds++) {
		const now = everyone.reduce((sum, client) => sum + client.received.length, 0);
		if (now === last) break;
		last = now;
		await new Promise((resolve) => setTimeout(resolve, 300));
	}

	const roomOfPeer = new Map<string, string>();
	for (const client of everyone)
		for (const m of client.received)
			if (m.type === 'joined') roomOfPeer.set(m.peerId as string, m.room as string);
	const presence = { 'peer-joined': 0, 'peer-left': 0, relayed: 0 };
	for (const client of everyone) {
		const own = client.received.find((m) => m.type === 'joined');
		for (const m of client.received) {
			if (m.type === 'error' || m.type === 'joined') continue;
			expect(own, `a client outside any room received ${m.type}`).toBeDefined();
			const other = (m.from ?? m.peerId) as string;
			expect({ type: m.type, room: roomOfPeer.get(other) }).toEqual({
				type: m.type,
				room: own!.room
			});
			if (m.type === 'peer-joined' || m.type === 'peer-left') presence[m.type] += 1;
			else presence.relayed += 1;
		}
	}
	expect(presence['peer-joined']).toBeGreaterThan(10);
	expect(presence['peer-left']).toBeGreaterThan(10);
	expect(presence.relayed).toBeGreaterThan(100);
	// An oversized frame closes that socket (1009) and only that one.
	for (const client of oversized) expect((await client.closed).code).toBe(1009);
	for (const client of live) expect(client.ws.readyState).toBe(client.ws.OPEN);
	for (const client of everyone) client.ws.close();
}, 60_000);
