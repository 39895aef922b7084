// chrome://webrtc-internals dumps ("Create a WebRTC-Internals dump" -> webrtc_internals_dump.txt)
// in and out. The format, as Chrome writes it and rtcstats' importer reads it:
//
//   { "getUserMedia": [ { origin, audio, video, timestamp, … } ],
//     "PeerConnections": {
//       "<pid>-<lid>": {
//         "constraints": "", "rtcConfiguration": "{ iceServers: [], … }", "url": "https://…",
//         "updateLog": [ { "time": "…", "timestamp": 1700000000000, "type": "setLocalDescription",
//                          "value": "type: offer, sdp: v=0\r\n…" } ],
//         "stats": { "<reportId>-<field>": { "startTime": "…", "endTime": "…",
//                                            "statsType": "outbound-rtp", "values": "[1,2,3]" },
//                    "<reportId>-timestamp": { …, "values": "[1700000000000.5, …]" } } } },
//     "UserAgent": "Mozilla/5.0 …",
//     "UserAgentData": [ { "brand": "Chromium", "version": "138" }, … ] }    (Chrome ≥ 138)
//
// `values` is itself a JSON string. Since Chrome 117 every report has a `<reportId>-timestamp`
// series (crbug.com/1462567); older dumps only have startTime/endTime per series, and we space
// their points evenly between the two. Keys with `[` are webrtc-internals' own computed series,
// e.g. `<id>-[bytesSent_in_bits/s]`.
//
// Parsing is linear in the file size and pure; `importDumpSteps` yields between connections so
// a caller (a Web Worker, or a main-thread loop that awaits between steps) can report progress.
import { deriveReportSamples, type DeriveOptions, type DerivedSeries } from './derived';
import { normaliseReports, reportList, type NormalisedReports, type StatsInput } from './reports';
import { importRtcStatsSteps, RTCSTATS_HEADER } from './rtcstats';
import type { StatsReportLike } from './summary';

export type StatValue = number | string | boolean | null;

export interface DumpEvent {
	/** The `time` text as written (Chrome: a locale date string; ours: ISO 8601). */
	time: string;
	/** Milliseconds since the epoch, from `timestamp` or parsed from `time`; null if neither. */
	timestamp: number | null;
	type: string;
	value: string;
}

export interface DumpDescription {
	/** Index of the updateLog entry it came from. */
	eventIndex: number;
	/** The updateLog entry type: setLocalDescription, createOfferOnSuccess, … */
	event: string;
	/** offer, answer, pranswer, rollback. */
	sdpType: string;
	sdp: string;
	side: 'local' | 'remote';
	timestamp: number | null;
}

/** One stats object over time: `fields[name][i]` was the value at `timestamps[i]` (null: absent). */
export interface ReportSeries {
	id: string;
	type: string;
	timestamps: number[];
	fields: Record<string, StatValue[]>;
}

export interface DumpConnection {
	id: string;
	url: string;
	rtcConfiguration: string;
	constraints: string;
	events: DumpEvent[];
	descriptions: DumpDescription[];
	reports: ReportSeries[];
}

export interface StatsDump {
	userAgent: string;
	/**
	 * `navigator.userAgentData.brands` as Chrome ≥ 138 writes it (`UserAgentData`); rtcstats'
	 * current importer refuses a dump without it. Empty when the dump has none.
	 */
	userAgentData?: unknown[];
	getUserMedia: unknown[];
	connections: DumpConnection[];
	/** Things noticed on import that did not stop it (legacy format, dropped entries). */
	warnings: DumpWarning[];
}

/** What a JSON value turned out to be where another kind was expected. */
export type JsonKind = 'list' | 'null' | 'object' | 'string' | 'number' | 'boolean' | 'nothing';

/**
 * Why a file could not be read as a dump, by id with its parameters: the page words it in the
 * learner's language (the place in the file — connection id, stats key, line — as it is).
 */
