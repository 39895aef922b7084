import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
	candidatePairPriority,
	candidateProblemText,
	describeCandidateProblem,
	classifyAddress,
	computePriority,
	formatAddressPort,
	parseCandidate,
	splitPriority,
	type ParsedCandidate
} from './candidate';

/**
 * Real and published candidate lines.
 *
 * `fixture`: copied verbatim from a stored Chromium capture, and checked below to be there:
 * fixtures/chromium-candidates.json (scripts/capture-candidates.js: Chromium 156 gathering with
 * coturn — the lab's TURN server when installed — over UDP, TCP and TLS, and a STUN server) or an
 * a=candidate line of src/lib/core/sdp/fixtures/*.sdp (TCP active host candidates, a relay).
 * `captured`: HeadlessChrome/156 (Debian chromium) on Linux, a data-channel offer, lines copied
 * from onicecandidate before the fixtures were kept. Default flags give mDNS host names;
 * `--disable-features=WebRtcHideLocalIpsWithMdns` gives raw IPs. The srflx rows came from pointing
 * Chromium at a tiny local STUN responder that reported 203.0.113.7:61000 as the mapped address.
 * `hand-written`: formats Chromium never produces (a prflx line, passive or simultaneous-open TCP,
 * Firefox's lines, RTCP without rtcp-mux, an FQDN).
 */
interface Row {
	name: string;
	source: 'fixture' | 'captured' | 'hand-written';
	line: string;
	expected: ParsedCandidate;
}

