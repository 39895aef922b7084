// Two comparisons of session descriptions, both pure and both total (any input, no exception):
//
// 1. `diffOfferAnswer(offer, answer)`: the answer explained against the offer, per m-section —
//    accepted or rejected, direction resolution, codecs (payload types and fmtp), DTLS roles,
//    BUNDLE, rtcp-mux, header extensions, simulcast, data channel parameters. Every finding
//    cites the rule behind it: JSEP (RFC 9429, which obsoletes RFC 8829 and keeps its section
//    numbers for these rules), the offer/answer model (RFC 3264) and the attribute's own RFC.
//
// 2. `diffDescriptions(before, after)`: two versions of the same side (renegotiation): o= version,
//    lines added/removed/changed per section, ICE restart (new ice-ufrag/ice-pwd), new DTLS
//    certificate, sections added, stopped or recycled.
//
// Both take SDP text or an already parsed description, so a caller that shows the annotated
// view too parses once.
import { localized as t, type Localized } from '../locale';
import { parseSdp, type ParsedSdp, type SdpCodec, type SdpDirection, type SdpMedia } from './sdp';

export type DiffSeverity = 'ok' | 'info' | 'warning' | 'error';

export type DiffTopic =
	| 'sections'
	| 'section'
	| 'rejected'
	| 'direction'
	| 'codecs'
	| 'dtls-role'
	| 'fingerprint'
	| 'bundle'
	| 'ice'
	| 'rtcp-mux'
	| 'header-extensions'
	| 'simulcast'
	| 'data-channel'
	| 'version';

export interface SdpDiffItem {
	topic: DiffTopic;
	severity: DiffSeverity;
	text: Localized;
	/** The rule behind it, e.g. `RFC 9429 §5.3.1; RFC 3264 §6.1`. */
	rule: string;
	/** The values compared, as SDP text (shown verbatim): offer / before … */
	left?: string;
	/** … answer / after. */
	right?: string;
}

export type CodecStatus =
	/** Offered and answered with the same payload type (fmtp may still differ: see `fmtpDiffers`). */
	| 'accepted'
	/** Offered, not in the answer. */
	| 'not-accepted'
	/** In the answer under another payload type than the offer's. */
	| 'remapped'
	/** The answer's payload type was offered for another codec. */
	| 'conflict'
	/** In the answer but never offered. */
	| 'not-offered';

export interface CodecNegotiation {
	status: CodecStatus;
	name: string;
	offered?: SdpCodec;
	answered?: SdpCodec;
	fmtpDiffers: boolean;
}

export interface DirectionResolution {
	offer: SdpDirection;
	answer: SdpDirection;
	/** The answers RFC 3264 §6.1 allows for this offer. */
	allowed: SdpDirection[];
	valid: boolean;
	/** Media flows offerer → answerer / answerer → offerer. */
	offererSends: boolean;
	answererSends: boolean;
}

export interface SectionNegotiation {
	index: number;
	mid?: string;
	kind: string;
	/** Line of the m= line in each description. */
	offerLine: number;
	answerLine?: number;
	status: 'accepted' | 'rejected' | 'not-offered' | 'missing';
	direction?: DirectionResolution;
	/** Who is the DTLS client (sends the ClientHello), when the roles resolve. */
	dtlsClient?: 'offerer' | 'answerer';
	codecs: CodecNegotiation[];
	items: SdpDiffItem[];
}

export interface OfferAnswerDiff {
	session: SdpDiffItem[];
	sections: SectionNegotiation[];
	counts: Record<DiffSeverity, number>;
}

// Rules cited. Every rule includes its JSEP section: RFC 9429 (formerly RFC 8829, whose section
// numbers it keeps for these rules), beside the offer/answer model and the attribute's own RFC.
// diff.test.ts holds every finding to that.
const RULE = {
	answerSections: 'RFC 3264 §6; RFC 9429 §5.3.1',
	reject: 'RFC 3264 §6; RFC 9429 §5.3.1',
	direction: 'RFC 3264 §6.1; RFC 9429 §5.3.1 (answer direction = offered ∩ transceiver.direction)',
	currentDirection: 'RFC 9429 §4.2.5',
	codecs: 'RFC 3264 §6.1; RFC 9429 §5.3.1',
	fmtp: 'RFC 9429 §5.3.1; RFC 3264 §6.1; RFC 6184 §8.2.2 (H.264); RFC 4588 §8.1 (rtx apt)',
	setup: 'RFC 8842 §5; RFC 5763 §5; RFC 9429 §5.2.1, §5.3.1',
	fingerprint: 'RFC 9429 §5.2.1, §5.3.1; RFC 8122 §5; RFC 5763 §5',
	bundle: 'RFC 9143 §7.3; RFC 9429 §5.3.1',
	iceRole: 'RFC 9429 §5.2.1, §5.3.1; RFC 8445 §6.1.1; RFC 8839 §5.3',
	rtcpMux: 'RFC 5761 §5.1.1; RFC 8858 §4; RFC 9429 §5.3.1',
	extmap: 'RFC 8285 §6; RFC 9429 §5.3.1',
	simulcast: 'RFC 9429 §5.3.1, §5.10; RFC 8853 §5.3; RFC 8851 §4',
	sctp: 'RFC 8841 §5, §6; RFC 9429 §5.3.1',
	munging: 'RFC 9429 §5.4',
	version: 'RFC 8866 §5.2; RFC 9429 §5.2.2',
	iceRestart:
		'RFC 9429 §4.1.10, §5.2.1; RFC 8445 §9; RFC 8839 §4.4.1.1.1; RTCPeerConnection.restartIce()',
	sameIceCredentials: 'RFC 9429 §5.2.1; RFC 8839 §5.4',
	recycle: 'RFC 9429 §5.2.2',
	stop: 'RFC 9429 §5.2.2; RTCRtpTransceiver.stop()'
} as const;

const asParsed = (value: string | ParsedSdp): ParsedSdp =>
	typeof value === 'string' || value === null || typeof value !== 'object'
		? parseSdp(typeof value === 'string' ? value : '')
		: value;

function count(items: SdpDiffItem[], counts: Record<DiffSeverity, number>) {
	for (const item of items) counts[item.severity]++;
}

const isRtp = (m: SdpMedia) => m.protocol.includes('RTP');
const isSctp = (m: SdpMedia) => m.protocol.includes('SCTP');

/** Whether m-section `index` has a line with this key (scans only that section's lines). */
function sectionHas(parsed: ParsedSdp, index: number, key: string): boolean {
	const m = parsed.media[index];
	if (!m) return false;
	// Line numbers may start above 1 (numbered as in the pasted input, see normalise.ts).
	const base = parsed.lines[0]?.number ?? 1;
	for (let n = m.firstLine; n <= m.lastLine; n++) {
		if (parsed.lines[n - base]?.key === key) return true;
	}
	return false;
}

