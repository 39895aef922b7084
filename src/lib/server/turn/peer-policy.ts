// What each TURN profile allows: which peers a relay may send to, and how many allocations a
// client may hold.
//
// Peers. In the local classroom profile the relay reaches anything, including loopback and LAN
// peers (that is the point: the peers are on this network). Anywhere wider, a relay that can reach
// private addresses lets any credential holder probe the network behind the server (and its
// 127.0.0.1 services), so the hardened profile refuses them: the embedded server answers 403
// Forbidden (RFC 5766 §9.1, §11.2) and coturn gets the same ranges as `denied-peer-ip` lines.
// IPv6 addresses that carry an IPv4 address (mapped `::ffff:127.0.0.1`, NAT64 `64:ff9b::7f00:1`,
// 6to4 `2002:7f00:1::`, Teredo…) are refused whole: a relay could otherwise reach 127.0.0.1 by
// another spelling, and browsers send IPv4 peers as IPv4.
//
// Quotas. Allocations per credential (username), per client address and in total (RFC 5766 §6.2:
// 486 Allocation Quota Reached). Each allocation holds a socket (and, over TCP, a connection).

import { BlockList, SocketAddress, isIPv4, isIPv6 } from 'node:net';

export type TurnProfile = 'classroom' | 'hardened';

export const parseTurnProfile = (value: string | undefined): TurnProfile =>
	value?.trim().toLowerCase() === 'hardened' ? 'hardened' : 'classroom';

export interface DeniedRange {
	/** First address of the prefix, e.g. `10.0.0.0`, `64:ff9b::`. */
	network: string;
	/** Prefix length in bits. */
	prefix: number;
	why: string;
}

/** IPv4 prefixes a hardened relay refuses. */
export const DENIED_PEER_RANGES: readonly DeniedRange[] = [
	{ network: '0.0.0.0', prefix: 8, why: '"this network" (RFC 1122)' },
	{ network: '10.0.0.0', prefix: 8, why: 'private (RFC 1918)' },
	{ network: '100.64.0.0', prefix: 10, why: 'carrier-grade NAT (RFC 6598)' },
	{ network: '127.0.0.0', prefix: 8, why: 'loopback: the TURN host itself' },
	{ network: '169.254.0.0', prefix: 16, why: 'link-local, cloud metadata services' },
	{ network: '172.16.0.0', prefix: 12, why: 'private (RFC 1918)' },
	{ network: '192.0.0.0', prefix: 24, why: 'IETF protocol assignments' },
	{ network: '192.168.0.0', prefix: 16, why: 'private (RFC 1918)' },
	{ network: '198.18.0.0', prefix: 15, why: 'benchmarking (RFC 2544)' },
	{ network: '224.0.0.0', prefix: 4, why: 'multicast' },
	{ network: '240.0.0.0', prefix: 4, why: 'reserved and broadcast' }
];

/** IPv6 prefixes a hardened relay refuses (the IANA special-purpose registry, RFC 6890). */
export const DENIED_PEER_RANGES_V6: readonly DeniedRange[] = [
	{ network: '::1', prefix: 128, why: 'loopback' },
	{ network: '::', prefix: 96, why: 'unspecified, IPv4-compatible (RFC 4291, deprecated)' },
	{ network: '::ffff:0:0', prefix: 96, why: 'IPv4-mapped: ::ffff:127.0.0.1 is 127.0.0.1' },
	{ network: '::ffff:0:0:0', prefix: 96, why: 'IPv4-translated, SIIT (RFC 2765)' },
	{ network: '64:ff9b::', prefix: 96, why: 'NAT64 well-known prefix (RFC 6052)' },
	{ network: '64:ff9b:1::', prefix: 48, why: 'local-use NAT64 (RFC 8215)' },
	{ network: '100::', prefix: 64, why: 'discard-only (RFC 6666)' },
	{ network: '2001::', prefix: 23, why: 'IETF protocol assignments, Teredo 2001::/32 (RFC 4380)' },
	{ network: '2001:db8::', prefix: 32, why: 'documentation (RFC 3849)' },
	{ network: '2002::', prefix: 16, why: '6to4: 2002:7f00:1:: is 127.0.0.1 (RFC 3056)' },
	{ network: '3fff::', prefix: 20, why: 'documentation (RFC 9637)' },
	{ network: 'fc00::', prefix: 7, why: 'unique local (RFC 4193)' },
	{ network: 'fe80::', prefix: 10, why: 'link-local' },
	{ network: 'fec0::', prefix: 10, why: 'site-local (RFC 3879, deprecated)' },
	{ network: 'ff00::', prefix: 8, why: 'multicast' }
];