export type DumpProblem =
	| { id: 'empty' }
	/** `detail`: the JSON parser's own message. */
	| { id: 'notJson'; detail: string }
	| { id: 'notObject'; found: JsonKind }
	/** `keys`: the first keys of the object found instead (none: it is empty). */
	| { id: 'noPeerConnections'; keys: string[] }
	| { id: 'peerConnectionsNotObject'; found: JsonKind }
	| { id: 'connectionNotObject'; connection: string; found: JsonKind }
	| { id: 'updateLogNotList'; connection: string; found: JsonKind }
	| { id: 'eventWithoutType'; connection: string; index: number }
	| { id: 'statsNotObject'; connection: string; found: JsonKind }
	| { id: 'seriesNotObject'; connection: string; key: string; found: JsonKind }
	| { id: 'seriesValuesNotList'; connection: string; key: string }
	/** A gzip file that stops or breaks after `bytes` bytes of text; `detail`: the browser's words. */
	| { id: 'badGzip'; bytes: number; detail: string }
	/** rtcstats dumps, by 1-based line: line 1 is not "RTCStatsDump", or line 2 not {"fileFormat":…}. */
	| { id: 'rtcstatsHeader'; line: number }
	| { id: 'rtcstatsNotJson'; line: number; detail: string }
	| { id: 'rtcstatsNotList'; line: number }
	| { id: 'rtcstatsStatsNotObject'; line: number }
	| { id: 'rtcstatsReportNotObject'; line: number; report: string };

/** Something noticed on import that did not stop it, by id (the page words it). */
export type DumpWarning =
	/** Before Chrome 117 a dump had no per-report timestamps: times are spread evenly. */
	| { id: 'noTimestamps'; connection: string }
	/** An rtcstats dump of another fileFormat than 3 (JSON text of what it says). */
	| { id: 'rtcstatsFormat'; found: string };

