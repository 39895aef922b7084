// The error page (+error.svelte): a 404 or a refused request in the learner's language from the
// first byte (cookie, else the browser's Accept-Language), inside the site's header with its
// language switch, re-worded at once when the switch changes, with the way back.
import { expect, test } from './fixtures';

const languageSwitch = (page: import('@playwright/test').Page) => page.getByTestId('ui-language');

test('a Chinese browser gets its 404 in Chinese from the first byte, and the switch re-words it', async ({
	browser,
	consoleErrors
}) => {
	const context = await browser.newContext({ locale: 'zh-CN' });
	const page = await context.newPage();
	page.on('console', (message) => {
		if (message.type() === 'error') consoleErrors.push(message.text());
	});

	// The server's HTML, before any script runs: Chinese, and none of SvelteKit's English.
	const raw = await page.request.get('/no-such-page', {
		headers: { 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5' }
	});
	expect(raw.status()).toBe(404);
	const html = await raw.text();
	expect(html).toContain('<html lang="zh-CN">');
	expect(html).toContain('找不到这个页面');
	expect(html).toContain('<title>找不到这个页面 · WebRTC Lab</title>');
	expect(html).not.toContain('Not Found');

	const response = await page.goto('/no-such-page');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('找不到这个页面');
	await expect(page.getByTestId('error-status')).toHaveText('错误 404');
	await expect(page.locator('main')).toContainText('/no-such-page 处没有页面');
	await expect(page).toHaveTitle('找不到这个页面 · WebRTC Lab');
	// The site's header is there, its switch included, and it works on this page.
	await expect(page.getByRole('navigation', { name: '主导航' })).toBeVisible();
	await expect(languageSwitch(page)).toHaveValue('zh-CN');
	await languageSwitch(page).selectOption('en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
	await expect(page.getByTestId('error-status')).toHaveText('Error 404');
	await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
	await expect(page).toHaveTitle('Page not found · WebRTC Lab');

	// The way back: to the lab.
	await page.getByRole('link', { name: 'Open the loopback lab' }).click();
	await expect(page).toHaveURL(/\/lab$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Loopback lab');
	expect(consoleErrors.filter((e) => !/status of 404/.test(e))).toEqual([]);
	consoleErrors.length = 0;
});

test('an English 404 says what happened and links home; a missing lesson too', async ({
	page,
	consoleErrors
}) => {
	for (const path of ['/definitely/not/here', '/lessons/no-such-lesson']) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
		await expect(page.locator('main')).toContainText(`There is no page at ${path}.`);
		await expect(page.locator('main')).not.toContainText('Not Found');
		await expect(page.locator('main')).not.toContainText('No lesson');
		await expect(languageSwitch(page)).toHaveValue('en');
	}
	await page.getByRole('link', { name: 'Back to the lessons' }).click();
	await expect(page).toHaveURL(/\/#lessons$/);
	expect(consoleErrors.filter((e) => !/status of 404/.test(e))).toEqual([]);
	consoleErrors.length = 0;
});

test('a refused room address keeps its own explanation under the worded status', async ({
	page,
	consoleErrors
}) => {
	const response = await page.goto('/remote/caf%C3%A9');
	expect(response?.status()).toBe(400);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('This address cannot be opened');
	await expect(page.getByTestId('error-detail')).toContainText(
		'contains “é”, which is not allowed'
	);
	expect(consoleErrors.filter((e) => !/status of 400/.test(e))).toEqual([]);
	consoleErrors.length = 0;
});
