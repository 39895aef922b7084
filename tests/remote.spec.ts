import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { expect, showTab, test } from './fixtures';

/** A fresh browser context (like another laptop) on the room page, watched for console errors. */
async function openSide(browser: Browser, room: string, errors: string[]) {
	const context = await browser.newContext();
	const page = await context.newPage();
	page.on('console', (m) => {
		// The dropped-socket test closes the WebSocket on purpose; Chrome logs nothing for that.
		if (m.type() === 'error') errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(e.message));
	await page.goto(`/remote/${room}`);
	await expect(page.getByTestId('signaling-status')).toHaveText('connected, room joined');
	return page;
}

const lab = (page: Page) => page.locator('.lab');

async function runToConnected(page: Page) {
	await page.getByLabel('Step delay').fill('0');
	await page.getByRole('button', { name: 'Run to connected' }).click();
}

const uniqueRoom = (name: string) =>
	`${name}-${Date.now().toString(36)}-${test.info().workerIndex}`;

test('/remote creates a room with an unguessable id and shows its link and QR code', async ({
	page
}) => {
	await page.goto('/remote');
	await page.getByRole('button', { name: 'Create room' }).click();
	await expect(page).toHaveURL(/\/remote\/[A-Za-z0-9_-]{16,}$/);
	await expect(page.getByTestId('join-link')).toHaveText(page.url());
	// Served on 127.0.0.1 only: the page says the link cannot work on another device.
	await expect(page.getByTestId('join-local-only')).toContainText('only on this computer');
	await expect(page.getByRole('img', { name: 'QR code of the join link' })).toBeVisible();
	await expect(page.getByTestId('role')).toContainText('caller');
});

test('a typed room id must be valid', async ({ page }) => {
	await page.goto('/remote');
	await page.getByLabel('Room id').fill('not a room!');
	await page.getByRole('button', { name: 'Join room' }).click();
	await expect(page.getByRole('alert')).toContainText('1–64 characters');
	// A pasted join link is understood too.
	await page.getByLabel('Room id').fill('http://192.168.1.23:3000/remote/table-3');
	await page.getByRole('button', { name: 'Join room' }).click();
	await expect(page).toHaveURL(/\/remote\/table-3$/);
});

test('two browsers connect through the signaling server and chat both ways', async ({
	browser
}) => {
	const errors: string[] = [];
	const room = uniqueRoom('chat');
	const caller = await openSide(browser, room, errors);
	await expect(caller.getByTestId('role')).toContainText('caller');
	const callee = await openSide(browser, room, errors);
	await expect(callee.getByTestId('role')).toContainText('callee');
	await expect(caller.getByTestId('remote-presence')).toHaveText('in the room');

	// The callee's step that needs the other side says so.
	await callee.getByRole('button', { name: 'Next step' }).click();
	await callee.getByRole('button', { name: 'Next step' }).click();
	await expect(lab(callee)).toHaveAttribute('data-state', 'waitingForOffer');
	await expect(callee.getByTestId('waiting')).toContainText("Waiting for the caller's offer");

	await runToConnected(caller);
	await runToConnected(callee);
	for (const page of [caller, callee]) {
		await expect(lab(page)).toHaveAttribute('data-state', 'connected');
		await showTab(page, 'You');
		await expect(
			page.getByRole('region', { name: 'You', exact: true }).getByTestId('connectionState')
		).toHaveText('connected');
	}

	await showTab(caller, 'Chat');
	await caller.getByLabel('Message from You').fill('hello from the caller');
	await caller.getByRole('button', { name: 'Send from You' }).click();
	await showTab(callee, 'Chat');
	await callee.getByLabel('Message from You').fill('hello from the callee');
	await callee.getByRole('button', { name: 'Send from You' }).click();
	await expect(callee.getByRole('list', { name: 'Chat messages' })).toContainText(
		'hello from the caller'
	);
	await showTab(caller, 'Chat');
	await expect(caller.getByRole('list', { name: 'Chat messages' })).toContainText(
		'hello from the callee'
	);

	// The diagram has three lanes and shows the messages that crossed the server.
	await showTab(caller, 'Sequence');
	const sequence = caller.getByRole('img', {
		name: 'Messages through the signaling server so far'
	});
	await expect(sequence).toContainText('Signaling server');
	await expect(sequence).toContainText('offer (SDP)');
	await expect(sequence).toContainText('answer (SDP)');
	// Presence crosses the server too: join / joined, peer-joined, and on hang-up bye and peer-left.
	await expect(sequence).toContainText('joined (caller)');
	await expect(sequence).toContainText('peer-joined');
	await callee.getByRole('button', { name: 'Hang up' }).click();
	await expect(sequence).toContainText('bye');
	await callee.close();
	await expect(caller.getByTestId('remote-presence')).toHaveText('not here yet');
	await expect(sequence).toContainText('peer-left');
	expect(errors).toEqual([]);
});

test('a caller that starts alone holds its candidates until the callee arrives; relay-only still connects', async ({
	browser
}) => {
	const errors: string[] = [];
	const room = uniqueRoom('early');
	const caller = await openSide(browser, room, errors);
	await caller.getByLabel('Network conditions').selectOption('relay-only');
	await runToConnected(caller);
	await expect(lab(caller)).toHaveAttribute('data-state', 'sendingOffer');
	await showTab(caller, 'Sequence');
	const sequence = caller.getByRole('img', {
		name: 'Messages through the signaling server so far'
	});
	// Gathered candidates wait, drawn as held, never as delivered.
	await expect(sequence).toContainText('held, not sent (no remote peer in the room yet)');
	const callee = await openSide(browser, room, errors);
	await callee.getByLabel('Network conditions').selectOption('relay-only');
	await runToConnected(callee);
	for (const page of [caller, callee]) {
		await expect(lab(page)).toHaveAttribute('data-state', 'connected');
		await expect(page.getByTestId('stats-A').getByTestId('local-type')).toContainText('relay');
		await expect(page.getByRole('alert')).toHaveCount(0);
	}
	await expect(sequence).toContainText('(was held)');
	expect(errors).toEqual([]);
});

test('audio + video through the server shows the remote video', async ({ browser }) => {
	const errors: string[] = [];
	const room = uniqueRoom('video');
	const caller = await openSide(browser, room, errors);
	const callee = await openSide(browser, room, errors);
	for (const page of [caller, callee]) await page.getByLabel('Audio + video').check();
	await runToConnected(caller);
	await runToConnected(callee);
	for (const page of [caller, callee]) {
		await expect(lab(page)).toHaveAttribute('data-state', 'connected');
		await showTab(page, 'You');
		await expect
			.poll(() =>
				page
					.getByRole('region', { name: 'You', exact: true })
					.getByTestId('remote-video')
					.evaluate((v: HTMLVideoElement) => v.videoWidth)
			)
			.toBeGreaterThan(0);
	}
	expect(errors).toEqual([]);
});

test('a dropped signaling connection reconnects and rejoins the room', async ({ browser }) => {
	const errors: string[] = [];
	const room = uniqueRoom('drop');
	const caller = await openSide(browser, room, errors);
	const callee = await openSide(browser, room, errors);
	await callee.getByRole('button', { name: 'Drop signaling connection' }).click();
	// The drop is announced while it lasts ("reconnecting in …") and after it ("reconnected").
	await expect(callee.getByText(/Signaling reconnected \(attempt \d+\)/)).toBeVisible();
	await expect(callee.getByTestId('signaling-status')).toHaveText('connected, room joined');
	await expect(callee.getByTestId('role')).toContainText('callee');
	// Still usable after the rejoin: the two sides connect.
	await runToConnected(caller);
	await runToConnected(callee);
	await expect(lab(caller)).toHaveAttribute('data-state', 'connected');
	await expect(lab(callee)).toHaveAttribute('data-state', 'connected');
});

test('a third browser gets "room full" on screen', async ({ browser }) => {
	const errors: string[] = [];
	const room = uniqueRoom('full');
	await openSide(browser, room, errors);
	await openSide(browser, room, errors);
	const context = await browser.newContext();
	const third = await context.newPage();
	await third.goto(`/remote/${room}`);
	await expect(third.getByRole('alert')).toContainText('room-full');
	await expect(third.getByRole('alert')).toContainText('already holds two peers');
	await expect(third.getByTestId('signaling-status')).toContainText('closed');
});

test('two tabs of one browser pair without the server (BroadcastChannel) and chat', async ({
	browser
}) => {
	const context = await browser.newContext();
	const room = uniqueRoom('tabs');
	const [first, second] = [await context.newPage(), await context.newPage()];
	await first.goto(`/remote/${room}?via=broadcast`);
	await expect(first.getByTestId('signaling-status')).toHaveText(
		'paired with tabs of this browser'
	);
	await expect(first.getByTestId('role')).toContainText('caller');
	await second.goto(`/remote/${room}?via=broadcast`);
	await expect(second.getByTestId('role')).toContainText('callee');
	await expect(first.getByTestId('remote-presence')).toHaveText('in the room');
	await runToConnected(second);
	await runToConnected(first);
	await expect(lab(first)).toHaveAttribute('data-state', 'connected');
	await expect(lab(second)).toHaveAttribute('data-state', 'connected');
	await showTab(first, 'Chat');
	await first.getByLabel('Message from You').fill('no server needed');
	await first.getByRole('button', { name: 'Send from You' }).click();
	await showTab(second, 'Chat');
	await expect(second.getByRole('list', { name: 'Chat messages' })).toContainText(
		'no server needed'
	);
	await context.close();
});

test('tabs mode: reloading the caller tab renegotiates the roles, and the two tabs connect again', async ({
	browser
}) => {
	const context = await browser.newContext();
	const room = uniqueRoom('reload');
	const [first, second] = [await context.newPage(), await context.newPage()];
	await first.goto(`/remote/${room}?via=broadcast`);
	await expect(first.getByTestId('role')).toContainText('caller');
	await second.goto(`/remote/${room}?via=broadcast`);
	await expect(second.getByTestId('role')).toContainText('callee');
	await runToConnected(second);
	await runToConnected(first);
	for (const page of [first, second])
		await expect(lab(page)).toHaveAttribute('data-state', 'connected');

	await first.reload();
	// The tab that stayed takes the caller seat; the reloaded one comes back as the callee.
	await expect(first.getByTestId('role')).toContainText('callee');
	await expect(second.getByTestId('role')).toContainText('caller');
	await expect(second.getByText(/started afresh as the caller/)).toBeVisible();
	await expect(lab(second)).toHaveAttribute('data-state', 'idle');
	await runToConnected(first);
	await runToConnected(second);
	for (const page of [first, second])
		await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	await showTab(second, 'Chat');
	await second.getByLabel('Message from You').fill('after the reload');
	await second.getByRole('button', { name: 'Send from You' }).click();
	await showTab(first, 'Chat');
	await expect(first.getByRole('list', { name: 'Chat messages' })).toContainText(
		'after the reload'
	);
	await context.close();
});

test('Network conditions work in the remote lab: "Relay only" on both sides connects through TURN', async ({
	browser
}) => {
	const errors: string[] = [];
	const room = uniqueRoom('relay');
	const caller = await openSide(browser, room, errors);
	const callee = await openSide(browser, room, errors);
	for (const page of [caller, callee]) {
		await expect(page.getByText("This lab's STUN/TURN servers did not answer")).toHaveCount(0);
		await page.getByLabel('Network conditions').selectOption('relay-only');
	}
	await runToConnected(caller);
	await runToConnected(callee);
	for (const page of [caller, callee]) {
		await expect(lab(page)).toHaveAttribute('data-state', 'connected');
		const row = page.getByTestId('stats-A');
		await expect(row.getByTestId('local-type')).toContainText('relay');
	}
	expect(errors).toEqual([]);
});

test('the remote lab has no serious accessibility violations, waiting and connected', async ({
	browser
}) => {
	// axe walks the whole page: seconds per run, more on a busy machine.
	test.slow();
	const errors: string[] = [];
	const room = uniqueRoom('axe');
	const caller = await openSide(browser, room, errors);
	const serious = async () =>
		(await new AxeBuilder({ page: caller }).analyze()).violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(await serious()).toEqual([]);
	const callee = await openSide(browser, room, errors);
	await runToConnected(caller);
	await runToConnected(callee);
	await expect(lab(caller)).toHaveAttribute('data-state', 'connected');
	expect(await serious()).toEqual([]);
	expect(errors).toEqual([]);
});

test('"Force TURN now" on the caller: relay-only restart through the server, the call stays up', async ({
	browser
}) => {
	const errors: string[] = [];
	const room = uniqueRoom('force');
	const caller = await openSide(browser, room, errors);
	const callee = await openSide(browser, room, errors);
	for (const page of [caller, callee])
		await expect(page.getByText("This lab's STUN/TURN servers did not answer")).toHaveCount(0);
	await runToConnected(caller);
	await runToConnected(callee);
	for (const page of [caller, callee])
		await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	await expect(callee.getByRole('button', { name: 'Force TURN now' })).toHaveCount(0);
	await caller.getByRole('button', { name: 'Force TURN now' }).click();
	// The callee takes the renegotiation step by step like any other: here, all at once.
	await expect(lab(callee)).toHaveAttribute('data-state', 'remoteOfferSet');
	await callee.getByRole('button', { name: 'Run to connected' }).click();
	await expect(lab(caller)).toHaveAttribute('data-state', 'answerReceived');
	await caller.getByRole('button', { name: 'Run to connected' }).click();
	await showTab(caller, 'You');
	await expect(caller.getByRole('table', { name: 'Candidates of You' })).toContainText('relay');
	for (const page of [caller, callee])
		await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	// Chromium keeps the pair that already works, and the page says so.
	await expect(caller.getByTestId('forced-turn-kept')).toContainText('keeps carrying data');
	await showTab(caller, 'Chat');
	await caller.getByLabel('Message from You').fill('after forcing TURN');
	await caller.getByRole('button', { name: 'Send from You' }).click();
	await showTab(callee, 'Chat');
	await expect(callee.getByRole('list', { name: 'Chat messages' })).toContainText(
		'after forcing TURN'
	);
	expect(errors).toEqual([]);
});
