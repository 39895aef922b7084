import { describe, expect, it } from 'vitest';
import {
	describeIceCandidateError,
	describeIceServerProblem,
	ICE_SERVER_PROBLEM_TEXT,
	isIpv6Literal,
	parseIceUrl,
	splitIceUrls,
	validateIceServer,
	type IceServerProblem,
	type ParsedIceUrl
} from './ice-servers';

// Good URLs and what they mean.
const good: [string, Partial<ParsedIceUrl>][] = [
	['stun:stun.l.google.com:19302', { scheme: 'stun', host: 'stun.l.google.com', port: 19302 }],
	['stun:127.0.0.1', { scheme: 'stun', host: '127.0.0.1', port: 3478, portGiven: false }],
	['stuns:stun.example.org', { scheme: 'stuns', port: 5349, secure: true }],
	['turn:192.168.1.23:3478?transport=udp', { relay: true, transport: 'udp', port: 3478 }],
	['turn:turn.example.org?transport=tcp', { transport: 'tcp', port: 3478 }],
	['turns:turn.example.org:443?transport=tcp', { secure: true, port: 443, transport: 'tcp' }],
	['TURN:Example.ORG', { scheme: 'turn', host: 'Example.ORG' }],
	['stun:[2001:db8::1]:3478', { host: '2001:db8::1', port: 3478 }],
	['turn:[::1]', { host: '::1', port: 3478, transport: null }],
	['stun:lab.local', { host: 'lab.local' }]
];

it.each(good)('accepts %s', (url, expected) => {
	const result = parseIceUrl(url);
	expect(result.ok).toBe(true);
	if (result.ok) expect(result.value).toMatchObject(expected);
});

// Bad URLs and the problem each must name (RFC 7064 §3.1, RFC 7065 §3.1: host is an IP-literal in
// brackets, an IPv4 address or a reg-name; port is digits).
const bad: [string, IceServerProblem['code'], string | undefined][] = [
	['', 'empty-url', undefined],
	['stun.l.google.com:19302', 'unknown-scheme', 'stun.l.google.com'],
	['192.168.1.1', 'no-scheme', undefined],
	['http:example.org', 'unknown-scheme', 'http'],
	['stun://stun.example.org', 'slashes', undefined],
	['turn:user@turn.example.org', 'user-info', 'user'],
	['stun:', 'no-host', undefined],
	['stun::3478', 'no-host', undefined],
	['stun:exa mple.org', 'host-space', 'exa mple.org'],
	['stun:ex ample.org:3478', 'host-space', 'ex ample.org'],
	['stun:exa!mple.org', 'host-character', '!'],
	['stun:exämple.org', 'host-character', 'ä'],
	['turn:turn/example.org', 'host-character', '/'],
	['stun:-example.org', 'bad-host', '-example.org'],
	['stun:a..b', 'bad-host', 'a..b'],
	['stun:256.1.1.1', 'bad-ipv4', '256.1.1.1'],
	['stun:1.2.3', 'bad-ipv4', '1.2.3'],
	['stun:2001:db8::1', 'ipv6-no-brackets', '2001:db8::1'],
	['stun:2001:db8::1:3478', 'ipv6-no-brackets', '2001:db8::1:3478'],
	['stun:::1', 'ipv6-no-brackets', '::1'],
	['stun:[2001:db8::1', 'ipv6-unclosed', '[2001:db8::1'],
	['stun:[nothex]:3478', 'bad-ipv6', 'nothex'],
	['stun:[1::2::3]', 'bad-ipv6', '1::2::3'],
	['stun:[1:2:3]', 'bad-ipv6', '1:2:3'],
	['stun:[2001:db8::1]3478', 'after-ipv6', '3478'],
	['stun:host:3478:1', 'bad-port', '3478:1'],
	['stun:example.org:0', 'bad-port', '0'],
	['stun:example.org:65536', 'bad-port', '65536'],
	['stun:example.org:http', 'bad-port', 'http'],
	['stun:example.org:', 'bad-port', ''],
	['stun:example.org?transport=udp', 'stun-query', 'transport=udp'],
	['turn:example.org?proto=udp', 'bad-query', 'proto=udp'],
	['turn:example.org?transport=tls', 'bad-transport', 'tls'],
	['turn:example.org?transport=', 'bad-transport', '']
];

