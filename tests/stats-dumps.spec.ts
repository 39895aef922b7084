// /stats with the files chrome://webrtc-internals really saves (captured from Chromium 156 by
// scripts/capture-dumps.js): both formats, gzip or plain; broken ones; and a large generated
// dump, imported with progress shown and the views drawn after.
import type { Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { capture, dumpFromCapture, manyIdsDump } from '../src/lib/core/stats/test-fixtures';
import { expect, test } from './fixtures';

const fixture = (name: string) =>
	fileURLToPath(new URL(`../src/lib/core/stats/fixtures/${name}`, import.meta.url));

const fileInput = (page: Page) => page.getByLabel('Import a webrtc-internals dump');

async function openViewer(page: Page) {
	await page.goto('/stats');
	await expect(fileInput(page)).toBeEnabled();
}

const captured = [
	['chromium-internals-dump.txt.gz', 'webrtc-internals dump (gzip-compressed)'],
	['chromium-internals-dump.txt', 'webrtc-internals dump'],
	['chromium-rtcstats-dump.gz', 'rtcstats dump (gzip-compressed)'],
	['chromium-rtcstats-dump', 'rtcstats dump']
] as const;

for (const [name, format] of captured) {
	test(`the dump Chromium saved opens: ${name}`, async ({ page }) => {
		await openViewer(page);
		await fileInput(page).setInputFiles(fixture(name));
		await expect(page.getByRole('heading', { name })).toBeVisible();
		await expect(page.getByTestId('dump-format')).toHaveText(format);
		await expect(page.getByText('2 connections')).toBeVisible();

		for (const id of ['8-1', '8-2']) {
			const connection = page.getByRole('region', { name: `Connection ${id}`, exact: true });
			await expect(connection.getByTestId('config')).toContainText('max-bundle');
			// The outbound (8-1) or inbound (8-2) video bitrate, drawn.
			await expect(
				connection
					.getByRole('img', {
						name: id === '8-1' ? 'Video sent: bitrate' : 'Video received: bitrate'
					})
					.first()
			).toBeVisible();
			const sdp = connection.getByRole('region', {
				name: id === '8-1' ? 'createOfferOnSuccess (offer)' : 'setRemoteDescription (offer)'
			});
			await expect(sdp).toContainText('VP8');
			const diagram = connection.getByRole('img', { name: /Sequence of API calls and events/ });
			await expect(diagram.locator('svg')).toBeVisible();
			await expect(diagram).toContainText('setLocalDescription');
			// The pair that carried the call is named by its candidates and marked selected.
			await expect(
				connection.locator('summary').filter({ hasText: 'selected: carries the traffic' })
			).toContainText(/Candidate pair host udp .+ → host udp /);
		}
	});
}

test('a broken gzip file or a bad rtcstats line is named, and what was on screen stays', async ({
	page
}) => {
	await openViewer(page);
	await fileInput(page).setInputFiles(fixture('chromium-rtcstats-dump.gz'));
	const first = page.getByRole('region', { name: 'Connection 8-1', exact: true });
	await expect(first.getByTestId('chart').first()).toBeVisible();
	const before = await page.getByTestId('chart').locator('figcaption').allTextContents();

	const gz = readFileSync(fixture('chromium-internals-dump.txt.gz'));
	await fileInput(page).setInputFiles({
		name: 'cut.gz',
		mimeType: 'application/gzip',
		buffer: gz.subarray(0, gz.length / 2)
	});
	await expect(page.getByRole('alert')).toHaveText(
		'cut.gz: The file is gzip-compressed but could not be decompressed: it is truncated or damaged.'
	);
	expect(await page.getByTestId('chart').locator('figcaption').allTextContents()).toEqual(before);

	const lines = readFileSync(fixture('chromium-rtcstats-dump'), 'utf8').split('\n');
	lines[9] = lines[9]!.slice(0, 40);
	await fileInput(page).setInputFiles({
		name: 'bad-line',
		mimeType: 'application/octet-stream',
		buffer: Buffer.from(lines.join('\n'))
	});
	await expect(page.getByRole('alert')).toHaveText(
		'bad-line: This rtcstats dump cannot be read: line 10 is not a JSON list of the form [method, connection id, value, …, time].'
	);
	expect(await page.getByTestId('chart').locator('figcaption').allTextContents()).toEqual(before);
	await expect(page.getByRole('heading', { name: 'chromium-rtcstats-dump.gz' })).toBeVisible();
});

test('a large dump with thousands of stats ids: progress, then the first connection drawn', async ({
	page
}, testInfo) => {
	test.slow();
	const base = dumpFromCapture(capture('chrome-audio-video-capture'));
	const path = testInfo.outputPath('large-dump.txt');
	writeFileSync(path, manyIdsDump(base, 24 * 1024 * 1024));

	await openViewer(page);
	// Every progress text shown, recorded as it changes (the import takes seconds; no timing).
	await page.evaluate(() => {
		const seen: string[] = [];
		Object.assign(window, { progressSeen: seen });
		new MutationObserver(() => {
			const text = document.querySelector('[data-testid="progress"]')?.textContent?.trim();
			if (text && seen.at(-1) !== text) seen.push(text);
		}).observe(document.body, { subtree: true, childList: true, characterData: true });
	});
	await fileInput(page).setInputFiles(path);
	await expect(page.getByRole('heading', { name: 'large-dump.txt' })).toBeVisible({
		timeout: 90_000
	});
	const seen = await page.evaluate(
		() => (window as unknown as { progressSeen: string[] }).progressSeen
	);
	expect(seen.some((t) => /^Read [\d.]+ of 2\d\.\d MiB$/.test(t))).toBe(true);
	expect(seen.some((t) => /^Parsing 2\d\.\d MiB of text: \d+ %$/.test(t))).toBe(true);

	const connections = page.getByTestId('connection');
	const count = await connections.count();
	expect(count).toBeGreaterThan(1);
	const first = connections.first();
	await expect(first.getByTestId('chart').first()).toBeVisible();
	await expect(first.getByText(/^Charts of 50 of \d{3,} stats objects listed\./)).toBeVisible();
	// The other connections wait, closed, until asked for.
	const last = connections.last();
	await expect(last.getByTestId('chart')).toHaveCount(0);
	await last.getByRole('button', { name: 'Show this connection' }).click();
	await expect(last.getByTestId('chart').first()).toBeVisible();
});
