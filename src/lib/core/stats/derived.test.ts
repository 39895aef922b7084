import { describe, expect, it } from 'vitest';
import {
	appendDerived,
	currentSeries,
	deriveSeries,
	deriveStep,
	metricRules,
	type DerivedSeries
} from './derived';
import { normaliseReports } from './reports';
import type { StatsReportLike } from './summary';
import { capture } from './test-fixtures';

const av = capture('chrome-audio-video-capture');
const dc = capture('chrome-datachannel-capture');
const snapshotsOf = (c: typeof av, who: 'caller' | 'callee') =>
	c.peers[who].snapshots.map((s) => s.reports);

const find = (series: DerivedSeries[], type: string, metric: string, kind?: string) =>
	series.filter(
		(s) => s.reportType === type && s.metric === metric && (kind === undefined || s.kind === kind)
	);

describe('derived series on captured Chromium sequences (audio + video)', () => {
	const sender = deriveSeries(snapshotsOf(av, 'caller'));
	const receiver = deriveSeries(snapshotsOf(av, 'callee'));

	it('outbound video bitrate is Δbytes·8/Δt of the captured reports', () => {
		const [video] = find(sender, 'outbound-rtp', 'bitrate', 'video');
		expect(video).toBeDefined();
		const reports = snapshotsOf(av, 'caller').map(
			(list) => list.find((r) => r.type === 'outbound-rtp' && r.kind === 'video') as StatsReportLike
		);
		expect(video!.points).toHaveLength(reports.length - 1);
		video!.points.forEach((point, i) => {
			const a = reports[i]!;
			const b = reports[i + 1]!;
			const expected =
				(((b.bytesSent as number) - (a.bytesSent as number)) * 8) /
				(((b.timestamp as number) - (a.timestamp as number)) / 1000);
			expect(point.v).toBeCloseTo(expected, 6);
			expect(point.t).toBe(b.timestamp);
		});
		// The fake camera sends a few hundred kbit/s once running.
		expect(Math.max(...video!.points.map((p) => p.v))).toBeGreaterThan(100_000);
		expect(video!.unit).toBe('bit/s');
	});

	it('audio is sent too, and the receiver sees what the sender sent', () => {
		const [audio] = find(sender, 'outbound-rtp', 'bitrate', 'audio');
		expect(audio!.points.at(-1)!.v).toBeGreaterThan(10_000);
		const [inVideo] = find(receiver, 'inbound-rtp', 'bitrate', 'video');
		const [outVideo] = find(sender, 'outbound-rtp', 'bitrate', 'video');
		const mean = (s: DerivedSeries) => s.points.reduce((a, p) => a + p.v, 0) / s.points.length;
		// Same stream, same seconds: within 25 % of each other (loopback, no loss).
		expect(mean(inVideo!) / mean(outVideo!)).toBeGreaterThan(0.75);
		expect(mean(inVideo!) / mean(outVideo!)).toBeLessThan(1.25);
	});

	it('frame rate, frame size, loss, jitter, RTT and audio level come out with sane values', () => {
		const fps = find(sender, 'outbound-rtp', 'fps', 'video')[0]!;
		expect(fps.points.at(-1)!.v).toBeGreaterThan(10);
		expect(find(sender, 'outbound-rtp', 'frameWidth', 'video')[0]!.points.at(-1)!.v).toBe(640);
		const loss = find(receiver, 'inbound-rtp', 'packetLoss', 'video')[0]!;
		for (const p of loss.points) expect(p.v).toBeGreaterThanOrEqual(0);
		for (const p of loss.points) expect(p.v).toBeLessThanOrEqual(100);
		expect(find(receiver, 'inbound-rtp', 'jitter', 'audio')[0]!.points.length).toBeGreaterThan(0);
		const rtt = find(sender, 'candidate-pair', 'rtt');
		expect(rtt.some((s) => s.points.length > 0)).toBe(true);
		const level = find(sender, 'media-source', 'audioLevel', 'audio')[0]!;
		for (const p of level.points) expect(p.v).toBeGreaterThanOrEqual(0);
		for (const p of level.points) expect(p.v).toBeLessThanOrEqual(1);
		const packets = find(sender, 'outbound-rtp', 'packetRate', 'video')[0]!;
		expect(packets.points.at(-1)!.v).toBeGreaterThan(10);
	});
});

describe('derived series on the captured data-channel run', () => {
	it('messages and bytes per second match the 10 messages/s the page sent', () => {
		const series = deriveSeries(snapshotsOf(dc, 'caller'));
		const messages = find(series, 'data-channel', 'messageRate').find(
			(s) => s.direction === 'sent'
		)!;
		const steady = messages.points.slice(1);
		for (const p of steady) expect(p.v).toBeGreaterThan(7);
		for (const p of steady) expect(p.v).toBeLessThan(13);
		const bytes = find(series, 'data-channel', 'byteRate').find((s) => s.direction === 'sent')!;
		// Each message is "message N " + 90 x: about 100 bytes.
		expect(bytes.points.at(-1)!.v / messages.points.at(-1)!.v).toBeGreaterThan(95);
		expect(bytes.points.at(-1)!.v / messages.points.at(-1)!.v).toBeLessThan(105);
		const received = deriveSeries(snapshotsOf(dc, 'callee'));
		expect(
			find(received, 'data-channel', 'messageRate').find((s) => s.direction === 'received')!.points
				.length
		).toBeGreaterThan(0);
	});
});