/** a=bundle-only (RFC 9143 §6): port 0 then does not mean rejected. */
const bundleOnly = (parsed: ParsedSdp, index: number) => sectionHas(parsed, index, 'a=bundle-only');

function bundleGroupOf(parsed: ParsedSdp, mid: string | undefined): string[] | undefined {
	if (mid === undefined) return undefined;
	return parsed.session.bundle.find((group) => group.includes(mid));
}

// ---------------------------------------------------------------------------------------------
// Direction (RFC 3264 §6.1)
// ---------------------------------------------------------------------------------------------

const allowedAnswers: Record<SdpDirection, SdpDirection[]> = {
	sendrecv: ['sendrecv', 'sendonly', 'recvonly', 'inactive'],
	sendonly: ['recvonly', 'inactive'],
	recvonly: ['sendonly', 'inactive'],
	inactive: ['inactive']
};

const reverse: Record<SdpDirection, SdpDirection> = {
	sendrecv: 'sendrecv',
	sendonly: 'recvonly',
	recvonly: 'sendonly',
	inactive: 'inactive'
};

export function resolveDirection(offer: SdpDirection, answer: SdpDirection): DirectionResolution {
	const allowed = allowedAnswers[offer] ?? [];
	return {
		offer,
		answer,
		allowed,
		valid: allowed.includes(answer),
		offererSends: answer === 'recvonly' || answer === 'sendrecv',
		answererSends: answer === 'sendonly' || answer === 'sendrecv'
	};
}

function directionItem(d: DirectionResolution): SdpDiffItem {
	if (!d.valid) {
		return {
			topic: 'direction',
			severity: 'error',
			left: `a=${d.offer}`,
			right: `a=${d.answer}`,
			rule: RULE.direction,
			text: t(
				`Invalid answer: to an offered ${d.offer} the answer may only say ${d.allowed.join(' or ')}.`,
				`无效的应答：对于 offer 中的 ${d.offer}，应答只能是 ${d.allowed.join(' 或 ')}。`
			)
		};
	}
	const flow =
		d.offererSends && d.answererSends
			? t('media flows both ways', '媒体双向传输')
			: d.offererSends
				? t('media flows only offerer → answerer', '媒体只从提议方流向应答方')
				: d.answererSends
					? t('media flows only answerer → offerer', '媒体只从应答方流向提议方')
					: t('no media flows (inactive)', '没有媒体传输（inactive）');
	return {
		topic: 'direction',
		severity: 'ok',
		left: `a=${d.offer}`,
		right: `a=${d.answer}`,
		rule: `${RULE.direction}; ${RULE.currentDirection}`,
		text: t(
			`Offer ${d.offer}, answer ${d.answer}: ${flow.en}. The answerer's transceiver.direction decides the answer within what the offer allows; afterwards currentDirection is ${d.answer} for the answerer and ${reverse[d.answer]} for the offerer.`,
			`offer 为 ${d.offer}，应答为 ${d.answer}：${flow['zh-CN']}。在 offer 允许的范围内，由应答方的 transceiver.direction 决定应答方向；之后应答方的 currentDirection 为 ${d.answer}，提议方为 ${reverse[d.answer]}。`
		)
	};
}

// ---------------------------------------------------------------------------------------------
// Codecs
// ---------------------------------------------------------------------------------------------

const sameCodec = (a: SdpCodec, b: SdpCodec) =>
	a.name.toLowerCase() === b.name.toLowerCase() &&
	(a.clockRate === undefined || b.clockRate === undefined || a.clockRate === b.clockRate);

const codecText = (c: SdpCodec) =>
	`${c.payloadType} ${[c.name || '?', c.clockRate, c.channels].filter((p) => p !== undefined).join('/')}`;

function fmtpParams(fmtp: string | undefined): Map<string, string> {
	const params = new Map<string, string>();
	for (const part of (fmtp ?? '').split(';')) {
		const trimmed = part.trim();
		if (!trimmed) continue;
		const eq = trimmed.indexOf('=');
		if (eq === -1) params.set(trimmed.toLowerCase(), '');
		else params.set(trimmed.slice(0, eq).trim().toLowerCase(), trimmed.slice(eq + 1).trim());
	}
	return params;
}

function negotiateCodecs(offer: SdpMedia, answer: SdpMedia): CodecNegotiation[] {
	const out: CodecNegotiation[] = [];
	const offeredByPt = new Map(offer.codecs.map((c) => [c.payloadType, c]));
	const answeredPts = new Set<number>();
	for (const answered of answer.codecs) {
		answeredPts.add(answered.payloadType);
		const offered = offeredByPt.get(answered.payloadType);
		if (offered && sameCodec(offered, answered)) {
			out.push({
				status: 'accepted',
				name: answered.name || offered.name,
				offered,
				answered,
				fmtpDiffers: (offered.fmtp ?? '') !== (answered.fmtp ?? '')
			});
			continue;
		}
		const sameName = offer.codecs.find((c) => sameCodec(c, answered));
		out.push({
			status: offered ? 'conflict' : sameName ? 'remapped' : 'not-offered',
			name: answered.name,
			offered: sameName ?? offered,
			answered,
			fmtpDiffers: false
		});
	}
	const taken = new Set(out.map((c) => c.offered));
	for (const offered of offer.codecs) {
		if (!answeredPts.has(offered.payloadType) && !taken.has(offered)) {
			out.push({ status: 'not-accepted', name: offered.name, offered, fmtpDiffers: false });
		}
	}
	return out;
}

// Codecs that repair or accompany another codec rather than carry media themselves.
const helperCodecs = new Set(['rtx', 'red', 'ulpfec', 'flexfec-03', 'cn', 'telephone-event']);