const rows: Row[] = [
	{
		name: 'Chrome mDNS host (IPv4 interface)',
		source: 'captured',
		line: 'candidate:2628662140 1 udp 2113937151 f5f28791-1598-49ef-b0f6-b21ae0dccd2d.local 47387 typ host generation 0 ufrag RzES network-cost 999',
		expected: {
			foundation: '2628662140',
			component: 1,
			protocol: 'udp',
			priority: 2113937151,
			priorityParts: { typePreference: 126, localPreference: 30, componentPreference: 255 },
			address: 'f5f28791-1598-49ef-b0f6-b21ae0dccd2d.local',
			addressKind: 'mdns',
			port: 47387,
			type: 'host',
			generation: 0,
			ufrag: 'RzES',
			networkCost: 999,
			extensions: {}
		}
	},
	{
		name: 'Chrome mDNS host (IPv6 interface, higher local preference)',
		source: 'captured',
		line: 'candidate:2614910924 1 udp 2113942271 dd0e1172-4a93-47d6-ade2-212b1d6761b3.local 35334 typ host generation 0 ufrag RzES network-cost 999',
		expected: {
			foundation: '2614910924',
			component: 1,
			protocol: 'udp',
			priority: 2113942271,
			priorityParts: { typePreference: 126, localPreference: 50, componentPreference: 255 },
			address: 'dd0e1172-4a93-47d6-ade2-212b1d6761b3.local',
			addressKind: 'mdns',
			port: 35334,
			type: 'host',
			generation: 0,
			ufrag: 'RzES',
			networkCost: 999,
			extensions: {}
		}
	},
	{
		name: 'Chrome srflx while host IPs are hidden (raddr 0.0.0.0 rport 0)',
		source: 'captured',
		line: 'candidate:3569795512 1 udp 1677729535 203.0.113.7 61000 typ srflx raddr 0.0.0.0 rport 0 generation 0 ufrag xapw network-cost 999',
		expected: {
			foundation: '3569795512',
			component: 1,
			protocol: 'udp',
			priority: 1677729535,
			priorityParts: { typePreference: 100, localPreference: 30, componentPreference: 255 },
			address: '203.0.113.7',
			addressKind: 'ipv4',
			port: 61000,
			type: 'srflx',
			relatedAddress: '0.0.0.0',
			relatedPort: 0,
			generation: 0,
			ufrag: 'xapw',
			networkCost: 999,
			extensions: {}
		}
	},
	{
		name: 'Chrome raw IPv4 host (mDNS disabled)',
		source: 'captured',
		line: 'candidate:2900175606 1 udp 2113937151 192.0.2.2 49211 typ host generation 0 ufrag mC07 network-cost 999',
		expected: {
			foundation: '2900175606',
			component: 1,
			protocol: 'udp',
			priority: 2113937151,
			priorityParts: { typePreference: 126, localPreference: 30, componentPreference: 255 },
			address: '192.0.2.2',
			addressKind: 'ipv4',
			port: 49211,
			type: 'host',
			generation: 0,
			ufrag: 'mC07',
			networkCost: 999,
			extensions: {}
		}
	},
	{
		name: 'Chrome raw IPv6 host, as an SDP line with spaces around',
		source: 'captured',
		line: '  a=candidate:2880390726 1 udp 2113942271 fd00::2 40989 typ host generation 0 ufrag mC07 network-cost 999\r\n',
		expected: {
			foundation: '2880390726',
			component: 1,
			protocol: 'udp',
			priority: 2113942271,
			priorityParts: { typePreference: 126, localPreference: 50, componentPreference: 255 },
			address: 'fd00::2',
			addressKind: 'ipv6',
			port: 40989,
			type: 'host',
			generation: 0,
			ufrag: 'mC07',
			networkCost: 999,
			extensions: {}
		}
	},
	{
		name: 'Chrome srflx with its raw base',
		source: 'captured',
		line: 'candidate:3486427837 1 udp 1677729535 203.0.113.7 61000 typ srflx raddr 192.0.2.2 rport 45921 generation 0 ufrag Uect network-cost 999',
		expected: {
			foundation: '3486427837',
			component: 1,
			protocol: 'udp',
			priority: 1677729535,
			priorityParts: { typePreference: 100, localPreference: 30, componentPreference: 255 },
			address: '203.0.113.7',
			addressKind: 'ipv4',
			port: 61000,
			type: 'srflx',
			relatedAddress: '192.0.2.2',
			relatedPort: 45921,
			generation: 0,
			ufrag: 'Uect',
			networkCost: 999,
			extensions: {}
		}
	},
	{
		name: 'Chrome TCP active host, IPv4 (port 9, type preference 90)',
		source: 'fixture',
		line: 'a=candidate:3449772262 1 tcp 1518214911 192.0.2.2 9 typ host tcptype active generation 0 network-id 1',
		expected: {
			foundation: '3449772262',
			component: 1,
			protocol: 'tcp',
			priority: 1518214911,
			priorityParts: { typePreference: 90, localPreference: 32286, componentPreference: 255 },
			address: '192.0.2.2',
			addressKind: 'ipv4',
			port: 9,
			type: 'host',
			tcpType: 'active',
			generation: 0,
			networkId: 1,
			extensions: {}
		}
	},
	{
		name: 'Chrome TCP active host, IPv6',
		source: 'fixture',
		line: 'a=candidate:117020934 1 tcp 1518285567 fd00::2 9 typ host tcptype active generation 0 network-id 2',
		expected: {
			foundation: '117020934',
			component: 1,
			protocol: 'tcp',
			priority: 1518285567,
			priorityParts: { typePreference: 90, localPreference: 32562, componentPreference: 255 },
			address: 'fd00::2',
			addressKind: 'ipv6',
			port: 9,
			type: 'host',
			tcpType: 'active',
			generation: 0,
			networkId: 2,
			extensions: {}
		}
	},
	{
		name: 'Chrome srflx from the STUN side of the lab’s TURN server',
		source: 'fixture',
		line: 'candidate:1090350410 1 udp 1677729535 192.0.2.2 40332 typ srflx raddr 192.0.2.2 rport 40332 generation 0 ufrag xhnj network-cost 999',
		expected: {
			foundation: '1090350410',
			component: 1,
			protocol: 'udp',
			priority: 1677729535,
			priorityParts: { typePreference: 100, localPreference: 30, componentPreference: 255 },
			address: '192.0.2.2',
			addressKind: 'ipv4',
			port: 40332,
			type: 'srflx',
			relatedAddress: '192.0.2.2',
			relatedPort: 40332,
			generation: 0,
			ufrag: 'xhnj',
			networkCost: 999,
			extensions: {}
		}
	},
	{
		name: 'Chrome relay over TURN/UDP (type preference 3)',
		source: 'fixture',
		line: 'candidate:3324004583 1 udp 50339839 192.0.2.2 51957 typ relay raddr 0.0.0.0 rport 0 generation 0 ufrag FSKA network-cost 999',
		expected: {
			foundation: '3324004583',
			component: 1,
			protocol: 'udp',
			priority: 50339839,
			priorityParts: { typePreference: 3, localPreference: 31, componentPreference: 255 },
			address: '192.0.2.2',
			addressKind: 'ipv4',
			port: 51957,
			type: 'relay',
			relatedAddress: '0.0.0.0',
			relatedPort: 0,
			generation: 0,
			ufrag: 'FSKA',
			networkCost: 999,
			relayProtocolHint: 'udp',
			extensions: {}
		}
	},
	{
		name: 'Chrome relay over TURN/UDP, in a gathered offer (loopback TURN)',
		source: 'fixture',
		line: 'a=candidate:689503916 1 udp 58597375 127.0.0.1 63190 typ relay raddr 0.0.0.0 rport 0 generation 0 network-id 1',
		expected: {
			foundation: '689503916',
			component: 1,
			protocol: 'udp',
			priority: 58597375,
			priorityParts: { typePreference: 3, localPreference: 32287, componentPreference: 255 },
			address: '127.0.0.1',
			addressKind: 'ipv4',
			port: 63190,
			type: 'relay',
			relatedAddress: '0.0.0.0',
			relatedPort: 0,
			generation: 0,
			networkId: 1,
			relayProtocolHint: 'udp',
			extensions: {}
		}
	},
	{
		name: 'Chrome relay over TURN/TCP (type preference 1)',
		source: 'fixture',
		line: 'candidate:3138064867 1 udp 16785407 192.0.2.2 59347 typ relay raddr 0.0.0.0 rport 0 generation 0 ufrag VC4U network-cost 999',
		expected: {
			foundation: '3138064867',
			component: 1,
			protocol: 'udp',
			priority: 16785407,
			priorityParts: { typePreference: 1, localPreference: 31, componentPreference: 255 },
			address: '192.0.2.2',
			addressKind: 'ipv4',
			port: 59347,
			type: 'relay',
			relatedAddress: '0.0.0.0',
			relatedPort: 0,
			generation: 0,
			ufrag: 'VC4U',
			networkCost: 999,
			relayProtocolHint: 'tcp',
			extensions: {}
		}
	},
	{
		name: 'Chrome relay over TURN/TLS (type preference 0)',
		source: 'fixture',
		line: 'candidate:2608465181 1 udp 8191 192.0.2.2 62365 typ relay raddr 0.0.0.0 rport 0 generation 0 ufrag IAIA network-cost 999',
		expected: {
			foundation: '2608465181',
			component: 1,
			protocol: 'udp',
			priority: 8191,
			priorityParts: { typePreference: 0, localPreference: 31, componentPreference: 255 },
			address: '192.0.2.2',
			addressKind: 'ipv4',
			port: 62365,
			type: 'relay',
			relatedAddress: '0.0.0.0',
			relatedPort: 0,
			generation: 0,
			ufrag: 'IAIA',
			networkCost: 999,
			relayProtocolHint: 'tls',
			extensions: {}
		}
	},
	{
		// Chromium never emits a prflx line (it learns them from checks); the priority is the real
		// one getStats() reported for a prflx remote candidate (fixtures/chromium-candidates.json).
		name: 'prflx written as a line, with Chromium’s real prflx priority (type preference 110)',
		source: 'hand-written',
		line: 'candidate:1924839392 1 udp 1845506815 198.51.100.20 40000 typ prflx raddr 192.0.2.2 rport 49211 generation 0 ufrag mC07',
		expected: {
			foundation: '1924839392',
			component: 1,
			protocol: 'udp',
			priority: 1845506815,
			priorityParts: { typePreference: 110, localPreference: 50, componentPreference: 255 },
			address: '198.51.100.20',
			addressKind: 'ipv4',
			port: 40000,
			type: 'prflx',
			relatedAddress: '192.0.2.2',
			relatedPort: 49211,
			generation: 0,
			ufrag: 'mC07',
			extensions: {}
		}
	},
	{
		// Chromium gathers no passive TCP candidates (it does not listen for TCP).
		name: 'TCP passive host (as other ICE agents write it)',
		source: 'hand-written',
		line: 'a=candidate:3382296128 1 tcp 1518214911 192.0.2.2 50123 typ host tcptype passive generation 0 network-id 1 network-cost 10',
		expected: {
			foundation: '3382296128',
			component: 1,
			protocol: 'tcp',
			priority: 1518214911,
			priorityParts: { typePreference: 90, localPreference: 32286, componentPreference: 255 },
			address: '192.0.2.2',
			addressKind: 'ipv4',
			port: 50123,
			type: 'host',
			tcpType: 'passive',
			generation: 0,
			networkId: 1,
			networkCost: 10,
			extensions: {}
		}
	},
	{
		name: 'Firefox-style TCP simultaneous-open host (uppercase transport)',
		source: 'hand-written',
		line: 'candidate:4 1 TCP 2105393407 192.0.2.2 50124 typ host tcptype so',
		expected: {
			foundation: '4',
			component: 1,
			protocol: 'tcp',
			priority: 2105393407,
			priorityParts: { typePreference: 125, localPreference: 32192, componentPreference: 255 },
			address: '192.0.2.2',
			addressKind: 'ipv4',
			port: 50124,
			type: 'host',
			tcpType: 'so',
			extensions: {}
		}
	},
	{
		name: 'Firefox host',
		source: 'hand-written',
		line: 'candidate:0 1 UDP 2122252543 192.0.2.2 49203 typ host',
		expected: {
			foundation: '0',
			component: 1,
			protocol: 'udp',
			priority: 2122252543,
			priorityParts: { typePreference: 126, localPreference: 32512, componentPreference: 255 },
			address: '192.0.2.2',
			addressKind: 'ipv4',
			port: 49203,
			type: 'host',
			extensions: {}
		}
	},
	{
		name: 'Firefox srflx',
		source: 'hand-written',
		line: 'candidate:1 1 UDP 1686052863 203.0.113.7 49203 typ srflx raddr 192.0.2.2 rport 49203',
		expected: {
			foundation: '1',
			component: 1,
			protocol: 'udp',
			priority: 1686052863,
			priorityParts: { typePreference: 100, localPreference: 32543, componentPreference: 255 },
			address: '203.0.113.7',
			addressKind: 'ipv4',
			port: 49203,
			type: 'srflx',
			relatedAddress: '192.0.2.2',
			relatedPort: 49203,
			extensions: {}
		}
	},
	{
		name: 'Firefox relay (type preference 5: no libwebrtc transport hint)',
		source: 'hand-written',
		line: 'candidate:3 1 UDP 92217087 198.51.100.50 55000 typ relay raddr 198.51.100.50 rport 55000',
		expected: {
			foundation: '3',
			component: 1,
			protocol: 'udp',
			priority: 92217087,
			priorityParts: { typePreference: 5, localPreference: 32542, componentPreference: 255 },
			address: '198.51.100.50',
			addressKind: 'ipv4',
			port: 55000,
			type: 'relay',
			relatedAddress: '198.51.100.50',
			relatedPort: 55000,
			extensions: {}
		}
	},
	{
		name: 'RTCP component without rtcp-mux (component preference 254)',
		source: 'hand-written',
		line: 'candidate:2900175606 2 udp 2113937150 192.0.2.2 49212 typ host generation 0',
		expected: {
			foundation: '2900175606',
			component: 2,
			protocol: 'udp',
			priority: 2113937150,
			priorityParts: { typePreference: 126, localPreference: 30, componentPreference: 254 },
			address: '192.0.2.2',
			addressKind: 'ipv4',
			port: 49212,
			type: 'host',
			generation: 0,
			extensions: {}
		}
	},
	{
		name: 'unknown extensions kept; FQDN address',
		source: 'hand-written',
		line: 'candidate:a+b/1 1 udp 2113937151 media.example.com 3478 typ host x-role edge __proto__ polluted',
		expected: {
			foundation: 'a+b/1',
			component: 1,
			protocol: 'udp',
			priority: 2113937151,
			priorityParts: { typePreference: 126, localPreference: 30, componentPreference: 255 },
			address: 'media.example.com',
			addressKind: 'hostname',
			port: 3478,
			type: 'host',
			extensions: Object.fromEntries([
				['x-role', 'edge'],
				['__proto__', 'polluted']
			])
		}
	}
];

