import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anonymiseDump, anonymiseText, createAnonymiser, isIPv4, isIPv6 } from './anonymise';
import { connectionFromSession, importDump, serialiseDump, type StatsDump } from './dump';
import { capture, captureNames, dumpFromCapture, fixtureText, type Capture } from './test-fixtures';
import type { StatsReportLike } from './summary';

/**
 * Every address-looking token left in a text, by node's own isIP: maximal runs of hex digits,
 * dots and colons, and what follows a `label:` inside such a run; each with a trailing colon
 * or dot trimmed. IPv4 also inside longer runs.
 */
function addressesIn(text: string): string[] {
	const found: string[] = [];
	for (const m of text.matchAll(/(?<!\d)\d{1,3}(?:\.\d{1,3}){3}(?!\d)/g)) {
		if (isIP(m[0]) === 4) found.push(m[0]);
	}
	for (const [run] of text.matchAll(/[0-9A-Fa-f:.]+/g)) {
		const candidates = [run, run.replace(/^[^:]*:(?!:)/, '')];
		for (const c of candidates) {
			for (const t of [c, c.replace(/(?<!:):$/, '').replace(/^:(?!:)/, '')]) {
				if (isIP(t) === 6) found.push(t);
			}
		}
	}
	return found;
}

const contexts: ((ip: string) => string)[] = [
	(ip) => `a=candidate:1 1 udp 2122260223 ${ip} 54321 typ host generation 0`,
	(ip) => `candidate:2 1 udp 1686052607 ${ip} 61942 typ srflx raddr ${ip} rport 1`,
	(ip) => `c=IN IP${ip.includes(':') ? 6 : 4} ${ip}\r\n`,
	(ip) => `o=- 1 2 IN IP4 ${ip}`,
	(ip) => `{"address":"${ip}","port":5000}`,
	(ip) => `stun:${ip}:3478`,
	(ip) => `turn:[${ip}]:3478?transport=udp`,
	(ip) => `https://${ip}/lab`,
	(ip) => `address:${ip}`,
	(ip) => ip
];

describe('anonymiser', () => {
	it('masks IPv4 and IPv6 in candidates and SDP, consistently', () => {
		const a = createAnonymiser();
		expect(a.text('a=candidate:1 1 udp 2122260223 192.0.2.7 9 typ host')).toBe(
			'a=candidate:1 1 udp 2122260223 ip4-1.hidden 9 typ host'
		);
		expect(a.text('c=IN IP6 FD00::2 and 192.0.2.7 and fd00::2')).toBe(
			'c=IN IP6 ip6-1.hidden and ip4-1.hidden and ip6-1.hidden'
		);
		expect(a.count).toBe(2);
		// Not addresses: fingerprints, versions, ports, times.
		const fingerprint =
			'a=fingerprint:sha-256 B3:68:80:64:F8:91:0C:8E:B6:7F:79:D3:83:55:0C:9D:C2:FC:78:05:CA:0B:F3:10:D4:A2:CA:3C:7C:91:12:E2';
		expect(anonymiseText(fingerprint)).toBe(fingerprint);
		expect(anonymiseText('Chrome/126.0.6478.126 at 10:31:11')).toBe(
			'Chrome/126.0.6478.126 at 10:31:11'
		);
	});

	it('agrees with node:net isIP on what an address is', () => {
		fc.assert(
			fc.property(fc.oneof(fc.ipV4(), fc.ipV6(), fc.string()), (s) => {
				expect(isIPv4(s) || isIPv6(s)).toBe(isIP(s) === 4 || (isIP(s) === 6 && !s.includes('.')));
			}),
			{ numRuns: 2000 }
		);
	});

	it('leaves no IPv4 or IPv6 address behind (property)', () => {
		const ip = fc.oneof(
			fc.ipV4(),
			fc.ipV6(),
			fc.ipV4Extended().filter((s) => isIP(s) === 4)
		);
		const piece = fc.oneof(
			fc
				.tuple(ip, fc.integer({ min: 0, max: contexts.length - 1 }))
				.map(([a, i]) => contexts[i]!(a)),
			fc.string({ maxLength: 12 })
		);
		fc.assert(
			fc.property(
				fc.array(piece, { minLength: 1, maxLength: 8 }),
				fc.constantFrom(' ', '\r\n', ', ', ''),
				(pieces, sep) => {
					const out = anonymiseText(pieces.join(sep));
					expect(addressesIn(out)).toEqual([]);
				}
			),
			{ numRuns: 3000 }
		);
	});

	it('a dump exported anonymised has no address anywhere but the User-Agent', () => {
		const dump = importDump(fixtureText('webrtc-internals-dump.json'));
		const text = serialiseDump(dump);
		expect(addressesIn(text).length).toBeGreaterThan(0);
		const masked = serialiseDump(anonymiseDump(dump));
		const withoutAgent = masked.replace(JSON.stringify(dump.userAgent), '""');
		expect(addressesIn(withoutAgent)).toEqual([]);
		expect(masked).toContain(dump.userAgent);
		// Same address -> same placeholder across candidates, SDP and stats.
		const again = importDump(masked).connections[0]!;
		const local = again.reports.find((r) => r.type === 'local-candidate')!;
		const name = local.fields.address![0] as string;
		expect(name).toMatch(/^ip4-\d+\.hidden$/);
		expect(again.events.some((e) => e.value.includes(`${name} 32776 typ host`))).toBe(true);
		expect(again.descriptions.at(-1)!.sdp).toContain(`${name} 32776 typ host`);
	});
});

