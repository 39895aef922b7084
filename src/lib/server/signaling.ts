// The WebSocket signaling endpoint (`/signal`) bound to a Node http(s) server with `ws`. This is
// the effectful edge around the pure room logic (./rooms.ts) and protocol (core/signaling): it
// accepts upgrades, checks Origin, parses and rate-limits frames, pings for dead peers and
// delivers what the room transitions say. The same function serves `npm start`
// (scripts/start.js) and `vite dev` / `vite preview` (the plugin in vite.config.ts).
//
// Imports are relative (no `$lib`): vite.config.ts bundles this file when Vite loads its config,
// and the Vite SSR build in scripts/build-server.js compiles it without SvelteKit's aliases.

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import {
	CLOSE_CODES,
	MAX_FRAME_BYTES,
	errorMessage,
	parseClientMessage,
	type ErrorMessage,
	type Role
} from '../core/signaling/protocol';
import { boundedValue, limitedLog } from './log-limit';
import { REFUSAL_TEXT, checkRequest, parseOriginList } from './request-guard';
import { emptyRooms, join, leave, relay, type Delivery, type RoomsState } from './rooms';
import { fullBucket, take, type Bucket, type RateLimit } from './token-bucket';

export {
	checkRequest,
	isHostAllowed,
	isOriginAllowed,
	isRebindingSafeHost,
	parseOriginList
} from './request-guard';

export const SIGNAL_PATH = '/signal';

export interface SignalingOptions {
	/** URL path of the endpoint. Default `/signal`. */
	path?: string;
	/** Largest accepted frame in bytes; larger ones close the socket with 1009. Default 64 KiB. */
	maxPayload?: number;
	/**
	 * Origins allowed besides the site's own (`https://lab.example.org`), or `['*']` for any.
	 * Their hosts are this site's names too (see request-guard.ts).
	 * Default: `SIGNAL_ALLOWED_ORIGINS` from the environment, comma-separated.
	 */
	allowedOrigins?: readonly string[];
	/** Per-connection message rate. Default 200 at once, 50 per second sustained. */
	rateLimit?: RateLimit;
	/** Ping interval; a peer that misses one pong is dropped. Default 10 s (detection in 10–20 s). */
	heartbeatMs?: number;
	/** Open connections at most; more get HTTP 503. Default 5,000. */
	maxConnections?: number;
	/**
	 * Open connections per client address (an IPv6 /64 counts as one address); more get HTTP 429.
	 * Default `SIGNAL_MAX_PER_ADDRESS` from the environment, else 64.
	 */
	maxConnectionsPerAddress?: number;
	/**
	 * New rooms a client address may open: default 60 at once, then one a second (a whole class
	 * behind one NAT may open its rooms at the same moment; at most 64 connections hold them).
	 */
	roomRate?: RateLimit;
	/**
	 * A connection that has joined no room this long after it opened is closed (4001).
	 * Default `SIGNAL_JOIN_TIMEOUT_MS` from the environment, else 30 s.
	 */
	joinTimeoutMs?: number;
	/**
	 * A connection that has sent nothing (not even `ping`) this long is closed (4002).
	 * Default `SIGNAL_IDLE_TIMEOUT_MS` from the environment, else 120 s. Keep it well above the
	 * clients' ping interval (25 s, up to a minute in a background tab).
	 */
	idleTimeoutMs?: number;
	/**
	 * The client address a request counts against. Default: the socket's remote address, or with
	 * `SIGNAL_TRUST_PROXY=1` the last address of `X-Forwarded-For` (set by your reverse proxy).
	 */
	clientAddress?: (req: IncomingMessage) => string | undefined;
	/**
	 * Signs resume tokens (HMAC-SHA-256), so a token proves its seat even after the server lost
	 * track of it (the seat was freed, the server restarted with the same secret). Default
	 * `SIGNAL_SECRET` from the environment, else random for this process.
	 */
	resumeSecret?: string;
	/** A resume token older than this proves nothing. Default 12 h. */
	resumeTtlMs?: number;
	/** A recipient with more unsent bytes than this is too slow or dead: dropped. Default 1 MiB. */
	maxBufferedBytes?: number;
	/**
	 * Diagnostics (refused upgrades, handler failures), one bounded line each, at most 10 at once
	 * and 1 a second of each kind, then "N similar lines suppressed". Default: silent.
	 */
	log?: (line: string) => void;
	/** Rate of log lines per kind. Default 10 at once, 1 per second. */
	logRate?: RateLimit;
}

