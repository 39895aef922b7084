import { expect, it } from 'vitest';
import { isDeniedPeer, parseTurnProfile } from './peer-policy';

it.each([
	['127.0.0.1', true],
	['10.1.2.3', true],
	['172.16.0.1', true],
	['172.31.255.255', true],
	['172.32.0.1', false],
	['192.168.1.23', true],
	['169.254.169.254', true],
	['100.64.0.1', true],
	['224.0.0.251', true],
	['255.255.255.255', true],
	['0.0.0.0', true],
	['8.8.8.8', false],
	['203.0.113.7', false],
	['::1', true],
	['::', true],
	['fe80::1', true],
	['fd12:3456::1', true],
	['ff02::1', true],
	['::ffff:192.168.0.1', true],
	['::ffff:8.8.8.8', false],
	['2001:db8::1', false],
	['not-an-ip', true]
])('hardened relay refuses %s: %s', (address, denied) => {
	expect(isDeniedPeer(address)).toBe(denied);
});

it('defaults to the classroom profile', () => {
	expect(parseTurnProfile(undefined)).toBe('classroom');
	expect(parseTurnProfile('Hardened')).toBe('hardened');
	expect(parseTurnProfile('open')).toBe('classroom');
});
