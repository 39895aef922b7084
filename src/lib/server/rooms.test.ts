import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	emptyRooms,
	join,
	leave,
	peersIn,
	relay,
	roomOf,
	type Delivery,
	type RoomsState
} from './rooms';

/** Applies joins in order and returns the final state. */
function joined(...pairs: [peer: string, room: string][]): RoomsState {
	return pairs.reduce((state, [peer, room]) => join(state, peer, room).state, emptyRooms());
}

describe('join', () => {
	it('makes the first peer the caller and tells it nobody is there', () => {
		const { state, deliveries } = join(emptyRooms(), 'a', 'r1');
		expect(deliveries).toEqual([
			{ to: 'a', message: { type: 'joined', room: 'r1', peerId: 'a', role: 'caller', peers: [] } }
		]);
		expect(roomOf(state, 'a')).toBe('r1');
	});

	it('makes the second peer the callee and tells the first', () => {
		const { state, deliveries } = join(joined(['a', 'r1']), 'b', 'r1');
		expect(deliveries).toEqual([
			{
				to: 'b',
				message: { type: 'joined', room: 'r1', peerId: 'b', role: 'callee', peers: ['a'] }
			},
			{ to: 'a', message: { type: 'peer-joined', peerId: 'b' } }
		]);
		expect(peersIn(state, 'r1')).toEqual(['a', 'b']);
	});

	it('refuses a third peer with room-full and changes nothing', () => {
		const before = joined(['a', 'r1'], ['b', 'r1']);
		const { state, deliveries } = join(before, 'c', 'r1');
		expect(state).toBe(before);
		expect(deliveries).toHaveLength(1);
		expect(deliveries[0]).toMatchObject({ to: 'c', message: { type: 'error', code: 'room-full' } });
	});

	it('refuses a second join on the same connection', () => {
		const before = joined(['a', 'r1']);
		const { state, deliveries } = join(before, 'a', 'r2');
		expect(state).toBe(before);
		expect(deliveries[0]).toMatchObject({ to: 'a', message: { code: 'already-joined' } });
	});

	it('does not mutate the previous state', () => {
		const before = joined(['a', 'r1']);
		join(before, 'b', 'r1');
		expect(peersIn(before, 'r1')).toEqual(['a']);
	});
});

describe('leave', () => {
	it('tells the other peer and frees the seat', () => {
		const { state, deliveries } = leave(joined(['a', 'r1'], ['b', 'r1']), 'a');
		expect(deliveries).toEqual([{ to: 'b', message: { type: 'peer-left', peerId: 'a' } }]);
		expect(peersIn(state, 'r1')).toEqual(['b']);
		expect(roomOf(state, 'a')).toBeUndefined();
	});

	it('gives a newcomer the seat that was freed, so a room never has two callees', () => {
		const afterLeave = leave(joined(['a', 'r1'], ['b', 'r1']), 'a').state;
		const { deliveries } = join(afterLeave, 'a2', 'r1');
		expect(deliveries[0]!.message).toMatchObject({ role: 'caller', peers: ['b'] });
		expect(deliveries[1]).toEqual({ to: 'b', message: { type: 'peer-joined', peerId: 'a2' } });
	});

	it('deletes an empty room', () => {
		const { state, deliveries } = leave(joined(['a', 'r1']), 'a');
		expect(deliveries).toEqual([]);
		expect(state.rooms.size).toBe(0);
		expect(state.peerRooms.size).toBe(0);
	});

	it('ignores a peer that never joined', () => {
		const before = joined(['a', 'r1']);
		expect(leave(before, 'zzz')).toEqual({ state: before, deliveries: [] });
	});
});

describe('relay', () => {
	const state = joined(['a', 'r1'], ['b', 'r1'], ['c', 'r2'], ['d', 'r2'], ['e', 'r3']);

	it('delivers to the other peer of the room with from added', () => {
		expect(relay(state, 'a', { type: 'offer', sdp: 'v=0' })).toEqual([
			{ to: 'b', message: { type: 'offer', sdp: 'v=0', from: 'a' } }
		]);
		expect(relay(state, 'b', { type: 'candidate', candidate: null })).toEqual([
			{ to: 'a', message: { type: 'candidate', candidate: null, from: 'b' } }
		]);
	});

	it('answers no-peer when alone and not-joined before join', () => {
		expect(relay(state, 'e', { type: 'bye' })).toEqual([
			{ to: 'e', message: expect.objectContaining({ type: 'error', code: 'no-peer' }) }
		]);
		expect(relay(state, 'x', { type: 'bye' })).toEqual([
			{ to: 'x', message: expect.objectContaining({ type: 'error', code: 'not-joined' }) }
		]);
	});

	it('never delivers outside the sender’s room (isolation law over all pairs)', () => {
		for (const sender of ['a', 'b', 'c', 'd', 'e', 'x']) {
			for (const { to, message } of relay(state, sender, { type: 'bye' })) {
				if (message.type === 'error') expect(to).toBe(sender);
				else expect(roomOf(state, to)).toBe(roomOf(state, sender));
			}
		}
	});
});

