// Our one wrapper around sdp-transform: SDP text in, our own types out, never an exception.
//
// Two passes over the text, both linear:
//   1. our own line walk keeps EVERY input line (numbered, with level, key, explanation and
//      problems) — that is what a student reads;
//   2. sdp-transform's `parse` over the same lines (sanitised) gives the structured view.
// A few fields sdp-transform's grammar misses in real browser output (Firefox's `{uuid}` msid,
// Chrome's `msid-semantic: WMS` without a token, raw candidate strings) are read from pass 1.
//
// SDP: RFC 8866. Offer/answer: RFC 3264. WebRTC's use of both (JSEP): RFC 9429 (formerly RFC 8829).
import { parse as transformParse } from 'sdp-transform';
import {
	explainLine,
	plainApi,
	splitLine,
	staticPayloadTypes,
	type SdpAttributeLevel
} from './attributes';
import type { Localized } from '../locale';
import { candidateProblemText, type CandidateProblem } from '../ice/candidate';
import { lintSdp, type SdpLintCode } from './lint';

export type SdpDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
export type SdpLevel = 'session' | 'media';

export interface SdpFingerprint {
	/** Hash function, e.g. `sha-256`. */
	type: string;
	hash: string;
}

export interface SdpOrigin {
	username: string;
	/** Kept as text: 64-bit numbers do not fit in a JS number. */
	sessionId: string;
	sessionVersion: string;
	address: string;
}

export interface SdpGroup {
	semantics: string;
	mids: string[];
}

export interface SdpCodec {
	payloadType: number;
	name: string;
	clockRate?: number;
	channels?: number;
	fmtp?: string;
	/** `nack`, `nack pli`, `transport-cc`, … (a=rtcp-fb for this payload type or `*`). */
	rtcpFb: string[];
}

export interface SdpExtmap {
	id: number;
	uri: string;
	direction?: string;
}

export interface SdpSsrc {
	id: number;
	attribute: string;
	value?: string;
}

export interface SdpSsrcGroup {
	semantics: string;
	ssrcs: number[];
}

export interface SdpRid {
	id: string;
	direction: string;
	params?: string;
}

export interface SdpMsid {
	stream: string;
	track: string;
}

export interface SdpBandwidth {
	type: string;
	limit: number;
}

export interface SdpSession {
	version?: number;
	origin?: SdpOrigin;
	name?: string;
	timing?: { start: number; stop: number };
	connection?: { ipVersion: number; address: string };
	bandwidth: SdpBandwidth[];
	groups: SdpGroup[];
	/** The mids of each a=group:BUNDLE (RFC 9143). */
	bundle: string[][];
	msidSemantic?: { semantic: string; streams: string[] };
	iceUfrag?: string;
	icePwd?: string;
	iceOptions: string[];
	iceLite: boolean;
	fingerprint?: SdpFingerprint;
	setup?: string;
	/** Session-level direction, the default for every section (RFC 8866 §6.7). */
	direction?: SdpDirection;
	extmapAllowMixed: boolean;
}

export interface SdpMedia {
	index: number;
	/** Line number of the m= line and of the section's last line. */
	firstLine: number;
	lastLine: number;
	mid?: string;
	kind: 'audio' | 'video' | 'application' | (string & {});
	port: number;
	/** Port 0: the section is rejected or stopped (RFC 3264 §6, §8.2). */
	rejected: boolean;
	protocol: string;
	/** The format list of the m= line, in preference order. */
	formats: string[];
	/** Effective direction: the section's own, else the session's, else sendrecv. */
	direction: SdpDirection;
	codecs: SdpCodec[];
	connection?: { ipVersion: number; address: string };
	bandwidth: SdpBandwidth[];
	// ICE and DTLS values fall back to the session level when the section has none
	// (RFC 8839 §5.4, RFC 8122 §5).
	iceUfrag?: string;
	icePwd?: string;
	iceOptions: string[];
	fingerprint?: SdpFingerprint;
	setup?: string;
	msid: SdpMsid[];
	sctpPort?: number;
	maxMessageSize?: number;
	rtcpMux: boolean;
	rtcpRsize: boolean;
	extmaps: SdpExtmap[];
	ssrcs: SdpSsrc[];
	ssrcGroups: SdpSsrcGroup[];
	rids: SdpRid[];
	simulcast?: string;
	ptime?: number;
	/** Raw `candidate:...` values (the a= prefix removed), as an icecandidate event carries them. */
	candidates: string[];
	endOfCandidates: boolean;
}