describe('parseCandidate: real and published lines', () => {
	it.each(rows)('$name ($source)', ({ line, expected }) => {
		const result = parseCandidate(line);
		expect(result).toEqual({ ok: true, candidate: expected });
	});

	it.each(rows)('priority law: computePriority ∘ splitPriority = id ($name)', ({ expected }) => {
		const parts = splitPriority(expected.priority);
		expect(
			computePriority({
				typePreference: parts.typePreference,
				localPreference: parts.localPreference,
				component: 256 - parts.componentPreference
			})
		).toBe(expected.priority);
		expect(parts.componentPreference).toBe(256 - expected.component);
	});

	it('keeps "__proto__" as plain data, not a prototype', () => {
		const result = parseCandidate(rows[rows.length - 1]!.line);
		expect(result.ok && Object.getPrototypeOf(result.candidate.extensions)).toBe(Object.prototype);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});
});

// ---------------------------------------------------------------------------------------------
// Real captures: scripts/capture-candidates.js (Chromium + coturn) and the SDP fixtures.

interface Capture {
	capturedWith: string;
	cases: Record<
		string,
		{
			candidates: {
				line: string;
				type: string;
				protocol: string;
				relayProtocol: string | null;
				url: string | null;
			}[];
		}
	>;
	peerReflexive: { stats: string; candidateType: string; priority: number }[];
}