/**
 * Every credential in a fixture, found on its own terms (not with the anonymiser's patterns):
 * the SDP's ICE username and password and DTLS fingerprint, a candidate's ufrag, and the stats
 * fields that hold one whole.
 */
function secretsIn(fixture: unknown): Set<string> {
	const found = new Set<string>();
	const walk = (value: unknown, key = ''): void => {
		if (typeof value === 'string') {
			if (['usernameFragment', 'fingerprint', 'base64Certificate'].includes(key)) found.add(value);
			for (const line of value.split(/\r?\n|\\r\\n/)) {
				const sdp = /^a=(ice-ufrag|ice-pwd|fingerprint):(?:\S+ )?(\S+)$/.exec(line.trim());
				if (sdp) found.add(sdp[2]!);
			}
			for (const m of value.matchAll(/ ufrag (\S+)/g)) found.add(m[1]!);
			// Values recorded as JSON text (a dump's stats columns)
			if (value.startsWith('[')) {
				try {
					(JSON.parse(value) as unknown[]).forEach((v) => walk(v, key));
				} catch {
					// not JSON
				}
			}
		} else if (Array.isArray(value)) value.forEach((v) => walk(v, key));
		else if (typeof value === 'object' && value !== null) {
			for (const [k, v] of Object.entries(value)) walk(v, k.replace(/^.*-(?=[^-]+$)/, ''));
		}
	};
	walk(fixture);
	found.delete('');
	return found;
}

/** Each real fixture as a dump, with a TURN server's username and credential in its configuration. */
function fixtureDumps(): [string, StatsDump, unknown][] {
	const withTurn = (dump: StatsDump): StatsDump => ({
		...dump,
		connections: dump.connections.map((c, i) => ({
			...c,
			rtcConfiguration:
				i === 0
					? JSON.stringify({
							iceServers: [
								{
									urls: 'turn:192.0.2.10:3478',
									username: '1765130000:lab',
									credential: 'q0L5aQYd0gwHZ3vL3a2pOExamPle='
								}
							]
						})
					: `{ iceServers: [turn:192.0.2.10:3478], username: 1765130000:lab, credential: q0L5aQYd0gwHZ3vL3a2pOExamPle=, iceTransportPolicy: all }`
		}))
	});
	const internals = fixtureText('webrtc-internals-dump.json');
	const stats = JSON.parse(fixtureText('chrome-datachannel-stats.json')) as StatsReportLike[];
	return [
		['webrtc-internals-dump.json', withTurn(importDump(internals)), JSON.parse(internals)],
		...captureNames.map((name): [string, StatsDump, unknown] => {
			const c: Capture = capture(name);
			return [`${name}.json`, withTurn(dumpFromCapture(c)), c];
		}),
		[
			'chrome-datachannel-stats.json',
			withTurn({
				userAgent: '',
				getUserMedia: [],
				warnings: [],
				connections: [
					connectionFromSession({
						id: '1-1',
						url: '',
						rtcConfiguration: '',
						events: [],
						snapshots: [stats]
					}),
					connectionFromSession({
						id: '1-2',
						url: '',
						rtcConfiguration: '',
						events: [],
						snapshots: [stats]
					})
				]
			}),
			stats
		]
	];
}

