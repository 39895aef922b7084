// The signaling transport over our WebSocket server (`/signal`, docs/signaling.md): joins one
// room, validates what arrives with the shared schema, and when the socket drops reconnects with
// exponential backoff and jitter and joins the room again, reporting each step so the page can
// say "Reconnecting in 2 s (attempt 3)…". It carries signaling messages only: it never touches
// RTCPeerConnection. Works in browsers and in Node (pass `WebSocket` from the `ws` package).
//
// Imports are relative so the Node peer (src/lib/peers/node-peer.ts) can bundle it without
// SvelteKit's `$lib` alias.

import {
	CLIENT_PING_MS,
	isRoomId,
	parseServerMessage,
	type JoinedMessage,
	type RelayMessage,
	type ServerMessage
} from '../../core/signaling/protocol';

/**
 * Why the socket dropped or the connection ended, as data: the page words it in the learner's
 * language (lab/remote-notices.ts), a log can print it as JSON.
 */
export type SignalingReason =
	/** The socket closed: its close code (1006 = dropped without a closing handshake) and reason. */
	| { kind: 'socket-closed'; code: number; reason?: string }
	/** The socket could not even be opened; `message` is the runtime's own (e.g. a SyntaxError). */
	| { kind: 'socket-failed'; message: string }
	/** The server sent no `joined` within the join timeout. */
	| { kind: 'no-reply' }
	/** `drop()` was called (the lab's "drop signaling" button). */
	| { kind: 'dropped-on-purpose' }
	/** A rejoin found the room full (our own stale seat, freed within two heartbeats). */
	| { kind: 'room-full-rejoining' }
	/** The server refused the join (`room-full`, `invalid-room`); `message` is its own text. */
	| { kind: 'refused'; code: string; message?: string }
	/** `close()` was called, or the page (tab) closed. */
	| { kind: 'closed-by-page' }
	/** This environment has no WebSocket at all. */
	| { kind: 'no-websocket' }
	/** `maxAttempts` failed attempts in a row; `last` is why the last one failed. */
	| { kind: 'gave-up'; attempts: number; last: SignalingReason };

export type SignalingStatus =
	/** Opening the socket (attempt 1 is the first connection). */
	| { state: 'connecting'; attempt: number }
	/** Socket open and the room joined (`resumed`: the server gave back our earlier seat). */
	| { state: 'open'; peerId: string; role: JoinedMessage['role']; resumed?: boolean }
	/** The socket dropped; the next attempt starts after `delayMs`. */
	| { state: 'reconnecting'; attempt: number; delayMs: number; reason: SignalingReason }
	/** Finished: `close()` was called, or the server refused the room (`room-full`, …). */
	| { state: 'closed'; reason: SignalingReason; code?: string };

export interface Backoff {
	/** Delay before the first retry. */
	initialMs: number;
	/** Upper bound of the delay. */
	maxMs: number;
	/** Growth per attempt. */
	factor: number;
}

export const DEFAULT_BACKOFF: Backoff = { initialMs: 500, maxMs: 10_000, factor: 2 };

/**
 * Delay before reconnect attempt `attempt` (1, 2, 3 …): exponential growth capped at `maxMs`, with
 * "equal jitter" — half fixed, half random — so a class of clients that lost the server at the
 * same moment do not all come back at the same moment (AWS Architecture Blog, "Exponential
 * Backoff And Jitter", 2015). `random` returns [0, 1).
 */
export function backoffDelay(attempt: number, backoff: Backoff, random: () => number): number {
	const base = Math.min(
		backoff.maxMs,
		backoff.initialMs * backoff.factor ** Math.max(0, attempt - 1)
	);
	return Math.round(base / 2 + (random() * base) / 2);
}

/** `ws://host/signal` or `wss://host/signal` for a page location (same origin and port). */
export function signalingUrl(location: { protocol: string; host: string }, path = '/signal') {
	return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`;
}

/** The part of the WebSocket API we use; browsers' WebSocket and `ws`'s both have it. */
interface WebSocketLike {
	readonly readyState: number;
	send(data: string): void;
	close(code?: number, reason?: string): void;
	onopen: ((event: unknown) => void) | null;
	onclose: ((event: { code: number; reason: string }) => void) | null;
	onerror: ((event: unknown) => void) | null;
	onmessage: ((event: { data: unknown }) => void) | null;
}
/**
 * A WebSocket constructor: the browser's, or `WebSocket` from the `ws` package in Node. Typed
 * loosely because the two declare their event handlers with different event types.
 */
export type WebSocketFactory = new (url: string) => unknown;

export interface SignalingOptions {
	/** `ws(s)://host/signal`; see `signalingUrl`. */
	url: string;
	room: string;
	/** Every valid server message, including `joined`, `peer-left` and `error`. */
	onMessage: (message: ServerMessage) => void;
	onStatus?: (status: SignalingStatus) => void;
	/** A frame that does not fit the protocol (ignored otherwise). */
	onInvalid?: (data: unknown) => void;
	/** Default: the global WebSocket. */
	WebSocket?: WebSocketFactory;
	backoff?: Backoff;
	/** Give up (status `closed`) after this many failed attempts in a row. Default: never. */
	maxAttempts?: number;
	/** No `joined` this long after the socket opened -> treat as a drop. Default 10 s. */
	joinTimeoutMs?: number;
	/**
	 * Sends `{"type":"ping"}` this often while the socket is open, so the server, which closes
	 * connections that send nothing, keeps a quiet one (a call in progress needs no signaling).
	 * Default `CLIENT_PING_MS` (25 s).
	 */
	pingMs?: number;
	random?: () => number;
}

