// Lint for SDPs that parse line by line but would still be refused or misread: the checks that
// need the whole description (a payload type on the m= line and its a=rtpmap further down, the
// mids of all sections, the transport attributes a DTLS section cannot do without).
//
// Knowledge as data: `lintRules` is one record per rule — code, level, the reference and the
// message in English and Simplified Chinese. The checks below only find where a rule applies;
// they never throw (any ParsedSdp, even a half-empty one, gives a list, possibly empty).
//
// parseSdp calls `lintSdp` at its end, so these problems sit in `ParsedSdp.problems` beside the
// line-level ones and point at the line to look at.
import { localized as t, type Localized } from '../locale';
import { sdpAttributes } from './attributes';
import type { ParsedSdp, SdpLine, SdpMedia, SdpProblem } from './sdp';

export type SdpLintLevel = 'error' | 'warning' | 'info';

export type SdpLintCode =
	| 'pt-without-rtpmap'
	| 'attribute-for-unlisted-pt'
	| 'duplicate-mid'
	| 'missing-ice-ufrag'
	| 'missing-ice-pwd'
	| 'missing-fingerprint'
	| 'missing-setup'
	| 'missing-mid'
	| 'several-directions'
	| 'looks-truncated';

export interface SdpLintRule {
	code: SdpLintCode;
	level: SdpLintLevel;
	/** Where the rule is written down (the RFC or JSEP section). */
	ref: string;
	/** The message for one finding; `arg` names what was found (a payload type, a mid …). */
	text: (arg: string) => Localized;
}

/** A lint finding: an SdpProblem plus the rule's level and reference. */
export type SdpLintProblem = SdpProblem & { level: SdpLintLevel; ref: string };

// "a=ice-ufrag" is missing … : one message shape for the transport attributes a DTLS-SRTP or
// DTLS/SCTP section needs (Chrome's setRemoteDescription refuses the description without them).
const missing = (attribute: string, why: Localized) => (section: string) =>
	t(
		`Section ${section} uses DTLS but has no a=${attribute}, neither in the section nor at session level: ${why.en}`,
		`第 ${section} 个媒体段使用 DTLS，但无论在该段还是会话级都没有 a=${attribute}：${why['zh-CN']}`
	);

// prettier-ignore
export const lintRules: SdpLintRule[] = [
	// m=audio 9 UDP/TLS/RTP/SAVPF 111 63   …with no a=rtpmap:63
	{
		code: 'pt-without-rtpmap',
		level: 'warning',
		ref: 'RFC 8866 §6.6; RFC 3551 §6',
		text: (pt) => t(
			`Payload type ${pt} on the m= line is not a static one (0–34), but the section has no a=rtpmap:${pt}: nobody can tell which codec it is.`,
			`m= 行上的负载类型 ${pt} 不是静态类型（0–34），但该媒体段没有 a=rtpmap:${pt}：无法知道它代表哪个编解码器。`
		)
	},
	// a=fmtp:120 … in a section whose m= line lists 111 63 only
	{
		code: 'attribute-for-unlisted-pt',
		level: 'warning',
		ref: 'RFC 8866 §6.6, §6.15; RFC 4585 §4.2',
		text: (pt) => t(
			`This line describes payload type ${pt}, which is not on the section's m= line: it has no effect.`,
			`这一行描述的负载类型 ${pt} 不在本媒体段的 m= 行上：它不起任何作用。`
		)
	},
	// a=mid:0 in two sections
	{
		code: 'duplicate-mid',
		level: 'error',
		ref: 'RFC 5888 §4; RFC 9429 §5.8',
		text: (mid) => t(
			`mid "${mid}" is already used by an earlier section; each m-section needs its own mid.`,
			`mid "${mid}" 已被前面的媒体段使用；每个媒体段的 mid 必须唯一。`
		)
	},
	{
		code: 'missing-ice-ufrag',
		level: 'error',
		ref: 'RFC 8839 §5.4; RFC 9429 §5.8',
		text: missing('ice-ufrag', t(
			'ICE needs the username fragment to check connectivity.',
			'ICE 需要用户名片段来做连通性检查。'
		))
	},
	{
		code: 'missing-ice-pwd',
		level: 'error',
		ref: 'RFC 8839 §5.4; RFC 9429 §5.8',
		text: missing('ice-pwd', t(
			'ICE needs the password to sign its connectivity checks.',
			'ICE 需要密码来签名连通性检查。'
		))
	},
	{
		code: 'missing-fingerprint',
		level: 'error',
		ref: 'RFC 8122 §5; RFC 9429 §5.8',
		text: missing('fingerprint', t(
			"the DTLS handshake could not check the peer's certificate.",
			'DTLS 握手将无法验证对方的证书。'
		))
	},
	{
		code: 'missing-setup',
		level: 'error',
		ref: 'RFC 8842 §5; RFC 9429 §5.8',
		text: missing('setup', t(
			'nothing says which side is the DTLS client.',
			'无法确定哪一方是 DTLS 客户端。'
		))
	},
	// JSEP puts a=mid in every m-section; BUNDLE and transceivers are matched by it.
	{
		code: 'missing-mid',
		level: 'error',
		ref: 'RFC 9429 §5.2.1, §5.8; RFC 5888 §4',
		text: (section) => t(
			`Section ${section} has no a=mid; WebRTC matches sections to transceivers and BUNDLE groups by mid.`,
			`第 ${section} 个媒体段没有 a=mid；WebRTC 依靠 mid 把媒体段对应到收发器和 BUNDLE 组。`
		)
	},
	// a=sendrecv … a=recvonly in one section
	{
		code: 'several-directions',
		level: 'warning',
		ref: 'RFC 8866 §6.7; RFC 3264 §5.1',
		text: (first) => t(
			`A second direction attribute; a=${first} came first. At most one of sendrecv, sendonly, recvonly, inactive is allowed per level.`,
			`出现了第二个方向属性；前面已有 a=${first}。同一级别最多只能有一个 sendrecv、sendonly、recvonly 或 inactive。`
		)
	},
	{
		code: 'looks-truncated',
		level: 'warning',
		ref: 'RFC 8866 §5',
		text: (lines) => t(
			`The SDP seems to end early: the last section (lines ${lines}) is incomplete. Was the text cut off when it was copied?`,
			`这份 SDP 似乎提前结束了：最后一个部分（第 ${lines} 行）不完整。复制时是不是被截断了？`
		)
	}
];