function codecItems(codecs: CodecNegotiation[], answer: SdpMedia): SdpDiffItem[] {
	const items: SdpDiffItem[] = [];
	const accepted = codecs.filter((c) => c.status === 'accepted');
	const notAccepted = codecs.filter((c) => c.status === 'not-accepted');
	const main = accepted.filter((c) => !helperCodecs.has(c.name.toLowerCase()));
	if (main.length === 0) {
		items.push({
			topic: 'codecs',
			severity: 'error',
			rule: RULE.codecs,
			text: t(
				'No media codec in common: the answer should have rejected this section (port 0).',
				'没有共同的媒体编解码器：应答本应拒绝这一段（端口设为 0）。'
			)
		});
	} else {
		items.push({
			topic: 'codecs',
			severity: 'ok',
			rule: RULE.codecs,
			right: main.map((c) => codecText(c.answered!)).join(', '),
			text: t(
				`${accepted.length} codec(s) accepted with the offered payload types; ${main[0]!.name} is the answerer's first choice. The order comes from setCodecPreferences() on each side.`,
				`接受了 ${accepted.length} 个编解码器，负载类型与 offer 相同；应答方首选 ${main[0]!.name}。顺序由双方的 setCodecPreferences() 决定。`
			)
		});
	}
	if (notAccepted.length > 0) {
		items.push({
			topic: 'codecs',
			severity: 'info',
			rule: RULE.codecs,
			left: notAccepted.map((c) => codecText(c.offered!)).join(', '),
			text: t(
				`${notAccepted.length} offered codec(s) not in the answer: the answerer does not support or does not want them.`,
				`offer 中有 ${notAccepted.length} 个编解码器未出现在应答中：应答方不支持或不想使用。`
			)
		});
	}
	for (const c of codecs) {
		if (c.status === 'remapped') {
			items.push({
				topic: 'codecs',
				severity: 'warning',
				rule: RULE.codecs,
				left: c.offered ? codecText(c.offered) : undefined,
				right: c.answered ? codecText(c.answered) : undefined,
				text: t(
					`${c.name} was offered as payload type ${c.offered?.payloadType} but answered as ${c.answered?.payloadType}. JSEP answers reuse the offered payload type; a different number confuses receivers.`,
					`${c.name} 在 offer 中的负载类型是 ${c.offered?.payloadType}，应答却用了 ${c.answered?.payloadType}。JSEP 应答应沿用 offer 的负载类型，换号会让接收方混淆。`
				)
			});
		} else if (c.status === 'conflict') {
			items.push({
				topic: 'codecs',
				severity: 'error',
				rule: RULE.codecs,
				left: c.offered ? codecText(c.offered) : undefined,
				right: c.answered ? codecText(c.answered) : undefined,
				text: t(
					`Payload type ${c.answered?.payloadType} means ${c.offered?.name || '?'} in the offer but ${c.answered?.name || '?'} in the answer.`,
					`负载类型 ${c.answered?.payloadType} 在 offer 中表示 ${c.offered?.name || '?'}，在应答中却表示 ${c.answered?.name || '?'}。`
				)
			});
		} else if (c.status === 'not-offered') {
			items.push({
				topic: 'codecs',
				severity: 'error',
				rule: RULE.codecs,
				right: c.answered ? codecText(c.answered) : undefined,
				text: t(
					`${c.name || 'A codec'} (payload type ${c.answered?.payloadType}) is in the answer but was never offered.`,
					`${c.name || '某个编解码器'}（负载类型 ${c.answered?.payloadType}）出现在应答中，但 offer 中没有。`
				)
			});
		} else if (c.status === 'accepted' && c.fmtpDiffers && c.offered && c.answered) {
			const offered = fmtpParams(c.offered.fmtp);
			const answered = fmtpParams(c.answered.fmtp);
			const h264 = c.name.toLowerCase() === 'h264';
			const mode = (p: Map<string, string>) => p.get('packetization-mode') ?? '0';
			const modeMismatch = h264 && mode(offered) !== mode(answered);
			items.push({
				topic: 'codecs',
				severity: modeMismatch ? 'error' : 'info',
				rule: RULE.fmtp,
				left: `a=fmtp:${c.offered.payloadType} ${c.offered.fmtp ?? ''}`,
				right: `a=fmtp:${c.answered.payloadType} ${c.answered.fmtp ?? ''}`,
				text: modeMismatch
					? t(
							`H.264 payload type ${c.answered.payloadType}: packetization-mode differs, so these are different formats and must not share a payload type.`,
							`H.264 负载类型 ${c.answered.payloadType}：packetization-mode 不同，属于不同的格式，不能共用一个负载类型。`
						)
					: t(
							`${c.name} ${c.answered.payloadType}: format parameters differ. Each side states what it can receive, so this is normal (e.g. a lower level or no FEC on one side).`,
							`${c.name} ${c.answered.payloadType}：格式参数不同。每一方声明的是自己能接收什么，所以这很正常（例如一方级别更低或不使用 FEC）。`
						)
			});
		}
	}
	// rtx must point at a payload type of the answer (RFC 4588 §8.1).
	const answerPts = new Set(answer.codecs.map((c) => c.payloadType));
	for (const c of answer.codecs) {
		if (c.name.toLowerCase() !== 'rtx') continue;
		const apt = fmtpParams(c.fmtp).get('apt');
		if (apt !== undefined && !answerPts.has(Number(apt))) {
			items.push({
				topic: 'codecs',
				severity: 'warning',
				rule: RULE.fmtp,
				right: `a=fmtp:${c.payloadType} ${c.fmtp ?? ''}`,
				text: t(
					`rtx ${c.payloadType} repairs payload type ${apt}, which is not in the answer.`,
					`rtx ${c.payloadType} 为负载类型 ${apt} 重传，但应答中没有这个负载类型。`
				)
			});
		}
	}
	return items;
}

// ---------------------------------------------------------------------------------------------
// DTLS roles (a=setup)
// ---------------------------------------------------------------------------------------------

function setupItem(
	offerSetup: string | undefined,
	answerSetup: string | undefined
): { item: SdpDiffItem; client?: 'offerer' | 'answerer' } {
	const base = { topic: 'dtls-role' as const, rule: RULE.setup };
	const left = offerSetup ? `a=setup:${offerSetup}` : undefined;
	const right = answerSetup ? `a=setup:${answerSetup}` : undefined;
	if (!answerSetup || !offerSetup) {
		return {
			item: {
				...base,
				severity: 'warning',
				left,
				right,
				text: t(
					`a=setup missing in the ${offerSetup ? 'answer' : 'offer'}: the DTLS roles are not stated (the offerer then assumes active for itself, RFC 8842 §5).`,
					`${offerSetup ? '应答' : 'offer'} 中缺少 a=setup：DTLS 角色未声明（此时提议方默认自己为 active，RFC 8842 §5）。`
				)
			}
		};
	}
	if (answerSetup === 'actpass') {
		return {
			item: {
				...base,
				severity: 'error',
				left,
				right,
				text: t(
					'The answer says actpass: only an offer may leave the choice open. The answerer must pick active or passive. (Is this really an answer?)',
					'应答中写了 actpass：只有 offer 才能把选择权留给对方，应答方必须选 active 或 passive。（这真的是应答吗？）'
				)
			}
		};
	}
	const valid =
		(offerSetup === 'actpass' && (answerSetup === 'active' || answerSetup === 'passive')) ||
		(offerSetup === 'active' && answerSetup === 'passive') ||
		(offerSetup === 'passive' && answerSetup === 'active');
	if (!valid) {
		return {
			item: {
				...base,
				severity: 'error',
				left,
				right,
				text: t(
					`Offer ${offerSetup} with answer ${answerSetup}: the roles do not fit together, so no DTLS handshake can start.`,
					`offer 为 ${offerSetup}、应答为 ${answerSetup}：双方角色不匹配，DTLS 握手无法开始。`
				)
			}
		};
	}
	const client = answerSetup === 'active' ? 'answerer' : 'offerer';
	return {
		client,
		item: {
			...base,
			severity: 'ok',
			left,
			right,
			text:
				client === 'answerer'
					? t(
							`Offer ${offerSetup}, answer active: the answerer is the DTLS client (sends the ClientHello) and the offerer the DTLS server. JSEP answerers pick active; the application does not choose this.`,
							`offer 为 ${offerSetup}，应答为 active：应答方是 DTLS 客户端（发送 ClientHello），提议方是 DTLS 服务器。JSEP 应答方会选择 active，应用无法指定。`
						)
					: t(
							`Offer ${offerSetup}, answer passive: the offerer is the DTLS client (sends the ClientHello) and the answerer the DTLS server.`,
							`offer 为 ${offerSetup}，应答为 passive：提议方是 DTLS 客户端（发送 ClientHello），应答方是 DTLS 服务器。`
						)
		}
	};
}

