/**
 * ICE candidate lines: parse them, split their priority, and compute pair priorities.
 *
 * A candidate is what `RTCPeerConnection` hands you in `icecandidate` events and what appears in
 * SDP as `a=candidate:` lines. The grammar is RFC 8839 §5.1:
 *
 *   candidate-attribute = "candidate" ":" foundation SP component-id SP transport SP priority SP
 *                         connection-address SP port SP "typ" SP cand-type
 *                         [SP "raddr" SP connection-address] [SP "rport" SP port]
 *                         *(SP extension-att-name SP extension-att-value)
 *
 * Pure: no DOM, no WebRTC globals. Never throws; bad input gives `{ ok: false, problem }`, the
 * problem as data that `candidateProblemText` words in each language.
 */

import { inLocale, localized, type Locale, type Localized } from '../locale';

/** RFC 8445 §5.1.1: how the candidate was obtained. */
export type CandidateType = 'host' | 'srflx' | 'prflx' | 'relay';

/** RFC 6544 §4.5: the role a TCP candidate plays when connections are opened. */
export type TcpType = 'active' | 'passive' | 'so';

export type CandidateProtocol = 'udp' | 'tcp';

/**
 * What kind of thing sits in the connection-address field.
 * `mdns`: a random `<uuid>.local` name that hides the host IP
 * (draft-ietf-mmusic-mdns-ice-candidates); `hostname`: any other DNS name (RFC 8839 §5.1 allows
 * FQDNs, though browsers never emit them).
 */
export type AddressKind = 'ipv4' | 'ipv6' | 'mdns' | 'hostname';

/**
 * Transport between the browser and its TURN server, as libwebrtc (Chrome, Edge, Safari) encodes it
 * in the *type preference* of relay candidates. Chromium 156, captured against coturn
 * (fixtures/chromium-candidates.json): 3 = UDP, 1 = TCP, 0 = TLS. libwebrtc's port.h table
 * (`ICE_TYPE_PREFERENCE_RELAY_*`) names 2 for UDP, so 2 reads as UDP too. Firefox uses other values
 * (5 for UDP), so this is a hint, only set for relay candidates with type preference 0–3; the
 * browser's own `RTCIceCandidate.relayProtocol` wins where it gives one (Chromium leaves it null
 * for UDP).
 */
export type RelayProtocolHint = 'udp' | 'tcp' | 'tls';

/** The three fields packed into a 32-bit candidate priority (RFC 8445 §5.1.2.1). */
export interface PriorityParts {
	/** 0–126, the top 8 bits. RFC 8445 §5.1.2.2 recommends host 126, prflx 110, srflx 100, relay 0. */
	typePreference: number;
	/** 0–65535, the middle 16 bits: preference among the agent's own interfaces / addresses. */
	localPreference: number;
	/** 1–255, the low 8 bits: 256 − component ID, so RTP (1) gets 255 and RTCP (2) gets 254. */
	componentPreference: number;
}

export interface ParsedCandidate {
	/** Same foundation = same type, base IP, server and transport (RFC 8445 §5.1.1.3). */
	foundation: string;
	/** 1 = RTP, 2 = RTCP (RFC 8445 §5.1.1). With rtcp-mux / BUNDLE only component 1 exists. */
	component: number;
	protocol: CandidateProtocol;
	priority: number;
	priorityParts: PriorityParts;
	address: string;
	addressKind: AddressKind;
	port: number;
	type: CandidateType;
	/** raddr: the base for srflx/prflx, the mapped address for relay (RFC 8839 §5.1). */
	relatedAddress?: string;
	relatedPort?: number;
	tcpType?: TcpType;
	/** Non-standard (libwebrtc): bumped on each ICE restart. */
	generation?: number;
	/** Non-standard (libwebrtc): the ICE username fragment this candidate belongs to. */
	ufrag?: string;
	/** Non-standard (libwebrtc): `network-id`, which local network interface gathered it. */
	networkId?: number;
	/** Non-standard (libwebrtc): `network-cost`, 0–999, higher = more expensive (cellular). */
	networkCost?: number;
	relayProtocolHint?: RelayProtocolHint;
	/** Any other `name value` pairs, in order of appearance. */
	extensions: Record<string, string>;
}

