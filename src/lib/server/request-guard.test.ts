import { describe, expect, it } from 'vitest';
import { checkRequest, isHostAllowed } from './request-guard';

describe('isHostAllowed', () => {
	it.each([
		['localhost:3000', [], true],
		['127.0.0.1:3000', [], true],
		['[::1]:3000', [], true],
		['192.168.1.23:3000', [], true],
		['teacher-laptop:3000', [], true],
		['teacher-laptop.local:3000', [], true],
		// DNS rebinding: the attacker's name, now resolving to this machine.
		['evil.example:3000', [], false],
		['lab.example.org', ['https://lab.example.org'], true],
		['lab.example.org:8443', ['https://lab.example.org'], false],
		['other.example', ['https://lab.example.org'], false],
		['anything.example', ['*'], true],
		[undefined, [], false],
		['', [], false],
		['bad host name', [], false]
	] as const)('%s (allow %j) -> %s', (host, list, expected) => {
		expect(isHostAllowed(host, list)).toBe(expected);
	});
});

describe('checkRequest (the one rule for /signal and /api/ice-servers)', () => {
	it.each([
		[{ host: 'localhost:3000' }, null],
		[{ host: 'localhost:3000', origin: 'http://localhost:3000' }, null],
		[{ host: 'evil.example:3000' }, 'host'],
		[{ host: 'evil.example:3000', origin: 'http://evil.example:3000' }, 'host'],
		[{ host: 'localhost:3000', origin: 'https://evil.example' }, 'origin'],
		[{ host: null, origin: null }, 'host']
	] as const)('%j -> %s', (headers, expected) => {
		expect(checkRequest(headers, [])).toBe(expected);
	});
});
