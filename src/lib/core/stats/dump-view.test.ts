import { describe, expect, it } from 'vitest';
import { seriesByReport } from './derived';
import { deriveConnection, importDump } from './dump';
import { chartGroups, connectionView, packSeries, unpackSeries } from './dump-view';
import { capture, dumpFromCapture, fixtureText } from './test-fixtures';

describe('the packed view of a connection', () => {
	const dump = dumpFromCapture(capture('chrome-audio-video-capture'));
	const caller = dump.connections[0]!;

	it('unpacks to the series the charts drew before (law: unpack ∘ pack = id)', () => {
		const derived = deriveConnection(caller);
		const packed = packSeries(derived);
		const kept = derived.filter((s) => s.points.length >= 2);
		expect(packed.series.map((meta) => unpackSeries(packed, meta))).toEqual(kept);
	});

	it('groups charts by stats object as seriesByReport does', () => {
		const view = connectionView(caller);
		const groups = chartGroups(view.series);
		const before = seriesByReport(deriveConnection(caller));
		expect(groups.map((g) => [g.reportId, g.reportType, g.series.map((s) => s.key)])).toEqual(
			before.map((g) => [g.reportId, g.reportType, g.series.map((s) => s.key)])
		);
	});

	it('keeps the last sample of every stats object', () => {
		const pc = importDump(fixtureText('webrtc-internals-dump.json')).connections[0]!;
		const view = connectionView(pc);
		const out = view.latest.find((r) => r.id === 'OT01V1111')!;
		expect(out.framesPerSecond).toBe(19);
		expect(out.timestamp).toBe(pc.reports.find((r) => r.id === 'OT01V1111')!.timestamps.at(-1));
	});
});
