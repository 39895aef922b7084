#!/usr/bin/env node
// Importing a webrtc-internals dump (/stats), two measurements:
//
// 1. In Node, with the pure core bundled by esbuild: dumps of 2, 8 and 32 MiB built from a
//    captured run, each imported against a baseline measured in the same run on the same text,
//    JSON.parse alone. The import should grow with its input like JSON.parse does (linear): the
//    "import / JSON.parse" ratio stays about the same at every size.
// 2. In Chromium against the built lab: generated dumps of 8, 32, 64 and 100 MiB with a thousand
//    stats ids per connection are opened in /stats through the file input, and a
//    PerformanceObserver('longtask') reports the longest main-thread task between choosing the
//    file and the views being drawn. The budget is 200 ms at every size (the parsing runs in a
//    worker; the page receives a compact model and draws only what is open).
//
//   node scripts/bench-dump.js            (BENCH_DUMP_SIZES=8,32 to choose the browser sizes,
//                                          BENCH_DUMP_BROWSER=0 to skip the browser part,
//                                          PORT for the lab, default 4180,
//                                          BENCH_BASE to use a running one)

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { importCore } from './bundle-core.js';
import { chromiumArgs, executablePath, startLab } from './chromium.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_DUMP_RUNS ?? 5);
const src = (file) => JSON.stringify(join(root, 'src/lib/core/stats', file));
const MiB = 1024 * 1024;

const core = await importCore([
	`export { importDump } from ${src('dump.ts')};`,
	`export { dumpFromCapture, largeDump, manyIdsDump } from ${src('test-fixtures.ts')};`
]);
const capture = JSON.parse(
	readFileSync(join(root, 'src/lib/core/stats/fixtures/chrome-audio-video-capture.json'), 'utf8')
);
const base = core.dumpFromCapture(capture);

/** Median time of `work` over `runs` runs, in ms. */
const time = (work) => {
	const times = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		work();
		times.push(performance.now() - start);
	}
	return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
};

{
	console.log(`Dump import in Node, median of ${runs} (baseline: JSON.parse of the same text)`);
	const ratios = [];
	for (const mib of [2, 8, 32]) {
		const text = core.largeDump(base, mib * MiB);
		const parse = time(() => JSON.parse(text));
		const imported = time(() => core.importDump(text));
		ratios.push(imported / parse);
		console.log(
			`  ${String(mib).padStart(2)} MiB: JSON.parse ${parse.toFixed(0).padStart(5)} ms, import ${imported.toFixed(0).padStart(5)} ms, ${(imported / parse).toFixed(2)}× JSON.parse`
		);
	}
	const growth = ratios.at(-1) / ratios[0];
	console.log(
		`  growth of that ratio from 2 to 32 MiB: ${growth.toFixed(2)}×  (about 1× when the import is linear, as JSON.parse is)`
	);
}

if (process.env.BENCH_DUMP_BROWSER !== '0') {
	const sizes = (process.env.BENCH_DUMP_SIZES ?? '8,32,64,100').split(',').map(Number);
	// BENCH_BASE: a lab that is already running (e.g. another build) instead of starting one.
	const lab = process.env.BENCH_BASE
		? { base: process.env.BENCH_BASE, stop: () => {} }
		: await startLab(Number(process.env.PORT ?? 4180));
	const browser = await chromium.launch({ executablePath, args: chromiumArgs });
	const dir = mkdtempSync(join(tmpdir(), 'webrtc-lab-dumps-'));
	try {
		console.log(
			'\nOpening a dump in /stats (Chromium): the longest main-thread task (budget 200 ms)'
		);
		for (const mib of sizes) {
			const file = join(dir, `dump-${mib}.txt`);
			const text = core.manyIdsDump(base, mib * MiB);
			const ids = (text.match(/-timestamp"/g) ?? []).length;
			writeFileSync(file, text);
			const page = await browser.newPage();
			await page.goto(`${lab.base}/stats`);
			const input = page.locator('input[type=file]');
			await input.waitFor();
			await page.waitForFunction(() => !document.querySelector('input[type=file]')?.disabled);
			await page.evaluate(() => {
				const w = /** @type {any} */ (window);
				w.longest = 0;
				w.longTasks = 0;
				new PerformanceObserver((list) => {
					for (const entry of list.getEntries()) {
						w.longest = Math.max(w.longest, entry.duration);
						w.longTasks++;
					}
				}).observe({ type: 'longtask' });
			});
			const start = performance.now();
			await input.setInputFiles(file);
			await page.getByRole('heading', { name: `dump-${mib}.txt` }).waitFor({ timeout: 600_000 });
			await page.getByTestId('chart').first().waitFor({ timeout: 600_000 });
			const shown = performance.now() - start;
			// Long-task entries arrive after the task: let the page settle before reading them.
			await page.evaluate(
				() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 500)))
			);
			const { longest, longTasks } = await page.evaluate(() => {
				const w = /** @type {any} */ (window);
				return { longest: w.longest, longTasks: w.longTasks };
			});
			console.log(
				`  ${String(mib).padStart(3)} MiB (${ids} stats ids): shown after ${(shown / 1000).toFixed(1)} s; longest task ${longest.toFixed(0)} ms (${longTasks} tasks over 50 ms) ${longest <= 200 ? 'ok' : 'OVER BUDGET'}`
			);
			await page.close();
			rmSync(file);
		}
	} finally {
		await browser.close();
		lab.stop();
		rmSync(dir, { recursive: true, force: true });
	}
}
