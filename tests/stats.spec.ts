import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const dumpPath = fileURLToPath(
	new URL('../src/lib/core/stats/fixtures/webrtc-internals-dump.json', import.meta.url)
);

const fileInput = (page: Page) => page.getByLabel('Import a webrtc-internals dump');

async function openViewer(page: Page) {
	await page.goto('/stats');
	await expect(fileInput(page)).toBeEnabled();
}

/** Each chart's caption (label, latest, min, max, points): what a reader gets from the series. */
const chartCaptions = (page: Page) =>
	page.getByTestId('chart').locator('figcaption').allTextContents();

test('importing a dump shows charts, SDPs, the sequence diagram and explained stats', async ({
	page
}) => {
	await openViewer(page);
	await fileInput(page).setInputFiles(dumpPath);
	const connection = page.getByRole('region', { name: 'Connection 4242-1', exact: true });
	await expect(connection).toBeVisible();
	await expect(connection.getByTestId('config')).toContainText('bundlePolicy: max-bundle');

	// Charts of derived series: the outbound video bitrate is there and not zero.
	const bitrate = connection.locator('[data-series="OT01V1111:bitrate:sent"]');
	await expect(bitrate.getByRole('img', { name: 'Bitrate sent' })).toBeVisible();
	await expect(bitrate.locator('figcaption')).toContainText(/latest 4\d\d\.\d kbit\/s/);
	await expect(
		connection.locator('[data-series="IT01V3333:packetLoss:received"]').getByRole('img')
	).toBeVisible();
	await expect(connection.getByRole('img', { name: 'Round-trip time (RTCP)' })).toBeVisible();

	// The first SDP is open in the inspector.
	const sdp = connection.getByRole('region', { name: 'createOfferOnSuccess (offer)' });
	await expect(sdp).toContainText('VP8');

	// The event log as a drawn mermaid sequence diagram.
	const diagram = connection.getByRole('img', { name: /Sequence of API calls and events/ });
	await expect(diagram.locator('svg')).toBeVisible();
	await expect(diagram).toContainText('setLocalDescription (offer)');

	// Field help on demand, in English and Chinese.
	await connection.getByRole('button', { name: 'What is packetsLost?' }).first().click();
	await expect(connection.getByRole('note').first()).toContainText('RFC 3550');
	await page.getByLabel('Field help language').selectOption('zh-CN');
	await expect(connection.getByRole('note').first()).toContainText('丢包');
});

test('a malformed file gets a clear message and nothing on screen is lost', async ({ page }) => {
	await openViewer(page);
	await fileInput(page).setInputFiles(dumpPath);
	await expect(page.getByTestId('chart').first()).toBeVisible();
	const before = await chartCaptions(page);

	await fileInput(page).setInputFiles({
		name: 'package.json',
		mimeType: 'application/json',
		buffer: Buffer.from('{"name": "webrtc-lab", "version": "0.1.0"}')
	});
	await expect(page.getByRole('alert')).toContainText(
		'package.json: This is not a webrtc-internals dump: there is no "PeerConnections" object (its keys: name, version).'
	);
	expect(await chartCaptions(page)).toEqual(before);

	await fileInput(page).setInputFiles({
		name: 'notes.txt',
		mimeType: 'text/plain',
		buffer: Buffer.from('hello')
	});
	await expect(page.getByRole('alert')).toContainText(
		'notes.txt: This is not a webrtc-internals dump: the file is not JSON'
	);
	expect(await chartCaptions(page)).toEqual(before);
	await expect(page.getByRole('region', { name: 'Connection 4242-1', exact: true })).toBeVisible();
});

test('drag and drop onto the drop zone imports the dump', async ({ page }) => {
	await openViewer(page);
	const text = readFileSync(dumpPath, 'utf8');
	const transfer = await page.evaluateHandle((content) => {
		const dt = new DataTransfer();
		dt.items.add(new File([content], 'dropped.txt', { type: 'text/plain' }));
		return dt;
	}, text);
	await page
		.getByRole('region', { name: 'Drop zone for a webrtc-internals dump' })
		.dispatchEvent('drop', { dataTransfer: transfer });
	await expect(page.getByRole('heading', { name: 'dropped.txt' })).toBeVisible();
	await expect(page.getByTestId('chart').first()).toBeVisible();
});

test('export anonymised, re-import in a fresh page: same series, no addresses', async ({
	page,
	context
}) => {
	await openViewer(page);
	await fileInput(page).setInputFiles(dumpPath);
	await expect(page.getByTestId('chart').first()).toBeVisible();
	const before = await chartCaptions(page);
	expect(before.length).toBeGreaterThan(5);

	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export anonymised' }).click()
	]);
	const path = await download.path();
	const exported = readFileSync(path, 'utf8');
	expect(exported).not.toContain('192.0.2.2');
	expect(exported).not.toContain('fd00::3');
	expect(exported).not.toContain('203.0.113.77');
	expect(exported).toContain('.hidden');

	const fresh = await context.newPage();
	await openViewer(fresh);
	await fileInput(fresh).setInputFiles({
		name: 'webrtc_internals_dump.anonymised.txt',
		mimeType: 'text/plain',
		buffer: Buffer.from(exported)
	});
	await expect(fresh.getByTestId('chart').first()).toBeVisible();
	expect(await chartCaptions(fresh)).toEqual(before);
	await fresh.close();
});

test('the stats viewer has no serious accessibility violations', async ({ page }) => {
	await openViewer(page);
	const serious = async () =>
		(await new AxeBuilder({ page }).analyze()).violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(await serious()).toEqual([]);
	await fileInput(page).setInputFiles(dumpPath);
	await expect(
		page.getByRole('img', { name: /Sequence of API calls and events/ }).locator('svg')
	).toBeVisible();
	expect(await serious()).toEqual([]);
});
