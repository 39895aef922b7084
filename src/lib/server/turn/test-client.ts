// A minimal TURN client for tests (RFC 5389 / RFC 5766), written independently of node-turn so
// the tests check the wire protocol, not node-turn against itself (and can drive coturn too):
// Allocate over UDP or TCP with the long-term credential mechanism (401 + REALM + NONCE, then
// MESSAGE-INTEGRITY), and CreatePermission for a peer on the same allocation.

import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { connect } from 'node:net';

const MAGIC_COOKIE = 0x2112a442;
const ALLOCATE_REQUEST = 0x0003;
const CREATE_PERMISSION_REQUEST = 0x0008;
const ATTR = {
	USERNAME: 0x0006,
	MESSAGE_INTEGRITY: 0x0008,
	ERROR_CODE: 0x0009,
	XOR_PEER_ADDRESS: 0x0012,
	REALM: 0x0014,
	NONCE: 0x0015,
	XOR_RELAYED_ADDRESS: 0x0016,
	REQUESTED_TRANSPORT: 0x0019
} as const;

interface Attribute {
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

/** A STUN request of `method`; with `auth`, signed with MESSAGE-INTEGRITY (RFC 5389 §15.4). */
function request(method: number, attributes: Attribute[], auth?: LongTermAuth): Buffer {
	const all = auth
		? [
				...attributes,
				{ type: ATTR.USERNAME, value: Buffer.from(auth.username) },
				{ type: ATTR.REALM, value: Buffer.from(auth.realm) },
				{ type: ATTR.NONCE, value: Buffer.from(auth.nonce) }
			]
		: attributes;
	const body = encodeAttributes(all);
	const header = Buffer.alloc(20);
	header.writeUInt16BE(method, 0);
	header.writeUInt32BE(MAGIC_COOKIE, 4);
	randomBytes(12).copy(header, 8);
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

/** An Allocate request for a UDP relay (REQUESTED-TRANSPORT 17), signed when `auth` is given. */
export const allocateRequest = (auth?: LongTermAuth): Buffer =>
	request(
		ALLOCATE_REQUEST,
		[{ type: ATTR.REQUESTED_TRANSPORT, value: Buffer.from([17, 0, 0, 0]) }],
		auth
	);

/** XOR-PEER-ADDRESS of an IPv4 peer (RFC 5766 §14.3): port and address XORed with the cookie. */
function xorPeerAddress(address: string, port: number): Buffer {
	const value = Buffer.alloc(8);
	value[1] = 0x01;
	value.writeUInt16BE(port ^ (MAGIC_COOKIE >>> 16), 2);
	const ip = address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
	value.writeUInt32BE((ip ^ MAGIC_COOKIE) >>> 0, 4);
	return value;
}

/** A CreatePermission request for `peer` (RFC 5766 §9), signed. */
export const createPermissionRequest = (peer: string, auth: LongTermAuth): Buffer =>
	request(
		CREATE_PERMISSION_REQUEST,
		[{ type: ATTR.XOR_PEER_ADDRESS, value: xorPeerAddress(peer, 0) }],
		auth
	);

export interface AllocateResponse {
	success: boolean;
	errorCode?: number;
	reason?: string;
	realm?: string;
	nonce?: string;
	relayed?: { address: string; port: number };
}

export function parseResponse(data: Buffer): AllocateResponse {
	const type = data.readUInt16BE(0);
	const length = data.readUInt16BE(2);
	// The class bits of the message type (RFC 5389 §6): 0b10 is a success response.
	const response: AllocateResponse = { success: (type & 0x0110) === 0x0100 };
	let offset = 20;
	while (offset + 4 <= 20 + length) {
		const attrType = data.readUInt16BE(offset);
		const attrLength = data.readUInt16BE(offset + 2);
		const value = data.subarray(offset + 4, offset + 4 + attrLength);
		if (attrType === ATTR.ERROR_CODE) {
			response.errorCode = (value[2]! & 0x07) * 100 + value[3]!;
			response.reason = value.subarray(4).toString('utf8');
		} else if (attrType === ATTR.REALM) response.realm = value.toString('utf8');
		else if (attrType === ATTR.NONCE) response.nonce = value.toString('utf8');
		else if (attrType === ATTR.XOR_RELAYED_ADDRESS && value[1] === 0x01) {
			const port = value.readUInt16BE(2) ^ (MAGIC_COOKIE >>> 16);
			const address = (value.readUInt32BE(4) ^ MAGIC_COOKIE) >>> 0;
			response.relayed = {
				address: [24, 16, 8, 0].map((shift) => (address >>> shift) & 0xff).join('.'),
				port
			};
		}
		offset += 4 + attrLength + ((4 - (attrLength % 4)) % 4);
	}
	return response;
}

/** Sends requests on one UDP socket or TCP connection (one 5-tuple) and reads the replies. */
export async function openTurnChannel(
	host: string,
	port: number,
	transport: 'udp' | 'tcp',
	timeoutMs = 3000
): Promise<{ request(message: Buffer): Promise<AllocateResponse>; close(): void }> {
	const waiting: ((data: Buffer) => void)[] = [];
	const deliver = (data: Buffer) => waiting.shift()?.(data);
	let send: (message: Buffer) => void;
	let close: () => void;
	if (transport === 'udp') {
		const socket = createSocket('udp4');
		socket.on('message', deliver);
		await new Promise<void>((resolve) => socket.bind(0, resolve));
		send = (message) => socket.send(message, port, host);
		close = () => socket.close();
	} else {
		const socket = connect(port, host);
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', resolve);
			socket.once('error', reject);
		});
		let buffered = Buffer.alloc(0);
		socket.on('data', (chunk) => {
			buffered = Buffer.concat([buffered, chunk]);
			while (buffered.length >= 20 && buffered.length >= 20 + buffered.readUInt16BE(2)) {
				const size = 20 + buffered.readUInt16BE(2);
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
				const timer = setTimeout(
					() => reject(new Error('no answer from the TURN server')),
					timeoutMs
				);
				waiting.push((data) => {
					clearTimeout(timer);
					resolve(parseResponse(data));
				});
				send(message);
			}),
		close
	};
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
	const channel = await openTurnChannel(host, port, transport);
	try {
		const challenge = await channel.request(allocateRequest());
		if (!challenge.realm || !challenge.nonce) return { allocation: challenge };
		const auth = { ...credentials, realm: challenge.realm, nonce: challenge.nonce };
		const allocation = await channel.request(allocateRequest(auth));
		if (!allocation.success) return { allocation };
		const permission = await channel.request(createPermissionRequest(peer, auth));
		return { allocation, permission };
	} finally {
		channel.close();
	}
}
