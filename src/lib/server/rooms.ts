// Signaling rooms as pure state transitions: (state, what a peer did) -> (new state, messages to
// deliver). No sockets here; src/lib/server/signaling.ts performs the deliveries. Every delivery
// goes to a peer of the sender's own room, which is what the isolation tests check.
//
// A room has two seats. The first peer to join a fresh room takes the caller seat (it makes the
// offer); the second takes the callee seat. When one leaves, the seat it held is the one the next
// peer gets, so a caller that reconnects is the caller again and a room never has two callees.
//
// Reconnects. A phone that leaves Wi-Fi or a laptop that sleeps drops its TCP connection without
// a close frame: the server keeps its seat until the heartbeat notices (10–20 s). So each `joined`
// carries a resume token for the seat, and a `join` that presents it takes the seat back at once:
// the stale connection is evicted (the server terminates it) and the other peer hears `peer-left`
// then `peer-joined`, so it knows to send again what may have been lost. A token is also good for
// its own seat once that seat is free (the heartbeat ended the stale connection, or the server
// restarted with the same secret): the server checks it (an HMAC, signaling.ts) and says which
// seat it proves as `resumeRole`. Only a token resumes: a `join` may name the role it had, and
// gets that seat if it is free — so the caller stays the caller whichever side comes back first
// after a restart — but without a token it is announced as a new peer, never as `resumed`, so a
// stranger who asks for a dropped peer's role cannot pass for it.

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
	/** Each joined peer's resume token (secret: only that peer was told it). */
	readonly tokens: ReadonlyMap<string, string>;
}

/** What a `join` may bring besides the room: see the header comment. */
export interface JoinOptions {
	/** The token from this peer's last `joined`. */
	resume?: string;
	/**
	 * The seat of this room that `resume` was verified for (signaling.ts checks its HMAC), or
	 * undefined when it proves nothing. Lets a token take back its seat once the seat is free.
	 */
	resumeRole?: Role;
	/** The role this peer had, asked for again after a reconnect. */
	role?: Role;
	/**
	 * The token to give the new seat, or a function that makes it for the seat given (the caller
	 * of `join` draws it from a secure random source, signed for the room and role).
	 */
	token?: string | ((role: Role) => string);
}

export type Outgoing =
	| JoinedMessage
	| { type: 'peer-joined'; peerId: string; resumed?: boolean }
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
	/** Stale connections whose seat was taken back with a resume token: close them, silently. */
	evicted?: string[];
}

export const emptyRooms = (): RoomsState => ({
	rooms: new Map(),
	peerRooms: new Map(),
	tokens: new Map()
});

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
 * With `options.resume` matching a seat of this room, that seat's stale holder is evicted first
 * (it `leave`s, so the other peer hears `peer-left`) and `peerId` takes the same seat.
 */
export function join(
	state: RoomsState,
	peerId: string,
	room: string,
	options: JoinOptions = {}
): Transition {
	if (state.peerRooms.has(peerId))
		return { state, deliveries: [{ to: peerId, message: errorMessage('already-joined') }] };
	let before = state;
	const deliveries: Delivery[] = [];
	const evicted: string[] = [];
	const seated = state.rooms.get(room);
	const stale = options.resume
		? seated && membersOf(seated).find((p) => state.tokens.get(p) === options.resume)
		: undefined;
	let role: Role | null = null;
	let resumed = false;
	if (stale !== undefined) {
		resumed = true;
		role = seated?.caller === stale ? 'caller' : 'callee';
		const left = leave(before, stale);
		before = left.state;
		deliveries.push(...left.deliveries);
		evicted.push(stale);
	}
	const current = before.rooms.get(room) ?? { caller: null, callee: null };
	// A verified token whose seat is free: the same peer, back after its seat was freed.
	if (role === null && options.resumeRole && current[options.resumeRole] === null) {
		role = options.resumeRole;
		resumed = true;
	}
	if (role === null && options.role && current[options.role] === null) role = options.role;
	if (role === null)
		role = current.caller === null ? 'caller' : current.callee === null ? 'callee' : null;
	if (role === null)
		return { state, deliveries: [{ to: peerId, message: errorMessage('room-full') }] };

	const others = membersOf(current);
	const rooms = new Map(before.rooms);
	rooms.set(room, { ...current, [role]: peerId });
	const peerRooms = new Map(before.peerRooms);
	peerRooms.set(peerId, room);
	const tokens = new Map(before.tokens);
	const token = typeof options.token === 'function' ? options.token(role) : options.token;
	if (token) tokens.set(peerId, token);
	const joined: JoinedMessage = { type: 'joined', room, peerId, role, peers: others };
	if (token) joined.resume = token;
	if (resumed) joined.resumed = true;
	return {
		state: { rooms, peerRooms, tokens },
		deliveries: [
			...deliveries,
			{ to: peerId, message: joined },
			...others.map((to) => ({
				to,
				message: resumed
					? { type: 'peer-joined' as const, peerId, resumed: true }
					: { type: 'peer-joined' as const, peerId }
			}))
		],
		...(evicted.length ? { evicted } : {})
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
	const tokens = new Map(state.tokens);
	tokens.delete(peerId);
	return {
		state: { rooms, peerRooms, tokens },
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
