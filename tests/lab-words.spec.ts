import type { Page } from '@playwright/test';
import { expect, lab, test } from './fixtures';

// The lab's own words in the learner's language: a failed run says why in Chinese (the lab's
// failures by their id, the browser's and the servers' words quoted as code, never glued into a
// Chinese sentence), and the synthetic video names its peer in Chinese.

/** Three English words in a row, outside code: prose the Chinese UI must not show. */
const ENGLISH_PROSE = /\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}\b/;

/** The element's visible text without its `code` parts. */
const proseOf = (page: Page, selector: string) =>
	page.locator(selector).evaluateAll((elements) =>
		elements.map((element) => {
			const copy = element.cloneNode(true) as HTMLElement;
			copy.querySelectorAll('code, pre').forEach((code) => code.replaceWith(' § '));
			return copy.textContent?.replace(/\s+/g, ' ').trim() ?? '';
		})
	);

async function inChinese(page: Page, baseURL: string | undefined) {
	await page
		.context()
		.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'zh-CN', url: baseURL ?? '' }]);
}

/** Opens the lab in Simplified Chinese, interactive, with the lab's STUN/TURN servers loaded. */
async function openLabInChinese(page: Page, baseURL: string | undefined) {
	await inChinese(page, baseURL);
	await page.goto('/lab');
	await expect(lab(page)).toHaveAttribute('data-state', 'idle');
	await expect(page.getByRole('button', { name: '下一步' })).toBeEnabled();
	await expect(page.getByText('本实验室的 STUN/TURN 服务器没有应答')).toHaveCount(0);
}

async function runToEnd(page: Page) {
	await page.getByLabel('步骤间隔').fill('0');
	await page.getByRole('button', { name: '运行到连通' }).click();
}

test('in Simplified Chinese a failed run says why in Chinese, quoting the server only as code', async ({
	page,
	baseURL
}) => {
	await openLabInChinese(page, baseURL);
	// Relay only, with a credential the TURN server refuses: nothing to check, ICE stops.
	await page.getByLabel('网络条件').selectOption('broken-turn');
	await runToEnd(page);
	await expect(lab(page)).toHaveAttribute('data-state', 'failed');

	const failure = page.getByTestId('lab-failure');
	await expect(failure.locator('[data-error="NoCandidatePairs"]')).toHaveText(
		'双方都没有收到对方的任何候选，ICE 没有可以检查的候选对。'
	);
	await expect(failure).not.toContainText('no candidate reached');
	for (const text of await proseOf(page, '[data-testid="lab-failure"] p'))
		expect(text).not.toMatch(ENGLISH_PROSE);

	// The TURN server's 401: its reason phrase quoted as code, no "Unauthorized.。".
	const errors = page.getByRole('region', { name: 'ICE 服务器错误（icecandidateerror）' });
	await expect(errors.locator('code.said').first()).toHaveText('Unauthorized');
	await expect(errors).toContainText('（“Unauthorized”）。');
	await expect(errors).not.toContainText('.。');
	for (const text of await proseOf(page, '.ice-errors li')) expect(text).not.toMatch(ENGLISH_PROSE);
});

test('in English the same failure reads in English', async ({ page }) => {
	await page.goto('/lab');
	await expect(lab(page)).toHaveAttribute('data-state', 'idle');
	await expect(page.getByRole('button', { name: 'Next step' })).toBeEnabled();
	await expect(page.getByText("This lab's STUN/TURN servers did not answer")).toHaveCount(0);
	await page.getByLabel('Network conditions').selectOption('broken-turn');
	await page.getByLabel('Step delay').fill('0');
	await page.getByRole('button', { name: 'Run to connected' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'failed');
	await expect(page.getByTestId('lab-failure').locator('[data-error]')).toHaveText(
		'No candidate reached either peer, so ICE has no candidate pair to check.'
	);
	const errors = page.getByRole('region', { name: 'ICE server errors (icecandidateerror)' });
	await expect(errors).toContainText('answered 401 (“Unauthorized”).');
	await expect(errors).not.toContainText('..');
});

test('in Simplified Chinese the synthetic video names its peer and frames in Chinese', async ({
	page,
	baseURL
}) => {
	// What the page draws into canvases, recorded before any script of the page runs.
	await page.addInitScript(() => {
		const drawn = new Set<string>();
		(window as unknown as { drawnTexts: Set<string> }).drawnTexts = drawn;
		const fillText = CanvasRenderingContext2D.prototype.fillText;
		CanvasRenderingContext2D.prototype.fillText = function (text, ...rest) {
			drawn.add(String(text));
			return fillText.call(this, text, ...rest);
		};
	});
	await openLabInChinese(page, baseURL);
	await page.getByLabel('音频 + 视频').check();
	await runToEnd(page);
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	const drawn = () =>
		page.evaluate(() => [...(window as unknown as { drawnTexts: Set<string> }).drawnTexts]);
	await expect.poll(drawn).toEqual(expect.arrayContaining(['对端 A', '对端 B']));
	const texts = await drawn();
	expect(texts.some((text) => /^第 \d+ 帧$/.test(text))).toBe(true);
	expect(texts.filter((text) => /Peer|frame/.test(text))).toEqual([]);
});

test('in Simplified Chinese a full room says so in Chinese, naming the server’s code as code', async ({
	browser,
	baseURL
}) => {
	const room = `full-zh-${Date.now().toString(36)}-${test.info().workerIndex}`;
	for (let i = 0; i < 2; i++) {
		const page = await (await browser.newContext()).newPage();
		await page.goto(`/remote/${room}`);
		await expect(page.getByTestId('signaling-status')).toHaveText('connected, room joined');
	}
	const third = await (await browser.newContext()).newPage();
	await inChinese(third, baseURL);
	await third.goto(`/remote/${room}`);
	const alert = third.locator('[role="alert"][data-error="room-full"]');
	await expect(alert).toContainText('信令服务器拒绝了请求：');
	await expect(alert.locator('code')).toHaveText('room-full');
	await expect(alert).toContainText('这个房间里已经有两个对端了。');
	await expect(third.getByTestId('signaling-status')).toHaveText('已关闭：房间里已经有两个对端');
	await expect(alert).not.toContainText('already holds');
});
