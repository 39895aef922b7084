#!/usr/bin/env node
// Main-thread cost of the live stats in the loopback lab: two peers in audio + video, getStats()
// at 1 Hz for BENCH_STATS_SECONDS (default 60 s) with the charts running, then the same with the
// charts paused (the baseline, same run, same page) for BENCH_STATS_BASELINE_SECONDS (default 20).
//
// Per tick it reports:
//   - diff + charts: LiveStats' own User Timing measure (`webrtc-lab:stats-tick`: deriveStep,
//     appendDerived and Svelte's DOM update of the charts), both peers as one span (their
//     measures end at the same DOM update). Goal p95 ≤ 8 ms.
//   - whole tick: everything the page does on the main thread because a getStats() result
//     arrived (the machine, the summary, the pair grid, the charts), timed from the moment the
//     promise resolves to the next task (a MessageChannel message), so every microtask the
//     result triggered is inside it.
//   - long tasks (> 50 ms, PerformanceObserver 'longtask') that overlap a tick: caused by stats.
// and the whole-tick p95 with charts against the baseline's, as a ratio.
//
//   node scripts/bench-stats.js                      # starts the built server (scripts/start.js)
//   BENCH_URL=http://127.0.0.1:5173 node scripts/bench-stats.js   # an already running server
//   BENCH_STATS_SECONDS=10 BENCH_STATS_BASELINE_SECONDS=5 node scripts/bench-stats.js  # quick

import { chromium } from '@playwright/test';
import { chromiumArgs, executablePath, startLab } from './chromium.js';

const seconds = Number(process.env.BENCH_STATS_SECONDS ?? 60);
const baselineSeconds = Number(process.env.BENCH_STATS_BASELINE_SECONDS ?? 20);
const port = Number(process.env.BENCH_PORT ?? 4181);
const server = process.env.BENCH_URL ? undefined : await startLab(port);
const base = process.env.BENCH_URL ?? server.base;

/** Runs in the page before its own scripts: collects measures, long tasks and tick windows. */
function instrument() {
	const bench = { measures: [], longTasks: [], windows: [] };
	window.__statsBench = bench;
	new PerformanceObserver((list) => {
		for (const e of list.getEntries()) {
			if (e.name.startsWith('webrtc-lab:'))
				bench.measures.push({ name: e.name, start: e.startTime, duration: e.duration });
		}
	}).observe({ type: 'measure' });
	new PerformanceObserver((list) => {
		for (const e of list.getEntries())
			bench.longTasks.push({ start: e.startTime, duration: e.duration });
	}).observe({ type: 'longtask' });
	// Against a dev server (BENCH_URL), keep Vite's hot reload from reloading the page mid-run
	// when some source file changes: its socket (protocol "vite-hmr") simply never opens.
	const NativeWebSocket = window.WebSocket;
	window.WebSocket = function (url, protocols) {
		if (protocols === 'vite-hmr' || (Array.isArray(protocols) && protocols.includes('vite-hmr')))
			return Object.assign(new EventTarget(), { readyState: 0, send() {}, close() {} });
		return new NativeWebSocket(url, protocols);
	};
	Object.assign(window.WebSocket, NativeWebSocket);
	window.WebSocket.prototype = NativeWebSocket.prototype;
	const getStats = RTCPeerConnection.prototype.getStats;
	RTCPeerConnection.prototype.getStats = function (...args) {
		return getStats.apply(this, args).then((result) => {
			const start = performance.now();
			const channel = new MessageChannel();
			channel.port1.onmessage = () => {
				bench.windows.push({ start, end: performance.now() });
				channel.port1.close();
			};
			channel.port2.postMessage(0);
			return result;
		});
	};
}

