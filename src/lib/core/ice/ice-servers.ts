// ICE server entries as RTCPeerConnection takes them ({ urls, username?, credential? }), checked
// before the browser sees them — the browser's own error is a bare "SyntaxError" or
// "InvalidAccessError" naming nothing. Pure: runs in Node and in the page.
//
// URI grammar (no "//", no user info, no path):
//   stun:stun.example.org            RFC 7064  stunURI = scheme ":" host [ ":" port ]
//   stuns:stun.example.org:5349                scheme  = "stun" / "stuns"
//   turn:turn.example.org?transport=tcp   RFC 7065  turnURI = scheme ":" host [ ":" port ]
//   turns:[2001:db8::1]:5349                              [ "?transport=" transport ]
// Default ports: 3478 for stun/turn, 5349 for stuns/turns. Browsers accept transport udp or tcp.
// TURN needs a username and credential (RTCPeerConnection throws InvalidAccessError without).

import type { Locale } from '../locale';

export type IceUrlScheme = 'stun' | 'stuns' | 'turn' | 'turns';

export interface ParsedIceUrl {
	url: string;
	scheme: IceUrlScheme;
	/** Host as written; IPv6 literals without their brackets. */
	host: string;
	port: number;
	/** Whether the port was written or is the scheme's default. */
	portGiven: boolean;
	/** `?transport=` of a TURN URI, or null (the browser then tries UDP, and TCP for turns:). */
	transport: 'udp' | 'tcp' | null;
	/** stuns:/turns: run over TLS. */
	secure: boolean;
	/** turn:/turns: give relay candidates, stun:/stuns: server-reflexive ones. */
	relay: boolean;
}

/** What is wrong, as data: a code for translation plus the offending part. */
export interface IceServerProblem {
	code:
		| 'empty-url'
		| 'no-scheme'
		| 'unknown-scheme'
		| 'slashes'
		| 'user-info'
		| 'no-host'
		| 'bad-host'
		| 'host-space'
		| 'host-character'
		| 'bad-ipv4'
		| 'ipv6-no-brackets'
		| 'ipv6-unclosed'
		| 'bad-ipv6'
		| 'after-ipv6'
		| 'bad-port'
		| 'stun-query'
		| 'bad-query'
		| 'bad-transport'
		| 'no-urls'
		| 'no-username'
		| 'no-credential';
	/** The URL the problem is in, when it is about one URL. */
	url?: string;
	/** The offending piece, e.g. the scheme or port as written. */
	detail?: string;
}

export type ParseResult =
	{ ok: true; value: ParsedIceUrl } | { ok: false; problem: IceServerProblem };

const DEFAULT_PORT: Record<IceUrlScheme, number> = {
	stun: 3478,
	stuns: 5349,
	turn: 3478,
	turns: 5349
};

// reg-name (RFC 3986 §3.2.2), restricted to what resolves: letters, digits, '-', '.', '_'.
const HOST_NAME =
	/^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/i;
const HOST_CHARACTER = /[a-z0-9_.-]/i;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** `192.168.1.23` (four decimal numbers 0–255). */
const isIpv4 = (text: string) =>
	IPV4.test(text) && text.split('.').every((octet) => Number(octet) <= 255);

/**
 * An IPv6 literal (RFC 4291 §2.2): eight groups of 1–4 hex digits, `::` once for a run of zero
 * groups, the last two groups optionally written as IPv4 (`::ffff:192.0.2.1`).
 */
export function isIpv6Literal(text: string): boolean {
	const halves = text.split('::');
	if (halves.length > 2) return false;
	const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
	const all = groups.flat();
	const last = all.at(-1);
	const ipv4Tail = last !== undefined && last.includes('.');
	if (ipv4Tail && !isIpv4(last!)) return false;
	const hex = ipv4Tail ? all.slice(0, -1) : all;
	if (!hex.every((group) => /^[0-9a-f]{1,4}$/i.test(group))) return false;
	const count = hex.length + (ipv4Tail ? 2 : 0);
	return halves.length === 2 ? count <= 7 : count === 8;
}

/** Why a host that is neither an IPv4 address nor a resolvable name is wrong. */
function hostProblem(host: string): { code: IceServerProblem['code']; detail: string } | null {
	if (/\s/.test(host)) return { code: 'host-space', detail: host };
	const bad = [...host].find((character) => !HOST_CHARACTER.test(character));
	if (bad !== undefined) return { code: 'host-character', detail: bad };
	// Only digits and dots: meant as an IPv4 address.
	if (/^[\d.]+$/.test(host)) return isIpv4(host) ? null : { code: 'bad-ipv4', detail: host };
	return HOST_NAME.test(host) ? null : { code: 'bad-host', detail: host };
}

