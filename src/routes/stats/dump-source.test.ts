// The worker's side of /stats, in Node (Node 20 has DecompressionStream and Blob as globals):
// every captured fixture opens, compressed or not, in either format, to the same views; a broken
// gzip file says so; and what the worker posts to the page is compact.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DumpError } from '$lib/core/stats/dump';
import { capture, dumpFromCapture, fixtureDir, manyIdsDump } from '$lib/core/stats/test-fixtures';
import type { DumpProgress } from './dump-messages';
import { DumpSource, failureOf } from './dump-source';
import { readDumpText } from './read-dump';

const bytes = (name: string) => readFileSync(join(fixtureDir, name));
const blob = (name: string) => new Blob([bytes(name)]);

const fixtures = [
	['chromium-internals-dump.txt.gz', 'internals', true],
	['chromium-internals-dump.txt', 'internals', false],
	['chromium-rtcstats-dump.gz', 'rtcstats', true],
	['chromium-rtcstats-dump', 'rtcstats', false]
] as const;

describe('reading a dump file', () => {
	it('un-gzips by content: the .gz fixtures hold what the plain ones hold', async () => {
		const rtcstats = await readDumpText(blob('chromium-rtcstats-dump.gz'));
		expect(rtcstats.compressed).toBe(true);
		expect(rtcstats.text).toBe(bytes('chromium-rtcstats-dump').toString('utf8'));
		// Two downloads of the webrtc-internals dump: only the time they were saved differs.
		const saved = (text: string) => ({ ...JSON.parse(text), timestamp: 0 });
		const internals = await readDumpText(blob('chromium-internals-dump.txt.gz'));
		expect(internals.compressed).toBe(true);
		expect(saved(internals.text)).toEqual(
			saved(bytes('chromium-internals-dump.txt').toString('utf8'))
		);
		for (const plain of ['chromium-internals-dump.txt', 'chromium-rtcstats-dump']) {
			expect((await readDumpText(blob(plain))).compressed).toBe(false);
		}
	});

	it('reports bytes read up to the whole file', async () => {
		const seen: { read: number; total: number; text: number }[] = [];
		await readDumpText(blob('chromium-internals-dump.txt.gz'), (p) => seen.push(p));
		const size = bytes('chromium-internals-dump.txt.gz').length;
		expect(seen.at(-1)).toMatchObject({ read: size, total: size });
		expect(seen.at(-1)!.text).toBe(
			Buffer.byteLength((await readDumpText(blob('chromium-internals-dump.txt.gz'))).text)
		);
	});

	it('a truncated gzip file is a clear error, not a crash', async () => {
		const whole = bytes('chromium-rtcstats-dump.gz');
		for (const broken of [
			whole.subarray(0, whole.length / 2),
			Buffer.from([0x1f, 0x8b, 1, 2, 3])
		]) {
			const error = await readDumpText(new Blob([broken])).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(DumpError);
			expect((error as DumpError).problem).toMatchObject({ id: 'badGzip' });
		}
	});

	it('a gzip file with a bad line inside names the line', async () => {
		const text = 'RTCStatsDump\n{"fileFormat":3}\n["create","1-1",{},"u",1]\nnot json\n';
		const source = new DumpSource();
		const error = await source.open(1, new Blob([gzipSync(text)]), () => {}).catch(failureOf);
		expect(error).toMatchObject({ id: 'rtcstatsNotJson', line: 4 });
	});
});

describe('opening every captured fixture', () => {
	it('gives the same summary and connection views, whatever the format', async () => {
		const opened = [];
		for (const [name, format, compressed] of fixtures) {
			const source = new DumpSource();
			const progress: DumpProgress[] = [];
			const summary = await source.open(1, blob(name), (p) => progress.push(p));
			expect(summary.format).toBe(format);
			expect(summary.compressed).toBe(compressed);
			expect(progress.some((p) => p.stage === 'reading')).toBe(true);
			expect(progress.some((p) => p.stage === 'parsing')).toBe(true);
			const views = summary.connections.map((_, i) => source.connection(1, i));
			opened.push({ summary, views });
		}
		const [first, ...rest] = opened;
		for (const other of rest) {
			expect(other.summary.connections).toEqual(first!.summary.connections);
			other.views.forEach((view, i) => {
				const base = first!.views[i]!;
				expect(view.descriptions.map((d) => d.sdp)).toEqual(base.descriptions.map((d) => d.sdp));
				expect(view.series.map((s) => s.key)).toEqual(base.series.map((s) => s.key));
				expect(view.v).toEqual(base.v);
				expect(view.latest.map((r) => r.id).sort()).toEqual(base.latest.map((r) => r.id).sort());
			});
		}
		expect(first!.views[0]!.series.length).toBeGreaterThan(5);
	});
});

describe('what the worker posts to the page', () => {
	/** Plain objects and arrays in a message: what a structured clone pays for one by one. */
	function countObjects(value: unknown): number {
		if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return 0;
		let n = 1;
		for (const item of Array.isArray(value) ? value : Object.values(value)) n += countObjects(item);
		return n;
	}

	it('is a summary, then per connection packed columns: no object per sample or point', async () => {
		const base = dumpFromCapture(capture('chrome-audio-video-capture'));
		const text = manyIdsDump(base, 4 * 1024 * 1024, { idsPerConnection: 500, ticks: 60 });
		const source = new DumpSource();
		const summary = await source.open(1, new Blob([text]), () => {});
		expect(countObjects(summary)).toBeLessThan(10 + 2 * summary.connections.length);

		const view = source.connection(1, 0);
		expect(view.t).toBeInstanceOf(Float64Array);
		expect(view.v).toBeInstanceOf(Float64Array);
		const points = view.t.length;
		const samples = 500 * 60;
		expect(points).toBeGreaterThan(samples);
		// One object per stats object (its last sample), per series, per event and description.
		const bound =
			10 +
			2 * view.latest.length +
			view.series.length +
			2 * view.events.length +
			view.descriptions.length;
		expect(countObjects(view)).toBeLessThan(bound);
		expect(countObjects(view)).toBeLessThan(points / 10);
	});
});
