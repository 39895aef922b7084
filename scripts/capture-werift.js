// Captures a real offer and answer from werift (WebRTC in pure TypeScript, the Node peer the
// lab's remote tests use) into src/lib/core/sdp/fixtures/werift-*.sdp.
//
//   node scripts/capture-werift.js
//
// Two werift RTCPeerConnections in this process: one offers a data channel, an audio and a video
// transceiver, the other answers. Each SDP is taken after ICE gathering finished, so it carries
// werift's candidates. Files are written verbatim (werift's own line endings).
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RTCPeerConnection } from 'werift';

const outDir = join(
	dirname(fileURLToPath(import.meta.url)),
	'..',
	'src',
	'lib',
	'core',
	'sdp',
	'fixtures'
);

/** @param {RTCPeerConnection} pc */
async function gathered(pc) {
	if (pc.iceGatheringState === 'complete') return;
	await new Promise((resolve) => {
		const timer = setTimeout(resolve, 10000);
		pc.iceGatheringStateChange.subscribe((state) => {
			if (state === 'complete') {
				clearTimeout(timer);
				resolve(undefined);
			}
		});
	});
}

/** @param {string} name @param {string} sdp */
async function save(name, sdp) {
	if (!sdp) throw new Error(`empty SDP for ${name}`);
	await writeFile(join(outDir, `${name}.sdp`), sdp);
	console.log(`wrote ${name}.sdp (${sdp.split(/\r?\n/).length - 1} lines)`);
}

const offerer = new RTCPeerConnection();
const answerer = new RTCPeerConnection();
offerer.createDataChannel('chat');
offerer.addTransceiver('audio', { direction: 'sendrecv' });
offerer.addTransceiver('video', { direction: 'sendrecv' });

await offerer.setLocalDescription(await offerer.createOffer());
await gathered(offerer);
const offer = offerer.localDescription?.sdp ?? '';
await answerer.setRemoteDescription({ type: 'offer', sdp: offer });
await answerer.setLocalDescription(await answerer.createAnswer());
await gathered(answerer);
const answer = answerer.localDescription?.sdp ?? '';

await save('werift-offer', offer);
await save('werift-answer', answer);
await offerer.close();
await answerer.close();
process.exit(0);