/** Parses one STUN/TURN URI; the problem says what is wrong in plain terms. */
export function parseIceUrl(input: string): ParseResult {
	const url = input.trim();
	const fail = (code: IceServerProblem['code'], detail?: string): ParseResult => ({
		ok: false,
		problem: { code, url: input, ...(detail === undefined ? {} : { detail }) }
	});
	if (!url) return fail('empty-url');
	const colon = url.indexOf(':');
	if (colon <= 0) return fail('no-scheme');
	const schemeText = url.slice(0, colon).toLowerCase();
	if (!(schemeText in DEFAULT_PORT)) return fail('unknown-scheme', url.slice(0, colon));
	const scheme = schemeText as IceUrlScheme;
	const relay = scheme === 'turn' || scheme === 'turns';
	let rest = url.slice(colon + 1);
	if (rest.startsWith('//')) return fail('slashes');

	let query: string | null = null;
	const question = rest.indexOf('?');
	if (question >= 0) {
		query = rest.slice(question + 1);
		rest = rest.slice(0, question);
	}
	if (rest.includes('@')) return fail('user-info', rest.slice(0, rest.indexOf('@')));
	if (!rest) return fail('no-host');

	let host: string;
	let portText: string | null = null;
	if (rest.startsWith('[')) {
		const close = rest.indexOf(']');
		if (close < 0) return fail('ipv6-unclosed', rest);
		host = rest.slice(1, close);
		if (!isIpv6Literal(host)) return fail('bad-ipv6', host);
		const after = rest.slice(close + 1);
		if (after && !after.startsWith(':')) return fail('after-ipv6', after);
		if (after) portText = after.slice(1);
	} else {
		// An IPv6 address without brackets: its colons cannot be told from the port's.
		const withoutPort = rest.slice(0, rest.lastIndexOf(':'));
		if (isIpv6Literal(rest) || isIpv6Literal(withoutPort)) return fail('ipv6-no-brackets', rest);
		const colonAt = rest.indexOf(':');
		host = colonAt < 0 ? rest : rest.slice(0, colonAt);
		// `host:3478:1`: everything after the first colon is the port.
		if (colonAt >= 0) portText = rest.slice(colonAt + 1);
		if (!host) return fail('no-host');
		const problem = hostProblem(host);
		if (problem) return fail(problem.code, problem.detail);
	}

	let port = DEFAULT_PORT[scheme];
	if (portText !== null) {
		if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
			return fail('bad-port', portText);
		}
		port = Number(portText);
	}

	let transport: ParsedIceUrl['transport'] = null;
	if (query !== null) {
		if (!relay) return fail('stun-query', query);
		const match = /^transport=(.*)$/i.exec(query);
		if (!match) return fail('bad-query', query);
		const value = match[1]!.toLowerCase();
		if (value !== 'udp' && value !== 'tcp') return fail('bad-transport', match[1]);
		transport = value;
	}

	return {
		ok: true,
		value: {
			url,
			scheme,
			host,
			port,
			portGiven: portText !== null,
			transport,
			secure: scheme === 'stuns' || scheme === 'turns',
			relay
		}
	};
}

/**
 * The URLs typed in one field: separated by newlines, commas, or spaces before another scheme
 * (`stun:a.org turn:b.org`). A space inside a URL (`stun:ex ample.org`) stays in it, so the
 * message names the space rather than a URL without a scheme (`ample.org`).
 */
export const splitIceUrls = (text: string): string[] =>
	text
		.split(/[\r\n,]+|\s+(?=[a-z][a-z0-9+.-]*:)/i)
		.map((url) => url.trim())
		.filter(Boolean);

export interface IceServerEntry {
	urls: string | string[];
	username?: string;
	credential?: string;
}

/** Every problem in one entry: each URL, and the username/credential a TURN URL needs. */
export function validateIceServer(server: IceServerEntry): IceServerProblem[] {
	const urls = (Array.isArray(server.urls) ? server.urls : [server.urls]).filter(
		(url) => url.trim() !== ''
	);
	if (urls.length === 0) return [{ code: 'no-urls' }];
	const problems: IceServerProblem[] = [];
	let needsCredentials = false;
	for (const url of urls) {
		const result = parseIceUrl(url);
		if (!result.ok) problems.push(result.problem);
		// A malformed turn: URL still needs credentials once it is fixed.
		if (/^\s*turns?:/i.test(url)) needsCredentials = true;
	}
	if (needsCredentials) {
		if (!server.username?.trim()) problems.push({ code: 'no-username' });
		if (!server.credential) problems.push({ code: 'no-credential' });
	}
	return problems;
}

