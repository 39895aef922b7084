import type { Browser, Page, WebSocketRoute } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { expect, showTab, test, textHeights } from './fixtures';

// The remote room as a class sees it (issue 13): each laptop labels its own video "You" and the
// other's as the remote peer (never "Peer A" on both), a dropped signaling connection shows a
// banner for as long as it lasts, and the sequence diagram's text stays readable.

const uniqueRoom = (name: string) =>
	`${name}-${Date.now().toString(36)}-${test.info().workerIndex}`;

/** Another laptop: a fresh browser context on the room page, its signaling socket in our hands. */
async function openSide(browser: Browser, room: string, projector = false) {
	const context = await browser.newContext();
	const page = await context.newPage();
	await page.addInitScript(
		(value) => localStorage.setItem('webrtc-lab.projector.v1', value),
		projector ? 'on' : 'off'
	);
	// While `cut` is set, new signaling sockets are refused (the proxy closes them at once).
	const link = { cut: false };
	await page.routeWebSocket(/\/signal$/, (ws: WebSocketRoute) => {
		if (link.cut) void ws.close({ code: 1011, reason: 'cut by the test' });
		else ws.connectToServer();
	});
	await page.goto(`/remote/${room}`);
	await expect(page.getByTestId('signaling-status')).toHaveText('connected, room joined');
	return { page, link };
}

/** Both sides run to "connected" (the caller waits for the callee's answer). */
async function runToConnected(...pages: Page[]) {
	for (const page of pages) {
		await page.getByLabel('Step delay').fill('0');
		await page.getByRole('button', { name: 'Run to connected' }).click();
	}
	for (const page of pages)
		await expect(page.locator('.lab')).toHaveAttribute('data-state', 'connected');
}

test('each side labels its own video "You" and the other side\'s as the remote peer', async ({
	browser
}) => {
	const room = uniqueRoom('labels');
	const caller = await openSide(browser, room);
	const callee = await openSide(browser, room);
	for (const { page } of [caller, callee]) await page.getByLabel('Audio + video').check();
	await runToConnected(caller.page, callee.page);
	for (const [side, us, them] of [
		[caller.page, 'caller', 'callee'],
		[callee.page, 'callee', 'caller']
	] as const) {
		await showTab(side, 'You');
		await expect(side.getByLabel(`You (${us}): video sent`, { exact: true })).toBeVisible();
		await expect(
			side.getByLabel(`Remote peer (${them}): video received`, { exact: true })
		).toBeVisible();
		await expect(side.getByText(/Peer A/)).toHaveCount(0);
	}
});

test('a dropped signaling connection shows a banner until the socket is back', async ({
	browser
}) => {
	const room = uniqueRoom('banner');
	await openSide(browser, room);
	const callee = await openSide(browser, room);
	const banner = callee.page
		.getByRole('status')
		.filter({ hasText: 'Signaling connection lost — reconnecting' });
	await expect(banner).toHaveCount(0);
	callee.link.cut = true;
	await callee.page.getByRole('button', { name: 'Drop signaling connection' }).click();
	// Refused reconnects keep it down: the banner stays, with the attempt it is at.
	await expect(banner).toBeVisible();
	await expect(banner).toContainText(/attempt \d+/);
	await expect(callee.page.getByTestId('signaling-status')).toContainText(
		'reconnecting (attempt 3)',
		{
			timeout: 20_000
		}
	);
	await expect(banner).toBeVisible();
	callee.link.cut = false;
	await expect(callee.page.getByTestId('signaling-status')).toHaveText('connected, room joined', {
		timeout: 20_000
	});
	await expect(banner).toHaveCount(0);
});

for (const projector of [false, true]) {
	const min = projector ? 18 : 12;
	test(`the room's sequence diagram keeps its text ≥ ${min} px (Projector ${projector ? 'on' : 'off'})`, async ({
		browser
	}) => {
		const room = uniqueRoom('diagram');
		const caller = await openSide(browser, room, projector);
		const callee = await openSide(browser, room, projector);
		await caller.page.setViewportSize({ width: 1280, height: 720 });
		await runToConnected(caller.page, callee.page);
		await showTab(caller.page, 'Sequence');
		const section = caller.page.locator('section[aria-labelledby="sequence-heading"]');
		await section.scrollIntoViewIfNeeded();
		await expect(section.locator('.messageText').last()).toBeAttached();
		// Drawn at its own size in a box that scrolls (as in the loopback lab), not shrunk to fit.
		await expect(section.locator('svg.natural')).toBeAttached();
		const small = (await textHeights(section.locator('svg text'))).filter((t) => t.height < min);
		expect(small, `sequence text smaller than ${min} px`).toEqual([]);
	});
}