// ---------------------------------------------------------------------------------------------
// Offer ↔ answer
// ---------------------------------------------------------------------------------------------

function sessionItems(offer: ParsedSdp, answer: ParsedSdp): SdpDiffItem[] {
	const items: SdpDiffItem[] = [];
	if (offer.media.length !== answer.media.length) {
		items.push({
			topic: 'sections',
			severity: 'error',
			rule: RULE.answerSections,
			left: String(offer.media.length),
			right: String(answer.media.length),
			text: t(
				`The offer has ${offer.media.length} m= section(s), the answer ${answer.media.length}. An answer has exactly one m= section per offered one, in the same order (rejected ones with port 0).`,
				`offer 有 ${offer.media.length} 个 m= 段，应答有 ${answer.media.length} 个。应答必须与 offer 的 m= 段一一对应、顺序相同（被拒绝的段端口为 0）。`
			)
		});
	}

	// BUNDLE (RFC 9143 §7.3): the answer keeps a subset of each offered group.
	const offeredGroups = offer.session.bundle;
	const answeredGroups = answer.session.bundle;
	if (offeredGroups.length > 0) {
		if (answeredGroups.length === 0) {
			items.push({
				topic: 'bundle',
				severity: 'warning',
				rule: RULE.bundle,
				left: offeredGroups.map((g) => `a=group:BUNDLE ${g.join(' ')}`).join(', '),
				text: t(
					'BUNDLE not accepted: every m= section gets its own ICE and DTLS transport (more ports, more checks, slower setup). With bundlePolicy max-bundle the offerer may refuse this.',
					'未接受 BUNDLE：每个 m= 段都要单独建立 ICE 和 DTLS 传输（端口更多、检查更多、建立更慢）。若 bundlePolicy 为 max-bundle，提议方可能会拒绝。'
				)
			});
		} else {
			for (const group of answeredGroups) {
				const offered = offeredGroups.find((g) => g.some((mid) => group.includes(mid)));
				const added = group.filter((mid) => !offered?.includes(mid));
				const left = offered?.filter((mid) => !group.includes(mid)) ?? [];
				const ok = added.length === 0;
				items.push({
					topic: 'bundle',
					severity: ok ? (left.length > 0 ? 'info' : 'ok') : 'error',
					rule: RULE.bundle,
					left: offered ? `a=group:BUNDLE ${offered.join(' ')}` : undefined,
					right: `a=group:BUNDLE ${group.join(' ')}`,
					text: ok
						? t(
								`BUNDLE accepted: mids ${group.join(' ')} share one transport, the one of mid ${group[0]} (the answerer-tagged section).${left.length ? ` Left out: ${left.join(' ')} (rejected or on their own transport).` : ''}`,
								`接受了 BUNDLE：mid ${group.join(' ')} 共用一条传输，即 mid ${group[0]} 的传输（应答方标记的段）。${left.length ? `未包含：${left.join(' ')}（被拒绝或使用单独的传输）。` : ''}`
							)
						: t(
								`The answer's BUNDLE group adds mid(s) ${added.join(' ')} that the offer did not group: an answerer may only keep or remove offered mids.`,
								`应答的 BUNDLE 组加入了 offer 没有分组的 mid ${added.join(' ')}：应答方只能保留或移除 offer 中的 mid。`
							)
				});
			}
		}
	} else if (answeredGroups.length > 0) {
		items.push({
			topic: 'bundle',
			severity: 'error',
			rule: RULE.bundle,
			right: answeredGroups.map((g) => `a=group:BUNDLE ${g.join(' ')}`).join(', '),
			text: t(
				'The answer has a BUNDLE group but the offer had none: an answerer cannot start BUNDLE.',
				'应答中有 BUNDLE 组，但 offer 中没有：应答方不能主动开启 BUNDLE。'
			)
		});
	}

	// ICE roles (RFC 8445 §6.1.1): a full offerer controls; against an ICE-lite peer the full
	// agent controls.
	const offerLite = offer.session.iceLite;
	const answerLite = answer.session.iceLite;
	items.push({
		topic: 'ice',
		severity: offerLite && answerLite ? 'warning' : 'info',
		rule: RULE.iceRole,
		left: offerLite ? 'a=ice-lite' : undefined,
		right: answerLite ? 'a=ice-lite' : undefined,
		text:
			offerLite && answerLite
				? t(
						'Both sides are ICE-lite: nobody sends connectivity checks, so ICE cannot complete unless both have public addresses.',
						'双方都是 ICE-lite：没有人发送连通性检查，除非双方都有公网地址，否则 ICE 无法完成。'
					)
				: answerLite
					? t(
							'The answerer is ICE-lite (typically a media server): the offerer is the controlling agent and sends all connectivity checks.',
							'应答方是 ICE-lite（通常是媒体服务器）：提议方是控制方，负责发送所有连通性检查。'
						)
					: offerLite
						? t(
								'The offerer is ICE-lite: the answerer is the controlling agent and sends all connectivity checks.',
								'提议方是 ICE-lite：应答方是控制方，负责发送所有连通性检查。'
							)
						: t(
								'Both are full ICE agents: the offerer takes the controlling role and nominates the pair to use.',
								'双方都是完整 ICE 代理：提议方担任控制方，并提名最终使用的候选对。'
							)
	});

	// The same credentials or certificate on both sides usually means the same SDP was pasted twice.
	const offerUfrag = offer.media[0]?.iceUfrag ?? offer.session.iceUfrag;
	const answerUfrag = answer.media[0]?.iceUfrag ?? answer.session.iceUfrag;
	if (offerUfrag !== undefined && offerUfrag === answerUfrag) {
		items.push({
			topic: 'ice',
			severity: 'warning',
			rule: RULE.sameIceCredentials,
			left: `a=ice-ufrag:${offerUfrag}`,
			right: `a=ice-ufrag:${answerUfrag}`,
			text: t(
				'Offer and answer use the same ice-ufrag: each agent picks its own, so this looks like the same description pasted twice.',
				'offer 和应答使用了相同的 ice-ufrag：双方本应各自生成，看起来像是同一份描述被粘贴了两次。'
			)
		});
	}
	const offerFp = offer.media[0]?.fingerprint ?? offer.session.fingerprint;
	const answerFp = answer.media[0]?.fingerprint ?? answer.session.fingerprint;
	if (offerFp && answerFp && offerFp.hash !== '' && offerFp.hash === answerFp.hash) {
		items.push({
			topic: 'fingerprint',
			severity: 'warning',
			rule: RULE.fingerprint,
			text: t(
				'Offer and answer carry the same certificate fingerprint: each peer has its own certificate, so this looks like the same description pasted twice.',
				'offer 和应答的证书指纹相同：每个对端都有自己的证书，看起来像是同一份描述被粘贴了两次。'
			)
		});
	}
	return items;
}

