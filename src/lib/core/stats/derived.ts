// Derived series: what chrome://webrtc-internals draws as "[bytesSent_in_bits/s]", computed from
// two consecutive getStats() results. Counters in webrtc-stats are cumulative ("total since the
// stream started"), so a rate is a difference over the time between the two reports:
//
//   bitrate = Δbytes · 8 / Δt            (Δt from the reports' own timestamps, in seconds)
//   packet loss % = ΔpacketsLost / (ΔpacketsLost + ΔpacketsReceived) · 100
//
// Gauges (jitter, RTT, framesPerSecond, frame size, audioLevel) are read as they are. A counter
// that goes backwards (a new SSRC reusing the id after renegotiation, a restarted sender) gives
// no point for that step rather than a huge negative spike; missing fields give no point.
//
// The rules are data: one row per (report type, metric), read by a small generic engine.
import { normaliseReports, type NormalisedReports, type StatsInput } from './reports';
import type { StatsReportLike } from './summary';

export type MetricId =
	| 'bitrate'
	| 'packetRate'
	| 'packetLoss'
	| 'jitter'
	| 'rtt'
	| 'fps'
	| 'frameWidth'
	| 'frameHeight'
	| 'audioLevel'
	| 'messageRate'
	| 'byteRate'
	| 'availableBitrate';

export type MetricUnit =
	'bit/s' | 'packets/s' | '%' | 'ms' | 'frames/s' | 'px' | 'level' | 'messages/s' | 'B/s';

export type MetricDirection = 'sent' | 'received';

/** Δcounter · scale / Δt(s). */
interface RateRule {
	kind: 'rate';
	counter: string;
	scale: number;
}
/** field · scale, from the newer report. */
interface GaugeRule {
	kind: 'gauge';
	field: string;
	scale: number;
}
/** Δlost / (Δlost + Δreceived) · 100. */
interface LossRule {
	kind: 'loss';
	lost: string;
	received: string;
}
type Computation = RateRule | GaugeRule | LossRule;

export interface MetricRule {
	type: string;
	metric: MetricId;
	direction?: MetricDirection;
	unit: MetricUnit;
	/** Tried in order; the first that yields a number wins (e.g. framesPerSecond, else a rate). */
	compute: readonly Computation[];
}

const rate = (counter: string, scale = 1): RateRule => ({ kind: 'rate', counter, scale });
const gauge = (field: string, scale = 1): GaugeRule => ({ kind: 'gauge', field, scale });