describe('anonymiseDump: credentials', () => {
	for (const [name, dump, raw] of fixtureDumps()) {
		it(`no ICE password, ufrag, fingerprint, certificate or TURN credential survives (${name})`, () => {
			const secrets = secretsIn(raw);
			secrets.add('1765130000:lab').add('q0L5aQYd0gwHZ3vL3a2pOExamPle=');
			// The fixture has them (and the test finds them), before.
			expect(secrets.size).toBeGreaterThanOrEqual(4);
			const before = serialiseDump(dump);
			for (const secret of secrets) expect(before).toContain(secret);
			const after = serialiseDump(anonymiseDump(dump));
			expect([...secrets].filter((secret) => after.includes(secret))).toEqual([]);
			// It still opens, with every event and every series.
			const again = importDump(after);
			expect(again.connections.map((c) => [c.events.length, c.reports.length])).toEqual(
				dump.connections.map((c) => [c.events.length, c.reports.length])
			);
		});
	}

	it('masks each secret alike everywhere in one export, and different secrets differently', () => {
		const c: Capture = capture('chrome-audio-video-capture');
		const masked = anonymiseDump(dumpFromCapture(c));
		const [caller, callee] = masked.connections;
		const offer = caller!.descriptions.find((d) => d.sdpType === 'offer')!.sdp;
		const ufrag = /a=ice-ufrag:(\S+)/.exec(offer)![1]!;
		const pwd = /a=ice-pwd:(\S+)/.exec(offer)![1]!;
		const fingerprint = /a=fingerprint:sha-256 (\S+)/.exec(offer)![1]!;
		expect([ufrag, pwd, fingerprint]).toEqual([
			expect.stringMatching(/^hiddenUfrag\d+$/),
			expect.stringMatching(/^hiddenPwd\d+$/),
			expect.stringMatching(/^hidden-fingerprint-\d+$/)
		]);
		// The callee received the same offer: the same names in its setRemoteDescription.
		const received = callee!.descriptions.find((d) => d.sdpType === 'offer')!.sdp;
		expect(received).toContain(`a=ice-ufrag:${ufrag}`);
		expect(received).toContain(`a=fingerprint:sha-256 ${fingerprint}`);
		// The caller's candidates in its stats carry its ufrag's name.
		const local = caller!.reports.find((r) => r.type === 'local-candidate')!;
		expect(local.fields.usernameFragment![0]).toBe(ufrag);
		// Its certificate stats: id `CF<fingerprint>`, the fingerprint field, the DER text.
		const certificate = caller!.reports.find(
			(r) => r.type === 'certificate' && r.fields.fingerprint![0] === fingerprint
		)!;
		expect(certificate.id).toBe(`CF${fingerprint}`);
		expect(certificate.fields.base64Certificate![0]).toMatch(/^hidden-certificate-\d+$/);
		// The callee's credentials are others.
		const answer = callee!.descriptions.find((d) => d.sdpType === 'answer')!.sdp;
		expect(/a=ice-ufrag:(\S+)/.exec(answer)![1]).not.toBe(ufrag);
		expect(/a=ice-pwd:(\S+)/.exec(answer)![1]).not.toBe(pwd);
	});
});
