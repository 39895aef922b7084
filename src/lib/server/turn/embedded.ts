// The embedded TURN server: node-turn (RFC 5389 STUN + RFC 5766 TURN, pure JavaScript) running in
// the lab's own process. node-turn on its own only listens on UDP and only knows static users, so
// this module gives it:
//   - its listeners: UDP *and* TCP (RFC 5766 §2.1: STUN messages and ChannelData, which TCP
//     carries padded to 4 bytes, §11.5), one pair per listening address;
//   - REST-API credentials: the "user table" computes the password of `expiry:name` usernames
//     and has no entry for expired or foreign ones, so those requests get 401 Unauthorized;
//   - ChannelData from clients (node-turn drops it), MESSAGE-INTEGRITY on ChannelBind success
//     responses (browsers discard responses without it), refresh lifetimes, relay sockets closed
//     when an allocation ends, and the hardened profile's peer filter (403 Forbidden).

import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createRequire } from 'node:module';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { passwordFor } from './credentials';
import { isDeniedPeer, type TurnProfile } from './peer-policy';

const require = createRequire(import.meta.url);

// The small part of node-turn's internals this module touches.
interface TurnAddress {
	address: string;
	port: number;
}
interface SendSocket {
	send(
		data: Buffer,
		port: number,
		address: string,
		callback?: (error?: Error | null) => void
	): void;
}
interface TurnTransport {
	get5Tuple(): string;
}
interface TurnAllocation {
	sockets: UdpSocket[];
	permissions: Record<string, number>;
	channelBindings: Record<number, TurnAddress | undefined>;
	timer: ReturnType<typeof setTimeout>;
	fiveTuple: string;
}
interface TurnMessage {
	read(buffer: Buffer): boolean;
	getAttribute(name: string): unknown;
	getAttributes(name: string): unknown[];
}
interface TurnReply {
	resolve(): void;
	reject(code: number, reason: string): void;
	addAttribute(name: string, value?: unknown): void;
}
interface NodeTurnServer {
	allocations: Record<string, TurnAllocation | undefined>;
	defaultLifetime: number;
	maxAllocateTimeout: number;
	authentification: {
		generateNonce(): string;
		checkNonce(nonce: string): boolean;
	};
	emit(event: string, ...args: unknown[]): boolean;
	on(event: string, listener: (msg: TurnMessage, reply: TurnReply) => void): void;
	listeners(event: string): ((msg: TurnMessage, reply: TurnReply) => void)[];
	removeAllListeners(event: string): void;
}

const NodeTurn = require('node-turn') as new (config: object) => NodeTurnServer;
const TurnMessageClass = require('node-turn/lib/message.js') as new (
	server: NodeTurnServer,
	transport: TurnTransport
) => TurnMessage;
const TransportClass = require('node-turn/lib/transport.js') as new (
	protocol: number,
	src: TurnAddress,
	dst: TurnAddress,
	socket: SendSocket
) => TurnTransport;
const AddressClass = require('node-turn/lib/address.js') as new (
	address: string,
	port: number
) => TurnAddress;

const UDP = 0x11;
const TCP = 0x06;
const MAX_TCP_BUFFER = 65_536 + 20;
const NONCE_LIFETIME_MS = 10 * 60 * 1000;

export interface EmbeddedTurnOptions {
	/** Addresses to listen on (UDP and TCP each); relayed addresses use the same address. */
	listeningIps: string[];
	port: number;
	secret: string;
	realm?: string;
	profile?: TurnProfile;
	minPort?: number;
	maxPort?: number;
	log?: (line: string) => void;
}

export interface EmbeddedTurn {
	kind: 'embedded';
	port: number;
	listeningIps: string[];
	/** Live allocations (for tests and the terminal). */
	allocationCount(): number;
	stop(): Promise<void>;
}

