// The signaling protocol of WebRTC Lab, shared by the browser client, the Node peer and the
// server: message types, their valibot schemas, the error-code table and the room-id rules.
// Pure: no sockets, no DOM. docs/signaling.md describes the same protocol for people who write
// their own peers; keep the two in step.
//
// WebRTC leaves signaling to the application (RFC 8829, JSEP §3): the peers only need some way to
// exchange one offer, one answer and their ICE candidates. Ours is JSON text over one WebSocket.

import * as v from 'valibot';

/** Longest SDP we relay. A browser offer with audio, video and simulcast is ~6–10 KB. */
export const MAX_SDP_LENGTH = 60_000;
/** Longest candidate line (`candidate:842163049 1 udp 1677729535 192.0.2.3 ...` is ~100–200). */
export const MAX_CANDIDATE_LENGTH = 1_024;
/** Largest WebSocket frame the server accepts; above it the server closes with 1009. */
export const MAX_FRAME_BYTES = 64 * 1024;

// Liveness --------------------------------------------------------------------------------------

/**
 * WebSocket close codes the server uses (4000–4999 are the application's, RFC 6455 §7.4.2).
 * A reconnecting client simply opens a new connection and joins again.
 */
export const CLOSE_CODES = {
	/** The connection joined no room within the server's bound (default 30 s). */
	joinTimeout: 4001,
	/** The connection sent nothing — no message, no `ping` — within the bound (default 120 s). */
	idle: 4002
} as const;

/**
 * How often a client sends `{"type":"ping"}` while it has nothing else to say. WebSocket pings
 * (RFC 6455 §5.5.2) are answered by browsers and libraries by themselves, so they prove only that
 * a socket is open, not that anybody uses it; the server closes connections that send nothing for
 * a while (`CLOSE_CODES.idle`), and this is well inside that bound even in a background tab whose
 * timers the browser slows to once a minute.
 */
export const CLIENT_PING_MS = 25_000;

// Room ids ------------------------------------------------------------------------------------

/**
 * Room ids people may type: 1–64 characters from `A–Z a–z 0–9 - _` (case-sensitive), so they
 * are safe in a URL path (`/remote/<room>`) and in a terminal. Example: `class-3`.
 */
export const ROOM_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const isRoomId = (value: unknown): value is string =>
	typeof value === 'string' && ROOM_ID_PATTERN.test(value);

/**
 * What is wrong with a room id, as data the page words (or null when it is a valid id). The
 * first problem found, in this order: `''` -> empty; 65+ characters -> too-long; a control
 * character -> control (`U+000A`); a `%` (left over from a malformed percent-encoding in the
 * address) -> percent; any other character outside `A–Z a–z 0–9 - _` -> character.
 */
export type RoomIdProblem =
	| { kind: 'empty' }
	| { kind: 'too-long'; length: number; max: number }
	| { kind: 'control'; codePoint: string }
	| { kind: 'percent' }
	| { kind: 'character'; character: string };

export const MAX_ROOM_ID_LENGTH = 64;

