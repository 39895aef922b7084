import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// The site header at 1280 px: every link and label on one line (never "Loopback / lab" or
// "课 / 程"), and nothing pushed off the screen, in both languages, Projector mode on and off.

/** How many lines each nav link's text takes, and the header items that leave the viewport. */
const measure = (page: Page) =>
	page.evaluate(() => {
		const header = document.querySelector('.site-header')!;
		// The most lines any piece of the item's text lies on (a text range has one rectangle
		// per line; a label's checkbox or select is left out).
		const lines = (element: Element) => {
			const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
			let most = 0;
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				if (!node.textContent!.trim() || node.parentElement!.closest('select')) continue;
				const range = document.createRange();
				range.selectNodeContents(node);
				most = Math.max(most, range.getClientRects().length);
			}
			return most;
		};
		const items = [...header.querySelectorAll('a, label')];
		return {
			lines: Object.fromEntries(items.map((item) => [item.textContent!.trim(), lines(item)])),
			outside: items
				.filter((item) => {
					const box = item.getBoundingClientRect();
					return box.left < 0 || box.right > innerWidth;
				})
				.map((item) => item.textContent!.trim())
		};
	});

for (const locale of ['en', 'zh-CN'] as const) {
	test.describe(`the header at 1280 px (${locale})`, () => {
		// The browser's language: the server renders the page in it.
		test.use({ viewport: { width: 1280, height: 720 }, locale });

		for (const projector of ['off', 'on'] as const) {
			test(`never breaks a word, Projector mode ${projector}`, async ({ page }) => {
				await page.addInitScript(
					(value) => localStorage.setItem('webrtc-lab.projector.v1', value),
					projector
				);
				await page.goto('/sdp');
				await expect(page.locator('html')).toHaveAttribute('lang', locale);
				// Projector mode applies once the page has read the remembered choice.
				if (projector === 'on') {
					await expect(page.locator('html')).toHaveAttribute('data-projector', 'on');
				} else {
					await expect(page.locator('html')).not.toHaveAttribute('data-projector', 'on');
				}
				const { lines, outside } = await measure(page);
				expect(Object.keys(lines).length, 'brand, 7 links, 2 labels').toBe(10);
				for (const [text, count] of Object.entries(lines)) {
					expect(count, `"${text}" on one line`).toBe(1);
				}
				expect(outside, 'header items outside the viewport').toEqual([]);
			});
		}
	});
}