/** Problems found line by line, with their texts in `problemText` below. */
export type SdpLineProblemCode =
	| 'empty-input'
	| 'empty-line'
	| 'malformed-line'
	| 'invalid-characters'
	| 'line-too-long'
	| 'first-line-not-version'
	| 'unknown-type'
	| 'wrong-level'
	| 'wrong-order'
	| 'repeated-line'
	| 'bad-value'
	| 'missing-line'
	| 'no-media'
	| 'bundle-unknown-mid'
	| 'bad-candidate'
	| 'no-formats';

/** Line problems, and the whole-description findings of lint.ts (which brings its own texts). */
export type SdpProblemCode = SdpLineProblemCode | SdpLintCode;

export interface SdpProblem {
	line?: number;
	code: SdpProblemCode;
	/** English text (same as `text.en`). */
	message: string;
	text: Localized;
}

export interface SdpLine {
	/** 1-based. */
	number: number;
	/** The line as given, trailing whitespace (and the CR of CRLF) removed. */
	text: string;
	/** Where the line sits: before the first m= (session) or inside a media section. */
	level: SdpLevel;
	/** Where the knowledge table says it belongs (known lines only). */
	allowedLevel?: SdpAttributeLevel;
	mediaIndex?: number;
	/** `v`, `o`, `a=rtpmap`, … or `''` when the line has no `x=` form. */
	key: string;
	known: boolean;
	explanation?: Localized;
	/** The reference (RFC or draft section), e.g. `RFC 8866 §5.1`. */
	rfc?: string;
	/** A remark on the reference ("replaced by RFC 8841") in both languages. */
	rfcNote?: Localized;
	/** The API that controls the line, English, as plain text (see `apiText`). */
	api?: string;
	/** The API note in both languages; identifiers are between backticks (`code`). */
	apiText?: Localized;
	/**
	 * Values of a known key that the knowledge tables do not know: a codec, an extension URI,
	 * an fmtp parameter, an rtcp-fb type, an ssrc attribute, an ice-options token….
	 */
	unrecognised?: string[];
	problem?: string;
}

export interface ParsedSdp {
	session: SdpSession;
	media: SdpMedia[];
	lines: SdpLine[];
	problems: SdpProblem[];
}

// ---------------------------------------------------------------------------------------------
// Problems, as data
// ---------------------------------------------------------------------------------------------

const problemText: Record<
	SdpLineProblemCode,
	(arg: string, candidate?: CandidateProblem) => Localized