/** A required field of a candidate line, in grammar order (RFC 8839 §5.1). */
export type CandidateField =
	'foundation' | 'component' | 'transport' | 'priority' | 'address' | 'port' | 'typ' | 'type';

/**
 * What is wrong with a candidate line, as data: a code, plus the offending piece as written
 * (`value`, shortened to 40 characters), the extension it is about (`key`) or the field that is
 * missing. `candidateProblemText` words it in each language.
 */
export type CandidateProblem =
	| { code: 'not-a-string' }
	| { code: 'too-long'; length: number; limit: number }
	| { code: 'empty' }
	| { code: 'no-prefix' }
	| { code: 'missing'; field: CandidateField }
	| {
			code:
				| 'bad-foundation'
				| 'bad-component'
				| 'bad-transport'
				| 'bad-priority'
				| 'bad-address'
				| 'bad-port'
				| 'no-typ'
				| 'bad-type'
				| 'bad-extension-name'
				| 'bad-related-address'
				| 'bad-related-port'
				| 'bad-tcptype'
				| 'bad-ufrag';
			value: string;
	  }
	| { code: 'no-value' | 'duplicate'; key: string }
	| { code: 'bad-number' | 'bad-extension-value'; key: string; value: string }
	| { code: 'tcptype-on-udp'; protocol: string };

export type CandidateParseResult =
	{ ok: true; candidate: ParsedCandidate } | { ok: false; problem: CandidateProblem };

/**
 * One entry of a gathering log, as the lab records `icecandidate` events.
 * `candidate: null` is the end-of-candidates marker (the event with `event.candidate === null`);
 * `atMs` is milliseconds since gathering began.
 */
export type CandidateEntry = {
	candidate: string | null;
	sdpMid: string | null;
	atMs: number;
	/** `RTCIceCandidate.relayProtocol` as the browser reported it (relay candidates only). */
	relayProtocol?: RelayProtocolHint | null;
};

/** The browser's `relayProtocol` value, when it is one of the three TURN transports. */
export function asRelayProtocol(value: unknown): RelayProtocolHint | null {
	return value === 'udp' || value === 'tcp' || value === 'tls' ? value : null;
}

export const candidateTypes: readonly CandidateType[] = ['host', 'srflx', 'prflx', 'relay'];
export const tcpTypes: readonly TcpType[] = ['active', 'passive', 'so'];

/** Real lines are ~150 characters; anything far longer is not a candidate. */
export const maxCandidateLength = 4096;

const MAX_PRIORITY = 2 ** 31 - 1;