/** An import failure: its problem, for the page to word (the message is for developers). */
export class DumpError extends Error {
	constructor(readonly problem: DumpProblem) {
		super(`dump: ${JSON.stringify(problem)}`);
		this.name = 'DumpError';
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (value: unknown): string =>
	typeof value === 'string'
		? value
		: value === undefined || value === null
			? ''
			: JSON.stringify(value);

export function jsonKind(value: unknown): JsonKind {
	if (Array.isArray(value)) return 'list';
	if (value === null) return 'null';
	const type = typeof value;
	return type === 'object' || type === 'string' || type === 'number' || type === 'boolean'
		? type
		: 'nothing';
}

function timeToMs(value: unknown): number | null {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value !== '') {
		const ms = Date.parse(value);
		return Number.isNaN(ms) ? null : ms;
	}
	return null;
}

// "type: offer, sdp: v=0\r\n…" (Chrome) or a JSON RTCSessionDescriptionInit (rtcstats).
const DESCRIPTION_TEXT = /^type:\s*([a-z]+),\s*sdp:\s*([\s\S]*)$/;

const DESCRIPTION_EVENTS: Record<string, 'local' | 'remote'> = {
	createOfferOnSuccess: 'local',
	createAnswerOnSuccess: 'local',
	setLocalDescription: 'local',
	setRemoteDescription: 'remote'
};

/** The SDP carried by an updateLog value, if any. */
export function descriptionOf(value: string): { sdpType: string; sdp: string } | null {
	const text = value.trim();
	if (text.startsWith('{')) {
		try {
			const parsed: unknown = JSON.parse(text);
			if (isRecord(parsed) && typeof parsed.sdp === 'string' && parsed.sdp !== '') {
				return { sdpType: str(parsed.type), sdp: parsed.sdp };
			}
		} catch {
			return null;
		}
		return null;
	}
	const match = DESCRIPTION_TEXT.exec(text);
	if (!match || match[2] === undefined || match[2].trim() === '') return null;
	return { sdpType: match[1] ?? '', sdp: match[2] };
}

function parseEvents(id: string, log: unknown): DumpEvent[] {
	if (log === undefined) return [];
	if (!Array.isArray(log)) {
		throw new DumpError({ id: 'updateLogNotList', connection: id, found: jsonKind(log) });
	}
	return log.map((entry, i) => {
		if (!isRecord(entry) || typeof entry.type !== 'string') {
			throw new DumpError({ id: 'eventWithoutType', connection: id, index: i });
		}
		return {
			time: str(entry.time),
			timestamp: timeToMs(entry.timestamp) ?? timeToMs(entry.time),
			type: entry.type,
			value: str(entry.value)
		};
	});
}

export function descriptionsOf(events: readonly DumpEvent[]): DumpDescription[] {
	const out: DumpDescription[] = [];
	events.forEach((event, eventIndex) => {
		const side = DESCRIPTION_EVENTS[event.type];
		if (!side) return;
		const found = descriptionOf(event.value);
		if (found)
			out.push({ eventIndex, event: event.type, side, timestamp: event.timestamp, ...found });
	});
	return out;
}

/** A getStats() field as a dump stores it: objects (e.g. qualityLimitationDurations) as JSON text. */
export function toStatValue(value: unknown): StatValue {
	if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	return value === undefined ? null : JSON.stringify(value);
}

/** `<reportId>-<field>` -> [reportId, field]; `<reportId>-[computed]` keeps the brackets. */
export function splitStatsKey(key: string): [string, string] {
	const bracket = key.indexOf('-[');
	if (bracket !== -1) return [key.slice(0, bracket), key.slice(bracket + 1)];
	const dash = key.lastIndexOf('-');
	return dash <= 0 ? [key, ''] : [key.slice(0, dash), key.slice(dash + 1)];
}

interface RawSeries {
	field: string;
	statsType: string;
	start: number | null;
	end: number | null;
	values: unknown[];
}

function parseStats(id: string, stats: unknown, warnings: DumpWarning[]): ReportSeries[] {
	if (stats === undefined) return [];
	if (!isRecord(stats)) {
		throw new DumpError({ id: 'statsNotObject', connection: id, found: jsonKind(stats) });
	}
	const byReport = new Map<string, RawSeries[]>();
	for (const [key, entry] of Object.entries(stats)) {
		if (!isRecord(entry)) {
			throw new DumpError({ id: 'seriesNotObject', connection: id, key, found: jsonKind(entry) });
		}
		const notList = () => new DumpError({ id: 'seriesValuesNotList', connection: id, key });
		let values: unknown;
		if (typeof entry.values === 'string') {
			try {
				values = JSON.parse(entry.values);
			} catch {
				throw notList();
			}
		} else values = entry.values;
		if (!Array.isArray(values)) {
			throw notList();
		}
		const [reportId, field] = splitStatsKey(key);
		if (field === '' || field === 'type' || field === 'id') continue;
		const list = byReport.get(reportId) ?? [];
		list.push({
			field,
			statsType: str(entry.statsType),
			start: timeToMs(entry.startTime),
			end: timeToMs(entry.endTime),
			values
		});
		byReport.set(reportId, list);
	}

	const out: ReportSeries[] = [];
	let legacy = false;
	for (const [reportId, list] of byReport) {
		const stamp = list.find((s) => s.field === 'timestamp');
		let timestamps: number[];
		if (stamp) {
			timestamps = stamp.values.map((v) => (typeof v === 'number' ? v : Number(v)));
		} else {
			// Before Chrome 117: spread the longest series evenly over its start..end.
			legacy = true;
			const longest = list.reduce((a, b) => (b.values.length > a.values.length ? b : a));
			const n = longest.values.length;
			const start = longest.start ?? 0;
			const end = longest.end ?? start + (n - 1) * 1000;
			timestamps = Array.from({ length: n }, (_, i) =>
				n === 1 ? start : start + ((end - start) * i) / (n - 1)
			);
		}
		const fields: Record<string, StatValue[]> = {};
		for (const series of list) {
			if (series.field === 'timestamp') continue;
			fields[series.field] = align(series, timestamps);
		}
		out.push({
			id: reportId,
			type: stamp?.statsType || list[0]?.statsType || '',
			timestamps,
			fields
		});
	}
	if (legacy) {
		// Times are spread evenly between each series' startTime and endTime.
		warnings.push({ id: 'noTimestamps', connection: id });
	}
	return out;
}

/** Places a field's values against the report's timestamps (fields may start late or stop early). */
function align(series: RawSeries, timestamps: readonly number[]): StatValue[] {
	const n = timestamps.length;
	const out: StatValue[] = new Array<StatValue>(n).fill(null);
	let offset: number;
	if (series.values.length === n) offset = 0;
	else {
		const start = series.start;
		const found = start === null ? -1 : timestamps.findIndex((t) => Math.abs(t - start) < 1);
		offset = found !== -1 ? found : Math.max(0, n - series.values.length);
	}
	for (let i = 0; i < series.values.length && offset + i < n; i++) {
		out[offset + i] = toStatValue(series.values[i]);
	}
	return out;
}

export interface ImportProgress {
	/** 0..1 */
	fraction: number;
}

/**
 * Parses a dump (webrtc-internals JSON or an rtcstats dump, told apart by their first bytes),
 * yielding progress after the JSON parse and after each connection. Throws DumpError with a
 * message naming what is wrong.
 */
export function* importDumpSteps(text: string): Generator<ImportProgress, StatsDump, void> {
	if (text.trim() === '') throw new DumpError({ id: 'empty' });
	// The other file webrtc-internals saves ("rtcstats dump"): one JSON list per line.
	if (/^RTCStatsDump\r?\n/.test(text) || text === RTCSTATS_HEADER) {
		return yield* importRtcStatsSteps(text);
	}
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (cause) {
		const detail = cause instanceof Error ? cause.message : String(cause);
		throw new DumpError({ id: 'notJson', detail });
	}
	if (!isRecord(data)) {
		throw new DumpError({ id: 'notObject', found: jsonKind(data) });
	}
	const pcs = data.PeerConnections;
	if (!isRecord(pcs)) {
		throw new DumpError(
			pcs === undefined
				? { id: 'noPeerConnections', keys: Object.keys(data).slice(0, 5) }
				: { id: 'peerConnectionsNotObject', found: jsonKind(pcs) }
		);
	}
	yield { fraction: 0.1 };

	const warnings: DumpWarning[] = [];
	const ids = Object.keys(pcs);
	const connections: DumpConnection[] = [];
	for (let i = 0; i < ids.length; i++) {
		const id = ids[i] ?? '';
		const pc = pcs[id];
		if (!isRecord(pc)) {
			throw new DumpError({ id: 'connectionNotObject', connection: id, found: jsonKind(pc) });
		}
		const events = parseEvents(id, pc.updateLog);
		connections.push({
			id,
			url: str(pc.url),
			rtcConfiguration: str(pc.rtcConfiguration),
			constraints: str(pc.constraints),
			events,
			descriptions: descriptionsOf(events),
			reports: parseStats(id, pc.stats, warnings)
		});
		yield { fraction: 0.1 + (0.9 * (i + 1)) / ids.length };
	}
	return {
		userAgent: str(data.UserAgent),
		...(Array.isArray(data.UserAgentData) ? { userAgentData: data.UserAgentData } : {}),
		getUserMedia: Array.isArray(data.getUserMedia) ? data.getUserMedia : [],
		connections,
		warnings
	};
}

/** Parses a whole dump in one go. */
export function importDump(
	text: string,
	onProgress?: (progress: ImportProgress) => void
): StatsDump {
	const steps = importDumpSteps(text);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
		onProgress?.(step.value);
	}
}

