import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, lab, openLab, peer, peerState, showTab, test } from './fixtures';
import { stepsFor, type LabStep } from '../src/lib/lab/steps';

const nextStep = (page: Page) => page.getByRole('button', { name: 'Next step' }).click();

const statechart = (page: Page) => page.getByRole('img', { name: /^Statechart of the lab/ });
const sequence = (page: Page) =>
	page.getByRole('img', { name: 'Sequence of calls and signaling messages so far' });

/** The drawn statechart highlights exactly one state node: the machine's current state. */
async function expectHighlighted(page: Page, state: string) {
	await expect(page.getByTestId('state-strip').locator('[aria-current="step"]')).toHaveCount(1);
	// The whole chart is in its tab, drawn on demand (the strip above the tabs shows the happy path).
	await showTab(page, 'Statechart');
	const open = page.getByRole('button', { name: 'Full statechart' });
	if ((await open.getAttribute('aria-expanded')) === 'false') await open.click();
	const active = statechart(page).locator('svg g.node.active');
	await expect(active).toHaveCount(1);
	await expect(active).toHaveAttribute('id', new RegExp(`-state-s_(session_)?${state}-`));
}

/**
 * The latest arrow of the sequence diagram, and only it, sits inside the one highlight box (read
 * from the SVG's own coordinates: the panel may be scrolled out of view).
 */
async function latestArrowHighlighted(page: Page): Promise<boolean> {
	await showTab(page, 'Sequence');
	return sequence(page)
		.locator('svg')
		.evaluate((svg) => {
			const num = (e: Element, name: string) => Number(e.getAttribute(name));
			const boxes = [...svg.querySelectorAll('rect')].filter(
				(r) => r.getAttribute('fill') === 'rgb(254, 240, 138)'
			);
			const ys = [...svg.querySelectorAll('text.messageText')]
				.map((t) => num(t, 'y'))
				.sort((a, b) => a - b);
			const box = boxes[0];
			if (boxes.length !== 1 || !box || ys.length === 0) return false;
			const inside = (y: number) => y >= num(box, 'y') && y <= num(box, 'y') + num(box, 'height');
			return inside(ys.at(-1)!) && ys.filter(inside).length === 1;
		});
}

/** The steps panel shows the step to take next: its code line and its explanation. */
async function expectNextStep(page: Page, step: LabStep | undefined) {
	await showTab(page, 'Step');
	const panel = page.getByRole('region', { name: 'Steps' });
	if (!step) {
		await expect(panel.locator('pre.code')).toHaveCount(0);
		return;
	}
	// The add-media line names the calls for the chosen sources (stepsFor(config), unit-tested in
	// steps.test.ts) once the lab hands its whole configuration to stepsFor; every lab shows addTrack.
	if (step.id === 'addMedia')
		await expect(panel.locator('pre.code')).toContainText('pc.addTrack(track, stream)');
	else await expect(panel.locator('pre.code')).toHaveText(step.code);
	await expect(panel).toContainText(step.explain.en);
}

