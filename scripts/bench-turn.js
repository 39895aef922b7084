#!/usr/bin/env node
// TURN benchmarks, as ratios against a baseline measured in the same run (scripts/bench.js calls
// benchTurn() with its browser and server; `node scripts/bench-turn.js` runs it alone):
//
// 1. The loopback lab's Run to connected with "Relay only" against "Host only" (alternated trials):
//    what a relay costs to set up — TURN allocations, permissions, channel binds (goal ≤ 3×).
// 2. Data-channel throughput between two peers in one page, direct (host) vs relay-only through the
//    embedded TURN server (node-turn, in Node) vs through coturn (C), alternated: how much a relay
//    slows the data path, and whether the embedded server is fit for more than a demo.

import { createHmac } from 'node:crypto';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { chromiumArgs, executablePath, startLab } from './chromium.js';
import { ensureServerBuild, serverEntry } from './build-server.js';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Run to connected in /lab with a Network conditions preset, in ms (delay 0, data channel). */
async function labRun(page, base, preset) {
	// The presets need the lab's servers (GET /api/ice-servers), loaded when the page opens.
	const servers = page.waitForResponse((r) => r.url().endsWith('/api/ice-servers'));
	await page.goto(`${base}/lab`);
	await servers;
	await page.locator('.lab[data-state="idle"]').waitFor();
	await page.getByRole('button', { name: 'Next step' }).and(page.locator(':enabled')).waitFor();
	await page.getByLabel('Step delay').fill('0');
	await page.locator('figure[aria-busy="false"] svg').first().waitFor();
	await page.getByLabel('Network conditions').selectOption(preset);
	return page.evaluate(
		() =>
			new Promise((resolve, reject) => {
				const lab = document.querySelector('.lab');
				const button = [...document.querySelectorAll('button')].find(
					(b) => b.textContent?.trim() === 'Run to connected'
				);
				const start = performance.now();
				const timer = setTimeout(() => reject(new Error('not connected in 30 s')), 30_000);
				new MutationObserver(() => {
					const state = lab?.getAttribute('data-state');
					if (state === 'connected') {
						clearTimeout(timer);
						resolve(performance.now() - start);
					} else if (state === 'failed') reject(new Error('the lab failed to connect'));
				}).observe(lab, { attributes: true, attributeFilter: ['data-state'] });
				button?.click();
			})
	);
}

/**
 * Two peer connections in one page send `bytes` over an ordered data channel (16 KiB messages,
 * sender paused while 4 MiB are buffered); returns Mbit/s and the selected pair's candidate types.
 */
function throughput(page, iceServers, relay, bytes) {
	return page.evaluate(
		async ({ iceServers, relay, bytes }) => {
			const config = { iceServers, iceTransportPolicy: relay ? 'relay' : 'all' };
			const a = new RTCPeerConnection(config);
			const b = new RTCPeerConnection(config);
			try {
				a.onicecandidate = (e) => e.candidate && b.addIceCandidate(e.candidate);
				b.onicecandidate = (e) => e.candidate && a.addIceCandidate(e.candidate);
				const channel = a.createDataChannel('bench');
				const opened = new Promise((resolve) => (channel.onopen = resolve));
				let received = 0;
				let done;
				const finished = new Promise((resolve) => (done = resolve));
				b.ondatachannel = ({ channel: incoming }) => {
					incoming.binaryType = 'arraybuffer';
					incoming.onmessage = ({ data }) => {
						received += data.byteLength;
						if (received >= bytes) done(performance.now());
					};
				};
				await a.setLocalDescription();
				await b.setRemoteDescription(a.localDescription);
				await b.setLocalDescription();
				await a.setRemoteDescription(b.localDescription);
				await opened;

				const chunk = new Uint8Array(16 * 1024);
				channel.bufferedAmountLowThreshold = 1024 * 1024;
				const start = performance.now();
				const limit = setTimeout(() => done(performance.now()), 20_000);
				for (let sent = 0; sent < bytes; sent += chunk.length) {
					if (channel.bufferedAmount > 4 * 1024 * 1024) {
						await new Promise((resolve) => (channel.onbufferedamountlow = resolve));
					}
					channel.send(chunk);
				}
				const end = await finished;
				clearTimeout(limit);

				const stats = [...(await a.getStats()).values()];
				const transport = stats.find((s) => s.type === 'transport' && s.selectedCandidatePairId);
				const pair = stats.find((s) => s.id === transport?.selectedCandidatePairId);
				const type = (id) => stats.find((s) => s.id === id)?.candidateType ?? '?';
				return {
					mbps: (received * 8) / ((end - start) / 1000) / 1e6,
					complete: received >= bytes,
					pair: `${type(pair?.localCandidateId)}↔${type(pair?.remoteCandidateId)}`
				};
			} finally {
				a.close();
				b.close();
			}
		},
		{ iceServers, relay, bytes }
	);
}