export interface SignalingServer {
	readonly wss: WebSocketServer;
	/** Handles an upgrade request if its path is ours; returns false (untouched) otherwise. */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** Counters for tests and the benchmark. */
	stats(): { connections: number; joined: number; rooms: number; addresses: number };
	/** Terminates every connection and stops the timers. The http server keeps running. */
	close(): void;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 200, perSecond: 50 };
export const DEFAULT_MAX_PER_ADDRESS = 64;
export const DEFAULT_ROOM_RATE: RateLimit = { burst: 60, perSecond: 1 };
export const DEFAULT_JOIN_TIMEOUT_MS = 30_000;
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;
export const DEFAULT_RESUME_TTL_MS = 12 * 3600_000;

/**
 * A client address as one key per subscriber: `::ffff:192.0.2.7` -> `192.0.2.7`; an IPv6 address
 * -> its /64 (`2001:db8:1:2::/64`), because one home or phone gets a whole /64 and could
 * otherwise take a new address per connection.
 */
export function addressKey(address: string | undefined): string {
	if (!address) return 'unknown';
	const lower = address.toLowerCase().replace(/%.*$/, '');
	const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(lower);
	if (mapped) return mapped[1]!;
	if (!lower.includes(':')) return lower;
	const [head = '', tail] = lower.split('::');
	const front = head ? head.split(':') : [];
	const back = tail ? tail.split(':') : [];
	const groups =
		tail === undefined
			? front
			: [...front, ...Array(8 - front.length - back.length).fill('0'), ...back];
	if (groups.length !== 8 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return lower;
	return `${groups
		.slice(0, 4)
		.map((g) => parseInt(g, 16).toString(16))
		.join(':')}::/64`;
}

function defaultClientAddress(req: IncomingMessage): string | undefined {
	if (process.env.SIGNAL_TRUST_PROXY === '1') {
		const forwarded = req.headers['x-forwarded-for'];
		const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? ''))
			.split(',')
			.map((part) => part.trim())
			.filter(Boolean)
			.at(-1);
		if (last) return last;
	}
	return req.socket.remoteAddress;
}

/** `SIGNAL_MAX_PER_ADDRESS=200` -> 200; unset or not a positive integer -> the default. */
// (The same for SIGNAL_JOIN_TIMEOUT_MS and SIGNAL_IDLE_TIMEOUT_MS, which a probe of a running lab
// may shorten.)
function envCount(value: string | undefined, fallback: number): number {
	const n = Number(value);
	return value !== undefined && Number.isInteger(n) && n > 0 ? n : fallback;
}

// Resume tokens: 16 characters of nonce (4 bytes issue time in seconds, 8 random bytes) and 22 of
// HMAC-SHA-256(secret, room, role, nonce) cut to 128 bits. The server keeps each seat's current
// token too; the signature lets a token take back its own seat once the server has forgotten it.
const NONCE_CHARS = 16;
const MAC_BYTES = 16;
const ROLES: readonly Role[] = ['caller', 'callee'];

function tokenMac(secret: string, room: string, role: Role, nonce: string): Buffer {
	return createHmac('sha256', secret)
		.update(`webrtc-lab resume\n${room}\n${role}\n${nonce}`)
		.digest()
		.subarray(0, MAC_BYTES);
}