export interface SignalingConnection {
	/** Sends a relay message; false (not sent) unless the room is joined. */
	send(message: RelayMessage): boolean;
	/** Closes for good: no more reconnects. */
	close(): void;
	/** Closes the socket as a network failure would, so the reconnect path runs (tests, demos). */
	drop(): void;
	readonly status: SignalingStatus;
}

/**
 * Server refusals that reconnecting cannot fix — on the first join. Once we have been in the room,
 * `room-full` on a rejoin means our own stale connection (or a newcomer) still holds a seat: the
 * server frees a dead connection's seat within two heartbeats, so we keep retrying with backoff.
 */
const FATAL_JOIN_ERRORS = new Set(['room-full', 'invalid-room']);
const OPEN = 1;

/** Connects, joins `room`, and keeps the connection alive until `close()`. */
export function connectSignaling(options: SignalingOptions): SignalingConnection {
	const Socket = (options.WebSocket ??
		(globalThis as { WebSocket?: WebSocketFactory }).WebSocket ??
		null) as (new (url: string) => WebSocketLike) | null;
	const backoff = options.backoff ?? DEFAULT_BACKOFF;
	const random = options.random ?? Math.random;
	const joinTimeoutMs = options.joinTimeoutMs ?? 10_000;
	const pingMs = options.pingMs ?? CLIENT_PING_MS;

	let socket: WebSocketLike | null = null;
	let joined = false;
	/** From the last `joined`: presented on every rejoin to get the same seat and role back. */
	let seat: { resume?: string; role: JoinedMessage['role'] } | null = null;
	let finished = false;
	let attempt = 0;
	let retryTimer: ReturnType<typeof setTimeout> | undefined;
	let joinTimer: ReturnType<typeof setTimeout> | undefined;
	let pingTimer: ReturnType<typeof setInterval> | undefined;
	let status: SignalingStatus = { state: 'connecting', attempt: 1 };

	function report(next: SignalingStatus) {
		status = next;
		options.onStatus?.(next);
	}

	function finish(reason: SignalingReason, code?: string) {
		if (finished) return;
		finished = true;
		clearTimeout(retryTimer);
		clearTimeout(joinTimer);
		// The close frame's reason (at most 123 bytes, RFC 6455 §5.5): the kind, in ASCII.
		detach()?.close(1000, reason.kind);
		report(code ? { state: 'closed', reason, code } : { state: 'closed', reason });
	}

	/** Forgets the current socket (its late events are ignored) and returns it. */
	function detach(): WebSocketLike | null {
		const old = socket;
		socket = null;
		joined = false;
		clearInterval(pingTimer);
		if (old) old.onopen = old.onclose = old.onerror = old.onmessage = null;
		return old;
	}

	function dropped(reason: SignalingReason) {
		clearTimeout(joinTimer);
		detach()?.close();
		if (finished) return;
		if (options.maxAttempts !== undefined && attempt >= options.maxAttempts) {
			finish({ kind: 'gave-up', attempts: attempt, last: reason });
			return;
		}
		const delayMs = backoffDelay(attempt, backoff, random);
		report({ state: 'reconnecting', attempt: attempt + 1, delayMs, reason });
		retryTimer = setTimeout(open, delayMs);
	}

	function open() {
		if (finished) return;
		attempt += 1;
		report({ state: 'connecting', attempt });
		if (!Socket) {
			finish({ kind: 'no-websocket' });
			return;
		}
		let ws: WebSocketLike;
		try {
			ws = new Socket(options.url);
		} catch (error) {
			dropped({ kind: 'socket-failed', message: String((error as Error)?.message ?? error) });
			return;
		}
		socket = ws;
		ws.onopen = () => {
			ws.send(JSON.stringify({ type: 'join', room: options.room, ...seat }));
			joinTimer = setTimeout(() => dropped({ kind: 'no-reply' }), joinTimeoutMs);
			pingTimer = setInterval(() => {
				if (ws.readyState === OPEN) ws.send('{"type":"ping"}');
			}, pingMs);
		};
		ws.onclose = (event) =>
			dropped({
				kind: 'socket-closed',
				code: event.code,
				...(event.reason ? { reason: event.reason } : {})
			});
		// 'error' is always followed by 'close' in both APIs; 'close' does the work.
		ws.onerror = () => {};
		ws.onmessage = (event) => {
			const message = typeof event.data === 'string' ? parseServerMessage(event.data) : null;
			if (!message) {
				options.onInvalid?.(event.data);
				return;
			}
			if (message.type === 'joined') {
				clearTimeout(joinTimer);
				joined = true;
				attempt = 0;
				seat = message.resume
					? { resume: message.resume, role: message.role }
					: { role: message.role };
				report({
					state: 'open',
					peerId: message.peerId,
					role: message.role,
					...(message.resumed ? { resumed: true } : {})
				});
			}
			options.onMessage(message);
			if (message.type === 'error' && !joined && FATAL_JOIN_ERRORS.has(message.code)) {
				if (seat && message.code === 'room-full') dropped({ kind: 'room-full-rejoining' });
				else
					finish({ kind: 'refused', code: message.code, message: message.message }, message.code);
			}
		};
	}

	if (!isRoomId(options.room)) {
		queueMicrotask(() => finish({ kind: 'refused', code: 'invalid-room' }, 'invalid-room'));
	} else {
		open();
	}

	return {
		send(message) {
			if (!joined || !socket || socket.readyState !== OPEN) return false;
			socket.send(JSON.stringify(message));
			return true;
		},
		close: () => finish({ kind: 'closed-by-page' }),
		drop() {
			if (!finished && socket) dropped({ kind: 'dropped-on-purpose' });
		},
		get status() {
			return status;
		}
	};
}
