import { startNodePeer } from '../src/lib/server/node-peer';
import { expect, test } from './fixtures';

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

		await page.getByLabel('Message from You').fill('hello, werift');
		await page.getByRole('button', { name: 'Send from You' }).click();
		expect(await nodePeer.waitForMessage('hello, werift', 10_000)).toBe('hello, werift');
		// The Node peer echoes: the reply crosses back to the browser.
		await expect(page.getByRole('list', { name: 'Chat messages' })).toContainText(
			'echo: hello, werift'
		);
	} finally {
		await nodePeer.close();
	}
});