const ruleByCode = new Map(lintRules.map((rule) => [rule.code, rule]));
const knownKeys = sdpAttributes.map((info) => info.key).filter((key) => key.startsWith('a='));

// Transports whose sections need ICE credentials, a fingerprint and a DTLS role (JSEP §5.1.2:
// UDP/TLS/RTP/SAVPF, TCP/DTLS/RTP/SAVPF; RFC 8841: UDP/DTLS/SCTP, TCP/DTLS/SCTP and the legacy
// DTLS/SCTP).
const isDtls = (protocol: string) => /(^|\/)(TLS|DTLS)\//.test(protocol);
const isRtp = (protocol: string) => protocol.includes('RTP');
const directions = new Set(['a=sendrecv', 'a=sendonly', 'a=recvonly', 'a=inactive']);
const payloadAttributes = new Set(['a=rtpmap', 'a=fmtp', 'a=rtcp-fb']);
// Payload types 0–34 have fixed meanings (RFC 3551 §6); everything else needs an a=rtpmap.
const isStatic = (pt: number) => pt >= 0 && pt <= 34;

interface Finding {
	code: SdpLintCode;
	arg: string;
	line?: number;
}

interface SectionLines {
	media: SdpMedia;
	lines: SdpLine[];
}

/** The lines of each m-section, by one walk over all lines. */
function sectionLines(parsed: ParsedSdp): SectionLines[] {
	const out: SectionLines[] = parsed.media.map((media) => ({ media, lines: [] }));
	for (const line of parsed.lines) {
		if (line.mediaIndex !== undefined) out[line.mediaIndex]?.lines.push(line);
	}
	return out;
}

/** `a=rtpmap:111 opus/48000/2` → "111"; `a=rtcp-fb:* nack` → undefined. */
const payloadOf = (line: SdpLine) => /^a=[a-z-]+:(\d+)(\s|$)/.exec(line.text)?.[1];

function checkPayloadTypes(section: SectionLines, findings: Finding[]) {
	const { media, lines } = section;
	if (media.rejected || !isRtp(media.protocol)) return;
	const listed = new Set(media.formats);
	const mapped = new Set<string>();
	for (const line of lines) {
		if (!payloadAttributes.has(line.key)) continue;
		const pt = payloadOf(line);
		if (pt === undefined) continue;
		if (line.key === 'a=rtpmap') mapped.add(pt);
		if (!listed.has(pt))
			findings.push({ code: 'attribute-for-unlisted-pt', arg: pt, line: line.number });
	}
	for (const format of media.formats) {
		if (/^\d+$/.test(format) && !isStatic(Number(format)) && !mapped.has(format)) {
			findings.push({ code: 'pt-without-rtpmap', arg: format, line: media.firstLine });
		}
	}
}

function checkDirections(lines: SdpLine[], findings: Finding[]) {
	let first: SdpLine | undefined;
	for (const line of lines) {
		if (!directions.has(line.key)) continue;
		if (!first) first = line;
		else findings.push({ code: 'several-directions', arg: first.key.slice(2), line: line.number });
	}
}

// The attributes a DTLS section must have, each with where a value is found (the section's own
// value already falls back to the session's in ParsedSdp).
const transportNeeds: { code: SdpLintCode; has: (m: SdpMedia) => boolean }[] = [
	{ code: 'missing-ice-ufrag', has: (m) => m.iceUfrag !== undefined },
	{ code: 'missing-ice-pwd', has: (m) => m.icePwd !== undefined },
	{ code: 'missing-fingerprint', has: (m) => m.fingerprint !== undefined },
	{ code: 'missing-setup', has: (m) => m.setup !== undefined }
];