export function roomIdProblem(value: string): RoomIdProblem | null {
	if (ROOM_ID_PATTERN.test(value)) return null;
	if (value.length === 0) return { kind: 'empty' };
	const characters = [...value];
	if (characters.length > MAX_ROOM_ID_LENGTH)
		return { kind: 'too-long', length: characters.length, max: MAX_ROOM_ID_LENGTH };
	// eslint-disable-next-line no-control-regex
	const control = characters.find((c) => /[\u0000-\u001f\u007f-\u009f]/.test(c));
	if (control !== undefined)
		return {
			kind: 'control',
			codePoint: `U+${control.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
		};
	if (value.includes('%')) return { kind: 'percent' };
	const other = characters.find((c) => !/^[A-Za-z0-9_-]$/.test(c)) ?? '';
	return { kind: 'character', character: other };
}

/** RFC 4648 base32 alphabet, lower-case: 5 bits per character, no look-alike `0/O`, `1/l`. */
const ROOM_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
/** Characters in a generated room id: 16 × 5 = 80 random bits (the issue asks for ≥ 64). */
export const GENERATED_ROOM_ID_LENGTH = 16;

/** Random bytes: `crypto.getRandomValues` exists in browsers and in Node ≥ 19 as a global. */
const defaultRandomBytes = (length: number): Uint8Array =>
	globalThis.crypto.getRandomValues(new Uint8Array(length));

/**
 * An unguessable room id for "Create room": 16 base32 characters, 80 bits from the platform's
 * cryptographic random source (each byte's low 5 bits, so every character is uniform).
 */
export function createRoomId(randomBytes: (length: number) => Uint8Array = defaultRandomBytes) {
	const bytes = randomBytes(GENERATED_ROOM_ID_LENGTH);
	let id = '';
	for (let i = 0; i < GENERATED_ROOM_ID_LENGTH; i++) id += ROOM_ALPHABET[(bytes[i] ?? 0) & 31];
	return id;
}

// Schemas -------------------------------------------------------------------------------------

const RoomId = v.pipe(
	v.string(),
	v.regex(ROOM_ID_PATTERN, 'room ids are 1–64 characters from A–Z a–z 0–9 - _')
);
const PeerId = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const Sdp = v.pipe(v.string(), v.maxLength(MAX_SDP_LENGTH));

/**
 * RTCIceCandidateInit as `RTCIceCandidate.toJSON()` produces it:
 * `{"candidate":"candidate:1 1 udp 2122260223 192.0.2.3 54321 typ host","sdpMid":"0","sdpMLineIndex":0}`.
 * `candidate: ""` is the legacy end-of-candidates form; we also accept it.
 */
const IceCandidateInit = v.pipe(
	v.object({
		candidate: v.pipe(v.string(), v.maxLength(MAX_CANDIDATE_LENGTH)),
		sdpMid: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(64)))),
		sdpMLineIndex: v.optional(
			v.nullable(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(65_535)))
		),
		usernameFragment: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(256))))
	}),
	// addIceCandidate() throws a TypeError for a candidate that names no media section
	// (JSEP §4.1.17): relaying one would only move the error to the other side.
	v.check(
		(c) => c.candidate === '' || c.sdpMid != null || c.sdpMLineIndex != null,
		'a candidate needs sdpMid or sdpMLineIndex'
	)
);

// Client -> server. `v.object` drops unknown keys, so the server relays only the fields below
// (a client cannot smuggle its own `from`).

/**
 * A seat's resume token: 16–64 characters from `A–Z a–z 0–9 - _` (the server sends 22, 128
 * random bits). Whoever holds it may take that seat back after an unclean drop.
 */
const ResumeToken = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,64}$/));

export const RoleSchema = v.picklist(['caller', 'callee']);
export type Role = v.InferOutput<typeof RoleSchema>;

/**
 * `{"type":"join","room":"class-3"}`. A peer that reconnects adds what the last `joined` gave it,
 * `"resume":"<token>"` and `"role":"caller"`: the server hands it the same seat back (ending a
 * stale connection that still holds it), or, after a server restart, the same role if it is free.
 */
export const JoinSchema = v.object({
	type: v.literal('join'),
	room: RoomId,
	resume: v.optional(ResumeToken),
	role: v.optional(RoleSchema)
});
export const OfferSchema = v.object({ type: v.literal('offer'), sdp: Sdp });
export const AnswerSchema = v.object({ type: v.literal('answer'), sdp: Sdp });
/** `candidate: null` means end-of-candidates (the browser's final `icecandidate` event). */
export const CandidateSchema = v.object({
	type: v.literal('candidate'),
	candidate: v.nullable(IceCandidateInit)
});
export const ByeSchema = v.object({ type: v.literal('bye') });
/** `{"type":"ping"}`: "still here" to the server. Not relayed, not answered. */
export const PingSchema = v.object({ type: v.literal('ping') });

export const RelaySchema = v.variant('type', [
	OfferSchema,
	AnswerSchema,
	CandidateSchema,
	ByeSchema
]);
export const ClientMessageSchema = v.variant('type', [
	JoinSchema,
	OfferSchema,
	AnswerSchema,
	CandidateSchema,
	ByeSchema,
	PingSchema
]);

export type IceCandidateInit = v.InferOutput<typeof IceCandidateInit>;
export type JoinMessage = v.InferOutput<typeof JoinSchema>;
/** The messages the server passes from one peer to the other (adding `from`). */
export type RelayMessage = v.InferOutput<typeof RelaySchema>;
export type ClientMessage = v.InferOutput<typeof ClientMessageSchema>;
export const CLIENT_MESSAGE_TYPES = [
	'join',
	'offer',
	'answer',
	'candidate',
	'bye',
	'ping'
] as const;
export type ClientMessageType = ClientMessage['type'];

// Server -> client.

export const ErrorCodeSchema = v.picklist([
	'invalid-json',
	'unknown-type',
	'invalid-message',
	'invalid-room',
	'already-joined',
	'not-joined',
	'room-full',
	'no-peer',
	'rate-limited',
	'too-many-rooms',
	'internal-error'
]);
export type ErrorCode = v.InferOutput<typeof ErrorCodeSchema>;

/**
 * Every error the server sends, and what it means. The connection stays open after each of them
 * (frames over 64 KiB are not an error reply: the server closes the socket with code 1009).
 */
export const ERROR_CODES: Record<ErrorCode, string> = {
	'invalid-json': 'The frame is not JSON text (binary frames are not accepted either).',
	'unknown-type':
		'The "type" field is missing or is not join, offer, answer, candidate, bye or ping.',
	'invalid-message': 'A field is missing, has the wrong type, or is too long.',
	'invalid-room': 'Room ids are 1–64 characters from A–Z a–z 0–9 - _.',
	'already-joined': 'This connection is already in a room; open a new connection for another.',
	'not-joined': 'Send {"type":"join","room":"…"} before offer, answer, candidate or bye.',
	'room-full': 'The room already holds two peers.',
	'no-peer': 'Nobody else is in the room yet, so the message was not delivered.',
	'rate-limited': 'Too many messages too fast; some were dropped. Slow down.',
	'too-many-rooms':
		'Too many new rooms from this address in a short time; join an existing room or wait a minute.',
	'internal-error': 'The server failed to handle the message; the connection is still usable.'
};

const RelayedOffer = v.object({ ...OfferSchema.entries, from: PeerId });
const RelayedAnswer = v.object({ ...AnswerSchema.entries, from: PeerId });
const RelayedCandidate = v.object({ ...CandidateSchema.entries, from: PeerId });
const RelayedBye = v.object({ ...ByeSchema.entries, from: PeerId });

export const ServerMessageSchema = v.variant('type', [
	v.object({
		type: v.literal('joined'),
		room: RoomId,
		peerId: PeerId,
		role: RoleSchema,
		peers: v.array(PeerId),
		/** Present the token in the next `join` of a reconnect to get this seat back. */
		resume: v.optional(ResumeToken),
		/** True when this join took back the seat of an earlier connection (resume or role). */
		resumed: v.optional(v.boolean())
	}),
	/** `resumed`: the same peer took its seat back after a reconnect (it may re-send messages). */
	v.object({ type: v.literal('peer-joined'), peerId: PeerId, resumed: v.optional(v.boolean()) }),
	v.object({ type: v.literal('peer-left'), peerId: PeerId }),
	RelayedOffer,
	RelayedAnswer,
	RelayedCandidate,
	RelayedBye,
	// Unknown codes from a newer server still parse: clients show the message text.
	v.object({ type: v.literal('error'), code: v.string(), message: v.string() })
]);
export type ServerMessage = v.InferOutput<typeof ServerMessageSchema>;
export type JoinedMessage = Extract<ServerMessage, { type: 'joined' }>;
export type ErrorMessage = { type: 'error'; code: ErrorCode; message: string };
export type Relayed = RelayMessage & { from: string };

// Parsing -------------------------------------------------------------------------------------

export type ParseResult<T> = { ok: true; message: T } | { ok: false; error: ErrorMessage };

export const errorMessage = (code: ErrorCode, detail?: string): ErrorMessage => ({
	type: 'error',
	code,
	message: detail ? `${ERROR_CODES[code]} ${detail}` : ERROR_CODES[code]
});

const isClientType = (type: unknown): type is ClientMessageType =>
	typeof type === 'string' && (CLIENT_MESSAGE_TYPES as readonly string[]).includes(type);

/**
 * Each message type's own schema: a frame is checked against the one its `type` names, with the
 * same result as the variant. (`v.variant` tries its options in order and builds an issue, with
 * its message text, for every option it passes over: five of them for a relayed candidate, the
 * most frequent message.)
 */
type TypedObjectSchema = v.GenericSchema & { entries: { type: { literal: string } } };
const byType = (options: readonly TypedObjectSchema[]) =>
	new Map(options.map((schema) => [schema.entries.type.literal, schema]));
const CLIENT_SCHEMAS = byType(ClientMessageSchema.options);
const SERVER_SCHEMAS = byType(ServerMessageSchema.options);

/** First issue of a failed parse as `field: problem`, for the human part of an error reply. */
function describeIssue(issues: readonly v.BaseIssue<unknown>[]): string {
	const issue = issues[0];
	if (!issue) return '';
	const path = issue.path?.map((item) => String(item.key)).join('.');
	return path ? `${path}: ${issue.message}` : issue.message;
}

/**
 * One client frame -> a validated message or the error reply for it. Never throws.
 * `{"type":"join","room":"class-3"}` -> `{ ok: true, message: { type: 'join', room: 'class-3' } }`.
 */
export function parseClientMessage(text: string): ParseResult<ClientMessage> {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return { ok: false, error: errorMessage('invalid-json') };
	}
	if (typeof data !== 'object' || data === null || Array.isArray(data))
		return { ok: false, error: errorMessage('invalid-message', 'Send a JSON object.') };
	const type = (data as { type?: unknown }).type;
	const schema = isClientType(type) ? CLIENT_SCHEMAS.get(type) : undefined;
	if (!schema) return { ok: false, error: errorMessage('unknown-type') };
	const result = v.safeParse(schema, data);
	if (result.success) return { ok: true, message: result.output as ClientMessage };
	if (type === 'join') {
		const room = (data as { room?: unknown }).room;
		if (isRoomId(room))
			return { ok: false, error: errorMessage('invalid-message', describeIssue(result.issues)) };
		return { ok: false, error: errorMessage('invalid-room') };
	}
	return { ok: false, error: errorMessage('invalid-message', describeIssue(result.issues)) };
}

/** One server frame -> a validated message, or null for anything that does not fit the schema. */
export function parseServerMessage(text: string): ServerMessage | null {
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return null;
	}
	const type = (data as { type?: unknown } | null)?.type;
	const schema = typeof type === 'string' ? SERVER_SCHEMAS.get(type) : undefined;
	if (!schema) return null;
	const result = v.safeParse(schema, data);
	return result.success ? (result.output as ServerMessage) : null;
}