type Text = (problem: IceServerProblem) => string;

/** The messages, one per problem code, in each language. */
export const ICE_SERVER_PROBLEM_TEXT: Record<IceServerProblem['code'], Record<Locale, Text>> = {
	'empty-url': {
		en: () => 'The URL is empty.',
		'zh-CN': () => 'URL 为空。'
	},
	'no-scheme': {
		en: () => 'The URL must start with stun:, stuns:, turn: or turns:.',
		'zh-CN': () => 'URL 必须以 stun:、stuns:、turn: 或 turns: 开头。'
	},
	'unknown-scheme': {
		en: (p) => `"${p.detail}:" is not a STUN or TURN scheme; use stun:, stuns:, turn: or turns:.`,
		'zh-CN': (p) => `"${p.detail}:" 不是 STUN/TURN 协议；请使用 stun:、stuns:、turn: 或 turns:。`
	},
	slashes: {
		en: () => 'No "//" after the scheme: write stun:host:port, not stun://host:port (RFC 7064).',
		'zh-CN': () => '协议后不能有 "//"：应写 stun:host:port，而不是 stun://host:port（RFC 7064）。'
	},
	'user-info': {
		en: () =>
			'Do not put the username in the URL ("user@host"); use the username and credential fields.',
		'zh-CN': () => '不要把用户名写在 URL 里（"user@host"）；请填写用户名和凭据字段。'
	},
	'no-host': {
		en: () => 'The host is missing after the scheme, e.g. turn:turn.example.org.',
		'zh-CN': () => '协议后缺少主机名，例如 turn:turn.example.org。'
	},
	'bad-host': {
		en: (p) =>
			`"${p.detail}" is not a valid host name: each part between dots needs 1 to 63 characters and cannot start or end with "-".`,
		'zh-CN': (p) =>
			`"${p.detail}" 不是有效的主机名：点之间的每一段需要 1 到 63 个字符，且不能以 "-" 开头或结尾。`
	},
	'host-space': {
		en: (p) => `"${p.detail}": a host name cannot contain spaces.`,
		'zh-CN': (p) => `"${p.detail}"：主机名不能包含空格。`
	},
	'host-character': {
		en: (p) =>
			`"${p.detail}" cannot appear in a host name: use letters, digits, "-" and "." (an IPv6 address goes in square brackets).`,
		'zh-CN': (p) =>
			`主机名中不能出现 "${p.detail}"：只能使用字母、数字、"-" 和 "."（IPv6 地址要放在方括号中）。`
	},
	'bad-ipv4': {
		en: (p) => `"${p.detail}" is not an IPv4 address: it needs four numbers from 0 to 255.`,
		'zh-CN': (p) => `"${p.detail}" 不是有效的 IPv4 地址：需要四个 0 到 255 之间的数字。`
	},
	'ipv6-no-brackets': {
		en: (p) =>
			`"${p.detail}": an IPv6 address must be in square brackets, e.g. stun:[2001:db8::1]:3478.`,
		'zh-CN': (p) => `"${p.detail}"：IPv6 地址必须放在方括号中，例如 stun:[2001:db8::1]:3478。`
	},
	'ipv6-unclosed': {
		en: (p) => `"${p.detail}": the "]" that closes the IPv6 address is missing.`,
		'zh-CN': (p) => `"${p.detail}"：缺少结束 IPv6 地址的 "]"。`
	},
	'bad-ipv6': {
		en: (p) => `"${p.detail}" is not a valid IPv6 address.`,
		'zh-CN': (p) => `"${p.detail}" 不是有效的 IPv6 地址。`
	},
	'after-ipv6': {
		en: (p) => `"${p.detail}" after "]": only a port (":3478") may follow an IPv6 address.`,
		'zh-CN': (p) => `"]" 后面的 "${p.detail}"：IPv6 地址后只能跟端口（":3478"）。`
	},
	'bad-port': {
		en: (p) => `Port "${p.detail}" is not a number from 1 to 65535.`,
		'zh-CN': (p) => `端口 "${p.detail}" 不是 1 到 65535 之间的数字。`
	},
	'stun-query': {
		en: (p) => `STUN URLs take no "?${p.detail}"; only TURN URLs have ?transport=.`,
		'zh-CN': (p) => `STUN URL 不能带 "?${p.detail}"；只有 TURN URL 才有 ?transport=。`
	},
	'bad-query': {
		en: (p) => `"?${p.detail}" is not understood; the only parameter is ?transport=udp or tcp.`,
		'zh-CN': (p) => `无法识别 "?${p.detail}"；唯一的参数是 ?transport=udp 或 tcp。`
	},
	'bad-transport': {
		en: (p) => `Transport "${p.detail}" is not supported by browsers; use udp or tcp.`,
		'zh-CN': (p) => `浏览器不支持传输方式 "${p.detail}"；请使用 udp 或 tcp。`
	},
	'no-urls': {
		en: () => 'Give at least one stun:, stuns:, turn: or turns: URL.',
		'zh-CN': () => '请至少填写一个 stun:、stuns:、turn: 或 turns: URL。'
	},
	'no-username': {
		en: () => 'A TURN server needs a username.',
		'zh-CN': () => 'TURN 服务器需要用户名。'
	},
	'no-credential': {
		en: () => 'A TURN server needs a credential (password).',
		'zh-CN': () => 'TURN 服务器需要凭据（密码）。'
	}
};

