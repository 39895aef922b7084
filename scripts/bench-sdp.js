#!/usr/bin/env node
// The SDP inspector on a 2,000-line SDP (a real Chrome offer plus host candidates, as a large
// gathering gives), against a baseline measured in the same run on the same machine:
// sdp-transform's bare `parse` of the same text (no explanations, no checks).
//
// Node (the pure core, bundled with esbuild):
//   - baseline: sdp-transform parse;
//   - inspector parse: normaliseSdpInput + parseSdp (every line explained, lint included);
//   - offer ↔ answer diff of that SDP against a real answer.
// Browser (/sdp, the page as users get it):
//   - first render of the pasted SDP (all 2,000 lines in the annotated view);
//   - update after an edit: from the input event to the page showing the new line (worker
//     parse, transfer, re-render), and the longest task (PerformanceObserver 'longtask') meanwhile.
// Each is printed with its ratio to the baseline (median of several runs).
//
//   node scripts/bench-sdp.js                      # starts the built server (scripts/start.js)
//   BENCH_URL=http://127.0.0.1:5173 node scripts/bench-sdp.js    # an already running server
//   BENCH_SDP_BROWSER=0 node scripts/bench-sdp.js                # the Node part only

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { importCore } from './bundle-core.js';
import { chromiumArgs, executablePath, startLab } from './chromium.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.BENCH_PORT ?? 4182);
const runs = Number(process.env.BENCH_SDP_RUNS ?? 15);
const withBrowser = process.env.BENCH_SDP_BROWSER !== '0';
const fixture = (name) =>
	readFileSync(join(root, 'src/lib/core/sdp/fixtures', `${name}.sdp`), 'utf8');

/** A real offer, then host candidates up to 2,000 lines. */
function twoThousandLines() {
	const base = fixture('chrome-audio-video-offer').split('\r\n').filter(Boolean);
	const candidates = Array.from(
		{ length: 2000 - base.length },
		(_, i) =>
			`a=candidate:${i} 1 udp 2122260223 192.0.2.${i % 250} ${10_000 + i} typ host generation 0`
	);
	return [...base, ...candidates].join('\r\n') + '\r\n';
}

const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};
function time(fn) {
	fn(); // warm up (JIT, tables)
	const samples = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		fn();
		samples.push(performance.now() - start);
	}
	return median(samples);
}
const ms = (value) => `${value.toFixed(1)} ms`;
const row = (name, value, baseline) =>
	console.log(`${name.padEnd(44)} ${ms(value).padStart(10)}   ×${(value / baseline).toFixed(1)}`);

// ---- Node: the pure core --------------------------------------------------------------------
{
	const src = (path) => JSON.stringify(join(root, 'src/lib/core/sdp', path));
	const core = await importCore([
		`export { parseSdp } from ${src('sdp.ts')};`,
		`export { normaliseSdpInput } from ${src('normalise.ts')};`,
		`export { diffOfferAnswer } from ${src('diff.ts')};`,
		`export { parse as transformParse } from 'sdp-transform';`
	]);
	const text = twoThousandLines();
	const answer = fixture('chrome-audio-video-answer');
	const parsedAnswer = core.parseSdp(answer);

	console.log(
		`SDP inspector, 2,000-line SDP (${(text.length / 1024).toFixed(0)} KiB), median of ${runs}`
	);
	const baseline = time(() => core.transformParse(text));
	row('baseline: sdp-transform parse', baseline, baseline);
	row(
		'inspector: normalise + parse + explain + lint',
		time(() => core.parseSdp(core.normaliseSdpInput(text).text)),
		baseline
	);
	const parsed = core.parseSdp(text);
	row(
		'offer ↔ answer diff',
		time(() => core.diffOfferAnswer(parsed, parsedAnswer)),
		baseline
	);

	if (withBrowser) await browserPart(text, baseline);
}

// ---- Browser: the /sdp page -----------------------------------------------------------------
async function browserPart(text, baseline) {
	const server = process.env.BENCH_URL ? undefined : await startLab(port);
	const base = process.env.BENCH_URL ?? server.base;
	const browser = await chromium.launch({
		executablePath,
		args: chromiumArgs
	});
	try {
		const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
		await page.addInitScript(() => {
			window.__longTasks = [];
			new PerformanceObserver((list) => {
				for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
			}).observe({ type: 'longtask' });
			// Against a dev server, keep Vite's hot reload from reloading the page mid-run.
			const NativeWebSocket = window.WebSocket;
			window.WebSocket = function (url, protocols) {
				if (
					protocols === 'vite-hmr' ||
					(Array.isArray(protocols) && protocols.includes('vite-hmr'))
				)
					return Object.assign(new EventTarget(), { readyState: 0, send() {}, close() {} });
				return new NativeWebSocket(url, protocols);
			};
			Object.assign(window.WebSocket, NativeWebSocket);
			window.WebSocket.prototype = NativeWebSocket.prototype;
		});
		await page.goto(`${base}/sdp`);
		const box = page.locator('#sdp-offer');
		await box.and(page.locator(':enabled')).waitFor();
		const lines = page.getByTestId('first-view').getByTestId('line-text');

		// Sets the textarea as a paste would and resolves when the page shows `count` lines and
		// is no longer busy; returns the elapsed time and the longest task meanwhile.
		const update = async (value, count) =>
			page.evaluate(
				async ([value, count]) => {
					const textarea = document.querySelector('#sdp-offer');
					const results = document.querySelector('[data-testid=results]');
					const start = performance.now();
					textarea.value = value;
					textarea.dispatchEvent(new Event('input', { bubbles: true }));
					await new Promise((resolve) => {
						const check = () => {
							const shown = document.querySelectorAll(
								'[data-testid=first-view] [data-testid=line-text]'
							).length;
							if (shown === count && results.getAttribute('aria-busy') === 'false') resolve();
							else requestAnimationFrame(check);
						};
						check();
					});
					const elapsed = performance.now() - start;
					const longest = Math.max(
						0,
						...window.__longTasks.filter(([s]) => s >= start).map(([, d]) => d)
					);
					return { elapsed, longest };
				},
				[value, count]
			);

		const first = await update(text, 2000);
		await lines.nth(1999).waitFor();
		const edits = [];
		for (let i = 1; i <= 8; i++) edits.push(await update(`${text}a=x-edit:${i}\r\n`, 2001));
		const typed = median(edits.map((e) => e.elapsed));
		const longest = Math.max(...edits.map((e) => e.longest));
		row('page: first render of the paste', first.elapsed, baseline);
		row('page: update after an edit (median)', typed, baseline);
		row('page: longest task during the edits', longest, baseline);
		console.log(
			`worker used: ${await page.getByTestId('results').getAttribute('data-runs-in')}; ` +
				`goal: no task over 200 ms while typing (longest ${ms(longest)})`
		);
	} finally {
		await browser.close();
		server?.stop();
	}
}
