import { readFileSync } from 'node:fs';
import { WebSocket } from 'ws';
import { expect, test } from './fixtures';

// A hostile (or broken) peer in a remote room: this test joins the room first through the
// documented signaling protocol (docs/signaling.md), so it is the caller, and sends offers the
// browser must refuse. The lab in Chromium is the callee. Whatever the offer, the page stays
// responsive, calls setRemoteDescription once for it, and says which step failed and why.

const signalUrl = (baseURL: string | undefined) =>
	`${(baseURL ?? 'http://127.0.0.1:4173').replace(/^http/, 'ws')}/signal`;

/** A real Chromium data-channel offer (captured), as the base of the hostile ones. */
const offer = readFileSync('src/lib/core/sdp/fixtures/chrome-datachannel-offer.sdp', 'utf8')
	.split(/\r?\n/)
	.filter(Boolean);
const sdp = (lines: string[]) => `${lines.join('\r\n')}\r\n`;

const HOSTILE = [
	{
		// The SDP parser stops at a line that is not `<letter>=…`: Chromium rejects it at once.
		name: 'an offer with a line that does not parse',
		error: 'OperationError',
		said: 'Failed to parse SessionDescription. garbage line',
		sdp: sdp([...offer.slice(0, 3), 'garbage line', ...offer.slice(3)])
	},
	{
		// Every line parses, but an m-section without ice-ufrag/ice-pwd cannot be applied.
		name: 'an offer that parses but has no ICE credentials',
		error: 'InvalidAccessError',
		said: 'Failed to set remote offer sdp: Called with SDP without ice-ufrag and ice-pwd.',
		sdp: sdp(offer.filter((line) => !/^a=ice-(ufrag|pwd):/.test(line)))
	}
];

/** The hostile caller: raw JSON over a WebSocket, as any script would write it from the docs. */
async function hostileCaller(url: string, room: string) {
	const ws = new WebSocket(url);
	const received: { type: string; [key: string]: unknown }[] = [];
	ws.on('message', (data) => received.push(JSON.parse(String(data))));
	await new Promise((resolve, reject) => {
		ws.once('open', resolve);
		ws.once('error', reject);
	});
	ws.send(JSON.stringify({ type: 'join', room }));
	return {
		received,
		send: (message: object) => ws.send(JSON.stringify(message)),
		close: () => ws.close()
	};
}

for (const hostile of HOSTILE) {
	test(`a caller sending ${hostile.name} cannot freeze or loop the callee's page`, async ({
		page,
		baseURL
	}) => {
		// Every setRemoteDescription the page makes, counted before any of its scripts runs.
		await page.addInitScript(() => {
			const calls = { count: 0 };
			(window as unknown as { srdCalls: typeof calls }).srdCalls = calls;
			const original = RTCPeerConnection.prototype.setRemoteDescription;
			RTCPeerConnection.prototype.setRemoteDescription = function (
				this: RTCPeerConnection,
				...args: Parameters<typeof original>
			) {
				calls.count++;
				return original.apply(this, args);
			} as typeof original;
		});
		const srdCalls = () =>
			page.evaluate(() => (window as unknown as { srdCalls: { count: number } }).srdCalls.count);

		const room = `hostile-${test.info().workerIndex}-${Date.now().toString(36)}`;
		const caller = await hostileCaller(signalUrl(baseURL), room);
		try {
			await expect
				.poll(() => caller.received[0])
				.toMatchObject({ type: 'joined', role: 'caller', peers: [] });
			await page.goto(`/remote/${room}`);
			await expect(page.getByTestId('role')).toContainText('callee');
			await expect.poll(() => caller.received.some((m) => m.type === 'peer-joined')).toBe(true);
			caller.send({ type: 'offer', sdp: hostile.sdp });

			await page.getByLabel('Step delay').fill('0');
			await page.getByRole('button', { name: 'Run to connected' }).click();
			await expect(page.locator('.lab')).toHaveAttribute('data-state', 'failed');

			// The failure is stated: the step and its call, the browser's own words, what to do.
			const failure = page.getByTestId('lab-failure');
			await expect(failure).toContainText(
				'This step failed: await pc.setRemoteDescription(offer) (settingRemoteOffer)'
			);
			await expect(failure).toContainText(
				`The browser said: ${hostile.error}: Failed to execute 'setRemoteDescription' on 'RTCPeerConnection': ${hostile.said}`
			);
			await expect(failure).toContainText('refused the offer the other side sent');
			await expect(failure).toContainText('Press “Reset” to start again');
			// The refused offer is shown as text, as it arrived.
			await expect(failure.getByTestId('refused-sdp')).toHaveText(hostile.sdp.replaceAll('\r', ''));

			// The same offer again, then a bye: once the bye is shown, the offer was handled too
			// (one socket, in order). It was not tried a second time.
			caller.send({ type: 'offer', sdp: hostile.sdp });
			caller.send({ type: 'bye' });
			await expect(page.getByRole('status').filter({ hasText: 'hung up' })).toBeVisible();
			expect(await srdCalls()).toBe(1);
			await expect(page.locator('.lab')).toHaveAttribute('data-state', 'failed');

			// The page still answers: Reset takes it back to the start.
			await page.getByRole('button', { name: 'Reset' }).click();
			await expect(page.locator('.lab')).toHaveAttribute('data-state', 'idle');
			await expect(failure).toBeHidden();
			expect(await srdCalls()).toBe(1);
		} finally {
			caller.close();
		}
	});
}

test('a candidate that does not parse is refused and said; the call goes on', async ({
	page,
	baseURL
}) => {
	const room = `hostile-candidate-${test.info().workerIndex}-${Date.now().toString(36)}`;
	const caller = await hostileCaller(signalUrl(baseURL), room);
	try {
		await expect
			.poll(() => caller.received[0])
			.toMatchObject({ type: 'joined', role: 'caller', peers: [] });
		await page.goto(`/remote/${room}`);
		await expect(page.getByTestId('role')).toContainText('callee');
		await expect.poll(() => caller.received.some((m) => m.type === 'peer-joined')).toBe(true);
		// A well-formed offer, and a candidate that does not parse: it waits for the offer to be
		// applied, and addIceCandidate refuses it then.
		caller.send({ type: 'offer', sdp: sdp(offer) });
		caller.send({
			type: 'candidate',
			candidate: { candidate: 'candidate:garbage line', sdpMid: '0', sdpMLineIndex: 0 }
		});
		const next = page.getByRole('button', { name: 'Next step' });
		for (const state of ['peerCreated', 'offerReceived', 'remoteOfferSet']) {
			await next.click();
			await expect(page.locator('.lab')).toHaveAttribute('data-state', state);
		}
		await expect(
			page.getByRole('status').filter({ hasText: 'addIceCandidate refused a candidate' })
		).toContainText('candidate:garbage line');
		// Not a failure of the call: the lab answers the offer, and the page still responds.
		await expect(page.getByTestId('lab-failure')).toHaveCount(0);
		await page.getByRole('button', { name: 'Run to connected' }).click();
		await expect.poll(() => caller.received.some((m) => m.type === 'answer')).toBe(true);
		await expect(page.locator('.lab')).toHaveAttribute('data-state', 'iceChecking');
		await page.getByRole('button', { name: 'Reset' }).click();
		await expect(page.locator('.lab')).toHaveAttribute('data-state', 'idle');
	} finally {
		caller.close();
	}
});