export const describeIceServerProblem = (problem: IceServerProblem, lang: Locale = 'en'): string =>
	ICE_SERVER_PROBLEM_TEXT[problem.code][lang](problem);

/**
 * What an icecandidateerror's errorCode means (RFC 5389 §15.6, RFC 5766 §15, and 701 which the
 * WebRTC spec uses for "no answer from the server").
 */
export const ICE_CANDIDATE_ERROR_TEXT: Record<number, Record<Locale, string>> = {
	300: {
		en: 'The server redirected the browser to another server (300 Try Alternate).',
		'zh-CN': '服务器让浏览器改用另一台服务器（300 Try Alternate）。'
	},
	400: {
		en: 'The server could not understand the request (400 Bad Request).',
		'zh-CN': '服务器无法理解该请求（400 Bad Request）。'
	},
	401: {
		en: 'The TURN server refused the username or credential (401 Unauthorized): they are wrong, or they expired — load fresh ones.',
		'zh-CN': 'TURN 服务器拒绝了用户名或凭据（401 Unauthorized）：它们错误或已过期——请重新获取。'
	},
	403: {
		en: 'The TURN server forbids this (403 Forbidden), e.g. relaying to that peer address.',
		'zh-CN': 'TURN 服务器禁止此操作（403 Forbidden），例如不允许中继到该对端地址。'
	},
	437: {
		en: 'The server has a different allocation for this address (437 Allocation Mismatch).',
		'zh-CN': '服务器上此地址已有不同的分配（437 Allocation Mismatch）。'
	},
	438: {
		en: 'The nonce went stale (438); the browser normally retries by itself.',
		'zh-CN': 'nonce 已过期（438）；浏览器通常会自动重试。'
	},
	441: {
		en: 'The credential does not match the allocation (441 Wrong Credentials).',
		'zh-CN': '凭据与该分配不匹配（441 Wrong Credentials）。'
	},
	442: {
		en: 'The server does not support that relay transport (442).',
		'zh-CN': '服务器不支持该中继传输方式（442）。'
	},
	486: {
		en: 'This user has too many relays open (486 Allocation Quota Reached).',
		'zh-CN': '该用户已打开的中继过多（486 Allocation Quota Reached）。'
	},
	500: {
		en: 'The server had an internal error (500).',
		'zh-CN': '服务器内部错误（500）。'
	},
	508: {
		en: 'The server has no relay ports left (508 Insufficient Capacity).',
		'zh-CN': '服务器没有可用的中继端口（508 Insufficient Capacity）。'
	},
	701: {
		en: 'No answer from the server (701): wrong host or port, the server is not running, or a firewall blocks it.',
		'zh-CN': '服务器没有应答（701）：主机或端口错误、服务器未运行，或被防火墙阻挡。'
	}
};

/** Plain words for an icecandidateerror. */
export function describeIceCandidateError(
	errorCode: number,
	errorText: string,
	lang: Locale = 'en'
) {
	const known = ICE_CANDIDATE_ERROR_TEXT[errorCode]?.[lang];
	if (known) return known;
	if (errorCode >= 700 && errorCode < 800) return ICE_CANDIDATE_ERROR_TEXT[701]![lang];
	return lang === 'zh-CN'
		? `服务器返回错误 ${errorCode}${errorText ? `（${errorText}）` : ''}。`
		: `The server answered with error ${errorCode}${errorText ? ` (${errorText})` : ''}.`;
}
