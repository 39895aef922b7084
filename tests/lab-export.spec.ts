import { readFileSync } from 'node:fs';
import { expect, lab, openLab, showTab, test } from './fixtures';

// The loopback lab's own export, as a learner gets it: a run to connected in audio + video with
// the synthetic sources, then "Export webrtc-internals dump" (anonymised, the default).

interface Exported {
	PeerConnections: Record<string, { updateLog: { type: string; value: string }[] }>;
}

test('loopback export: the real calls, each description applied once, a candidate found before it is sent, credentials masked; /stats draws signaling beside the page', async ({
	page,
	context
}) => {
	test.setTimeout(60_000);
	await openLab(page);
	await page.getByLabel('Audio + video').check();
	await page.getByLabel('Step delay').fill('0');
	await page.getByRole('button', { name: 'Run to connected' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');

	await showTab(page, 'Export');
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export webrtc-internals dump' }).click()
	]);
	const text = readFileSync(await download.path(), 'utf8');
	const dump = JSON.parse(text) as Exported;
	expect(Object.keys(dump.PeerConnections).sort()).toEqual(['loopback-A', 'loopback-B']);

	for (const [id, { updateLog }] of Object.entries(dump.PeerConnections)) {
		const types = updateLog.map((e) => e.type);
		// The add-media step's calls, one entry each, none with a piece of another as its value.
		expect(types, id).toEqual(
			expect.arrayContaining([
				'canvas.captureStream',
				'AudioContext.createMediaStreamDestination',
				'addTrack'
			])
		);
		expect(
			updateLog.filter((e) => /^\)|\($/.test(e.value) || e.value.includes(') + ')),
			id
		).toEqual([]);
		// One offer/answer exchange: each peer applies one local and one remote description.
		expect(
			types.filter((t) => t === 'setLocalDescription'),
			id
		).toHaveLength(1);
		expect(
			types.filter((t) => t === 'setRemoteDescription'),
			id
		).toHaveLength(1);
		// The first call that applies a description comes before the state change it causes.
		expect(
			types.findIndex((t) => /Description$/.test(t)),
			id
		).toBeLessThan(types.indexOf('signalingstatechange'));
		// The k-th candidate sent through signaling was found (icecandidate) before it was sent.
		const found = types.flatMap((t, i) => (t === 'icecandidate' ? [i] : []));
		const sent = updateLog.flatMap((e, i) =>
			e.type === 'signalingSend' && e.value.startsWith('candidate ') ? [i] : []
		);
		expect(sent.length, id).toBeGreaterThan(0);
		expect(found.length, id).toBeGreaterThanOrEqual(sent.length);
		sent.forEach((at, k) => expect(found[k]!, `${id}: candidate ${k}`).toBeLessThan(at));
	}
	// Anonymised: no ICE password or DTLS fingerprint of the run is left, only placeholders.
	expect(text).toContain('a=ice-pwd:hiddenPwd');
	expect(text).not.toMatch(/a=ice-pwd:(?!hiddenPwd)/);
	expect(text).not.toMatch(/a=ice-ufrag:(?!hiddenUfrag)/);
	expect(text).not.toMatch(/a=fingerprint:\S+ (?!hidden-fingerprint-)/);
	expect(text).not.toMatch(/"CF[0-9A-F]{2}:/);

	// At /stats, signaling goes between the page and the signaling lane, never into the connection.
	const viewer = await context.newPage();
	await viewer.goto('/stats');
	const input = viewer.getByLabel('Import a webrtc-internals dump');
	await expect(input).toBeEnabled();
	await input.setInputFiles({
		name: download.suggestedFilename(),
		mimeType: 'application/json',
		buffer: Buffer.from(text)
	});
	const connection = viewer.getByRole('region', { name: 'Connection loopback-A', exact: true });
	const source = connection.locator('.mermaid-diagram pre code').first();
	await expect(source).toContainText('participant Sig as Signaling');
	const lines = ((await source.textContent()) ?? '').split('\n').map((l) => l.trim());
	expect(lines.filter((l) => l.startsWith('App->>Sig: signalingSend')).length).toBeGreaterThan(0);
	expect(lines.filter((l) => l.startsWith('Sig->>App: signalingReceive')).length).toBeGreaterThan(
		0
	);
	expect(lines.filter((l) => /signaling(Send|Receive)/.test(l) && l.includes('PC'))).toEqual([]);
});

test('live charts title a candidate pair by its candidates and mark the selected pair, in both languages', async ({
	page
}) => {
	await openLab(page);
	await page.getByLabel('Step delay').fill('0');
	await page.getByRole('button', { name: 'Run to connected' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	await showTab(page, 'Stats');
	await page.getByLabel('Stats polling interval').selectOption('500');
	const live = page.getByRole('region', { name: 'Live stats of Peer A' });
	const pairChart = live
		.locator('[data-testid="chart"][data-report-type="candidate-pair"]')
		.first();
	await expect(pairChart).toBeVisible();
	await expect(pairChart).toHaveAttribute('data-selected', 'true');
	// host udp <address>:<port> → host udp <address>:<port>, in the words of the API.
	await expect(pairChart.getByTestId('pair-title')).toContainText(
		/^Candidate pair host udp \S+:\d+ → host udp \S+:\d+/
	);
	await expect(pairChart.getByTestId('pair-selected')).toHaveText('selected: carries the traffic');
	await expect(pairChart.getByRole('img')).toHaveAccessibleName(
		/Candidate pair host udp .*selected/
	);

	await page.getByRole('banner').getByLabel('Language').selectOption('zh-CN');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	const zhChart = page.locator('[data-testid="chart"][data-report-type="candidate-pair"]').first();
	await expect(zhChart.getByTestId('pair-title')).toContainText(/^候选对 host udp \S+:\d+ → /);
	await expect(zhChart.getByTestId('pair-selected')).toHaveText('已选中：承载流量');
});

test('without trickle ICE, the description applied is the one with the candidates, once per peer', async ({
	page
}) => {
	await openLab(page);
	await page.getByLabel('Wait for gathering to complete').check();
	await page.getByLabel('Step delay').fill('0');
	await page.getByRole('button', { name: 'Run to connected' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	await showTab(page, 'Export');
	await page.getByLabel('Anonymise').uncheck();
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export webrtc-internals dump' }).click()
	]);
	const dump = JSON.parse(readFileSync(await download.path(), 'utf8')) as Exported;
	for (const [id, { updateLog }] of Object.entries(dump.PeerConnections)) {
		const local = updateLog.filter((e) => e.type === 'setLocalDescription');
		const remote = updateLog.filter((e) => e.type === 'setRemoteDescription');
		expect([local.length, remote.length], id).toEqual([1, 1]);
		// Gathered before it was sent: both SDPs carry the candidates.
		expect(local[0]!.value, id).toContain('a=candidate:');
		expect(remote[0]!.value, id).toContain('a=candidate:');
	}
});