/** Same, giving the event loop a turn between steps (for a caller without a Worker). */
export async function importDumpAsync(
	text: string,
	onProgress?: (progress: ImportProgress) => void
): Promise<StatsDump> {
	const steps = importDumpSteps(text);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
		onProgress?.(step.value);
		await new Promise((resolve) => setTimeout(resolve, 0));
	}
}

// ---------------------------------------------------------------------------------------------
// Snapshots <-> series

/** One stats object's samples, oldest first, as getStats() would have returned them. */
export function samplesOf(series: ReportSeries): StatsReportLike[] {
	const names = Object.keys(series.fields);
	return series.timestamps.map((t, i) => {
		const report: StatsReportLike = { id: series.id, type: series.type, timestamp: t };
		for (const name of names) {
			const value = series.fields[name]?.[i];
			if (value !== null && value !== undefined) report[name] = value;
		}
		return report;
	});
}

/** The last sample of one stats object (what getStats() said last), if it has any. */
export function lastSample(series: ReportSeries): StatsReportLike | undefined {
	const i = series.timestamps.length - 1;
	if (i < 0) return undefined;
	const report: StatsReportLike = {
		id: series.id,
		type: series.type,
		timestamp: series.timestamps[i]
	};
	for (const [name, column] of Object.entries(series.fields)) {
		const value = column[i];
		if (value !== null && value !== undefined) report[name] = value;
	}
	return report;
}

