import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// The UI language: a switch in the site header, remembered in a cookie (so the server renders the
// next page in it) and in localStorage; the browser's language is the default.

const nav = (page: Page) => page.getByRole('navigation').first();
const languageSwitch = (page: Page) => page.getByRole('banner').getByLabel('Language');

/** Opens the SDP inspector and waits until it is interactive (hydrated). */
async function openInspector(page: Page) {
	await page.goto('/sdp');
	await expect(page.locator('#sdp-offer')).toBeEnabled();
}

test('the header switch turns the whole UI into Simplified Chinese and back', async ({ page }) => {
	await openInspector(page);
	await expect(languageSwitch(page)).toHaveValue('en');
	await expect(nav(page).getByRole('link', { name: 'SDP inspector' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('SDP inspector');

	await languageSwitch(page).selectOption('zh-CN');
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await expect(nav(page).getByRole('link', { name: 'SDP 检查器' })).toBeVisible();
	await expect(nav(page).getByRole('link', { name: '课程' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('SDP 检查器');
	await expect(page.getByLabel('SDP', { exact: true })).toBeVisible();
	await expect(page).toHaveTitle('SDP 检查器 · WebRTC Lab');

	// Explanations follow the UI language: an example's lines are explained in Chinese.
	await page.getByRole('button', { name: '示例：Chrome 数据通道 offer/answer' }).click();
	await expect(page.getByRole('region', { name: 'Offer ↔ 应答' })).toBeVisible();
	await expect(page.getByTestId('first-view')).toContainText('协议版本');
	await expect(
		page.getByTestId('first-view').getByRole('button', { name: '逐行注释' })
	).toHaveAttribute('aria-pressed', 'true');

	await languageSwitch(page).selectOption('en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('SDP inspector');
	await expect(page.getByRole('region', { name: 'Offer ↔ answer' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

test('the choice persists: after a reload the server already renders Chinese', async ({ page }) => {
	await openInspector(page);
	await languageSwitch(page).selectOption('zh-CN');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('SDP 检查器');

	// The server's HTML, before any script runs, is in the chosen language (no English flash).
	const response = await page.request.get('/sdp');
	const html = await response.text();
	expect(html).toContain('<html lang="zh-CN">');
	expect(html).toContain('SDP 检查器');
	expect(html).toContain('课程');
	expect(html).not.toContain('>Lessons<');

	await page.reload();
	await expect(page.locator('#sdp-offer')).toBeEnabled();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('SDP 检查器');
	await expect(languageSwitch(page)).toHaveValue('zh-CN');
	expect(await page.evaluate(() => localStorage.getItem('PARAGLIDE_LOCALE'))).toBe('zh-CN');

	// Other pages too.
	await nav(page).getByRole('link', { name: 'ICE 服务器' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('ICE 服务器');
});

test('a lesson permalink with lang=zh-CN sets the UI language', async ({ page }) => {
	await page.goto('/sdp#lang=zh-CN');
	await expect(page.locator('#sdp-offer')).toBeEnabled();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('SDP 检查器');
	await expect(languageSwitch(page)).toHaveValue('zh-CN');
});

test.describe('a browser that prefers Chinese', () => {
	test.use({ locale: 'zh-CN' });

	test('gets Chinese from the first request (Accept-Language)', async ({ page }) => {
		await page.goto('/ice-servers');
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('ICE 服务器');
		await expect(languageSwitch(page)).toHaveValue('zh-CN');
	});
});