const here = dirname(fileURLToPath(import.meta.url));
const capture = JSON.parse(
	readFileSync(join(here, 'fixtures', 'chromium-candidates.json'), 'utf8')
) as Capture;
const captured = Object.entries(capture.cases).flatMap(([name, c]) =>
	c.candidates.map((candidate) => ({ case: name, ...candidate }))
);
const sdpDir = join(here, '..', 'sdp', 'fixtures');
const sdpLines = readdirSync(sdpDir)
	.filter((f) => f.endsWith('.sdp'))
	.flatMap((f) =>
		readFileSync(join(sdpDir, f), 'utf8')
			.split(/\r?\n/)
			.filter((l) => l.startsWith('a=candidate:'))
			.map((line) => ({ file: f, line }))
	);

describe('parseCandidate over real Chromium captures', () => {
	it('the capture holds every kind the table needs', () => {
		const kinds = new Set(captured.map((c) => `${c.type} ${c.relayProtocol ?? ''}`.trim()));
		for (const kind of ['host', 'srflx', 'relay', 'relay tcp', 'relay tls'])
			expect(kinds, kind).toContain(kind);
		expect(captured.some((c) => /\.local$/.test(c.line.split(' ')[4] ?? ''))).toBe(true);
		expect(sdpLines.some((l) => l.line.includes(' tcptype active'))).toBe(true);
	});

	it('"fixture" rows of the table are copied verbatim from a capture', () => {
		const corpus = new Set([
			...captured.map((c) => c.line),
			...sdpLines.map((l) => l.line.replace(/^a=/, ''))
		]);
		const fixtureRows = rows.filter((r) => r.source === 'fixture');
		expect(fixtureRows.length).toBeGreaterThanOrEqual(7);
		for (const row of fixtureRows) expect(corpus, row.name).toContain(row.line.replace(/^a=/, ''));
	});

	it.each(captured)('$case: $line parses, with the type and protocol Chromium reported', (c) => {
		const result = parseCandidate(c.line);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.candidate.type).toBe(c.type);
		expect(result.candidate.protocol).toBe(c.protocol);
	});

	it('the relay transport hint agrees with what Chromium says (relayProtocol, or the TURN URL)', () => {
		const relays = captured.filter((c) => c.type === 'relay');
		expect(relays.length).toBeGreaterThanOrEqual(3);
		const seen = new Set<string>();
		for (const c of relays) {
			const result = parseCandidate(c.line);
			// Chromium leaves relayProtocol null for UDP; the URL it came from says UDP then.
			const transport =
				c.relayProtocol ??
				(c.url?.startsWith('turns:') ? 'tls' : /transport=tcp/.test(c.url ?? '') ? 'tcp' : 'udp');
			expect(result.ok && result.candidate.relayProtocolHint, c.line).toBe(transport);
			seen.add(transport);
		}
		expect([...seen].sort()).toEqual(['tcp', 'tls', 'udp']);
	});

	it.each(sdpLines)('$file: $line parses', ({ line }) => {
		expect(parseCandidate(line)).toMatchObject({ ok: true });
	});

	it('a peer-reflexive candidate seen by getStats() has type preference 110', () => {
		const prflx = capture.peerReflexive.filter((s) => s.candidateType === 'prflx');
		expect(prflx.length).toBeGreaterThan(0);
		for (const s of prflx) expect(splitPriority(s.priority).typePreference).toBe(110);
	});
});