/** The latest sample of every stats object of a connection, grouped by type. */
export function latestReports(connection: Pick<DumpConnection, 'reports'>): NormalisedReports {
	return normaliseReports(latestSamples(connection));
}

/** The latest sample of every stats object of a connection. */
export function latestSamples(connection: Pick<DumpConnection, 'reports'>): StatsReportLike[] {
	const out: StatsReportLike[] = [];
	for (const series of connection.reports) {
		const last = lastSample(series);
		if (last) out.push(last);
	}
	return out;
}

/** Derived series (bitrate, loss, RTT, …) of every stats object of a connection. */
export function deriveConnection(
	connection: Pick<DumpConnection, 'reports'>,
	options: DeriveOptions = {}
): DerivedSeries[] {
	const table = new Map<string, DerivedSeries>();
	for (const series of connection.reports) deriveReportSamples(samplesOf(series), table, options);
	return [...table.values()];
}

/** Series from a sequence of getStats() results (what a live session records for export). */
export function seriesFromSnapshots(
	snapshots: Iterable<Iterable<StatsReportLike> | NormalisedReports>
): ReportSeries[] {
	const table = new Map<string, ReportSeries>();
	for (const snapshot of snapshots) {
		const reports =
			'byId' in snapshot && snapshot.byId instanceof Map
				? snapshot.byId.values()
				: (snapshot as Iterable<StatsReportLike>);
		for (const report of reports) {
			const t = typeof report.timestamp === 'number' ? report.timestamp : null;
			if (t === null) continue;
			let series = table.get(report.id);
			if (!series) {
				series = { id: report.id, type: report.type, timestamps: [], fields: {} };
				table.set(report.id, series);
			}
			const i = series.timestamps.length;
			series.timestamps.push(t);
			for (const [name, raw] of Object.entries(report)) {
				if (name === 'id' || name === 'type' || name === 'timestamp') continue;
				let column = series.fields[name];
				if (!column) {
					column = new Array<StatValue>(i).fill(null);
					series.fields[name] = column;
				}
				column.push(toStatValue(raw));
			}
			for (const column of Object.values(series.fields)) {
				if (column.length < i + 1) column.push(null);
			}
		}
	}
	return [...table.values()];
}

export interface SessionRecord {
	id: string;
	url?: string;
	/** The RTCConfiguration (kept as text, as webrtc-internals does). */
	rtcConfiguration?: unknown;
	constraints?: string;
	events: readonly { time?: string; timestamp?: number | null; type: string; value: string }[];
	/** getStats() results, oldest first: RTCStatsReport Maps, arrays or objects keyed by id. */
	snapshots: Iterable<StatsInput>;
}

