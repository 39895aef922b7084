import { describe, expect, it } from 'vitest';
import { lintRules, lintSdp, type SdpLintCode, type SdpLintProblem } from './lint';
import { parseSdp } from './sdp';
import { edit, fixture, fixtureNames } from './test-fixtures';

const lint = (text: string) => lintSdp(parseSdp(text)) as SdpLintProblem[];
const codes = (text: string) => lint(text).map((p) => p.code as string);

// The smallest complete WebRTC-style offer: one DTLS-SRTP audio section. Every bad case below
// breaks exactly one thing in it.
const good = [
	'v=0',
	'o=- 1 2 IN IP4 127.0.0.1',
	's=-',
	't=0 0',
	'a=group:BUNDLE 0',
	'm=audio 9 UDP/TLS/RTP/SAVPF 111 63',
	'c=IN IP4 0.0.0.0',
	'a=ice-ufrag:abcd',
	'a=ice-pwd:abcdefghijklmnopqrstuvwx',
	'a=fingerprint:sha-256 AA:BB',
	'a=setup:actpass',
	'a=mid:0',
	'a=sendrecv',
	'a=rtcp-mux',
	'a=rtpmap:111 opus/48000/2',
	'a=fmtp:111 minptime=10;useinbandfec=1',
	'a=rtpmap:63 red/48000/2',
	'a=fmtp:63 111/111',
	''
].join('\r\n');

const dataChannel = [
	'v=0',
	'o=- 1 2 IN IP4 127.0.0.1',
	's=-',
	't=0 0',
	'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
	'c=IN IP4 0.0.0.0',
	'a=ice-ufrag:abcd',
	'a=ice-pwd:abcdefghijklmnopqrstuvwx',
	'a=fingerprint:sha-256 AA:BB',
	'a=setup:actpass',
	'a=mid:0',
	'a=sctp-port:5000',
	''
].join('\r\n');

const sip = fixture('sip-gateway-audio-offer');

/** One bad SDP per rule: the rule must fire there (at the line given) and nowhere else. */
const cases: { code: SdpLintCode; sdp: string; line: number }[] = [
	{ code: 'pt-without-rtpmap', sdp: edit(good, 'a=rtpmap:63 red/48000/2\r\n', ''), line: 6 },
	{
		code: 'attribute-for-unlisted-pt',
		sdp: edit(good, 'a=fmtp:63 111/111', 'a=fmtp:63 111/111\r\na=rtcp-fb:120 nack'),
		line: 19
	},
	{
		code: 'duplicate-mid',
		// The audio section twice: the second a=mid:0 is line 18 + 7.
		sdp: good + good.split('\r\n').slice(5).join('\r\n'),
		line: 25
	},
	{ code: 'missing-ice-ufrag', sdp: edit(good, 'a=ice-ufrag:abcd\r\n', ''), line: 6 },
	{
		code: 'missing-ice-pwd',
		sdp: edit(dataChannel, 'a=ice-pwd:abcdefghijklmnopqrstuvwx\r\n', ''),
		line: 5
	},
	{ code: 'missing-fingerprint', sdp: edit(good, /a=fingerprint:[^\r]*\r\n/, ''), line: 6 },
	{ code: 'missing-setup', sdp: edit(dataChannel, 'a=setup:actpass\r\n', ''), line: 5 },
	{
		code: 'missing-mid',
		sdp: edit(edit(good, 'a=mid:0\r\n', ''), 'a=group:BUNDLE 0\r\n', ''),
		line: 5
	},
	{
		code: 'several-directions',
		sdp: edit(good, 'a=sendrecv', 'a=sendrecv\r\na=recvonly'),
		line: 14
	},
	// A SIP offer cut before the telephone-event rtpmap: no BUNDLE, nothing else to notice.
	{ code: 'looks-truncated', sdp: sip.slice(0, sip.indexOf('a=rtpmap:101')), line: 10 }
];

