import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, lab, peerState, test } from './fixtures';

const LESSON = '/lessons/offer-and-answer';

/** Opens a lesson and waits until the lab is interactive (hydrated). */
async function openLesson(page: Page, hash = '') {
	// A lesson page loads the lab and mermaid's diagrams: several seconds per load under `vite dev`.
	test.slow();
	await page.goto(LESSON + hash);
	await expect(lab(page)).toHaveAttribute('data-state', 'idle');
	await expect(page.getByRole('button', { name: 'Next step' })).toBeEnabled();
}

const check = (page: Page, description: string) =>
	page.getByRole('listitem').filter({ hasText: description });

async function answer(page: Page, question: RegExp, choice: string) {
	const form = page.locator('form.prediction').filter({ hasText: question });
	await form.getByRole('radio', { name: choice, exact: true }).check();
	await form.getByRole('button', { name: 'Commit my answer' }).click();
	await expect(form.getByRole('status')).toBeVisible();
}

test('the offer-and-answer lesson: predict, step to have-local-offer, run to connected, complete', async ({
	page
}) => {
	await openLesson(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Offer and answer');
	await expect(check(page, 'Reach have-local-offer on Peer A.')).toContainText('Pending');

	// Two steps to dataChannelCreated; the next one (createOffer) waits for the first prediction.
	const nextStep = page.getByRole('button', { name: 'Next step' });
	await nextStep.click();
	await expect(lab(page)).toHaveAttribute('data-state', 'peersCreated');
	await nextStep.click();
	await expect(lab(page)).toHaveAttribute('data-state', 'dataChannelCreated');
	await expect(page.getByText('The lab waits for your prediction')).toBeVisible();
	// The lab is inert (no clicks, no focus) until the prediction is answered.
	await expect(page.locator('.lab-host')).toHaveAttribute('inert');

	await answer(page, /right after it/, 'stable');
	await expect(page.getByText('createOffer() only writes a proposal')).toBeVisible();
	await expect(page.getByText('The lab waits for your prediction')).toBeHidden();
	await expect(page.locator('.lab-host')).not.toHaveAttribute('inert');

	await nextStep.click();
	await expect(lab(page)).toHaveAttribute('data-state', 'offerCreated');
	await nextStep.click();
	await expect(lab(page)).toHaveAttribute('data-state', 'localOfferSet');
	await expect(peerState(page, 'A', 'signalingState')).toHaveText('have-local-offer');
	await expect(check(page, 'Reach have-local-offer on Peer A.')).toContainText('Passed');

	await answer(page, /after setRemoteDescription\(offer\)/, 'have-remote-offer');
	await answer(page, /Which state does A end in/, 'connected');
	await expect(page.getByText('Not quite: the answer is “stable”.')).toBeVisible();

	await page.getByLabel('Step delay').fill('0');
	await page.getByRole('button', { name: 'Run to connected' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	for (const description of [
		'Reach have-remote-offer on Peer B.',
		'Peer A went from have-local-offer back to stable.',
		'Finish the exchange: the machine reaches connected.'
	]) {
		await expect(check(page, description)).toContainText('Passed');
	}
	await expect(page.getByText('Lesson complete: every check has passed.')).toBeVisible();

	// A passed check stays passed after Reset.
	await page.getByRole('button', { name: 'Reset' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'idle');
	await expect(check(page, 'Reach have-local-offer on Peer A.')).toContainText('Passed');

	await page.goto('/');
	await page.reload();
	const item = page.locator('li[data-lesson="offer-and-answer"]');
	await expect(item).toContainText('Complete');
	await expect(page.locator('li[data-lesson="ice-candidates"]')).toContainText('Not started');
	await item.getByRole('link', { name: 'Offer and answer' }).click();
	await expect(page).toHaveURL(LESSON);
	await expect(page.getByText('Lesson complete: every check has passed.')).toBeVisible();
});

test('the language switch shows the Chinese text, and the permalink carries lesson and language', async ({
	page
}) => {
	await openLesson(page);
	await page.getByRole('link', { name: '简体中文' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Offer 与 answer');
	await expect(page).toHaveURL(`${LESSON}#lesson=offer-and-answer&lang=zh-CN`);
	await expect(page.getByRole('heading', { name: '九个步骤' })).toBeVisible();

	await page.goto('/');
	await page.goto(`${LESSON}#lesson=offer-and-answer&lang=zh-CN`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Offer 与 answer');
	await page.getByRole('link', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Offer and answer');
});

test('lesson text is rendered as text, with tables, code and lazy mermaid diagrams', async ({
	page
}) => {
	await openLesson(page);
	await expect(page.getByRole('cell', { name: 'pcA.createOffer()' })).toBeVisible();
	await expect(page.locator('pre code.language-js').first()).toContainText(
		'await pc.setLocalDescription(offer);'
	);
	await expect(page.getByRole('img', { name: 'Diagram 1' }).locator('svg')).toBeVisible();
	await expect(page.getByRole('link', { name: /Next: Reading SDP/ })).toBeVisible();
	await page.getByRole('link', { name: /Previous: Capturing media/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Capturing media/);
});

test('a lesson whose exercises are on another page links there and marks its checks', async ({
	page
}) => {
	await page.goto('/lessons/nat-and-stun');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Open it /nat' })).toBeVisible();
	await expect(page.locator('.checks li').first()).toContainText('Do this on /nat');
	await expect(lab(page)).toHaveCount(0);
});

test('axe finds no serious violation on a lesson page and the index', async ({ page }) => {
	const serious = async () =>
		(await new AxeBuilder({ page }).analyze()).violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	await openLesson(page);
	await expect(page.getByRole('img', { name: 'Diagram 1' }).locator('svg')).toBeVisible();
	expect(await serious()).toEqual([]);
	await page.goto('/');
	await expect(page.locator('li[data-lesson="offer-and-answer"]')).toBeVisible();
	expect(await serious()).toEqual([]);
});