/** A recorded live session as one dump connection (what "Export" writes for the labs). */
export function connectionFromSession(session: SessionRecord): DumpConnection {
	const events: DumpEvent[] = session.events.map((e) => {
		const timestamp = timeToMs(e.timestamp) ?? timeToMs(e.time);
		return {
			time: e.time ?? (timestamp === null ? '' : iso(timestamp)),
			timestamp,
			type: e.type,
			value: e.value
		};
	});
	const snapshots: StatsReportLike[][] = [];
	for (const snapshot of session.snapshots) snapshots.push(reportList(snapshot));
	return {
		id: session.id,
		url: session.url ?? '',
		rtcConfiguration: str(session.rtcConfiguration),
		constraints: session.constraints ?? '',
		events,
		descriptions: descriptionsOf(events),
		reports: seriesFromSnapshots(snapshots)
	};
}

// ---------------------------------------------------------------------------------------------
// Export

export interface InternalsSeries {
	startTime: string;
	endTime: string;
	statsType: string;
	values: string;
}

export interface InternalsConnection {
	constraints: string;
	rtcConfiguration: string;
	url: string;
	updateLog: { time: string; timestamp?: number; type: string; value: string }[];
	stats: Record<string, InternalsSeries>;
}

export interface InternalsDump {
	getUserMedia: unknown[];
	PeerConnections: Record<string, InternalsConnection>;
	UserAgent: string;
	UserAgentData: unknown[];
}

const iso = (ms: number) => {
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? '' : date.toISOString();
};

function exportSeries(series: ReportSeries): Record<string, InternalsSeries> {
	const out: Record<string, InternalsSeries> = {};
	const n = series.timestamps.length;
	if (n === 0) return out;
	out[`${series.id}-timestamp`] = {
		startTime: iso(series.timestamps[0] ?? 0),
		endTime: iso(series.timestamps[n - 1] ?? 0),
		statsType: series.type,
		values: JSON.stringify(series.timestamps)
	};
	for (const [name, column] of Object.entries(series.fields)) {
		// A series runs from the first tick the field was present to the report's last tick; gaps
		// (and a field that went missing before the report did) are null. rtcstats' importer
		// (createInternalsTimeSeries) lines values up with `<id>-timestamp` from the END, so the
		// last value must belong to the last timestamp; ours uses startTime and agrees.
		let first = 0;
		while (first < n && (column[first] === null || column[first] === undefined)) first++;
		if (first === n) continue;
		const last = n - 1;
		out[`${series.id}-${name}`] = {
			startTime: iso(series.timestamps[first] ?? 0),
			endTime: iso(series.timestamps[last] ?? 0),
			statsType: series.type,
			values: JSON.stringify(column.slice(first, last + 1).map((v) => v ?? null))
		};
	}
	return out;
}

/** Our model -> the object chrome://webrtc-internals would have saved. */
export function exportDump(
	dump: Pick<StatsDump, 'userAgent' | 'userAgentData' | 'getUserMedia' | 'connections'>
): InternalsDump {
	const PeerConnections: Record<string, InternalsConnection> = {};
	for (const c of dump.connections) {
		const stats: Record<string, InternalsSeries> = {};
		for (const series of c.reports) Object.assign(stats, exportSeries(series));
		PeerConnections[c.id] = {
			constraints: c.constraints,
			rtcConfiguration: c.rtcConfiguration,
			url: c.url,
			updateLog: c.events.map((e) => ({
				time: e.time || (e.timestamp === null ? '' : iso(e.timestamp)),
				...(e.timestamp === null ? {} : { timestamp: e.timestamp }),
				type: e.type,
				value: e.value
			})),
			stats
		};
	}
	return {
		getUserMedia: dump.getUserMedia,
		PeerConnections,
		UserAgent: dump.userAgent,
		UserAgentData: dump.userAgentData ?? []
	};
}

/** The text of a webrtc_internals_dump.txt. */
export function serialiseDump(
	dump: Pick<StatsDump, 'userAgent' | 'userAgentData' | 'getUserMedia' | 'connections'>
): string {
	return JSON.stringify(exportDump(dump));
}
