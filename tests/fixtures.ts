import { test as base, expect, type Locator, type Page } from '@playwright/test';

/**
 * Every browser test fails on a console error or an uncaught exception in the page: a lab that
 * works only while throwing in the background is not working.
 */
export const test = base.extend<{ consoleErrors: string[]; ownContextsClosed: void }>({
	consoleErrors: [
		async ({ page }, use) => {
			const errors: string[] = [];
			page.on('console', (message) => {
				if (message.type() === 'error') errors.push(message.text());
			});
			page.on('pageerror', (error) => errors.push(`${error.name}: ${error.message}`));
			await use(errors);
			expect(errors, 'console errors in the page').toEqual([]);
		},
		{ auto: true }
	],
	/**
	 * Playwright closes the test's own context, not those a test opens with browser.newContext()
	 * (the remote tests' second laptop, a fresh page for a permalink). Left open, their calls kept
	 * polling stats and sending media into every later test of the worker, which slowed down more
	 * and more. Closed here, whether the test passed or not; the test's own context stays to
	 * Playwright (it saves the trace).
	 */
	ownContextsClosed: [
		async ({ browser, context }, use) => {
			await use();
			const others = browser.contexts().filter((c) => c !== context);
			await Promise.all(others.map((c) => c.close()));
		},
		{ auto: true }
	]
});

export { expect };

export const lab = (page: Page) => page.locator('.lab');
/** A peer's panel, in the lab's "Peers" tab (`showTab(page, 'Peers')` first). */
export const peer = (page: Page, id: 'A' | 'B') =>
	page.getByRole('region', { name: `Peer ${id}`, exact: true });

/** Opens the lab's setup once a run has started (it folds away under "Setup"; open when idle). */
export async function openSetup(page: Page, name = 'Setup') {
	await showTab(page, 'Step');
	const setup = page.locator('details.setup');
	if ((await setup.count()) && !(await setup.evaluate((d) => (d as HTMLDetailsElement).open)))
		await setup.getByText(name, { exact: true }).click();
}

/** Opens one of the lab workspace's tabs ("Step", "Peers", "SDP", "Sequence" …) by its name. */
export async function showTab(page: Page, name: string) {
	const tab = page.getByRole('tab', { name, exact: true });
	if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
	await expect(tab).toHaveAttribute('aria-selected', 'true');
}
export const peerState = (page: Page, id: 'A' | 'B', name: string) =>
	peer(page, id).getByTestId(name);

/** Opens the lab and waits until it is interactive (hydrated). */
export async function openLab(page: Page) {
	await page.goto('/lab');
	await expect(lab(page)).toHaveAttribute('data-state', 'idle');
	await expect(page.getByRole('button', { name: 'Next step' })).toBeEnabled();
}

/** The rendered height of an element's text: the box of its glyphs, not of its padding. */
export function textHeights(locator: Locator): Promise<{ text: string; height: number }[]> {
	return locator.evaluateAll((elements) =>
		elements
			.filter((element) => (element.textContent ?? '').trim() !== '')
			.map((element) => {
				const range = document.createRange();
				range.selectNodeContents(element);
				return {
					text: (element.textContent ?? '').trim(),
					height: range.getBoundingClientRect().height
				};
			})
	);
}
