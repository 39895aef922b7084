// Captures real getStats() report sequences from Chromium into src/lib/core/stats/fixtures/.
//
// Two RTCPeerConnections talk to each other inside one page; every second both are asked for
// getStats() and the whole report (every RTCStats dictionary) is kept, together with an event
// log in chrome://webrtc-internals' updateLog style (createOffer, setLocalDescription,
// icecandidate, iceconnectionstatechange, …) so tests can build a dump from a real run.
//
//   node scripts/capture-stats.js
//
// Writes chrome-audio-video-capture.json (fake camera + microphone, ~6 ticks) and
// chrome-datachannel-capture.json (one data channel, messages every 100 ms, ~6 ticks).
// CHROMIUM_PATH overrides the browser binary (default: Debian's /usr/bin/chromium).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { executablePath } from './chromium.js';

const outDir = join(
	dirname(fileURLToPath(import.meta.url)),
	'..',
	'src',
	'lib',
	'core',
	'stats',
	'fixtures'
);

const args = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--disable-background-networking',
	'--use-fake-device-for-media-stream',
	'--use-fake-ui-for-media-stream'
];

// http://localhost is a secure context (getUserMedia needs one); served by request interception.
const pageUrl = 'http://localhost/capture-stats';

/**
 * Runs in the page. Wraps two connections so every API call and event lands in an updateLog
 * ({ time, timestamp, type, value } with webrtc-internals' value texts), negotiates, then polls
 * getStats() once a second.
 * @param {{ media: boolean, ticks: number }} options
 */
