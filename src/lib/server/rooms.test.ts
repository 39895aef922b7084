import { describe, expect, it } from 'vitest';
import { emptyRooms, join, leave, peersIn, relay, roomOf, type RoomsState } from './rooms';

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