describe('priorities', () => {
	it('splits and computes the RFC 8445 §5.1.2.1 formula', () => {
		expect(splitPriority(2113937151)).toEqual({
			typePreference: 126,
			localPreference: 30,
			componentPreference: 255
		});
		expect(computePriority({ typePreference: 126, localPreference: 65535, component: 1 })).toBe(
			2130706431
		);
		expect(computePriority({ typePreference: 0, localPreference: 0, component: 256 })).toBe(0);
	});

	it('clamps instead of throwing on nonsense', () => {
		expect(splitPriority(Number.NaN)).toEqual({
			typePreference: 0,
			localPreference: 0,
			componentPreference: 0
		});
		expect(splitPriority(-5).typePreference).toBe(0);
		expect(computePriority({ typePreference: 999, localPreference: -1, component: 0 })).toBe(
			126 * 2 ** 24 + 255
		);
	});

	it('computes pair priority per RFC 8445 §6.1.2.3', () => {
		// G = host 2113937151 (controlling), D = srflx 1677729535 (controlled)
		expect(candidatePairPriority(2113937151, 1677729535)).toBe(7205793488586161663n);
		// Swapping roles drops the tie-break bit.
		expect(candidatePairPriority(1677729535, 2113937151)).toBe(7205793488586161662n);
		expect(candidatePairPriority(100, 100)).toBe(429496729800n);
		// The largest pair priority, 2^63 − 2, is beyond Number's exact range.
		expect(candidatePairPriority(2 ** 31 - 1, 2 ** 31 - 1)).toBe(2n ** 63n - 2n);
		expect(() => candidatePairPriority(Number.NaN, 1.5)).not.toThrow();
	});
});

