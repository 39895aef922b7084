// rtcstats dumps ("Download the "rtcstats dump"" in chrome://webrtc-internals, and what the
// rtcstats client library uploads) in, as the same model as a webrtc-internals dump. The format,
// as Chromium 156 saves it (fixtures/chromium-rtcstats-dump) and rtcstats' importer reads it:
//
//   RTCStatsDump
//   {"fileFormat":3}
//   ["create",null,{"hardwareConcurrency":2,"userAgentData":{…},…},1796669127638]
//   ["create","8-1",{"bundlePolicy":"max-bundle",…},"http://localhost/call",220.4]
//   ["navigator.mediaDevices.getUserMedia","8-0",{"audio":true,"video":true},"getUserMedia-8-7773-0","http://…",0.07]
//   ["setLocalDescription","8-1",{"type":"offer","sdp":"v=0\r\n…"},0.28]
//   ["onsignalingstatechange","8-1","\"have-local-offer\"",0.01]
//   ["getStats","8-2",{"IT01A671006163":{"type":"inbound-rtp","timestamp":…,…},…},986.6]
//
// One JSON list per line: [method, connection id, value, …extra, time]. The time is a delta: the
// first line carries milliseconds since the epoch and every later line the milliseconds since
// the line before. getStats values may be delta-compressed (rtcstats' statsCompression): a report
// lists only the fields that changed, a top-level "timestamp" (or "t") stands for the reports
// that left theirs out, and `null` removes a report. Chromium writes whole reports, which this
// reading handles the same way. (rtcstats' numeric method and field codes are not supported.)
import {
	DumpError,
	descriptionsOf,
	seriesFromSnapshots,
	type DumpConnection,
	type DumpEvent,
	type DumpWarning,
	type ImportProgress,
	type StatsDump
} from './dump';
import type { StatsReportLike } from './summary';

export const RTCSTATS_HEADER = 'RTCStatsDump';

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Events whose values webrtc-internals keeps outside the connections (its getUserMedia list). */
const isMediaCall = (method: string) =>
	method.startsWith('navigator.mediaDevices.') || method.startsWith('MediaStreamTrack.');

/** An event value as webrtc-internals' updateLog writes it: strings as they are, the rest as JSON. */
const valueText = (value: unknown): string =>
	typeof value === 'string'
		? value
		: value === null || value === undefined
			? ''
			: JSON.stringify(value);

interface Building {
	id: string;
	url: string;
	rtcConfiguration: string;
	events: DumpEvent[];
	snapshots: StatsReportLike[][];
	/** The last full getStats() result, for delta-compressed ones. */
	base: Map<string, StatsReportLike>;
}

/**
 * One getStats() value as full reports. A delta-compressed one (it has a top-level timestamp)
 * is completed from the connection's previous result; a whole one (Chromium's) is taken as is,
 * so a report that stopped being reported ends there.
 */
function decompressStats(
	value: Record<string, unknown>,
	base: Map<string, StatsReportLike>,
	line: number,
	lineTime: number | null
): StatsReportLike[] {
	const shared = typeof value.timestamp === 'number' ? value.timestamp : value.t;
	const compressed = typeof shared === 'number';
	const next = new Map<string, StatsReportLike>();
	for (const [id, report] of Object.entries(value)) {
		if (compressed && (id === 'timestamp' || id === 't')) continue;
		if (report === null) continue; // removed since the previous result
		if (!isRecord(report)) {
			throw new DumpError({ id: 'rtcstatsReportNotObject', line, report: id });
		}
		const before = compressed ? base.get(id) : undefined;
		const merged: Record<string, unknown> = before ? { ...before, ...report } : { ...report };
		if (compressed && report.timestamp === undefined) merged.timestamp = shared;
		// A report with no time of its own was taken when the line was written.
		if (typeof merged.timestamp !== 'number' && lineTime !== null) merged.timestamp = lineTime;
		merged.id = id;
		if (typeof merged.type !== 'string') merged.type = '';
		next.set(id, merged as StatsReportLike);
	}
	if (compressed) {
		// Reports left out were unchanged but for the time; null removed one.
		for (const [id, report] of base) {
			if (!next.has(id) && value[id] !== null) next.set(id, { ...report, timestamp: shared });
		}
	}
	base.clear();
	for (const [id, report] of next) base.set(id, report);
	return [...next.values()];
}

