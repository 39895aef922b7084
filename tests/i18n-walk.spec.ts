// The language walk (issue 14's acceptance test): every route, in 简体中文 and in English, the way
// a learner reaches its full content (a lab connected, an SDP inspected, a dump opened, a
// simulation run), failing on every visible text in the wrong language. In 简体中文 that is English
// prose (three or more English words: src/lib/i18n/english-prose.ts says exactly what counts);
// in English, any Chinese. Code, identifiers and text marked as the other language (the language
// switch, the lessons' subtitles) are not read (tests/visible-text.ts). Each failure lists, for its
// route, every offending text once.
import type { BrowserContext, Page, TestInfo } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, lab, test } from './fixtures';
import { installVisibleText, visibleTexts, wrongLanguage } from './visible-text';

type Lang = 'en' | 'zh-CN';
const LANGS: Lang[] = ['zh-CN', 'en'];
const NAMES: Record<Lang, string> = { en: 'English', 'zh-CN': '简体中文' };

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const MESSAGES: Record<Lang, Record<string, unknown>> = {
	en: JSON.parse(readFileSync(root('messages/en.json'), 'utf8')),
	'zh-CN': JSON.parse(readFileSync(root('messages/zh-CN.json'), 'utf8'))
};

/** A UI label as the page shows it in `lang` (the messages the page itself uses). */
function word(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
	const message = MESSAGES[lang][key];
	if (typeof message !== 'string') throw new Error(`no message ${key} in ${lang}`);
	return message.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
}

/** The lessons, in order: the folders of lessons/ (`03-offer-and-answer` → `offer-and-answer`). */
const LESSONS = readdirSync(root('lessons'), { withFileTypes: true })
	.filter((entry) => entry.isDirectory() && /^\d{2}-/.test(entry.name))
	.map((entry) => entry.name)
	.sort()
	.map((name) => name.slice(3));

const sdpFixture = (name: string) =>
	readFileSync(root(`src/lib/core/sdp/fixtures/${name}`), 'utf8');
const statsFixture = (name: string) => root(`src/lib/core/stats/fixtures/${name}`);

/** A context that opens every page in `lang` (the cookie the server reads) and reads its text. */
async function prepare(context: BrowserContext, lang: Lang, testInfo: TestInfo) {
	const url = testInfo.project.use.baseURL!;
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: lang, url }]);
	await context.addInitScript((locale) => {
		localStorage.setItem('PARAGLIDE_LOCALE', locale);
	}, lang);
	await installVisibleText(context);
}

/** What one route shows, gathered over the moments the walk visits (tabs, states). */
class Findings {
	private readonly wrong = new Set<string>();
	constructor(private readonly lang: Lang) {}

	/** Reads a page now: it must be in `lang` (its <html lang> says so). */
	async read(page: Page) {
		await expect(page.locator('html')).toHaveAttribute('lang', this.lang);
		for (const text of wrongLanguage(await visibleTexts(page), this.lang)) this.wrong.add(text);
	}

	/** Fails with every text in the wrong language on the route, once each. */
	check(route: string) {
		const what = this.lang === 'en' ? 'Chinese' : 'English prose';
		expect(
			[...this.wrong].sort(),
			`${what} on ${route} in ${NAMES[this.lang]} (one line per text)`
		).toEqual([]);
	}
}

/**
 * Opens every tab of the workspace in turn (so each panel is drawn) and reads each, then again
 * with what its panel folds behind a disclosure button opened (the full statechart).
 */
