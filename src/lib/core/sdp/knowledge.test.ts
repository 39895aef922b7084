// The value-level knowledge: codecs, fmtp parameters (per codec), header extension URIs,
// rtcp-fb types, ssrc attributes, ice-options tokens and group semantics. The coverage loop
// walks every fixture's structured result, so a value a real stack emits and no table knows
// fails here (the line-level loop in sdp.test.ts only checks the line's key).
import { describe, expect, it } from 'vitest';
import {
	bareFmtp,
	codecInfo,
	detailValues,
	explainLine,
	fmtpParamInfo,
	headerExtensionInfo,
	rtcpFeedbackInfo,
	sdpAttributes,
	ssrcAttributeInfo
} from './attributes';
import { parseSdp, type ParsedSdp } from './sdp';
import { fixture, fixtureNames } from './test-fixtures';

/** Every value of one description that a table has to know, as `kind: value` strings. */
function unknownValues(parsed: ParsedSdp): string[] {
	const missing = new Set<string>();
	const need = (ok: unknown, what: string) => {
		if (!ok) missing.add(what);
	};
	const iceOptions = detailValues('a=ice-options');
	const ssrcGroups = detailValues('a=ssrc-group');
	const groups = detailValues('a=group');
	for (const token of parsed.session.iceOptions) need(iceOptions[token], `ice-options: ${token}`);
	for (const group of parsed.session.groups)
		need(groups[group.semantics], `group: ${group.semantics}`);
	for (const media of parsed.media) {
		for (const token of media.iceOptions) need(iceOptions[token], `ice-options: ${token}`);
		for (const codec of media.codecs) {
			if (codec.name === '') continue;
			need(codecInfo(codec.name), `codec: ${codec.name}`);
			const fmtp = codec.fmtp?.trim();
			if (!fmtp) continue;
			if (!fmtp.includes('=')) {
				need(Object.hasOwn(bareFmtp, codec.name.toLowerCase()), `fmtp: ${codec.name} ${fmtp}`);
				continue;
			}
			for (const part of fmtp.split(';')) {
				const name = (part.split('=')[0] ?? '').trim();
				if (name) need(fmtpParamInfo(name, codec.name).length > 0, `fmtp: ${codec.name} ${name}`);
			}
		}
		for (const extmap of media.extmaps)
			need(headerExtensionInfo(extmap.uri), `extmap: ${extmap.uri}`);
		for (const codec of media.codecs) {
			for (const fb of codec.rtcpFb) need(rtcpFeedbackInfo(fb), `rtcp-fb: ${fb}`);
		}
		for (const ssrc of media.ssrcs)
			need(ssrcAttributeInfo(ssrc.attribute), `ssrc: ${ssrc.attribute}`);
		for (const group of media.ssrcGroups) {
			need(ssrcGroups[group.semantics], `ssrc-group: ${group.semantics}`);
		}
	}
	return [...missing];
}

describe('value coverage over every fixture', () => {
	for (const name of fixtureNames) {
		it(`${name}: every codec, fmtp parameter, URI, feedback, ssrc attribute and token is known`, () => {
			const parsed = parseSdp(fixture(name));
			expect(unknownValues(parsed)).toEqual([]);
			// …and no line is marked "value not recognised".
			const marked = parsed.lines.filter((line) => line.unrecognised);
			expect(marked.map((line) => `${line.number}: ${line.text}`)).toEqual([]);
		});
	}

	it('the loop fails on values nobody knows', () => {
		const sdp = [
			'v=0',
			'o=- 1 1 IN IP4 0.0.0.0',
			's=-',
			't=0 0',
			'a=ice-options:trickle x-new-thing',
			'a=group:XYZ 0',
			'm=video 9 RTP/AVPF 96 97',
			'a=mid:0',
			'a=extmap:1 urn:example:made-up',
			'a=rtpmap:96 FOO/90000',
			'a=rtpmap:97 VP9/90000',
			'a=fmtp:97 profile-id=0;bogus=1',
			'a=rtcp-fb:97 ccm wat',
			'a=ssrc:1 whatever:x',
			'a=ssrc-group:ABC 1 2'
		].join('\r\n');
		expect(unknownValues(parseSdp(sdp)).sort()).toEqual(
			[
				'ice-options: x-new-thing',
				'group: XYZ',
				'codec: FOO',
				'fmtp: VP9 bogus',
				'extmap: urn:example:made-up',
				'rtcp-fb: ccm wat',
				'ssrc: whatever',
				'ssrc-group: ABC'
			].sort()
		);
		// The same values are marked on their lines, for the view.
		const marks = parseSdp(sdp)
			.lines.filter((line) => line.unrecognised)
			.map((line) => [line.number, line.unrecognised]);
		expect(marks).toEqual([
			[5, ['x-new-thing']],
			[6, ['XYZ']],
			[9, ['urn:example:made-up']],
			[10, ['FOO']],
			[12, ['bogus']],
			[13, ['ccm wat']],
			[14, ['whatever']],
			[15, ['ABC']]
		]);
	});
});

