// Time travel through an imported dump (/stats): the event log of the dump Chromium really saved
// (scripts/capture-dumps.js) is a timeline; scrubbed back to the offer, the connection shows the
// offer but not yet the answer, its states as they were, and "Back to live" shows the whole dump.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const fixture = (name: string) =>
	fileURLToPath(new URL(`../src/lib/core/stats/fixtures/${name}`, import.meta.url));

async function importDump(page: Page, name: string) {
	await page.goto('/stats');
	const input = page.locator('input[type="file"]');
	await expect(input).toBeEnabled();
	await input.setInputFiles(fixture(name));
	return page
		.getByTestId('connection')
		.filter({ has: page.getByRole('heading', { level: 2, name: /8-1$/ }) });
}

for (const name of ['chromium-internals-dump.txt', 'chromium-rtcstats-dump']) {
	test(`scrubbing an imported dump's timeline back to the offer and back to live: ${name}`, async ({
		page
	}) => {
		await page.setViewportSize({ width: 1280, height: 720 });
		// The offerer: createOffer, its answer set with setRemoteDescription.
		const connection = await importDump(page, name);
		const timeline = connection.getByRole('slider', { name: 'Timeline' });
		const moment = connection.getByTestId('timeline-moment');
		const sdps = connection.locator('details.sdp > summary');
		const state = (name: string) =>
			connection.getByTestId('dump-states').locator(`[data-state="${name}"]`);
		const back = connection.getByRole('button', { name: 'Back to live', exact: true });
		const diagram = connection.getByRole('img', { name: /Sequence of API calls and events/ });

		// Live: the whole dump.
		await expect(moment).toContainText('Live');
		await expect(sdps).toHaveText([
			/^createOfferOnSuccess: offer \(local\)/,
			/^setLocalDescription: offer \(local\)/,
			/^setRemoteDescription: answer \(remote\)/
		]);
		await expect(state('connectionState')).toHaveText('connected');
		await expect(back).toHaveCount(0);

		// Home, then → one moment at a time up to the offer.
		await timeline.focus();
		await page.keyboard.press('Home');
		await expect(moment).toContainText('+0 ms · transceiverAdded');
		await expect(moment).not.toContainText('Live');
		for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
		await expect(moment).toContainText('createOfferOnSuccess (offer)');
		await expect(timeline).toHaveAttribute(
			'aria-valuetext',
			/^Moment 7 of 28: \+\d+ ms · createOfferOnSuccess \(offer\)$/
		);
		await expect(sdps).toHaveText([/^createOfferOnSuccess: offer \(local\)/]);
		await expect(
			connection.getByRole('region', { name: 'createOfferOnSuccess (offer)' })
		).toContainText('DTLS role (setup) actpass');
		await expect(state('signalingState')).toHaveText('stable');
		await expect(state('iceGatheringState')).toHaveText('new');
		await expect(diagram).toContainText('createOfferOnSuccess');
		await expect(diagram).not.toContainText('setRemoteDescription');

		// ← / → move one moment.
		await page.keyboard.press('ArrowRight');
		await expect(moment).toContainText('onnegotiationneeded');
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('ArrowRight');
		await expect(moment).toContainText('onsignalingstatechange: have-local-offer');
		await expect(state('signalingState')).toHaveText('have-local-offer');
		await expect(sdps).toHaveCount(2);
		await page.keyboard.press('ArrowLeft');
		await expect(moment).toContainText('setLocalDescription (offer)');
		await expect(state('signalingState')).toHaveText('stable');
		await expect(page.getByRole('status').filter({ hasText: 'Showing a past moment' })).toHaveCount(
			1
		);

		// Back to live: the answer again, and the focus stays on the timeline.
		await back.click();
		await expect(sdps).toHaveCount(3);
		await expect(sdps.nth(2)).toHaveText(/^setRemoteDescription: answer \(remote\)/);
		await expect(moment).toContainText('Live');
		await expect(back).toHaveCount(0);
		await expect(timeline).toBeFocused();
		await expect(state('connectionState')).toHaveText('connected');

		// L, from the timeline, is back to live too.
		await page.keyboard.press('ArrowLeft');
		await expect(moment).not.toContainText('Live');
		await page.keyboard.press('l');
		await expect(moment).toContainText('Live');
		await expect(timeline).toBeFocused();
	});
}

