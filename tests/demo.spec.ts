import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, lab, test } from './fixtures';

// The NAT/TURN fallback demo (/demo) as a teacher uses it: one scenario at a time, at the step
// delay the teacher chose, waiting for "Next scenario" (or N in Projector mode) between them.

const caption = (page: Page) => page.getByTestId('demo-caption');
const outcome = (page: Page) => page.getByTestId('demo-outcome');
const scenario = (page: Page, id: string) => page.locator(`li[data-step="${id}"]`);
/** The demo's own step delay control (the lab below has the same one). */
const stepDelay = (page: Page) => page.getByTestId('demo-controls').getByRole('slider');

/** Opens /demo and waits until the first scenario can run (hydrated, TURN server loaded). */
async function openDemo(page: Page, startLabel = 'Run scenario 1') {
	// A full run of three scenarios, through a TURN relay for the last one.
	test.slow();
	await page.goto('/demo');
	// The lab loads its TURN server first: seconds on a busy machine.
	await expect(page.getByRole('button', { name: startLabel })).toBeEnabled({ timeout: 30_000 });
}

/** The demo has ended scenario `id` and waits: still on it, the lab at rest. */
async function waitsAfter(page: Page, id: string, number: number, labState: string) {
	await expect(page.locator('.demo')).toHaveAttribute('data-phase', 'ended');
	await expect(page.locator('.demo')).toHaveAttribute('data-scenario', id);
	await expect(caption(page)).toContainText(`Scenario ${number}/3`);
	await expect(lab(page)).toHaveAttribute('data-state', labState);
	await expect(scenario(page, id)).toHaveAttribute('aria-current', 'step');
	for (const later of ['direct', 'no-turn', 'relay'].slice(number)) {
		await expect(scenario(page, later)).toHaveAttribute('data-result', 'pending');
	}
}

async function expectDirect(page: Page) {
	await expect(outcome(page).getByTestId('demo-machine-state')).toHaveText('connected');
	for (const peer of ['A', 'B']) {
		await expect(outcome(page).getByTestId(`demo-connection-${peer}`)).toHaveText('connected');
		await expect(
			outcome(page).getByTestId(`demo-pair-${peer}`).getByTestId('demo-local-type')
		).toHaveText('host');
	}
	await expect(scenario(page, 'direct')).toHaveAttribute('data-result', 'connected-direct');
	await expect(caption(page)).toContainText('Connected host ↔ host');
}

async function expectNoPath(page: Page) {
	await expect(outcome(page).getByTestId('demo-machine-state')).toHaveText('failed');
	await expect(scenario(page, 'no-turn')).toHaveAttribute('data-result', /^(no-path|failed)$/);
	// The lab's own reasons, shown beside the caption.
	const why = outcome(page).getByTestId('ice-failure');
	await expect(why.getByRole('heading', { name: 'Why ICE failed' })).toBeVisible();
	await expect(why.locator('li[data-reason="no-turn"]')).toBeVisible();
	for (const peer of ['A', 'B']) {
		await expect(outcome(page).getByTestId(`demo-pair-${peer}`)).toContainText(
			'No pair selected yet'
		);
	}
	await expect(caption(page)).toContainText('ICE failed');
}

async function expectRelay(page: Page) {
	await expect(outcome(page).getByTestId('demo-machine-state')).toHaveText('connected');
	for (const peer of ['A', 'B']) {
		await expect(outcome(page).getByTestId(`demo-connection-${peer}`)).toHaveText('connected');
		// One end is a TURN allocation: relay ↔ relay, or srflx ↔ relay (the other side's relay,
		// seen from there as prflx ↔ relay).
		const pair = outcome(page).getByTestId(`demo-pair-${peer}`);
		await expect(
			pair
				.getByTestId(/^demo-(local|remote)-type$/)
				.filter({ hasText: /^relay$/ })
				.first()
		).toBeVisible();
		// The same pair as the lab's own stats table.
		await expect(page.getByTestId(`stats-${peer}`)).toContainText('relay');
	}
	await expect(scenario(page, 'relay')).toHaveAttribute('data-result', 'connected-relay');
	await expect(caption(page)).toContainText('Connected through the relay');
}

test('/demo plays one scenario at a time at the teacher’s step delay and waits for “Next scenario”', async ({
	page
}) => {
	await openDemo(page);
	const next = page.getByRole('button', { name: 'Next scenario' });
	// The teacher's step delay: the demo plays at it and never changes it.
	await stepDelay(page).fill('100');
	await expect(page.getByTestId('demo-controls')).toContainText('100 ms');
	// Captions are numbered once (by the page): "Scenario 1/3 A direct path", never "1. 1. …".
	await expect(scenario(page, 'direct')).toHaveText('A direct path');
	await expect(caption(page).getByRole('heading')).toHaveText(/^\s*Scenario 1\/3\s*A direct path$/);
	// Nothing runs before the teacher starts.
	await expect(page.locator('.demo')).toHaveAttribute('data-phase', 'ready');
	await expect(lab(page)).toHaveAttribute('data-state', 'idle');

	await page.getByRole('button', { name: 'Run scenario 1' }).click();
	await expectDirect(page);
	await waitsAfter(page, 'direct', 1, 'connected');
	await expect(next).toBeEnabled();

	await next.click();
	await expect(caption(page)).toContainText('Scenario 2/3');
	await expectNoPath(page);
	await waitsAfter(page, 'no-turn', 2, 'failed');

	await next.click();
	await expect(caption(page)).toContainText('Scenario 3/3');
	await expectRelay(page);
	await waitsAfter(page, 'relay', 3, 'connected');
	await expect(caption(page)).toContainText('Demo finished: direct, no path, then relay.');
	await expect(next).toBeDisabled();
	await expect(page.getByTestId('demo-controls')).toContainText('100 ms');
	await expect(page.locator('.lab').getByRole('slider', { name: 'Step delay' })).toHaveValue('100');
	await expect(
		page.locator('.scenarios li.done'),
		'every scenario ended as the story says'
	).toHaveCount(3);

	// Shown on a projector to a class: no serious accessibility violation in the demo's own part
	// (the lab below has its own axe checks; walking all of it takes most of a minute).
	const axe = new AxeBuilder({ page })
		.include('.demo > .bar')
		.include('[data-testid="demo-controls"]')
		.include('.demo > .stage');
	const serious = (await axe.analyze()).violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(serious).toEqual([]);

	// "Restart the demo" goes back to the first scenario and runs it.
	await page.getByRole('button', { name: 'Restart the demo' }).click();
	await expect(caption(page)).toContainText('Scenario 1/3');
	await expectDirect(page);
	await waitsAfter(page, 'direct', 1, 'connected');
});

