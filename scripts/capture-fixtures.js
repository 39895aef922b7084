// Captures real SDP offers and answers from Chromium into src/lib/core/sdp/fixtures/*.sdp.
//
// Two RTCPeerConnections talk to each other inside one page (no signalling server needed);
// the SDP text they produce is written verbatim (CRLF line endings, as on the wire).
//
//   node scripts/capture-fixtures.js                # every scenario below
//   node scripts/capture-fixtures.js renegotiation more
//                                                   # only the named groups (the others' files
//                                                   # are left as they are)
//   TURN_URL=turn:127.0.0.1:3478 TURN_USERNAME=u TURN_CREDENTIAL=p node scripts/capture-fixtures.js
//                                                   # ...plus chrome-relay-offer.sdp
//
// Groups: basics (data channel, ICE restart offer, audio+video, simulcast offer), gathered
// (host and mDNS candidates, relay with TURN_URL), renegotiation (one call changed step by
// step, every offer and answer kept), more (simulcast answer, ICE restart of an audio+video
// call with its answer, audio only, max-bundle).
//
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
	'sdp',
	'fixtures'
);

const baseArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--use-fake-device-for-media-stream',
	'--use-fake-ui-for-media-stream'
];

// http://localhost is a secure context (getUserMedia needs one); the page is served by
// Playwright's request interception, so no HTTP server is started.
const pageUrl = 'http://localhost/capture';

/** @param {string[]} extraArgs */
async function openPage(extraArgs = []) {
	const browser = await chromium.launch({
		executablePath,
		args: [...baseArgs, ...extraArgs]
	});
	const page = await browser.newPage();
	await page.route(pageUrl, (route) =>
		route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>capture</title>' })
	);
	await page.goto(pageUrl);
	return { browser, page };
}

/**
 * Runs in the page: helpers shared by every scenario, installed once per page.
 * `negotiate` does a full offer/answer between two connections and returns both SDPs.
 */
function installHelpers() {
	/** @param {RTCPeerConnection} pc */
	const gathered = (pc) =>
		new Promise((resolve) => {
			if (pc.iceGatheringState === 'complete') return resolve(undefined);
			const timer = setTimeout(() => resolve(undefined), 10000);
			pc.addEventListener('icegatheringstatechange', () => {
				if (pc.iceGatheringState === 'complete') {
					clearTimeout(timer);
					resolve(undefined);
				}
			});
		});
	/** @param {RTCPeerConnection} a @param {RTCPeerConnection} b */
	const negotiate = async (a, b) => {
		a.onicecandidate = (e) => e.candidate && b.addIceCandidate(e.candidate).catch(() => {});
		b.onicecandidate = (e) => e.candidate && a.addIceCandidate(e.candidate).catch(() => {});
		const offer = await a.createOffer();
		await a.setLocalDescription(offer);
		await b.setRemoteDescription(offer);
		const answer = await b.createAnswer();
		await b.setLocalDescription(answer);
		await a.setRemoteDescription(answer);
		return { offer: offer.sdp, answer: answer.sdp };
	};
	Object.assign(globalThis, { gathered, negotiate });
}

/** @param {import('@playwright/test').Page} page */
async function captureBasics(page) {
	/** @type {Record<string, string>} */
	const out = await page.evaluate(async () => {
		/** @type {any} */
		const g = globalThis;
		/** @type {Record<string, string>} */
		const result = {};

		// Data channel only: one m=application section with SCTP over DTLS (RFC 8841).
		{
			const a = new RTCPeerConnection();
			const b = new RTCPeerConnection();
			a.createDataChannel('chat');
			const { offer, answer } = await g.negotiate(a, b);
			result['chrome-datachannel-offer'] = offer;
			result['chrome-datachannel-answer'] = answer;

			// ICE restart (RFC 8445 §9, JSEP RFC 8829 §4.1.8): new ice-ufrag/ice-pwd.
			a.restartIce();
			const restart = await a.createOffer();
			result['chrome-ice-restart-offer'] = restart.sdp ?? '';
			a.close();
			b.close();
		}

		// Audio + video from the fake capture devices, plus a data channel.
		{
			const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
			const a = new RTCPeerConnection();
			const b = new RTCPeerConnection();
			for (const track of stream.getTracks()) a.addTrack(track, stream);
			a.createDataChannel('chat');
			const { offer, answer } = await g.negotiate(a, b);
			result['chrome-audio-video-offer'] = offer;
			result['chrome-audio-video-answer'] = answer;
			a.close();
			b.close();

			// Simulcast (RFC 8853): three encodings told apart by RTP stream ids (RFC 8851).
			const s = new RTCPeerConnection();
			const video = stream.getVideoTracks()[0];
			s.addTransceiver(video, {
				direction: 'sendonly',
				sendEncodings: [
					{ rid: 'q', scaleResolutionDownBy: 4 },
					{ rid: 'h', scaleResolutionDownBy: 2 },
					{ rid: 'f' }
				]
			});
			const sim = await s.createOffer();
			result['chrome-simulcast-offer'] = sim.sdp ?? '';
			s.close();
			for (const track of stream.getTracks()) track.stop();
		}
		return result;
	});
	return out;
}