> = {
	'empty-input': () => ({ en: 'The SDP is empty.', 'zh-CN': 'SDP 是空的。' }),
	'empty-line': () => ({
		en: 'Empty line: SDP has no blank lines.',
		'zh-CN': '空行：SDP 中不应有空行。'
	}),
	'malformed-line': () => ({
		en: 'Not an SDP line: expected one lowercase letter, "=", then the value (RFC 8866 §5).',
		'zh-CN': '这不是 SDP 行：应为一个小写字母、"="，然后是值（RFC 8866 §5）。'
	}),
	'invalid-characters': () => ({
		en: 'Contains control or binary characters; SDP is UTF-8 text.',
		'zh-CN': '包含控制字符或二进制数据；SDP 应为 UTF-8 文本。'
	}),
	'line-too-long': (max) => ({
		en: `Line longer than ${max} characters; not interpreted.`,
		'zh-CN': `该行超过 ${max} 个字符，不做解析。`
	}),
	'first-line-not-version': () => ({
		en: 'The first line must be v=0 (RFC 8866 §5).',
		'zh-CN': '第一行必须是 v=0（RFC 8866 §5）。'
	}),
	'unknown-type': (type) => ({
		en: `Unknown line type "${type}=".`,
		'zh-CN': `未知的行类型 "${type}="。`
	}),
	'wrong-level': (where) => ({
		en: `This line belongs ${where}.`,
		'zh-CN': where.startsWith('at session')
			? '这一行应放在会话级（第一个 m= 之前）。'
			: '这一行应放在媒体段中（某个 m= 之后）。'
	}),
	'wrong-order': (arg) => {
		const [type, after] = arg.split(' ');
		return {
			en: `${type}= comes after ${after}=, but RFC 8866 §5 puts it before (session: v o s i u e p c b t r z k a; media: m i c b k a).`,
			'zh-CN': `${type}= 出现在 ${after}= 之后，但 RFC 8866 §5 规定它应在前面（会话级：v o s i u e p c b t r z k a；媒体级：m i c b k a）。`
		};
	},
	'repeated-line': (type) => ({
		en: `A second ${type}= line: the session has exactly one (RFC 8866 §5).`,
		'zh-CN': `重复的 ${type}= 行：一个会话只能有一行（RFC 8866 §5）。`
	}),
	'bad-value': (form) => ({
		en: `Unexpected value; the form is: ${form}`,
		'zh-CN': `值的格式不对；应为：${form}`
	}),
	'missing-line': (type) => ({
		en: `Missing required ${type}= line.`,
		'zh-CN': `缺少必需的 ${type}= 行。`
	}),
	'no-media': () => ({
		en: 'No m= section: nothing would be negotiated.',
		'zh-CN': '没有 m= 媒体段：没有任何内容可以协商。'
	}),
	'bundle-unknown-mid': (mid) => ({
		en: `BUNDLE names mid "${mid}", but no section has that mid.`,
		'zh-CN': `BUNDLE 中列出了 mid "${mid}"，但没有任何媒体段使用这个 mid。`
	}),
	'bad-candidate': (_, candidate) => {
		const why = candidate ? candidateProblemText(candidate) : { en: '', 'zh-CN': '' };
		return {
			en: `Not a valid ICE candidate (RFC 8839 §5.1): ${why.en}.`,
			'zh-CN': `不是有效的 ICE 候选（RFC 8839 §5.1）：${why['zh-CN']}。`
		};
	},
	'no-formats': () => ({
		en: 'The m= line lists no formats; RFC 8866 §5.14 requires at least one (even a rejected section keeps them).',
		'zh-CN': 'm= 行没有列出任何格式；RFC 8866 §5.14 要求至少一个（被拒绝的媒体段也要保留格式）。'
	})
};
/** Lines longer than this are listed but not interpreted (keeps every regex cheap). */
export const maxInterpretedLineLength = 16384;

// Types defined by RFC 8866 §5 (k= is obsolete but still a type).
const knownTypes = new Set([
	'v',
	'o',
	's',
	'i',
	'u',
	'e',
	'p',
	'c',
	'b',
	't',
	'r',
	'z',
	'k',
	'a',
	'm'
]);
// Lines RFC 8866 §5 requires once at session level.
const requiredSessionTypes = ['v', 'o', 's', 't'];
// The order of line types (RFC 8866 §5): rank within the session part and within a media
// section. r= repeats a t= (t r t r … is fine), so they share a rank.
// prettier-ignore
const sessionOrder: Record<string, number> = {
	v: 0, o: 1, s: 2, i: 3, u: 4, e: 5, p: 6, c: 7, b: 8, t: 9, r: 9, z: 10, k: 11, a: 12
};
const mediaOrder: Record<string, number> = { m: 0, i: 1, c: 2, b: 3, k: 4, a: 5 };
const onceAtSession = new Set(['v', 'o', 's']);
// C0 controls except tab, DEL, and U+FFFD (what a decoder leaves for invalid bytes).
// eslint-disable-next-line no-control-regex
const invalidChars = /[\u0000-\u0008\u000A-\u001F\u007F\uFFFD]/;
// eslint-disable-next-line no-control-regex
const invalidCharsGlobal = /[\u0000-\u0008\u000A-\u001F\u007F]/g;

function isDirection(value: unknown): value is SdpDirection {
	return (
		value === 'sendrecv' || value === 'sendonly' || value === 'recvonly' || value === 'inactive'
	);
}

// sdp-transform turns number-looking fields into numbers (mid "0" → 0); we keep text as text.
const str = (value: unknown): string | undefined =>
	value === undefined || value === null ? undefined : String(value);
