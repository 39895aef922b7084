// Captures the two dumps chrome://webrtc-internals saves today into src/lib/core/stats/fixtures/,
// straight from its own download buttons (nothing is written by us):
//
//   "Download the "webrtc-internals dump""  -> webrtc_internals_dump.txt (.gz when "Compress
//                                              result" is ticked, the default)
//   "Download the "rtcstats dump""          -> an rtcstats dump (gzip)
//
// One tab of headless Chromium shows chrome://webrtc-internals; another runs a short loopback
// call (two RTCPeerConnections in one page, fake camera and microphone, plus a data channel
// sending a message every 100 ms). After a few seconds both dumps are saved, compressed and as
// plain text (the plain rtcstats dump is the gunzipped download).
//
//   node scripts/capture-dumps.js
//
// Writes chromium-internals-dump.txt(.gz) and chromium-rtcstats-dump(.gz).
// CHROMIUM_PATH overrides the browser binary (default: Debian's /usr/bin/chromium).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { chromiumArgs, executablePath } from './chromium.js';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'src/lib/core/stats/fixtures');
const seconds = Number(process.env.CAPTURE_SECONDS ?? 4);

// http://localhost is a secure context (getUserMedia needs one); served by request interception.
const pageUrl = 'http://localhost/capture-dumps';

/** Runs in the call tab: connects two peers with audio, video and a data channel. */
async function call() {
	const config = { iceServers: [], bundlePolicy: /** @type {const} */ ('max-bundle') };
	const caller = new RTCPeerConnection(config);
	const callee = new RTCPeerConnection(config);
	caller.onicecandidate = (e) => e.candidate && callee.addIceCandidate(e.candidate);
	callee.onicecandidate = (e) => e.candidate && caller.addIceCandidate(e.candidate);
	const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
	for (const track of stream.getTracks()) caller.addTrack(track, stream);
	const channel = caller.createDataChannel('chat');
	callee.ondatachannel = () => {};
	const offer = await caller.createOffer();
	await caller.setLocalDescription(offer);
	await callee.setRemoteDescription(offer);
	const answer = await callee.createAnswer();
	await callee.setLocalDescription(answer);
	await caller.setRemoteDescription(answer);
	await new Promise((resolve) => {
		channel.onopen = resolve;
	});
	let n = 0;
	setInterval(() => channel.send(`message ${++n}`), 100);
	// Kept alive on the page while the dumps are saved.
	Object.assign(window, { caller, callee });
}

/** Clicks a download button and returns the saved bytes. */
async function download(page, selector) {
	const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
	return { name: file.suggestedFilename(), bytes: await readFile(await file.path()) };
}

async function main() {
	await mkdir(outDir, { recursive: true });
	const browser = await chromium.launch({ executablePath, args: chromiumArgs });
	try {
		const context = await browser.newContext({ acceptDownloads: true });
		// webrtc-internals only records connections created while it is open: open it first.
		const internals = await context.newPage();
		await internals.goto('chrome://webrtc-internals');
		const page = await context.newPage();
		await page.route(pageUrl, (route) =>
			route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>call</title>' })
		);
		await page.goto(pageUrl);
		await page.evaluate(call);
		await page.waitForTimeout(seconds * 1000);

		await internals.bringToFront();
		await internals.locator('summary', { hasText: 'Create a WebRTC-Internals dump' }).click();
		const checkbox = internals.locator('#dump-checkbox');
		await checkbox.check();
		const internalsGz = await download(internals, '#dump-click-target');
		await checkbox.uncheck();
		const internalsPlain = await download(internals, '#dump-click-target');
		const rtcstats = await download(internals, '#dump-click-target-rtcstats');
		const version = browser.version();

		const gzipped = (bytes) => bytes[0] === 0x1f && bytes[1] === 0x8b;
		if (!gzipped(internalsGz.bytes)) throw new Error('the compressed dump is not gzip');
		if (gzipped(internalsPlain.bytes)) throw new Error('the plain dump is gzip');
		const rtcstatsPlain = gzipped(rtcstats.bytes) ? gunzipSync(rtcstats.bytes) : rtcstats.bytes;
		const files = {
			'chromium-internals-dump.txt.gz': internalsGz.bytes,
			'chromium-internals-dump.txt': internalsPlain.bytes,
			'chromium-rtcstats-dump.gz': rtcstats.bytes,
			'chromium-rtcstats-dump': rtcstatsPlain
		};
		for (const [name, bytes] of Object.entries(files)) {
			await writeFile(join(outDir, name), bytes);
			console.log(`${name}: ${bytes.length} bytes`);
		}
		console.log(
			`Chromium ${version}; downloads named ${internalsGz.name}, ${internalsPlain.name}, ${rtcstats.name}`
		);
	} finally {
		await browser.close();
	}
}

await main();
