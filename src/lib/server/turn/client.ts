// A minimal TURN client (RFC 5389 / RFC 5766), used by the probe (`npm run probe`, ../probe/) and
// by the TURN servers' wire tests; it lives beside the servers, not under tests/, because the probe
// is a product tool. Written independently of node-turn so it checks the wire protocol, not
// node-turn against itself (and drives coturn too). It speaks UDP and TCP with the long-term
// credential mechanism (401 + REALM + NONCE, then MESSAGE-INTEGRITY), and builds every request a
// client can send — well-formed or not — as bytes: Binding, Allocate, Refresh, CreatePermission,
// ChannelBind (IPv4 and IPv6 peers), Send indications and ChannelData; HOSTILE_CASES are the
// packets a TURN server must survive.

import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { SocketAddress, connect, isIPv4, isIPv6 } from 'node:net';

const MAGIC_COOKIE = 0x2112a442;
export const METHOD = {
	BINDING_REQUEST: 0x0001,
	ALLOCATE_REQUEST: 0x0003,
	REFRESH_REQUEST: 0x0004,
	SEND_INDICATION: 0x0016,
	CREATE_PERMISSION_REQUEST: 0x0008,
	CHANNEL_BIND_REQUEST: 0x0009
} as const;
export const ATTR = {
	USERNAME: 0x0006,
	MESSAGE_INTEGRITY: 0x0008,
	ERROR_CODE: 0x0009,
	CHANNEL_NUMBER: 0x000c,
	LIFETIME: 0x000d,
	XOR_PEER_ADDRESS: 0x0012,
	DATA: 0x0013,
	REALM: 0x0014,
	NONCE: 0x0015,
	XOR_RELAYED_ADDRESS: 0x0016,
	EVEN_PORT: 0x0018,
	REQUESTED_TRANSPORT: 0x0019
} as const;

export interface Attribute {
	type: number;
	value: Buffer;
}

function encodeAttributes(attributes: Attribute[]): Buffer {
	return Buffer.concat(
		attributes.map(({ type, value }) => {
			const header = Buffer.alloc(4);
			header.writeUInt16BE(type, 0);
			header.writeUInt16BE(value.length, 2);
			return Buffer.concat([header, value, Buffer.alloc((4 - (value.length % 4)) % 4)]);
		})
	);
}

export interface LongTermAuth {
	username: string;
	password: string;
	realm: string;
	nonce: string;
}

/**
 * A STUN message of `type`; with `auth`, signed with MESSAGE-INTEGRITY (RFC 5389 §15.4).
 * `attributes` may depend on the transaction id (an IPv6 XOR-PEER-ADDRESS is XORed with it).
 */
export function stunMessage(
	type: number,
	attributes: Attribute[] | ((transactionId: Buffer) => Attribute[]),
	auth?: LongTermAuth
): Buffer {
	const transactionId = randomBytes(12);
	const own = typeof attributes === 'function' ? attributes(transactionId) : attributes;
	const all = auth
		? [
				...own,
				{ type: ATTR.USERNAME, value: Buffer.from(auth.username) },
				{ type: ATTR.REALM, value: Buffer.from(auth.realm) },
				{ type: ATTR.NONCE, value: Buffer.from(auth.nonce) }
			]
		: own;
	const body = encodeAttributes(all);
	const header = Buffer.alloc(20);
	header.writeUInt16BE(type, 0);
	header.writeUInt32BE(MAGIC_COOKIE, 4);
	transactionId.copy(header, 8);
	if (!auth) {
		header.writeUInt16BE(body.length, 2);
		return Buffer.concat([header, body]);
	}
	// The length covers MESSAGE-INTEGRITY itself (24 bytes) when the HMAC is computed.
	header.writeUInt16BE(body.length + 24, 2);
	const key = createHash('md5').update(`${auth.username}:${auth.realm}:${auth.password}`).digest();
	const hmac = createHmac('sha1', key)
		.update(Buffer.concat([header, body]))
		.digest();
	return Buffer.concat([
		header,
		body,
		encodeAttributes([{ type: ATTR.MESSAGE_INTEGRITY, value: hmac }])
	]);
}

