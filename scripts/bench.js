#!/usr/bin/env node
// `npm run bench`: measures the lab against a baseline measured in the same run, and prints ratios
// (never absolute pass/fail timings: machines differ, ratios travel).
//
// 1. Run-to-connected (delay 0, data channel) in /lab vs a bare 30-line two-peer page
//    (static/bench/two-peers.html) served by the same server, alternating trials.
// 2. The /lab route's initial JavaScript, gzipped, and whether mermaid is part of it.
// 3. Remote Run-to-connected (two browser contexts through the server) against the loopback lab
//    and against a bare two-page remote (static/bench/remote-peer.html) through the same server,
//    and the signaling relay's throughput, latency and memory (scripts/bench-signaling.js).
//    "Next step" click -> its changes drawn, step by step in both labs, against a bare button's
//    click -> next frame; a timeline scrub step (← on the "Timeline" slider) in a connected lab.
//    Each budget is printed with its goal and "met" / "NOT MET" (docs/benchmarks.md).
// 4. TURN (scripts/bench-turn.js): "Relay only" Run-to-connected against "Host only", and
//    data-channel throughput direct vs through the embedded TURN server vs through coturn.
// 5. Stats ticks (scripts/bench-stats.js): main-thread time per getStats tick (diff + charts) with
//    two peers in audio + video, p95 and long tasks, against the same ticks with charts paused.
// 6. SDP inspector (scripts/bench-sdp.js): parse, diff and the /sdp page's update after an edit on
//    a 2,000-line SDP, against sdp-transform's bare parse, and the longest task while typing.
// 7. Dump import (scripts/bench-dump.js): 2, 8 and 32 MiB webrtc-internals dumps against JSON.parse.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { benchTurn } from './bench-turn.js';
import { chromiumArgs, executablePath, startLab } from './chromium.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// At least 10 alternated trials (issue 2): a smaller BENCH_TRIALS is raised to 10. The default is
// 25: single trials vary by several milliseconds, and the median of 15 moved by ±10 % between runs.
const trials = Math.max(10, Number(process.env.BENCH_TRIALS ?? 25) || 25);
const port = Number(process.env.BENCH_PORT ?? 4180);
// BENCH_ONLY=labs: sections 1-3 only (the two labs, their budgets and the initial JavaScript),
// a few minutes.
const labsOnly = process.env.BENCH_ONLY === 'labs';
const server = await startLab(port);
const { base } = server;
const browser = await chromium.launch({ executablePath, args: chromiumArgs });

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The nearest-rank percentile (p95 of 40 samples is the 38th smallest). */
const percentile = (xs, p) =>
	[...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * xs.length) - 1)];
/** `1.23×  (goal ≤ 1.5×: met)`: every budget is printed with its goal and whether it is met. */
const budget = (value, goal, unit, digits = unit === '×' ? 2 : 1) =>
	`${value.toFixed(digits)}${unit === '×' ? '×' : ` ${unit}`}  (goal ≤ ${goal}${unit === '×' ? '×' : ` ${unit}`}: ${value <= goal ? 'met' : 'NOT MET'})`;

/**
 * Lets a lab page settle as it is before a learner's first click: no diagram still drawing, and
 * the browser idle once.
 */
async function settled(page) {
	await page.locator('figure[aria-busy="true"]').first().waitFor({ state: 'detached' });
	await page.evaluate(
		() => new Promise((resolve) => requestIdleCallback(() => resolve(), { timeout: 2_000 }))
	);
}

/**
 * Installs, before a real click or key press, a promise (`window.__timing`) that resolves with the
 * time from that input event (its timeStamp: when the browser received it) to the first animation
 * frame after the change it causes is in the DOM (attribute changes below `.lab` are observed):
 * - `step`: the lab shows a new state at rest ("Next step" usable again, or connected, failed, or
 *   waiting for the other side) and, where the workspace marks it, the step's changes are drawn
 *   for that state (`[data-testid="step-changes"][data-changes-for=<state>]`);
 * - `scrub`: the moment the lab shows (`.lab[data-shown]`) is another one;
 * - `bare`: the baseline's button has been pressed (`data-pressed`).
 */