/**
 * An offer taken after ICE gathering completed, so it carries a=candidate lines
 * (non-trickle, "vanilla ICE").
 * @param {import('@playwright/test').Page} page
 * @param {RTCConfiguration} config
 */
async function captureGathered(page, config = {}) {
	return page.evaluate(async (config) => {
		/** @type {any} */
		const g = globalThis;
		const pc = new RTCPeerConnection(config);
		pc.createDataChannel('chat');
		pc.addTransceiver('audio');
		await pc.setLocalDescription(await pc.createOffer());
		await g.gathered(pc);
		const sdp = pc.localDescription?.sdp ?? '';
		pc.close();
		return sdp;
	}, /** @type {any} */ (config));
}

/**
 * One call renegotiated step by step, the way an app changes a live call; every offer and
 * answer is kept (JSEP RFC 9429 §4.1.8 subsequent offers, §5.2.2 and §5.3.2 subsequent answers).
 *   1 audio only; 2 addTrack(video) adds a section; 3 audio direction 'sendonly';
 *   4 setCodecPreferences puts VP9 first on video; 5 transceiver.stop() leaves video at port 0;
 *   6 a new video track: the new transceiver may recycle the stopped m-line (§5.2.2).
 * @param {import('@playwright/test').Page} page
 */
async function captureRenegotiation(page) {
	/** @type {Record<string, string>} */
	const out = await page.evaluate(async () => {
		/** @type {any} */
		const g = globalThis;
		/** @type {Record<string, string>} */
		const result = {};
		const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
		const [audio] = stream.getAudioTracks();
		const [video] = stream.getVideoTracks();
		const a = new RTCPeerConnection();
		const b = new RTCPeerConnection();
		/** @param {string} step */
		const round = async (step) => {
			const { offer, answer } = await g.negotiate(a, b);
			result[`chrome-reneg-${step}-offer`] = offer;
			result[`chrome-reneg-${step}-answer`] = answer;
		};
		a.addTrack(audio, stream);
		await round('1-audio');
		const videoSender = a.addTrack(video, stream);
		await round('2-add-video');
		const audioTransceiver = a.getTransceivers().find((t) => t.sender.track === audio);
		audioTransceiver.direction = 'sendonly';
		await round('3-sendonly');
		const videoTransceiver = a.getTransceivers().find((t) => t.sender === videoSender);
		const codecs = RTCRtpReceiver.getCapabilities('video')?.codecs ?? [];
		const vp9 = codecs.filter((c) => c.mimeType === 'video/VP9');
		videoTransceiver.setCodecPreferences([
			...vp9,
			...codecs.filter((c) => c.mimeType !== 'video/VP9')
		]);
		await round('4-codec-preferences');
		videoTransceiver.stop();
		await round('5-stop-video');
		a.addTrack(video.clone(), stream);
		await round('6-new-video');
		a.close();
		b.close();
		for (const track of stream.getTracks()) track.stop();
		return result;
	});
	return out;
}

/**
 * Simulcast answer, an ICE restart of an audio+video call with its answer, audio only and
 * max-bundle.
 * @param {import('@playwright/test').Page} page
 */