function sectionNegotiation(
	offer: ParsedSdp,
	answer: ParsedSdp,
	index: number
): SectionNegotiation {
	const o = offer.media[index]!;
	const a = answer.media[index];
	const result: SectionNegotiation = {
		index,
		mid: o.mid,
		kind: o.kind,
		offerLine: o.firstLine,
		answerLine: a?.firstLine,
		status: 'accepted',
		codecs: [],
		items: []
	};
	const items = result.items;
	if (!a) {
		result.status = 'missing';
		items.push({
			topic: 'section',
			severity: 'error',
			rule: RULE.answerSections,
			text: t(
				'The answer has no m= section for this offered one.',
				'应答中没有与这个 offer 段对应的 m= 段。'
			)
		});
		return result;
	}
	if (a.kind !== o.kind) {
		items.push({
			topic: 'section',
			severity: 'error',
			rule: RULE.answerSections,
			left: `m=${o.kind}`,
			right: `m=${a.kind}`,
			text: t(
				`The offer's section is ${o.kind}, the answer's ${a.kind}: the answer must keep the media type of each section.`,
				`offer 中这一段是 ${o.kind}，应答中却是 ${a.kind}：应答必须保持每一段的媒体类型。`
			)
		});
	}
	if (a.mid !== o.mid) {
		items.push({
			topic: 'section',
			severity: 'error',
			rule: 'RFC 9429 §5.3.1; RFC 5888 §9.1',
			left: o.mid !== undefined ? `a=mid:${o.mid}` : undefined,
			right: a.mid !== undefined ? `a=mid:${a.mid}` : undefined,
			text: t(
				'The mid differs: the answer must repeat the offered mid of each section.',
				'mid 不一致：应答必须沿用 offer 中每一段的 mid。'
			)
		});
	}

	const offerBundleOnly = bundleOnly(offer, index);
	const answerBundled =
		a.port === 0 && bundleOnly(answer, index) && bundleGroupOf(answer, a.mid) !== undefined;
	if (o.port === 0 && !offerBundleOnly) {
		result.status = 'not-offered';
		items.push({
			topic: 'rejected',
			severity: a.port === 0 ? 'info' : 'error',
			rule: RULE.reject,
			left: `m=${o.kind} 0`,
			right: `m=${a.kind} ${a.port}`,
			text:
				a.port === 0
					? t(
							'The offer already has port 0 (a stopped transceiver); the answer keeps it rejected.',
							'offer 中端口已为 0（收发器已停止）；应答保持拒绝。'
						)
					: t(
							'The offer has port 0 (stopped) but the answer tries to use the section: it must answer with port 0.',
							'offer 中端口为 0（已停止），但应答试图使用这一段：应答必须把端口设为 0。'
						)
		});
		return result;
	}
	if (a.port === 0 && !answerBundled) {
		result.status = 'rejected';
		items.push({
			topic: 'rejected',
			severity: 'info',
			rule: RULE.reject,
			right: `m=${a.kind} 0`,
			text: t(
				'Rejected by the answerer (port 0): nothing flows in this section and its transceiver is stopped. Reasons: no codec in common, the answerer stopped the transceiver, or it does not support this media.',
				'应答方拒绝了这一段（端口 0）：这一段不传任何数据，对应的收发器被停止。原因可能是没有共同的编解码器、应答方停止了收发器，或不支持这种媒体。'
			)
		});
		return result;
	}

	if (isRtp(o)) {
		result.direction = resolveDirection(o.direction, a.direction);
		items.push(directionItem(result.direction));
	}

	const setup = setupItem(o.setup, a.setup);
	result.dtlsClient = setup.client;
	items.push(setup.item);

	if (isRtp(o)) {
		result.codecs = negotiateCodecs(o, a);
		items.push(...codecItems(result.codecs, a));

		// rtcp-mux (RFC 5761 §5.1.1, RFC 8858): accept only what was offered.
		const mux = { offer: o.rtcpMux, answer: a.rtcpMux };
		const muxOnly = sectionHas(offer, index, 'a=rtcp-mux-only');
		items.push({
			topic: 'rtcp-mux',
			severity: mux.answer
				? mux.offer
					? 'ok'
					: 'error'
				: mux.offer
					? muxOnly
						? 'error'
						: 'warning'
					: 'info',
			rule: RULE.rtcpMux,
			left: mux.offer ? (muxOnly ? 'a=rtcp-mux, a=rtcp-mux-only' : 'a=rtcp-mux') : undefined,
			right: mux.answer ? 'a=rtcp-mux' : undefined,
			text: mux.answer
				? mux.offer
					? t(
							'rtcp-mux accepted: RTP and RTCP share one port (one ICE component).',
							'接受了 rtcp-mux：RTP 与 RTCP 共用一个端口（一个 ICE 组件）。'
						)
					: t(
							'The answer has rtcp-mux although the offer did not offer it.',
							'offer 没有提供 rtcp-mux，应答却包含了它。'
						)
				: mux.offer
					? muxOnly
						? t(
								'The offer requires rtcp-mux (rtcp-mux-only) but the answer does not accept it: the section should have been rejected.',
								'offer 要求必须使用 rtcp-mux（rtcp-mux-only），应答却没有接受：这一段本应被拒绝。'
							)
						: t(
								'rtcp-mux not accepted: RTCP needs its own port (a second ICE component). Browsers require rtcp-mux (rtcpMuxPolicy "require").',
								'未接受 rtcp-mux：RTCP 需要单独的端口（第二个 ICE 组件）。浏览器要求使用 rtcp-mux（rtcpMuxPolicy 为 "require"）。'
							)
					: t(
							'Neither side uses rtcp-mux: RTP and RTCP on separate ports.',
							'双方都不使用 rtcp-mux：RTP 与 RTCP 使用不同端口。'
						)
		});

		items.push(...extmapItems(o, a));
		const sim = simulcastItem(o, a);
		if (sim) items.push(sim);
	}
	if (isSctp(o)) items.push(...sctpItems(o, a));
	return result;
}