function armTiming(page, event, kind) {
	return page.evaluate(
		({ event, kind }) => {
			const root = document.querySelector('.lab') ?? document.body;
			const state = () => root.getAttribute('data-state');
			const stepDrawn = (before) => {
				const now = state();
				if (!now || now === before) return false;
				const next = [...root.querySelectorAll('button')].find(
					(b) => b.textContent?.trim() === 'Next step'
				);
				const usable = !!next && !next.disabled && next.getAttribute('aria-disabled') !== 'true';
				// At rest: "Next step" usable again, the end, or waiting for the other side (the
				// remote callee's last step leaves it in iceChecking until the caller answers).
				const waiting = /^(waiting|sending)/.test(now) || now === 'iceChecking';
				if (!usable && !waiting && !['connected', 'failed'].includes(now)) return false;
				const changes = document.querySelector('[data-testid="step-changes"]');
				return !changes?.hasAttribute('data-changes-for')
					? true
					: changes.getAttribute('data-changes-for') === now;
			};
			const kinds = {
				step: { snapshot: state, done: stepDrawn },
				scrub: {
					snapshot: () => root.getAttribute('data-shown'),
					done: (before) => root.getAttribute('data-shown') !== before
				},
				bare: {
					snapshot: () => null,
					done: () => root.querySelector('[data-pressed]') !== null
				}
			};
			const { snapshot, done } = kinds[kind];
			const before = snapshot();
			window.__timing = new Promise((resolve, reject) => {
				let start = null;
				let observer = null;
				const check = () => {
					if (start === null || !done(before)) return;
					observer?.disconnect();
					clearTimeout(timer);
					const from = start;
					start = null; // later mutations change nothing
					requestAnimationFrame(() =>
						resolve({ ms: performance.now() - from, before, after: snapshot() })
					);
				};
				const timer = setTimeout(() => {
					observer?.disconnect();
					reject(new Error(`${kind}: no change within 10 s (from ${before})`));
				}, 10_000);
				addEventListener(
					event,
					(e) => {
						start = e.timeStamp;
						observer = new MutationObserver(check);
						observer.observe(root, { attributes: true, subtree: true, childList: true });
						queueMicrotask(check);
					},
					{ capture: true, once: true }
				);
			});
		},
		{ event, kind }
	);
}
const timing = (page) => page.evaluate(() => window.__timing);