function checkTransport(parsed: ParsedSdp, findings: Finding[]) {
	const byMid = new Map<string, SdpMedia>();
	for (const media of parsed.media) {
		if (media.mid !== undefined && !byMid.has(media.mid)) byMid.set(media.mid, media);
	}
	for (const media of parsed.media) {
		// Port 0: rejected, stopped or bundle-only; such sections carry no transport of their own.
		if (media.rejected || !isDtls(media.protocol)) continue;
		const name = String(media.index);
		if (media.mid === undefined) {
			findings.push({ code: 'missing-mid', arg: name, line: media.firstLine });
		}
		// A bundled section may rely on the BUNDLE group's tagged (first) section (RFC 9143 §7).
		const group =
			media.mid === undefined
				? undefined
				: parsed.session.bundle.find((mids) => mids.includes(media.mid ?? ''));
		const tagged = group?.[0] === undefined ? undefined : byMid.get(group[0]);
		for (const need of transportNeeds) {
			if (need.has(media) || (tagged && need.has(tagged))) continue;
			findings.push({ code: need.code, arg: name, line: media.firstLine });
		}
	}
}

function checkMids(sections: SectionLines[], findings: Finding[]) {
	const seen = new Set<string>();
	for (const { lines } of sections) {
		for (const line of lines) {
			if (line.key !== 'a=mid') continue;
			const mid = line.text.slice('a=mid:'.length).trim();
			if (seen.has(mid)) findings.push({ code: 'duplicate-mid', arg: mid, line: line.number });
			seen.add(mid);
		}
	}
}

// Cut-off input, judged on the last section only:
//  - the last line is broken (not an SDP line, a bad value, or the start of a known attribute
//    name such as `a=rtpm`);
//  - the m= line's payload types that lack an a=rtpmap are its last ones (browsers write the
//    a=rtpmap lines in m= order, so a cut leaves a tail without them);
//  - the section misses a transport attribute that an earlier section of the same kind had.
function checkTruncated(parsed: ParsedSdp, sections: SectionLines[], findings: Finding[]) {
	const lastLine = parsed.lines[parsed.lines.length - 1];
	const last = sections[sections.length - 1];
	if (!lastLine || !last || lastLine.text === '') return;
	const lastCodes = new Set(
		parsed.problems.filter((p) => p.line === lastLine.number).map((p) => String(p.code))
	);
	const brokenLastLine =
		lastCodes.has('malformed-line') ||
		lastCodes.has('bad-value') ||
		(!lastLine.known &&
			lastLine.key.length > 2 &&
			knownKeys.some((key) => key !== lastLine.key && key.startsWith(lastLine.key)));

	const inSection = (f: Finding, s: SectionLines) =>
		f.line !== undefined && f.line >= s.media.firstLine && f.line <= s.media.lastLine;
	const unmapped = new Set(
		findings.filter((f) => f.code === 'pt-without-rtpmap' && inSection(f, last)).map((f) => f.arg)
	);
	const dynamic = last.media.formats.filter((f) => /^\d+$/.test(f) && !isStatic(Number(f)));
	const firstUnmapped = dynamic.findIndex((f) => unmapped.has(f));
	const cutCodecs =
		firstUnmapped !== -1 && dynamic.slice(firstUnmapped).every((f) => unmapped.has(f));

	const missingIn = (s: SectionLines) =>
		new Set(
			findings.filter((f) => f.code.startsWith('missing-') && inSection(f, s)).map((f) => f.code)
		);
	const lastMissing = missingIn(last);
	const cutTransport =
		lastMissing.size > 0 &&
		sections.slice(0, -1).some((s) => {
			if (s.media.rejected || s.media.protocol !== last.media.protocol) return false;
			const earlier = missingIn(s);
			return [...lastMissing].some((code) => !earlier.has(code));
		});

	if (brokenLastLine || cutCodecs || cutTransport) {
		findings.push({
			code: 'looks-truncated',
			arg: `${last.media.firstLine}–${last.media.lastLine}`,
			line: lastLine.number
		});
	}
}

/**
 * Whole-description checks; returns the problems in reading order. Total: never throws, and
 * gives `[]` rather than guessing when the description is too broken to judge.
 */
export function lintSdp(parsed: ParsedSdp): SdpProblem[] {
	try {
		if (!parsed || !Array.isArray(parsed.lines) || !Array.isArray(parsed.media)) return [];
		const sections = sectionLines(parsed);
		const findings: Finding[] = [];
		checkMids(sections, findings);
		for (const section of sections) {
			checkPayloadTypes(section, findings);
			checkDirections(section.lines, findings);
		}
		checkDirections(
			parsed.lines.filter((line) => line.mediaIndex === undefined),
			findings
		);
		checkTransport(parsed, findings);
		checkTruncated(parsed, sections, findings);
		const problems: SdpLintProblem[] = [];
		for (const finding of findings) {
			const rule = ruleByCode.get(finding.code);
			if (!rule) continue;
			const base = rule.text(finding.arg);
			const text = t(`${base.en} (${rule.ref})`, `${base['zh-CN']}（${rule.ref}）`);
			problems.push({
				line: finding.line,
				code: finding.code,
				message: text.en,
				text,
				level: rule.level,
				ref: rule.ref
			});
		}
		return problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
	} catch {
		return [];
	}
}