function signResumeToken(secret: string, room: string, role: Role, nowMs: number): string {
	const nonce = Buffer.alloc(12);
	nonce.writeUInt32BE(Math.floor(nowMs / 1000) >>> 0, 0);
	randomBytes(8).copy(nonce, 4);
	const text = nonce.toString('base64url');
	return text + tokenMac(secret, room, role, text).toString('base64url');
}

/** The seat of `room` this token was issued for, if its signature holds and it is not too old. */
function verifyResumeToken(
	secret: string,
	room: string,
	token: string,
	nowMs: number,
	ttlMs: number
): Role | undefined {
	if (token.length !== NONCE_CHARS + 22) return undefined;
	const nonce = token.slice(0, NONCE_CHARS);
	const given = Buffer.from(token.slice(NONCE_CHARS), 'base64url');
	const issued = Buffer.from(nonce, 'base64url');
	if (given.length !== MAC_BYTES || issued.length !== 12) return undefined;
	const ageMs = nowMs - issued.readUInt32BE(0) * 1000;
	if (ageMs < -60_000 || ageMs > ttlMs) return undefined;
	return ROLES.find((role) => timingSafeEqual(tokenMac(secret, room, role, nonce), given));
}

interface Connection {
	ws: WebSocket;
	peerId: string;
	/** The address key this connection counts against. */
	address: string;
	alive: boolean;
	bucket: Bucket;
	/** When this connection was last told `rate-limited` (at most once a second). */
	rateErrorAtMs: number;
	openedAtMs: number;
	/** When the last frame (any message, `ping` included) arrived. */
	lastMessageAtMs: number;
	/** A close frame went out (liveness): not closed twice. */
	closing: boolean;
}

interface AddressState {
	connections: number;
	/** New rooms this address may still open. */
	rooms: Bucket;
}

const newPeerId = () => randomBytes(6).toString('base64url');

/** A peer that closed or vanished: nothing to tell the person running the server. */
const ROUTINE_SOCKET_ERRORS = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

const STATUS_TEXT: Record<number, string> = {
	403: 'Forbidden',
	429: 'Too Many Requests',
	503: 'Service Unavailable'
};

function reject(socket: Duplex, status: number, body: string) {
	socket.end(
		`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nConnection: close\r\n` +
			`Content-Type: text/plain; charset=utf-8\r\n` +
			`Content-Length: ${Buffer.byteLength(body) + 1}\r\n\r\n${body}\n`
	);
	socket.destroy();
}