async function readEveryTab(page: Page, findings: Findings) {
	const tabs = page.locator('.lab').getByRole('tab');
	const count = await tabs.count();
	expect(count, 'workspace tabs').toBeGreaterThan(0);
	for (let i = 0; i < count; i++) {
		const tab = tabs.nth(i);
		await tab.click();
		await expect(tab).toHaveAttribute('aria-selected', 'true');
		await findings.read(page);
		const panel = page.locator(`[id="${await tab.getAttribute('aria-controls')}"]`);
		const folded = panel.locator('button[aria-expanded="false"]:visible');
		const opened = await folded.count();
		for (let n = 0; n < opened; n++) {
			const button = folded.first();
			await button.click();
		}
		if (opened > 0) {
			await expect(panel.locator('button[aria-expanded="true"]:visible')).toHaveCount(opened);
			await findings.read(page);
		}
	}
}

/** Starts "Run to connected" on this page, at full speed. */
async function run(page: Page, lang: Lang) {
	await page.getByLabel(word(lang, 'stepDelay_label')).fill('0');
	await page.getByRole('button', { name: word(lang, 'lab_run'), exact: true }).click();
}

const connected = (page: Page) =>
	expect(lab(page)).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });

/** Runs the lab on this page to "connected", at full speed. */
async function runToConnected(page: Page, lang: Lang) {
	await run(page, lang);
	await connected(page);
}