// The same rendering for /stats: an imported dump's event log at natural size, text ≥ 12 px.
test('the /stats event-log diagram keeps its text ≥ 12 px at natural size', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 720 });
	await page.goto('/stats');
	const input = page.getByLabel('Import a webrtc-internals dump');
	await expect(input).toBeEnabled();
	await input.setInputFiles(
		fileURLToPath(
			new URL('../src/lib/core/stats/fixtures/webrtc-internals-dump.json', import.meta.url)
		)
	);
	const diagram = page
		.getByRole('region', { name: 'Connection 4242-1', exact: true })
		.getByRole('img', { name: /Sequence of API calls and events/ });
	await expect(diagram.locator('svg.natural')).toBeAttached();
	await expect(diagram.locator('.messageText').last()).toBeAttached();
	const small = (await textHeights(diagram.locator('svg text'))).filter((t) => t.height < 12);
	expect(small, 'sequence text smaller than 12 px').toEqual([]);
});

test('the room has the same timeline: a past moment in every panel while the call runs on, then back to live', async ({
	browser
}) => {
	const room = uniqueRoom('timeline');
	const caller = await openSide(browser, room);
	const callee = await openSide(browser, room);
	// With a step delay the run rests in every step's state (at 0 it races through them).
	for (const side of [caller.page, callee.page]) {
		await side.getByLabel('Step delay').fill('50');
		await side.getByRole('button', { name: 'Run to connected' }).click();
	}
	for (const side of [caller.page, callee.page])
		await expect(side.locator('.lab')).toHaveAttribute('data-state', 'connected');
	const page = caller.page;
	const lab = page.locator('.lab');
	await showTab(page, 'SDP');
	await expect(page.getByRole('heading', { name: /^Answer \(received\)/ })).toBeVisible();
	// Back, moment by moment, until the offer was created: the caller's answer is not there yet.
	await page.getByRole('heading', { level: 1 }).click();
	const moment = page.getByTestId('timeline-moment');
	for (
		let i = 0;
		i < 200 && !/· offerCreated$/.test(((await moment.textContent()) ?? '').trim());
		i++
	)
		await page.keyboard.press('ArrowLeft');
	await expect(moment).toContainText('offerCreated');
	await expect(lab).not.toHaveAttribute('data-shown', 'live');
	await expect(lab).toHaveAttribute('data-state', 'connected');
	await expect(page.getByRole('heading', { name: /^Offer \(yours\)/ })).toBeVisible();
	await expect(page.getByRole('heading', { name: /^Answer \(received\)/ })).toHaveCount(0);
	await page.getByRole('button', { name: /Back to live/ }).click();
	await expect(lab).toHaveAttribute('data-shown', 'live');
	await expect(page.getByRole('heading', { name: /^Answer \(received\)/ })).toBeVisible();
	await callee.page.context().close();
	await page.context().close();
});

test("stepping by hand, the callee's stage shows its last step at once while it waits for the caller", async ({
	browser
}) => {
	const room = uniqueRoom('by-hand');
	const caller = await openSide(browser, room);
	const callee = await openSide(browser, room);
	/** "Next step" until the side rests in `state` (each click waits for the button to be usable). */
	async function stepTo(page: Page, state: string) {
		const lab = page.locator('.lab');
		const next = page.getByRole('button', { name: 'Next step' });
		for (let i = 0; i < 12 && (await lab.getAttribute('data-state')) !== state; i++) {
			await expect(next).toBeEnabled();
			await next.click();
		}
		await expect(lab).toHaveAttribute('data-state', state);
	}
	await stepTo(caller.page, 'waitingForAnswer');
	// The callee answers; the caller never applies the answer, so the callee's checks wait.
	await stepTo(callee.page, 'iceChecking');
	const stage = callee.page.getByTestId('step-changes');
	await expect(stage).toHaveAttribute('data-changes-for', 'iceChecking');
	await expect(caller.page.locator('.lab')).toHaveAttribute('data-state', 'answerReceived');
	await expect(callee.page.locator('.lab')).toHaveAttribute('data-state', 'iceChecking');
	await callee.page.context().close();
	await caller.page.context().close();
});