function extmapItems(o: SdpMedia, a: SdpMedia): SdpDiffItem[] {
	if (o.extmaps.length === 0 && a.extmaps.length === 0) return [];
	const items: SdpDiffItem[] = [];
	const offeredByUri = new Map(o.extmaps.map((e) => [e.uri, e]));
	const kept: string[] = [];
	for (const e of a.extmaps) {
		const offered = offeredByUri.get(e.uri);
		if (!offered) {
			items.push({
				topic: 'header-extensions',
				severity: 'error',
				rule: RULE.extmap,
				right: `a=extmap:${e.id} ${e.uri}`,
				text: t(
					'This header extension is in the answer but was not offered.',
					'这个头部扩展出现在应答中，但 offer 中没有。'
				)
			});
		} else if (offered.id !== e.id) {
			items.push({
				topic: 'header-extensions',
				severity: 'warning',
				rule: RULE.extmap,
				left: `a=extmap:${offered.id} ${offered.uri}`,
				right: `a=extmap:${e.id} ${e.uri}`,
				text: t(
					`The answer uses id ${e.id} for an extension offered as id ${offered.id}; JSEP answers keep the offered id.`,
					`应答为该扩展使用了编号 ${e.id}，而 offer 中是 ${offered.id}；JSEP 应答应沿用 offer 的编号。`
				)
			});
		} else kept.push(`${e.id} ${e.uri}`);
	}
	const answeredUris = new Set(a.extmaps.map((e) => e.uri));
	const dropped = o.extmaps.filter((e) => !answeredUris.has(e.uri));
	items.push({
		topic: 'header-extensions',
		severity: 'ok',
		rule: RULE.extmap,
		right: kept.join(', ') || undefined,
		left: dropped.map((e) => `${e.id} ${e.uri}`).join(', ') || undefined,
		text: t(
			`${kept.length} RTP header extension(s) kept with their offered ids${dropped.length ? `, ${dropped.length} dropped by the answerer (listed under offer)` : ''}. setHeaderExtensionsToNegotiate() chooses them.`,
			`保留了 ${kept.length} 个 RTP 头部扩展（编号与 offer 相同）${dropped.length ? `，应答方去掉了 ${dropped.length} 个（列在 offer 一栏）` : ''}。由 setHeaderExtensionsToNegotiate() 选择。`
		)
	});
	return items;
}

function simulcastItem(o: SdpMedia, a: SdpMedia): SdpDiffItem | undefined {
	if (!o.simulcast && !a.simulcast) return undefined;
	const offeredSend = o.rids.filter((r) => r.direction === 'send').map((r) => r.id);
	const answeredRecv = a.rids.filter((r) => r.direction === 'recv').map((r) => r.id);
	if (!a.simulcast) {
		return {
			topic: 'simulcast',
			severity: 'warning',
			rule: RULE.simulcast,
			left: o.simulcast ? `a=simulcast:${o.simulcast}` : undefined,
			text: t(
				'Simulcast not accepted: only one encoding (the first) will be sent.',
				'未接受多路联播：只会发送一路编码（第一路）。'
			)
		};
	}
	const unknown = answeredRecv.filter((rid) => !offeredSend.includes(rid));
	return {
		topic: 'simulcast',
		severity: unknown.length ? 'error' : 'ok',
		rule: RULE.simulcast,
		left: o.simulcast ? `a=simulcast:${o.simulcast}` : undefined,
		right: `a=simulcast:${a.simulcast}`,
		text: unknown.length
			? t(
					`The answer receives rid(s) ${unknown.join(' ')} that the offer does not send.`,
					`应答要接收的 rid ${unknown.join(' ')} 并不在 offer 的发送列表中。`
				)
			: t(
					`Simulcast accepted: the answerer receives ${answeredRecv.join(', ') || 'the offered layers'} (send in the offer becomes recv in the answer).`,
					`接受了多路联播：应答方接收 ${answeredRecv.join('、') || 'offer 中的各层'}（offer 的 send 在应答中变成 recv）。`
				)
	};
}

function sctpItems(o: SdpMedia, a: SdpMedia): SdpDiffItem[] {
	const items: SdpDiffItem[] = [];
	// a=sctp-port defaults to 5000 when absent (RFC 8841 §5.1).
	const oPort = o.sctpPort ?? 5000;
	const aPort = a.sctpPort ?? 5000;
	items.push({
		topic: 'data-channel',
		severity: 'ok',
		rule: RULE.sctp,
		left: `a=sctp-port:${o.sctpPort ?? '(5000)'}`,
		right: `a=sctp-port:${a.sctpPort ?? '(5000)'}`,
		text: t(
			`SCTP association inside DTLS: the offerer uses SCTP port ${oPort}, the answerer ${aPort} (ports inside DTLS, not UDP ports).`,
			`SCTP 关联在 DTLS 内部：提议方使用 SCTP 端口 ${oPort}，应答方使用 ${aPort}（这是 DTLS 内部的端口，不是 UDP 端口）。`
		)
	});
	const size = (n: number | undefined) =>
		n === undefined ? '64 KiB (default)' : n === 0 ? 'unlimited' : `${n} bytes`;
	const sizeZh = (n: number | undefined) =>
		n === undefined ? '64 KiB（默认）' : n === 0 ? '无限制' : `${n} 字节`;
	items.push({
		topic: 'data-channel',
		severity: 'ok',
		rule: RULE.sctp,
		left: o.maxMessageSize !== undefined ? `a=max-message-size:${o.maxMessageSize}` : undefined,
		right: a.maxMessageSize !== undefined ? `a=max-message-size:${a.maxMessageSize}` : undefined,
		text: t(
			`Largest message: the offerer may send ${size(a.maxMessageSize)} (the answer's limit), the answerer ${size(o.maxMessageSize)} (the offer's limit). RTCSctpTransport.maxMessageSize reports it.`,
			`最大消息：提议方最多可发送 ${sizeZh(a.maxMessageSize)}（应答的限制），应答方最多可发送 ${sizeZh(o.maxMessageSize)}（offer 的限制）。RTCSctpTransport.maxMessageSize 会给出这个值。`
		)
	});
	return items;
}

