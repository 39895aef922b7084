// Signaling rooms as pure state transitions: (state, what a peer did) -> (new state, messages to
// deliver). No sockets here; src/lib/server/signaling.ts performs the deliveries. Every delivery
// goes to a peer of the sender's own room, which is what the isolation tests check.
//
// A room has two seats. The first peer to join a fresh room takes the caller seat (it makes the
// offer); the second takes the callee seat. When one leaves, the seat it held is the one the next
// peer gets, so a caller that reconnects is the caller again and a room never has two callees.

import type {
	ErrorMessage,
	JoinedMessage,
	RelayMessage,
	Relayed,
	Role
} from '../core/signaling/protocol';
import { errorMessage } from '../core/signaling/protocol';

export interface Room {
	readonly caller: string | null;
	readonly callee: string | null;
}

export interface RoomsState {
	readonly rooms: ReadonlyMap<string, Room>;
	/** Which room each joined peer is in. */
	readonly peerRooms: ReadonlyMap<string, string>;
}

export type Outgoing =
	| JoinedMessage
	| { type: 'peer-joined'; peerId: string }
	| { type: 'peer-left'; peerId: string }
	| Relayed
	| ErrorMessage;

/** A message for one peer. */
export interface Delivery {
	to: string;
	message: Outgoing;
}

export interface Transition {
	state: RoomsState;
	deliveries: Delivery[];
}

export const emptyRooms = (): RoomsState => ({ rooms: new Map(), peerRooms: new Map() });

const membersOf = (room: Room): string[] =>
	[room.caller, room.callee].filter((p): p is string => p !== null);

/** The room a peer is in, or undefined. */
export const roomOf = (state: RoomsState, peerId: string): string | undefined =>
	state.peerRooms.get(peerId);

/** Peers in a room, caller first. */
export const peersIn = (state: RoomsState, room: string): string[] => {
	const found = state.rooms.get(room);
	return found ? membersOf(found) : [];
};

/**
 * `peerId` asks to join `room`. On success it gets `joined` (with the peers already there) and
 * the other peer gets `peer-joined`; a full room answers `room-full` and changes nothing.
 */
export function join(state: RoomsState, peerId: string, room: string): Transition {
	if (state.peerRooms.has(peerId))
		return { state, deliveries: [{ to: peerId, message: errorMessage('already-joined') }] };
	const current = state.rooms.get(room) ?? { caller: null, callee: null };
	const role: Role | null =
		current.caller === null ? 'caller' : current.callee === null ? 'callee' : null;
	if (role === null)
		return { state, deliveries: [{ to: peerId, message: errorMessage('room-full') }] };

	const others = membersOf(current);
	const rooms = new Map(state.rooms);
	rooms.set(room, { ...current, [role]: peerId });
	const peerRooms = new Map(state.peerRooms);
	peerRooms.set(peerId, room);
	return {
		state: { rooms, peerRooms },
		deliveries: [
			{ to: peerId, message: { type: 'joined', room, peerId, role, peers: others } },
			...others.map((to) => ({ to, message: { type: 'peer-joined' as const, peerId } }))
		]
	};
}

/** `peerId` disconnected (or was found dead): the other peer of its room gets `peer-left`. */
export function leave(state: RoomsState, peerId: string): Transition {
	const room = state.peerRooms.get(peerId);
	if (room === undefined) return { state, deliveries: [] };
	const current = state.rooms.get(room) ?? { caller: null, callee: null };
	const next: Room = {
		caller: current.caller === peerId ? null : current.caller,
		callee: current.callee === peerId ? null : current.callee
	};
	const rooms = new Map(state.rooms);
	if (next.caller === null && next.callee === null) rooms.delete(room);
	else rooms.set(room, next);
	const peerRooms = new Map(state.peerRooms);
	peerRooms.delete(peerId);
	return {
		state: { rooms, peerRooms },
		deliveries: membersOf(next).map((to) => ({
			to,
			message: { type: 'peer-left' as const, peerId }
		}))
	};
}

/**
 * `peerId` sends offer / answer / candidate / bye: it goes to the other peer of the same room with
 * `from` added. Not in a room -> `not-joined`; alone in the room -> `no-peer`. State never changes.
 */
export function relay(state: RoomsState, peerId: string, message: RelayMessage): Delivery[] {
	const room = state.peerRooms.get(peerId);
	if (room === undefined) return [{ to: peerId, message: errorMessage('not-joined') }];
	const current = state.rooms.get(room);
	const other = current?.caller === peerId ? current.callee : current?.caller;
	if (other === null || other === undefined)
		return [{ to: peerId, message: errorMessage('no-peer') }];
	return [{ to: other, message: { ...message, from: peerId } }];
}