describe('taking a seat back', () => {
	const withTokens = () =>
		[
			['a', 'r1', 'token-of-a-0123456789'],
			['b', 'r1', 'token-of-b-0123456789']
		].reduce(
			(state, [peer, room, token]) => join(state, peer!, room!, { token }).state,
			emptyRooms()
		);

	it('gives each seat its token in joined, and nobody else’s', () => {
		const { deliveries } = join(emptyRooms(), 'a', 'r1', { token: 'token-of-a-0123456789' });
		expect(deliveries[0]!.message).toMatchObject({ resume: 'token-of-a-0123456789' });
		expect(JSON.stringify(join(withTokens(), 'c', 'r1').deliveries)).not.toContain('token-of');
	});

	it('a matching token evicts the stale holder: same seat, peer-left then peer-joined for the other', () => {
		const { state, deliveries, evicted } = join(withTokens(), 'a2', 'r1', {
			resume: 'token-of-a-0123456789',
			token: 'token-of-a2-012345678'
		});
		expect(evicted).toEqual(['a']);
		expect(deliveries).toEqual([
			{ to: 'b', message: { type: 'peer-left', peerId: 'a' } },
			{
				to: 'a2',
				message: {
					type: 'joined',
					room: 'r1',
					peerId: 'a2',
					role: 'caller',
					peers: ['b'],
					resume: 'token-of-a2-012345678',
					resumed: true
				}
			},
			{ to: 'b', message: { type: 'peer-joined', peerId: 'a2', resumed: true } }
		]);
		expect(roomOf(state, 'a')).toBeUndefined();
		expect(state.tokens.has('a')).toBe(false);
		expect(peersIn(state, 'r1')).toEqual(['a2', 'b']);
	});

	it('a token only works in its own room, and a wrong one changes nothing', () => {
		const before = join(withTokens(), 'z', 'r2', { token: 'token-of-z-0123456789' }).state;
		const elsewhere = join(before, 'a2', 'r2', { resume: 'token-of-a-0123456789' });
		expect(elsewhere.evicted).toBeUndefined();
		expect(elsewhere.deliveries[0]!.message).toMatchObject({ role: 'callee' });
		const wrong = join(before, 'c', 'r1', { resume: 'token-of-nobody-00000' });
		expect(wrong.state).toBe(before);
		expect(wrong.deliveries).toEqual([
			{ to: 'c', message: expect.objectContaining({ code: 'room-full' }) }
		]);
	});

	it('a stated role gets its seat when free (the callee back first after a restart), as a new peer', () => {
		const first = join(emptyRooms(), 'b', 'r1', { role: 'callee' });
		expect(first.deliveries[0]!.message).toMatchObject({ role: 'callee' });
		expect(first.deliveries[0]!.message).not.toHaveProperty('resumed');
		const second = join(first.state, 'a', 'r1', { role: 'caller' });
		expect(second.deliveries[0]!.message).toMatchObject({ role: 'caller', peers: ['b'] });
		// A newcomer without a role after a callee-only room gets the free caller seat.
		const newcomer = join(first.state, 'n', 'r1');
		expect(newcomer.deliveries[0]!.message).toMatchObject({ role: 'caller' });
	});
});