export interface IpAddress {
	family: 'ipv4' | 'ipv6';
	/** The canonical text: `127.0.0.1`, `::ffff:127.0.0.1`, `fe80::1` (zone id dropped). */
	address: string;
}

/**
 * Any textual IP address in canonical form, or null when it is not one. Accepts what node-turn
 * decodes (`0:0:0:0:0:ffff:7f00:1`), leading zeros in IPv6 groups, dotted tails and zone ids
 * (`fe80::1%eth0`); refuses dotted IPv4 with leading zeros (`010.0.0.1`: octal to some parsers).
 */
export function parseIpAddress(text: string): IpAddress | null {
	if (typeof text !== 'string') return null;
	if (isIPv4(text)) return { family: 'ipv4', address: text };
	const withoutZone = text.replace(/%[^%]*$/, '');
	if (!isIPv6(withoutZone)) return null;
	return {
		family: 'ipv6',
		address: new SocketAddress({ address: withoutZone, family: 'ipv6' }).address
	};
}

// One list per family: a BlockList checks IPv4 addresses against its IPv6 rules as IPv4-mapped
// ones, so `::ffff:0:0/96` in a shared list would refuse every IPv4 peer.
const deniedPeers = { ipv4: new BlockList(), ipv6: new BlockList() };
for (const { network, prefix } of DENIED_PEER_RANGES)
	deniedPeers.ipv4.addSubnet(network, prefix, 'ipv4');
for (const { network, prefix } of DENIED_PEER_RANGES_V6)
	deniedPeers.ipv6.addSubnet(network, prefix, 'ipv6');

/** True when a hardened relay must refuse `address` as a peer (and for anything not an IP). */
export function isDeniedPeer(address: string): boolean {
	const ip = parseIpAddress(address);
	return ip === null || deniedPeers[ip.family].check(ip.address, ip.family);
}

/** The first and last address of a prefix, in canonical text. */
export function rangeBounds({ network, prefix }: DeniedRange): { from: string; to: string } {
	const family = isIPv4(network) ? 'ipv4' : 'ipv6';
	const bytes = addressBytes(network);
	const last = Buffer.from(bytes);
	for (let bit = prefix; bit < bytes.length * 8; bit++) {
		last[bit >> 3] = last[bit >> 3]! | (0x80 >> (bit & 7));
	}
	return { from: bytesToAddress(bytes, family), to: bytesToAddress(last, family) };
}

/** The 4 or 16 bytes of a canonical address (from parseIpAddress or the tables above). */
export function addressBytes(address: string): Buffer {
	if (isIPv4(address)) return Buffer.from(address.split('.').map(Number));
	const ip = parseIpAddress(address);
	if (!ip) throw new Error(`not an IP address: ${address}`);
	// SocketAddress prints IPv4-mapped and -compatible tails dotted: make them two groups.
	const text = ip.address.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) =>
		[a * 256 + +b, c * 256 + +d].map((n) => n.toString(16)).join(':')
	);
	const [head = '', tail] = text.split('::');
	const left = head ? head.split(':') : [];
	const right = tail ? tail.split(':') : [];
	const groups =
		tail === undefined
			? left
			: [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
	const bytes = Buffer.alloc(16);
	groups.forEach((group, i) => bytes.writeUInt16BE(parseInt(group, 16), i * 2));
	return bytes;
}

/** The canonical text of 4 or 16 bytes. */
export function bytesToAddress(bytes: Buffer, family: 'ipv4' | 'ipv6'): string {
	if (family === 'ipv4') return [...bytes].join('.');
	const groups = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(i * 2).toString(16));
	return new SocketAddress({ address: groups.join(':'), family }).address;
}

export interface TurnQuotas {
	/** Allocations one credential (TURN username) may hold at once. */
	perUsername: number;
	/** Allocations one client address may hold at once. */
	perClientAddress: number;
	/** Allocations the server holds at once. */
	total: number;
}

/**
 * Default quotas. Classroom: one laptop may run many peers through the relay (each browser peer
 * allocates once per TURN URL and network interface, and REST usernames are shared by everyone
 * who fetched them in the same second), so the limits only stop a runaway client. Hardened:
 * coturn's usual `user-quota=12`, `total-quota=1200`, and a few users behind one NAT.
 */
export const TURN_QUOTAS: Readonly<Record<TurnProfile, TurnQuotas>> = {
	classroom: { perUsername: 50, perClientAddress: 200, total: 2000 },
	hardened: { perUsername: 12, perClientAddress: 48, total: 1200 }
};
