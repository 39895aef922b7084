// The lab workspace: after every "Next step" the step card and what the step changed are on one
// screen (no page scroll) at the projector sizes, in both languages, Projector mode on and off;
// the other panels are a tab or a digit key away and keep their state; the timeline takes every
// panel back to an earlier moment while the call runs on.
import type { Locator, Page } from '@playwright/test';
import { expect, lab, openLab, showTab, test } from './fixtures';

const SIZES = [
	{ width: 1280, height: 720 },
	{ width: 1366, height: 768 }
] as const;

const WORDS = {
	en: { next: 'Next step', steps: 'Steps' },
	'zh-CN': { next: '下一步', steps: '步骤' }
} as const;

/** Inside the window and not clipped away by a scrolling box around it. */
async function expectOnScreen(locator: Locator, what: string) {
	await expect(locator, what).toBeInViewport();
}

async function expectNoPageScroll(page: Page) {
	// Polled: a step that changes what is above the stage (the setup folding away after the first
	// step) is followed by the workspace measuring the stage again, in the same frame (a
	// ResizeObserver, before the paint), but possibly after a test's look at the DOM.
	await expect
		.poll(() => page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight), {
			message: 'the page scrolls'
		})
		.toBeLessThanOrEqual(1);
	expect(await page.evaluate(() => window.scrollY)).toBe(0);
}

for (const { width, height } of SIZES)
	for (const lang of ['en', 'zh-CN'] as const)
		for (const projector of [false, true])
			test(`each step's card and changes are on one screen at ${width}×${height} (${lang}, Projector ${projector ? 'on' : 'off'})`, async ({
				page
			}) => {
				await page.setViewportSize({ width, height });
				await page.addInitScript(
					([locale, on]) => {
						localStorage.setItem('PARAGLIDE_LOCALE', locale as string);
						localStorage.setItem('webrtc-lab.projector.v1', on ? 'on' : 'off');
					},
					[lang, projector] as const
				);
				await page.goto('/lab');
				await expect(lab(page)).toHaveAttribute('data-state', 'idle');
				const words = WORDS[lang];
				const next = page.getByRole('button', { name: words.next, exact: true });
				await expect(next).toBeEnabled();
				const changes = page.getByTestId('step-changes');
				const card = page.getByRole('region', { name: words.steps }).locator('pre.code');
				let sawSdp = false;
				let sawCandidate = false;
				for (let step = 0; step < 20; step++) {
					const state = await lab(page).getAttribute('data-state');
					if (state === 'connected') break;
					await next.click();
					await expect(lab(page)).not.toHaveAttribute('data-state', state!);
					// The step has come to rest: "Next step" is usable again, or the call is up.
					await expect
						.poll(
							async () =>
								(await lab(page).getAttribute('data-state')) === 'connected' ||
								(await next.isEnabled())
						)
						.toBe(true);
					const now = (await lab(page).getAttribute('data-state'))!;
					await expect(changes).toHaveAttribute('data-changes-for', now);
					await expectNoPageScroll(page);
					if (now !== 'connected') await expectOnScreen(card, `step card after ${now}`);
					// Peer A and Peer B side by side: one column each in the table of state moves.
					const columns = page.getByTestId(/^changes-peer-/);
					if (await columns.count()) {
						const a = await page.getByTestId('changes-peer-A').boundingBox();
						const b = await page.getByTestId('changes-peer-B').boundingBox();
						expect(
							a && b && Math.abs(a.y - b.y) < 2 && a.x + a.width <= b.x,
							`side by side after ${now}`
						).toBe(true);
					}
					// Every kind of change the step made is in view: its first state change, its first
					// candidate, the SDP lines it produced or applied, and the newest arrow.
					const moved = changes.locator('[data-testid^="change-"]');
					if (await moved.count()) await expectOnScreen(moved.first(), `state change after ${now}`);
					const candidate = changes.locator('ul.candidates li');
					if (await candidate.count()) {
						sawCandidate = true;
						await expectOnScreen(candidate.first(), `candidate after ${now}`);
					}
					const sdp = changes.locator('pre.excerpt');
					if (await sdp.count()) {
						sawSdp = true;
						const added = sdp.locator('.added');
						await expectOnScreen((await added.count()) ? added.first() : sdp, `SDP after ${now}`);
					}
					const arrow = page.getByTestId('new-arrows').locator('li.newest');
					if (await arrow.count()) await expectOnScreen(arrow, `newest arrow after ${now}`);
				}
				await expect(lab(page)).toHaveAttribute('data-state', 'connected');
				expect(sawSdp && sawCandidate).toBe(true);
			});