describe('seat theft', () => {
	// b, the callee, dropped silently; the heartbeat ended its connection and freed the seat.
	const freed = () =>
		leave(
			join(join(emptyRooms(), 'a', 'r1', { token: 'token-of-a-0123456789' }).state, 'b', 'r1', {
				token: 'token-of-b-0123456789'
			}).state,
			'b'
		).state;

	it('a stranger asking for the freed role gets the seat as a new peer, on both sides', () => {
		const { deliveries } = join(freed(), 'x', 'r1', { role: 'callee', token: 'token-of-x-01234' });
		expect(deliveries).toEqual([
			{
				to: 'x',
				message: {
					type: 'joined',
					room: 'r1',
					peerId: 'x',
					role: 'callee',
					peers: ['a'],
					resume: 'token-of-x-01234'
				}
			},
			{ to: 'a', message: { type: 'peer-joined', peerId: 'x' } }
		]);
	});

	it('a stranger with a token that proves nothing is a new peer too', () => {
		const { deliveries } = join(freed(), 'x', 'r1', {
			resume: 'token-of-nobody-00000',
			role: 'callee'
		});
		expect(deliveries[0]!.message).not.toHaveProperty('resumed');
		expect(deliveries[1]).toEqual({ to: 'a', message: { type: 'peer-joined', peerId: 'x' } });
	});

	it('a verified token takes its freed seat back as resumed, and is issued a token for it', () => {
		const { deliveries } = join(freed(), 'b2', 'r1', {
			resume: 'token-of-b-0123456789',
			resumeRole: 'callee',
			token: (role) => `fresh-token-for-${role}`
		});
		expect(deliveries).toEqual([
			{
				to: 'b2',
				message: {
					type: 'joined',
					room: 'r1',
					peerId: 'b2',
					role: 'callee',
					peers: ['a'],
					resume: 'fresh-token-for-callee',
					resumed: true
				}
			},
			{ to: 'a', message: { type: 'peer-joined', peerId: 'b2', resumed: true } }
		]);
	});

	it('a verified token for a seat someone else now holds takes nothing', () => {
		const taken = join(freed(), 'x', 'r1').state;
		const late = join(taken, 'b2', 'r1', {
			resume: 'token-of-b-0123456789',
			resumeRole: 'callee'
		});
		expect(late.state).toBe(taken);
		expect(late.deliveries).toEqual([
			{ to: 'b2', message: expect.objectContaining({ code: 'room-full' }) }
		]);
	});
});

// A model-based law over random sequences of join (with and without tokens or roles), leave and
// relay: every delivery goes to the sender or to a peer of the sender's room as it was before the
// step, seats never double up, and the indexes agree. Presence messages (peer-joined, peer-left)
// are covered as well as relays.
describe('isolation law over random histories', () => {
	const PEERS = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7'];
	const ROOMS = ['r0', 'r1', 'r2'];
	const step = fc.oneof(
		fc.record({
			kind: fc.constant('join' as const),
			peer: fc.constantFrom(...PEERS),
			room: fc.constantFrom(...ROOMS),
			resumeOf: fc.option(fc.constantFrom(...PEERS), { nil: undefined }),
			role: fc.option(fc.constantFrom('caller' as const, 'callee' as const), { nil: undefined })
		}),
		fc.record({ kind: fc.constant('leave' as const), peer: fc.constantFrom(...PEERS) }),
		fc.record({
			kind: fc.constant('relay' as const),
			peer: fc.constantFrom(...PEERS),
			type: fc.constantFrom('offer' as const, 'bye' as const)
		})
	);

	// About a second alone; allow for a busy machine.
	it('holds for 1,000 histories of 40 steps', { timeout: 30_000 }, () => {
		fc.assert(
			fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
				let state = emptyRooms();
				let serial = 0;
				for (const s of steps) {
					const before = state;
					const roomBefore = (peer: string) => roomOf(before, peer);
					let deliveries: Delivery[];
					let evicted: string[] = [];
					if (s.kind === 'join') {
						const resume = s.resumeOf ? before.tokens.get(s.resumeOf) : undefined;
						const next = join(before, s.peer, s.room, {
							resume,
							role: s.role,
							token: `token-${String(serial++).padStart(16, '0')}`
						});
						state = next.state;
						deliveries = next.deliveries;
						evicted = next.evicted ?? [];
						// Only a seat of the room joined can be taken back.
						for (const peer of evicted) expect(roomBefore(peer)).toBe(s.room);
					} else if (s.kind === 'leave') {
						const next = leave(before, s.peer);
						state = next.state;
						deliveries = next.deliveries;
					} else {
						deliveries = relay(
							before,
							s.peer,
							s.type === 'offer' ? { type: 'offer', sdp: 'v=0' } : { type: 'bye' }
						);
					}
					const senderRoom = s.kind === 'join' ? s.room : roomBefore(s.peer);
					for (const { to, message } of deliveries) {
						if (to === s.peer) continue;
						// Anyone else who hears of it was in the sender's room before the step.
						expect({ to, type: message.type, room: roomBefore(to) }).toEqual({
							to,
							type: message.type,
							room: senderRoom
						});
					}
					// Seats: at most two, one caller and one callee, and both indexes agree.
					for (const [room, seats] of state.rooms) {
						expect(seats.caller === null && seats.callee === null).toBe(false);
						expect(seats.caller === null || seats.caller !== seats.callee).toBe(true);
						for (const peer of [seats.caller, seats.callee])
							if (peer !== null) expect(state.peerRooms.get(peer)).toBe(room);
					}
					for (const [peer, room] of state.peerRooms) expect(peersIn(state, room)).toContain(peer);
					expect([...state.tokens.keys()].every((peer) => state.peerRooms.has(peer))).toBe(true);
				}
			}),
			{ seed: 4_2024, numRuns: 1_000 }
		);
	});
});
