import { RTCPeerConnection, type RTCDataChannel } from 'werift';
import { WebSocket } from 'ws';
import { startNodePeer } from '../src/lib/peers/node-peer';
import { expect, showTab, test } from './fixtures';

// A WebRTC peer that is not a browser (werift, pure TypeScript, in this Node process) joins a
// room through the documented signaling protocol, and the lab in Chromium connects to it.

const signalUrl = (baseURL: string | undefined) =>
	`${(baseURL ?? 'http://127.0.0.1:4173').replace(/^http/, 'ws')}/signal`;

test('a non-browser peer answers the lab and exchanges data-channel messages', async ({
	page,
	baseURL
}) => {
	const room = `node-${Date.now().toString(36)}`;
	await page.goto(`/remote/${room}`);
	await expect(page.getByTestId('role')).toContainText('caller');

	const nodePeer = await startNodePeer({ url: signalUrl(baseURL), room });
	try {
		expect(nodePeer.role).toBe('callee');
		await expect(page.getByTestId('remote-presence')).toHaveText('in the room');
		await page.getByLabel('Step delay').fill('0');
		await page.getByRole('button', { name: 'Run to connected' }).click();
		await expect(page.locator('.lab')).toHaveAttribute('data-state', 'connected');
		await nodePeer.waitForOpen(10_000);

		await showTab(page, 'Chat');
		await page.getByLabel('Message from You').fill('hello, werift');
		await page.getByRole('button', { name: 'Send from You' }).click();
		expect(await nodePeer.waitForMessage('hello, werift', 10_000)).toBe('hello, werift');
		// The Node peer echoes: the reply crosses back to the browser.
		await expect(page.getByRole('list', { name: 'Chat messages' })).toContainText(
			'echo: hello, werift'
		);

		// "Restart ICE" sends a second offer: the Node peer renegotiates the same connection.
		await page.getByRole('button', { name: 'Restart ICE' }).click();
		await expect(page.locator('.lab')).toHaveAttribute('data-state', 'answerReceived');
		await page.getByRole('button', { name: 'Run to connected' }).click();
		await expect(page.locator('.lab')).toHaveAttribute('data-state', 'connected');
		expect(nodePeer.signals.filter((m) => m.type === 'offer')).toHaveLength(2);
		await page.getByLabel('Message from You').fill('after the restart');
		await page.getByRole('button', { name: 'Send from You' }).click();
		// Each direction on its own, so a failure says which one broke.
		expect(await nodePeer.waitForMessage('after the restart', 15_000)).toBe('after the restart');
		await expect(page.getByRole('list', { name: 'Chat messages' })).toContainText(
			'echo: after the restart',
			{ timeout: 15_000 }
		);
	} finally {
		await nodePeer.close();
	}
});

/**
 * A peer written from docs/signaling.md alone: raw JSON over `ws`, werift for WebRTC, none of the
 * project's own client code or schemas. It joins first, so it is the caller, and offers a data
 * channel when the lab arrives.
 */
function documentedCaller(url: string, room: string) {
	const ws = new WebSocket(url);
	const pc = new RTCPeerConnection({ iceServers: [] });
	const received: { type: string; [key: string]: unknown }[] = [];
	const texts: string[] = [];
	let channel: RTCDataChannel | null = null;
	const send = (message: object) => ws.send(JSON.stringify(message));
	pc.onIceCandidate.subscribe((candidate) => {
		const init = candidate?.toJSON();
		// Browsers want the `candidate:` prefix, which werift leaves out (see the docs).
		send({
			type: 'candidate',
			candidate: init
				? {
						candidate: init.candidate.startsWith('candidate:')
							? init.candidate
							: `candidate:${init.candidate}`,
						sdpMid: init.sdpMid ?? null,
						sdpMLineIndex: init.sdpMLineIndex ?? null
					}
				: null
		});
	});
	async function offer() {
		channel = pc.createDataChannel('chat');
		channel.onMessage.subscribe((data) => texts.push(String(data)));
		await pc.setLocalDescription(await pc.createOffer());
		send({ type: 'offer', sdp: pc.localDescription!.sdp });
	}
	const remoteCandidates: { candidate: string; sdpMid?: string; sdpMLineIndex?: number }[] = [];
	ws.on('open', () => send({ type: 'join', room }));
	ws.on('message', async (data) => {
		const message = JSON.parse(String(data));
		received.push(message);
		if (message.type === 'peer-joined') await offer();
		if (message.type === 'answer')
			await pc.setRemoteDescription({ type: 'answer', sdp: message.sdp });
		if (message.type === 'candidate' && message.candidate?.candidate)
			remoteCandidates.push(message.candidate);
		if (pc.remoteDescription)
			for (const c of remoteCandidates.splice(0))
				await pc.addIceCandidate({
					candidate: c.candidate,
					sdpMid: c.sdpMid ?? undefined,
					sdpMLineIndex: c.sdpMLineIndex ?? undefined
				});
	});
	return {
		received,
		texts,
		send: (text: string) => channel?.send(text),
		open: () => channel?.readyState === 'open',
		close: async () => {
			ws.close();
			await pc.close();
		}
	};
}

test('a peer written from the documentation alone calls the lab (the lab answers)', async ({
	page,
	baseURL
}) => {
	const room = `docs-${Date.now().toString(36)}`;
	const script = documentedCaller(signalUrl(baseURL), room);
	try {
		await expect
			.poll(() => script.received[0])
			.toMatchObject({ type: 'joined', role: 'caller', peers: [] });
		await page.goto(`/remote/${room}`);
		await expect(page.getByTestId('role')).toContainText('callee');
		await page.getByLabel('Step delay').fill('0');
		await page.getByRole('button', { name: 'Run to connected' }).click();
		await expect(page.locator('.lab')).toHaveAttribute('data-state', 'connected');
		await expect.poll(() => script.open()).toBe(true);
		script.send('hello from a documented script');
		await showTab(page, 'Chat');
		await showTab(page, 'Chat');
		await expect(page.getByRole('list', { name: 'Chat messages' })).toContainText(
			'hello from a documented script'
		);
		await page.getByLabel('Message from You').fill('hello back');
		await page.getByRole('button', { name: 'Send from You' }).click();
		await expect.poll(() => script.texts).toContain('hello back');
		// What the docs promise arrived: peer-joined, the lab's answer and candidates, all `from` it.
		const types = script.received.map((m) => m.type);
		expect(types.slice(0, 2)).toEqual(['joined', 'peer-joined']);
		expect(types).toContain('answer');
		const labId = script.received[1]!.peerId;
		expect(script.received.filter((m) => m.type === 'answer')[0]!.from).toBe(labId);
	} finally {
		await script.close();
	}
});
