// Masks IP addresses before a dump is shared: in ICE candidates (a=candidate lines, icecandidate
// events, local/remote-candidate `address`/`ip`/`relatedAddress`/`url`), in SDP `c=`/`o=` lines,
// in the RTCConfiguration's server URLs and in any other text of the dump. The User-Agent is
// kept (it names a browser, not a host).
//
// Each distinct address gets one stable placeholder per dump, so the same host still shows up
// as the same name in the candidates, the SDP and the selected pair:
//   192.0.2.7 -> ip4-1.hidden, fd00::2 -> ip6-1.hidden
// Placeholders are not addresses and start and end with letters that are not hex digits (so
// they cannot join a neighbour into a new address), so nothing that parses as IPv4 (RFC 791 dotted quad) or IPv6
// (RFC 4291 §2.2 text forms) remains. A key fingerprint like `B3:68:…:E2` (32 groups) is not
// an IPv6 address and is left alone.
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

function anonymiseUnknown(a: Anonymiser, value: unknown): unknown {
	if (typeof value === 'string') return a.text(value);
	if (Array.isArray(value)) return value.map((v) => anonymiseUnknown(a, v));
	if (typeof value === 'object' && value !== null) {
		return Object.fromEntries(
			Object.entries(value).map(([k, v]) => [a.text(k), anonymiseUnknown(a, v)])
		);
	}
	return value;
}

function anonymiseSeries(a: Anonymiser, series: ReportSeries): ReportSeries {
	const fields: Record<string, StatValue[]> = {};
	for (const [name, column] of Object.entries(series.fields)) {
		fields[name] = column.map((v) => (typeof v === 'string' ? a.text(v) : v));
	}
	return { ...series, id: a.text(series.id), timestamps: [...series.timestamps], fields };
}

function anonymiseConnection(a: Anonymiser, c: DumpConnection): DumpConnection {
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

/** A copy of the dump with every address masked (one placeholder table for the whole dump). */
export function anonymiseDump(dump: StatsDump): StatsDump {
	const a = createAnonymiser();
	return {
		userAgent: dump.userAgent,
		...(dump.userAgentData ? { userAgentData: dump.userAgentData } : {}),
		getUserMedia: dump.getUserMedia.map((g) => anonymiseUnknown(a, g)),
		connections: dump.connections.map((c) => anonymiseConnection(a, c)),
		warnings: [...dump.warnings]
	};
}
