// Switching the language re-words the page at once: at the first frame after the click on
// 简体中文, the main content holds no English prose that a page opened in Chinese does not hold
// (text fetched after the switch, or worded into state at some earlier event, would still be
// English there). The first frame is caught by a requestAnimationFrame callback registered in
// the same task as the change of the switch.
import type { Browser, Page, TestInfo } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { expect, lab, showTab, test } from './fixtures';
import { installVisibleText, wrongLanguage, type VisibleText } from './visible-text';

type Lang = 'en' | 'zh-CN';

const dump = fileURLToPath(
	new URL('../src/lib/core/stats/fixtures/chromium-internals-dump.txt.gz', import.meta.url)
);

/** Each page, opened and brought to the state the test reads (ready, a dump loaded …). */
/**
 * `runs`: the page shows what its own run produced (a connected lab's candidates differ from run
 * to run), so the same page a frame after the first counts as settled too.
 */
const PAGES: {
	path: string;
	ready: (page: Page, lang: Lang) => Promise<void>;
	runs?: boolean;
}[] = [
	{
		path: '/',
		ready: async (page) => {
			await expect(page.locator('li[data-lesson]').first()).toBeVisible();
			// Progress is read from this browser once the page is interactive.
			await expect(page.locator('li[data-lesson] .progress').first()).toHaveAttribute(
				'data-standing',
				/./
			);
		}
	},
	{
		path: '/lab',
		ready: async (page, lang) => {
			await expect(lab(page)).toHaveAttribute('data-state', 'idle');
			const next = lang === 'en' ? 'Next step' : '下一步';
			await expect(page.getByRole('button', { name: next, exact: true })).toBeEnabled();
		}
	},
	{
		// Connected: the step card, what the last step changed and the timeline are worded too.
		path: '/lab#step=connected',
		runs: true,
		ready: async (page) => {
			await expect(lab(page)).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
			await expect(page.getByTestId('step-changes')).toHaveAttribute(
				'data-changes-for',
				'connected'
			);
		}
	},
	{
		path: '/lessons/offer-and-answer',
		ready: async (page) => {
			await expect(page.locator('.lesson-page')).toHaveAttribute('data-mounted', 'true');
		}
	},
	{
		path: '/stats',
		ready: async (page) => {
			const file = page.locator('input[type="file"]');
			await expect(file).toBeEnabled();
			await file.setInputFiles(dump);
			await expect(page.getByTestId('connection')).toHaveCount(2);
		}
	}
];

async function open(browser: Browser, lang: Lang, path: string, testInfo: TestInfo) {
	const context = await browser.newContext();
	await context.addCookies([
		{ name: 'PARAGLIDE_LOCALE', value: lang, url: testInfo.project.use.baseURL! }
	]);
	await installVisibleText(context);
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	await page.goto(path);
	return { page, errors };
}

for (const { path, ready, runs } of PAGES)
	test(`${path}: no English is left at the first frame after switching to 简体中文`, async ({
		browser
	}, testInfo) => {
		// What the page holds when opened in Chinese (some of it may still be untranslated: that is
		// the walk's business, not this test's).
		const chinese = await open(browser, 'zh-CN', path, testInfo);
		await ready(chinese.page, 'zh-CN');
		const texts = await chinese.page.evaluate(() =>
			window.__visibleTexts!(document.querySelector('main')!)
		);
		const settled = new Set(wrongLanguage(texts, 'zh-CN'));

		const english = await open(browser, 'en', path, testInfo);
		await ready(english.page, 'en');
		const first = await english.page.evaluate(
			() =>
				new Promise<{ lang: string; texts: VisibleText[] }>((resolve) => {
					const select = document.querySelector<HTMLSelectElement>('[data-testid="ui-language"]')!;
					requestAnimationFrame(() =>
						resolve({
							lang: document.documentElement.lang,
							texts: window.__visibleTexts!(document.querySelector('main')!)
						})
					);
					select.value = 'zh-CN';
					select.dispatchEvent(new Event('input', { bubbles: true }));
					select.dispatchEvent(new Event('change', { bubbles: true }));
				})
		);
		expect(first.lang).toBe('zh-CN');
		// The same page once the switch has been drawn: a connected lab shows this run's candidates,
		// which another run (the page opened in Chinese) may not have shown.
		if (runs) {
			const later = await english.page.evaluate(
				() =>
					new Promise<VisibleText[]>((resolve) =>
						requestAnimationFrame(() =>
							requestAnimationFrame(() =>
								resolve(window.__visibleTexts!(document.querySelector('main')!))
							)
						)
					)
			);
			for (const text of wrongLanguage(later, 'zh-CN')) settled.add(text);
		}
		const flashed = wrongLanguage(first.texts, 'zh-CN').filter((text) => !settled.has(text));
		expect(flashed, `English at the first frame after switching on ${path}`).toEqual([]);
		expect([...chinese.errors, ...english.errors]).toEqual([]);
	});

test('/lab: what the timeline last announced is re-worded at the first frame too', async ({
	browser
}, testInfo) => {
	const { page, errors } = await open(browser, 'en', '/lab#step=connected', testInfo);
	await expect(lab(page)).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
	// To a past moment and back to live: the timeline says so to screen readers.
	const range = page.getByTestId('timeline-range');
	await range.focus();
	await page.keyboard.press('Home');
	await expect(page.getByRole('status').filter({ hasText: 'Showing a past moment' })).toHaveCount(
		1
	);
	await page.keyboard.press('End');
	const said = page.locator('.timeline [role="status"]');
	await expect(said).toHaveText('Back to live.');

	const first = await page.evaluate(
		() =>
			new Promise<string>((resolve) => {
				const select = document.querySelector<HTMLSelectElement>('[data-testid="ui-language"]')!;
				requestAnimationFrame(() =>
					resolve((document.querySelector('.timeline [role="status"]')!.textContent ?? '').trim())
				);
				select.value = 'zh-CN';
				select.dispatchEvent(new Event('change', { bubbles: true }));
			})
	);
	expect(first).toBe('已回到实时。');
	expect(errors).toEqual([]);
});

test('/lab: a drawn sequence diagram never shows the language just left (hidden until redrawn)', async ({
	browser
}, testInfo) => {
	const { page, errors } = await open(browser, 'en', '/lab#step=connected', testInfo);
	await expect(lab(page)).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
	await showTab(page, 'Sequence');
	const figure = page.getByRole('img', { name: /sequence/i }).first();
	await expect(figure).toHaveAttribute('aria-busy', 'false');
	await expect(figure).toContainText('Peer A');
	const first = await page.evaluate(
		() =>
			new Promise<{ shown: boolean; english: boolean }>((resolve) => {
				const select = document.querySelector<HTMLSelectElement>('[data-testid="ui-language"]')!;
				const drawing = [...document.querySelectorAll('figure[role="img"]')].find((f) =>
					f.textContent?.includes('Peer A')
				)!;
				requestAnimationFrame(() =>
					resolve({
						shown: getComputedStyle(drawing).visibility !== 'hidden',
						english: drawing.textContent?.includes('Peer A') ?? false
					})
				);
				select.value = 'zh-CN';
				select.dispatchEvent(new Event('change', { bubbles: true }));
			})
	);
	// At the first frame the old drawing is either redrawn already or hidden, never shown in English.
	expect(first.shown && first.english).toBe(false);
	const redrawn = page.locator('figure[role="img"]:not(.stale)').filter({ hasText: '对端 A' });
	await expect(redrawn.first()).toBeVisible();
	expect(errors).toEqual([]);
});