/** An RFC 5389 Binding request (no attributes, no credential). */
export const bindingRequest = (): Buffer => stunMessage(METHOD.BINDING_REQUEST, []);

/** An Allocate request for a UDP relay (REQUESTED-TRANSPORT 17), signed when `auth` is given. */
export const allocateRequest = (auth?: LongTermAuth, extra: Attribute[] = []): Buffer =>
	stunMessage(
		METHOD.ALLOCATE_REQUEST,
		[{ type: ATTR.REQUESTED_TRANSPORT, value: Buffer.from([17, 0, 0, 0]) }, ...extra],
		auth
	);

/** A Refresh request; lifetime 0 ends the allocation (RFC 5766 §7). */
export const refreshRequest = (lifetime: number, auth: LongTermAuth): Buffer => {
	const value = Buffer.alloc(4);
	value.writeUInt32BE(lifetime);
	return stunMessage(METHOD.REFRESH_REQUEST, [{ type: ATTR.LIFETIME, value }], auth);
};

/** The 4 or 16 bytes of an IP address in any textual form `node:net` accepts. */
export function addressBytes(address: string): Buffer {
	if (isIPv4(address)) return Buffer.from(address.split('.').map(Number));
	if (!isIPv6(address)) throw new Error(`not an IP address: ${address}`);
	let text = address.replace(/%.*$/, '');
	// A trailing dotted quad (`::ffff:127.0.0.1`) is the last two groups.
	const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
	if (dotted) {
		const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
		text =
			text.slice(0, -dotted[1]!.length) +
			`${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
	}
	const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const groups =
		tail === undefined
			? left
			: [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
	const bytes = Buffer.alloc(16);
	groups.forEach((group, i) => bytes.writeUInt16BE(parseInt(group, 16), i * 2));
	return bytes;
}

/**
 * XOR-PEER-ADDRESS (RFC 5766 §14.3): port XORed with the cookie's top 16 bits, an IPv4 address
 * with the cookie, an IPv6 one with the cookie and the transaction id. `family` overrides the
 * family byte (to send malformed attributes).
 */
export function xorPeerAddress(
	address: string,
	port: number,
	transactionId: Buffer,
	family?: number
): Buffer {
	const bytes = addressBytes(address);
	const key = Buffer.alloc(16);
	key.writeUInt32BE(MAGIC_COOKIE);
	transactionId.copy(key, 4);
	const value = Buffer.alloc(4 + bytes.length);
	value[1] = family ?? (bytes.length === 4 ? 0x01 : 0x02);
	value.writeUInt16BE((port ^ (MAGIC_COOKIE >>> 16)) & 0xffff, 2);
	for (let i = 0; i < bytes.length; i++) value[4 + i] = bytes[i]! ^ key[i]!;
	return value;
}

/** A CreatePermission request for `peer` (RFC 5766 §9), signed. */
export const createPermissionRequest = (peer: string, auth: LongTermAuth, port = 0): Buffer =>
	stunMessage(
		METHOD.CREATE_PERMISSION_REQUEST,
		(id) => [{ type: ATTR.XOR_PEER_ADDRESS, value: xorPeerAddress(peer, port, id) }],
		auth
	);

/** A ChannelBind request binding `channel` to `peer`:`port` (RFC 5766 §11.2), signed. */
export const channelBindRequest = (
	channel: number,
	peer: string,
	port: number,
	auth: LongTermAuth
): Buffer => {
	const number = Buffer.alloc(4);
	number.writeUInt16BE(channel);
	return stunMessage(
		METHOD.CHANNEL_BIND_REQUEST,
		(id) => [
			{ type: ATTR.CHANNEL_NUMBER, value: number },
			{ type: ATTR.XOR_PEER_ADDRESS, value: xorPeerAddress(peer, port, id) }
		],
		auth
	);
};

/** A Send indication carrying `data` to `peer`:`port` (RFC 5766 §10); indications are unsigned. */
export const sendIndication = (peer: string, port: number, data: Buffer): Buffer =>
	stunMessage(METHOD.SEND_INDICATION, (id) => [
		{ type: ATTR.XOR_PEER_ADDRESS, value: xorPeerAddress(peer, port, id) },
		{ type: ATTR.DATA, value: data }
	]);

/**
 * A ChannelData message (RFC 5766 §11.4): channel number, length, data, padded to 4 bytes (which
 * TCP requires, §11.5). `length` overrides the length field (to send truncated messages).
 */
export function channelData(channel: number, data: Buffer, length = data.length): Buffer {
	const header = Buffer.alloc(4);
	header.writeUInt16BE(channel);
	header.writeUInt16BE(length, 2);
	return Buffer.concat([header, data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
}

export interface AllocateResponse {
	success: boolean;
	errorCode?: number;
	reason?: string;
	realm?: string;
	nonce?: string;
	relayed?: { address: string; port: number };
}

/**
 * An XOR-…-ADDRESS value read back (RFC 5389 §15.2): `{ address: '127.0.0.1', port }`, or an
 * IPv6 address (XORed with the cookie and the transaction id) in canonical text.
 */
function xorAddress(value: Buffer, transactionId: Buffer): { address: string; port: number } {
	const port = value.readUInt16BE(2) ^ (MAGIC_COOKIE >>> 16);
	const key = Buffer.alloc(16);
	key.writeUInt32BE(MAGIC_COOKIE);
	transactionId.copy(key, 4);
	if (value[1] === 0x02 && value.length >= 20) {
		const bytes = Buffer.from(value.subarray(4, 20).map((byte, i) => byte ^ key[i]!));
		const groups = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(i * 2).toString(16));
		return {
			address: new SocketAddress({ address: groups.join(':'), family: 'ipv6' }).address,
			port
		};
	}
	return { address: [...value.subarray(4, 8)].map((byte, i) => byte ^ key[i]!).join('.'), port };
}

export function parseResponse(data: Buffer): AllocateResponse {
	const length = data.readUInt16BE(2);
	// The class bits of the message type (RFC 5389 §6): 0b10 is a success response.
	const response: AllocateResponse = { success: (data.readUInt16BE(0) & 0x0110) === 0x0100 };
	let offset = 20;
	while (offset + 4 <= Math.min(20 + length, data.length)) {
		const attrType = data.readUInt16BE(offset);
		const attrLength = data.readUInt16BE(offset + 2);
		const value = data.subarray(offset + 4, offset + 4 + attrLength);
		if (attrType === ATTR.ERROR_CODE) {
			response.errorCode = (value[2]! & 0x07) * 100 + value[3]!;
			response.reason = value.subarray(4).toString('utf8');
		} else if (attrType === ATTR.REALM) response.realm = value.toString('utf8');
		else if (attrType === ATTR.NONCE) response.nonce = value.toString('utf8');
		else if (attrType === ATTR.XOR_RELAYED_ADDRESS && value.length >= 8) {
			response.relayed = xorAddress(value, data.subarray(8, 20));
		}
		offset += 4 + attrLength + ((4 - (attrLength % 4)) % 4);
	}
	return response;
}

/** A STUN response (class bits 0b10 or 0b11, first two bits 00) to the request `id`. */
const isResponseTo = (data: Buffer, id: Buffer) =>
	data.length >= 20 &&
	(data[0]! & 0xc0) === 0 &&
	(data.readUInt16BE(0) & 0x0100) !== 0 &&
	data.subarray(8, 20).equals(id);

export interface TurnChannel {
	/** Sends a request and resolves with its answer (rejects after the timeout). */
	request(message: Buffer): Promise<AllocateResponse>;
	/** Sends bytes that expect no answer (indications, ChannelData, garbage). */
	send(bytes: Buffer): void;
	close(): void;
}

/** Sends requests on one UDP socket or TCP connection (one 5-tuple) and reads the replies. */
export async function openTurnChannel(
	host: string,
	port: number,
	transport: 'udp' | 'tcp',
	timeoutMs = 3000
): Promise<TurnChannel> {
	const waiting = new Map<string, (data: Buffer) => void>();
	const deliver = (data: Buffer) => {
		if (data.length < 20) return;
		const key = data.subarray(8, 20).toString('hex');
		const resolve = waiting.get(key);
		if (resolve && isResponseTo(data, data.subarray(8, 20))) resolve(data);
	};
	let send: (message: Buffer) => void;
	let close: () => void;
	if (transport === 'udp') {
		const socket = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
		socket.on('message', deliver);
		// A send that fails (no route) is an unanswered request, not a crash.
		socket.on('error', () => {});
		await new Promise<void>((resolve) => socket.bind(0, resolve));
		let closed = false;
		send = (message) => {
			if (!closed) socket.send(message, port, host);
		};
		close = () => {
			if (!closed) socket.close();
			closed = true;
		};
	} else {
		const socket = connect(port, host);
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', resolve);
			socket.once('error', reject);
		});
		socket.on('error', () => {});
		let buffered = Buffer.alloc(0);
		socket.on('data', (chunk) => {
			buffered = Buffer.concat([buffered, chunk]);
			for (;;) {
				if (buffered.length < 4) break;
				const length = buffered.readUInt16BE(2);
				// ChannelData (first bits 01) is padded to 4 bytes on TCP; STUN has a 20-byte header.
				const size =
					(buffered[0]! & 0xc0) === 0x40 ? 4 + length + ((4 - (length % 4)) % 4) : 20 + length;
				if (buffered.length < size) break;
				deliver(buffered.subarray(0, size));
				buffered = buffered.subarray(size);
			}
		});
		send = (message) => socket.write(message);
		close = () => socket.destroy();
	}
	return {
		request: (message) =>
			new Promise((resolve, reject) => {
				const key = message.subarray(8, 20).toString('hex');
				const timer = setTimeout(() => {
					waiting.delete(key);
					reject(new Error('no answer from the TURN server'));
				}, timeoutMs);
				waiting.set(key, (data) => {
					clearTimeout(timer);
					waiting.delete(key);
					resolve(parseResponse(data));
				});
				send(message);
			}),
		send: (bytes) => send(bytes),
		close
	};
}

export interface TurnSession extends TurnChannel {
	/** The answer to the signed Allocate (or to the first one, when it was not a 401). */
	allocation: AllocateResponse;
	/** The credential, realm and nonce that signed it: sign further requests with it. */
	auth?: LongTermAuth;
}

/**
 * Opens a channel and allocates a relay with `credentials` (the 401 challenge, then the signed
 * Allocate with `extra` attributes). The channel stays open: send more on it, then close() it.
 */
export async function openSession(
	host: string,
	port: number,
	transport: 'udp' | 'tcp',
	credentials: { username: string; password: string },
	extra: Attribute[] = []
): Promise<TurnSession> {
	const channel = await openTurnChannel(host, port, transport);
	try {
		const challenge = await channel.request(allocateRequest(undefined, extra));
		if (challenge.errorCode !== 401 || !challenge.realm || !challenge.nonce)
			return { ...channel, allocation: challenge };
		const auth = { ...credentials, realm: challenge.realm, nonce: challenge.nonce };
		const allocation = await channel.request(allocateRequest(auth, extra));
		return { ...channel, allocation, auth };
	} catch (error) {
		channel.close();
		throw error;
	}
}

/**
 * The long-term credential dance: an unauthenticated Allocate (answered 401 with REALM and NONCE),
 * then, with `credentials`, the signed one. Returns both answers.
 */
export async function allocate(
	host: string,
	port: number,
	transport: 'udp' | 'tcp',
	credentials?: { username: string; password: string }
): Promise<{ challenge: AllocateResponse; answer?: AllocateResponse }> {
	const channel = await openTurnChannel(host, port, transport);
	try {
		const challenge = await channel.request(allocateRequest());
		if (!credentials || !challenge.realm || !challenge.nonce) return { challenge };
		const answer = await channel.request(
			allocateRequest({ ...credentials, realm: challenge.realm, nonce: challenge.nonce })
		);
		return { challenge, answer };
	} finally {
		channel.close();
	}
}

/**
 * Allocates a relay with `credentials`, then asks for a permission to send to `peer` on the same
 * allocation: what a browser does before relaying to the other side's candidate.
 */
export async function allocateAndPermit(
	host: string,
	port: number,
	transport: 'udp' | 'tcp',
	credentials: { username: string; password: string },
	peer: string
): Promise<{ allocation: AllocateResponse; permission?: AllocateResponse }> {
	const session = await openSession(host, port, transport, credentials);
	try {
		if (!session.allocation.success || !session.auth) return { allocation: session.allocation };
		const permission = await session.request(createPermissionRequest(peer, session.auth));
		return { allocation: session.allocation, permission };
	} finally {
		session.close();
	}
}

/** True when the server answers a Binding request with success (it is alive and serving). */
export async function answersBinding(
	host: string,
	port: number,
	transport: 'udp' | 'tcp' = 'udp'
): Promise<boolean> {
	const channel = await openTurnChannel(host, port, transport).catch(() => null);
	if (!channel) return false;
	try {
		return (await channel.request(bindingRequest())).success;
	} catch {
		return false;
	} finally {
		channel.close();
	}
}

/** What a hostile case saw: the answer to each request it sent (null: none within the timeout). */
export type HostileAnswers = Record<string, AllocateResponse | null>;

export interface HostileCase {
	id: string;
	/** What the case sends, in words. */
	sends: string;
	/** Sends its packets on an allocated session; resolves with the answers it got. */
	run(session: TurnSession): Promise<HostileAnswers>;
}

const answerOrNull = (promise: Promise<AllocateResponse>) => promise.catch(() => null);
/** A STUN header of `type` with the magic cookie and a random transaction id, then `body`. */
const rawStun = (type: number, declaredLength: number, body: Buffer) => {
	const header = Buffer.alloc(20);
	header.writeUInt16BE(type, 0);
	header.writeUInt16BE(declaredLength, 2);
	header.writeUInt32BE(MAGIC_COOKIE, 4);
	randomBytes(12).copy(header, 8);
	return Buffer.concat([header, body]);
};
const rawAttribute = (type: number, declaredLength: number, value: Buffer) => {
	const header = Buffer.alloc(4);
	header.writeUInt16BE(type, 0);
	header.writeUInt16BE(declaredLength, 2);
	return Buffer.concat([header, value]);
};

/**
 * Packets that once crashed the embedded server or that a TURN server must survive: invalid peer
 * ports and families, channel numbers out of range, ChannelData and STUN that lie about their
 * length, unknown and truncated attributes. Each runs on a fresh allocation; afterwards the server
 * must still answer a Binding request and grant a new Allocate (see `stillServes`).
 */
export const HOSTILE_CASES: readonly HostileCase[] = [
	{
		id: 'channel-to-port-0',
		sends: 'ChannelBind 0x4000 to 127.0.0.1:0, then ChannelData on 0x4000',
		async run(session) {
			const bind = await answerOrNull(
				session.request(channelBindRequest(0x4000, '127.0.0.1', 0, session.auth!))
			);
			session.send(channelData(0x4000, Buffer.from('boom')));
			return { bind };
		}
	},
	{
		id: 'send-to-port-0',
		sends: 'CreatePermission 127.0.0.1, then a Send indication to 127.0.0.1:0',
		async run(session) {
			const permission = await answerOrNull(
				session.request(createPermissionRequest('127.0.0.1', session.auth!))
			);
			session.send(sendIndication('127.0.0.1', 0, Buffer.from('boom')));
			return { permission };
		}
	},
	{
		id: 'channel-out-of-range',
		sends: 'ChannelBind with channel numbers 0x3fff, 0x7fff and 0xffff',
		async run(session) {
			const answers: HostileAnswers = {};
			for (const channel of [0x3fff, 0x7fff, 0xffff]) {
				answers[channel.toString(16)] = await answerOrNull(
					session.request(channelBindRequest(channel, '127.0.0.1', 9, session.auth!))
				);
			}
			return answers;
		}
	},
	{
		id: 'channel-data-lies',
		sends: 'ChannelData on unbound 0x4001 and 0x7fff, one longer than its packet, one of 3 bytes',
		async run(session) {
			session.send(channelData(0x4001, Buffer.from('unbound')));
			session.send(channelData(0x7fff, Buffer.from('reserved')));
			session.send(channelData(0x4000, Buffer.from('short'), 60_000));
			session.send(Buffer.from([0x40, 0x00, 0x00]));
			return {};
		}
	},
	{
		id: 'peer-of-other-family',
		sends: 'ChannelBind and CreatePermission to an IPv6 peer on an IPv4 relay',
		async run(session) {
			const bind = await answerOrNull(
				session.request(channelBindRequest(0x4002, '::ffff:127.0.0.1', 9, session.auth!))
			);
			const permission = await answerOrNull(
				session.request(createPermissionRequest('::1', session.auth!))
			);
			session.send(channelData(0x4002, Buffer.from('boom')));
			return { bind, permission };
		}
	},
	{
		id: 'malformed-stun',
		sends:
			'STUN with a length beyond its packet, an attribute beyond its message, an unknown ' +
			'attribute, an empty and a family-3 XOR-PEER-ADDRESS, an 8-byte header',
		async run(session) {
			const cases = [
				rawStun(METHOD.BINDING_REQUEST, 400, Buffer.alloc(8)),
				rawStun(
					METHOD.CREATE_PERMISSION_REQUEST,
					8,
					rawAttribute(ATTR.XOR_PEER_ADDRESS, 200, Buffer.alloc(4))
				),
				rawStun(METHOD.BINDING_REQUEST, 8, rawAttribute(0x7777, 4, Buffer.alloc(4))),
				rawStun(METHOD.SEND_INDICATION, 4, rawAttribute(ATTR.XOR_PEER_ADDRESS, 0, Buffer.alloc(0))),
				rawStun(
					METHOD.SEND_INDICATION,
					12,
					rawAttribute(ATTR.XOR_PEER_ADDRESS, 8, Buffer.from([0, 3, 0, 0, 1, 2, 3, 4]))
				),
				rawStun(METHOD.BINDING_REQUEST, 0, Buffer.alloc(0)).subarray(0, 8)
			];
			for (const packet of cases) session.send(packet);
			// Signed requests with bad attributes: an empty CHANNEL-NUMBER, a 2-byte XOR-PEER-ADDRESS.
			const emptyChannel = await answerOrNull(
				session.request(
					stunMessage(
						METHOD.CHANNEL_BIND_REQUEST,
						(id) => [
							{ type: ATTR.CHANNEL_NUMBER, value: Buffer.alloc(0) },
							{ type: ATTR.XOR_PEER_ADDRESS, value: xorPeerAddress('127.0.0.1', 9, id) }
						],
						session.auth!
					)
				)
			);
			const shortPeer = await answerOrNull(
				session.request(
					stunMessage(
						METHOD.CREATE_PERMISSION_REQUEST,
						[{ type: ATTR.XOR_PEER_ADDRESS, value: Buffer.from([0, 1]) }],
						session.auth!
					)
				)
			);
			return { emptyChannel, shortPeer };
		}
	},
	{
		id: 'allocate-again',
		sends: 'a second Allocate on the same 5-tuple, and one asking for EVEN-PORT',
		async run(session) {
			const again = await answerOrNull(session.request(allocateRequest(session.auth!)));
			const evenPort = await answerOrNull(
				session.request(
					allocateRequest(session.auth!, [{ type: ATTR.EVEN_PORT, value: Buffer.from([0x80]) }])
				)
			);
			return { again, evenPort };
		}
	}
];

/** Ends a session's allocation (Refresh with lifetime 0, so its quota comes back) and closes it. */
export async function releaseSession(session: TurnSession): Promise<void> {
	try {
		if (session.allocation.success && session.auth)
			await session.request(refreshRequest(0, session.auth)).catch(() => null);
	} finally {
		session.close();
	}
}

/**
 * The server still serves: it answers a Binding request and grants a new Allocate with
 * `credentials` (each on a new socket or connection), which is then released.
 */
export async function stillServes(
	host: string,
	port: number,
	transport: 'udp' | 'tcp',
	credentials: { username: string; password: string }
): Promise<boolean> {
	if (!(await answersBinding(host, port, transport))) return false;
	const session = await openSession(host, port, transport, credentials).catch(() => null);
	if (!session) return false;
	await releaseSession(session);
	return session.allocation.success;
}
