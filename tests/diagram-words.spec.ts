import type { Locator, Page } from '@playwright/test';
import { expect, lab, showTab, test } from './fixtures';

// The diagrams speak the learner's language (issue 14): the machines log labels as data, the
// pages word them, and a language switch redraws them. Code (createOffer(), SDP, host udp) stays.

/** Opens `path` in Simplified Chinese, as a returning learner whose cookie chose it. */
async function openInChinese(page: Page, path: string, baseURL: string | undefined) {
	await page
		.context()
		.addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'zh-CN', url: baseURL ?? '' }]);
	await page.goto(path);
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
}

/** Three English words in a row: prose (API calls like createOffer() are taken out first). */
const PROSE = /\b[A-Za-z]{2,}\b[ ,]+\b[A-Za-z]{2,}\b[ ,]+\b[A-Za-z]{2,}\b/;
async function expectNoEnglishProse(where: Locator) {
	const text = (await where.innerText()).replace(/[\w.]+\([^)]*\)/g, '');
	expect(text).not.toMatch(PROSE);
}

const languageSwitch = (page: Page) => page.getByRole('banner').getByLabel(/Language/);

test('/lab connected in 简体中文: the sequence diagram names the peers and arrows in Chinese, and in English after the switch', async ({
	page,
	baseURL
}) => {
	test.slow();
	await openInChinese(page, '/lab', baseURL);
	const run = page.getByRole('button', { name: '运行到连通' });
	await expect(run).toBeEnabled({ timeout: 30_000 });
	await page.getByLabel('步骤间隔').fill('0');
	await run.click();
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	// The step stage's newest arrows, worded too.
	await expect(page.getByTestId('new-arrows')).toContainText('已连通（ICE + DTLS）');
	await expectNoEnglishProse(page.getByTestId('new-arrows'));

	await showTab(page, '时序图');
	const sequence = page.getByRole('img', { name: '到目前为止的调用和信令消息时序' });
	await expect(sequence.locator('svg')).toBeVisible();
	for (const word of ['对端 A', '信令', '对端 B', 'offer（SDP）', '已连通（ICE + DTLS）'])
		await expect(sequence).toContainText(word);
	for (const english of ['Peer A', 'Peer B', 'Signaling', 'connected (ICE', '(SDP)'])
		await expect(sequence).not.toContainText(english);
	await expectNoEnglishProse(sequence);

	// Switching the language redraws the diagram, no reload.
	await languageSwitch(page).selectOption('en');
	await showTab(page, 'Sequence');
	const english = page.getByRole('img', {
		name: 'Sequence of calls and signaling messages so far'
	});
	await expect(english).toContainText('Peer A');
	await expect(english).toContainText('connected (ICE + DTLS)');
	await expect(english).not.toContainText('对端');

	// And back: the whole statechart's root node is named in Chinese too.
	await languageSwitch(page).selectOption('zh-CN');
	await expect(sequence).toContainText('已连通（ICE + DTLS）');
	await showTab(page, '状态图');
	await page.getByRole('button', { name: '完整状态图' }).click();
	const chart = page.getByRole('img', { name: /^实验的状态图/ });
	await expect(chart).toContainText('任意状态');
	await expect(chart).not.toContainText('any state');
});

test('/nat after a run in 简体中文: packet names, arrows and drops read in Chinese', async ({
	page,
	baseURL
}) => {
	await openInChinese(page, '/nat', baseURL);
	await page.getByRole('button', { name: '全部运行' }).click();
	const diagram = page.getByRole('img', { name: '到目前为止的数据包时序图' });
	await expect(diagram.locator('svg')).toBeVisible();
	for (const word of ['对端 A', 'Binding 请求', 'Binding 响应（映射地址', '✗ 丢弃：'])
		await expect(diagram).toContainText(word);
	for (const english of ['Peer A', 'Binding request', 'Binding response', '✗ dropped', 'Check'])
		await expect(diagram).not.toContainText(english);
	await expectNoEnglishProse(diagram);
	await expect(page.getByTestId('step-counter')).not.toContainText(/Check|request|response/);
	await expectNoEnglishProse(page.getByTestId('current-step'));
});

test('/demo after a run in 简体中文: the caption, the outcome and the lab’s arrows read in Chinese', async ({
	page,
	baseURL
}) => {
	test.slow();
	await openInChinese(page, '/demo', baseURL);
	const start = page.getByRole('button', { name: '运行场景 1' });
	await expect(start).toBeEnabled({ timeout: 30_000 });
	await start.click();
	await expect(page.locator('.demo')).toHaveAttribute('data-phase', 'ended');
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	for (const id of ['demo-caption', 'demo-outcome', 'new-arrows'])
		await expectNoEnglishProse(page.getByTestId(id));
	await expect(page.getByTestId('new-arrows')).toContainText('已连通（ICE + DTLS）');
	await showTab(page, '时序图');
	const sequence = page.getByRole('img', { name: '到目前为止的调用和信令消息时序' });
	await expect(sequence).toContainText('对端 A');
	await expectNoEnglishProse(sequence);
});