test('the timeline takes every panel back to "offerCreated" while the call runs on, then back to live', async ({
	page
}) => {
	await openLab(page);
	// A run with a step delay rests in every step's state (at delay 0 it races through them
	// within one machine step, and the timeline keeps the calls instead).
	await page.getByLabel('Step delay').fill('50');
	await page.getByRole('button', { name: 'Run to connected' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	await showTab(page, 'SDP');
	await expect(page.getByRole('heading', { name: /Answer \(Peer B\)/ })).toBeVisible();

	// ← from the page steps back one moment at a time, until the moment the offer was created.
	await page.getByRole('heading', { name: 'Loopback lab', level: 1 }).click();
	const moment = page.getByTestId('timeline-moment');
	for (
		let i = 0;
		i < 200 && !/· offerCreated$/.test(((await moment.textContent()) ?? '').trim());
		i++
	)
		await page.keyboard.press('ArrowLeft');
	await expect(moment).toContainText('offerCreated');
	await expect(lab(page)).not.toHaveAttribute('data-shown', 'live');
	// The live machine is still connected; the panels show the past.
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	await expect(page.getByRole('heading', { name: /Offer \(Peer A\)/ })).toBeVisible();
	await expect(page.getByRole('heading', { name: /Answer \(Peer B\)/ })).toHaveCount(0);
	await showTab(page, 'Peers');
	for (const id of ['A', 'B'] as const) {
		const peer = page.getByRole('region', { name: `Peer ${id}`, exact: true });
		await expect(peer.getByTestId('signalingState')).toHaveText('stable');
		await expect(peer.getByRole('table')).toContainText('No candidates yet.');
	}
	await showTab(page, 'Candidates & pairs');
	await expect(
		page.getByRole('region', { name: 'Candidate pairs' }).getByTestId('pair-row')
	).toHaveCount(0);
	await showTab(page, 'Step');
	await expect(page.getByTestId('step-changes')).toHaveAttribute(
		'data-changes-for',
		'offerCreated'
	);
	await expect(page.getByTestId('state-strip').locator('[aria-current="step"]')).toContainText(
		'offerCreated'
	);

	// → (outside the tabs, whose arrows move between tabs) moves one moment forward; "Back to
	// live" returns to the connected call.
	await page.getByRole('heading', { name: 'Loopback lab', level: 1 }).click();
	await page.keyboard.press('ArrowRight');
	await expect(moment).not.toContainText('· offerCreated');
	await page.getByRole('button', { name: /Back to live/ }).click();
	await expect(lab(page)).toHaveAttribute('data-shown', 'live');
	await showTab(page, 'SDP');
	await expect(page.getByRole('heading', { name: /Answer \(Peer B\)/ })).toBeVisible();
});

test('tabs open by click, arrow keys and digits, and each panel keeps its state', async ({
	page
}) => {
	await openLab(page);
	await page.getByLabel('Step delay').fill('0');
	await page.getByRole('button', { name: 'Run to connected' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	// The full statechart, opened in its tab, is still open after a visit to another tab.
	await showTab(page, 'Statechart');
	await page.getByRole('button', { name: 'Full statechart' }).click();
	await expect(page.getByRole('button', { name: 'Full statechart' })).toHaveAttribute(
		'aria-expanded',
		'true'
	);
	// A half-typed chat message too.
	await showTab(page, 'Chat');
	await page.getByLabel('Message from Peer A').fill('half typed');
	// Digit keys open the tab with that number (outside a form control).
	await page.getByRole('heading', { name: 'Loopback lab', level: 1 }).click();
	await page.keyboard.press('1');
	await expect(page.getByRole('tab', { name: 'Step', exact: true })).toHaveAttribute(
		'aria-selected',
		'true'
	);
	await page.keyboard.press('7');
	await expect(page.getByRole('button', { name: 'Full statechart' })).toHaveAttribute(
		'aria-expanded',
		'true'
	);
	// ← / → move between the tabs when a tab has the focus.
	await page.getByRole('tab', { name: 'Statechart' }).focus();
	await page.keyboard.press('ArrowRight');
	await expect(page.getByRole('tab', { name: 'Chat' })).toBeFocused();
	await expect(page.getByLabel('Message from Peer A')).toHaveValue('half typed');
});