/** Explains the answer against the offer, per m-section. Never throws. */
export function diffOfferAnswer(
	offerInput: string | ParsedSdp,
	answerInput: string | ParsedSdp
): OfferAnswerDiff {
	const offer = asParsed(offerInput);
	const answer = asParsed(answerInput);
	const counts: Record<DiffSeverity, number> = { ok: 0, info: 0, warning: 0, error: 0 };
	const session = sessionItems(offer, answer);
	const sections = offer.media.map((_, index) => sectionNegotiation(offer, answer, index));
	count(session, counts);
	for (const s of sections) count(s.items, counts);
	return { session, sections, counts };
}

// ---------------------------------------------------------------------------------------------
// Description versions (renegotiation)
// ---------------------------------------------------------------------------------------------

export interface LineChange {
	kind: 'added' | 'removed' | 'changed';
	/** `a=ice-ufrag`, `m`, … (`direction` for a=sendrecv/sendonly/recvonly/inactive). */
	key: string;
	before?: string;
	after?: string;
	beforeLine?: number;
	afterLine?: number;
}

export interface SectionChanges {
	scope: 'session' | 'media';
	index?: number;
	mid?: string;
	kind?: string;
	status: 'same' | 'changed' | 'added' | 'removed';
	changes: LineChange[];
}

export interface DescriptionDiff {
	/** Same o= session id: two versions of one session. */
	sameSession: boolean;
	versionBefore?: string;
	versionAfter?: string;
	versionChange: 'increased' | 'same' | 'decreased' | 'unknown';
	/** Sections (by mid, or index when there is no mid) whose ice-ufrag or ice-pwd changed. */
	iceRestart: string[];
	/** A section's certificate fingerprint changed: a new DTLS handshake. */
	dtlsChange: boolean;
	identical: boolean;
	sections: SectionChanges[];
	items: SdpDiffItem[];
}

const directionKeys = new Set(['a=sendrecv', 'a=sendonly', 'a=recvonly', 'a=inactive']);
// Keys that appear at most once per section: a removed and an added line pair up as a change.
const normaliseKey = (key: string) => (directionKeys.has(key) ? 'direction' : key);

interface KeyedLine {
	text: string;
	key: string;
	number: number;
}

/** Lines per part: key `-1` is the session part, `i` m-section i. One pass over the lines. */
function linesBySection(parsed: ParsedSdp): Map<number, KeyedLine[]> {
	const out = new Map<number, KeyedLine[]>();
	for (const line of parsed.lines) {
		const part = line.mediaIndex ?? -1;
		const keyed = { text: line.text, key: normaliseKey(line.key), number: line.number };
		const list = out.get(part);
		if (list) list.push(keyed);
		else out.set(part, [keyed]);
	}
	return out;
}

/**
 * Multiset line diff: linear, and order-insensitive, which suits SDP (attribute order inside a
 * section carries little meaning; m= order is compared by index).
 */
function diffLines(before: KeyedLine[], after: KeyedLine[]): LineChange[] {
	const remaining = new Map<string, number>();
	for (const line of after) remaining.set(line.text, (remaining.get(line.text) ?? 0) + 1);
	const removed: KeyedLine[] = [];
	for (const line of before) {
		const left = remaining.get(line.text) ?? 0;
		if (left > 0) remaining.set(line.text, left - 1);
		else removed.push(line);
	}
	const stillBefore = new Map<string, number>();
	for (const line of before) stillBefore.set(line.text, (stillBefore.get(line.text) ?? 0) + 1);
	const added: KeyedLine[] = [];
	for (const line of after) {
		const left = stillBefore.get(line.text) ?? 0;
		if (left > 0) stillBefore.set(line.text, left - 1);
		else added.push(line);
	}
	// Pair a lone removed line with a lone added line of the same key as one change.
	const byKey = (lines: KeyedLine[]) => {
		const map = new Map<string, KeyedLine[]>();
		for (const line of lines) {
			const list = map.get(line.key);
			if (list) list.push(line);
			else map.set(line.key, [line]);
		}
		return map;
	};
	const removedByKey = byKey(removed);
	const addedByKey = byKey(added);
	const changes: LineChange[] = [];
	const paired = new Set<KeyedLine>();
	for (const [key, lines] of removedByKey) {
		const adds = addedByKey.get(key);
		if (key !== '' && lines.length === 1 && adds?.length === 1) {
			const [r] = lines;
			const [a] = adds;
			changes.push({
				kind: 'changed',
				key,
				before: r!.text,
				after: a!.text,
				beforeLine: r!.number,
				afterLine: a!.number
			});
			paired.add(r!).add(a!);
		}
	}
	for (const r of removed) {
		if (!paired.has(r)) {
			changes.push({ kind: 'removed', key: r.key, before: r.text, beforeLine: r.number });
		}
	}
	for (const a of added) {
		if (!paired.has(a))
			changes.push({ kind: 'added', key: a.key, after: a.text, afterLine: a.number });
	}
	const position = (c: LineChange) => c.afterLine ?? c.beforeLine ?? 0;
	return changes.sort((x, y) => position(x) - position(y));
}

function compareVersions(before?: string, after?: string): DescriptionDiff['versionChange'] {
	if (before === undefined || after === undefined) return 'unknown';
	if (!/^\d+$/.test(before) || !/^\d+$/.test(after)) return 'unknown';
	const b = BigInt(before);
	const a = BigInt(after);
	return a > b ? 'increased' : a === b ? 'same' : 'decreased';
}

