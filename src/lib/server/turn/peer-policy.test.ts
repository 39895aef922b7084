import { expect, it } from 'vitest';
import {
	DENIED_PEER_RANGES,
	DENIED_PEER_RANGES_V6,
	isDeniedPeer,
	parseIpAddress,
	parseTurnProfile,
	rangeBounds
} from './peer-policy';

// Every spelling of a peer a client can make the relay see. node-turn decodes an IPv6
// XOR-PEER-ADDRESS as eight unpadded hex groups (`0:0:0:0:0:ffff:7f00:1`), so that form is
// listed next to the usual ones for each address that embeds an IPv4 one.
it.each([
	// IPv4
	['127.0.0.1', true],
	['127.255.255.254', true],
	['10.1.2.3', true],
	['172.16.0.1', true],
	['172.31.255.255', true],
	['172.32.0.1', false],
	['192.168.1.23', true],
	['169.254.169.254', true],
	['100.64.0.1', true],
	['198.18.1.2', true],
	['224.0.0.251', true],
	['255.255.255.255', true],
	['0.0.0.0', true],
	['8.8.8.8', false],
	['203.0.113.7', false],
	// IPv4 spellings that are not dotted-decimal: not an IP to us, so refused.
	['010.0.0.1', true],
	['127.1', true],
	['2130706433', true],
	['0x7f000001', true],
	// IPv6 loopback and unspecified, in every spelling
	['::1', true],
	['0:0:0:0:0:0:0:1', true],
	['0000:0000:0000:0000:0000:0000:0000:0001', true],
	['::', true],
	['0:0:0:0:0:0:0:0', true],
	// IPv4-mapped ::ffff:0:0/96
	['::ffff:127.0.0.1', true],
	['::FFFF:127.0.0.1', true],
	['::ffff:7f00:1', true],
	['0:0:0:0:0:ffff:7f00:1', true],
	['0000:0000:0000:0000:0000:ffff:7f00:0001', true],
	['::ffff:10.0.0.1', true],
	['0:0:0:0:0:ffff:a00:1', true],
	['::ffff:169.254.169.254', true],
	['0:0:0:0:0:ffff:a9fe:a9fe', true],
	['::ffff:8.8.8.8', true],
	// IPv4-compatible ::/96
	['::7f00:1', true],
	['0:0:0:0:0:0:7f00:1', true],
	['::127.0.0.1', true],
	['::808:808', true],
	// SIIT ::ffff:0:0:0/96
	['::ffff:0:7f00:1', true],
	['0:0:0:0:ffff:0:7f00:1', true],
	// NAT64 64:ff9b::/96 and 64:ff9b:1::/48
	['64:ff9b::7f00:1', true],
	['64:ff9b::127.0.0.1', true],
	['64:ff9b:0:0:0:0:7f00:1', true],
	['64:ff9b::808:808', true],
	['64:ff9b:1::7f00:1', true],
	['64:ff9b:1:ffff::1', true],
	// 6to4 2002::/16
	['2002:7f00:1::1', true],
	['2002:7f00:0001:0:0:0:0:1', true],
	['2002:a9fe:a9fe::', true],
	// Teredo 2001::/32 and the rest of 2001::/23
	['2001::1', true],
	['2001:0:4136:e378:8000:63bf:3fff:fdd2', true],
	['2001:1ff::1', true],
	// discard, documentation
	['100::1', true],
	['100:0:0:0:ffff:ffff:ffff:ffff', true],
	['2001:db8::1', true],
	['3fff::1', true],
	// site-local, unique local, link-local (with a zone id), multicast
	['fec0::1', true],
	['feff::1', true],
	['fd12:3456::1', true],
	['fc00::1', true],
	['fe80::1', true],
	['fe80::1%eth0', true],
	['FE80:0:0:0:0:0:0:1%25', true],
	['ff02::1', true],
	// public IPv6 relays may reach
	['2606:4700:4700::1111', false],
	['2a00:1450:4001:82b::200e', false],
	['2001:200::1', false],
	['100:0:0:1::1', false],
	['64:ff9c::1', false],
	['2003::1', false],
	// not addresses at all
	['not-an-ip', true],
	['', true],
	['::ffff:127.0.0.1:3478', true],
	['[::1]', true],
	['1.2.3.4 ', true]
])('hardened relay refuses %s: %s', (address, denied) => {
	expect(isDeniedPeer(address)).toBe(denied);
});

it('normalises every spelling of one address to one text', () => {
	for (const spelling of [
		'::ffff:127.0.0.1',
		'0:0:0:0:0:ffff:7f00:1',
		'0000:0000:0000:0000:0000:FFFF:7F00:0001',
		'::ffff:7f00:1%lo'
	]) {
		expect(parseIpAddress(spelling)).toEqual({ family: 'ipv6', address: '::ffff:127.0.0.1' });
	}
	expect(parseIpAddress('127.0.0.1')).toEqual({ family: 'ipv4', address: '127.0.0.1' });
	expect(parseIpAddress('nope')).toBeNull();
});

it('gives each range its first and last address', () => {
	expect(rangeBounds({ network: '172.16.0.0', prefix: 12, why: '' })).toEqual({
		from: '172.16.0.0',
		to: '172.31.255.255'
	});
	expect(rangeBounds({ network: '2001::', prefix: 23, why: '' })).toEqual({
		from: '2001::',
		to: '2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff'
	});
	expect(rangeBounds({ network: '::ffff:0:0', prefix: 96, why: '' })).toEqual({
		from: '::ffff:0.0.0.0',
		to: '::ffff:255.255.255.255'
	});
	for (const range of [...DENIED_PEER_RANGES, ...DENIED_PEER_RANGES_V6]) {
		const { from, to } = rangeBounds(range);
		expect(isDeniedPeer(from), from).toBe(true);
		expect(isDeniedPeer(to), to).toBe(true);
	}
});

it('defaults to the classroom profile', () => {
	expect(parseTurnProfile(undefined)).toBe('classroom');
	expect(parseTurnProfile('Hardened')).toBe('hardened');
	expect(parseTurnProfile('open')).toBe('classroom');
});