const num = (value: unknown): number | undefined => {
	if (value === undefined || value === null || value === '') return undefined;
	const n = Number(value);
	return Number.isFinite(n) ? n : undefined;
};
const tokens = (value: unknown): string[] =>
	value === undefined || value === null ? [] : String(value).split(/\s+/).filter(Boolean);

type Loose = Record<string, unknown>;
const obj = (value: unknown): Loose | undefined =>
	value !== null && typeof value === 'object' ? (value as Loose) : undefined;
const arr = (value: unknown): Loose[] =>
	Array.isArray(value) ? value.map((item) => obj(item) ?? {}) : [];

function fingerprintOf(value: unknown): SdpFingerprint | undefined {
	const fp = obj(value);
	if (!fp) return undefined;
	return { type: str(fp.type) ?? '', hash: str(fp.hash) ?? '' };
}

function connectionOf(value: unknown): { ipVersion: number; address: string } | undefined {
	const c = obj(value);
	if (!c) return undefined;
	return { ipVersion: num(c.version) ?? 4, address: str(c.ip) ?? '' };
}

function bandwidthOf(value: unknown): SdpBandwidth[] {
	return arr(value).map((b) => ({ type: str(b.type) ?? '', limit: num(b.limit) ?? 0 }));
}

/** Facts pass 1 collects per m-section for fields the grammar misses. */
interface SectionFacts {
	firstLine: number;
	lastLine: number;
	msid: SdpMsid[];
	candidates: string[];
	endOfCandidates: boolean;
	/** sdp-transform keeps only the first token of a=ice-options. */
	iceOptions: string[];
}

function buildCodecs(m: Loose, formats: string[], isRtp: boolean): SdpCodec[] {
	if (!isRtp) return [];
	const rtp = new Map<number, Loose>();
	for (const entry of arr(m.rtp)) {
		const pt = num(entry.payload);
		if (pt !== undefined && !rtp.has(pt)) rtp.set(pt, entry);
	}
	const fmtp = new Map<number, string>();
	for (const entry of arr(m.fmtp)) {
		const pt = num(entry.payload);
		const config = str(entry.config);
		if (pt === undefined || config === undefined) continue;
		const existing = fmtp.get(pt);
		fmtp.set(pt, existing ? `${existing};${config}` : config);
	}
	// a=rtcp-fb:* applies to every payload type (RFC 4585 §4.2).
	const feedback = new Map<string, string[]>();
	const addFeedback = (payload: unknown, text: string) => {
		const key = str(payload) ?? '';
		const list = feedback.get(key) ?? [];
		list.push(text);
		feedback.set(key, list);
	};
	for (const fb of arr(m.rtcpFb)) {
		addFeedback(fb.payload, [str(fb.type), str(fb.subtype)].filter(Boolean).join(' '));
	}
	for (const fb of arr(m.rtcpFbTrrInt)) addFeedback(fb.payload, `trr-int ${str(fb.value) ?? ''}`);

	const codecs: SdpCodec[] = [];
	for (const format of formats) {
		if (!/^\d+$/.test(format)) continue;
		const payloadType = Number(format);
		const map = rtp.get(payloadType);
		const fallback = staticPayloadTypes[payloadType];
		const codec: SdpCodec = {
			payloadType,
			name: str(map?.codec) ?? fallback?.name ?? '',
			clockRate: num(map?.rate) ?? fallback?.clockRate,
			rtcpFb: [...(feedback.get(format) ?? []), ...(feedback.get('*') ?? [])]
		};
		const channels = map ? num(map.encoding) : fallback?.channels;
		if (channels !== undefined) codec.channels = channels;
		const config = fmtp.get(payloadType);
		if (config !== undefined) codec.fmtp = config;
		codecs.push(codec);
	}
	return codecs;
}