async function run({ media, ticks }) {
	/** @type {Record<string, { time: string, timestamp: number, type: string, value: string }[]>} */
	const logs = { caller: [], callee: [] };
	/** @param {'caller' | 'callee'} who @param {string} type @param {string} value */
	const log = (who, type, value) => {
		const now = Date.now();
		logs[who].push({ time: new Date(now).toISOString(), timestamp: now, type, value });
	};
	/** @param {RTCSessionDescriptionInit | null | undefined} d */
	const describe = (d) => `type: ${d?.type}, sdp: ${d?.sdp}`;
	/** @param {RTCIceCandidate} c */
	const candidateText = (c) =>
		`sdpMid: ${c.sdpMid}, sdpMLineIndex: ${c.sdpMLineIndex}, candidate: ${c.candidate}`;

	const config = { iceServers: [], bundlePolicy: /** @type {const} */ ('max-bundle') };
	const caller = new RTCPeerConnection(config);
	const callee = new RTCPeerConnection(config);
	/** @param {RTCPeerConnection} pc @param {'caller' | 'callee'} who */
	const watch = (pc, who) => {
		pc.addEventListener('signalingstatechange', () =>
			log(who, 'signalingstatechange', pc.signalingState)
		);
		pc.addEventListener('icegatheringstatechange', () =>
			log(who, 'icegatheringstatechange', pc.iceGatheringState)
		);
		pc.addEventListener('iceconnectionstatechange', () =>
			log(who, 'iceconnectionstatechange', pc.iceConnectionState)
		);
		pc.addEventListener('connectionstatechange', () =>
			log(who, 'connectionstatechange', pc.connectionState)
		);
		pc.addEventListener('track', (e) =>
			log(who, 'ontrack', `${e.track.kind}:${e.track.id} stream:${e.streams[0]?.id ?? ''}`)
		);
		pc.addEventListener('datachannel', (e) =>
			log(who, 'datachannel', `label: ${e.channel.label}, id: ${e.channel.id}`)
		);
	};
	watch(caller, 'caller');
	watch(callee, 'callee');
	caller.addEventListener('icecandidate', (e) => {
		if (!e.candidate) return;
		log('caller', 'icecandidate', candidateText(e.candidate));
		log('callee', 'addIceCandidate', candidateText(e.candidate));
		callee.addIceCandidate(e.candidate).catch(() => {});
	});
	callee.addEventListener('icecandidate', (e) => {
		if (!e.candidate) return;
		log('callee', 'icecandidate', candidateText(e.candidate));
		log('caller', 'addIceCandidate', candidateText(e.candidate));
		caller.addIceCandidate(e.candidate).catch(() => {});
	});

	/** @type {MediaStream | undefined} */
	let stream;
	/** @type {RTCDataChannel | undefined} */
	let channel;
	if (media) {
		stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
		for (const track of stream.getTracks()) {
			caller.addTrack(track, stream);
			log('caller', 'addTrack', `track: ${track.kind}:${track.id}, streams: ${stream.id}`);
		}
	} else {
		channel = caller.createDataChannel('chat');
		log('caller', 'createDataChannel', 'label: chat, reliable: true');
	}

	log('caller', 'createOffer', 'options: {}');
	const offer = await caller.createOffer();
	log('caller', 'createOfferOnSuccess', describe(offer));
	log('caller', 'setLocalDescription', describe(offer));
	await caller.setLocalDescription(offer);
	log('caller', 'setLocalDescriptionOnSuccess', '');
	log('callee', 'setRemoteDescription', describe(offer));
	await callee.setRemoteDescription(offer);
	log('callee', 'setRemoteDescriptionOnSuccess', '');
	log('callee', 'createAnswer', 'options: {}');
	const answer = await callee.createAnswer();
	log('callee', 'createAnswerOnSuccess', describe(answer));
	log('callee', 'setLocalDescription', describe(answer));
	await callee.setLocalDescription(answer);
	log('callee', 'setLocalDescriptionOnSuccess', '');
	log('caller', 'setRemoteDescription', describe(answer));
	await caller.setRemoteDescription(answer);
	log('caller', 'setRemoteDescriptionOnSuccess', '');

	await new Promise((resolve) => {
		const check = () =>
			caller.connectionState === 'connected' && callee.connectionState === 'connected';
		if (check()) return resolve(undefined);
		const timer = setInterval(() => {
			if (check()) {
				clearInterval(timer);
				resolve(undefined);
			}
		}, 20);
	});

	/** @type {ReturnType<typeof setInterval> | undefined} */
	let sender;
	if (channel) {
		const open = channel;
		await new Promise((resolve) =>
			open.readyState === 'open' ? resolve(undefined) : (open.onopen = () => resolve(undefined))
		);
		let n = 0;
		sender = setInterval(() => open.send(`message ${++n} ${'x'.repeat(90)}`), 100);
	}

	/** @type {Record<'caller' | 'callee', { timestamp: number, reports: unknown[] }[]>} */
	const snapshots = { caller: [], callee: [] };
	for (let tick = 0; tick < ticks; tick++) {
		for (const [who, pc] of /** @type {const} */ ([
			['caller', caller],
			['callee', callee]
		])) {
			const report = await pc.getStats();
			const reports = [...report.values()];
			snapshots[who].push({ timestamp: reports[0]?.timestamp ?? Date.now(), reports });
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	if (sender) clearInterval(sender);
	caller.close();
	callee.close();
	for (const track of stream?.getTracks() ?? []) track.stop();
	return {
		userAgent: navigator.userAgent,
		rtcConfiguration: config,
		getUserMedia: media ? [{ audio: '', video: '', origin: location.origin }] : [],
		url: location.href,
		peers: {
			caller: { updateLog: logs.caller, snapshots: snapshots.caller },
			callee: { updateLog: logs.callee, snapshots: snapshots.callee }
		}
	};
}

async function main() {
	await mkdir(outDir, { recursive: true });
	const browser = await chromium.launch({
		executablePath,
		args
	});
	try {
		for (const [name, media] of /** @type {const} */ ([
			['chrome-audio-video-capture', true],
			['chrome-datachannel-capture', false]
		])) {
			const page = await browser.newPage();
			await page.route(pageUrl, (route) =>
				route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>capture</title>' })
			);
			await page.goto(pageUrl);
			const capture = await page.evaluate(run, { media, ticks: 6 });
			await writeFile(join(outDir, `${name}.json`), JSON.stringify(capture, null, 1) + '\n');
			const ticks = capture.peers.caller.snapshots.length;
			console.log(`wrote ${name}.json (${ticks} ticks per peer)`);
			await page.close();
		}
	} finally {
		await browser.close();
	}
}

await main();