describe('lint rule table', () => {
	it('has one record per code, a level, a reference and both languages', () => {
		const seen = new Set<string>();
		for (const rule of lintRules) {
			expect(seen.has(rule.code)).toBe(false);
			seen.add(rule.code);
			expect(['error', 'warning', 'info']).toContain(rule.level);
			expect(rule.ref).toMatch(/RFC \d+ §/);
			const text = rule.text('7');
			expect(text.en.length).toBeGreaterThan(10);
			expect(text['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
		}
		expect([...seen].sort()).toEqual(cases.map((c) => c.code).sort());
	});
});

describe('each rule fires on a minimal bad SDP', () => {
	it('the good SDPs themselves are clean', () => {
		expect(lint(good)).toEqual([]);
		expect(lint(dataChannel)).toEqual([]);
		expect(lint(sip)).toEqual([]);
	});

	for (const { code, sdp, line } of cases) {
		it(code, () => {
			const found = lint(sdp).filter((p) => p.code === code);
			expect(found.length).toBeGreaterThan(0);
			expect(found[0]?.line).toBe(line);
			const rule = lintRules.find((r) => r.code === code)!;
			expect(found[0]?.level).toBe(rule.level);
			expect(found[0]?.text.en).toContain(rule.ref);
			expect(found[0]?.text['zh-CN']).toContain(rule.ref);
			expect(found[0]?.message).toBe(found[0]?.text.en);
		});
	}

	it('a Chrome offer cut in the middle of its audio section reads as truncated', () => {
		const offer = fixture('chrome-audio-video-offer');
		const cut = offer.slice(0, offer.indexOf('a=rtpmap:111') + 'a=rtpmap:111'.length);
		const found = codes(cut);
		expect(found).toContain('looks-truncated');
		expect(found).toContain('pt-without-rtpmap');
		// Cut inside an attribute name.
		expect(codes(offer.slice(0, offer.indexOf('a=rtpmap:111') + 'a=rtpm'.length))).toContain(
			'looks-truncated'
		);
	});

	it('a section cut before its ICE lines, after complete ones, reads as truncated', () => {
		const offer = fixture('chrome-audio-video-offer');
		const video = offer.indexOf('m=video');
		const cut = offer.slice(0, offer.indexOf('\r\n', video) + 2);
		const found = lint(cut);
		expect(found.map((p) => p.code)).toContain('missing-ice-ufrag');
		expect(found.map((p) => p.code)).toContain('looks-truncated');
	});

	it('a forgotten rtpmap in the middle is not called a truncation', () => {
		const sdp = edit(good, 'a=rtpmap:111 opus/48000/2\r\n', '');
		expect(codes(sdp)).toEqual(['pt-without-rtpmap']);
	});

	it('BUNDLE lets a bundled section use the tagged section transport', () => {
		const two =
			good.replace('a=group:BUNDLE 0', 'a=group:BUNDLE 0 1') +
			['m=audio 9 UDP/TLS/RTP/SAVPF 0', 'c=IN IP4 0.0.0.0', 'a=mid:1', 'a=sendrecv', ''].join(
				'\r\n'
			);
		expect(lint(two)).toEqual([]);
	});

	it('rejected sections (port 0) are not linted for transport or payload types', () => {
		const rejected = good.replace('m=audio 9 ', 'm=audio 0 ').replace('a=ice-ufrag:abcd\r\n', '');
		expect(lint(rejected)).toEqual([]);
	});
});

describe('lint on real descriptions', () => {
	it.each(fixtureNames)('%s: no lint finding', (name) => {
		expect(lint(fixture(name))).toEqual([]);
	});
});

describe('lint is total', () => {
	it('never throws on odd shapes', () => {
		const odd = [
			'',
			'm=',
			'a=mid:0\na=mid:0',
			'v=0\nm=audio 9 UDP/TLS/RTP/SAVPF x y z\na=rtpmap:',
			'm=application 9 DTLS/SCTP 5000'
		];
		for (const text of odd) expect(() => lint(text)).not.toThrow();
		// Not even on a damaged ParsedSdp.
		expect(lintSdp({} as never)).toEqual([]);
		expect(lintSdp(null as never)).toEqual([]);
	});
});