export const metricRules: readonly MetricRule[] = [
	// RTCOutboundRtpStreamStats: bytesSent counts RTP payload bytes (no headers, no padding).
	{
		type: 'outbound-rtp',
		metric: 'bitrate',
		direction: 'sent',
		unit: 'bit/s',
		compute: [rate('bytesSent', 8)]
	},
	{
		type: 'outbound-rtp',
		metric: 'packetRate',
		direction: 'sent',
		unit: 'packets/s',
		compute: [rate('packetsSent')]
	},
	{
		type: 'outbound-rtp',
		metric: 'fps',
		direction: 'sent',
		unit: 'frames/s',
		compute: [gauge('framesPerSecond'), rate('framesEncoded')]
	},
	{
		type: 'outbound-rtp',
		metric: 'frameWidth',
		direction: 'sent',
		unit: 'px',
		compute: [gauge('frameWidth')]
	},
	{
		type: 'outbound-rtp',
		metric: 'frameHeight',
		direction: 'sent',
		unit: 'px',
		compute: [gauge('frameHeight')]
	},
	// RTCInboundRtpStreamStats.
	{
		type: 'inbound-rtp',
		metric: 'bitrate',
		direction: 'received',
		unit: 'bit/s',
		compute: [rate('bytesReceived', 8)]
	},
	{
		type: 'inbound-rtp',
		metric: 'packetRate',
		direction: 'received',
		unit: 'packets/s',
		compute: [rate('packetsReceived')]
	},
	{
		type: 'inbound-rtp',
		metric: 'packetLoss',
		direction: 'received',
		unit: '%',
		compute: [{ kind: 'loss', lost: 'packetsLost', received: 'packetsReceived' }]
	},
	// jitter is in seconds (RFC 3550 §6.4.1 interarrival jitter); shown in ms.
	{
		type: 'inbound-rtp',
		metric: 'jitter',
		direction: 'received',
		unit: 'ms',
		compute: [gauge('jitter', 1000)]
	},
	{
		type: 'inbound-rtp',
		metric: 'fps',
		direction: 'received',
		unit: 'frames/s',
		compute: [gauge('framesPerSecond'), rate('framesDecoded')]
	},
	{
		type: 'inbound-rtp',
		metric: 'frameWidth',
		direction: 'received',
		unit: 'px',
		compute: [gauge('frameWidth')]
	},
	{
		type: 'inbound-rtp',
		metric: 'frameHeight',
		direction: 'received',
		unit: 'px',
		compute: [gauge('frameHeight')]
	},
	{
		type: 'inbound-rtp',
		metric: 'audioLevel',
		direction: 'received',
		unit: 'level',
		compute: [gauge('audioLevel')]
	},
	// RTCRemoteInboundRtpStreamStats: what the far end reported about our stream in RTCP
	// receiver reports (RFC 3550 §6.4.2); roundTripTime comes from the RR's LSR/DLSR.
	{
		type: 'remote-inbound-rtp',
		metric: 'rtt',
		unit: 'ms',
		compute: [gauge('roundTripTime', 1000)]
	},
	{
		type: 'remote-inbound-rtp',
		metric: 'packetLoss',
		unit: '%',
		compute: [gauge('fractionLost', 100)]
	},
	{
		type: 'remote-inbound-rtp',
		metric: 'jitter',
		unit: 'ms',
		compute: [gauge('jitter', 1000)]
	},
	// RTCIceCandidatePairStats: currentRoundTripTime from STUN consent checks (RFC 7675).
	{
		type: 'candidate-pair',
		metric: 'rtt',
		unit: 'ms',
		compute: [gauge('currentRoundTripTime', 1000)]
	},
	{
		type: 'candidate-pair',
		metric: 'bitrate',
		direction: 'sent',
		unit: 'bit/s',
		compute: [rate('bytesSent', 8)]
	},
	{
		type: 'candidate-pair',
		metric: 'bitrate',
		direction: 'received',
		unit: 'bit/s',
		compute: [rate('bytesReceived', 8)]
	},
	{
		type: 'candidate-pair',
		metric: 'availableBitrate',
		direction: 'sent',
		unit: 'bit/s',
		compute: [gauge('availableOutgoingBitrate')]
	},
	// RTCDataChannelStats.
	{
		type: 'data-channel',
		metric: 'messageRate',
		direction: 'sent',
		unit: 'messages/s',
		compute: [rate('messagesSent')]
	},
	{
		type: 'data-channel',
		metric: 'messageRate',
		direction: 'received',
		unit: 'messages/s',
		compute: [rate('messagesReceived')]
	},
	{
		type: 'data-channel',
		metric: 'byteRate',
		direction: 'sent',
		unit: 'B/s',
		compute: [rate('bytesSent')]
	},
	{
		type: 'data-channel',
		metric: 'byteRate',
		direction: 'received',
		unit: 'B/s',
		compute: [rate('bytesReceived')]
	},
	// RTCMediaSourceStats (RTCAudioSourceStats / RTCVideoSourceStats): the track before encoding.
	{
		type: 'media-source',
		metric: 'audioLevel',
		unit: 'level',
		compute: [gauge('audioLevel')]
	},
	{
		type: 'media-source',
		metric: 'fps',
		unit: 'frames/s',
		compute: [gauge('framesPerSecond'), rate('frames')]
	},
	{
		type: 'media-source',
		metric: 'frameWidth',
		unit: 'px',
		compute: [gauge('width')]
	},
	{
		type: 'media-source',
		metric: 'frameHeight',
		unit: 'px',
		compute: [gauge('height')]
	}
];

const rulesByType = new Map<string, MetricRule[]>();
for (const rule of metricRules) {
	const list = rulesByType.get(rule.type);
	if (list) list.push(rule);
	else rulesByType.set(rule.type, [rule]);
}

export interface DerivedPoint {
	/** Time of the newer report, ms since the epoch. */
	t: number;
	v: number;
}

export interface DerivedSeries {
	/** `<reportId>:<metric>[:<direction>]`, stable across ticks. */
	key: string;
	reportId: string;
	reportType: string;
	/** `audio` / `video` for RTP and media-source reports, when the report says. */
	kind?: string;
	metric: MetricId;
	direction?: MetricDirection;
	unit: MetricUnit;
	points: DerivedPoint[];
}