function buildMedia(m: Loose, index: number, session: SdpSession, facts: SectionFacts): SdpMedia {
	const port = num(m.port) ?? 0;
	const protocol = str(m.protocol) ?? '';
	const formats = tokens(m.payloads);
	const ownDirection = isDirection(m.direction) ? m.direction : undefined;
	const iceOptions = facts.iceOptions;
	const media: SdpMedia = {
		index,
		firstLine: facts.firstLine,
		lastLine: facts.lastLine,
		mid: str(m.mid),
		kind: str(m.type) ?? '',
		port,
		rejected: port === 0,
		protocol,
		formats,
		direction: ownDirection ?? session.direction ?? 'sendrecv',
		codecs: buildCodecs(m, formats, protocol.includes('RTP')),
		connection: connectionOf(m.connection),
		bandwidth: bandwidthOf(m.bandwidth),
		iceUfrag: str(m.iceUfrag) ?? session.iceUfrag,
		icePwd: str(m.icePwd) ?? session.icePwd,
		iceOptions: iceOptions.length > 0 ? iceOptions : session.iceOptions,
		fingerprint: fingerprintOf(m.fingerprint) ?? session.fingerprint,
		setup: str(m.setup) ?? session.setup,
		msid: facts.msid,
		sctpPort: num(m.sctpPort) ?? num(obj(m.sctpmap)?.sctpmapNumber),
		maxMessageSize: num(m.maxMessageSize) ?? num(obj(m.sctpmap)?.maxMessageSize),
		rtcpMux: m.rtcpMux !== undefined,
		rtcpRsize: m.rtcpRsize !== undefined,
		extmaps: arr(m.ext).map((ext) => {
			const extmap: SdpExtmap = { id: num(ext.value) ?? 0, uri: str(ext.uri) ?? '' };
			const direction = str(ext.direction);
			if (direction) extmap.direction = direction;
			return extmap;
		}),
		ssrcs: arr(m.ssrcs).map((s) => {
			const ssrc: SdpSsrc = { id: num(s.id) ?? 0, attribute: str(s.attribute) ?? '' };
			const value = str(s.value);
			if (value !== undefined) ssrc.value = value;
			return ssrc;
		}),
		ssrcGroups: arr(m.ssrcGroups).map((g) => ({
			semantics: str(g.semantics) ?? '',
			ssrcs: tokens(g.ssrcs).map(Number).filter(Number.isFinite)
		})),
		rids: arr(m.rids).map((r) => {
			const rid: SdpRid = { id: str(r.id) ?? '', direction: str(r.direction) ?? '' };
			const params = str(r.params);
			if (params !== undefined) rid.params = params;
			return rid;
		}),
		simulcast: (() => {
			const sim = obj(m.simulcast);
			if (!sim) return undefined;
			return [str(sim.dir1), str(sim.list1), str(sim.dir2), str(sim.list2)]
				.filter(Boolean)
				.join(' ');
		})(),
		ptime: num(m.ptime),
		candidates: facts.candidates,
		endOfCandidates: facts.endOfCandidates
	};
	return media;
}

function emptySession(): SdpSession {
	return {
		bandwidth: [],
		groups: [],
		bundle: [],
		iceOptions: [],
		iceLite: false,
		extmapAllowMixed: false
	};
}

function buildSession(
	s: Loose,
	msidSemantic: SdpSession['msidSemantic'],
	iceOptions: string[]
): SdpSession {
	const session = emptySession();
	session.version = num(s.version);
	const origin = obj(s.origin);
	if (origin) {
		session.origin = {
			username: str(origin.username) ?? '',
			sessionId: str(origin.sessionId) ?? '',
			sessionVersion: str(origin.sessionVersion) ?? '',
			address: str(origin.address) ?? ''
		};
	}
	session.name = str(s.name);
	const timing = obj(s.timing);
	if (timing) session.timing = { start: num(timing.start) ?? 0, stop: num(timing.stop) ?? 0 };
	session.connection = connectionOf(s.connection);
	session.bandwidth = bandwidthOf(s.bandwidth);
	session.groups = arr(s.groups).map((g) => ({
		semantics: str(g.type) ?? '',
		mids: tokens(g.mids)
	}));
	session.bundle = session.groups.filter((g) => g.semantics === 'BUNDLE').map((g) => g.mids);
	session.msidSemantic = msidSemantic;
	session.iceUfrag = str(s.iceUfrag);
	session.icePwd = str(s.icePwd);
	session.iceOptions = iceOptions;
	session.iceLite = s.icelite !== undefined;
	session.fingerprint = fingerprintOf(s.fingerprint);
	session.setup = str(s.setup);
	session.direction = isDirection(s.direction) ? s.direction : undefined;
	session.extmapAllowMixed = s.extmapAllowMixed !== undefined;
	return session;
}

