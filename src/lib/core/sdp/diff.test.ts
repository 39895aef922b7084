import { describe, expect, it } from 'vitest';
import { diffDescriptions, diffOfferAnswer, resolveDirection, type SdpDiffItem } from './diff';
import { parseSdp } from './sdp';
import { edit, fixture, fixtureNames } from './test-fixtures';

const avOffer = fixture('chrome-audio-video-offer');
const avAnswer = fixture('chrome-audio-video-answer');
const dcOffer = fixture('chrome-datachannel-offer');
const dcAnswer = fixture('chrome-datachannel-answer');

const topic = (items: SdpDiffItem[], name: SdpDiffItem['topic']) =>
	items.filter((item) => item.topic === name);

describe('offer ↔ answer on real Chromium pairs', () => {
	it('data channel: accepted, answerer is the DTLS client, SCTP parameters', () => {
		const diff = diffOfferAnswer(dcOffer, dcAnswer);
		expect(diff.counts.error).toBe(0);
		expect(diff.counts.warning).toBe(0);
		expect(diff.sections).toHaveLength(1);
		const [dc] = diff.sections;
		expect(dc).toMatchObject({ index: 0, mid: '0', kind: 'application', status: 'accepted' });
		expect(dc?.dtlsClient).toBe('answerer');
		expect(dc?.direction).toBeUndefined();
		const sctp = topic(dc!.items, 'data-channel');
		expect(sctp.map((i) => i.right)).toEqual(['a=sctp-port:5000', 'a=max-message-size:262144']);
		expect(sctp[1]?.text.en).toMatch(/offerer may send 262144 bytes/);
		const bundle = topic(diff.session, 'bundle');
		expect(bundle).toHaveLength(1);
		expect(bundle[0]?.severity).toBe('ok');
		// Every finding cites a rule, in both languages.
		for (const item of [...diff.session, ...dc!.items]) {
			expect(item.rule).toMatch(/RFC \d+/);
			expect(item.text['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
		}
	});

	it('audio + video: directions, codecs with offered payload types, header extensions', () => {
		const diff = diffOfferAnswer(avOffer, avAnswer);
		expect(diff.counts.error).toBe(0);
		expect(diff.sections.map((s) => [s.mid, s.kind, s.status])).toEqual([
			['0', 'audio', 'accepted'],
			['1', 'video', 'accepted'],
			['2', 'application', 'accepted']
		]);
		const [audio, video] = diff.sections;
		expect(audio?.direction).toMatchObject({
			offer: 'sendrecv',
			answer: 'recvonly',
			valid: true,
			offererSends: true,
			answererSends: false
		});
		expect(audio?.codecs.find((c) => c.name === 'opus')).toMatchObject({
			status: 'accepted',
			offered: { payloadType: 111 },
			answered: { payloadType: 111 }
		});
		expect(video?.codecs.every((c) => c.status === 'accepted' || c.status === 'not-accepted')).toBe(
			true
		);
		const rules = diff.sections.flatMap((s) => s.items.map((i) => i.rule));
		expect(rules.some((r) => r.includes('RFC 9429 §5.3.1'))).toBe(true);
		const ext = topic(audio!.items, 'header-extensions');
		expect(ext[ext.length - 1]?.severity).toBe('ok');
		expect(topic(audio!.items, 'rtcp-mux')[0]?.severity).toBe('ok');
	});

	it('accepts parsed descriptions as well as text', () => {
		expect(diffOfferAnswer(parseSdp(dcOffer), parseSdp(dcAnswer))).toEqual(
			diffOfferAnswer(dcOffer, dcAnswer)
		);
	});
});

describe('offer ↔ answer edge cases', () => {
	it('a rejected m-line (port 0) is reported as rejected, with nothing else checked', () => {
		const answer = edit(avAnswer, 'm=video 9 ', 'm=video 0 ');
		const video = diffOfferAnswer(avOffer, answer).sections[1]!;
		expect(video.status).toBe('rejected');
		expect(video.items.map((i) => [i.topic, i.severity])).toEqual([['rejected', 'info']]);
		expect(video.items[0]?.rule).toContain('RFC 3264 §6');
	});

	it('bundle-only with port 0 in an answer is bundled, not rejected', () => {
		const answer = edit(avAnswer, 'm=video 9 ', 'm=video 0 ').replace(
			'a=mid:1\r\n',
			'a=mid:1\r\na=bundle-only\r\n'
		);
		expect(diffOfferAnswer(avOffer, answer).sections[1]?.status).toBe('accepted');
	});

	it('direction mismatch: sendonly answered with sendonly is invalid', () => {
		const offer = edit(avOffer, /a=sendrecv/, 'a=sendonly');
		const answer = edit(avAnswer, /a=recvonly/, 'a=sendonly');
		const audio = diffOfferAnswer(offer, answer).sections[0]!;
		expect(audio.direction).toMatchObject({ valid: false, allowed: ['recvonly', 'inactive'] });
		const item = topic(audio.items, 'direction')[0];
		expect(item?.severity).toBe('error');
		expect(item?.rule).toContain('RFC 3264 §6.1');
	});

	it('direction table of RFC 3264 §6.1', () => {
		expect(resolveDirection('sendonly', 'recvonly').valid).toBe(true);
		expect(resolveDirection('recvonly', 'sendonly').valid).toBe(true);
		expect(resolveDirection('inactive', 'sendrecv').valid).toBe(false);
		expect(resolveDirection('sendrecv', 'inactive')).toMatchObject({
			valid: true,
			offererSends: false,
			answererSends: false
		});
	});

	it('payload type remapping: opus offered as 111, answered as 109', () => {
		const answer = avAnswer
			.replace('m=audio 9 UDP/TLS/RTP/SAVPF 111 ', 'm=audio 9 UDP/TLS/RTP/SAVPF 109 ')
			.replace('a=rtpmap:111 opus', 'a=rtpmap:109 opus')
			.replace('a=rtcp-fb:111 ', 'a=rtcp-fb:109 ')
			.replace('a=fmtp:111 ', 'a=fmtp:109 ');
		const audio = diffOfferAnswer(avOffer, answer).sections[0]!;
		const opus = audio.codecs.find((c) => c.name === 'opus');
		expect(opus).toMatchObject({
			status: 'remapped',
			offered: { payloadType: 111 },
			answered: { payloadType: 109 }
		});
		const warning = audio.items.find((i) => i.topic === 'codecs' && i.severity === 'warning');
		expect(warning?.text.en).toMatch(/offered as payload type 111 but answered as 109/);
	});

	it('a payload type that means another codec in the answer is a conflict', () => {
		const answer = avAnswer.replace('a=rtpmap:111 opus/48000/2', 'a=rtpmap:111 ISAC/16000');
		const audio = diffOfferAnswer(avOffer, answer).sections[0]!;
		expect(audio.codecs[0]).toMatchObject({ status: 'conflict', name: 'ISAC' });
		expect(audio.items.some((i) => i.severity === 'error' && i.topic === 'codecs')).toBe(true);
	});

	it('fmtp differences are explained; H.264 packetization-mode mismatch is an error', () => {
		const answer = edit(
			avAnswer,
			'a=fmtp:111 minptime=10;useinbandfec=1',
			'a=fmtp:111 minptime=10'
		);
		const audio = diffOfferAnswer(avOffer, answer).sections[0]!;
		expect(audio.codecs.find((c) => c.name === 'opus')?.fmtpDiffers).toBe(true);
		expect(
			audio.items.some((i) => i.severity === 'info' && /format parameters differ/.test(i.text.en))
		).toBe(true);

		const h264 = avAnswer.match(
			/a=fmtp:(\d+) (level-asymmetry-allowed=1;packetization-mode=1;[^\r\n]*)/
		);
		expect(h264).not.toBeNull();
		const broken = avAnswer.replace(
			h264![0],
			`a=fmtp:${h264![1]} ${h264![2]!.replace('packetization-mode=1', 'packetization-mode=0')}`
		);
		const video = diffOfferAnswer(avOffer, broken).sections[1]!;
		expect(
			video.items.some((i) => i.severity === 'error' && /packetization-mode/.test(i.text.en))
		).toBe(true);
	});

	it('BUNDLE not accepted is a warning; an answer growing the group is an error', () => {
		const noBundle = edit(avAnswer, 'a=group:BUNDLE 0 1 2\r\n', '');
		const items = topic(diffOfferAnswer(avOffer, noBundle).session, 'bundle');
		expect(items.map((i) => i.severity)).toEqual(['warning']);
		expect(items[0]?.rule).toContain('RFC 9143');

		const partial = edit(avAnswer, 'a=group:BUNDLE 0 1 2', 'a=group:BUNDLE 0 2');
		const partialItem = topic(diffOfferAnswer(avOffer, partial).session, 'bundle')[0];
		expect(partialItem?.severity).toBe('info');
		expect(partialItem?.text.en).toMatch(/Left out: 1/);

		const offer = edit(avOffer, 'a=group:BUNDLE 0 1 2', 'a=group:BUNDLE 0 1');
		const grown = topic(diffOfferAnswer(offer, avAnswer).session, 'bundle')[0];
		expect(grown?.severity).toBe('error');
	});

	it('DTLS roles: actpass in an answer, passive answers, impossible pairs', () => {
		const actpass = diffOfferAnswer(dcOffer, dcAnswer.replace('a=setup:active', 'a=setup:actpass'));
		expect(topic(actpass.sections[0]!.items, 'dtls-role')[0]?.severity).toBe('error');
		const passive = diffOfferAnswer(dcOffer, dcAnswer.replace('a=setup:active', 'a=setup:passive'));
		expect(passive.sections[0]?.dtlsClient).toBe('offerer');
		const both = diffOfferAnswer(dcOffer.replace('a=setup:actpass', 'a=setup:active'), dcAnswer);
		expect(both.sections[0]?.dtlsClient).toBeUndefined();
		expect(topic(both.sections[0]!.items, 'dtls-role')[0]?.severity).toBe('error');
	});

	it('rtcp-mux refused, header extension id changed, extension not offered', () => {
		let answer = edit(avAnswer, /a=rtcp-mux\r\n/, '');
		answer = edit(
			answer,
			'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level',
			'a=extmap:9 urn:ietf:params:rtp-hdrext:ssrc-audio-level'
		);
		answer = edit(
			answer,
			'a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid\r\n',
			'a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid\r\na=extmap:12 urn:example:not-offered\r\n'
		);
		const audio = diffOfferAnswer(avOffer, answer).sections[0]!;
		expect(topic(audio.items, 'rtcp-mux')[0]?.severity).toBe('warning');
		const ext = topic(audio.items, 'header-extensions');
		expect(ext.map((i) => i.severity)).toEqual(['warning', 'error', 'ok']);
	});

	it('section count and mid mismatches; the same SDP pasted twice', () => {
		const diff = diffOfferAnswer(avOffer, dcAnswer);
		expect(topic(diff.session, 'sections')[0]?.severity).toBe('error');
		expect(diff.sections[1]?.status).toBe('missing');
		const twice = diffOfferAnswer(dcOffer, dcOffer);
		expect(topic(twice.session, 'ice').some((i) => i.severity === 'warning')).toBe(true);
		expect(topic(twice.session, 'fingerprint')[0]?.severity).toBe('warning');
	});

	it('ICE-lite answerer: the offerer controls', () => {
		const lite = diffOfferAnswer(
			dcOffer,
			dcAnswer.replace('a=group:BUNDLE', 'a=ice-lite\r\na=group:BUNDLE')
		);
		expect(topic(lite.session, 'ice')[0]?.text.en).toMatch(/answerer is ICE-lite/);
	});

	it('simulcast offered but not accepted', () => {
		const offer = fixture('chrome-simulcast-offer');
		const answer = offer
			.replace(/a=setup:actpass/g, 'a=setup:active')
			.replace(/a=sendonly/, 'a=recvonly')
			.replace(/a=rid:[^\r\n]*\r\n/g, '')
			.replace(/a=simulcast:[^\r\n]*\r\n/, '');
		const section = diffOfferAnswer(offer, answer).sections[0]!;
		expect(topic(section.items, 'simulcast')[0]?.severity).toBe('warning');
		const accepted = offer
			.replace(/a=setup:actpass/g, 'a=setup:active')
			.replace(/a=sendonly/, 'a=recvonly')
			.replace(/a=rid:(\w) send/g, 'a=rid:$1 recv')
			.replace('a=simulcast:send q;h;f', 'a=simulcast:recv q;h;f');
		const ok = topic(diffOfferAnswer(offer, accepted).sections[0]!.items, 'simulcast')[0];
		expect(ok?.severity).toBe('ok');
	});

	it('garbage on either side never throws', () => {
		for (const [o, a] of [
			['', ''],
			['v=0', 'hello'],
			[avOffer, '\u0000\u0001'],
			['m=audio 0 RTP/AVP', avAnswer]
		] as const) {
			expect(() => diffOfferAnswer(o, a)).not.toThrow();
			expect(() => diffDescriptions(o, a)).not.toThrow();
		}
	});
});

describe('size', () => {
	// Speed is measured by scripts/bench-sdp.js (npm run bench), not timed here.
	it('diffs 1 MB descriptions completely', () => {
		const big = avOffer.repeat(Math.ceil(1_000_000 / avOffer.length));
		const other = big
			.replace(/a=ice-ufrag:\S+/g, 'a=ice-ufrag:new1')
			.replace(/a=sendrecv/g, 'a=recvonly');
		const answer = diffOfferAnswer(big, other);
		const versions = diffDescriptions(big, other);
		expect(answer.sections.length).toBe(parseSdp(big).media.length);
		expect(versions.iceRestart.length).toBeGreaterThan(0);
	});
});

describe('description versions', () => {
	it('ICE restart: same session, version 2 → 3, new ufrag and pwd, nothing else', () => {
		const diff = diffDescriptions(dcOffer, fixture('chrome-ice-restart-offer'));
		expect(diff).toMatchObject({
			sameSession: true,
			versionBefore: '2',
			versionAfter: '3',
			versionChange: 'increased',
			iceRestart: ['0'],
			dtlsChange: false,
			identical: false
		});
		const changes = diff.sections.flatMap((s) => s.changes);
		expect(changes.map((c) => [c.kind, c.key])).toEqual([
			['changed', 'o'],
			['changed', 'a=ice-ufrag'],
			['changed', 'a=ice-pwd']
		]);
		expect(diff.items.some((i) => i.topic === 'ice' && /ICE restart/.test(i.text.en))).toBe(true);
	});

	it('identical descriptions', () => {
		const diff = diffDescriptions(avOffer, avOffer);
		expect(diff.identical).toBe(true);
		expect(diff.iceRestart).toEqual([]);
		expect(diff.items.map((i) => i.severity)).toEqual(['ok']);
	});

	it('changed content without a higher version is an error; direction and stop are explained', () => {
		const after = avOffer.replace(/a=sendrecv/, 'a=inactive').replace('m=video 9 ', 'm=video 0 ');
		const diff = diffDescriptions(avOffer, after);
		expect(diff.versionChange).toBe('same');
		expect(diff.items[0]?.severity).toBe('error');
		expect(
			diff.items.some((i) => i.topic === 'direction' && /sendrecv → inactive/.test(i.text.en))
		).toBe(true);
		expect(diff.items.some((i) => i.topic === 'rejected')).toBe(true);
		const audio = diff.sections.find((s) => s.index === 0);
		expect(audio?.changes).toEqual([
			expect.objectContaining({
				kind: 'changed',
				key: 'direction',
				before: 'a=sendrecv',
				after: 'a=inactive'
			})
		]);
	});

	it('sections added and removed; different sessions', () => {
		const added = diffDescriptions(dcOffer, avOffer);
		expect(added.sameSession).toBe(false);
		expect(added.items[0]?.topic).toBe('version');
		const removed = diffDescriptions(avOffer, avOffer.slice(0, avOffer.indexOf('m=application')));
		expect(removed.sections.at(-1)?.status).toBe('removed');
		expect(removed.items.some((i) => i.topic === 'sections' && i.severity === 'error')).toBe(true);
	});
});

describe('every finding cites its JSEP rule (RFC 9429)', () => {
	// Every pair of fixtures, both ways and in both diffs: whatever the finding, its rule names
	// the RFC 9429 section (RFC 8829 may appear only as "formerly").
	const names = fixtureNames;
	it.each(names)('%s against every fixture', (a) => {
		for (const b of names) {
			const pair = diffOfferAnswer(fixture(a), fixture(b));
			const versions = diffDescriptions(fixture(a), fixture(b));
			const items = [...pair.session, ...pair.sections.flatMap((s) => s.items), ...versions.items];
			for (const item of items)
				expect(item.rule, `${item.topic}: ${item.text.en}`).toMatch(/RFC 9429 §/);
		}
	});
});
