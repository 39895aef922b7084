// The embedded TURN server: node-turn (RFC 5389 STUN + RFC 5766 TURN, pure JavaScript) running in
// the lab's own process. node-turn on its own only listens on UDP and only knows static users, so
// this module gives it:
//   - its listeners: UDP *and* TCP (RFC 5766 §2.1: STUN messages and ChannelData, which TCP
//     carries padded to 4 bytes, §11.5), one pair per listening address;
//   - REST-API credentials: the "user table" computes the password of `expiry:name` usernames
//     and has no entry for expired or foreign ones, so those requests get 401 Unauthorized;
//   - ChannelData from clients (node-turn drops it), MESSAGE-INTEGRITY on ChannelBind success
//     responses (browsers discard responses without it), refresh lifetimes, relay sockets closed
//     when an allocation ends;
//   - one peer check for CreatePermission, ChannelBind, Send and ChannelData: 400 Bad Request for
//     a peer that is not an address (or a port outside 1–65535 where one is used), 443 for a peer
//     of the other address family (RFC 6156 §6.2), and the hardened profile's filter (403);
//   - allocation quotas per username, per client address and in total (486, RFC 5766 §6.2);
//   - containment: node-turn throws on some malformed input and never validates what it sends,
//     so every socket handler and send callback here catches its own failure and drops the
//     message. No single packet may take the lab's process down.

import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createRequire } from 'node:module';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { passwordFor } from './credentials';
import {
	TURN_QUOTAS,
	isDeniedPeer,
	parseIpAddress,
	type TurnProfile,
	type TurnQuotas
} from './peer-policy';

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
	src: TurnAddress;
	get5Tuple(): string;
}
interface TurnAllocation {
	transactionID: string;
	relayedTransportAddress: TurnAddress;
	mappedAddress: TurnAddress;
	lifetime: number;
	sockets: UdpSocket[];
	permissions: Record<string, number>;
	channelBindings: Record<number, TurnAddress | undefined>;
	timer: ReturnType<typeof setTimeout>;
	fiveTuple: string;
}
interface TurnMessage {
	transport: TurnTransport;
	transactionID: string;
	allocation: TurnAllocation | null;
	user: { username: string } | null;
	read(buffer: Buffer): boolean;
	getAttribute(name: string): unknown;
	getAttributes(name: string): unknown[];
}
interface TurnReply {
	discard(): void;
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
/** The largest datagram from a peer that fits a Data indication (16-bit STUN length). */
const MAX_PEER_DATAGRAM = 65_535 - 64;

export interface EmbeddedTurnOptions {
	/** Addresses to listen on (UDP and TCP each); relayed addresses use the same address. */
	listeningIps: string[];
	port: number;
	secret: string;
	realm?: string;
	profile?: TurnProfile;
	minPort?: number;
	maxPort?: number;
	/** Overrides the profile's allocation quotas (TURN_QUOTAS). */
	quotas?: Partial<TurnQuotas>;
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

	// Failures node-turn or a socket throws at us: the message is dropped and the terminal hears of
	// it at most every 10 s (a flood of bad packets must not become a flood of log lines).
	let lastReport = 0;
	let unreported = 0;
	const report = (where: string, error: unknown) => {
		const now = Date.now();
		if (now - lastReport < 10_000) {
			unreported++;
			return;
		}
		const reason = String((error as Error)?.message ?? error).slice(0, 160);
		const more = unreported ? ` (and ${unreported} more since the last report)` : '';
		log(`TURN: dropped a message that failed in ${where}: ${reason}${more}`);
		lastReport = now;
		unreported = 0;
	};

	/**
	 * The one peer check (CreatePermission, ChannelBind, Send, ChannelData): the STUN error that
	 * refuses `peer` on `allocation`, or null when the relay may use it. `withPort`: the peer is a
	 * destination (ChannelBind, Send), not a permission, whose port RFC 5766 §9 ignores.
	 */
	const refusePeer = (
		peer: unknown,
		allocation: TurnAllocation,
		withPort: boolean
	): 400 | 403 | 443 | null => {
		if (typeof peer !== 'object' || peer === null) return 400;
		const { address, port } = peer as Partial<TurnAddress>;
		const ip = typeof address === 'string' ? parseIpAddress(address) : null;
		if (!ip) return 400;
		if (withPort && !(Number.isInteger(port) && port! >= 1 && port! <= 65535)) return 400;
		if (ip.family !== relayFamily(allocation)) return 443;
		if (profile === 'hardened' && isDeniedPeer(ip.address)) return 403;
		return null;
	};
	const REASONS = { 400: 'Bad Request', 403: 'Forbidden', 443: 'Peer Address Family Mismatch' };