for (const lang of LANGS)
	test.describe(`the ${NAMES[lang]} walk`, () => {
		let findings: Findings;
		test.beforeEach(async ({ context }, testInfo) => {
			await prepare(context, lang, testInfo);
			findings = new Findings(lang);
		});

		test(`${lang}: home`, async ({ page }) => {
			await page.goto('/');
			// The lesson index lists every lesson of lessons/.
			const listed = page.locator('li[data-lesson]');
			await expect(listed).toHaveCount(LESSONS.length);
			expect(await listed.evaluateAll((items) => items.map((li) => li.dataset.lesson))).toEqual(
				LESSONS
			);
			await findings.read(page);
			findings.check('/');
		});

		for (const slug of LESSONS)
			test(`${lang}: lesson ${slug}`, async ({ page }) => {
				await page.goto(`/lessons/${slug}`);
				await expect(page.locator('.lesson-page')).toHaveAttribute('data-mounted', 'true');
				await findings.read(page);
				findings.check(`/lessons/${slug}`);
			});

		test(`${lang}: /lab connected with a data channel, every tab`, async ({ page }) => {
			await page.goto('/lab');
			await expect(lab(page)).toHaveAttribute('data-state', 'idle');
			await expect(page.getByRole('button', { name: word(lang, 'lab_next_step') })).toBeEnabled();
			await findings.read(page);
			await runToConnected(page, lang);
			await readEveryTab(page, findings);
			findings.check('/lab (data channel, connected)');
		});

		test(`${lang}: /lab connected with audio + video, every tab`, async ({ page }) => {
			await page.goto('/lab');
			await expect(lab(page)).toHaveAttribute('data-state', 'idle');
			await expect(page.getByRole('button', { name: word(lang, 'lab_next_step') })).toBeEnabled();
			await page.getByLabel(word(lang, 'mediaMode_media'), { exact: true }).check();
			await runToConnected(page, lang);
			await readEveryTab(page, findings);
			findings.check('/lab (audio + video, connected)');
		});

		test(`${lang}: /remote`, async ({ page }) => {
			await page.goto('/remote');
			await expect(page.getByRole('button', { name: word(lang, 'remote_create') })).toBeEnabled();
			await findings.read(page);
			findings.check('/remote');
		});

		test(`${lang}: /remote/<room> connected (two browsers), every tab`, async ({
			page,
			browser
		}, testInfo) => {
			test.slow();
			const room = `walk-${lang}-${Date.now().toString(36)}-${testInfo.workerIndex}`;
			const other = await browser.newContext();
			await prepare(other, lang, testInfo);
			const callee = await other.newPage();
			const joined = word(lang, 'room_signaling_open');
			await page.goto(`/remote/${room}`);
			await expect(page.getByTestId('signaling-status')).toHaveText(joined);
			await callee.goto(`/remote/${room}`);
			await expect(callee.getByTestId('signaling-status')).toHaveText(joined);
			await expect(page.getByTestId('remote-presence')).toHaveText(word(lang, 'room_remote_here'));
			await findings.read(page);
			await findings.read(callee);
			// Each side runs its own steps; the caller waits for the callee's answer.
			await run(page, lang);
			await run(callee, lang);
			await connected(page);
			await connected(callee);
			await readEveryTab(page, findings);
			await readEveryTab(callee, findings);
			findings.check('/remote/<room> (caller and callee, connected)');
		});

		test(`${lang}: /sdp with an offer and its answer inspected`, async ({ page }) => {
			await page.goto('/sdp');
			await expect(page.locator('#sdp-offer')).toBeEnabled();
			await findings.read(page);
			const offer = sdpFixture('chrome-audio-video-offer.sdp');
			await page.locator('#sdp-offer').fill(offer);
			await expect(page.getByTestId('first-view').getByTestId('line-text').first()).toBeVisible();
			await page.locator('#sdp-answer').fill(sdpFixture('chrome-audio-video-answer.sdp'));
			await expect(page.getByTestId('diff-summary')).toBeVisible();
			await findings.read(page);
			findings.check('/sdp (an offer and its answer)');
		});

		test(`${lang}: /stats with a webrtc-internals dump`, async ({ page }) => {
			await page.goto('/stats');
			const file = page.locator('input[type="file"]');
			await expect(file).toBeEnabled();
			await findings.read(page);
			await file.setInputFiles(statsFixture('chromium-internals-dump.txt.gz'));
			await expect(page.getByTestId('connection')).toHaveCount(2);
			await expect(page.getByTestId('connection').first().locator('svg').first()).toBeVisible();
			await findings.read(page);
			findings.check('/stats (chromium-internals-dump.txt.gz)');
		});

		test(`${lang}: /nat after a run`, async ({ page }) => {
			await page.goto('/nat');
			const next = page.getByRole('button', { name: word(lang, 'nat_next_packet') });
			await expect(next).toBeEnabled();
			await findings.read(page);
			await next.click();
			await findings.read(page);
			await page.getByRole('button', { name: word(lang, 'nat_run_all') }).click();
			await expect(next).toBeDisabled();
			await findings.read(page);
			findings.check('/nat (after "Run all")');
		});

		test(`${lang}: /demo after a run`, async ({ page }) => {
			test.slow();
			await page.goto('/demo');
			const start = page.getByRole('button', { name: word(lang, 'demo_start', { number: 1 }) });
			await expect(start).toBeEnabled({ timeout: 30_000 });
			await findings.read(page);
			await start.click();
			const demo = page.locator('.demo');
			await expect(demo).toHaveAttribute('data-phase', 'ended', { timeout: 30_000 });
			await findings.read(page);
			// The two others: ICE failing without TURN (the lab's reasons shown), then the relay.
			for (const scenario of ['no-turn', 'relay']) {
				await page.getByRole('button', { name: word(lang, 'demo_next') }).click();
				await expect(demo).toHaveAttribute('data-scenario', scenario);
				await expect(demo).toHaveAttribute('data-phase', 'ended', { timeout: 60_000 });
				await findings.read(page);
			}
			findings.check('/demo (after its three scenarios)');
		});

		test(`${lang}: /ice-servers`, async ({ page }) => {
			await page.goto('/ice-servers');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(
				word(lang, 'nav_ice_servers')
			);
			await findings.read(page);
			findings.check('/ice-servers');
		});

		test(`${lang}: a 404`, async ({ page, consoleErrors }) => {
			const response = await page.goto('/no-such-page');
			expect(response?.status()).toBe(404);
			// The document's own 404 is the one error the console reports.
			expect(consoleErrors).toEqual([expect.stringMatching(/status of 404/)]);
			consoleErrors.length = 0;
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(
				word(lang, 'error_not_found_title')
			);
			await findings.read(page);
			findings.check('/no-such-page (404)');
		});
	});
