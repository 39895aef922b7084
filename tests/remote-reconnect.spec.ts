import type { Browser, Page } from '@playwright/test';
import { expect, showTab, test } from './fixtures';
import { startRouter, startSignalProcess } from './signal-proxy';

// Real failures between the remote lab and its signaling server, not the page's own "Drop"
// button: the server process is SIGKILLed and started again, and a connection goes silent and
// then dies without a close frame (a phone leaving Wi-Fi). The pages load through a TCP router
// (tests/signal-proxy.ts) that sends `/signal` to a signaling server in its own process.
// Ports 4630–4699 are this suite's.

const PORTS = {
	killSignal: 4630,
	killRouter: 4631,
	dropSignal: 4632,
	dropCaller: 4633,
	dropCallee: 4634
};

/** Chrome logs a failed WebSocket handshake while the server is down: expected here, nothing else. */
const unexpected = (errors: string[]) =>
	errors.filter((e) => !/WebSocket connection to '.*\/signal' failed/.test(e));

async function openSide(browser: Browser, url: string, errors: string[]) {
	const context = await browser.newContext();
	const page = await context.newPage();
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(e.message));
	await page.goto(url);
	await expect(page.getByTestId('signaling-status')).toHaveText('connected, room joined');
	await page.getByLabel('Step delay').fill('0');
	return page;
}

const lab = (page: Page) => page.locator('.lab');
const run = (page: Page) => page.getByRole('button', { name: 'Run to connected' }).click();
const uniqueRoom = (name: string) => `${name}-${Date.now().toString(36)}`;
const sitePort = (baseURL: string | undefined) =>
	Number(new URL(baseURL ?? 'http://127.0.0.1:4173').port);

async function chat(from: Page, to: Page, text: string) {
	await showTab(from, 'Chat');
	await from.getByLabel('Message from You').fill(text);
	await from.getByRole('button', { name: 'Send from You' }).click();
	await showTab(to, 'Chat');
	await expect(to.getByRole('list', { name: 'Chat messages' })).toContainText(text);
}

test('the signaling server is killed during a call and restarted: both rejoin in their roles, chat goes on, an ICE restart crosses the new server', async ({
	browser,
	baseURL
}) => {
	test.slow();
	const errors: string[] = [];
	const signal = await startSignalProcess(PORTS.killSignal);
	const router = await startRouter(PORTS.killRouter, sitePort(baseURL), PORTS.killSignal);
	try {
		const url = `http://127.0.0.1:${PORTS.killRouter}/remote/${uniqueRoom('kill')}`;
		const caller = await openSide(browser, url, errors);
		const callee = await openSide(browser, url, errors);
		await expect(caller.getByTestId('role')).toContainText('caller');
		await expect(callee.getByTestId('role')).toContainText('callee');
		await run(caller);
		await run(callee);
		for (const page of [caller, callee])
			await expect(lab(page)).toHaveAttribute('data-state', 'connected');

		await signal.kill();
		for (const page of [caller, callee]) {
			await expect(page.getByTestId('signaling-status')).toContainText('reconnecting');
			await expect(page.getByText(/The signaling connection dropped/)).toBeVisible();
		}
		// The call itself does not need the server: chat still crosses while it is down.
		await chat(caller, callee, 'while the server is down');

		await signal.restart();
		for (const page of [caller, callee]) {
			await expect(page.getByTestId('signaling-status')).toHaveText('connected, room joined', {
				timeout: 20_000
			});
			await expect(page.getByText(/Signaling reconnected \(attempt \d+\)/)).toBeVisible();
			await expect(page.getByTestId('remote-presence')).toHaveText('in the room');
		}
		// Whoever came back first, the roles are the ones the call started with.
		await expect(caller.getByTestId('role')).toContainText('caller');
		await expect(callee.getByTestId('role')).toContainText('callee');
		await chat(callee, caller, 'after the restart');

		// A later step through the new server: an ICE restart, taken step by step by the callee.
		await caller.getByRole('button', { name: 'Restart ICE' }).click();
		await expect(lab(callee)).toHaveAttribute('data-state', 'remoteOfferSet');
		await run(callee);
		await expect(lab(caller)).toHaveAttribute('data-state', 'answerReceived');
		await run(caller);
		for (const page of [caller, callee])
			await expect(lab(page)).toHaveAttribute('data-state', 'connected');
		await chat(caller, callee, 'after the ICE restart');
		expect(unexpected(errors)).toEqual([]);
	} finally {
		await router.close();
		await signal.kill();
	}
});

test('a connection that goes silent and dies without a close frame: the caller takes its seat back and the lost answer is sent again', async ({
	browser,
	baseURL
}) => {
	test.slow();
	const errors: string[] = [];
	const signal = await startSignalProcess(PORTS.dropSignal);
	const viaCaller = await startRouter(PORTS.dropCaller, sitePort(baseURL), PORTS.dropSignal);
	const viaCallee = await startRouter(PORTS.dropCallee, sitePort(baseURL), PORTS.dropSignal);
	try {
		const room = uniqueRoom('silent');
		const caller = await openSide(
			browser,
			`http://127.0.0.1:${PORTS.dropCaller}/remote/${room}`,
			errors
		);
		const callee = await openSide(
			browser,
			`http://127.0.0.1:${PORTS.dropCallee}/remote/${room}`,
			errors
		);
		await run(caller);
		await expect(lab(caller)).toHaveAttribute('data-state', 'waitingForAnswer');
		// The callee has the offer (two steps: create the peer, then it is waiting and the offer is in).
		await callee.getByRole('button', { name: 'Next step' }).click();
		await callee.getByRole('button', { name: 'Next step' }).click();
		await expect(lab(callee)).toHaveAttribute('data-state', 'offerReceived');

		// The caller's link goes dead: its socket stays "open", nothing gets through.
		viaCaller.freezeSignaling();
		await run(callee);
		// The answer went to the server and on into the dead link: the callee cannot finish.
		await expect(lab(callee)).toHaveAttribute('data-state', 'iceChecking');
		await expect(lab(caller)).toHaveAttribute('data-state', 'waitingForAnswer');

		// Then the link dies for good, without a close frame; the server still holds the seat.
		viaCaller.cutSignaling();
		await expect(
			caller.getByText(
				/Signaling reconnected \(attempt \d+\) and joined the room again as the caller, in the same seat/
			)
		).toBeVisible();
		await expect(caller.getByRole('alert')).toHaveCount(0);
		await expect(
			callee.getByText(/so this page sent its answer and \d+ candidates? again/)
		).toBeVisible();
		for (const page of [caller, callee])
			await expect(lab(page)).toHaveAttribute('data-state', 'connected');
		await expect(caller.getByTestId('role')).toContainText('caller');
		await expect(callee.getByTestId('role')).toContainText('callee');
		await showTab(callee, 'Sequence');
		const diagram = callee.getByRole('img', {
			name: 'Messages through the signaling server so far'
		});
		await expect(diagram).toContainText('answer (SDP) (sent again)');
		await expect(diagram).toContainText('peer-left');
		await expect(diagram).toContainText('peer-joined (same seat)');
		await chat(caller, callee, 'back in the same seat');
		await chat(callee, caller, 'and heard');
		expect(unexpected(errors)).toEqual([]);
	} finally {
		await viaCaller.close();
		await viaCallee.close();
		await signal.kill();
	}
});
