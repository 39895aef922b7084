// What a stats chart draws besides its line: round y-axis ticks that cover the data, values in
// readable units (312.5 kbit/s, 2.5 Gbit/s, 40 ms, 1.25 %), a title by message id (what the
// chart measures, on which track, in which direction), and one row order shared by both peers so
// that row N on Peer A's side is the same metric as row N on Peer B's.
//
//   bitrate of 0 … 2,480,000,000 bit/s -> ticks 0, 0.5, 1, 1.5, 2, 2.5 Gbit/s
//
// Ticks come from d3-array's `nice` and `ticks` (round steps of 1, 2 or 5 × 10^n).
import { nice, tickStep, ticks } from 'd3-array';
import type { DerivedSeries, MetricId, MetricUnit } from './derived';

export interface AxisTicks {
	/** The axis range: from min(0, data min) to a round value at or above the data max. */
	low: number;
	high: number;
	/** Round values from low to high inclusive, ascending. */
	values: number[];
	/** The tick labels, in the same order, all in one unit prefix (0, 0.5, 1 Gbit/s). */
	labels: string[];
}

/** Unit prefixes for rates (SI, powers of 1000): bit/s -> kbit/s -> Mbit/s -> Gbit/s. */
const PREFIXES = [
	{ factor: 1e9, prefix: 'G' },
	{ factor: 1e6, prefix: 'M' },
	{ factor: 1e3, prefix: 'k' },
	{ factor: 1, prefix: '' }
] as const;
const NONE = { factor: 1, prefix: '' } as const;

const prefixed = (unit: MetricUnit) => unit === 'bit/s' || unit === 'B/s';

/**
 * How the page writes the units that are words rather than symbols, in the learner's language
 * (`packets/s` -> `包/秒`); a unit left out is written as its id. Symbols (bit/s, B/s, ms, px, %)
 * are the same in every language.
 */
export type UnitNames = Readonly<Partial<Record<MetricUnit, string>>>;

/** How a unit is written after a number: `kbit/s`, `ms`, `%`; an audio level has none. */
function unitText(unit: MetricUnit, prefix: string, names: UnitNames): string {
	if (unit === 'level') return '';
	if (prefixed(unit)) return ` ${prefix}${unit}`;
	const name = names[unit] ?? unit;
	return prefix ? `${prefix} ${name}` : ` ${name}`;
}

/** The prefix that keeps the largest magnitude readable (1 ≤ value / factor < 1000). */
function prefixFor(magnitude: number, unit: MetricUnit) {
	// Counts other than bits and bytes get a prefix only when large (12k packets/s).
	const floor = prefixed(unit) ? 1 : 1e4;
	for (const p of PREFIXES) if (magnitude >= p.factor && magnitude >= floor) return p;
	return NONE;
}

/** Decimals enough to tell ticks `step` apart (step 0.25 -> 2, step 5 -> 0), at most 12. */
function decimalsFor(step: number): number {
	if (!(step > 0) || !Number.isFinite(step)) return 0;
	// Round steps are 1, 2 or 5 × 10^n (and 2.5 after dividing by a prefix): count the digits.
	for (let d = 0; d <= 12; d++) {
		const scaled = step * 10 ** d;
		if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return d;
	}
	return 12;
}