/**
 * Parses an rtcstats dump, yielding progress every few thousand lines. Throws DumpError naming
 * the line that is wrong.
 */
export function* importRtcStatsSteps(text: string): Generator<ImportProgress, StatsDump, void> {
	const lines = text.split('\n');
	if (lines[0]?.trim() !== RTCSTATS_HEADER) {
		throw new DumpError({ id: 'rtcstatsHeader', line: 1 });
	}
	let meta: unknown;
	try {
		meta = JSON.parse(lines[1] ?? '');
	} catch {
		meta = undefined;
	}
	if (!isRecord(meta)) {
		// Line 2 should be a JSON object such as {"fileFormat":3}.
		throw new DumpError({ id: 'rtcstatsHeader', line: 2 });
	}
	const warnings: DumpWarning[] = [];
	// This reader knows format 3.
	if (meta.fileFormat !== 3) {
		warnings.push({ id: 'rtcstatsFormat', found: JSON.stringify(meta.fileFormat) ?? 'undefined' });
	}
	let userAgent = typeof meta.userAgent === 'string' ? meta.userAgent : '';
	let userAgentData: unknown[] | undefined;
	const getUserMedia: unknown[] = [];
	const connections = new Map<string, Building>();
	const connection = (id: string): Building => {
		let found = connections.get(id);
		if (!found) {
			found = { id, url: '', rtcConfiguration: '', events: [], snapshots: [], base: new Map() };
			connections.set(id, found);
		}
		return found;
	};

	let time = 0;
	const step = Math.max(1, Math.ceil(lines.length / 20));
	for (let i = 2; i < lines.length; i++) {
		if (i % step === 0) yield { fraction: (0.8 * i) / lines.length };
		const line = i + 1;
		const raw = lines[i] ?? '';
		if (raw.trim() === '') continue;
		let entry: unknown;
		try {
			entry = JSON.parse(raw);
		} catch (cause) {
			const detail = cause instanceof Error ? cause.message : String(cause);
			throw new DumpError({ id: 'rtcstatsNotJson', line, detail });
		}
		if (!Array.isArray(entry) || entry.length < 3 || typeof entry[0] !== 'string') {
			// Each line should be a list [method, connection id, value, …, time].
			throw new DumpError({ id: 'rtcstatsNotList', line });
		}
		const [method, id, value] = entry as [string, unknown, unknown];
		const delta = entry[entry.length - 1];
		if (entry.length >= 4 && typeof delta === 'number' && Number.isFinite(delta)) time += delta;
		const timestamp = time === 0 ? null : time;

		if (id === null || id === undefined) {
			// The client's own "create": the browser, not a connection.
			if (isRecord(value)) {
				if (typeof value.userAgent === 'string') userAgent = value.userAgent;
				const data = value.userAgentData;
				if (isRecord(data) && Array.isArray(data.brands)) userAgentData = data.brands;
			}
			continue;
		}
		const pcId = String(id);
		if (isMediaCall(method)) {
			getUserMedia.push({ type: method, id: pcId, value, timestamp });
			continue;
		}
		const pc = connection(pcId);
		if (method === 'create') {
			pc.rtcConfiguration = valueText(value);
			if (typeof entry[3] === 'string') pc.url = entry[3];
			continue;
		}
		if (method === 'getStats') {
			if (!isRecord(value)) {
				throw new DumpError({ id: 'rtcstatsStatsNotObject', line });
			}
			pc.snapshots.push(decompressStats(value, pc.base, line, timestamp));
			continue;
		}
		pc.events.push({
			time: timestamp === null ? '' : new Date(timestamp).toISOString(),
			timestamp,
			type: method,
			value: valueText(value)
		});
	}

	const out: DumpConnection[] = [];
	let done = 0;
	for (const pc of connections.values()) {
		out.push({
			id: pc.id,
			url: pc.url,
			rtcConfiguration: pc.rtcConfiguration,
			constraints: '',
			events: pc.events,
			descriptions: descriptionsOf(pc.events),
			reports: seriesFromSnapshots(pc.snapshots)
		});
		done++;
		yield { fraction: 0.8 + (0.2 * done) / connections.size };
	}
	return {
		userAgent,
		...(userAgentData ? { userAgentData } : {}),
		getUserMedia,
		connections: out,
		warnings
	};
}
