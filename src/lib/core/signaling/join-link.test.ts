import { describe, expect, it } from 'vitest';
import { isLoopbackHost, joinLinks, roomFromInput } from './join-link';

describe('joinLinks', () => {
	it.each([
		// [page, shared origins, links, localOnly]
		[
			'http://localhost:3000/remote/abc',
			['http://192.168.1.23:3000', 'http://10.0.0.5:3000'],
			['http://192.168.1.23:3000/remote/abc', 'http://10.0.0.5:3000/remote/abc'],
			false
		],
		[
			'https://127.0.0.1:3000/remote/abc?via=broadcast#x',
			['https://192.168.1.23:3000/'],
			['https://192.168.1.23:3000/remote/abc?via=broadcast'],
			false
		],
		// Started without --lan: the only link works only here.
		['http://localhost:3000/remote/abc', [], ['http://localhost:3000/remote/abc'], true],
		[
			'http://[::1]:3000/remote/abc',
			['http://127.0.0.1:3000'],
			['http://[::1]:3000/remote/abc'],
			true
		],
		// Already opened on a LAN address or a domain: that is the link.
		[
			'http://192.168.1.23:3000/remote/abc',
			['http://10.0.0.5:3000'],
			['http://192.168.1.23:3000/remote/abc'],
			false
		],
		['https://lab.example.org/remote/abc', [], ['https://lab.example.org/remote/abc'], false],
		// Garbage in the list is skipped; a garbage page URL gives nothing to show.
		['http://localhost:3000/remote/abc', ['not a url'], ['http://localhost:3000/remote/abc'], true],
		['::', ['http://10.0.0.5:3000'], [], true]
	] as const)('%s with %j', (page, shared, links, localOnly) => {
		expect(joinLinks(page, shared)).toEqual({ links, localOnly });
	});

	it.each([
		['localhost', true],
		['app.localhost', true],
		['127.0.0.1', true],
		['127.1.2.3', true],
		['[::1]', true],
		['192.168.1.2', false],
		['localhost.example', false],
		['lab.example.org', false]
	] as const)('isLoopbackHost(%s) = %s', (host, expected) => {
		expect(isLoopbackHost(host)).toBe(expected);
	});
});

describe('roomFromInput', () => {
	it.each([
		['table-3', 'table-3'],
		['  table-3 ', 'table-3'],
		['http://192.168.1.23:3000/remote/abcdefgh23456789', 'abcdefgh23456789'],
		['https://lab.example.org/remote/class-3?via=broadcast#top', 'class-3'],
		['http://localhost:3000/lab', 'http://localhost:3000/lab'],
		['not a room!', 'not a room!']
	])('%s -> %s', (text, room) => {
		expect(roomFromInput(text)).toBe(room);
	});
});
