import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, lab, test } from './fixtures';

// Three predictions hold the lab: before offerCreated, remoteOfferSet and iceChecking.
const LESSON = '/lessons/offer-and-answer';
const FIRST = /right after it/;
const SECOND = /after setRemoteDescription\(offer\)/;
const THIRD = /Which state does A end in/;

async function openLesson(page: Page) {
	// A lesson page loads the lab and mermaid's diagrams: several seconds per load.
	test.slow();
	await page.goto(LESSON);
	await expect(lab(page)).toHaveAttribute('data-state', 'idle');
	await expect(page.getByRole('button', { name: 'Next step' })).toBeEnabled();
}

const card = (page: Page, question: RegExp) =>
	page.locator('form.prediction').filter({ hasText: question });

async function answer(page: Page, question: RegExp, choice: string) {
	const form = card(page, question);
	await form.getByRole('radio', { name: choice, exact: true }).check();
	await form.getByRole('button', { name: 'Commit my answer' }).click();
	await expect(form.getByRole('status')).toBeVisible();
}

/** Answers with the keyboard only: Space picks the choice, Enter commits. */
async function answerWithKeys(page: Page, question: RegExp, choice: string) {
	const form = card(page, question);
	await form.getByRole('radio', { name: choice, exact: true }).focus();
	await page.keyboard.press('Space');
	await form.getByRole('button', { name: 'Commit my answer' }).focus();
	await page.keyboard.press('Enter');
	await expect(form.getByRole('status')).toBeVisible();
	// The commit button is gone and the choices are disabled: the focus is on the revealed answer.
	await expect(form.getByRole('status')).toBeFocused();
	await expectFocusKept(page);
}

async function expectFocusKept(page: Page, on?: Locator) {
	expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
	if (on) await expect(on).toBeFocused();
}

test('a run stopped at a prediction goes on by itself once the learner answers', async ({
	page
}) => {
	await openLesson(page);
	await page.getByRole('button', { name: 'Run to connected' }).click();
	// The run stops before createOffer: the first prediction is due.
	await expect(lab(page)).toHaveAttribute('data-state', 'dataChannelCreated');
	await expect(page.getByTestId('held')).toContainText('offerCreated');

	// Each answer lets the run go on, to the next prediction and finally to connected.
	await answer(page, FIRST, 'stable');
	await expect(page.getByTestId('held')).toContainText('remoteOfferSet');
	await answer(page, SECOND, 'have-remote-offer');
	await expect(page.getByTestId('held')).toContainText('iceChecking');
	await answer(page, THIRD, 'stable');
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	await expect(page.getByTestId('held')).toHaveCount(0);
});

test('a learner stepping with "Next step" who answers stays where they are', async ({ page }) => {
	await openLesson(page);
	const nextStep = page.getByRole('button', { name: 'Next step' });
	await nextStep.click();
	await expect(lab(page)).toHaveAttribute('data-state', 'peersCreated');
	await nextStep.click();
	await expect(lab(page)).toHaveAttribute('data-state', 'dataChannelCreated');
	await expect(page.getByTestId('held')).toContainText('offerCreated');

	await answer(page, FIRST, 'stable');
	await expect(page.getByTestId('held')).toHaveCount(0);
	await expect(nextStep).toBeEnabled();
	// Nothing runs: the lab still waits for "Next step" in the same state.
	await expect(page.getByRole('button', { name: 'Run to connected' })).toBeEnabled();
	await expect(lab(page)).toHaveAttribute('data-state', 'dataChannelCreated');
	await nextStep.click();
	await expect(lab(page)).toHaveAttribute('data-state', 'offerCreated');
});

test('keyboard: the focus never drops to the page body while the run goes and stops', async ({
	page
}) => {
	await openLesson(page);
	const nextStep = page.getByRole('button', { name: 'Next step' });
	const run = page.locator('.controls button').nth(1);

	// "Next step" with the keyboard: the button is unavailable while the step works, then again.
	await nextStep.focus();
	await page.keyboard.press('Space');
	await expect(lab(page)).toHaveAttribute('data-state', 'peersCreated');
	await expectFocusKept(page, nextStep);

	// "Run to connected" with Enter: it turns into "Pause" while the run goes, and is unavailable
	// while the run waits for the prediction.
	await run.focus();
	await page.keyboard.press('Enter');
	await expect(lab(page)).toHaveAttribute('data-state', 'dataChannelCreated');
	await expect(page.getByTestId('held')).toContainText('offerCreated');
	await expect(run).toHaveAccessibleName('Run to connected');
	await expect(run).toBeDisabled();
	await expectFocusKept(page, run);

	// No serious axe violation with the lab held and its controls unavailable.
	const violations = (await new AxeBuilder({ page }).analyze()).violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(violations).toEqual([]);

	// The answers, with the keyboard: the run goes on after each, to connected.
	await answerWithKeys(page, FIRST, 'stable');
	await expect(page.getByTestId('held')).toContainText('remoteOfferSet');
	await answerWithKeys(page, SECOND, 'have-remote-offer');
	await expect(page.getByTestId('held')).toContainText('iceChecking');
	await answerWithKeys(page, THIRD, 'stable');
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	await expectFocusKept(page, card(page, THIRD).getByRole('status'));

	// A whole run from the keyboard after a reset: the focus stays on the button to the end.
	await page.getByRole('button', { name: 'Reset' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'idle');
	await run.focus();
	await page.keyboard.press('Enter');
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	await expect(run).toHaveAccessibleName('Run to connected');
	await expect(run).toBeDisabled();
	await expectFocusKept(page, run);
});
