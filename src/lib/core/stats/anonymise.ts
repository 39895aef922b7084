// Masks what identifies a host or opens a session before a dump is shared.
//
// IP addresses: in ICE candidates (a=candidate lines, icecandidate events, local/remote-candidate
// `address`/`ip`/`relatedAddress`/`url`), in SDP `c=`/`o=` lines, in the RTCConfiguration's
// server URLs and in any other text of the dump. The User-Agent is kept (it names a browser, not
// a host).
//
// Each distinct address gets one stable placeholder per dump, so the same host still shows up
// as the same name in the candidates, the SDP and the selected pair:
//   192.0.2.7 -> ip4-1.hidden, fd00::2 -> ip6-1.hidden
// Placeholders are not addresses and start and end with letters that are not hex digits (so
// they cannot join a neighbour into a new address), so nothing that parses as IPv4 (RFC 791 dotted quad) or IPv6
// (RFC 4291 §2.2 text forms) remains. A key fingerprint like `B3:68:…:E2` (32 groups) is not
// an IPv6 address and is left alone by this pass.
//
// Credentials (anonymiseDump, see SECRET_PATTERNS): ICE usernames and passwords, DTLS
// certificates and their fingerprints, TURN usernames and credentials. Each distinct secret gets
// one placeholder per dump too (`hiddenPwd1`, `hidden-fingerprint-1`), wherever it appears: in
// the SDPs of the event log and of the descriptions, in the stats (a certificate's id is `CF`
// and its fingerprint), in the configuration.
import type { DumpConnection, ReportSeries, StatsDump, StatValue } from './dump';

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
/** A dotted quad not glued to more digits (leading zeros are not IPv4, as in node's isIP). */
const IPV4 = new RegExp(`(?<!\\d)${OCTET}(?:\\.${OCTET}){3}(?!\\d)`, 'g');
/** Runs that may hold an IPv6 address: hex digits and colons, at least one colon. */
const HEX_COLON_RUN = /[0-9A-Fa-f:]*:[0-9A-Fa-f:]*/g;

