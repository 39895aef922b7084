// Which peers a TURN relay may send to. In the local classroom profile the relay reaches anything,
// including loopback and LAN peers (that is the point: the peers are on this network). Anywhere
// wider, a relay that can reach private addresses lets any credential holder probe the network
// behind the server (and its 127.0.0.1 services), so the hardened profile refuses them: the
// embedded server answers 403 Forbidden (RFC 5766 §9.1, §11.2) and coturn gets the same ranges as
// `denied-peer-ip` lines.

export type TurnProfile = 'classroom' | 'hardened';

export const parseTurnProfile = (value: string | undefined): TurnProfile =>
	value?.trim().toLowerCase() === 'hardened' ? 'hardened' : 'classroom';

/** IPv4 ranges a hardened relay refuses, as coturn's `denied-peer-ip=<from>-<to>` takes them. */
export const DENIED_PEER_RANGES: readonly { from: string; to: string; why: string }[] = [
	{ from: '0.0.0.0', to: '0.255.255.255', why: '"this network" (RFC 1122)' },
	{ from: '10.0.0.0', to: '10.255.255.255', why: 'private (RFC 1918)' },
	{ from: '100.64.0.0', to: '100.127.255.255', why: 'carrier-grade NAT (RFC 6598)' },
	{ from: '127.0.0.0', to: '127.255.255.255', why: 'loopback: the TURN host itself' },
	{ from: '169.254.0.0', to: '169.254.255.255', why: 'link-local, cloud metadata services' },
	{ from: '172.16.0.0', to: '172.31.255.255', why: 'private (RFC 1918)' },
	{ from: '192.0.0.0', to: '192.0.0.255', why: 'IETF protocol assignments' },
	{ from: '192.168.0.0', to: '192.168.255.255', why: 'private (RFC 1918)' },
	{ from: '198.18.0.0', to: '198.19.255.255', why: 'benchmarking (RFC 2544)' },
	{ from: '224.0.0.0', to: '239.255.255.255', why: 'multicast' },
	{ from: '240.0.0.0', to: '255.255.255.255', why: 'reserved and broadcast' }
];

/** IPv6 prefixes a hardened relay refuses. */
export const DENIED_PEER_RANGES_V6: readonly { from: string; to: string; why: string }[] = [
	{ from: '::', to: '::1', why: 'unspecified and loopback' },
	{ from: 'fc00::', to: 'fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', why: 'unique local' },
	{ from: 'fe80::', to: 'febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff', why: 'link-local' },
	{ from: 'ff00::', to: 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', why: 'multicast' }
];

function ipv4ToNumber(address: string): number | null {
	const parts = address.split('.');
	if (parts.length !== 4) return null;
	let value = 0;
	for (const part of parts) {
		if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return null;
		value = value * 256 + Number(part);
	}
	return value;
}

/** True when a hardened relay must refuse `address` as a peer. */
export function isDeniedPeer(address: string): boolean {
	const lower = address.toLowerCase().replace(/%.*$/, '');
	const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
	const v4 = ipv4ToNumber(mapped ? mapped[1]! : lower);
	if (v4 !== null) {
		return DENIED_PEER_RANGES.some(
			(range) => v4 >= ipv4ToNumber(range.from)! && v4 <= ipv4ToNumber(range.to)!
		);
	}
	if (!lower.includes(':')) return true; // not an IP address at all
	if (/^[0:]*:0*1?$/.test(lower)) return true; // ::, ::1 in any spelling
	const first = parseInt(lower.split(':')[0] || '0', 16);
	return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xff00) === 0xff00;
}