test('the timeline is accessible, in both languages, and fits 1280 px', async ({ page }) => {
	// axe walks the whole page (an imported dump draws many charts): seconds per run.
	test.slow();
	await page.setViewportSize({ width: 1280, height: 720 });
	for (const language of ['en', 'zh-CN']) {
		await page
			.context()
			.addCookies([{ name: 'PARAGLIDE_LOCALE', value: language, url: 'http://127.0.0.1/' }]);
		const connection = await importDump(page, 'chromium-internals-dump.txt');
		const timeline = connection.getByRole('slider');
		await timeline.focus();
		await page.keyboard.press('Home');
		// Past: the "Back to live" button is there too.
		await expect(connection.getByTestId('dump-timeline').getByRole('button')).toBeVisible();
		const violations = (
			await new AxeBuilder({ page }).include('[data-testid="dump-timeline"]').analyze()
		).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
		expect(violations).toEqual([]);
		const box = await connection.getByTestId('dump-timeline').boundingBox();
		expect(box!.x + box!.width).toBeLessThanOrEqual(1280);
		const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(scroll).toBeLessThanOrEqual(1280);
	}
});

test('a moment during the call marks its time on the charts; none outside their span', async ({
	page
}) => {
	// The captured call logs every event before its first stats sample: add an ICE restart's
	// createOffer 2 s into the call, and its negotiationneeded just after, as a longer session would.
	const dump = JSON.parse(readFileSync(fixture('chromium-internals-dump.txt'), 'utf8'));
	const log = dump.PeerConnections['8-1'].updateLog;
	const end = log.at(-1).timestamp;
	log.push(
		{ type: 'createOffer', value: '{"iceRestart":true}', timestamp: end + 2000 },
		{ type: 'onnegotiationneeded', value: '', timestamp: end + 2100 }
	);
	await page.goto('/stats');
	const input = page.locator('input[type="file"]');
	await expect(input).toBeEnabled();
	await input.setInputFiles({
		name: 'restart.txt',
		mimeType: 'text/plain',
		buffer: Buffer.from(JSON.stringify(dump))
	});
	const connection = page
		.getByTestId('connection')
		.filter({ has: page.getByRole('heading', { level: 2, name: /8-1$/ }) });
	const cursors = connection.getByTestId('chart-cursor');
	const moment = connection.getByTestId('timeline-moment');
	await expect(connection.getByTestId('chart').first()).toBeVisible();
	await expect(cursors).toHaveCount(0);

	await connection.getByRole('slider', { name: 'Timeline' }).focus();
	await page.keyboard.press('ArrowLeft');
	await expect(moment).toContainText('+2043 ms · createOffer ({"iceRestart":true})');
	// On the charts of the open groups (closed ones are drawn too, out of sight).
	const chart = connection
		.getByTestId('chart')
		.filter({ visible: true })
		.filter({ has: page.getByTestId('chart-cursor') })
		.first();
	await expect(chart).toBeVisible();
	// Inside the chart's drawing.
	const line = await chart.getByTestId('chart-cursor').boundingBox();
	const box = await chart.locator('svg').boundingBox();
	expect(line!.x).toBeGreaterThan(box!.x);
	expect(line!.x).toBeLessThan(box!.x + box!.width);

	// Before the first sample: nothing to mark.
	await page.keyboard.press('ArrowLeft');
	await expect(moment).toContainText('addIceCandidate');
	await expect(cursors).toHaveCount(0);
	await page.keyboard.press('L');
	await expect(moment).toContainText('Live');
	await expect(cursors).toHaveCount(0);
});