	wrapHandler(server, 'create_permission', (msg, reply) => {
		const peers = msg.getAttributes('xor-peer-address');
		const refusal = peers.length
			? peers.map((peer) => refusePeer(peer, msg.allocation!, false)).find((code) => code)
			: 400;
		if (!refusal) return true;
		reply.reject(refusal, REASONS[refusal]);
		return false;
	});
	wrapHandler(server, 'channel_bind', (msg, reply) => {
		// RFC 5766 §11: channel numbers 0x4000 through 0x7FFE.
		const channel = msg.getAttribute('channel-number');
		const refusal =
			typeof channel !== 'number' || channel < 0x4000 || channel > 0x7ffe
				? 400
				: refusePeer(msg.getAttribute('xor-peer-address'), msg.allocation!, true);
		if (refusal) {
			reply.reject(refusal, REASONS[refusal]);
			return false;
		}
		const resolve = reply.resolve.bind(reply);
		reply.resolve = () => {
			reply.addAttribute('message-integrity');
			resolve();
		};
		return true;
	});
	wrapHandler(server, 'send', (msg, reply) => {
		// An indication gets no answer (RFC 5766 §10.2): a refused one is dropped.
		if (refusePeer(msg.getAttribute('xor-peer-address'), msg.allocation!, true) === null)
			return true;
		reply.discard();
		return false;
	});

	// Quotas, taken when an Allocate is accepted and given back when it fails or the allocation ends.
	const quotas = { ...TURN_QUOTAS[profile], ...options.quotas };
	const held = {
		total: 0,
		byUsername: new Map<string, number>(),
		byClient: new Map<string, number>()
	};
	const takeQuota = (username: string, client: string): (() => void) | null => {
		if (
			held.total >= quotas.total ||
			(held.byUsername.get(username) ?? 0) >= quotas.perUsername ||
			(held.byClient.get(client) ?? 0) >= quotas.perClientAddress
		)
			return null;
		const add = (map: Map<string, number>, key: string, n: number) => {
			const value = (map.get(key) ?? 0) + n;
			if (value > 0) map.set(key, value);
			else map.delete(key);
		};
		held.total++;
		add(held.byUsername, username, 1);
		add(held.byClient, client, 1);
		let released = false;
		return () => {
			if (released) return;
			released = true;
			held.total--;
			add(held.byUsername, username, -1);
			add(held.byClient, client, -1);
		};
	};
	const releases = new Map<TurnAllocation, () => void>();
	const pending = new Set<string>();

	wrapHandler(server, 'allocate', (msg, reply) => {
		const fiveTuple = msg.transport.get5Tuple();
		// node-turn never sets msg.allocation for an Allocate, so it would replace a live allocation
		// (leaking its socket). RFC 5766 §6.2: a retransmission gets the same success again, any
		// other Allocate on that 5-tuple 437 Allocation Mismatch. (node-turn's own retransmission
		// branch would also restart the allocation's timer with NaN, ending it at once.)
		const existing = server.allocations[fiveTuple];
		if (existing) {
			if (existing.transactionID !== msg.transactionID) {
				reply.reject(437, 'Allocation Mismatch');
				return false;
			}
			reply.addAttribute('xor-relayed-address', existing.relayedTransportAddress);
			reply.addAttribute('lifetime', existing.lifetime);
			reply.addAttribute('xor-mapped-address', existing.mappedAddress);
			reply.addAttribute('message-integrity');
			reply.resolve();
			return false;
		}
		// A retransmission while the first Allocate binds its socket: that answer is on its way.
		if (pending.has(fiveTuple)) {
			reply.discard();
			return false;
		}
		// node-turn's EVEN-PORT binds the client's own port number and can leak a socket; no browser
		// asks for it. RFC 5766 §6.2 answers what a server cannot satisfy with 508.
		if (
			msg.getAttribute('even-port') !== undefined ||
			msg.getAttribute('reservation-token') !== undefined
		) {
			reply.reject(508, 'Insufficient Capacity');
			return false;
		}
		// Counted by the name in `<expiry>:<name>`, as coturn counts its user-quota.
		const username = (msg.user?.username ?? String(msg.getAttribute('username'))).replace(
			/^\d+:/,
			''
		);
		const client = parseIpAddress(msg.transport.src.address)?.address ?? msg.transport.src.address;
		const release = takeQuota(username, client);
		if (!release) {
			reply.reject(486, 'Allocation Quota Reached');
			return false;
		}
		pending.add(fiveTuple);
		const resolve = reply.resolve.bind(reply);
		const reject = reply.reject.bind(reply);
		// node-turn calls these from a promise: whatever they throw must not become an unhandled
		// rejection (which ends the process).
		reply.resolve = () => {
			pending.delete(fiveTuple);
			if (msg.allocation && server.allocations[fiveTuple] === msg.allocation) {
				releases.set(msg.allocation, release);
				adopt(fiveTuple, msg.allocation);
			} else release();
			try {
				resolve();
			} catch (error) {
				report('answering an Allocate', error);
			}
		};
		reply.reject = (code, reason) => {
			pending.delete(fiveTuple);
			release();
			try {
				reject(code, reason);
			} catch (error) {
				report('answering an Allocate', error);
			}
		};
		return true;
	});

