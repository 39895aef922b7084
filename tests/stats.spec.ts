import AxeBuilder from '@axe-core/playwright';
import type { Browser, Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, showTab, test } from './fixtures';

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
	await expect(bitrate.getByRole('img', { name: 'Video sent: bitrate' })).toBeVisible();
	await expect(bitrate.locator('figcaption')).toContainText(/latest 4\d\d\.\d kbit\/s/);
	await expect(
		connection.locator('[data-series="IT01V3333:packetLoss:received"]').getByRole('img')
	).toBeVisible();
	await expect(
		connection.getByRole('img', { name: 'Video sent: round-trip time (RTCP reports)' })
	).toBeVisible();

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
	// axe walks the whole page: seconds per run, more on a busy machine.
	test.slow();
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

// ---------------------------------------------------------------------------------------------
// Live session export (the remote lab; the loopback lab wires the same SessionExport component).

/** `(12 points)` at the end of a chart caption -> 12. */
const pointsOf = (caption: string) => Number(/\((\d+) points\)$/.exec(caption)?.[1] ?? NaN);

/** Every chart in a region: series key -> its caption (read in one go). */
async function chartsByKey(scope: Locator): Promise<Map<string, string>> {
	const pairs = await scope.evaluate((root) =>
		[...root.querySelectorAll('[data-testid="chart"]')].map((c) => [
			c.getAttribute('data-series') ?? '',
			c.querySelector('figcaption')?.textContent ?? ''
		])
	);
	return new Map(pairs as [string, string][]);
}

interface ExportedDump {
	UserAgent: string;
	UserAgentData: unknown[];
	PeerConnections: Record<
		string,
		{ rtcConfiguration: string; updateLog: { type: string; value: string }[] }
	>;
}

/**
 * On a lab page, reads every live chart and clicks "Export webrtc-internals dump" (anonymised,
 * the default) in one task, so no stats tick can land in between; then opens the file at /stats
 * in `viewer` and checks that each live chart is there with the same caption (series name,
 * number of points, latest/min/max). Returns the parsed file.
 */
async function exportThenImport(
	labPage: Page,
	/** Connection id in the dump -> the label of that peer's live charts ("Live stats of …"). */
	peers: Record<string, string>,
	viewer: Page,
	labName: string
): Promise<ExportedDump> {
	await showTab(labPage, 'Export');
	const [download, liveCharts] = await Promise.all([
		labPage.waitForEvent('download'),
		labPage.evaluate((labels) => {
			const charts: Record<string, [string, string][]> = {};
			for (const [id, label] of Object.entries(labels)) {
				const region = document.querySelector(`section[aria-label="Live stats of ${label}"]`);
				charts[id] = [...(region?.querySelectorAll('[data-testid="chart"]') ?? [])].map((c) => [
					c.getAttribute('data-series') ?? '',
					c.querySelector('figcaption')?.textContent ?? ''
				]);
			}
			[...document.querySelectorAll('button')]
				.find((b) => b.textContent?.trim() === 'Export webrtc-internals dump')
				?.click();
			return charts;
		}, peers)
	]);
	const name = download.suggestedFilename();
	expect(name).toMatch(
		new RegExp(`^webrtc_internals_dump\\.${labName}\\.anonymised\\.[\\dT-]+Z\\.json$`)
	);
	await expect(labPage.getByRole('status').filter({ hasText: 'Saved' })).toContainText(name);
	const exported = readFileSync(await download.path(), 'utf8');
	const dump = JSON.parse(exported) as ExportedDump;
	expect(Array.isArray(dump.UserAgentData)).toBe(true);
	// Anonymised: the SDP's o= line address (127.0.0.1) is masked.
	expect(exported).not.toContain('127.0.0.1');
	expect(exported).toContain('.hidden');

	await openViewer(viewer);
	await fileInput(viewer).setInputFiles({
		name,
		mimeType: 'application/json',
		buffer: Buffer.from(exported)
	});
	expect(Object.keys(dump.PeerConnections).sort()).toEqual(Object.keys(peers).sort());
	for (const [id, charts] of Object.entries(liveCharts)) {
		const connection = viewer.getByRole('region', { name: `Connection ${id}`, exact: true });
		await expect(connection.getByTestId('chart').first()).toBeVisible();
		await expect(
			connection.getByText(/setLocalDescription: (offer|answer) \(local\)/)
		).toBeVisible();
		const imported = await chartsByKey(connection);
		expect(charts.length, id).toBeGreaterThanOrEqual(3);
		for (const [key, caption] of charts) {
			expect(imported.has(key), `${id}: imported chart ${key}`).toBe(true);
			expect(pointsOf(imported.get(key)!), `${id}: ${key}`).toBe(pointsOf(caption));
			// The same numbers too: latest, minimum and maximum.
			expect(imported.get(key), `${id}: ${key}`).toBe(caption);
		}
	}
	return dump;
}