describe('fmtp is explained for its codec', () => {
	const section = (lines: string[]) =>
		parseSdp(['v=0', 'o=- 1 1 IN IP4 0.0.0.0', 's=-', 't=0 0', ...lines].join('\r\n'));
	const lineText = (parsed: ParsedSdp, text: string) =>
		parsed.lines.find((line) => line.text === text)?.explanation;

	it('RED: 111/111 names the primary and redundant payload types, not DTMF', () => {
		const parsed = parseSdp(fixture('chrome-audio-video-offer'));
		const red = parsed.lines.find((line) => /^a=fmtp:\d+ 111\/111$/.test(line.text));
		expect(red?.explanation?.en).toMatch(/primary encoding/);
		expect(red?.explanation?.en).not.toMatch(/DTMF/);
		expect(red?.explanation?.['zh-CN']).toMatch(/主编码/);
		// telephone-event keeps its event list.
		const dtmf = section([
			'm=audio 9 RTP/AVP 101',
			'a=rtpmap:101 telephone-event/8000',
			'a=fmtp:101 0-16'
		]);
		expect(lineText(dtmf, 'a=fmtp:101 0-16')?.en).toMatch(/DTMF events/);
	});

	it('profile-id: H.265 (RFC 7798) and VP9 (RFC 9628) are told apart', () => {
		const parsed = section([
			'm=video 9 RTP/AVPF 49 98',
			'a=rtpmap:49 H265/90000',
			'a=fmtp:49 level-id=93;profile-id=1;tier-flag=0;tx-mode=SRST',
			'a=rtpmap:98 VP9/90000',
			'a=fmtp:98 profile-id=0'
		]);
		const h265 = lineText(parsed, 'a=fmtp:49 level-id=93;profile-id=1;tier-flag=0;tx-mode=SRST');
		expect(h265?.en).toMatch(/level-id: H\.265 level/);
		expect(h265?.en).toMatch(/profile-id: H\.265 profile/);
		expect(h265?.en).toMatch(/tier-flag: H\.265 tier/);
		expect(h265?.en).toMatch(/tx-mode: H\.265 transmission mode/);
		expect(h265?.en).not.toMatch(/VP9/);
		expect(lineText(parsed, 'a=fmtp:98 profile-id=0')?.en).toMatch(/VP9 profile/);
	});

	it('SIP-style parameters: spaces after ";", ptime in fmtp, AMR, iLBC', () => {
		const parsed = section([
			'm=audio 9 RTP/AVP 102 96 97',
			'a=rtpmap:102 opus/48000/2',
			'a=fmtp:102 useinbandfec=1; maxaveragebitrate=30000; ptime=20; maxptime=40',
			'a=rtpmap:96 AMR-WB/16000',
			'a=fmtp:96 octet-align=1; mode-set=0,1,2',
			'a=rtpmap:97 iLBC/8000',
			'a=fmtp:97 mode=30'
		]);
		expect(parsed.lines.filter((line) => line.unrecognised)).toEqual([]);
		expect(lineText(parsed, 'a=fmtp:97 mode=30')?.en).toMatch(/iLBC frame length/);
		expect(lineText(parsed, 'a=fmtp:96 octet-align=1; mode-set=0,1,2')?.en).toMatch(
			/octet-align: AMR payload format.*mode-set: /
		);
	});

	it('a known parameter of another codec is "not recognised" for this one', () => {
		const parsed = section([
			'm=video 9 RTP/AVPF 96',
			'a=rtpmap:96 VP8/90000',
			'a=fmtp:96 profile-id=0'
		]);
		expect(parsed.lines.at(-1)?.unrecognised).toEqual(['profile-id']);
	});

	it('without an rtpmap, a name shared by codecs is explained for each', () => {
		const explained = explainLine('a=fmtp:49 profile-id=1');
		expect(explained.detail?.en).toMatch(/H\.265/);
		expect(explained.detail?.en).toMatch(/VP9/);
		expect(explained.unrecognised).toEqual([]);
	});
});