test('/demo in Projector mode: N runs the next scenario once the current one has ended, never while typing', async ({
	page
}) => {
	await openDemo(page);
	await stepDelay(page).fill('0');
	await page.getByRole('checkbox', { name: 'Projector mode' }).check();
	await expect(page.locator('html')).toHaveAttribute('data-projector', 'on');
	const presenter = page.getByRole('complementary', { name: 'Presenter keys' });
	await expect(presenter).toContainText('N next scenario');
	const title = page.getByRole('heading', { name: 'NAT/TURN fallback demo', level: 1 });

	await title.click();
	await page.keyboard.press('n');
	await expectDirect(page);
	await waitsAfter(page, 'direct', 1, 'connected');

	// Typing in a field: the key belongs to the field.
	await stepDelay(page).focus();
	await page.keyboard.press('n');
	await expect(presenter.getByRole('status')).toHaveText('Pressed: next scenario');
	await waitsAfter(page, 'direct', 1, 'connected');

	await title.click();
	await page.keyboard.press('N');
	await expect(caption(page)).toContainText('Scenario 2/3');
	await expectNoPath(page);
	await waitsAfter(page, 'no-turn', 2, 'failed');

	await title.click();
	await page.keyboard.press('n');
	await expect(caption(page)).toContainText('Scenario 3/3');
	await expectRelay(page);
	await waitsAfter(page, 'relay', 3, 'connected');
	// The story is over: N has nothing left to do.
	await page.keyboard.press('n');
	await waitsAfter(page, 'relay', 3, 'connected');
	await expect(stepDelay(page)).toHaveValue('0');
});

/** The element lies wholly inside the viewport, the page scrolled to its top. */
async function expectOnScreen(page: Page, element: Locator, what: string) {
	const box = await element.boundingBox();
	const viewport = page.viewportSize()!;
	expect(box, `${what} is drawn`).not.toBeNull();
	expect(await page.evaluate(() => scrollY), 'the page is not scrolled').toBe(0);
	expect(box!.y, `${what}: top`).toBeGreaterThanOrEqual(0);
	expect(box!.x, `${what}: left`).toBeGreaterThanOrEqual(0);
	expect(box!.y + box!.height, `${what}: bottom`).toBeLessThanOrEqual(viewport.height);
	expect(box!.x + box!.width, `${what}: right`).toBeLessThanOrEqual(viewport.width);
}

for (const locale of ['en', 'zh-CN'] as const) {
	test.describe(`at 1280×720 in Projector mode (${locale})`, () => {
		test.use({ viewport: { width: 1280, height: 720 }, locale });

		test('the caption and the lab’s outcome are on screen together in every scenario', async ({
			page
		}) => {
			await page.addInitScript(() => localStorage.setItem('webrtc-lab.projector.v1', 'on'));
			await openDemo(page, locale === 'en' ? 'Run scenario 1' : '运行场景 1');
			await expect(page.locator('html')).toHaveAttribute('data-projector', 'on');
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			// The teacher chose full speed for this class.
			await stepDelay(page).fill('0');
			const onScreen = async (id: string) => {
				await expect(page.locator('.demo')).toHaveAttribute('data-phase', 'ended');
				await expect(page.locator('.demo')).toHaveAttribute('data-scenario', id);
				await expectOnScreen(page, caption(page), `${id}: the caption`);
				await expectOnScreen(page, caption(page).locator('.why'), `${id}: why it ended so`);
				await expectOnScreen(page, outcome(page), `${id}: the lab's outcome`);
				await expectOnScreen(
					page,
					page.getByTestId('demo-controls').getByRole('button').first(),
					`${id}: "Next scenario"`
				);
			};
			const go = page.getByTestId('demo-controls').getByRole('button').first();
			await go.click();
			await expect(scenario(page, 'direct')).toHaveAttribute('data-result', 'connected-direct');
			await onScreen('direct');
			await go.click();
			await expect(outcome(page).getByTestId('ice-failure')).toBeVisible();
			await onScreen('no-turn');
			await expectOnScreen(page, outcome(page).getByTestId('ice-failure'), 'Why ICE failed');
			await go.click();
			await expect(scenario(page, 'relay')).toHaveAttribute('data-result', 'connected-relay');
			await onScreen('relay');
		});
	});
}