/** Creates the signaling endpoint without listening on any server (tests, custom servers). */
export function createSignaling(options: SignalingOptions = {}): SignalingServer {
	const path = options.path ?? SIGNAL_PATH;
	const allowList = options.allowedOrigins ?? parseOriginList(process.env.SIGNAL_ALLOWED_ORIGINS);
	const limit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
	const maxConnections = options.maxConnections ?? 5_000;
	const maxPerAddress =
		options.maxConnectionsPerAddress ??
		envCount(process.env.SIGNAL_MAX_PER_ADDRESS, DEFAULT_MAX_PER_ADDRESS);
	const roomRate = options.roomRate ?? DEFAULT_ROOM_RATE;
	const joinTimeoutMs =
		options.joinTimeoutMs ?? envCount(process.env.SIGNAL_JOIN_TIMEOUT_MS, DEFAULT_JOIN_TIMEOUT_MS);
	const idleTimeoutMs =
		options.idleTimeoutMs ?? envCount(process.env.SIGNAL_IDLE_TIMEOUT_MS, DEFAULT_IDLE_TIMEOUT_MS);
	const clientAddress = options.clientAddress ?? defaultClientAddress;
	const secret =
		options.resumeSecret ?? process.env.SIGNAL_SECRET ?? randomBytes(32).toString('base64url');
	const resumeTtlMs = options.resumeTtlMs ?? DEFAULT_RESUME_TTL_MS;
	const maxBuffered = options.maxBufferedBytes ?? 1024 * 1024;
	const write = options.log ?? (() => {});
	const log = limitedLog(write, options.logRate ? { rate: options.logRate } : {});

	const wss = new WebSocketServer({
		noServer: true,
		maxPayload: options.maxPayload ?? MAX_FRAME_BYTES,
		perMessageDeflate: false,
		clientTracking: false
	});
	wss.on('error', (error) =>
		log('server', `signaling: server error: ${boundedValue(error.message)}`)
	);

	const connections = new Map<string, Connection>();
	const addresses = new Map<string, AddressState>();
	let rooms: RoomsState = emptyRooms();

	function sendTo(connection: Connection, message: object) {
		const { ws } = connection;
		if (ws.readyState !== WebSocket.OPEN) return;
		if (ws.bufferedAmount > maxBuffered) {
			log('slow', `signaling: ${connection.peerId} is not reading; dropping it`);
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

	/** Takes one new room from the address's allowance; false when it has none left. */
	function mayOpenRoom(connection: Connection): boolean {
		const state = addresses.get(connection.address);
		if (!state) return true;
		const taken = take(state.rooms, roomRate, performance.now());
		state.rooms = taken.bucket;
		return taken.allowed;
	}

	function onMessage(connection: Connection, data: RawData, isBinary: boolean) {
		connection.alive = true;
		const now = performance.now();
		const taken = take(connection.bucket, limit, now);
		connection.bucket = taken.bucket;
		if (!taken.allowed) {
			if (now - connection.rateErrorAtMs >= 1000) {
				connection.rateErrorAtMs = now;
				sendTo(connection, errorMessage('rate-limited'));
			}
			return;
		}
		connection.lastMessageAtMs = now;
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
		if (message.type === 'ping') return;
		if (message.type === 'join') {
			const opens = !rooms.peerRooms.has(connection.peerId) && !rooms.rooms.has(message.room);
			if (opens && !mayOpenRoom(connection)) {
				sendTo(connection, errorMessage('too-many-rooms'));
				return;
			}
			const nowMs = Date.now();
			const next = join(rooms, connection.peerId, message.room, {
				resume: message.resume,
				resumeRole: message.resume
					? verifyResumeToken(secret, message.room, message.resume, nowMs, resumeTtlMs)
					: undefined,
				role: message.role,
				token: (role) => signResumeToken(secret, message.room, role, nowMs)
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

	function countAddress(address: string, delta: 1 | -1) {
		const state = addresses.get(address);
		if (state) state.connections += delta;
		else if (delta === 1)
			addresses.set(address, {
				connections: 1,
				rooms: fullBucket(roomRate, performance.now())
			});
	}

	function onConnection(ws: WebSocket, address: string) {
		let peerId = newPeerId();
		while (connections.has(peerId)) peerId = newPeerId();
		const now = performance.now();
		const connection: Connection = {
			ws,
			peerId,
			address,
			alive: true,
			bucket: fullBucket(limit, now),
			rateErrorAtMs: -Infinity,
			openedAtMs: now,
			lastMessageAtMs: now,
			closing: false
		};
		connections.set(peerId, connection);
		countAddress(address, 1);
		// 'error' covers protocol violations (a frame over maxPayload -> 1009, bad UTF-8 -> 1007);
		// ws closes the socket itself and 'close' follows. A client can cause these at will, so
		// the line is bounded and rate-limited like every other.
		ws.on('error', (error) =>
			log('socket', `signaling: ${peerId} from ${address}: ${boundedValue(error.message)}`)
		);
		ws.on('pong', () => (connection.alive = true));
		ws.on('message', (data, isBinary) => {
			try {
				onMessage(connection, data, isBinary);
			} catch (error) {
				log(
					'handler',
					`signaling: ${peerId}: handler failed: ${boundedValue((error as Error)?.stack ?? error, 2_000)}`
				);
				try {
					sendTo(connection, errorMessage('internal-error') satisfies ErrorMessage);
				} catch {
					ws.terminate();
				}
			}
		});
		ws.on('close', () => {
			try {
				countAddress(address, -1);
				onClose(connection);
			} catch (error) {
				log(
					'handler',
					`signaling: ${peerId}: close failed: ${boundedValue((error as Error)?.stack ?? error, 2_000)}`
				);
			}
		});
	}

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
				log('heartbeat', `signaling: heartbeat: ${boundedValue((error as Error)?.message)}`);
			}
		}
	}, options.heartbeatMs ?? 10_000);
	heartbeat.unref();

	// Liveness at the application level. Pongs come from the WebSocket library, not from anybody
	// using the connection, so an idle script would otherwise hold its socket (and a seat) for
	// ever: a connection must join a room soon after it opens, and then send something — a
	// message or `{"type":"ping"}` — now and then (the lab's client pings every 25 s).
	function closeFor(connection: Connection, code: number, reason: string) {
		connection.closing = true;
		try {
			connection.ws.close(code, reason);
		} catch {
			connection.ws.terminate();
		}
	}
	const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
	const sweep = setInterval(
		() => {
			try {
				sweepOnce(performance.now());
			} catch (error) {
				log('sweep', `signaling: liveness sweep: ${boundedValue((error as Error)?.message)}`);
			}
		},
		Math.max(10, Math.min(1_000, Math.min(joinTimeoutMs, idleTimeoutMs) / 4))
	);
	sweep.unref();

	function sweepOnce(now: number) {
		for (const connection of connections.values()) {
			if (connection.closing) continue;
			if (!rooms.peerRooms.has(connection.peerId) && now - connection.openedAtMs > joinTimeoutMs)
				closeFor(connection, CLOSE_CODES.joinTimeout, `no join within ${seconds(joinTimeoutMs)}`);
			else if (now - connection.lastMessageAtMs > idleTimeoutMs)
				closeFor(
					connection,
					CLOSE_CODES.idle,
					`nothing received for ${seconds(idleTimeoutMs)}; send {"type":"ping"}`
				);
		}
		// Forget addresses with no connection once their room allowance has refilled.
		for (const [address, state] of addresses) {
			if (state.connections > 0) continue;
			if (take(state.rooms, roomRate, now).bucket.tokens >= roomRate.burst - 1)
				addresses.delete(address);
		}
	}

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
				log('upgrade', `signaling: upgrade socket: ${boundedValue(error.message)}`);
		};
		socket.on('error', onError);
		try {
			const address = addressKey(clientAddress(req));
			const refusal = checkRequest(
				{ origin: req.headers.origin, host: req.headers.host },
				allowList
			);
			if (refusal) {
				log(
					'refused',
					`signaling: refused (${refusal}) from ${boundedValue(address)}: ` +
						`Origin ${boundedValue(req.headers.origin)} Host ${boundedValue(req.headers.host)}`
				);
				reject(socket, 403, REFUSAL_TEXT[refusal]);
				return true;
			}
			if (connections.size >= maxConnections) {
				log('full', `signaling: refused (server full, ${maxConnections} connections)`);
				reject(socket, 503, 'Service Unavailable: too many signaling connections');
				return true;
			}
			if ((addresses.get(address)?.connections ?? 0) >= maxPerAddress) {
				log(
					'per-address',
					`signaling: refused (${maxPerAddress} connections from ${boundedValue(address)})`
				);
				reject(
					socket,
					429,
					`Too Many Requests: at most ${maxPerAddress} signaling connections per address`
				);
				return true;
			}
			wss.handleUpgrade(req, socket, head, (ws) => {
				socket.off('error', onError);
				try {
					onConnection(ws, address);
				} catch (error) {
					log(
						'upgrade',
						`signaling: connection setup failed: ${boundedValue((error as Error)?.message)}`
					);
					ws.terminate();
				}
			});
		} catch (error) {
			log('upgrade', `signaling: upgrade failed: ${boundedValue((error as Error)?.message)}`);
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
			rooms: rooms.rooms.size,
			addresses: addresses.size
		}),
		close() {
			clearInterval(heartbeat);
			clearInterval(sweep);
			log.flush();
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
