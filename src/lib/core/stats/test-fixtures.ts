// Fixture access for the stats unit tests and scripts/bench-dump.js (Node only; not imported by
// the app).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectionFromSession, serialiseDump, type DumpEvent, type StatsDump } from './dump';
import type { StatsReportLike } from './summary';

export const fixtureDir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const fixtureText = (name: string) => readFileSync(join(fixtureDir, name), 'utf8');

export interface Capture {
	userAgent: string;
	rtcConfiguration: unknown;
	getUserMedia: unknown[];
	url: string;
	peers: Record<
		'caller' | 'callee',
		{ updateLog: DumpEvent[]; snapshots: { timestamp: number; reports: StatsReportLike[] }[] }
	>;
}

export const captureNames = ['chrome-audio-video-capture', 'chrome-datachannel-capture'] as const;
export const capture = (name: (typeof captureNames)[number]): Capture =>
	JSON.parse(fixtureText(`${name}.json`)) as Capture;

/** A dump built with our exporter from a captured run (both peers). */
export function dumpFromCapture(c: Capture): StatsDump {
	return {
		userAgent: c.userAgent,
		getUserMedia: c.getUserMedia,
		warnings: [],
		connections: (['caller', 'callee'] as const).map((who, i) =>
			connectionFromSession({
				id: `1000-${i + 1}`,
				url: c.url,
				rtcConfiguration: c.rtcConfiguration,
				events: c.peers[who].updateLog,
				snapshots: c.peers[who].snapshots.map((s) => s.reports)
			})
		)
	};
}

/**
 * A dump of about `targetBytes`, serialised: the first connection of `base` stretched into 600
 * ticks and repeated (for the large-input test and the import benchmark).
 */
export function largeDump(base: StatsDump, targetBytes: number): string {
	const one = base.connections[0]!;
	const ticks = 600;
	const reports = one.reports.map((r) => ({
		...r,
		timestamps: Array.from({ length: ticks }, (_, i) => (r.timestamps[0] ?? 0) + i * 1000),
		fields: Object.fromEntries(
			Object.entries(r.fields).map(([k, col]) => [
				k,
				Array.from({ length: ticks }, (_, i) => {
					const v = col[col.length - 1];
					return typeof v === 'number' ? v + i * 1000 : (v ?? null);
				})
			])
		)
	}));
	const perConnection = serialiseDump({ ...base, connections: [{ ...one, reports }] }).length;
	const count = Math.max(1, Math.ceil(targetBytes / perConnection));
	return serialiseDump({
		...base,
		connections: Array.from({ length: count }, (_, i) => ({ ...one, id: `1-${i}`, reports }))
	});
}

/**
 * A dump of about `targetBytes` whose connections each hold `idsPerConnection` stats objects
 * (the captured reports copied under new ids) over `ticks` seconds: thousands of report ids, as
 * a long call with many streams and candidate pairs has them.
 */
export function manyIdsDump(
	base: StatsDump,
	targetBytes: number,
	{ idsPerConnection = 1000, ticks = 40 } = {}
): string {
	const one = base.connections[0]!;
	const stretched = one.reports.map((r) => ({
		...r,
		timestamps: Array.from({ length: ticks }, (_, i) => (r.timestamps[0] ?? 0) + i * 1000),
		fields: Object.fromEntries(
			Object.entries(r.fields).map(([k, col]) => [
				k,
				Array.from({ length: ticks }, (_, i) => {
					const v = col[col.length - 1];
					return typeof v === 'number' ? v + i * 1000 : (v ?? null);
				})
			])
		)
	}));
	const reports = Array.from({ length: idsPerConnection }, (_, i) => ({
		...stretched[i % stretched.length]!,
		id: `${stretched[i % stretched.length]!.id}_${i}`
	}));
	const perConnection = serialiseDump({ ...base, connections: [{ ...one, reports }] }).length;
	const count = Math.max(1, Math.round(targetBytes / perConnection));
	return serialiseDump({
		...base,
		connections: Array.from({ length: count }, (_, i) => ({ ...one, id: `1-${i}`, reports }))
	});
}
