import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, lab, openLab, peer, peerState, test } from './fixtures';

const nextStep = (page: Page) => page.getByRole('button', { name: 'Next step' }).click();

async function runToConnected(page: Page) {
	await page.getByLabel('Step delay').fill('0');
	await page.getByRole('button', { name: 'Run to connected' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	for (const id of ['A', 'B'] as const) {
		await expect(peerState(page, id, 'connectionState')).toHaveText('connected');
		await expect(peerState(page, id, 'iceConnectionState')).toHaveText(/connected|completed/);
	}
}

test('"Next step" performs one JSEP step at a time, and each step shows its call and its effect', async ({
	page
}) => {
	await openLab(page);
	const expectations: [string, () => Promise<void>][] = [
		[
			'peersCreated',
			async () => {
				await expect(peerState(page, 'A', 'signalingState')).toHaveText('stable');
				await expect(peerState(page, 'B', 'connectionState')).toHaveText('new');
			}
		],
		['dataChannelCreated', async () => {}],
		[
			'offerCreated',
			async () => {
				await expect(page.getByRole('heading', { name: /Offer \(Peer A\)/ })).toBeVisible();
				// createOffer changes nothing yet: A is still stable.
				await expect(peerState(page, 'A', 'signalingState')).toHaveText('stable');
			}
		],
		[
			'localOfferSet',
			async () => {
				await expect(peerState(page, 'A', 'signalingState')).toHaveText('have-local-offer');
				await expect(peerState(page, 'A', 'iceGatheringState')).toHaveText(/gathering|complete/);
				await expect(peer(page, 'A').getByRole('table')).toContainText('host');
			}
		],
		['offerSignaled', async () => {}],
		[
			'remoteOfferSet',
			async () => {
				await expect(peerState(page, 'B', 'signalingState')).toHaveText('have-remote-offer');
			}
		],
		[
			'answerCreated',
			async () => {
				await expect(page.getByRole('heading', { name: /Answer \(Peer B\)/ })).toBeVisible();
			}
		],
		[
			'localAnswerSet',
			async () => {
				await expect(peerState(page, 'B', 'signalingState')).toHaveText('stable');
			}
		],
		['answerSignaled', async () => {}],
		[
			'connected',
			async () => {
				await expect(peerState(page, 'A', 'signalingState')).toHaveText('stable');
				await expect(peerState(page, 'A', 'connectionState')).toHaveText('connected');
				await expect(peerState(page, 'B', 'connectionState')).toHaveText('connected');
			}
		]
	];
	for (const [state, check] of expectations) {
		await nextStep(page);
		await expect(lab(page)).toHaveAttribute('data-state', state);
		await expect(page.getByTestId('machine-state')).toHaveText(state);
		await check();
	}
	// Each state change is kept with its time, e.g. A went stable → have-local-offer → stable.
	await expect(peer(page, 'A').getByRole('list', { name: 'signalingState history' })).toContainText(
		/stable.*have-local-offer.*stable/s
	);
	// The last step is explained: nothing left to call.
	await expect(page.getByText('All steps done')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Next step' })).toBeDisabled();
});

test('each step shows the API call it makes and why', async ({ page }) => {
	await openLab(page);
	await expect(page.getByText('new RTCPeerConnection(config)').first()).toBeVisible();
	await nextStep(page);
	await expect(lab(page)).toHaveAttribute('data-state', 'peersCreated');
	await expect(page.getByText("pcA.createDataChannel('chat')").first()).toBeVisible();
	await expect(page.getByText(/m=application section/)).toBeVisible();
});

for (const trickle of [true, false]) {
	test(`"Run to connected" connects a data channel (${trickle ? 'trickle ICE' : 'non-trickle'}) and chat crosses both ways`, async ({
		page
	}) => {
		await openLab(page);
		if (!trickle) await page.getByLabel('Wait for gathering to complete').check();
		await runToConnected(page);

		// Without trickle the offer carries its candidates inside the SDP.
		const offer = page.getByRole('region', { name: /Offer \(Peer A\)/ });
		if (!trickle) await expect(offer).toContainText(/Candidates \([1-9]\d*\) candidate:/);
		else await expect(offer).toContainText('Candidates (0)');

		// End of candidates is shown as its own row.
		await expect(peer(page, 'A').getByRole('table')).toContainText(/end of candidates/i);

		await page.getByLabel('Message from Peer A').fill('hello from A');
		await page.getByRole('button', { name: 'Send from Peer A' }).click();
		await page.getByLabel('Message from Peer B').fill('<img src=x onerror=alert(1)> from B');
		await page.getByRole('button', { name: 'Send from Peer B' }).click();
		const messages = page.getByRole('list', { name: 'Chat messages' });
		await expect(messages.getByRole('listitem').first()).toContainText(
			/Peer A → Peer B\s*hello from A/
		);
		// Untrusted text is shown as text, never as markup.
		await expect(messages).toContainText('<img src=x onerror=alert(1)> from B');
		await expect(messages.locator('img')).toHaveCount(0);
	});
}

test('audio + video with synthetic sources: remote video plays on both sides', async ({ page }) => {
	await openLab(page);
	await page.getByLabel('Audio + video').check();
	await expect(page.getByLabel('Media source')).toHaveValue('synthetic');
	await runToConnected(page);
	for (const id of ['A', 'B'] as const) {
		const video = peer(page, id).getByTestId('remote-video');
		await expect
			.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth * v.videoHeight))
			.toBeGreaterThan(0);
		await expect
			.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime))
			.toBeGreaterThan(0);
	}
	const offer = page.getByRole('region', { name: /Offer \(Peer A\)/ });
	await expect(offer).toContainText('audio sendrecv');
	await expect(offer).toContainText('video sendrecv');
});