/** Compares two descriptions of the same side (e.g. o= version 2 and 3). Never throws. */
export function diffDescriptions(
	beforeInput: string | ParsedSdp,
	afterInput: string | ParsedSdp
): DescriptionDiff {
	const before = asParsed(beforeInput);
	const after = asParsed(afterInput);
	const items: SdpDiffItem[] = [];
	const sections: SectionChanges[] = [];

	const beforeLines = linesBySection(before);
	const afterLines = linesBySection(after);
	const part = (lines: Map<number, KeyedLine[]>, index: number) => lines.get(index) ?? [];
	const sessionChanges = diffLines(part(beforeLines, -1), part(afterLines, -1));
	sections.push({
		scope: 'session',
		status: sessionChanges.length ? 'changed' : 'same',
		changes: sessionChanges
	});

	const iceRestart: string[] = [];
	let dtlsChange = false;
	const count = Math.max(before.media.length, after.media.length);
	for (let index = 0; index < count; index++) {
		const b = before.media[index];
		const a = after.media[index];
		const label = (a ?? b)?.mid ?? String(index);
		if (!b || !a) {
			const m = (a ?? b)!;
			sections.push({
				scope: 'media',
				index,
				mid: m.mid,
				kind: m.kind,
				status: a ? 'added' : 'removed',
				changes: diffLines(part(beforeLines, index), part(afterLines, index))
			});
			items.push(
				a
					? {
							topic: 'sections',
							severity: 'info',
							rule: RULE.version,
							right: `m=${m.kind} (mid ${label})`,
							text: t(
								`New m= section ${index} (${m.kind}, mid ${label}): addTrack(), addTransceiver() or createDataChannel() added it.`,
								`新增 m= 段 ${index}（${m.kind}，mid ${label}）：由 addTrack()、addTransceiver() 或 createDataChannel() 添加。`
							)
						}
					: {
							topic: 'sections',
							severity: 'error',
							rule: RULE.recycle,
							left: `m=${m.kind} (mid ${label})`,
							text: t(
								`m= section ${index} disappeared. Sections are never removed in a renegotiation; a stopped one stays with port 0.`,
								`m= 段 ${index} 消失了。重新协商时 m= 段永远不会被删除；停止的段会保留并把端口设为 0。`
							)
						}
			);
			continue;
		}
		const changes = diffLines(part(beforeLines, index), part(afterLines, index));
		sections.push({
			scope: 'media',
			index,
			mid: a.mid,
			kind: a.kind,
			status: changes.length ? 'changed' : 'same',
			changes
		});
		if (b.iceUfrag !== a.iceUfrag || b.icePwd !== a.icePwd) iceRestart.push(label);
		if (b.fingerprint?.hash !== a.fingerprint?.hash) dtlsChange = true;
		if (b.mid !== a.mid) {
			items.push({
				topic: 'section',
				severity: 'info',
				rule: RULE.recycle,
				left: b.mid !== undefined ? `a=mid:${b.mid}` : undefined,
				right: a.mid !== undefined ? `a=mid:${a.mid}` : undefined,
				text: t(
					`Section ${index} was recycled: a stopped section got a new mid for a new transceiver.`,
					`第 ${index} 段被复用：已停止的段分配了新的 mid，给新的收发器使用。`
				)
			});
		}
		if (b.port !== 0 && a.port === 0) {
			items.push({
				topic: 'rejected',
				severity: 'info',
				rule: RULE.stop,
				right: `m=${a.kind} 0`,
				text: t(
					`Section ${index} (mid ${label}) now has port 0: its transceiver was stopped.`,
					`第 ${index} 段（mid ${label}）端口变为 0：对应的收发器已停止。`
				)
			});
		}
		if (b.direction !== a.direction) {
			items.push({
				topic: 'direction',
				severity: 'info',
				rule: 'RFC 9429 §4.2.3; RTCRtpTransceiver.direction',
				left: `a=${b.direction}`,
				right: `a=${a.direction}`,
				text: t(
					`Section ${index} (mid ${label}): direction ${b.direction} → ${a.direction}, set with transceiver.direction (hold, mute-by-direction, or a track added/removed).`,
					`第 ${index} 段（mid ${label}）：方向由 ${b.direction} 变为 ${a.direction}，通过 transceiver.direction 设置（保持、按方向静音，或增删了轨道）。`
				)
			});
		}
		const codecOrder = (m: SdpMedia) => m.codecs.map((c) => `${c.payloadType} ${c.name}`).join(',');
		if (codecOrder(b) !== codecOrder(a)) {
			items.push({
				topic: 'codecs',
				severity: 'info',
				rule: 'RFC 9429 §4.2.6 (setCodecPreferences)',
				left: b.formats.join(' '),
				right: a.formats.join(' '),
				text: t(
					`Section ${index} (mid ${label}): the codec list or its order changed (setCodecPreferences()).`,
					`第 ${index} 段（mid ${label}）：编解码器列表或顺序变了（setCodecPreferences()）。`
				)
			});
		}
	}

	const versionBefore = before.session.origin?.sessionVersion;
	const versionAfter = after.session.origin?.sessionVersion;
	const versionChange = compareVersions(versionBefore, versionAfter);
	const sameSession =
		before.session.origin !== undefined &&
		before.session.origin.sessionId === after.session.origin?.sessionId;
	const identical = sections.every((s) => s.status === 'same');

	const head: SdpDiffItem[] = [];
	if (!sameSession) {
		head.push({
			topic: 'version',
			severity: 'warning',
			rule: RULE.version,
			left: before.session.origin?.sessionId,
			right: after.session.origin?.sessionId,
			text: t(
				'Different o= session ids: these are not two versions of one session (or one of them is an answer from the other side).',
				'o= 的会话 ID 不同：它们不是同一个会话的两个版本（或者其中一个是另一方的应答）。'
			)
		});
	} else if (!identical && versionChange !== 'increased') {
		head.push({
			topic: 'version',
			severity: 'error',
			rule: RULE.version,
			left: versionBefore,
			right: versionAfter,
			text: t(
				'The content changed but the o= version did not go up: every changed description must increase it.',
				'内容变了，但 o= 版本号没有增加：每次内容变化都必须增加版本号。'
			)
		});
	} else {
		head.push({
			topic: 'version',
			severity: 'ok',
			rule: RULE.version,
			left: versionBefore,
			right: versionAfter,
			text: identical
				? t('No change in content.', '内容没有变化。')
				: t(
						`o= version ${versionBefore} → ${versionAfter}: a new version of the same session.`,
						`o= 版本 ${versionBefore} → ${versionAfter}：同一会话的新版本。`
					)
		});
	}
	if (iceRestart.length > 0) {
		head.push({
			topic: 'ice',
			severity: 'info',
			rule: RULE.iceRestart,
			text: t(
				`ICE restart: new ice-ufrag/ice-pwd in mid(s) ${iceRestart.join(', ')}. Candidates are gathered again and a new path is chosen; restartIce() (or createOffer({ iceRestart: true })) does this.`,
				`ICE 重启：mid ${iceRestart.join('、')} 的 ice-ufrag/ice-pwd 换了新值。候选会重新收集，并重新选择路径；restartIce()（或 createOffer({ iceRestart: true })）会这样做。`
			)
		});
	}
	if (dtlsChange) {
		head.push({
			topic: 'fingerprint',
			severity: 'warning',
			rule: RULE.fingerprint,
			text: t(
				'The certificate fingerprint changed: a new DTLS handshake (and new SRTP keys) follows.',
				'证书指纹变了：会重新进行 DTLS 握手（并生成新的 SRTP 密钥）。'
			)
		});
	}
	return {
		sameSession,
		versionBefore,
		versionAfter,
		versionChange,
		iceRestart,
		dtlsChange,
		identical,
		sections,
		items: [...head, ...items]
	};
}
