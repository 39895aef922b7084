// TURN on the wire for the probe (`npm run probe`, ./probe.ts): the few requests an abuser sends —
// Allocate, CreatePermission and ChannelBind to any peer (IPv4 or IPv6), Refresh with lifetime 0,
// and a ChannelData packet — written independently of node-turn so they can hit either server.
// (Like ../turn/test-client.ts, which the tests use; this one also speaks IPv6 peers and channels.)
//
// RFC 5389 §6 (header, 20 bytes):
//   0                   1                   2                   3
//   |0 0|  message type (14 bits)  |        message length         |
//   |                   magic cookie 0x2112A442                    |
//   |                transaction id (96 bits)                      |
// RFC 5766 §11.4 (ChannelData): | channel number (0x4000–0x7FFF) | length | data |

import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';

const MAGIC_COOKIE = 0x2112a442;
export const METHOD = {
	allocate: 0x0003,
	refresh: 0x0004,
	createPermission: 0x0008,
	channelBind: 0x0009
} as const;
const ATTR = {
	CHANNEL_NUMBER: 0x000c,
	LIFETIME: 0x000d,
	USERNAME: 0x0006,
	MESSAGE_INTEGRITY: 0x0008,
	ERROR_CODE: 0x0009,
	XOR_PEER_ADDRESS: 0x0012,
	REALM: 0x0014,
	NONCE: 0x0015,
	REQUESTED_TRANSPORT: 0x0019
} as const;

export interface Attribute {
	type: number;
	value: Buffer;
}

export interface LongTermAuth {
	username: string;
	password: string;
	realm: string;
	nonce: string;
}

export interface StunAnswer {
	success: boolean;
	errorCode?: number;
	realm?: string;
	nonce?: string;
}

const encode = (attributes: Attribute[]) =>
	Buffer.concat(
		attributes.map(({ type, value }) => {
			const header = Buffer.alloc(4);
			header.writeUInt16BE(type, 0);
			header.writeUInt16BE(value.length, 2);
			return Buffer.concat([header, value, Buffer.alloc((4 - (value.length % 4)) % 4)]);
		})
	);

/** `64:ff9b::7f00:1` -> 16 bytes (RFC 4291 §2.2; the text is trusted: the probe writes it). */
export function ipv6Bytes(text: string): Buffer {
	const [head = '', tail] = text.split('::');
	const groups = (part: string) => (part ? part.split(':') : []);
	const left = groups(head);
	const right = tail === undefined ? [] : groups(tail);
	const all = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
	const bytes = Buffer.alloc(16);
	all.forEach((group, i) => bytes.writeUInt16BE(parseInt(group, 16), i * 2));
	return bytes;
}

/** XOR-PEER-ADDRESS (RFC 5766 §14.3, RFC 5389 §15.2): IPv6 is XORed with cookie + transaction. */
function xorPeerAddress(address: string, port: number, transaction: Buffer): Buffer {
	const v6 = address.includes(':');
	const value = Buffer.alloc(v6 ? 20 : 8);
	value[1] = v6 ? 0x02 : 0x01;
	value.writeUInt16BE(port ^ (MAGIC_COOKIE >>> 16), 2);
	const raw = v6 ? ipv6Bytes(address) : Buffer.from(address.split('.').map(Number));
	const cookie = Buffer.alloc(4);
	cookie.writeUInt32BE(MAGIC_COOKIE);
	const mask = Buffer.concat([cookie, transaction]);
	raw.forEach((byte, i) => (value[4 + i] = byte ^ mask[i]!));
	return value;
}

/** A request of `method`, signed with MESSAGE-INTEGRITY (RFC 5389 §15.4) when `auth` is given. */
export function stunRequest(
	method: number,
	attributes: (transaction: Buffer) => Attribute[],
	auth?: LongTermAuth
): Buffer {
	const transaction = randomBytes(12);
	const all = [
		...attributes(transaction),
		...(auth
			? [
					{ type: ATTR.USERNAME, value: Buffer.from(auth.username) },
					{ type: ATTR.REALM, value: Buffer.from(auth.realm) },
					{ type: ATTR.NONCE, value: Buffer.from(auth.nonce) }
				]
			: [])
	];
	const body = encode(all);
	const header = Buffer.alloc(20);
	header.writeUInt16BE(method, 0);
	header.writeUInt32BE(MAGIC_COOKIE, 4);
	transaction.copy(header, 8);
	header.writeUInt16BE(body.length + (auth ? 24 : 0), 2);
	if (!auth) return Buffer.concat([header, body]);
	const key = createHash('md5').update(`${auth.username}:${auth.realm}:${auth.password}`).digest();
	const hmac = createHmac('sha1', key)
		.update(Buffer.concat([header, body]))
		.digest();
	return Buffer.concat([header, body, encode([{ type: ATTR.MESSAGE_INTEGRITY, value: hmac }])]);
}