describe('API notes', () => {
	it('are localized, with identifiers kept as code in both languages', () => {
		for (const info of sdpAttributes) {
			if (!info.api) continue;
			expect(info.api.en.trim()).not.toBe('');
			const codeSpans = (text: string) => (text.match(/`[^`]+`/g) ?? []).sort();
			expect(codeSpans(info.api['zh-CN'])).toEqual(codeSpans(info.api.en));
			// Prose (anything beyond the code spans) is translated.
			const prose = info.api['zh-CN']
				.replace(/`[^`]+`/g, '')
				.replace(/[\s/().,;:§0-9A-Za-z=-]/g, '');
			const englishProse = info.api.en.replace(/`[^`]+`/g, '').replace(/[\s/().,;:]/g, '');
			if (englishProse !== '') expect(prose).toMatch(/[\u4e00-\u9fff]/);
		}
		const setup = parseSdp('v=0\r\nm=audio 9 RTP/AVP 0\r\na=setup:active').lines.at(-1);
		expect(setup?.apiText?.['zh-CN']).toMatch(/没有 API/);
		expect(setup?.api).toMatch(/^No API: .*actpass/);
		expect(setup?.api).not.toContain('`');
	});

	it('commonly munged values say there is no API, or name the nearest one', () => {
		const line = (text: string) =>
			parseSdp(`v=0\r\nm=audio 9 RTP/AVP 111\r\na=rtpmap:111 opus/48000/2\r\n${text}`).lines.at(-1);
		expect(line('a=fmtp:111 stereo=1')?.apiText?.en).toMatch(/stereo: No API sets this; munging/);
		expect(line('a=fmtp:111 usedtx=1')?.apiText?.['zh-CN']).toMatch(/usedtx：没有 API/);
		expect(line('a=fmtp:111 x-google-start-bitrate=800')?.apiText?.en).toMatch(
			/Nearest API: `RTCRtpSender\.setParameters/
		);
		expect(line('a=ptime:20')?.apiText?.en).toMatch(/No API sets this/);
		// A parameter with no munging note adds nothing to the line's API.
		expect(line('a=fmtp:111 useinbandfec=1')?.apiText?.en).not.toMatch(/munging/);
	});

	it('remarks on references are localized data', () => {
		const sctpmap = parseSdp(
			'v=0\r\nm=application 9 DTLS/SCTP 5000\r\na=sctpmap:5000 webrtc-datachannel 1024'
		).lines.at(-1);
		expect(sctpmap?.rfc).toBe('draft-ietf-mmusic-sctp-sdp-05 §4.1');
		expect(sctpmap?.rfcNote?.['zh-CN']).toMatch(/RFC 8841 取代/);
		for (const info of sdpAttributes) expect(info.rfc).not.toMatch(/\(|only|replaced|dropped/);
	});
});

describe('a=candidate is read by core/ice', () => {
	const withCandidate = (candidate: string) =>
		parseSdp(
			`v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n${candidate}`
		);

	it('the priority is split per RFC 8445 §5.1.2.1, with type and component', () => {
		const line = withCandidate(
			'a=candidate:1 1 udp 2122194687 192.0.2.2 37190 typ host generation 0'
		).lines.at(-1);
		// 2122194687 = 126·2^24 + 32286·2^8 + 255
		expect(line?.explanation?.en).toMatch(
			/Priority 2122194687 = 126·2\^24 \+ 32286·2\^8 \+ 255.*RFC 8445 §5\.1\.2\.1/
		);
		expect(line?.explanation?.en).toMatch(/Host candidate/);
		expect(line?.explanation?.en).toMatch(/Component 1 \(RTP\)/);
		expect(line?.explanation?.['zh-CN']).toMatch(/类型优先级 126/);
		const tcp = withCandidate(
			'a=candidate:2 1 tcp 1518280447 192.0.2.2 9 typ host tcptype active'
		).lines.at(-1);
		expect(tcp?.explanation?.en).toMatch(/tcptype active/);
		const mdns = withCandidate(
			'a=candidate:3 1 udp 2113937151 2d70c5bd-9286-4066-9d6d-c9c03368cd13.local 43006 typ host'
		).lines.at(-1);
		expect(mdns?.explanation?.en).toMatch(/mDNS \(\.local\) host address: /);
		expect(mdns?.explanation?.['zh-CN']).toMatch(/mDNS（\.local）主机地址：/);
		expect(mdns?.explanation?.['zh-CN']).not.toMatch(/host address/);
	});

	it('a candidate core/ice rejects is a problem on its line', () => {
		const parsed = withCandidate('a=candidate:1 1 udp 2122194687 192.0.2.999 37190 typ host');
		expect(parsed.problems).toEqual([expect.objectContaining({ line: 6, code: 'bad-candidate' })]);
		expect(parsed.problems[0]?.message).toMatch(/bad connection address '192\.0\.2\.999'/);
		// In Chinese the whole problem is Chinese: only the address is quoted as written.
		expect(parsed.problems[0]?.text['zh-CN']).toBe(
			"不是有效的 ICE 候选（RFC 8839 §5.1）：连接地址 '192.0.2.999' 无效（既不是 IPv4、IPv6 地址，也不是主机名）。"
		);
		expect(parsed.lines[5]?.known).toBe(true);
		expect(
			withCandidate('a=candidate:1 1 udp 2122194687 192.0.2.9 37190 typ host').problems
		).toEqual([]);
	});
});

describe('records for other stacks', () => {
	it('SIP, RFC 8866 §6 and ICE attributes are known', () => {
		// prettier-ignore
		const keys = [
			'a=silenceSupp', 'a=zrtp-hash', 'a=connection', 'a=imageattr', 'a=ice-pacing', 'a=tool',
			'a=cat', 'a=keywds', 'a=orient', 'a=type', 'a=charset', 'a=sdplang', 'a=lang',
			'a=quality', 'a=content', 'a=ice-mismatch'
		];
		const known = new Set(sdpAttributes.map((info) => info.key));
		expect(keys.filter((key) => !known.has(key))).toEqual([]);
	});

	it('an m= line without formats is flagged', () => {
		const parsed = parseSdp('v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP');
		expect(parsed.problems.map((p) => [p.line, p.code])).toContainEqual([5, 'no-formats']);
		const ok = parseSdp('v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP 0');
		expect(ok.problems).toEqual([]);
	});
});