	// Relay sockets of allocations that ended (expired, refreshed to 0, TCP closed) are closed here,
	// and their quota given back.
	const tracked = new Map<string, TurnAllocation>();
	/** From its creation on, an allocation's relay sockets contain their own failures. */
	const adopt = (key: string, allocation: TurnAllocation) => {
		if (tracked.get(key) === allocation) return;
		tracked.set(key, allocation);
		for (const socket of allocation.sockets) {
			socket.on('error', (error) => report('a relay socket', error));
			// node-turn's peer -> client listener: Data indications and ChannelData to the client.
			for (const listener of socket.listeners('message') as ((...args: unknown[]) => void)[]) {
				socket.off('message', listener);
				socket.on('message', (...args: unknown[]) => {
					// A Data indication longer than 64 KiB cannot be encoded; node-turn would throw
					// while encoding it in a callback no one catches.
					if ((args[0] as Buffer).length > MAX_PEER_DATAGRAM) return;
					try {
						listener.apply(socket, args);
					} catch (error) {
						report('relaying from a peer', error);
					}
				});
			}
		}
	};
	const end = (allocation: TurnAllocation) => {
		closeAllocation(allocation);
		releases.get(allocation)?.();
		releases.delete(allocation);
	};
	const sweep = () => {
		for (const [key, allocation] of Object.entries(server.allocations)) {
			if (allocation && tracked.get(key) !== allocation) {
				const previous = tracked.get(key);
				if (previous) end(previous);
				adopt(key, allocation);
			}
		}
		for (const [key, allocation] of tracked) {
			if (server.allocations[key] === allocation) continue;
			tracked.delete(key);
			end(allocation);
		}
	};
	const sweeper = setInterval(() => {
		try {
			sweep();
		} catch (error) {
			report('the allocation sweep', error);
		}
	}, 2000);
	sweeper.unref();

	/** Client -> server: ChannelData (first two bits 01, RFC 5766 §11.4) or a STUN/TURN message. */
	const receive = (data: Buffer, transport: TurnTransport) => {
		try {
			if (data.length >= 4 && (data[0]! & 0xc0) === 0x40) {
				relayChannelData(data, transport);
				return;
			}
			const msg = new TurnMessageClass(server, transport);
			let valid = false;
			try {
				valid = msg.read(data);
			} catch {
				// Malformed message (node-turn throws on some): dropped, as RFC 5389 §7.3 asks.
			}
			if (valid) server.emit('message', msg);
		} catch (error) {
			report('a TURN message', error);
		}
		try {
			sweep();
		} catch (error) {
			report('the allocation sweep', error);
		}
	};

	/** ChannelData from the client to the peer bound to its channel (node-turn drops it). */
	const relayChannelData = (data: Buffer, transport: TurnTransport) => {
		const allocation = server.allocations[transport.get5Tuple()];
		if (!allocation) return;
		const channel = data.readUInt16BE(0);
		const length = data.readUInt16BE(2);
		if (channel < 0x4000 || channel > 0x7ffe || length > data.length - 4) return;
		const peer = allocation.channelBindings[channel];
		if (!peer || refusePeer(peer, allocation, true) !== null) return;
		if ((allocation.permissions[peer.address] ?? 0) < Date.now()) return;
		allocation.sockets[0]?.send(data.subarray(4, 4 + length), peer.port, peer.address, (error) => {
			if (error) report('relaying ChannelData', error);
		});
	};

