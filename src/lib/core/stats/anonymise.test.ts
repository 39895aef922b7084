import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anonymiseDump, anonymiseText, createAnonymiser, isIPv4, isIPv6 } from './anonymise';
import { importDump, serialiseDump } from './dump';
import { fixtureText } from './test-fixtures';

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