try {
	const page = await browser.newPage();

	async function bare() {
		await page.goto(`${base}/bench/two-peers.html`);
		return page.evaluate(() => window.runOnce());
	}

	async function lab({ again = false } = {}) {
		if (again) {
			// The same page once more (Reset, then run): its code is compiled and warm by now.
			await page.getByRole('button', { name: 'Reset' }).click();
		} else await page.goto(`${base}/lab`);
		const labRoot = page.locator('.lab');
		await labRoot.and(page.locator('[data-state="idle"]')).waitFor();
		await page.getByRole('button', { name: 'Next step' }).and(page.locator(':enabled')).waitFor();
		await page.getByLabel('Step delay').fill('0');
		// Like the bare page: no STUN/TURN server (the default preset would also allocate relays).
		await page.getByLabel('Network conditions').selectOption('host-only');
		await labRoot.and(page.locator('[data-panels="live"]')).waitFor();
		await settled(page);
		// Timed from the click to the moment the lab shows "connected" (data-state), and to the
		// moment its panels (SDP, candidates, diagrams…) have caught up (data-panels="live").
		return page.evaluate(
			() =>
				new Promise((resolve) => {
					const root = document.querySelector('.lab');
					const button = [...document.querySelectorAll('button')].find(
						(b) => b.textContent?.trim() === 'Run to connected'
					);
					const start = performance.now();
					let connected;
					new MutationObserver(() => {
						const now = performance.now() - start;
						if (connected === undefined && root?.getAttribute('data-state') === 'connected')
							connected = now;
						if (connected !== undefined && root?.getAttribute('data-panels') === 'live')
							resolve({ connected, panels: now });
					}).observe(root, { attributes: true, attributeFilter: ['data-state', 'data-panels'] });
					button?.click();
				})
		);
	}

	// One warm-up each, then alternate so that both see the same machine conditions.
	await bare();
	await lab();
	const times = { bare: [], lab: [], panels: [], again: [] };
	for (let i = 0; i < trials; i++) {
		times.bare.push(await bare());
		const { connected, panels } = await lab();
		times.lab.push(connected);
		times.panels.push(panels);
		times.again.push((await lab({ again: true })).connected);
	}

	// Remote lab: two browser contexts in one room through the real signaling server.
	async function remote(room) {
		const sides = [];
		for (let i = 0; i < 2; i++) {
			const context = await browser.newContext();
			const side = await context.newPage();
			await side.goto(`${base}/remote/${room}`);
			await side.getByText('connected, room joined').waitFor();
			await side.getByLabel('Step delay').fill('0');
			// The same path as the loopback lab it is compared with: host candidates, no servers.
			await side.getByLabel('Network conditions').selectOption('host-only');
			await settled(side);
			sides.push(side);
		}
		const [caller, callee] = sides;
		// As in a class: the callee runs first and waits for the offer (its page settled, the
		// wait on screen), then the caller starts.
		await callee.getByRole('button', { name: 'Run to connected' }).click();
		await callee.locator('.lab[data-state="waitingForOffer"][data-panels="live"]').waitFor();
		await callee.locator('figure[aria-busy="true"]').first().waitFor({ state: 'detached' });
		const connected = (side) =>
			side.evaluate(
				() =>
					new Promise((resolve) => {
						const root = document.querySelector('.lab');
						const done = () => root?.getAttribute('data-state') === 'connected';
						if (done()) return resolve(performance.now());
						new MutationObserver(() => done() && resolve(performance.now())).observe(root, {
							attributes: true
						});
					})
			);
		const calleeDone = connected(callee);
		const start = await caller.evaluate(() => {
			const button = [...document.querySelectorAll('button')].find(
				(b) => b.textContent?.trim() === 'Run to connected'
			);
			const t = performance.now();
			button?.click();
			return t;
		});
		const callerEnd = await connected(caller);
		await calleeDone;
		// Timed on the caller's clock: from its click to its own connected state.
		const ms = callerEnd - start;
		for (const side of sides) await side.context().close();
		return ms;
	}
	// The least code doing the same through the same server (static/bench/remote-peer.html): what
	// two renderer processes and a WebSocket hop cost by themselves on this machine.
	async function bareRemote(room) {
		const sides = [];
		for (let i = 0; i < 2; i++) {
			const side = await (await browser.newContext()).newPage();
			await side.goto(`${base}/bench/remote-peer.html`);
			await side.evaluate((id) => window.join(id), room);
			sides.push(side);
		}
		const [caller, callee] = sides;
		await callee.evaluate(() => void window.ready());
		const ms = await caller.evaluate(() => window.call());
		for (const side of sides) await side.context().close();
		return ms;
	}
	times.remote = [];
	times.bareRemote = [];
	for (let i = 0; i < Math.max(10, Math.min(trials, 12)); i++) {
		times.bareRemote.push(await bareRemote(`bench-bare-${Date.now()}-${i}`));
		times.remote.push(await remote(`bench-${Date.now()}-${i}`));
	}

	// "Next step" click -> its changes drawn. Baseline: a bare button on the bare page, whose click
	// handler only sets an attribute: what a click and a frame cost on this machine right now.
	async function bareClicks(count) {
		await page.goto(`${base}/bench/two-peers.html`);
		await page.evaluate(() => {
			const button = document.createElement('button');
			button.textContent = 'Press';
			button.onclick = () => button.setAttribute('data-pressed', '');
			document.body.append(button);
		});
		const samples = [];
		for (let i = 0; i < count; i++) {
			await page.evaluate(() => document.querySelector('button')?.removeAttribute('data-pressed'));
			await armTiming(page, 'pointerdown', 'bare');
			await page.getByRole('button', { name: 'Press' }).click();
			samples.push((await timing(page)).ms);
		}
		return samples;
	}

	/** Clicks "Next step" in a freshly opened /lab until it is connected; one timing per click. */
	async function labStepByStep() {
		await page.goto(`${base}/lab`);
		const labRoot = page.locator('.lab');
		await labRoot.and(page.locator('[data-state="idle"]')).waitFor();
		await page.getByLabel('Network conditions').selectOption('host-only');
		await settled(page);
		const samples = [];
		const next = page.getByRole('button', { name: 'Next step' });
		for (let i = 0; i < 40; i++) {
			// A step that ends in the ICE checks goes on to "connected" by itself.
			await labRoot
				.and(page.locator('[data-state="connected"], [data-state="failed"]'))
				.or(next.and(page.locator(':not([aria-disabled="true"])')))
				.first()
				.waitFor();
			const state = await labRoot.getAttribute('data-state');
			if (state === 'connected') return samples;
			if (state === 'failed') throw new Error('the lab failed to connect step by step');
			await armTiming(page, 'pointerdown', 'step');
			await next.click();
			samples.push(await timing(page));
		}
		throw new Error('/lab: not connected after 40 steps');
	}

	/**
	 * Two sides of a room, each clicking "Next step" whenever it may (the other side's steps move
	 * it on while it waits), until both are connected; one timing per click.
	 */
	async function remoteStepByStep(room) {
		const sides = [];
		for (let i = 0; i < 2; i++) {
			const side = await (await browser.newContext()).newPage();
			await side.goto(`${base}/remote/${room}`);
			await side.getByText('connected, room joined').waitFor();
			await side.getByLabel('Network conditions').selectOption('host-only');
			await settled(side);
			sides.push(side);
		}
		const samples = [];
		const deadline = Date.now() + 60_000;
		while (Date.now() < deadline) {
			const states = await Promise.all(
				sides.map((side) => side.locator('.lab').getAttribute('data-state'))
			);
			if (states.every((state) => state === 'connected')) break;
			if (states.includes('failed')) throw new Error('the remote lab failed step by step');
			let side = null;
			for (const candidate of sides)
				if (await candidate.getByRole('button', { name: 'Next step' }).isEnabled()) {
					side = candidate;
					break;
				}
			if (!side) {
				// Both wait for something in flight (an offer or answer on its way): look again.
				await new Promise((resolve) => setTimeout(resolve, 20));
				continue;
			}
			await armTiming(side, 'pointerdown', 'step');
			await side.getByRole('button', { name: 'Next step' }).click();
			samples.push(await timing(side));
		}
		for (const side of sides) await side.context().close();
		if (Date.now() >= deadline) throw new Error(`/remote/${room}: not connected step by step`);
		return samples;
	}

	/**
	 * In a connected /lab: ← on the focused "Timeline" slider, one step at a time back to the
	 * start; each press timed until the lab shows another moment (`.lab[data-shown]`). Null when
	 * the lab has no such slider.
	 */
	async function scrubSteps() {
		const slider = page.getByRole('slider', { name: 'Timeline' });
		if ((await slider.count()) === 0) return null;
		await slider.focus();
		const samples = [];
		for (let i = 0; i < 60; i++) {
			const atStart = await slider.evaluate((el) =>
				'min' in el
					? Number(el.value) <= Number(el.min)
					: Number(el.getAttribute('aria-valuenow')) <= Number(el.getAttribute('aria-valuemin'))
			);
			if (atStart) break;
			await armTiming(page, 'keydown', 'scrub');
			await page.keyboard.press('ArrowLeft');
			samples.push((await timing(page)).ms);
		}
		return samples;
	}

	const stepRuns = Math.max(3, Math.round(trials / 5));
	times.bareClick = await bareClicks(stepRuns * 10);
	times.labSteps = [];
	times.remoteSteps = [];
	times.scrub = null;
	for (let i = 0; i < stepRuns; i++) {
		times.labSteps.push(...(await labStepByStep()));
		if (i === 0) times.scrub = await scrubSteps();
		times.remoteSteps.push(...(await remoteStepByStep(`bench-steps-${Date.now()}-${i}`)));
	}

	const bareMs = median(times.bare);
	const labMs = median(times.lab);
	console.log(`\nRun to connected, data channel, delay 0 — ${trials} alternated trials (median)`);
	console.log(`  bare two-peer page : ${bareMs.toFixed(1)} ms`);
	console.log(`  /lab               : ${labMs.toFixed(1)} ms`);
	console.log(`  ratio lab / bare   : ${budget(labMs / bareMs, 1.5, '×')}`);
	console.log(
		`  /lab panels drawn  : ${median(times.panels).toFixed(1)} ms  (SDP, candidates, diagrams: one frame after "connected")`
	);
	console.log(
		`  /lab, second run in the same page (Reset, warm code): ${median(times.again).toFixed(1)} ms, ${(median(times.again) / bareMs).toFixed(2)}× bare`
	);
	const remoteMs = median(times.remote);
	const bareRemoteMs = median(times.bareRemote);
	console.log(
		`\nRemote lab through the signaling server (caller's view), ${times.remote.length} alternated trials`
	);
	console.log(`  bare two-page remote (same server): ${bareRemoteMs.toFixed(1)} ms`);
	console.log(
		`  /remote/<room>                    : ${remoteMs.toFixed(1)} ms, ${(remoteMs / bareRemoteMs).toFixed(2)}× the bare remote`
	);
	console.log(`  ratio remote / lab                : ${budget(remoteMs / labMs, 2, '×')}`);
	console.log(
		`  the same for the least code       : bare remote / bare page ${(bareRemoteMs / bareMs).toFixed(2)}×`
	);

	const stepLine = (samples) => {
		const ms = samples.map((sample) => sample.ms);
		const slowest = samples.reduce((a, b) => (b.ms > a.ms ? b : a));
		return `p95 ${budget(percentile(ms, 95), 100, 'ms')}; median ${median(ms).toFixed(1)} ms, slowest ${slowest.before} → ${slowest.after} ${slowest.ms.toFixed(1)} ms (${ms.length} clicks)`;
	};
	console.log(
		`\n"Next step" click → its changes drawn (pointerdown → the next frame), step by step to connected, ${stepRuns} runs each`
	);
	console.log(
		`  bare button (baseline)  : p95 ${percentile(times.bareClick, 95).toFixed(1)} ms, median ${median(times.bareClick).toFixed(1)} ms (${times.bareClick.length} clicks)`
	);
	console.log(`  /lab                    : ${stepLine(times.labSteps)}`);
	console.log(`  /remote/<room>, 2 sides : ${stepLine(times.remoteSteps)}`);
	console.log('\nTimeline scrub step (← on the "Timeline" slider of a connected /lab)');
	if (!times.scrub) console.log('  not available: /lab has no slider labelled "Timeline" yet');
	else if (times.scrub.length === 0) console.log('  not available: the timeline had one moment');
	else
		console.log(
			`  p95 ${budget(percentile(times.scrub, 95), 50, 'ms')}; median ${median(times.scrub).toFixed(1)} ms (${times.scrub.length} steps); bare button p95 ${percentile(times.bareClick, 95).toFixed(1)} ms`
		);

	// Initial JavaScript of /lab: every module the page preloads before it starts (SvelteKit lists
	// them as `modulepreload` in the Link header: the entries, the layout and the /lab node with
	// their static imports). Dynamic imports, such as mermaid, load later, on demand.
	const response = await fetch(`${base}/lab`);
	const preloaded = [
		...(response.headers.get('link') ?? '').matchAll(/<\.\/([^>]+\.js)>; rel="modulepreload"/g)
	].map((match) => match[1]);
	if (!preloaded.some((file) => file.includes('/nodes/')))
		throw new Error(`/lab preloads no route node; Link header: ${response.headers.get('link')}`);
	const manifest = JSON.parse(
		readFileSync(join(root, '.svelte-kit/output/client/.vite/manifest.json'), 'utf8')
	);
	const sourcesOf = (file) =>
		Object.entries(manifest)
			.filter(([, chunk]) => chunk.file === file || `_app/${chunk.file}` === file)
			.map(([key]) => key);
	let gzip = 0;
	for (const file of preloaded)
		gzip += gzipSync(readFileSync(join(root, 'build/client', file))).length;
	const mermaidFiles = Object.entries(manifest)
		.filter(([key]) => key.includes('node_modules/mermaid/'))
		.map(([, chunk]) => chunk.file);
	if (mermaidFiles.length === 0) throw new Error('mermaid is not in the client build manifest');
	const mermaidIncluded = preloaded.filter((file) => mermaidFiles.some((m) => file.endsWith(m)));
	console.log(
		`\n/lab initial JavaScript, gzip: ${budget(gzip / 1024, 202, 'KiB')} (${preloaded.length} modules)`
	);
	console.log(
		`  mermaid in the initial JavaScript: ${mermaidIncluded.length ? `YES (it should load lazily): ${mermaidIncluded.join(', ')}` : `no (its ${mermaidFiles.length} chunks load on demand)`}`
	);
	if (process.env.BENCH_VERBOSE)
		for (const file of preloaded) console.log(`  ${file}  ${sourcesOf(file).join(' ')}`);

	if (!labsOnly) {
		await benchTurn({ browser, base, trials: Math.min(trials, 9) });

		// 5. Main-thread time per stats tick (diff + charts), two peers in audio + video at 1 Hz.
		console.log('\nStats ticks (scripts/bench-stats.js)');
		spawnSync(process.execPath, [join(root, 'scripts/bench-stats.js')], {
			stdio: 'inherit',
			env: { ...process.env, BENCH_URL: base }
		});

		// 6. The SDP inspector on a 2,000-line SDP against sdp-transform's bare parse.
		console.log('\nSDP inspector (scripts/bench-sdp.js)');
		spawnSync(process.execPath, [join(root, 'scripts/bench-sdp.js')], {
			stdio: 'inherit',
			env: { ...process.env, BENCH_URL: base }
		});
	}
} finally {
	await browser.close();
	server.stop();
}

// 3. The signaling relay on its own: throughput, latency and memory against a bare ws relay.
// 7. Importing a webrtc-internals dump of growing size against JSON.parse of the same text.
if (!labsOnly) {
	console.log('\nSignaling relay (scripts/bench-signaling.js)');
	spawnSync(process.execPath, [join(root, 'scripts/bench-signaling.js')], { stdio: 'inherit' });
	console.log('\nDump import (scripts/bench-dump.js)');
	spawnSync(process.execPath, [join(root, 'scripts/bench-dump.js')], { stdio: 'inherit' });
}