/** Starts the embedded TURN server; rejects (after closing what opened) if a port is taken. */
export async function startEmbeddedTurn(options: EmbeddedTurnOptions): Promise<EmbeddedTurn> {
	const { listeningIps, port, secret, profile = 'classroom', log = () => {} } = options;
	// node-turn looks passwords up as `credentials[username]`: this object answers with the REST
	// credential of unexpired `expiry:name` usernames and with nothing otherwise.
	const credentials = new Proxy({} as Record<string, string>, {
		get: (_target, key) => (typeof key === 'string' ? passwordFor(secret, key) : undefined)
	});
	const server = new NodeTurn({
		listeningIps,
		listeningPort: port,
		minPort: options.minPort ?? 49152,
		maxPort: options.maxPort ?? 65535,
		authMech: 'long-term',
		credentials,
		realm: options.realm ?? 'webrtc-lab',
		debugLevel: 'OFF',
		log: () => {}
	});
	// node-turn's Refresh reads these two names, which its constructor never sets.
	server.defaultLifetime = 600;
	server.maxAllocateTimeout = 3600;

	// Nonces without hour-long timers (which would keep the process alive after stop()).
	const nonces = new Map<string, number>();
	server.authentification.generateNonce = () => {
		const now = Date.now();
		if (nonces.size > 10_000) {
			for (const [nonce, expiry] of nonces) if (expiry < now) nonces.delete(nonce);
		}
		const nonce = randomBytes(16).toString('hex');
		nonces.set(nonce, now + NONCE_LIFETIME_MS);
		return nonce;
	};
	server.authentification.checkNonce = (nonce) => (nonces.get(nonce) ?? 0) >= Date.now();

	const peerAllowed = (peer: unknown) =>
		profile === 'classroom' ||
		(typeof peer === 'object' &&
			peer !== null &&
			typeof (peer as TurnAddress).address === 'string' &&
			!isDeniedPeer((peer as TurnAddress).address));

	wrapHandler(server, 'create_permission', (msg, reply) => {
		if (msg.getAttributes('xor-peer-address').every(peerAllowed)) return true;
		reply.reject(403, 'Forbidden');
		return false;
	});
	wrapHandler(server, 'channel_bind', (msg, reply) => {
		if (!peerAllowed(msg.getAttribute('xor-peer-address'))) {
			reply.reject(403, 'Forbidden');
			return false;
		}
		const resolve = reply.resolve.bind(reply);
		reply.resolve = () => {
			reply.addAttribute('message-integrity');
			resolve();
		};
		return true;
	});

	// Relay sockets of allocations that ended (expired, refreshed to 0, TCP closed) are closed here.
	const tracked = new Map<string, TurnAllocation>();
	const sweep = () => {
		for (const [key, allocation] of Object.entries(server.allocations)) {
			if (!allocation || tracked.get(key) === allocation) continue;
			for (const socket of allocation.sockets) socket.on('error', () => {});
			tracked.set(key, allocation);
		}
		for (const [key, allocation] of tracked) {
			if (server.allocations[key] === allocation) continue;
			tracked.delete(key);
			closeAllocation(allocation);
		}
	};
	const sweeper = setInterval(sweep, 2000);
	sweeper.unref();

	/** Client -> server: a STUN/TURN message, or ChannelData (first two bits 01, RFC 5766 §11.4). */
	const receive = (data: Buffer, transport: TurnTransport) => {
		if (data.length >= 4 && (data[0]! & 0xc0) === 0x40) {
			relayChannelData(server, data, transport);
			return;
		}
		const msg = new TurnMessageClass(server, transport);
		try {
			if (msg.read(data)) server.emit('message', msg);
		} catch {
			// Malformed message: dropped, as RFC 5389 §7.3 asks.
		}
		sweep();
	};

	const udpSockets: UdpSocket[] = [];
	const tcpServers: TcpServer[] = [];
	const connections = new Set<Socket>();
	try {
		for (const ip of listeningIps) {
			const local = new AddressClass(ip, port);
			const udp = createSocket(ip.includes(':') ? 'udp6' : 'udp4');
			udpSockets.push(udp);
			udp.on('message', (data, rinfo) =>
				receive(
					data,
					new TransportClass(UDP, new AddressClass(rinfo.address, rinfo.port), local, udp)
				)
			);
			await new Promise<void>((resolve, reject) => {
				udp.once('error', reject);
				udp.bind({ address: ip, port, exclusive: true }, () => {
					udp.off('error', reject);
					udp.on('error', (error) => log(`TURN UDP ${ip}:${port}: ${error.message}`));
					resolve();
				});
			});

			const tcp = createTcpServer((socket) => {
				connections.add(socket);
				const remote = new AddressClass(socket.remoteAddress ?? '0.0.0.0', socket.remotePort ?? 0);
				const sender: SendSocket = {
					send(data, _port, _address, callback) {
						if (socket.destroyed) callback?.(new Error('connection closed'));
						else socket.write(data, (error) => callback?.(error ?? null));
					}
				};
				const transport = new TransportClass(TCP, remote, local, sender);
				let buffered = Buffer.alloc(0);
				socket.on('data', (chunk) => {
					buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
					for (;;) {
						const size = tcpFrameSize(buffered);
						if (size === null) break;
						if (size < 0 || size > MAX_TCP_BUFFER) {
							socket.destroy();
							return;
						}
						receive(Buffer.from(buffered.subarray(0, size)), transport);
						buffered = buffered.subarray(size);
					}
					if (buffered.length > MAX_TCP_BUFFER) socket.destroy();
				});
				socket.on('error', () => {});
				socket.on('close', () => {
					connections.delete(socket);
					// A TCP client's allocation ends with its connection: that 5-tuple cannot come back.
					delete server.allocations[transport.get5Tuple()];
					sweep();
				});
			});
			tcpServers.push(tcp);
			await new Promise<void>((resolve, reject) => {
				tcp.once('error', reject);
				tcp.listen(port, ip, () => {
					tcp.off('error', reject);
					resolve();
				});
			});
		}
	} catch (error) {
		for (const udp of udpSockets) udp.close();
		for (const tcp of tcpServers) tcp.close();
		clearInterval(sweeper);
		throw error;
	}

	return {
		kind: 'embedded',
		port,
		listeningIps,
		allocationCount: () => Object.values(server.allocations).filter(Boolean).length,
		async stop() {
			clearInterval(sweeper);
			for (const [key, allocation] of Object.entries(server.allocations)) {
				delete server.allocations[key];
				if (allocation) closeAllocation(allocation);
			}
			for (const allocation of tracked.values()) closeAllocation(allocation);
			tracked.clear();
			for (const socket of connections) socket.destroy();
			await Promise.all([
				...udpSockets.map(
					(udp) =>
						new Promise<void>((resolve) => {
							try {
								udp.close(() => resolve());
							} catch {
								// Already closed (a second stop, e.g. when Vite restarts): nothing to wait for.
								resolve();
							}
						})
				),
				...tcpServers.map((tcp) => new Promise<void>((resolve) => tcp.close(() => resolve())))
			]);
		}
	};
}