async function runToConnected(page: Page) {
	await page.getByLabel('Step delay').fill('0');
	await page.getByRole('button', { name: 'Run to connected' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	await showTab(page, 'Peers');
	for (const id of ['A', 'B'] as const) {
		await showTab(page, 'Peers');
		await expect(peerState(page, id, 'connectionState')).toHaveText('connected');
		await expect(peerState(page, id, 'iceConnectionState')).toHaveText(/connected|completed/);
	}
}

test('"Next step" performs one JSEP step at a time, and each step shows its call and its effect', async ({
	page
}) => {
	// Ten steps, each read in one or two tabs (the first Sequence tab loads mermaid): a walk that
	// takes 10–30 s on two busy cores.
	test.setTimeout(60_000);
	await openLab(page);
	const expectations: [string, () => Promise<void>][] = [
		[
			'peersCreated',
			async () => {
				await showTab(page, 'Peers');
				await expect(peerState(page, 'A', 'signalingState')).toHaveText('stable');
				await expect(peerState(page, 'B', 'connectionState')).toHaveText('new');
			}
		],
		[
			'dataChannelCreated',
			async () => {
				// The channel exists on A only; it opens once the SCTP association is up.
				await showTab(page, 'Peers');
				await expect(peerState(page, 'A', 'dataChannelState')).toHaveText('connecting');
				await expect(peerState(page, 'B', 'dataChannelState')).toHaveCount(0);
			}
		],
		[
			'offerCreated',
			async () => {
				await showTab(page, 'SDP');
				await expect(page.getByRole('heading', { name: /Offer \(Peer A\)/ })).toBeVisible();
				// createOffer changes nothing yet: A is still stable.
				await showTab(page, 'Peers');
				await expect(peerState(page, 'A', 'signalingState')).toHaveText('stable');
			}
		],
		[
			'localOfferSet',
			async () => {
				await showTab(page, 'Peers');
				await expect(peerState(page, 'A', 'signalingState')).toHaveText('have-local-offer');
				await expect(peerState(page, 'A', 'iceGatheringState')).toHaveText(/gathering|complete/);
				await expect(peer(page, 'A').getByRole('table')).toContainText('host');
			}
		],
		[
			'offerSignaled',
			async () => {
				await showTab(page, 'Sequence');
				await expect(sequence(page)).toContainText('offer (SDP)');
				// B has the offer in hand but has not applied it yet.
				await showTab(page, 'Peers');
				await expect(peerState(page, 'B', 'signalingState')).toHaveText('stable');
			}
		],
		[
			'remoteOfferSet',
			async () => {
				await showTab(page, 'Peers');
				await expect(peerState(page, 'B', 'signalingState')).toHaveText('have-remote-offer');
			}
		],
		[
			'answerCreated',
			async () => {
				await showTab(page, 'SDP');
				await expect(page.getByRole('heading', { name: /Answer \(Peer B\)/ })).toBeVisible();
			}
		],
		[
			'localAnswerSet',
			async () => {
				await showTab(page, 'Peers');
				await expect(peerState(page, 'B', 'signalingState')).toHaveText('stable');
			}
		],
		[
			'answerSignaled',
			async () => {
				await showTab(page, 'Sequence');
				await expect(sequence(page)).toContainText('answer (SDP)');
				await showTab(page, 'Peers');
				await expect(peerState(page, 'A', 'signalingState')).toHaveText('have-local-offer');
			}
		],
		[
			'connected',
			async () => {
				await showTab(page, 'Peers');
				await expect(peerState(page, 'A', 'signalingState')).toHaveText('stable');
				await expect(peerState(page, 'A', 'connectionState')).toHaveText('connected');
				await expect(peerState(page, 'B', 'connectionState')).toHaveText('connected');
			}
		]
	];
	const steps = stepsFor({ mode: 'datachannel', source: 'synthetic' });
	await expectNextStep(page, steps[0]);
	await expectHighlighted(page, 'idle');
	for (const [i, [state, check]] of expectations.entries()) {
		await nextStep(page);
		await expect(lab(page)).toHaveAttribute('data-state', state);
		await expect(page.getByTestId('machine-state')).toHaveText(state);
		await check();
		// The last click takes two steps (setRemoteDescription, then ICE by itself).
		await expectNextStep(page, steps[steps.findIndex((s) => s.done === state) + 1]);
		await expectHighlighted(page, state);
		// Arrows start with the first trickled candidate (setLocalDescription on A).
		if (i >= 3) await expect.poll(() => latestArrowHighlighted(page)).toBe(true);
	}
	// Each state change is kept with its time, e.g. A went stable → have-local-offer → stable.
	await showTab(page, 'Peers');
	const history = peer(page, 'A').getByRole('list', { name: 'signalingState history' });
	await expect(history).toContainText(/stable.*have-local-offer.*stable/s);
	await expect(history.getByRole('listitem').nth(1)).toHaveText(
		/^have-local-offer \+\d+(\.\d+)? ms$/
	);
	// The last step is explained: nothing left to call.
	await showTab(page, 'Step');
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
		await showTab(page, 'SDP');
		const offer = page.getByRole('region', { name: /Offer \(Peer A\)/ });
		if (!trickle) await expect(offer).toContainText(/Candidates \([1-9]\d*\) candidate:/);
		else await expect(offer).toContainText('Candidates (0)');

		// End of candidates is shown as its own row.
		await showTab(page, 'Peers');
		await expect(peer(page, 'A').getByRole('table')).toContainText(/end of candidates/i);

		await showTab(page, 'Chat');
		await page.getByLabel('Message from Peer A').fill('hello from A');
		await page.getByRole('button', { name: 'Send from Peer A' }).click();
		await page.getByLabel('Message from Peer B').fill('<img src=x onerror=alert(1)> from B');
		await page.getByRole('button', { name: 'Send from Peer B' }).click();
		const messages = page.getByRole('list', { name: 'Chat messages' });
		await expect(messages.getByRole('listitem').first()).toContainText(
			/Peer A → Peer B\s*hello from A/
		);
		// Untrusted text is shown as text, never as markup.
		await expect(messages.getByRole('listitem').nth(1)).toContainText(
			/Peer B → Peer A\s*<img src=x onerror=alert\(1\)> from B/
		);
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
	await showTab(page, 'SDP');
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

test('a refused permission (NotAllowedError) is explained, with the synthetic sources as a way out', async ({
	page
}) => {
	await page.addInitScript(() => {
		navigator.mediaDevices.getUserMedia = () =>
			Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
	});
	await openLab(page);
	await page.getByLabel('Audio + video').check();
	await page.getByLabel('Media source').selectOption('devices');
	await nextStep(page);
	await expect(lab(page)).toHaveAttribute('data-state', 'peersCreated');
	await nextStep(page);
	await expect(lab(page)).toHaveAttribute('data-state', 'failed');
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('NotAllowedError');
	await expect(alert).toContainText('addingMedia');
	await expect(alert).toContainText('Permission was refused');
	await expect(alert).toContainText('use the synthetic sources');
});

test('audio + video stepped without trickle: every step shows its call, its effect and the media it used', async ({
	page
}) => {
	test.slow();
	await openLab(page);
	await page.getByLabel('Audio + video').check();
	await page.getByLabel('Wait for gathering to complete').check();
	const steps = stepsFor({ mode: 'media', source: 'synthetic' });
	// The add-media step names the calls that really make the tracks: a canvas and WebAudio.
	expect(steps[1]!.code).toContain('canvas.captureStream(30)');
	expect(steps[1]!.code).not.toContain('getUserMedia');
	await showTab(page, 'SDP');
	const offer = page.getByRole('region', { name: /Offer \(Peer A\)/ });
	const checks: Record<string, () => Promise<void>> = {
		peersCreated: async () => {
			await showTab(page, 'Peers');
			await expect(peerState(page, 'A', 'signalingState')).toHaveText('stable');
		},
		mediaAdded: async () => {
			await showTab(page, 'Peers');
			await expect(peer(page, 'A').getByLabel('Peer A: local video')).toBeVisible();
			await showTab(page, 'Sequence');
			await expect(sequence(page)).toContainText('canvas.captureStream() + WebAudio tone');
			await expect(sequence(page)).not.toContainText('getUserMedia');
		},
		offerCreated: async () => {
			await showTab(page, 'SDP');
			await expect(offer).toContainText('audio sendrecv');
			await expect(offer).toContainText('video sendrecv');
		},
		localOfferSet: async () => {
			// Without trickle the step waits for gathering: the offer now carries its candidates.
			await showTab(page, 'Peers');
			await expect(peerState(page, 'A', 'iceGatheringState')).toHaveText('complete');
			await showTab(page, 'SDP');
			await expect(offer).toContainText(/Candidates \([1-9]\d*\) candidate:/);
		},
		offerSignaled: async () => {
			await showTab(page, 'Peers');
			await expect(peerState(page, 'B', 'signalingState')).toHaveText('stable');
			// Nothing trickles: the sequence shows no candidate crossing the signaling channel.
			await showTab(page, 'Sequence');
			await expect(sequence(page)).not.toContainText('end-of-candidates');
		},
		remoteOfferSet: async () => {
			await showTab(page, 'Peers');
			await expect(peerState(page, 'B', 'signalingState')).toHaveText('have-remote-offer');
		},
		answerCreated: async () => {
			await showTab(page, 'SDP');
			await expect(page.getByRole('heading', { name: /Answer \(Peer B\)/ })).toBeVisible();
		},
		localAnswerSet: async () => {
			await showTab(page, 'Peers');
			await expect(peerState(page, 'B', 'iceGatheringState')).toHaveText('complete');
			await expect(peerState(page, 'B', 'signalingState')).toHaveText('stable');
		},
		answerSignaled: async () => {
			await showTab(page, 'Peers');
			await expect(peerState(page, 'A', 'signalingState')).toHaveText('have-local-offer');
		},
		connected: async () => {
			await showTab(page, 'Peers');
			for (const id of ['A', 'B'] as const)
				await expect(peerState(page, id, 'connectionState')).toHaveText('connected');
		}
	};
	await expectNextStep(page, steps[0]);
	for (const [i, step] of steps.entries()) {
		if (step.id === 'connect') break;
		await nextStep(page);
		// setRemoteDescription(answer) is the last call: ICE and DTLS then finish by themselves.
		const state = step.done === 'iceChecking' ? 'connected' : step.done;
		await expect(lab(page)).toHaveAttribute('data-state', state);
		await checks[state]!();
		await expectNextStep(page, state === 'connected' ? undefined : steps[i + 1]);
		await expectHighlighted(page, state);
	}
	await showTab(page, 'Peers');
	await expect
		.poll(() =>
			peer(page, 'B')
				.getByTestId('remote-video')
				.evaluate((v: HTMLVideoElement) => v.videoWidth * v.videoHeight)
		)
		.toBeGreaterThan(0);
});

test('devices are listed beside the synthetic sources, and a mix of the two connects', async ({
	page
}) => {
	await openLab(page);
	await page.getByLabel('Audio + video').check();
	await page.getByLabel('Media source').selectOption('devices');
	// A select's name is its label followed by the chosen option ("Camera Default camera").
	const camera = page.getByLabel(/^Camera/);
	const microphone = page.getByLabel(/^Microphone/);
	await expect(camera.locator('option')).toContainText([
		'Default camera',
		'Synthetic picture (canvas.captureStream)'
	]);
	// Chromium's fake devices, named (the test browser allows access without asking).
	await expect(camera.locator('option')).toHaveCount(3);
	await expect(camera.locator('option').nth(1)).not.toHaveText(/^Camera \d+$/);
	await expect(microphone.locator('option').last()).toHaveText('Synthetic tone (WebAudio)');
	// A real camera with the synthetic tone: the log names both sources.
	await camera.selectOption({ index: 1 });
	await microphone.selectOption('synthetic');
	await runToConnected(page);
	await showTab(page, 'Sequence');
	await expect(sequence(page)).toContainText('getUserMedia() + WebAudio tone + addTrack()');
	await showTab(page, 'Peers');
	const remote = peer(page, 'B').getByTestId('remote-video');
	await expect
		.poll(() => remote.evaluate((v: HTMLVideoElement) => v.videoWidth))
		.toBeGreaterThan(0);
	// The tone can be heard: the remote element is unmuted on request.
	await expect(remote).toHaveJSProperty('muted', true);
	const hear = peer(page, 'B').getByRole('button', { name: 'Hear remote audio' });
	await hear.click();
	await expect(hear).toHaveAttribute('aria-pressed', 'true');
	await expect(remote).toHaveJSProperty('muted', false);
});

test('devices without names (no permission yet): asking for names explains a refusal', async ({
	page
}) => {
	await page.addInitScript(() => {
		const unnamed = (kind: MediaDeviceKind, deviceId: string) =>
			({ kind, deviceId, label: '', groupId: 'g' }) as MediaDeviceInfo;
		navigator.mediaDevices.enumerateDevices = async () => [
			unnamed('videoinput', 'cam-1'),
			unnamed('audioinput', 'mic-1')
		];
		navigator.mediaDevices.getUserMedia = () =>
			Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
	});
	await openLab(page);
	await page.getByLabel('Audio + video').check();
	await page.getByLabel('Media source').selectOption('devices');
	await expect(
		page
			.getByLabel(/^Camera/)
			.locator('option')
			.nth(1)
	).toHaveText('Camera 1');
	await page.getByRole('button', { name: 'Show device names' }).click();
	const status = page.getByRole('status').filter({ hasText: 'NotAllowedError' });
	await expect(status).toContainText('Permission was refused');
});

test('getStats summary shows the selected host pair and bytes flowing', async ({ page }) => {
	await openLab(page);
	await runToConnected(page);
	const row = page.getByTestId('stats-A');
	await expect(row.getByTestId('local-type')).toContainText('host');
	await expect(row.getByTestId('remote-type')).toContainText('host');
	// Payload bytes count once the data channel carries something.
	await showTab(page, 'Chat');
	await page.getByLabel('Message from Peer A').fill('x'.repeat(500));
	await page.getByRole('button', { name: 'Send from Peer A' }).click();
	await expect(row.getByTestId('bytes-sent')).not.toHaveText('0 B');
	await expect(page.getByTestId('stats-B').getByTestId('bytes-received')).not.toHaveText('0 B');
});

test('the sequence diagram and the statechart are drawn from live events', async ({ page }) => {
	await openLab(page);
	await runToConnected(page);
	await showTab(page, 'Sequence');
	const sequence = page.getByRole('img', {
		name: 'Sequence of calls and signaling messages so far'
	});
	await expect(sequence.locator('svg')).toBeVisible();
	await expect(sequence).toContainText('offer (SDP)');
	await expect(sequence).toContainText('answer (SDP)');
	await expectHighlighted(page, 'connected');
	const chart = page.getByRole('img', { name: /Statechart of the lab; current state connected/ });
	await expect(chart.locator('svg')).toBeVisible();
	await expect.poll(() => latestArrowHighlighted(page)).toBe(true);
});

test('"Reset" returns to the start and a second run connects again', async ({ page }) => {
	await openLab(page);
	await runToConnected(page);
	await page.getByRole('button', { name: 'Reset' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'idle');
	await showTab(page, 'Peers');
	await expect(peerState(page, 'A', 'signalingState')).toHaveText('—');
	await expect(page.getByRole('heading', { name: /Offer \(Peer A\)/ })).toHaveCount(0);
	await runToConnected(page);
});

test('a run at full speed is drawn once it rests, then every panel catches up with the whole run', async ({
	page
}) => {
	await openLab(page);
	// Every machine state the page draws, in order.
	await lab(page).evaluate((root) => {
		const drawn: string[] = [];
		(window as unknown as { drawn: string[] }).drawn = drawn;
		new MutationObserver(() => drawn.push(root.getAttribute('data-state') ?? '')).observe(root, {
			attributes: true,
			attributeFilter: ['data-state']
		});
	});
	await runToConnected(page);
	const drawn = await page.evaluate(() => (window as unknown as { drawn: string[] }).drawn);
	// The machine passed through some twenty states; the page drew where the run came to rest
	// (and, were the run slower than 100 ms, a state or two on the way).
	expect(drawn.at(-1)).toBe('connected');
	expect(drawn.length).toBeLessThan(5);
	// The panels then show everything that happened during the run.
	await expect(lab(page)).toHaveAttribute('data-panels', 'live');
	await showTab(page, 'Peers');
	await expect(peer(page, 'A').getByRole('list', { name: 'signalingState history' })).toContainText(
		/stable.*have-local-offer.*stable/s
	);
	await expectHighlighted(page, 'connected');
	await showTab(page, 'SDP');
	await expect(page.getByRole('heading', { name: /Answer \(Peer B\)/ })).toBeVisible();
});

test('"Run to connected" with a visible delay can be paused and resumed', async ({ page }) => {
	await openLab(page);
	await page.getByLabel('Step delay').fill('500');
	await expect(page.getByText('500 ms')).toBeVisible();
	await page.getByRole('button', { name: 'Run to connected' }).click();
	// Paused at once: some twenty steps at 500 ms each leave the run far from "connected". (Waiting
	// for one named state first raced the 500 ms the state is shown against the polling.)
	await page.getByRole('button', { name: 'Pause' }).click();
	await expect(page.getByRole('button', { name: 'Run to connected' })).toBeVisible();
	const paused = await lab(page).getAttribute('data-state');
	expect(paused).not.toBe('connected');
	await nextStep(page);
	await expect(lab(page)).not.toHaveAttribute('data-state', paused!);
	await expect(lab(page)).not.toHaveAttribute('data-state', 'connected');
	await runToConnected(page);
});

test('"Run to connected" from a presenter key once connected changes nothing and freezes no panel', async ({
	page
}) => {
	await openLab(page);
	await page.getByRole('checkbox', { name: 'Projector mode' }).check();
	await runToConnected(page);
	// Focus out of the controls (the page's heading is hidden in Projector mode).
	await page.getByText('Machine state:').click();
	await page.keyboard.press('r');
	const keys = page.getByRole('complementary', { name: 'Presenter keys' });
	await expect(keys.getByRole('status')).toHaveText('Pressed: run to connected');
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	// No run was started: the controls offer no "Pause", and the panels still follow the call.
	await expect(page.getByRole('button', { name: 'Pause', exact: true })).toHaveCount(0);
	await showTab(page, 'Chat');
	await page.getByLabel('Message from Peer B').fill('after R');
	await page.getByRole('button', { name: 'Send from Peer B' }).click();
	await expect(page.getByRole('list', { name: 'Chat messages' })).toContainText('after R');
	await page.getByRole('checkbox', { name: 'Projector mode' }).uncheck();
});

test('hang up closes both peers', async ({ page }) => {
	await openLab(page);
	await runToConnected(page);
	await page.getByRole('button', { name: 'Hang up' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'closed');
	await showTab(page, 'Peers');
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
	await showTab(page, 'Sequence');
	await expect(page.getByRole('img', { name: /Sequence/ }).locator('svg')).toBeVisible();
	expect(await serious()).toEqual([]);
});

test('"Restart ICE" renegotiates with new credentials, keeps the data channel, and the history diff shows it', async ({
	page
}) => {
	await openLab(page);
	await runToConnected(page);
	await showTab(page, 'SDP');
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
	await showTab(page, 'Chat');
	await page.getByLabel('Message from Peer A').fill('still here');
	await page.getByRole('button', { name: 'Send from Peer A' }).click();
	await expect(page.getByRole('list', { name: 'Chat messages' })).toContainText('still here');
});

test('the candidate-pair grid shows every pair, the selected one highlighted with why it won', async ({
	page
}) => {
	await openLab(page);
	await runToConnected(page);
	await showTab(page, 'Candidates & pairs');
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
	await showTab(page, 'Stats');
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
	// The controls and the charts that show their effect share the stats tab.
	await showTab(page, 'Stats');
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
	await showTab(page, 'SDP');
	await expect(page.getByRole('region', { name: 'Description history' })).toContainText(
		'setCodecPreferences'
	);
	await showTab(page, 'Stats');

	await controls.getByRole('button', { name: 'Mute video' }).click();
	await expect(controls.getByRole('button', { name: 'Mute video' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await controls.getByRole('button', { name: 'Replace video with a test pattern' }).click();
	await expect(controls.getByRole('status')).toContainText('replaceTrack(test pattern)');
});