/** RFC 8839 §5.1: foundation = 1*32 ice-char, ice-char = ALPHA / DIGIT / "+" / "/". */
const FOUNDATION = /^[A-Za-z0-9+/]{1,32}$/;
const DIGITS = /^[0-9]+$/;
/** RFC 4566 token characters, used for extension names and values and the transport. */
const TOKEN = /^[!#$%&'*+\-.^_`{|}~A-Za-z0-9]+$/;
const HOST_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/** Fields before the extensions, in grammar order. */
const REQUIRED_FIELDS: readonly CandidateField[] = [
	'foundation',
	'component',
	'transport',
	'priority',
	'address',
	'port',
	'typ',
	'type'
];

function isCandidateType(value: string): value is CandidateType {
	return (candidateTypes as readonly string[]).includes(value);
}

function isTcpType(value: string): value is TcpType {
	return (tcpTypes as readonly string[]).includes(value);
}

/** Shorten user input quoted in problems. */
function quote(value: string): string {
	return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}

function parseUnsigned(value: string, max: number): number | undefined {
	if (!DIGITS.test(value) || value.length > 10) return undefined;
	const n = Number(value);
	return n <= max ? n : undefined;
}

function isIpv4(value: string): boolean {
	const parts = value.split('.');
	return (
		parts.length === 4 &&
		parts.every((p) => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255 && (p === '0' || p[0] !== '0'))
	);
}

/** RFC 4291 §2.2 text forms, including `::` compression and an embedded IPv4 tail. */
function isIpv6(value: string): boolean {
	// A zone index (fe80::1%eth0) is not valid in SDP, so it is rejected here too.
	if (!/^[0-9A-Fa-f:.]+$/.test(value)) return false;
	const halves = value.split('::');
	if (halves.length > 2) return false;
	const groups = (half: string): string[] | undefined => (half === '' ? [] : half.split(':'));
	const head = groups(halves[0] ?? '');
	const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
	if (!head || !tail) return false;
	const all = [...head, ...tail];
	let count = 0;
	for (let i = 0; i < all.length; i++) {
		const g = all[i] ?? '';
		if (i === all.length - 1 && g.includes('.')) {
			if (!isIpv4(g)) return false;
			count += 2;
		} else if (/^[0-9A-Fa-f]{1,4}$/.test(g)) {
			count += 1;
		} else {
			return false;
		}
	}
	return halves.length === 2 ? count < 8 : count === 8;
}

function isHostname(value: string): boolean {
	const name = value.endsWith('.') ? value.slice(0, -1) : value;
	if (name.length === 0 || name.length > 253) return false;
	const labels = name.split('.');
	// RFC 3696 §2: a top-level label is never all digits, so "999.0.0.1" is a bad IPv4, not a name.
	if (/^[0-9]+$/.test(labels[labels.length - 1] ?? '')) return false;
	return labels.every((label) => HOST_LABEL.test(label));
}

/** Classify a connection-address, or `undefined` if it is none of the allowed forms. */
export function classifyAddress(address: string): AddressKind | undefined {
	if (isIpv4(address)) return 'ipv4';
	if (address.includes(':')) return isIpv6(address) ? 'ipv6' : undefined;
	if (!isHostname(address)) return undefined;
	// draft-ietf-mmusic-mdns-ice-candidates §3.1.1: a UUIDv4 followed by ".local".
	return /\.local\.?$/i.test(address) ? 'mdns' : 'hostname';
}

function clampInt(value: number, min: number, max: number): number {
	if (!Number.isFinite(value)) return min;
	return Math.min(max, Math.max(min, Math.trunc(value)));
}

/**
 * RFC 8445 §5.1.2.1:
 *   priority = (2^24)·(type preference) + (2^8)·(local preference) + (2^0)·(256 − component ID)
 * Inputs outside 0…2^32−1 are clamped; never throws.
 */
export function splitPriority(priority: number): PriorityParts {
	const p = clampInt(priority, 0, 2 ** 32 - 1);
	return {
		typePreference: Math.floor(p / 2 ** 24),
		localPreference: Math.floor(p / 2 ** 8) % 2 ** 16,
		componentPreference: p % 2 ** 8
	};
}

/**
 * The inverse of {@link splitPriority} (RFC 8445 §5.1.2.1). Type preference is clamped to 0–126,
 * local preference to 0–65535 and component to 1–256.
 */
export function computePriority(parts: {
	typePreference: number;
	localPreference: number;
	component: number;
}): number {
	const type = clampInt(parts.typePreference, 0, 126);
	const local = clampInt(parts.localPreference, 0, 65535);
	const component = clampInt(parts.component, 1, 256);
	return type * 2 ** 24 + local * 2 ** 8 + (256 - component);
}

/**
 * RFC 8445 §6.1.2.3: with G the controlling agent's candidate priority and D the controlled's,
 *   pair priority = 2^32·MIN(G,D) + 2·MAX(G,D) + (G > D ? 1 : 0)
 * That needs up to 63 bits, beyond a double's exact range, hence `bigint`.
 */
export function candidatePairPriority(controlling: number, controlled: number): bigint {
	const g = BigInt(clampInt(controlling, 0, 2 ** 32 - 1));
	const d = BigInt(clampInt(controlled, 0, 2 ** 32 - 1));
	const min = g < d ? g : d;
	const max = g > d ? g : d;
	return (min << BigInt(32)) + BigInt(2) * max + (g > d ? BigInt(1) : BigInt(0));
}

/** libwebrtc's relay type preferences (see {@link RelayProtocolHint}). */
const relayHintByTypePreference: Record<number, RelayProtocolHint> = {
	0: 'tls',
	1: 'tcp',
	2: 'udp',
	3: 'udp'
};

/**
 * Parse one candidate line.
 *
 * Accepts what `RTCIceCandidate.candidate` holds and the SDP form:
 *   candidate:2628662140 1 udp 2113937151 f5f2….local 47387 typ host generation 0 ufrag RzES network-cost 999
 *   a=candidate:3569795512 1 udp 1677729535 203.0.113.7 61000 typ srflx raddr 0.0.0.0 rport 0
 */
export function parseCandidate(line: string): CandidateParseResult {
	const fail = (problem: CandidateProblem): CandidateParseResult => ({ ok: false, problem });
	if (typeof line !== 'string') return fail({ code: 'not-a-string' });
	if (line.length > maxCandidateLength) {
		return fail({ code: 'too-long', length: line.length, limit: maxCandidateLength });
	}
	let text = line.trim();
	if (text === '') return fail({ code: 'empty' });
	if (text.startsWith('a=')) text = text.slice(2);
	if (!text.startsWith('candidate:')) return fail({ code: 'no-prefix' });
	const tokens = text.slice('candidate:'.length).trim().split(/\s+/).filter(Boolean);
	for (let i = 0; i < REQUIRED_FIELDS.length; i++) {
		if (tokens[i] === undefined) return fail({ code: 'missing', field: REQUIRED_FIELDS[i]! });
	}
	const [foundation, componentText, transport, priorityText, address, portText, typ, typeText] =
		tokens as [string, string, string, string, string, string, string, string];

	if (!FOUNDATION.test(foundation))
		return fail({ code: 'bad-foundation', value: quote(foundation) });
	const component = parseUnsigned(componentText, 256);
	if (component === undefined || component < 1) {
		return fail({ code: 'bad-component', value: quote(componentText) });
	}
	// Transport tokens are case-insensitive: Firefox writes "UDP"/"TCP", Chrome "udp"/"tcp".
	const protocol = transport.toLowerCase();
	if (protocol !== 'udp' && protocol !== 'tcp') {
		return fail({ code: 'bad-transport', value: quote(transport) });
	}
	// RFC 8445 §5.1.2.1: "a positive integer between 1 and (2**31 − 1) inclusive".
	const priority = parseUnsigned(priorityText, MAX_PRIORITY);
	if (priority === undefined || priority < 1) {
		return fail({ code: 'bad-priority', value: quote(priorityText) });
	}
	const addressKind = classifyAddress(address);
	if (addressKind === undefined) return fail({ code: 'bad-address', value: quote(address) });
	const port = parseUnsigned(portText, 65535);
	if (port === undefined) return fail({ code: 'bad-port', value: quote(portText) });
	if (typ !== 'typ') return fail({ code: 'no-typ', value: quote(typ) });
	if (!isCandidateType(typeText)) return fail({ code: 'bad-type', value: quote(typeText) });

	const candidate: ParsedCandidate = {
		foundation,
		component,
		protocol,
		priority,
		priorityParts: splitPriority(priority),
		address,
		addressKind,
		port,
		type: typeText,
		extensions: {}
	};
	const extensions: [string, string][] = [];
	const seen = new Set<string>();
	const rest = tokens.slice(REQUIRED_FIELDS.length);
	for (let i = 0; i < rest.length; i += 2) {
		const key = rest[i] ?? '';
		const value = rest[i + 1];
		if (!TOKEN.test(key)) return fail({ code: 'bad-extension-name', value: quote(key) });
		if (value === undefined) return fail({ code: 'no-value', key: quote(key) });
		if (seen.has(key)) return fail({ code: 'duplicate', key: quote(key) });
		seen.add(key);
		switch (key) {
			case 'raddr':
				if (classifyAddress(value) === undefined) {
					return fail({ code: 'bad-related-address', value: quote(value) });
				}
				candidate.relatedAddress = value;
				break;
			case 'rport': {
				const relatedPort = parseUnsigned(value, 65535);
				if (relatedPort === undefined) {
					return fail({ code: 'bad-related-port', value: quote(value) });
				}
				candidate.relatedPort = relatedPort;
				break;
			}
			case 'tcptype':
				// RFC 6544 §4.5: tcp-type-ext = "tcptype" SP tcp-type, tcp-type = "active" / "passive" / "so"
				if (!isTcpType(value)) {
					return fail({ code: 'bad-tcptype', value: quote(value) });
				}
				if (protocol !== 'tcp') return fail({ code: 'tcptype-on-udp', protocol });
				candidate.tcpType = value;
				break;
			case 'generation':
			case 'network-id':
			case 'network-cost': {
				const n = parseUnsigned(value, 2 ** 32 - 1);
				if (n === undefined) return fail({ code: 'bad-number', key, value: quote(value) });
				if (key === 'generation') candidate.generation = n;
				else if (key === 'network-id') candidate.networkId = n;
				else candidate.networkCost = n;
				break;
			}
			case 'ufrag':
				// RFC 8839 §5.4: ice-ufrag = 4*256ice-char.
				if (!/^[A-Za-z0-9+/]{1,256}$/.test(value)) {
					return fail({ code: 'bad-ufrag', value: quote(value) });
				}
				candidate.ufrag = value;
				break;
			default:
				if (!TOKEN.test(value)) {
					return fail({ code: 'bad-extension-value', key, value: quote(value) });
				}
				extensions.push([key, value]);
		}
	}
	// Object.fromEntries defines own properties, so a key like "__proto__" stays plain data.
	candidate.extensions = Object.fromEntries(extensions);
	if (candidate.type === 'relay') {
		const hint = relayHintByTypePreference[candidate.priorityParts.typePreference];
		if (hint) candidate.relayProtocolHint = hint;
	}
	return { ok: true, candidate };
}

/** The required fields' names, in each language. */
const FIELD_NAMES: Record<CandidateField, Localized> = {
	foundation: { en: 'foundation', 'zh-CN': '基础标识（foundation）' },
	component: { en: 'component ID', 'zh-CN': '组件 ID' },
	transport: { en: 'transport', 'zh-CN': '传输协议' },
	priority: { en: 'priority', 'zh-CN': '优先级' },
	address: { en: 'connection address', 'zh-CN': '连接地址' },
	port: { en: 'port', 'zh-CN': '端口' },
	typ: { en: "'typ' keyword", 'zh-CN': "'typ' 关键字" },
	type: { en: 'candidate type', 'zh-CN': '候选类型' }
};

/**
 * What is wrong with a candidate line, in each language: a clause without a final full stop
 * ("bad port '70000' (an integer from 0 to 65535)"), so a sentence can take it in.
 */
export function candidateProblemText(problem: CandidateProblem): Localized {
	switch (problem.code) {
		case 'not-a-string':
			return localized('candidate line is not a string', '候选行不是字符串');
		case 'too-long':
			return localized(
				`candidate line is too long (${problem.length} characters; the limit is ${problem.limit})`,
				`候选行太长（${problem.length} 个字符，上限为 ${problem.limit}）`
			);
		case 'empty':
			return localized('empty candidate line', '候选行是空的');
		case 'no-prefix':
			return localized(
				"missing the 'candidate:' prefix (expected 'candidate:…' or 'a=candidate:…')",
				"缺少 'candidate:' 前缀（应为 'candidate:…' 或 'a=candidate:…'）"
			);
		case 'missing': {
			const field = FIELD_NAMES[problem.field];
			const zh = field['zh-CN'];
			return localized(`missing ${field.en}`, `缺少${/^[A-Za-z']/.test(zh) ? ' ' : ''}${zh}`);
		}
		case 'bad-foundation':
			return localized(
				`bad foundation '${problem.value}' (1–32 letters, digits, '+' or '/')`,
				`foundation '${problem.value}' 无效（应为 1–32 个字母、数字、'+' 或 '/'）`
			);
		case 'bad-component':
			return localized(
				`bad component ID '${problem.value}' (an integer from 1 to 256)`,
				`组件 ID '${problem.value}' 无效（应为 1 到 256 之间的整数）`
			);
		case 'bad-transport':
			return localized(
				`unsupported transport '${problem.value}' (expected udp or tcp)`,
				`不支持的传输协议 '${problem.value}'（应为 udp 或 tcp）`
			);
		case 'bad-priority':
			return localized(
				`bad priority '${problem.value}' (an integer from 1 to 2^31−1)`,
				`优先级 '${problem.value}' 无效（应为 1 到 2^31−1 之间的整数）`
			);
		case 'bad-address':
			return localized(
				`bad connection address '${problem.value}' (not an IPv4, IPv6 or host name)`,
				`连接地址 '${problem.value}' 无效（既不是 IPv4、IPv6 地址，也不是主机名）`
			);
		case 'bad-port':
			return localized(
				`bad port '${problem.value}' (an integer from 0 to 65535)`,
				`端口 '${problem.value}' 无效（应为 0 到 65535 之间的整数）`
			);
		case 'no-typ':
			return localized(
				`expected 'typ' after the port, found '${problem.value}'`,
				`端口之后应为 'typ'，却是 '${problem.value}'`
			);
		case 'bad-type':
			return localized(
				`unknown candidate type '${problem.value}' (expected host, srflx, prflx or relay)`,
				`未知的候选类型 '${problem.value}'（应为 host、srflx、prflx 或 relay）`
			);
		case 'bad-extension-name':
			return localized(
				`bad extension name '${problem.value}'`,
				`扩展字段名 '${problem.value}' 无效`
			);
		case 'no-value':
			return localized(`'${problem.key}' has no value`, `'${problem.key}' 没有值`);
		case 'duplicate':
			return localized(`duplicate '${problem.key}'`, `'${problem.key}' 重复出现`);
		case 'bad-related-address':
			return localized(
				`bad related address '${problem.value}'`,
				`相关地址（raddr）'${problem.value}' 无效`
			);
		case 'bad-related-port':
			return localized(
				`bad related port '${problem.value}'`,
				`相关端口（rport）'${problem.value}' 无效`
			);
		case 'bad-tcptype':
			return localized(
				`unknown tcptype '${problem.value}' (expected active, passive or so)`,
				`未知的 tcptype '${problem.value}'（应为 active、passive 或 so）`
			);
		case 'tcptype-on-udp':
			return localized(
				`tcptype on a ${problem.protocol} candidate`,
				`${problem.protocol} 候选不能带 tcptype`
			);
		case 'bad-number':
			return localized(
				`bad ${problem.key} '${problem.value}' (a non-negative integer)`,
				`${problem.key} '${problem.value}' 无效（应为非负整数）`
			);
		case 'bad-ufrag':
			return localized(`bad ufrag '${problem.value}'`, `ufrag '${problem.value}' 无效`);
		case 'bad-extension-value':
			return localized(
				`bad value for '${problem.key}': '${problem.value}'`,
				`'${problem.key}' 的值 '${problem.value}' 无效`
			);
	}
}

/** A candidate line's problem in one language (English by default). */
export const describeCandidateProblem = (problem: CandidateProblem, locale: Locale = 'en') =>
	inLocale(candidateProblemText(problem), locale);

/** `host:port`, with IPv6 addresses bracketed (RFC 3986 §3.2.2). */
export function formatAddressPort(address: string, port: number | undefined): string {
	const host = address.includes(':') ? `[${address}]` : address;
	return port === undefined ? host : `${host}:${port}`;
}
