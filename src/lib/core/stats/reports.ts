// getStats() results in one shape. An RTCStatsReport is a Map from id to RTCStats dictionary
// (W3C webrtc-stats §5); callers also hold plain arrays (our fixtures, rtcstats traces) or plain
// objects keyed by id (JSON.stringify of a Map gives `{}`, so people save `Object.fromEntries`).
// All three come out as reports grouped by `type`, in the order the spec lists the types.
import type { StatsReportLike } from './summary';

export type { StatsReportLike };

/** The stats types of W3C webrtc-stats §3.1 (RTCStatsType), in the order a reader meets them. */
export const statsTypeOrder = [
	'peer-connection',
	'transport',
	'candidate-pair',
	'local-candidate',
	'remote-candidate',
	'certificate',
	'codec',
	'media-source',
	'outbound-rtp',
	'remote-inbound-rtp',
	'inbound-rtp',
	'remote-outbound-rtp',
	'media-playout',
	'data-channel'
] as const;

export type StatsInput =
	| ReadonlyMap<string, unknown>
	| Iterable<unknown>
	| Readonly<Record<string, unknown>>
	| null
	| undefined;

export interface NormalisedReports {
	/** Reports by id; the last one wins when an id repeats. */
	byId: Map<string, StatsReportLike>;
	/** Report type -> reports of that type (known types first, in statsTypeOrder, then A–Z). */
	byType: Map<string, StatsReportLike[]>;
	/** The newest report timestamp (ms since the epoch), or null when no report has one. */
	timestamp: number | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asReport(value: unknown, fallbackId?: string): StatsReportLike | null {
	if (!isRecord(value)) return null;
	const id = typeof value.id === 'string' ? value.id : fallbackId;
	if (typeof id !== 'string' || typeof value.type !== 'string') return null;
	return { ...value, id, type: value.type } as StatsReportLike;
}

function isIterable(value: unknown): value is Iterable<unknown> {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function'
	);
}

/** Sort key for a stats type: its place in statsTypeOrder, unknown types after. */
export function statsTypeRank(type: string): number {
	const index = (statsTypeOrder as readonly string[]).indexOf(type);
	return index === -1 ? statsTypeOrder.length : index;
}

/** Flattens a Map (RTCStatsReport), an array of reports, or an object keyed by id. */
export function reportList(input: StatsInput): StatsReportLike[] {
	const out: StatsReportLike[] = [];
	if (input === null || input === undefined) return out;
	if (input instanceof Map) {
		for (const [key, value] of input) {
			const report = asReport(value, typeof key === 'string' ? key : undefined);
			if (report) out.push(report);
		}
		return out;
	}
	if (isIterable(input)) {
		for (const value of input) {
			// A Map's entries() yields [id, report] pairs.
			const report = Array.isArray(value)
				? asReport(value[1], typeof value[0] === 'string' ? value[0] : undefined)
				: asReport(value);
			if (report) out.push(report);
		}
		return out;
	}
	if (isRecord(input)) {
		for (const [key, value] of Object.entries(input)) {
			const report = asReport(value, key);
			if (report) out.push(report);
		}
	}
	return out;
}

export function normaliseReports(input: StatsInput): NormalisedReports {
	const byId = new Map<string, StatsReportLike>();
	let timestamp: number | null = null;
	for (const report of reportList(input)) {
		byId.set(report.id, report);
		const t = report.timestamp;
		if (typeof t === 'number' && Number.isFinite(t) && (timestamp === null || t > timestamp)) {
			timestamp = t;
		}
	}
	const groups = new Map<string, StatsReportLike[]>();
	for (const report of byId.values()) {
		const list = groups.get(report.type);
		if (list) list.push(report);
		else groups.set(report.type, [report]);
	}
	const types = [...groups.keys()].sort(
		(a, b) => statsTypeRank(a) - statsTypeRank(b) || (a < b ? -1 : a > b ? 1 : 0)
	);
	const byType = new Map<string, StatsReportLike[]>();
	for (const type of types) byType.set(type, groups.get(type) ?? []);
	return { byId, byType, timestamp };
}