const num = (value: unknown): number | null =>
	typeof value === 'number' && Number.isFinite(value) ? value : null;

function timeOf(report: StatsReportLike, fallback: number | null): number | null {
	return num(report.timestamp) ?? fallback;
}

/** One computation over a pair of reports; null when it cannot be computed for this step. */
function compute(
	c: Computation,
	prev: StatsReportLike | undefined,
	curr: StatsReportLike,
	dtSeconds: number | null
): number | null {
	if (c.kind === 'gauge') {
		const value = num(curr[c.field]);
		return value === null ? null : value * c.scale;
	}
	if (!prev || dtSeconds === null || dtSeconds <= 0) return null;
	if (c.kind === 'rate') {
		const a = num(prev[c.counter]);
		const b = num(curr[c.counter]);
		if (a === null || b === null || b < a) return null; // missing, or the counter was reset
		return ((b - a) * c.scale) / dtSeconds;
	}
	const lostA = num(prev[c.lost]);
	const lostB = num(curr[c.lost]);
	const recvA = num(prev[c.received]);
	const recvB = num(curr[c.received]);
	if (lostA === null || lostB === null || recvA === null || recvB === null) return null;
	const received = recvB - recvA;
	if (received < 0) return null; // reset
	// packetsLost may fall when late duplicates arrive (RFC 3550 §6.4.1): count that as no loss.
	const lost = Math.max(0, lostB - lostA);
	const expected = lost + received;
	return expected === 0 ? null : (lost / expected) * 100;
}

export function seriesKey(reportId: string, rule: Pick<MetricRule, 'metric' | 'direction'>) {
	return rule.direction
		? `${reportId}:${rule.metric}:${rule.direction}`
		: `${reportId}:${rule.metric}`;
}

export interface DerivedValue {
	key: string;
	reportId: string;
	reportType: string;
	kind?: string;
	rule: MetricRule;
	point: DerivedPoint;
}

/** The values one report yields against its previous sample (`before`, absent on the first). */
function deriveReportStep(
	report: StatsReportLike,
	before: StatsReportLike | undefined,
	t: number,
	t0: number | null,
	out: DerivedValue[]
): void {
	const rules = rulesByType.get(report.type);
	if (!rules) return;
	const dt = t0 === null ? null : (t - t0) / 1000;
	const kind = typeof report.kind === 'string' ? report.kind : undefined;
	for (const rule of rules) {
		let value: number | null = null;
		for (const c of rule.compute) {
			value = compute(c, before, report, dt);
			if (value !== null) break;
		}
		if (value === null) continue;
		out.push({
			key: seriesKey(report.id, rule),
			reportId: report.id,
			reportType: report.type,
			kind,
			rule,
			point: { t, v: value }
		});
	}
}

/**
 * Every derived value between two consecutive results. `prev` may be null (the first tick):
 * only gauges come out then. Each report is compared with the report of the same id: its own
 * timestamp counts (remote-inbound-rtp is stamped when the RTCP report arrived, not when
 * getStats() ran).
 */
export function deriveStep(
	prev: NormalisedReports | null,
	curr: NormalisedReports
): DerivedValue[] {
	const out: DerivedValue[] = [];
	for (const [type, reports] of curr.byType) {
		if (!rulesByType.has(type)) continue;
		for (const report of reports) {
			const before = prev?.byId.get(report.id);
			const t = timeOf(report, curr.timestamp);
			if (t === null) continue;
			const t0 = before ? timeOf(before, prev?.timestamp ?? null) : null;
			deriveReportStep(report, before, t, t0, out);
		}
	}
	return out;
}

/**
 * Derived series of one stats object given as its samples over time, oldest first (what a
 * webrtc-internals dump holds: one series per report, each with its own timestamps).
 */
export function deriveReportSamples(
	samples: readonly StatsReportLike[],
	table: Map<string, DerivedSeries> = new Map(),
	options: DeriveOptions = {}
): Map<string, DerivedSeries> {
	let before: StatsReportLike | undefined;
	for (const sample of samples) {
		const t = timeOf(sample, null);
		if (t === null) continue;
		const values: DerivedValue[] = [];
		const t0 = before ? timeOf(before, null) : null;
		deriveReportStep(sample, before, t, t0, values);
		appendDerived(table, values, options);
		before = sample;
	}
	return table;
}

