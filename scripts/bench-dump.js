#!/usr/bin/env node
// Importing a webrtc-internals dump (/stats), in Node with the pure core bundled by esbuild:
// dumps of 2, 8 and 32 MiB built from a captured run, each imported against a baseline measured
// in the same run on the same text, JSON.parse alone. The import should grow with its input like
// JSON.parse does (linear): the "import / JSON.parse" ratio stays about the same at every size.
//
//   node scripts/bench-dump.js

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importCore } from './bundle-core.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_DUMP_RUNS ?? 5);
const src = (file) => JSON.stringify(join(root, 'src/lib/core/stats', file));

{
	const core = await importCore([
		`export { importDump } from ${src('dump.ts')};`,
		`export { dumpFromCapture, largeDump } from ${src('test-fixtures.ts')};`
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

	console.log(`Dump import, median of ${runs} (baseline: JSON.parse of the same text)`);
	const ratios = [];
	for (const mib of [2, 8, 32]) {
		const text = core.largeDump(base, mib * 1024 * 1024);
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