test('audio + video from (fake) camera and microphone devices', async ({ page }) => {
	await openLab(page);
	await page.getByLabel('Audio + video').check();
	await page.getByLabel('Media source').selectOption('devices');
	await runToConnected(page);
	await expect
		.poll(() =>
			peer(page, 'B')
				.getByTestId('remote-video')
				.evaluate((v: HTMLVideoElement) => v.videoWidth)
		)
		.toBeGreaterThan(0);
});

test('a getUserMedia failure is explained in plain words', async ({ page }) => {
	await page.addInitScript(() => {
		navigator.mediaDevices.getUserMedia = () =>
			Promise.reject(new DOMException('Requested device not found', 'NotFoundError'));
	});
	await openLab(page);
	await page.getByLabel('Audio + video').check();
	await page.getByLabel('Media source').selectOption('devices');
	await page.getByLabel('Step delay').fill('0');
	await page.getByRole('button', { name: 'Run to connected' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'failed');
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('NotFoundError');
	await expect(alert).toContainText('No camera or microphone was found');
});

test('getStats summary shows the selected host pair and bytes flowing', async ({ page }) => {
	await openLab(page);
	await runToConnected(page);
	const row = page.getByTestId('stats-A');
	await expect(row.getByTestId('local-type')).toContainText('host');
	await expect(row.getByTestId('remote-type')).toContainText('host');
	// Payload bytes count once the data channel carries something.
	await page.getByLabel('Message from Peer A').fill('x'.repeat(500));
	await page.getByRole('button', { name: 'Send from Peer A' }).click();
	await expect(row.getByTestId('bytes-sent')).not.toHaveText('0 B');
	await expect(page.getByTestId('stats-B').getByTestId('bytes-received')).not.toHaveText('0 B');
});

test('the sequence diagram and the statechart are drawn from live events', async ({ page }) => {
	await openLab(page);
	await runToConnected(page);
	const sequence = page.getByRole('img', {
		name: 'Sequence of calls and signaling messages so far'
	});
	await expect(sequence.locator('svg')).toBeVisible();
	await expect(sequence).toContainText('offer (SDP)');
	await expect(sequence).toContainText('answer (SDP)');
	const chart = page.getByRole('img', { name: /Statechart of the lab; current state connected/ });
	await expect(chart.locator('svg')).toBeVisible();
});

test('"Reset" returns to the start and a second run connects again', async ({ page }) => {
	await openLab(page);
	await runToConnected(page);
	await page.getByRole('button', { name: 'Reset' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'idle');
	await expect(peerState(page, 'A', 'signalingState')).toHaveText('—');
	await expect(page.getByRole('heading', { name: /Offer \(Peer A\)/ })).toHaveCount(0);
	await runToConnected(page);
});

test('"Run to connected" with a visible delay can be paused and resumed', async ({ page }) => {
	await openLab(page);
	await page.getByLabel('Step delay').fill('500');
	await expect(page.getByText('500 ms')).toBeVisible();
	await page.getByRole('button', { name: 'Run to connected' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'dataChannelCreated');
	await page.getByRole('button', { name: 'Pause' }).click();
	await expect(page.getByRole('button', { name: 'Run to connected' })).toBeVisible();
	const paused = await lab(page).getAttribute('data-state');
	await nextStep(page);
	await expect(lab(page)).not.toHaveAttribute('data-state', paused!);
	await runToConnected(page);
});

test('hang up closes both peers', async ({ page }) => {
	await openLab(page);
	await runToConnected(page);
	await page.getByRole('button', { name: 'Hang up' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'closed');
	await expect(peerState(page, 'A', 'signalingState')).toHaveText('closed');
	await expect(peerState(page, 'B', 'connectionState')).toHaveText('closed');
});

test('the lab has no serious accessibility violations, idle and connected', async ({ page }) => {
	// axe walks the whole page: seconds per run, more on a busy machine.
	test.slow();
	await openLab(page);
	const serious = async () =>
		(await new AxeBuilder({ page }).analyze()).violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(await serious()).toEqual([]);
	await runToConnected(page);
	await expect(page.getByRole('img', { name: /Sequence/ }).locator('svg')).toBeVisible();
	expect(await serious()).toEqual([]);
});

test('"Restart ICE" renegotiates with new credentials, keeps the data channel, and the history diff shows it', async ({
	page
}) => {
	await openLab(page);
	await runToConnected(page);
	const history = page.getByRole('region', { name: 'Description history' });
	await expect(history.getByRole('listitem')).toHaveCount(2);
	await page.getByRole('button', { name: 'Restart ICE' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	await expect(history.getByRole('listitem')).toHaveCount(4);
	await expect(history.getByRole('listitem').nth(2)).toContainText('ICE restart');
	// The default comparison is the newest answer against the previous one: new ICE credentials.
	await expect(history).toContainText('a=ice-ufrag');
	await expect(history).toContainText('a=ice-pwd');
	// The data channel survived the restart.
	await page.getByLabel('Message from Peer A').fill('still here');
	await page.getByRole('button', { name: 'Send from Peer A' }).click();
	await expect(page.getByRole('list', { name: 'Chat messages' })).toContainText('still here');
});

test('the candidate-pair grid shows every pair, the selected one highlighted with why it won', async ({
	page
}) => {
	await openLab(page);
	await runToConnected(page);
	const grid = page.getByRole('region', { name: 'Candidate pairs' });
	const selected = grid
		.getByRole('table', { name: 'Candidate pairs of Peer A (controlling)' })
		.locator('[data-selected="true"]');
	await expect(selected).toHaveCount(1);
	await expect(selected).toContainText('succeeded');
	await expect(selected).toContainText('host');
	await expect(grid.getByTestId('why-selected').first()).toContainText('host ↔ host');
});

test('live getStats charts show a non-zero outbound bitrate in audio + video mode, and pause', async ({
	page
}) => {
	await openLab(page);
	await page.getByLabel('Audio + video').check();
	await runToConnected(page);
	const live = page.getByRole('region', { name: 'Live stats of Peer A' });
	// The video stream's own counter, and the selected pair's (other pairs are not charted).
	const video = live.locator('[data-series$=":bitrate:sent"][data-kind="video"]');
	await expect(video.locator('figcaption')).toContainText(/latest [1-9][\d.]* [kM]?bit\/s/);
	const pair = live.locator('[data-series$=":bitrate:sent"][data-report-type="candidate-pair"]');
	await expect(pair).toHaveCount(1);
	await expect(pair.locator('figcaption')).toContainText(/latest [1-9][\d.]* [kM]?bit\/s/);
	// Every report, grouped by type, each field explained on demand.
	await page.getByText('Every getStats() report, grouped by type, each field explained').click();
	const reportsA = page.getByRole('region', { name: 'getStats() reports of Peer A' });
	await expect(reportsA).toContainText('outbound-rtp');
	await reportsA.getByRole('button', { name: 'What is bytesSent?' }).first().click();
	await expect(reportsA.getByRole('note').first()).toContainText(/byte/i);
	await live.getByRole('button', { name: 'Pause charts' }).click();
	await expect(live.getByRole('button', { name: 'Resume charts' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
});

/** The latest value of a bitrate chart's caption ("latest 312.4 kbit/s …"), in bit/s. */
async function latestBitrate(page: Page, selector: string): Promise<number> {
	const caption = await page
		.getByRole('region', { name: 'Live stats of Peer A' })
		.locator(selector)
		.locator('figcaption')
		.textContent();
	const match = /latest ([\d.]+) ([kM]?)bit\/s/.exec(caption ?? '');
	if (!match) return Number.NaN;
	return Number(match[1]) * ({ k: 1e3, M: 1e6 }[match[2] as 'k' | 'M'] ?? 1);
}

test('media controls: a setParameters cap lowers the measured bitrate; a codec preference renegotiates', async ({
	page
}) => {
	test.slow();
	await openLab(page);
	await page.getByLabel('Audio + video').check();
	await runToConnected(page);
	const video = '[data-series$=":bitrate:sent"][data-kind="video"]';
	const controls = page.getByRole('region', { name: "Media controls (Peer A's senders)" });
	// The encoder ramps up first (a canvas picture is cheap to encode: tens to hundreds of kbit/s).
	await expect.poll(() => latestBitrate(page, video), { timeout: 20_000 }).toBeGreaterThan(60_000);
	const uncapped = await latestBitrate(page, video);

	await controls.getByLabel('Max video bitrate (kbit/s, empty = no cap)').fill('15');
	await controls.getByRole('button', { name: 'Apply sender parameters' }).click();
	await expect(controls.getByRole('status')).toContainText('Applied: sender.setParameters');
	// The encoder's rate control follows the cap within seconds (slower on a busy machine).
	await expect
		.poll(() => latestBitrate(page, video), { timeout: 30_000 })
		.toBeLessThan(uncapped * 0.6);

	// A malformed cap is refused before any call.
	await controls.getByLabel('Max video bitrate (kbit/s, empty = no cap)').fill('fast');
	await expect(controls.getByRole('button', { name: 'Apply sender parameters' })).toBeDisabled();
	await expect(controls).toContainText('must be a whole number');

	await controls.getByLabel('Preferred video codec').selectOption('video/VP9');
	await controls.getByRole('button', { name: 'Apply video codec' }).click();
	await expect(controls.getByRole('status')).toContainText('setCodecPreferences([video/VP9');
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	await expect(page.getByRole('region', { name: 'Description history' })).toContainText(
		'setCodecPreferences'
	);

	await controls.getByRole('button', { name: 'Mute video' }).click();
	await expect(controls.getByRole('button', { name: 'Mute video' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await controls.getByRole('button', { name: 'Replace video with a test pattern' }).click();
	await expect(controls.getByRole('status')).toContainText('replaceTrack(test pattern)');
});