/** A TURN REST credential (the lab's scheme, src/lib/server/turn/credentials.ts). */
function turnServers(secret, port) {
	const username = `${Math.floor(Date.now() / 1000) + 3600}:bench`;
	const credential = createHmac('sha1', secret).update(username).digest('base64');
	return [{ urls: [`turn:127.0.0.1:${port}?transport=udp`], username, credential }];
}

/**
 * Prints both TURN benchmarks. `browser` and `base` are bench.js's (the lab server runs there);
 * the throughput part starts its own embedded and coturn servers on loopback.
 */
export async function benchTurn({ browser, base, trials = 9, turnPort = 3590 }) {
	const page = await browser.newPage();
	try {
		// 1. Relay-only vs host-only Run to connected in the loopback lab.
		await labRun(page, base, 'host-only');
		await labRun(page, base, 'relay-only');
		const times = { host: [], relay: [] };
		for (let i = 0; i < trials; i++) {
			times.host.push(await labRun(page, base, 'host-only'));
			times.relay.push(await labRun(page, base, 'relay-only'));
		}
		const hostMs = median(times.host);
		const relayMs = median(times.relay);
		console.log(`\nRun to connected through TURN, /lab, ${trials} alternated trials (median)`);
		console.log(`  Host only          : ${hostMs.toFixed(1)} ms`);
		console.log(`  Relay only         : ${relayMs.toFixed(1)} ms`);
		console.log(`  ratio relay / host : ${(relayMs / hostMs).toFixed(2)}×  (goal ≤ 3×)`);

		// 2. Throughput: direct vs embedded TURN vs coturn.
		ensureServerBuild();
		const server = await import(pathToFileURL(serverEntry).href);
		const secret = server.newTurnSecret();
		const relays = {};
		for (const [kind, port] of [
			['embedded', turnPort],
			['coturn', turnPort + 1]
		]) {
			try {
				const turn = await server.startTurnServer({
					host: '127.0.0.1',
					port,
					secret,
					choice: kind,
					log: () => {}
				});
				if (turn.kind === kind) relays[kind] = { turn, iceServers: turnServers(secret, port) };
				else await turn.stop();
			} catch (error) {
				console.log(`  (${kind} TURN server did not start: ${error.message})`);
			}
		}
		const bytes = Number(process.env.BENCH_TURN_BYTES ?? 16 * 1024 * 1024);
		const paths = [
			['direct', [], false],
			...Object.entries(relays).map(([k, r]) => [k, r.iceServers, true])
		];
		const rates = Object.fromEntries(paths.map(([name]) => [name, []]));
		const pairs = {};
		const incomplete = new Set();
		try {
			await page.goto(`${base}/bench/two-peers.html`);
			const rounds = Math.max(3, Math.ceil(trials / 3));
			for (let i = 0; i <= rounds; i++) {
				for (const [name, iceServers, relay] of paths) {
					const result = await throughput(page, iceServers, relay, bytes);
					pairs[name] = result.pair;
					if (!result.complete) incomplete.add(name);
					if (i > 0) rates[name].push(result.mbps); // round 0 warms up
				}
			}
		} finally {
			for (const { turn } of Object.values(relays)) await turn.stop();
		}
		const direct = median(rates.direct);
		console.log(
			`\nData-channel throughput, ${(bytes / 1024 / 1024).toFixed(0)} MiB per trial, two peers in one page (median)`
		);
		for (const [name] of paths) {
			const label = { direct: 'direct (host)', embedded: 'embedded TURN', coturn: 'coturn' }[name];
			const rate = median(rates[name]);
			console.log(
				`  ${label.padEnd(18)} : ${rate.toFixed(0).padStart(5)} Mbit/s  ${pairs[name]}` +
					(name === 'direct' ? '' : `  ratio to direct ${(rate / direct).toFixed(2)}×`) +
					(incomplete.has(name) ? '  (did not finish in 20 s: rate from what arrived)' : '')
			);
		}
		if (rates.embedded?.length && rates.coturn?.length) {
			const ratio = median(rates.embedded) / median(rates.coturn);
			console.log(
				`  ratio embedded / coturn : ${ratio.toFixed(2)}×` +
					(ratio < 0.5 ? '  — the embedded server is much slower: prefer coturn for real use' : '')
			);
		} else {
			console.log('  (coturn is not installed: apt-get install coturn to compare)');
		}
	} finally {
		await page.close();
	}
}

// Run on its own: start the lab like bench.js does, then only the TURN benchmarks.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const lab = await startLab(Number(process.env.BENCH_PORT ?? 4181), {
		TURN_PORT: process.env.TURN_PORT ?? '3592'
	});
	const { base } = lab;
	const browser = await chromium.launch({ executablePath, args: chromiumArgs });
	try {
		await benchTurn({ browser, base, trials: Number(process.env.BENCH_TRIALS ?? 9) });
	} finally {
		await browser.close();
		lab.stop();
	}
}