	const udpSockets: UdpSocket[] = [];
	const tcpServers: TcpServer[] = [];
	const connections = new Set<Socket>();
	// TURN over TCP needs one connection per allocation (RFC 6062 aside), so an address may hold
	// twice its allocation quota in connections (room for ones that only ask Binding, or were
	// refused with 486): more would only hold file descriptors. Beyond, a connection is closed.
	const connectionsByClient = new Map<string, number>();
	try {
		for (const ip of listeningIps) {
			const local = new AddressClass(ip, port);
			const udp = createSocket(ip.includes(':') ? 'udp6' : 'udp4');
			udpSockets.push(udp);
			// node-turn sends answers through this: a send that throws (a bad port) is reported to
			// its callback instead of escaping into the handler that answered.
			const sender: SendSocket = {
				send(data, toPort, toAddress, callback) {
					try {
						udp.send(data, toPort, toAddress, (error) => callback?.(error ?? null));
					} catch (error) {
						callback?.(error as Error);
					}
				}
			};
			udp.on('message', (data, rinfo) => {
				try {
					const remote = new AddressClass(rinfo.address, rinfo.port);
					receive(data, new TransportClass(UDP, remote, local, sender));
				} catch (error) {
					report('a UDP datagram', error);
				}
			});
			await new Promise<void>((resolve, reject) => {
				udp.once('error', reject);
				udp.bind({ address: ip, port, exclusive: true }, () => {
					udp.off('error', reject);
					udp.on('error', (error) => report(`TURN UDP ${ip}:${port}`, error));
					resolve();
				});
			});

			const tcp = createTcpServer((socket) => {
				socket.on('error', () => {});
				const client = parseIpAddress(socket.remoteAddress ?? '')?.address ?? '?';
				const held = connectionsByClient.get(client) ?? 0;
				if (held >= 2 * quotas.perClientAddress || connections.size >= 2 * quotas.total) {
					socket.destroy();
					return;
				}
				connectionsByClient.set(client, held + 1);
				connections.add(socket);
				let transport: TurnTransport | undefined;
				socket.on('close', () => {
					connections.delete(socket);
					const left = (connectionsByClient.get(client) ?? 1) - 1;
					if (left > 0) connectionsByClient.set(client, left);
					else connectionsByClient.delete(client);
					// A TCP client's allocation ends with its connection: that 5-tuple cannot come back.
					try {
						if (!transport) return;
						delete server.allocations[transport.get5Tuple()];
						sweep();
					} catch (error) {
						report('closing a TCP allocation', error);
					}
				});
				try {
					const remote = new AddressClass(
						socket.remoteAddress ?? '0.0.0.0',
						socket.remotePort ?? 0
					);
					const sender: SendSocket = {
						send(data, _port, _address, callback) {
							if (socket.destroyed) callback?.(new Error('connection closed'));
							else socket.write(data, (error) => callback?.(error ?? null));
						}
					};
					transport = new TransportClass(TCP, remote, local, sender);
				} catch (error) {
					report('a TCP connection', error);
					socket.destroy();
					return;
				}
				let buffered = Buffer.alloc(0);
				socket.on('data', (chunk) => {
					try {
						buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
						for (;;) {
							const size = tcpFrameSize(buffered);
							if (size === null) break;
							if (size < 0 || size > MAX_TCP_BUFFER) {
								socket.destroy();
								return;
							}
							receive(Buffer.from(buffered.subarray(0, size)), transport!);
							buffered = buffered.subarray(size);
						}
						if (buffered.length > MAX_TCP_BUFFER) socket.destroy();
					} catch (error) {
						report('TURN over TCP', error);
						socket.destroy();
					}
				});
			});
			tcpServers.push(tcp);
			await new Promise<void>((resolve, reject) => {
				tcp.once('error', reject);
				tcp.listen(port, ip, () => {
					tcp.off('error', reject);
					// e.g. EMFILE when accepting: reported, never thrown.
					tcp.on('error', (error) => report(`TURN TCP ${ip}:${port}`, error));
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
				if (allocation) end(allocation);
			}
			for (const allocation of tracked.values()) end(allocation);
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

/** 'ipv4' or 'ipv6': the family of the allocation's relayed address (null once it is closed). */
function relayFamily(allocation: TurnAllocation): 'ipv4' | 'ipv6' | null {
	try {
		const family = allocation.sockets[0]?.address().family;
		return family === 'IPv6' ? 'ipv6' : family === 'IPv4' ? 'ipv4' : null;
	} catch {
		return null;
	}
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