export const allocate = (auth?: LongTermAuth) =>
	stunRequest(
		METHOD.allocate,
		() => [{ type: ATTR.REQUESTED_TRANSPORT, value: Buffer.from([17, 0, 0, 0]) }],
		auth
	);

export const createPermission = (peer: string, auth: LongTermAuth) =>
	stunRequest(
		METHOD.createPermission,
		(transaction) => [{ type: ATTR.XOR_PEER_ADDRESS, value: xorPeerAddress(peer, 0, transaction) }],
		auth
	);

export const channelBind = (channel: number, peer: string, port: number, auth: LongTermAuth) =>
	stunRequest(
		METHOD.channelBind,
		(transaction) => [
			{ type: ATTR.CHANNEL_NUMBER, value: Buffer.from([channel >> 8, channel & 0xff, 0, 0]) },
			{ type: ATTR.XOR_PEER_ADDRESS, value: xorPeerAddress(peer, port, transaction) }
		],
		auth
	);

/** Refresh with LIFETIME 0 deletes the allocation (RFC 5766 §7). */
export const release = (auth: LongTermAuth) =>
	stunRequest(METHOD.refresh, () => [{ type: ATTR.LIFETIME, value: Buffer.alloc(4) }], auth);

export function channelData(channel: number, data: Buffer): Buffer {
	const header = Buffer.alloc(4);
	header.writeUInt16BE(channel, 0);
	header.writeUInt16BE(data.length, 2);
	return Buffer.concat([header, data]);
}

export function parseAnswer(data: Buffer): StunAnswer | null {
	if (data.length < 20 || data.readUInt32BE(4) !== MAGIC_COOKIE) return null;
	const type = data.readUInt16BE(0);
	const length = Math.min(data.readUInt16BE(2), data.length - 20);
	// The class bits (RFC 5389 §6): 0b10 success, 0b11 error.
	const answer: StunAnswer = { success: (type & 0x0110) === 0x0100 };
	let offset = 20;
	while (offset + 4 <= 20 + length) {
		const attrType = data.readUInt16BE(offset);
		const attrLength = data.readUInt16BE(offset + 2);
		const value = data.subarray(offset + 4, offset + 4 + attrLength);
		if (attrType === ATTR.ERROR_CODE && value.length >= 4)
			answer.errorCode = (value[2]! & 0x07) * 100 + value[3]!;
		else if (attrType === ATTR.REALM) answer.realm = value.toString('utf8');
		else if (attrType === ATTR.NONCE) answer.nonce = value.toString('utf8');
		offset += 4 + attrLength + ((4 - (attrLength % 4)) % 4);
	}
	return answer;
}

/** One UDP 5-tuple to the TURN server: requests answered in order, `null` when none came. */
export interface TurnSession {
	request(message: Buffer): Promise<StunAnswer | null>;
	send(packet: Buffer): void;
	/** Allocates with the long-term credential; the auth to sign later requests with, or null. */
	allocate(credential: { username: string; password: string }): Promise<{
		answer: StunAnswer | null;
		auth: LongTermAuth | null;
	}>;
	close(): void;
}

export async function openTurnSession(
	host: string,
	port: number,
	timeoutMs = 2_000
): Promise<TurnSession> {
	const socket: Socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
	const waiting: ((data: Buffer | null) => void)[] = [];
	socket.on('message', (data) => waiting.shift()?.(data));
	socket.on('error', () => {});
	await new Promise<void>((resolve) => socket.bind(0, resolve));
	const session: TurnSession = {
		request: (message) =>
			new Promise((resolve) => {
				const timer = setTimeout(() => {
					waiting.splice(waiting.indexOf(deliver), 1);
					resolve(null);
				}, timeoutMs);
				const deliver = (data: Buffer | null) => {
					clearTimeout(timer);
					resolve(data ? parseAnswer(data) : null);
				};
				waiting.push(deliver);
				socket.send(message, port, host);
			}),
		send: (packet) => socket.send(packet, port, host),
		async allocate(credential) {
			const challenge = await session.request(allocate());
			if (!challenge?.realm || !challenge.nonce) return { answer: challenge, auth: null };
			const auth = { ...credential, realm: challenge.realm, nonce: challenge.nonce };
			return { answer: await session.request(allocate(auth)), auth };
		},
		close: () => {
			try {
				socket.close();
			} catch {
				// already closed
			}
		}
	};
	return session;
}