/**
 * Bytes of the next frame on a TURN-over-TCP stream, null when more bytes are needed, -1 when the
 * stream is not TURN. STUN: 20-byte header + length. ChannelData: 4 + length, padded to 4 (§11.5).
 */
export function tcpFrameSize(buffered: Buffer): number | null {
	if (buffered.length < 4) return null;
	const kind = buffered[0]! & 0xc0;
	const length = buffered.readUInt16BE(2);
	if (kind === 0x40) {
		const size = 4 + length + ((4 - (length % 4)) % 4);
		return buffered.length >= size ? size : null;
	}
	if (kind !== 0) return -1;
	return buffered.length >= 20 + length ? 20 + length : null;
}

function relayChannelData(server: NodeTurnServer, data: Buffer, transport: TurnTransport) {
	const allocation = server.allocations[transport.get5Tuple()];
	if (!allocation) return;
	const channel = data.readUInt16BE(0);
	const length = data.readUInt16BE(2);
	if (length > data.length - 4) return;
	const peer = allocation.channelBindings[channel];
	if (!peer || (allocation.permissions[peer.address] ?? 0) < Date.now()) return;
	allocation.sockets[0]?.send(data.subarray(4, 4 + length), peer.port, peer.address);
}

function closeAllocation(allocation: TurnAllocation) {
	clearTimeout(allocation.timer);
	for (const socket of allocation.sockets) {
		try {
			socket.close();
		} catch {
			// Already closed.
		}
	}
}

/** Puts `guard` in front of node-turn's handler for one method; the handler runs if it says so. */
function wrapHandler(
	server: NodeTurnServer,
	event: string,
	guard: (msg: TurnMessage, reply: TurnReply) => boolean
) {
	const originals = server.listeners(event);
	server.removeAllListeners(event);
	server.on(event, (msg, reply) => {
		if (guard(msg, reply)) for (const original of originals) original.call(server, msg, reply);
	});
}