export interface DeriveOptions {
	/** Drop points older than this many ms before the newest one (live charts keep 10 min). */
	maxAgeMs?: number;
}

/** Adds one step's values to a series table (keyed by series key), creating series on the way. */
export function appendDerived(
	table: Map<string, DerivedSeries>,
	values: readonly DerivedValue[],
	options: DeriveOptions = {}
): void {
	for (const value of values) {
		let series = table.get(value.key);
		if (!series) {
			series = {
				key: value.key,
				reportId: value.reportId,
				reportType: value.reportType,
				kind: value.kind,
				metric: value.rule.metric,
				direction: value.rule.direction,
				unit: value.rule.unit,
				points: []
			};
			table.set(value.key, series);
		}
		const last = series.points[series.points.length - 1];
		// Same tick twice (Chrome caches stats for ~50 ms) or out of order: keep the first.
		if (last && value.point.t <= last.t) continue;
		series.points.push(value.point);
		if (value.kind && !series.kind) series.kind = value.kind;
	}
	const maxAge = options.maxAgeMs;
	if (maxAge !== undefined && maxAge >= 0) {
		for (const series of table.values()) {
			const newest = series.points[series.points.length - 1]?.t;
			if (newest === undefined) continue;
			let drop = 0;
			while (drop < series.points.length && (series.points[drop]?.t ?? newest) < newest - maxAge)
				drop++;
			if (drop > 0) series.points.splice(0, drop);
		}
	}
}

/** Derived series over a sequence of getStats() results (oldest first). */
export function deriveSeries(
	snapshots: Iterable<StatsInput | NormalisedReports>,
	options: DeriveOptions = {}
): DerivedSeries[] {
	const table = new Map<string, DerivedSeries>();
	let prev: NormalisedReports | null = null;
	for (const snapshot of snapshots) {
		const curr = isNormalised(snapshot) ? snapshot : normaliseReports(snapshot);
		appendDerived(table, deriveStep(prev, curr), options);
		prev = curr;
	}
	return [...table.values()];
}

function isNormalised(value: unknown): value is NormalisedReports {
	return (
		typeof value === 'object' &&
		value !== null &&
		(value as NormalisedReports).byId instanceof Map &&
		(value as NormalisedReports).byType instanceof Map
	);
}

export interface ReportCharts {
	reportId: string;
	reportType: string;
	kind?: string;
	series: DerivedSeries[];
}

/** Series grouped by the stats object they come from, keeping those with at least `minPoints`. */
export function seriesByReport(series: readonly DerivedSeries[], minPoints = 2): ReportCharts[] {
	const groups = new Map<string, ReportCharts>();
	for (const s of series) {
		if (s.points.length < minPoints) continue;
		const group = groups.get(s.reportId);
		if (group) group.series.push(s);
		else
			groups.set(s.reportId, {
				reportId: s.reportId,
				reportType: s.reportType,
				kind: s.kind,
				series: [s]
			});
	}
	return [...groups.values()];
}

/**
 * The series a live view should draw now: only those whose report is still in the newest result
 * (a pruned candidate pair stops being reported, and a frozen chart would look like a stall),
 * and of the candidate pairs only the selected ones (the others carry STUN checks, not data).
 */
export function currentSeries(
	table: ReadonlyMap<string, DerivedSeries>,
	current: NormalisedReports,
	metrics?: readonly MetricId[]
): DerivedSeries[] {
	const selected = new Set<string>();
	for (const transport of current.byType.get('transport') ?? []) {
		if (typeof transport.selectedCandidatePairId === 'string')
			selected.add(transport.selectedCandidatePairId);
	}
	// Without transport stats (Firefox, old dumps) the pair says so itself.
	if (selected.size === 0) {
		for (const pair of current.byType.get('candidate-pair') ?? []) {
			if (pair.selected === true || pair.nominated === true) selected.add(pair.id);
		}
	}
	return [...table.values()].filter(
		(s) =>
			(!metrics || metrics.includes(s.metric)) &&
			current.byId.has(s.reportId) &&
			(s.reportType !== 'candidate-pair' || selected.has(s.reportId))
	);
}
