// What the /stats page receives from its worker: a compact model of an imported dump, built so
// that handing it to the page costs little on the page's thread. A structured clone is paid for
// by the receiver, per object: a 60 MiB dump as plain objects (one per sample and per derived
// point) took the page 10 s to receive. So the page first gets a summary (counts, no samples),
// and each connection's details only when it is opened, with every derived series packed into
// two Float64Arrays (time and value) that are transferred, not copied.
import {
	deriveConnection,
	latestSamples,
	type DumpConnection,
	type DumpDescription,
	type DumpEvent,
	type DumpWarning,
	type StatsDump
} from './dump';
import type { DerivedSeries } from './derived';
import type { StatsReportLike } from './summary';

export type DumpFormat = 'internals' | 'rtcstats';

export interface ConnectionSummary {
	id: string;
	url: string;
	eventCount: number;
	descriptionCount: number;
	reportCount: number;
}

export interface DumpSummary {
	format: DumpFormat;
	/** The file was gzip-compressed. */
	compressed: boolean;
	userAgent: string;
	warnings: DumpWarning[];
	connections: ConnectionSummary[];
}

/** A derived series without its points: they are `t`/`v` of its connection, from `offset`. */
export interface SeriesMeta extends Omit<DerivedSeries, 'points'> {
	offset: number;
	length: number;
}

/** The most events the page is sent per connection (it draws 150, lists 2,000). */
export const MAX_VIEW_EVENTS = 2000;

export interface ConnectionView {
	id: string;
	url: string;
	rtcConfiguration: string;
	constraints: string;
	/** The first MAX_VIEW_EVENTS events; `eventCount` says how many there are. */
	events: DumpEvent[];
	eventCount: number;
	descriptions: DumpDescription[];
	/** The last sample of every stats object. */
	latest: StatsReportLike[];
	series: SeriesMeta[];
	/** Times (ms since the epoch) of every series' points, one after the other. */
	t: Float64Array;
	/** Their values. */
	v: Float64Array;
}

export function dumpSummary(dump: StatsDump, format: DumpFormat, compressed: boolean): DumpSummary {
	return {
		format,
		compressed,
		userAgent: dump.userAgent,
		warnings: dump.warnings,
		connections: dump.connections.map((c) => ({
			id: c.id,
			url: c.url,
			eventCount: c.events.length,
			descriptionCount: c.descriptions.length,
			reportCount: c.reports.length
		}))
	};
}

/** Series with at least `minPoints` points packed into two columns. */
export function packSeries(
	derived: readonly DerivedSeries[],
	minPoints = 2
): Pick<ConnectionView, 'series' | 't' | 'v'> {
	const kept = derived.filter((s) => s.points.length >= minPoints);
	const total = kept.reduce((n, s) => n + s.points.length, 0);
	const t = new Float64Array(total);
	const v = new Float64Array(total);
	const series: SeriesMeta[] = [];
	let offset = 0;
	for (const s of kept) {
		for (let i = 0; i < s.points.length; i++) {
			const p = s.points[i]!;
			t[offset + i] = p.t;
			v[offset + i] = p.v;
		}
		const meta: SeriesMeta = {
			key: s.key,
			reportId: s.reportId,
			reportType: s.reportType,
			metric: s.metric,
			unit: s.unit,
			offset,
			length: s.points.length
		};
		if (s.kind !== undefined) meta.kind = s.kind;
		if (s.direction !== undefined) meta.direction = s.direction;
		series.push(meta);
		offset += s.points.length;
	}
	return { series, t, v };
}

/** One connection's details for the page. */
export function connectionView(connection: DumpConnection): ConnectionView {
	return {
		id: connection.id,
		url: connection.url,
		rtcConfiguration: connection.rtcConfiguration,
		constraints: connection.constraints,
		events: connection.events.slice(0, MAX_VIEW_EVENTS),
		eventCount: connection.events.length,
		descriptions: connection.descriptions,
		latest: latestSamples(connection),
		...packSeries(deriveConnection(connection))
	};
}

/** A packed series back as the DerivedSeries a chart draws (for the few charts on screen). */
export function unpackSeries(
	view: Pick<ConnectionView, 't' | 'v'>,
	meta: SeriesMeta
): DerivedSeries {
	const points = new Array<{ t: number; v: number }>(meta.length);
	for (let i = 0; i < meta.length; i++) {
		points[i] = { t: view.t[meta.offset + i]!, v: view.v[meta.offset + i]! };
	}
	const series: DerivedSeries = {
		key: meta.key,
		reportId: meta.reportId,
		reportType: meta.reportType,
		metric: meta.metric,
		unit: meta.unit,
		points
	};
	if (meta.kind !== undefined) series.kind = meta.kind;
	if (meta.direction !== undefined) series.direction = meta.direction;
	return series;
}

export interface ChartGroup {
	reportId: string;
	reportType: string;
	kind?: string;
	series: SeriesMeta[];
}

/** Series grouped by the stats object they come from, in order of first appearance. */
export function chartGroups(series: readonly SeriesMeta[]): ChartGroup[] {
	const groups = new Map<string, ChartGroup>();
	for (const s of series) {
		const group = groups.get(s.reportId);
		if (group) {
			group.series.push(s);
			if (!group.kind && s.kind) group.kind = s.kind;
		} else {
			const created: ChartGroup = { reportId: s.reportId, reportType: s.reportType, series: [s] };
			if (s.kind !== undefined) created.kind = s.kind;
			groups.set(s.reportId, created);
		}
	}
	return [...groups.values()];
}