/** RFC 4291 §2.2 forms 1 and 2 (the IPv4-suffixed form 3 is handled by the IPv4 pass). */
export function isIPv6(text: string): boolean {
	if (text.length < 2 || text.length > 39) return false;
	const halves = text.split('::');
	if (halves.length > 2) return false;
	const groups = (part: string) => (part === '' ? [] : part.split(':'));
	const head = groups(halves[0] ?? '');
	const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
	const all = [...head, ...tail];
	if (!all.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
	return halves.length === 2 ? all.length <= 7 : all.length === 8;
}

export function isIPv4(text: string): boolean {
	return new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`).test(text);
}

/** Where an IPv6 address sits in a hex-and-colon run: the run itself or what follows `label:`. */
function ipv6Within(run: string): [number, number] | null {
	const trim = (from: number, to: number): [number, number] => {
		if (run[from] === ':' && run[from + 1] !== ':') from++;
		if (run[to - 1] === ':' && run[to - 2] !== ':') to--;
		return [from, to];
	};
	const whole = trim(0, run.length);
	if (isIPv6(run.slice(whole[0], whole[1]))) return whole;
	const colon = run.indexOf(':');
	if (colon > 0 && run[colon + 1] !== ':') {
		const rest = trim(colon + 1, run.length);
		if (isIPv6(run.slice(rest[0], rest[1]))) return rest;
	}
	return null;
}

export interface Anonymiser {
	/** The text with every address replaced by its placeholder. */
	text(value: string): string;
	/** How many distinct addresses were masked so far. */
	readonly count: number;
}

export function createAnonymiser(): Anonymiser {
	const names = new Map<string, string>();
	let v4 = 0;
	let v6 = 0;
	const nameOf = (address: string, family: 4 | 6) => {
		const key = family === 6 ? address.toLowerCase() : address;
		let name = names.get(key);
		if (name === undefined) {
			name = family === 4 ? `ip4-${++v4}.hidden` : `ip6-${++v6}.hidden`;
			names.set(key, name);
		}
		return name;
	};
	return {
		get count() {
			return names.size;
		},
		text(value) {
			if (typeof value !== 'string' || value === '') return value;
			const masked4 = value.replace(IPV4, (address) => nameOf(address, 4));
			if (!masked4.includes(':')) return masked4;
			return masked4.replace(HEX_COLON_RUN, (run) => {
				const at = ipv6Within(run);
				if (!at) return run;
				return run.slice(0, at[0]) + nameOf(run.slice(at[0], at[1]), 6) + run.slice(at[1]);
			});
		}
	};
}

/** One string, with a fresh table. */
export function anonymiseText(value: string): string {
	return createAnonymiser().text(value);
}

/** A credential a dump may carry, and the placeholder's stem for it. */
export type SecretKind =
	'ufrag' | 'pwd' | 'fingerprint' | 'certificate' | 'username' | 'credential';

const MASK: Record<SecretKind, (n: number) => string> = {
	// ICE usernames and passwords keep to ice-char (RFC 8839 §5.4), so the SDP stays well formed.
	ufrag: (n) => `hiddenUfrag${n}`,
	pwd: (n) => `hiddenPwd${n}`,
	fingerprint: (n) => `hidden-fingerprint-${n}`,
	certificate: (n) => `hidden-certificate-${n}`,
	username: (n) => `hidden-username-${n}`,
	credential: (n) => `hidden-credential-${n}`
};

/** `"value"`, `'value'` or a bare value up to a separator, after `name: ` or `name=`. */
const ASSIGNED = `["']?\\s*[:=]\\s*(?:"([^"\\\\]*)"|'([^'\\\\]*)'|([^\\s"',}\\]]+))`;

/** Where a secret sits in text, one pattern per line type or field (knowledge as data). */
const SECRET_PATTERNS: readonly { kind: SecretKind; pattern: RegExp }[] = [
	// a=ice-ufrag:hrkp                              (RFC 8839 §5.4)
	{ kind: 'ufrag', pattern: /(?<=a=ice-ufrag:)([^\s"\\]+)/g },
	// a=ice-pwd:7TzOdHiSK9Wa8fiLo9c8AzR2
	{ kind: 'pwd', pattern: /(?<=a=ice-pwd:)([^\s"\\]+)/g },
	// a=fingerprint:sha-256 5B:02:F1:…:ED            (RFC 8122 §5)
	{ kind: 'fingerprint', pattern: /(?<=a=fingerprint:\S+ )([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2})+)/g },
	// candidate:… typ host generation 0 ufrag hrkp network-id 1   (Chrome's extension attribute)
	{ kind: 'ufrag', pattern: /(?<=\sufrag )([^\s"\\,]+)/g },
	// usernameFragment: hrkp, "usernameFragment":"hrkp"           (RTCIceCandidate, its stats)
	{ kind: 'ufrag', pattern: new RegExp(`usernameFragment${ASSIGNED}`, 'g') },
	// {"username":"1700000000:lab","credential":"…"}, username: u  (RTCIceServer)
	{ kind: 'username', pattern: new RegExp(`\\busername${ASSIGNED}`, 'g') },
	{ kind: 'credential', pattern: new RegExp(`\\b(?:credential|password)${ASSIGNED}`, 'g') }
];

/** Stats fields that hold a secret whole (W3C webrtc-stats RTCCertificateStats, candidates). */
const SECRET_FIELDS: Readonly<Record<string, SecretKind>> = {
	usernameFragment: 'ufrag',
	fingerprint: 'fingerprint',
	base64Certificate: 'certificate',
	username: 'username',
	credential: 'credential'
};

/** Secrets this short are masked where they are named only, never wherever the text recurs. */
const MIN_ANYWHERE = 4;

/**
 * A table of secrets, filled from a whole dump first (`learn`, `learnField`), then used to mask
 * every text of it (`text`), so a secret is masked alike wherever it was seen.
 */
export interface CredentialMasker {
	learn(value: string): void;
	learnField(name: string, value: StatValue): void;
	/** The text with every known secret replaced by its placeholder. */
	text(value: string): string;
	/** The placeholder of a stats field's value (the value itself if the field holds no secret). */
	field(name: string, value: StatValue): StatValue;
	readonly count: number;
}

export function createCredentialMasker(): CredentialMasker {
	const names = new Map<string, string>();
	const counts: Record<SecretKind, number> = {
		ufrag: 0,
		pwd: 0,
		fingerprint: 0,
		certificate: 0,
		username: 0,
		credential: 0
	};
	let anywhere: RegExp | null = null;
	const nameOf = (kind: SecretKind, secret: string) => {
		let name = names.get(secret);
		if (name === undefined) {
			name = MASK[kind](++counts[kind]);
			names.set(secret, name);
			anywhere = null;
		}
		return name;
	};
	const found = (groups: (string | undefined)[]) => groups.find((g) => g !== undefined && g !== '');
	/** One pattern over a text: every secret it names, and the text with them masked. */
	const each = (value: string, replace: (kind: SecretKind, secret: string) => string) => {
		let out = value;
		for (const { kind, pattern } of SECRET_PATTERNS) {
			out = out.replace(pattern, (match: string, ...rest: unknown[]) => {
				// The capture groups come first, then the match's offset (a number).
				const groups = rest.slice(
					0,
					rest.findIndex((g) => typeof g === 'number')
				);
				const secret = found(groups.map((g) => (typeof g === 'string' ? g : undefined)));
				if (secret === undefined) return match;
				// The secret ends the match (but for a closing quote): replace its last occurrence.
				const at = match.lastIndexOf(secret);
				return match.slice(0, at) + replace(kind, secret) + match.slice(at + secret.length);
			});
		}
		return out;
	};
	const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	/** Every known secret long enough to be itself, not glued to more of its alphabet. */
	const anywherePattern = () => {
		const secrets = [...names.keys()]
			.filter((s) => s.length >= MIN_ANYWHERE)
			.sort((a, b) => b.length - a.length);
		if (!secrets.length) return null;
		// A fingerprint also sits after `CF` in a certificate's stats id: no left boundary for it.
		return new RegExp(
			secrets
				.map((s) =>
					/^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2})+$/.test(s)
						? escape(s)
						: `(?<![A-Za-z0-9+/=])${escape(s)}(?![A-Za-z0-9+/=])`
				)
				.join('|'),
			'g'
		);
	};
	return {
		get count() {
			return names.size;
		},
		learn(value) {
			if (typeof value !== 'string' || value === '') return;
			each(value, (kind, secret) => nameOf(kind, secret));
		},
		learnField(name, value) {
			const kind = SECRET_FIELDS[name];
			if (kind && typeof value === 'string' && value !== '') nameOf(kind, value);
			else if (typeof value === 'string') this.learn(value);
		},
		text(value) {
			if (typeof value !== 'string' || value === '' || names.size === 0) return value;
			const named = each(value, (kind, secret) => nameOf(kind, secret));
			anywhere ??= anywherePattern();
			return anywhere ? named.replace(anywhere, (secret) => names.get(secret) ?? secret) : named;
		},
		field(name, value) {
			if (typeof value !== 'string') return value;
			const kind = SECRET_FIELDS[name];
			return kind && value !== '' ? nameOf(kind, value) : this.text(value);
		}
	};
}

/** Every string inside a JSON-like value (getUserMedia entries), keys included. */
function stringsOf(value: unknown, out: string[] = []): string[] {
	if (typeof value === 'string') out.push(value);
	else if (Array.isArray(value)) value.forEach((v) => stringsOf(v, out));
	else if (typeof value === 'object' && value !== null) {
		for (const [k, v] of Object.entries(value)) {
			out.push(k);
			stringsOf(v, out);
		}
	}
	return out;
}

/** Masks credentials, then addresses. */
interface DumpMasker {
	text(value: string): string;
	field(name: string, value: StatValue): StatValue;
}

function anonymiseUnknown(a: DumpMasker, value: unknown): unknown {
	if (typeof value === 'string') return a.text(value);
	if (Array.isArray(value)) return value.map((v) => anonymiseUnknown(a, v));
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(
			Object.entries(value).map(([k, v]) => [
				a.text(k),
				typeof v === 'string' ? a.field(k, v) : anonymiseUnknown(a, v)
			])
		);
	}
	return value;
}

function anonymiseSeries(a: DumpMasker, series: ReportSeries): ReportSeries {
	const fields: Record<string, StatValue[]> = {};
	for (const [name, column] of Object.entries(series.fields)) {
		fields[name] = column.map((v) => a.field(name, v));
	}
	return { ...series, id: a.text(series.id), timestamps: [...series.timestamps], fields };
}

function anonymiseConnection(a: DumpMasker, c: DumpConnection): DumpConnection {
	return {
		id: c.id,
		url: a.text(c.url),
		rtcConfiguration: a.text(c.rtcConfiguration),
		constraints: a.text(c.constraints),
		events: c.events.map((e) => ({ ...e, value: a.text(e.value) })),
		descriptions: c.descriptions.map((d) => ({ ...d, sdp: a.text(d.sdp) })),
		reports: c.reports.map((s) => anonymiseSeries(a, s))
	};
}

/**
 * A copy of the dump with every address and every credential masked (one placeholder table for
 * the whole dump: the same address or secret gets the same name in every connection).
 */
export function anonymiseDump(dump: StatsDump): StatsDump {
	const secrets = createCredentialMasker();
	for (const g of dump.getUserMedia) stringsOf(g).forEach((t) => secrets.learn(t));
	for (const c of dump.connections) {
		[c.url, c.rtcConfiguration, c.constraints].forEach((t) => secrets.learn(t));
		c.events.forEach((e) => secrets.learn(e.value));
		c.descriptions.forEach((d) => secrets.learn(d.sdp));
		for (const series of c.reports) {
			for (const [name, column] of Object.entries(series.fields)) {
				column.forEach((v) => secrets.learnField(name, v));
			}
		}
	}
	const addresses = createAnonymiser();
	const a: DumpMasker = {
		text: (value) => addresses.text(secrets.text(value)),
		field: (name, value) => {
			const masked = secrets.field(name, value);
			return typeof masked === 'string' ? addresses.text(masked) : masked;
		}
	};
	return {
		userAgent: dump.userAgent,
		...(dump.userAgentData ? { userAgentData: dump.userAgentData } : {}),
		getUserMedia: dump.getUserMedia.map((g) => anonymiseUnknown(a, g)),
		connections: dump.connections.map((c) => anonymiseConnection(a, c)),
		warnings: [...dump.warnings]
	};
}