describe('robustness', () => {
	const r = (t: number, fields: Record<string, unknown>): StatsReportLike[] => [
		{ id: 'OT', type: 'outbound-rtp', timestamp: t, kind: 'video', ...fields }
	];

	it('a counter reset gives no point, and the next step resumes from the new baseline', () => {
		const [s] = deriveSeries([
			r(0, { bytesSent: 1000 }),
			r(1000, { bytesSent: 2000 }),
			r(2000, { bytesSent: 10 }),
			r(3000, { bytesSent: 1010 })
		]).filter((x) => x.metric === 'bitrate');
		expect(s!.points).toEqual([
			{ t: 1000, v: 8000 },
			{ t: 3000, v: 8000 }
		]);
	});

	it('missing fields, a report appearing late, equal or backwards timestamps give no point', () => {
		const out = deriveSeries([
			[],
			r(1000, {}),
			r(2000, { bytesSent: 'x' }),
			r(3000, { bytesSent: 100 }),
			r(3000, { bytesSent: 200 }),
			r(2500, { bytesSent: 300 })
		]);
		expect(out.find((s) => s.metric === 'bitrate')).toBeUndefined();
	});

	it('packet loss is Δlost / (Δlost + Δreceived), duplicates count as no loss', () => {
		const inbound = (t: number, packetsReceived: number, packetsLost: number) => [
			{ id: 'IT', type: 'inbound-rtp', timestamp: t, packetsReceived, packetsLost }
		];
		const [loss] = deriveSeries([
			inbound(0, 0, 0),
			inbound(1000, 90, 10),
			inbound(2000, 190, 8),
			inbound(3000, 190, 8)
		]).filter((s) => s.metric === 'packetLoss');
		expect(loss!.points).toEqual([
			{ t: 1000, v: 10 },
			{ t: 2000, v: 0 }
		]);
	});

	it('keeps only the last maxAgeMs of points', () => {
		const ticks = Array.from({ length: 20 }, (_, i) => r(i * 1000, { bytesSent: i * 100 }));
		const [s] = deriveSeries(ticks, { maxAgeMs: 5000 }).filter((x) => x.metric === 'bitrate');
		expect(s!.points.map((p) => p.t)).toEqual([14000, 15000, 16000, 17000, 18000, 19000]);
	});

	it('every rule names a unit and a computation, and no words: titles are ids (chart.ts)', () => {
		for (const rule of metricRules) {
			expect(rule.unit).not.toBe('');
			expect(rule.compute.length).toBeGreaterThan(0);
			expect(Object.keys(rule).sort()).toEqual(
				['compute', 'metric', 'type', 'unit', ...(rule.direction ? ['direction'] : [])].sort()
			);
		}
		for (const series of deriveSeries([r(0, { bytesSent: 0 }), r(1000, { bytesSent: 100 })]))
			expect(series).not.toHaveProperty('label');
	});
});

describe('seriesByReport', () => {
	it('groups series by stats object and drops those with too few points', async () => {
		const { seriesByReport } = await import('./derived');
		const series = deriveSeries(snapshotsOf(av, 'caller'));
		const groups = seriesByReport(series);
		expect(groups.length).toBeGreaterThan(2);
		for (const g of groups) {
			for (const s of g.series) expect(s.reportId).toBe(g.reportId);
			for (const s of g.series) expect(s.points.length).toBeGreaterThanOrEqual(2);
		}
	});
});

describe('currentSeries', () => {
	const report = (r: StatsReportLike) => r;
	const at = (t: number, pairs: StatsReportLike[], extra: StatsReportLike[] = []) =>
		normaliseReports([
			report({ id: 'T1', type: 'transport', timestamp: t, selectedCandidatePairId: 'CP2' }),
			...pairs.map((p) => ({ ...p, timestamp: t })),
			...extra.map((p) => ({ ...p, timestamp: t }))
		]);
	const pair = (id: string, bytesSent: number) =>
		report({ id, type: 'candidate-pair', bytesSent, bytesReceived: 0 });
	const out = (bytesSent: number) =>
		report({ id: 'OT', type: 'outbound-rtp', kind: 'video', bytesSent, packetsSent: 1 });

	it('keeps the selected pair, drops the others and whatever is no longer reported', () => {
		const table = new Map<string, DerivedSeries>();
		let prev: ReturnType<typeof normaliseReports> | null = null;
		const ticks = [
			at(1000, [pair('CP1', 0), pair('CP2', 100)], [out(50)]),
			at(2000, [pair('CP1', 0), pair('CP2', 1100)], [out(550)]),
			// CP1 pruned; the outbound stream is gone too (track stopped).
			at(3000, [pair('CP2', 2100)])
		];
		for (const tick of ticks) {
			appendDerived(table, deriveStep(prev, tick));
			prev = tick;
		}
		expect([...table.keys()].some((k) => k.startsWith('CP1:'))).toBe(true);
		const shown = currentSeries(table, ticks[2]!, ['bitrate']);
		expect(shown.map((s) => s.key).sort()).toEqual(['CP2:bitrate:received', 'CP2:bitrate:sent']);
		expect(shown.find((s) => s.key === 'CP2:bitrate:sent')?.points.map((p) => p.v)).toEqual([
			8000, 8000
		]);
		// The earlier tick still had the outbound stream.
		expect(currentSeries(table, ticks[1]!, ['bitrate']).map((s) => s.key)).toContain(
			'OT:bitrate:sent'
		);
	});

	it('falls back to the pair’s own selected/nominated flag without transport stats', () => {
		const tick = normaliseReports([
			{ id: 'CP1', type: 'candidate-pair', timestamp: 1, currentRoundTripTime: 0.01 },
			{
				id: 'CP2',
				type: 'candidate-pair',
				timestamp: 1,
				currentRoundTripTime: 0.02,
				nominated: true
			}
		]);
		const table = new Map<string, DerivedSeries>();
		appendDerived(table, deriveStep(null, tick));
		expect(currentSeries(table, tick).map((s) => s.reportId)).toEqual(['CP2']);
	});
});