/** Parses SDP text. Never throws: whatever is wrong ends up in `problems`. */
export function parseSdp(text: string): ParsedSdp {
	const input = typeof text === 'string' ? text : '';
	const lines: SdpLine[] = [];
	const problems: SdpProblem[] = [];
	const addProblem = (
		code: SdpLineProblemCode,
		arg = '',
		line?: SdpLine,
		candidate?: CandidateProblem
	) => {
		const localized = problemText[code](arg, candidate);
		problems.push({ line: line?.number, code, message: localized.en, text: localized });
		if (line) line.problem = line.problem ? `${line.problem} ${localized.en}` : localized.en;
	};

	// Lines end with CRLF (RFC 8866 §5), but a lone LF is accepted too. A final line break
	// does not start another line.
	const raw = input.split(/\r?\n/);
	if (raw.length > 0 && raw[raw.length - 1] === '') raw.pop();
	if (raw.every((line) => line.trim() === '')) {
		addProblem('empty-input');
		return { session: emptySession(), media: [], lines: [], problems };
	}

	// The codec of each payload type, per m-section, so a=fmtp is explained for its codec
	// (profile-id means one thing for VP9 and another for H.265; "111/111" is RED's).
	const rtpmaps: Map<string, string>[] = [];
	for (const rawLine of raw) {
		if (rawLine.startsWith('m=')) rtpmaps.push(new Map());
		else if (rawLine.startsWith('a=rtpmap:')) {
			const map = /^a=rtpmap:(\d+) ([^\s/]+)/.exec(rawLine);
			if (map) rtpmaps[rtpmaps.length - 1]?.set(map[1]!, map[2]!);
		}
	}
	const codecOf = (section: number) => (pt: string) =>
		rtpmaps[section]?.get(pt) ??
		(/^\d+$/.test(pt) ? staticPayloadTypes[Number(pt)]?.name : undefined);

	const forTransform: string[] = [];
	const sections: SectionFacts[] = [];
	let sessionMsidSemantic: SdpSession['msidSemantic'];
	const sessionIceOptions: string[] = [];
	const seenTypes = new Set<string>();
	const bundleLines: { line: SdpLine; mids: string[] }[] = [];
	// Last line type seen in the current part (session or the current m-section), for order.
	let lastType = '';

	for (let i = 0; i < raw.length; i++) {
		const textLine = (raw[i] ?? '').replace(/\s+$/, '');
		const section = sections[sections.length - 1];
		const isM = textLine.startsWith('m=');
		const line: SdpLine = {
			number: i + 1,
			text: textLine,
			level: isM || section ? 'media' : 'session',
			key: '',
			known: false
		};
		if (isM) {
			sections.push({
				firstLine: line.number,
				lastLine: line.number,
				msid: [],
				candidates: [],
				endOfCandidates: false,
				iceOptions: []
			});
		} else if (section) {
			section.lastLine = line.number;
		}
		if (line.level === 'media') line.mediaIndex = sections.length - 1;
		lines.push(line);
		const current = sections[sections.length - 1];

		if (textLine === '') {
			addProblem('empty-line', '', line);
			continue;
		}
		const hasInvalid = invalidChars.test(textLine);
		if (hasInvalid) addProblem('invalid-characters', '', line);
		if (i === 0 && textLine !== 'v=0') addProblem('first-line-not-version', '', line);
		if (!/^[a-z]=/.test(textLine)) {
			addProblem('malformed-line', '', line);
			continue;
		}
		const type = textLine[0] ?? '';
		seenTypes.add(type);
		if (textLine.length > maxInterpretedLineLength) {
			line.key = splitLine(textLine).key.slice(0, 64);
			addProblem('line-too-long', String(maxInterpretedLineLength), line);
			// Keep the m= line (truncated) so sdp-transform's sections stay aligned with ours.
			if (isM) forTransform.push(textLine.slice(0, maxInterpretedLineLength));
			continue;
		}
		if (!knownTypes.has(type)) addProblem('unknown-type', type, line);
		else {
			if (isM) lastType = '';
			const order = line.level === 'session' ? sessionOrder : mediaOrder;
			const rank = order[type];
			const lastRank = order[lastType];
			if (rank !== undefined) {
				if (lastRank !== undefined && rank < lastRank) {
					addProblem('wrong-order', `${type} ${lastType}`, line);
				} else if (line.level === 'session' && onceAtSession.has(type) && lastType === type) {
					addProblem('repeated-line', type, line);
				}
				if (lastRank === undefined || rank >= lastRank) lastType = type;
			}
		}

		const explained = explainLine(textLine, { codecOf: codecOf(sections.length - 1) });
		line.key = explained.key;
		if (explained.info) {
			const info = explained.info;
			line.known = true;
			line.allowedLevel = info.level;
			line.explanation = explained.explanation;
			line.rfc = info.rfc;
			if (info.rfcNote) line.rfcNote = info.rfcNote;
			if (explained.api) {
				line.apiText = explained.api;
				line.api = plainApi(explained.api.en);
			}
			if (explained.unrecognised.length > 0) line.unrecognised = explained.unrecognised;
			if (explained.badValue) addProblem('bad-value', info.form ?? info.sample, line);
			else if (explained.candidateError !== undefined) {
				addProblem('bad-candidate', '', line, explained.candidateError);
			} else if (isM && explained.value.trim().split(/\s+/).length < 4) {
				addProblem('no-formats', '', line);
			}
			if (info.level === 'session' && line.level === 'media') {
				addProblem('wrong-level', 'at session level, before the first m=', line);
			} else if (info.level === 'media' && line.level === 'session' && !isM) {
				addProblem('wrong-level', 'inside a media section, after an m= line', line);
			}
		}

		// Facts the grammar misses (see the header comment).
		const value = explained.value;
		if (current && line.level === 'media') {
			if (explained.key === 'a=msid') {
				const [stream = '', track = ''] = value.split(/\s+/);
				current.msid.push({ stream, track });
			} else if (explained.key === 'a=candidate') {
				current.candidates.push(textLine.slice(2));
			} else if (explained.key === 'a=end-of-candidates') {
				current.endOfCandidates = true;
			}
		}
		if (explained.key === 'a=ice-options') {
			const list = tokens(value);
			if (current && line.level === 'media') current.iceOptions.push(...list);
			else if (line.level === 'session') sessionIceOptions.push(...list);
		}
		if (explained.key === 'a=group' && line.level === 'session') {
			const [semantics, ...mids] = value.split(/\s+/);
			if (semantics === 'BUNDLE') bundleLines.push({ line, mids });
		}
		if (explained.key === 'a=msid-semantic' && line.level === 'session') {
			// a=msid-semantic: WMS [stream-id ...]
			const [semantic = '', ...streams] = value.trim().split(/\s+/);
			sessionMsidSemantic = { semantic, streams };
		}

		forTransform.push(hasInvalid ? textLine.replace(invalidCharsGlobal, '\uFFFD') : textLine);
	}

	for (const type of requiredSessionTypes) {
		if (!seenTypes.has(type)) addProblem('missing-line', type);
	}
	if (sections.length === 0) addProblem('no-media');

	let parsed: Loose = {};
	try {
		parsed = obj(transformParse(forTransform.join('\n'))) ?? {};
	} catch {
		// sdp-transform does not throw on text, but a wrapper that promises never to throw
		// should not depend on that.
		parsed = {};
	}
	const session = buildSession(parsed, sessionMsidSemantic, sessionIceOptions);
	const parsedMedia = arr(parsed.media);
	const media = sections.map((facts, index) =>
		buildMedia(parsedMedia[index] ?? {}, index, session, facts)
	);

	const mids = new Set(media.map((m) => m.mid).filter((mid) => mid !== undefined));
	for (const group of bundleLines) {
		for (const mid of group.mids) {
			if (!mids.has(mid)) addProblem('bundle-unknown-mid', mid, group.line);
		}
	}
	const result: ParsedSdp = { session, media, lines, problems };
	// Whole-description checks (lint.ts). Kept total: a failure there never escapes parseSdp.
	try {
		for (const problem of lintSdp(result)) {
			problems.push(problem);
			const line = problem.line === undefined ? undefined : lines[problem.line - 1];
			if (line)
				line.problem = line.problem ? `${line.problem} ${problem.message}` : problem.message;
		}
	} catch {
		// The line-level result stands on its own.
	}
	// In reading order; problems about the whole SDP last (Array.prototype.sort is stable).
	problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
	return result;
}