async function captureMore(page) {
	/** @type {Record<string, string>} */
	const out = await page.evaluate(async () => {
		/** @type {any} */
		const g = globalThis;
		/** @type {Record<string, string>} */
		const result = {};
		const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
		const [audio] = stream.getAudioTracks();
		const [video] = stream.getVideoTracks();

		// The receiving side of simulcast: the answer lists the rids as recv (RFC 8853 §5.3).
		{
			const a = new RTCPeerConnection();
			const b = new RTCPeerConnection();
			a.addTransceiver(video, {
				direction: 'sendonly',
				sendEncodings: [
					{ rid: 'q', scaleResolutionDownBy: 4 },
					{ rid: 'h', scaleResolutionDownBy: 2 },
					{ rid: 'f' }
				]
			});
			const { offer, answer } = await g.negotiate(a, b);
			result['chrome-simulcast-pair-offer'] = offer;
			result['chrome-simulcast-answer'] = answer;
			a.close();
			b.close();
		}

		// ICE restart of a running audio+video call (RFC 8445 §9): both sides get new ufrag/pwd.
		{
			const a = new RTCPeerConnection();
			const b = new RTCPeerConnection();
			for (const track of stream.getTracks()) a.addTrack(track, stream);
			const first = await g.negotiate(a, b);
			result['chrome-ice-restart-av-before-offer'] = first.offer;
			a.restartIce();
			const { offer, answer } = await g.negotiate(a, b);
			result['chrome-ice-restart-av-offer'] = offer;
			result['chrome-ice-restart-av-answer'] = answer;
			a.close();
			b.close();
		}

		// Audio only: one m=audio section, nothing else.
		{
			const a = new RTCPeerConnection();
			const b = new RTCPeerConnection();
			a.addTrack(audio, stream);
			const { offer, answer } = await g.negotiate(a, b);
			result['chrome-audio-only-offer'] = offer;
			result['chrome-audio-only-answer'] = answer;
			a.close();
			b.close();
		}

		// bundlePolicy 'max-bundle' (JSEP RFC 9429 §4.1.1): every section on one transport.
		{
			const config = { bundlePolicy: /** @type {RTCBundlePolicy} */ ('max-bundle') };
			const a = new RTCPeerConnection(config);
			const b = new RTCPeerConnection(config);
			a.addTrack(audio, stream);
			a.addTrack(video, stream);
			a.createDataChannel('chat');
			const { offer, answer } = await g.negotiate(a, b);
			result['chrome-max-bundle-offer'] = offer;
			result['chrome-max-bundle-answer'] = answer;
			a.close();
			b.close();
		}
		for (const track of stream.getTracks()) track.stop();
		return result;
	});
	return out;
}

/** @param {string} name @param {string} sdp */
async function save(name, sdp) {
	if (!sdp) throw new Error(`empty SDP for ${name}`);
	await writeFile(join(outDir, `${name}.sdp`), sdp);
	console.log(`wrote ${name}.sdp (${sdp.split('\r\n').length - 1} lines)`);
}

const groups = ['basics', 'gathered', 'renegotiation', 'more'];

async function main() {
	const asked = process.argv.slice(2);
	for (const name of asked) {
		if (!groups.includes(name)) throw new Error(`unknown group ${name} (${groups.join(', ')})`);
	}
	/** @param {string} group */
	const wanted = (group) => asked.length === 0 || asked.includes(group);
	await mkdir(outDir, { recursive: true });

	if (wanted('renegotiation') || wanted('more')) {
		const { browser, page } = await openPage();
		await page.evaluate(installHelpers);
		console.log(`Chromium ${browser.version()}`);
		if (wanted('renegotiation')) {
			for (const [name, sdp] of Object.entries(await captureRenegotiation(page))) {
				await save(name, sdp);
			}
		}
		if (wanted('more')) {
			for (const [name, sdp] of Object.entries(await captureMore(page))) await save(name, sdp);
		}
		await browser.close();
	}

	// Default Chromium: host candidates are hidden behind random .local mDNS names
	// (draft-ietf-mmusic-mdns-ice-candidates) unless the page was granted camera access.
	if (wanted('basics') || wanted('gathered')) {
		const { browser, page } = await openPage();
		await page.evaluate(installHelpers);
		if (wanted('basics')) {
			for (const [name, sdp] of Object.entries(await captureBasics(page))) await save(name, sdp);
		}
		if (!wanted('gathered')) {
			await browser.close();
			return;
		}

		// Chromium does not hide addresses from a localhost page (nor after getUserMedia was
		// granted), so the mDNS capture runs in a fresh about:blank page.
		const blank = await browser.newPage();
		await blank.goto('about:blank');
		await blank.evaluate(installHelpers);
		await save('chrome-gathered-mdns-offer', await captureGathered(blank));
		await browser.close();
	}

	// With mDNS hiding switched off the raw interface addresses appear.
	if (wanted('gathered')) {
		const { browser, page } = await openPage(['--disable-features=WebRtcHideLocalIpsWithMdns']);
		await page.evaluate(installHelpers);
		await save('chrome-gathered-offer', await captureGathered(page));

		const turnUrl = process.env.TURN_URL;
		if (turnUrl) {
			// iceTransportPolicy 'relay' keeps only relay candidates (RFC 8656 TURN allocations).
			const sdp = await captureGathered(page, {
				iceTransportPolicy: 'relay',
				iceServers: [
					{
						urls: turnUrl,
						username: process.env.TURN_USERNAME ?? '',
						credential: process.env.TURN_CREDENTIAL ?? ''
					}
				]
			});
			if (!sdp.includes('typ relay')) throw new Error('no relay candidate gathered');
			await save('chrome-relay-offer', sdp);
		}
		await browser.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