const browser = await chromium.launch({ executablePath, args: chromiumArgs });
try {
	const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
	await page.addInitScript(instrument);
	let reloaded = false;
	page.on('framenavigated', (frame) => {
		if (frame === page.mainFrame() && reloaded !== null) reloaded = true;
	});
	await page.goto(`${base}/lab`);
	await page.locator('.lab[data-state="idle"]').waitFor();
	await page.getByRole('button', { name: 'Next step' }).and(page.locator(':enabled')).waitFor();
	await page.getByLabel('Audio + video').check();
	await page.getByLabel('Step delay').fill('0');
	await page.getByRole('button', { name: 'Run to connected' }).click();
	await page.locator('.lab[data-state="connected"]').waitFor({ timeout: 30_000 });
	reloaded = false;
	// Keep the charts on screen: off-screen panels skip layout and paint (content-visibility).
	const liveA = page.getByRole('region', { name: 'Live stats of Peer A' });
	await liveA.waitFor();
	await liveA.scrollIntoViewIfNeeded();

	const phase = async (ms) => {
		const from = await page.evaluate(() => performance.now());
		await page.waitForTimeout(ms);
		const to = await page.evaluate(() => performance.now());
		return { from, to };
	};
	const charts = await phase(seconds * 1000);
	const pause = page.getByRole('button', { name: 'Pause charts' });
	for (let n = await pause.count(); n > 0; n--) await pause.first().click();
	const paused = await phase(baselineSeconds * 1000);
	const data = await page.evaluate(() => window.__statsBench);
	if (reloaded) {
		// A dev server reloads the page when a source file changes; the numbers would be garbage.
		throw new Error(
			'The page reloaded during the measurement (a dev server saw a file change?); run again.'
		);
	}

	// One poll reads both peers one after the other: windows closer than 200 ms are one tick.
	const ticksIn = ({ from, to }) => {
		const ticks = [];
		for (const w of data.windows.filter((w) => w.start >= from && w.start < to)) {
			const last = ticks[ticks.length - 1];
			if (last && w.start - last.end < 200) {
				last.end = Math.max(last.end, w.end);
				last.busy += w.end - w.start;
			} else ticks.push({ start: w.start, end: w.end, busy: w.end - w.start });
		}
		return ticks;
	};
	const p95 = (xs) => {
		if (xs.length === 0) return NaN;
		const sorted = [...xs].sort((a, b) => a - b);
		return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
	};
	const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
	const chartTicks = ticksIn(charts);
	const baseTicks = ticksIn(paused);
	// LiveStats measures of both peers, as one span per tick: each runs from its own diff to the
	// same DOM update (Svelte flushes both peers' charts together), so summing them would count
	// the shared update twice. The span still includes whatever else that update redrew.
	const diffPerTick = chartTicks.map((t) => {
		const inTick = data.measures.filter(
			(m) => m.name === 'webrtc-lab:stats-tick' && m.start >= t.start - 1 && m.start <= t.end
		);
		if (inTick.length === 0) return 0;
		const start = Math.min(...inTick.map((m) => m.start));
		const end = Math.max(...inTick.map((m) => m.start + m.duration));
		return end - start;
	});
	const recordPerTick = chartTicks.map((t) =>
		data.measures
			.filter(
				(m) => m.name === 'webrtc-lab:stats-record' && m.start >= t.start - 1 && m.start <= t.end
			)
			.reduce((sum, m) => sum + m.duration, 0)
	);
	const longInside = ({ from, to }, ticks) => {
		const inPhase = data.longTasks.filter((l) => l.start >= from && l.start < to);
		const byStats = inPhase.filter((l) =>
			ticks.some((t) => l.start < t.end && l.start + l.duration > t.start)
		);
		return { all: inPhase.length, byStats: byStats.length };
	};
	const longCharts = longInside(charts, chartTicks);
	const longBase = longInside(paused, baseTicks);
	const whole = chartTicks.map((t) => t.busy);
	if (process.env.BENCH_DEBUG) {
		console.log('diff + charts per tick:', diffPerTick.map((x) => x.toFixed(1)).join(' '));
		console.log('whole tick:', whole.map((x) => x.toFixed(1)).join(' '));
	}
	const wholeBase = baseTicks.map((t) => t.busy);
	const ms = (x) => `${x.toFixed(2)} ms`;

	console.log(
		`\nLive stats, loopback lab, two peers in audio + video, getStats() every 1 s (${base})`
	);
	console.log(
		`  charts running : ${chartTicks.length} ticks in ${seconds} s; charts paused (baseline): ${baseTicks.length} ticks in ${baselineSeconds} s`
	);
	console.log(
		`  diff + charts per tick (both peers)   p95 ${ms(p95(diffPerTick))}  median ${ms(median(diffPerTick))}  max ${ms(Math.max(...diffPerTick))}  (goal p95 ≤ 8 ms)`
	);
	if (recordPerTick.some((x) => x > 0))
		console.log(
			`  session recorder per tick (export)    p95 ${ms(p95(recordPerTick))}  median ${ms(median(recordPerTick))}`
		);
	console.log(
		`  whole tick, charts running            p95 ${ms(p95(whole))}  median ${ms(median(whole))}`
	);
	console.log(
		`  whole tick, charts paused (baseline)  p95 ${ms(p95(wholeBase))}  median ${ms(median(wholeBase))}`
	);
	console.log(
		`  ratio charts / baseline (p95)         ${(p95(whole) / p95(wholeBase)).toFixed(2)}×`
	);
	console.log(
		`  long tasks > 50 ms caused by stats    ${longCharts.byStats} with charts (of ${longCharts.all} in the page), ${longBase.byStats} paused (of ${longBase.all})  (goal 0)`
	);
} finally {
	await browser.close();
	server?.stop();
}