/** `2.5`, `0.0002`, `-0` -> `0`: a number with exactly `decimals` digits after the point. */
function fixed(value: number, decimals: number): string {
	const text = value.toFixed(decimals);
	return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/**
 * Y-axis ticks for data from `min` to `max` (the series' extremes; Infinity/-Infinity or NaN
 * when it has no points): about `count` round values from min(0, min) up to at least max.
 */
export function axisTicks(
	min: number,
	max: number,
	unit: MetricUnit,
	count = 4,
	names: UnitNames = {}
): AxisTicks {
	let low = Number.isFinite(min) ? Math.min(0, min) : 0;
	let high = Number.isFinite(max) ? Math.max(max, low) : 0;
	// A flat line (all zeros, or one value; below 1e-9 is float noise, not a measurement): give
	// the axis a range to draw it in.
	if (high - low < 1e-9) high = low === 0 ? 1 : low + Math.abs(low);
	[low, high] = nice(low, high, count);
	let values = ticks(low, high, count);
	// `ticks` can stop short of a `nice` end by a rounding error: keep both ends on the axis.
	if (values.length === 0 || values[0] !== low) values = [low, ...values.filter((v) => v > low)];
	if (values[values.length - 1] !== high) values = [...values.filter((v) => v < high), high];
	const step = Math.abs(tickStep(low, high, count)) || Math.abs(high - low);
	const magnitude = Math.max(Math.abs(low), Math.abs(high));
	const { factor, prefix } = prefixFor(magnitude, unit);
	const decimals = decimalsFor(step / factor);
	const suffix = unitText(unit, prefix, names);
	const labels = values.map((v) => `${fixed(v / factor, decimals)}${suffix}`);
	return { low, high, values, labels };
}

/** One value for reading (a caption's latest / min / max): 312.5 kbit/s, 40.0 ms, 1.25 %. */
export function formatValue(v: number, unit: MetricUnit, names: UnitNames = {}): string {
	if (!Number.isFinite(v)) return '–';
	if (prefixed(unit)) {
		const { factor, prefix } = prefixFor(Math.abs(v), unit);
		if (factor === 1) return `${Math.round(v)} ${unit}`;
		return `${(v / factor).toFixed(factor >= 1e6 ? 2 : 1)} ${prefix}${unit}`;
	}
	if (unit === 'level') return v.toFixed(3);
	if (unit === '%') return `${v.toFixed(2)} %`;
	if (unit === 'ms') return `${v.toFixed(1)} ms`;
	return `${Number.isInteger(v) ? v : v.toFixed(1)} ${names[unit] ?? unit}`;
}

// ---------------------------------------------------------------------------------------------
// Titles, by message id: the core names the track and the measure, the page words them.

/** Which track (or transport) a chart is about, and which way its data flows. */
export type ChartTrack =
	| 'audioSent'
	| 'audioReceived'
	| 'videoSent'
	| 'videoReceived'
	| 'mediaSent'
	| 'mediaReceived'
	| 'audioSource'
	| 'videoSource'
	| 'mediaSource'
	| 'pairSent'
	| 'pairReceived'
	| 'pair'
	| 'dataSent'
	| 'dataReceived'
	| 'other';

/** What a chart measures (a metric, told apart where two sources measure it differently). */
export type ChartMeasure =
	| MetricId
	/** remote-inbound-rtp: the far end's RTCP receiver reports about the stream we send. */
	| 'rttRtcp'
	| 'lossReported'
	| 'jitterReported'
	/** candidate-pair: STUN consent checks (RFC 7675). */
	| 'rttStun';

export interface ChartTitle {
	track: ChartTrack;
	measure: ChartMeasure;
}

type SeriesIdentity = Pick<DerivedSeries, 'reportType' | 'kind' | 'metric' | 'direction'>;

const media = (kind: string | undefined) =>
	kind === 'audio' ? 'audio' : kind === 'video' ? 'video' : 'media';

/** The title of a series' chart, as ids for the page to word. */
export function chartTitle(s: SeriesIdentity): ChartTitle {
	const dir = s.direction === 'received' ? 'Received' : 'Sent';
	switch (s.reportType) {
		case 'outbound-rtp':
			return { track: `${media(s.kind)}Sent`, measure: s.metric };
		case 'inbound-rtp':
			return { track: `${media(s.kind)}Received`, measure: s.metric };
		case 'remote-inbound-rtp': {
			// About the stream this peer sends, as the receiver saw it.
			const measure =
				s.metric === 'rtt'
					? 'rttRtcp'
					: s.metric === 'packetLoss'
						? 'lossReported'
						: s.metric === 'jitter'
							? 'jitterReported'
							: s.metric;
			return { track: `${media(s.kind)}Sent`, measure };
		}
		case 'media-source':
			return { track: `${media(s.kind)}Source`, measure: s.metric };
		case 'candidate-pair':
			return s.direction
				? { track: `pair${dir}`, measure: s.metric }
				: { track: 'pair', measure: s.metric === 'rtt' ? 'rttStun' : s.metric };
		case 'data-channel':
			return { track: `data${dir}`, measure: s.metric };
		default:
			return { track: 'other', measure: s.metric };
	}
}

// ---------------------------------------------------------------------------------------------
// Rows: both peers' charts in one order, so that the same metric sits at the same height.

const KIND_ORDER = ['audio', 'video', ''];
const TYPE_ORDER = [
	'media-source',
	'outbound-rtp',
	'remote-inbound-rtp',
	'inbound-rtp',
	'candidate-pair',
	'data-channel'
];
const METRIC_ORDER: MetricId[] = [
	'bitrate',
	'availableBitrate',
	'byteRate',
	'messageRate',
	'packetRate',
	'fps',
	'frameWidth',
	'frameHeight',
	'rtt',
	'packetLoss',
	'jitter',
	'audioLevel'
];
const DIRECTION_ORDER = ['sent', 'received', ''];

/**
 * A series' row: the same on both peers for the same metric of the same kind of stream
 * (`video|outbound-rtp|bitrate|sent`), whatever the report ids are. A second stream of the same
 * kind (after a renegotiation) gets `#2`, and so on, in the order given.
 */
export function chartRows(series: readonly SeriesIdentity[]): string[] {
	const seen = new Map<string, number>();
	return series.map((s) => {
		const base = [s.kind ?? '', s.reportType, s.metric, s.direction ?? ''].join('|');
		const n = (seen.get(base) ?? 0) + 1;
		seen.set(base, n);
		return n === 1 ? base : `${base}#${n}`;
	});
}

/** What a row shows, read back from its key (for the placeholder of a row this side lacks). */
export function rowIdentity(row: string): SeriesIdentity {
	const [kind = '', reportType = '', metric = '', direction = ''] = (row.split('#')[0] ?? '').split(
		'|'
	);
	return {
		reportType,
		metric: metric as MetricId,
		...(kind ? { kind } : {}),
		...(direction === 'sent' || direction === 'received' ? { direction } : {})
	};
}

const rank = (order: readonly string[], value: string) => {
	const i = order.indexOf(value);
	return i === -1 ? order.length : i;
};

/** Orders row keys: audio, then video, then the connection; sender side before receiver side. */
export function compareRows(a: string, b: string): number {
	const [baseA = '', nA = '1'] = a.split('#');
	const [baseB = '', nB = '1'] = b.split('#');
	const pa = baseA.split('|');
	const pb = baseB.split('|');
	const keys: [readonly string[], number][] = [
		[KIND_ORDER, 0],
		[TYPE_ORDER, 1],
		[METRIC_ORDER, 2],
		[DIRECTION_ORDER, 3]
	];
	for (const [order, i] of keys) {
		const d = rank(order, pa[i] ?? '') - rank(order, pb[i] ?? '');
		if (d !== 0) return d;
	}
	return Number(nA) - Number(nB) || (a < b ? -1 : a > b ? 1 : 0);
}

/** The rows of both peers together, each once, in one order (see compareRows). */
export function alignRows(...sides: readonly (readonly string[])[]): string[] {
	return [...new Set(sides.flat())].sort(compareRows);
}