describe('addresses', () => {
	it.each([
		['192.0.2.2', 'ipv4'],
		['0.0.0.0', 'ipv4'],
		['fd00::2', 'ipv6'],
		['::', 'ipv6'],
		['2001:db8:0:0:0:0:0:1', 'ipv6'],
		['::ffff:192.0.2.1', 'ipv6'],
		['f5f28791-1598-49ef-b0f6-b21ae0dccd2d.local', 'mdns'],
		['stun.example.org', 'hostname'],
		['256.1.1.1', undefined],
		['01.2.3.4', undefined],
		['1:2:3:4:5:6:7:8:9', undefined],
		['1::2::3', undefined],
		['fe80::1%eth0', undefined],
		['<b>x</b>', undefined]
	] as const)('%s is %s', (address, kind) => {
		expect(classifyAddress(address)).toBe(kind);
	});

	it('formats host:port with IPv6 brackets', () => {
		expect(formatAddressPort('192.0.2.2', 9)).toBe('192.0.2.2:9');
		expect(formatAddressPort('fd00::2', 40989)).toBe('[fd00::2]:40989');
		expect(formatAddressPort('fd00::2', undefined)).toBe('[fd00::2]');
	});
});

describe('parseCandidate: malformed input never throws', () => {
	const good = 'candidate:1 1 udp 2113937151 192.0.2.2 49211 typ host';
	it.each([
		['', 'empty candidate line'],
		['   \n', 'empty candidate line'],
		['hello world', "missing the 'candidate:' prefix"],
		['a=mid:0', "missing the 'candidate:' prefix"],
		['candidate:', 'missing foundation'],
		['candidate:1', 'missing component ID'],
		['candidate:1 1', 'missing transport'],
		['candidate:1 1 udp', 'missing priority'],
		['candidate:1 1 udp 2113937151', 'missing connection address'],
		['candidate:1 1 udp 2113937151 192.0.2.2', 'missing port'],
		['candidate:1 1 udp 2113937151 192.0.2.2 49211', "missing 'typ' keyword"],
		['candidate:1 1 udp 2113937151 192.0.2.2 49211 typ', 'missing candidate type'],
		['candidate:1 1 udp 2113937151 192.0.2.2 49211 type host', "expected 'typ' after the port"],
		[
			'candidate:1 1 udp 2113937151 192.0.2.2 49211 typ relayed',
			"unknown candidate type 'relayed'"
		],
		['candidate:1 1 udp high 192.0.2.2 49211 typ host', "bad priority 'high'"],
		['candidate:1 1 udp 0 192.0.2.2 49211 typ host', "bad priority '0'"],
		['candidate:1 1 udp 2147483648 192.0.2.2 49211 typ host', "bad priority '2147483648'"],
		['candidate:1 1 udp -5 192.0.2.2 49211 typ host', "bad priority '-5'"],
		['candidate:1 1 udp 1e9 192.0.2.2 49211 typ host', "bad priority '1e9'"],
		['candidate:1 1 udp 2113937151 192.0.2.2 port typ host', "bad port 'port'"],
		['candidate:1 1 udp 2113937151 192.0.2.2 65536 typ host', "bad port '65536'"],
		['candidate:1 0 udp 2113937151 192.0.2.2 49211 typ host', "bad component ID '0'"],
		['candidate:1 x udp 2113937151 192.0.2.2 49211 typ host', "bad component ID 'x'"],
		['candidate:1 1 sctp 2113937151 192.0.2.2 49211 typ host', "unsupported transport 'sctp'"],
		['candidate:!! 1 udp 2113937151 192.0.2.2 49211 typ host', "bad foundation '!!'"],
		[
			'candidate:1 1 udp 2113937151 <img/src=x/onerror=alert(1)> 49211 typ host',
			'bad connection address'
		],
		['candidate:1 1 udp 2113937151 999.0.0.1 49211 typ host', "bad connection address '999.0.0.1'"],
		[`${good} raddr`, "'raddr' has no value"],
		[`${good} raddr nowhere!`, "bad related address 'nowhere!'"],
		[`${good} rport 70000`, "bad related port '70000'"],
		[`${good} tcptype active`, 'tcptype on a udp candidate'],
		[
			'candidate:1 1 tcp 1518280447 192.0.2.2 9 typ host tcptype sideways',
			"unknown tcptype 'sideways'"
		],
		[`${good} generation zero`, "bad generation 'zero'"],
		[`${good} network-cost -1`, "bad network-cost '-1'"],
		[`${good} generation 0 generation 1`, "duplicate 'generation'"],
		[`${good} x <script>`, "bad value for 'x'"],
		['candidate:1 1 udp 2113937151 192.0.2.2 49211 typ host\u0000', "unknown candidate type 'host"]
	])('%j -> %s', (line, error) => {
		const result = parseCandidate(line);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(describeCandidateProblem(result.problem)).toContain(error);
			// The same problem in Simplified Chinese: no English sentence around the quoted piece.
			const zh = describeCandidateProblem(result.problem, 'zh-CN');
			expect(zh).toMatch(/[\u4e00-\u9fff]/);
			expect(zh.replace(/'[^']*'/g, '')).not.toMatch(
				/\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}\b/
			);
			expect(zh).not.toMatch(/[.!?;:,][。！？；：，）]|[。！？；：，][.!?;:,]/);
			expect(candidateProblemText(result.problem).en).not.toMatch(/[\u4e00-\u9fff]/);
		}
	});

	it('rejects a 100 KB string quickly and names the length', () => {
		const line = `candidate:1 1 udp 2113937151 192.0.2.2 49211 typ host ${'x '.repeat(50_000)}`;
		const result = parseCandidate(line);
		expect(result).toEqual({
			ok: false,
			problem: { code: 'too-long', length: line.length, limit: 4096 }
		});
		if (!result.ok)
			expect(describeCandidateProblem(result.problem)).toBe(
				`candidate line is too long (${line.length} characters; the limit is 4096)`
			);
	});

	it('shortens long input quoted in errors', () => {
		const result = parseCandidate(`candidate:1 1 udp ${'9'.repeat(200)} 192.0.2.2 1 typ host`);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(describeCandidateProblem(result.problem).length).toBeLessThan(120);
	});

	it('survives values that are not strings at all', () => {
		for (const value of [undefined, null, 42, {}, []]) {
			const result = parseCandidate(value as unknown as string);
			expect(result).toEqual({ ok: false, problem: { code: 'not-a-string' } });
		}
	});

	it('survives random junk', () => {
		let seed = 1;
		const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647) as number;
		const alphabet = 'candidte:0123456789 .:/+-typhostrelaysrflxudptcp\t<>&"\'';
		for (let n = 0; n < 2000; n++) {
			const length = Math.floor(random() * 120);
			let line = n % 2 ? 'candidate:' : '';
			for (let i = 0; i < length; i++) line += alphabet[Math.floor(random() * alphabet.length)];
			expect(() => parseCandidate(line)).not.toThrow();
		}
	});
});