async function openRemoteSide(browser: Browser, room: string) {
	const context = await browser.newContext();
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
	page.on('pageerror', (e) => errors.push(e.message));
	await page.goto(`/remote/${room}`);
	await expect(page.getByTestId('signaling-status')).toHaveText('connected, room joined');
	return { page, errors };
}

test('remote lab: live charts, the polling interval, and export -> import in a fresh page shows the same series', async ({
	browser,
	page: viewer
}) => {
	test.setTimeout(60_000);
	const room = `stats-${Date.now().toString(36)}-${test.info().workerIndex}`;
	const caller = await openRemoteSide(browser, room);
	const callee = await openRemoteSide(browser, room);
	for (const { page } of [caller, callee]) {
		await page.getByLabel('Audio + video').check();
		await page.getByLabel('Step delay').fill('0');
		await page.getByRole('button', { name: 'Run to connected' }).click();
	}
	const you = caller.page;
	await expect(you.locator('.lab')).toHaveAttribute('data-state', 'connected');

	// Live charts for "You": the video bitrate sent is not zero.
	await showTab(you, 'Stats');
	const live = you.getByRole('region', { name: 'Live stats of You' });
	const videoSent = live.locator('[data-kind="video"][data-series$=":bitrate:sent"]');
	await expect(videoSent.locator('figcaption')).toContainText(/latest [\d.]+ [kM]?bit\/s/);
	await expect(videoSent.locator('figcaption')).not.toContainText('latest 0 bit/s');

	// The polling interval control reaches the machine (the headings follow its config).
	const interval = you.getByLabel('Stats polling interval');
	await expect(interval).toHaveValue('1000');
	await interval.selectOption('500');
	await expect(live.getByRole('heading')).toContainText('every 500 ms');
	await expect(you.getByRole('heading', { name: /getStats\(\) summary/ })).toContainText(
		'every 500 ms'
	);

	// Field help for the grouped reports, on demand.
	await you.getByText('Every getStats() report, grouped by type').click();
	const reports = you.getByRole('region', { name: 'Your getStats() reports' });
	await expect(reports.getByText('outbound-rtp', { exact: true }).first()).toBeVisible();
	await reports.getByRole('button', { name: 'What is bytesSent?' }).first().click();
	await expect(reports.getByRole('note').first()).toBeVisible();

	const samples = you.getByTestId('recorded-samples');
	await expect
		.poll(async () => Number(/\d+/.exec((await samples.textContent()) ?? '')?.[0]))
		.toBeGreaterThanOrEqual(5);

	// Export after the call has ended: the recording outlives the connection.
	await you.getByRole('button', { name: 'Hang up' }).click();
	await expect(you.locator('.lab')).toHaveAttribute('data-state', 'closed');
	const dump = await exportThenImport(you, { 'remote-you': 'You' }, viewer, 'remote');
	const log = dump.PeerConnections['remote-you']!.updateLog.map((e) => e.type);
	expect(log).toContain('setLocalDescription');
	expect(log).toContain('setRemoteDescription');
	expect(log).toContain('connectionstatechange');

	for (const side of [caller, callee]) {
		expect(side.errors).toEqual([]);
		await side.page.context().close();
	}
});

test('loopback lab: both peers, the polling interval, and export -> import shows the same series', async ({
	page,
	context
}) => {
	test.setTimeout(60_000);
	await page.goto('/lab');
	await expect(page.locator('.lab')).toHaveAttribute('data-state', 'idle');
	await expect(page.getByRole('button', { name: 'Next step' })).toBeEnabled();
	await page.getByLabel('Audio + video').check();
	await page.getByLabel('Step delay').fill('0');
	await page.getByRole('button', { name: 'Run to connected' }).click();
	await expect(page.locator('.lab')).toHaveAttribute('data-state', 'connected');
	await showTab(page, 'Stats');
	await page.getByLabel('Stats polling interval').selectOption('500');
	for (const label of ['Peer A', 'Peer B'])
		await expect(
			page.getByRole('region', { name: `Live stats of ${label}` }).getByRole('heading')
		).toContainText('every 500 ms');
	const samples = page.getByTestId('recorded-samples');
	await expect
		.poll(async () => Number(/\d+/.exec((await samples.textContent()) ?? '')?.[0]))
		.toBeGreaterThanOrEqual(5);
	const viewer = await context.newPage();
	const dump = await exportThenImport(
		page,
		{ 'loopback-A': 'Peer A', 'loopback-B': 'Peer B' },
		viewer,
		'loopback'
	);
	const logOf = (id: string) => dump.PeerConnections[id]!.updateLog.map((e) => e.type);
	expect(logOf('loopback-A')).toContain('setLocalDescription');
	expect(logOf('loopback-B')).toContain('setRemoteDescription');
});