it.each(bad)('rejects %j as %s', (url, code, detail) => {
	const result = parseIceUrl(url);
	expect(result.ok).toBe(false);
	if (!result.ok) {
		expect(result.problem.code).toBe(code);
		expect(result.problem.detail).toBe(detail);
		expect(result.problem.url).toBe(url);
		// Every message is a sentence that names what is wrong.
		const message = describeIceServerProblem(result.problem);
		expect(message).toMatch(/\.$/);
		if (detail) expect(message).toContain(detail);
	}
});

it.each([
	['stun:ex ample.org', ['stun:ex ample.org']],
	['stun:a.org turn:b.org?transport=tcp', ['stun:a.org', 'turn:b.org?transport=tcp']],
	['stun:a.org,\n stun:b.org\n\n', ['stun:a.org', 'stun:b.org']],
	['  ', []]
])('splits the typed URLs %j', (text, urls) => {
	expect(splitIceUrls(text)).toEqual(urls);
});

it.each([
	'::1',
	'2001:db8::1',
	'1:2:3:4:5:6:7:8',
	'::ffff:192.0.2.1',
	'64:ff9b::7f00:1',
	'::',
	'fe80::1:2'
])('knows %s is IPv6', (text) => expect(isIpv6Literal(text)).toBe(true));

it.each(['1:2:3', '1::2::3', '1:2:3:4:5:6:7:8:9', '::ffff:300.0.0.1', 'g::1', '12345::1', 'host'])(
	'knows %s is not IPv6',
	(text) => expect(isIpv6Literal(text)).toBe(false)
);

describe('validateIceServer', () => {
	it('needs a username and credential for TURN only', () => {
		expect(validateIceServer({ urls: 'stun:example.org' })).toEqual([]);
		expect(validateIceServer({ urls: ['turn:example.org'] }).map((p) => p.code)).toEqual([
			'no-username',
			'no-credential'
		]);
		expect(
			validateIceServer({ urls: ['turn:example.org'], username: '1:lab', credential: 'x' })
		).toEqual([]);
	});

	it('reports every bad URL and an empty list', () => {
		expect(validateIceServer({ urls: [] })).toEqual([{ code: 'no-urls' }]);
		expect(validateIceServer({ urls: ['', '  '] })).toEqual([{ code: 'no-urls' }]);
		const problems = validateIceServer({
			urls: ['stun:a.org', 'stun://b.org', 'turn:c.org:99999']
		});
		expect(problems.map((p) => [p.code, p.url])).toEqual([
			['slashes', 'stun://b.org'],
			['bad-port', 'turn:c.org:99999'],
			['no-username', undefined],
			['no-credential', undefined]
		]);
	});
});

it('has every message in English and Chinese', () => {
	for (const texts of Object.values(ICE_SERVER_PROBLEM_TEXT)) {
		expect(texts.en({ code: 'bad-port', detail: 'x' })).toBeTruthy();
		expect(texts['zh-CN']({ code: 'bad-port', detail: 'x' })).toBeTruthy();
	}
});

it('explains icecandidateerror codes in plain words', () => {
	expect(describeIceCandidateError(401, 'Unauthorized')).toMatch(
		/refused the username or credential/
	);
	expect(describeIceCandidateError(701, 'STUN host lookup received error.')).toMatch(/No answer/);
	expect(describeIceCandidateError(799, '')).toMatch(/No answer/);
	expect(describeIceCandidateError(420, 'Unknown Attribute')).toBe(
		'The server answered with error 420 (Unknown Attribute).'
	);
	expect(describeIceCandidateError(401, '', 'zh-CN')).toMatch(/401/);
});
