import type { Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { expect, lab, openLab, showTab, test } from './fixtures';

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

test('the NAT simulator follows the header switch: controls, tables, verdict and explanations', async ({
	page
}) => {
	await page.goto('/nat');
	await expect(page.getByRole('button', { name: 'Next packet' })).toBeEnabled();
	await languageSwitch(page).selectOption('zh-CN');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('NAT 模拟器');
	await expect(page).toHaveTitle('NAT 模拟器 · WebRTC Lab');

	const natA = page.getByLabel('对端 A 的 NAT', { exact: true });
	await natA.selectOption('apdm-apdf');
	await page.getByLabel('对端 B 的 NAT', { exact: true }).selectOption('apdm-apdf');
	// The explanations follow the UI language unless the page's own switch says otherwise.
	await expect(page.getByLabel('讲解语言')).toHaveValue('zh-CN');
	await expect(natA.locator('option:checked')).toHaveText('对称型（APDM + APDF）');

	await page.getByRole('button', { name: '下一个数据包' }).click();
	// The STUN method name stays as written ("Binding"); the rest is worded.
	await expect(page.getByTestId('step-counter')).toHaveText(/^第 1 步，共 \d+ 步：Binding 请求$/);
	await expect(page.getByTestId('current-step')).toContainText('对端 A → STUN');
	await expect(page.getByTestId('current-step')).toContainText('已转换（新建映射）');
	const mappingsA = page.getByRole('table', { name: 'NAT A 的映射表' }).locator('tbody tr');
	await expect(mappingsA).toHaveCount(1);
	await expect(page.getByRole('table', { name: 'NAT B 的映射表' })).toContainText('还没有映射。');

	await page.getByRole('button', { name: '全部运行' }).click();
	const verdict = page.getByRole('region', { name: '结论' });
	await expect(verdict.locator('.headline')).toHaveText('需要 TURN：每个数据包都经过中继');
	await expect(page.getByTestId('selected-pair')).toContainText(
		'选中的候选对（对端 A 的视角）：本地'
	);
	await expect(page.getByTestId('selected-pair')).toContainText('↔ 远端 中继（relay） 198.18.0.2:');
	await expect(page.getByRole('heading', { name: /^对端 A 的 NAT：\s*对称型/ })).toBeVisible();
	await expect(
		page
			.getByRole('table', { name: /^兼容性矩阵/ })
			.locator('td')
			.first()
	).toContainText('直连');

	await languageSwitch(page).selectOption('en');
	await expect(page.getByRole('region', { name: 'Verdict' }).locator('.headline')).toHaveText(
		'TURN needed: every packet is relayed'
	);
	await expect(page.getByLabel('Explanations')).toHaveValue('en');
	await expect(page.getByRole('button', { name: 'Reset' })).toBeEnabled();
});

test('the loopback lab: its controls and panels follow the header switch', async ({ page }) => {
	await openLab(page);
	await languageSwitch(page).selectOption('zh-CN');
	await expect(page.getByRole('group', { name: '连接什么' })).toBeVisible();
	await expect(page.getByRole('radio', { name: '只用数据通道' })).toBeChecked();
	await expect(page.getByLabel('网络条件')).toBeVisible();
	await expect(page.getByLabel('步骤间隔')).toHaveValue('300');
	await expect(page.getByRole('heading', { name: '步骤', exact: true })).toBeVisible();
	await expect(page.getByText(/^下一步：第 1 步，共 \d+ 步$/)).toBeVisible();
	await showTab(page, '双端状态');
	const peerA = page.getByRole('region', { name: '对端 A', exact: true });
	await expect(peerA.getByRole('heading', { level: 2 })).toHaveText('对端 A （主叫方）');
	await expect(peerA.getByRole('table', { name: '对端 A 的候选地址' })).toContainText(
		'还没有候选地址。'
	);

	await showTab(page, '当前步骤');
	await page.getByRole('radio', { name: '音频 + 视频' }).check();
	await expect(page.getByLabel('媒体来源')).toHaveValue('synthetic');

	await languageSwitch(page).selectOption('en');
	await expect(page.getByLabel('Network conditions')).toBeVisible();
	await expect(page.getByLabel('Media source')).toBeVisible();
	await showTab(page, 'Peers');
	await expect(page.getByRole('region', { name: 'Peer A', exact: true })).toBeVisible();
	await expect(lab(page)).toHaveAttribute('data-state', 'idle');
});

test.describe('a browser that prefers Chinese', () => {
	test.use({ locale: 'zh-CN' });

	test('gets Chinese from the first request (Accept-Language)', async ({ page }) => {
		await page.goto('/ice-servers');
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('ICE 服务器');
		await expect(languageSwitch(page)).toHaveValue('zh-CN');
	});

	test('gets the NAT simulator in Chinese from the server', async ({ page }) => {
		const response = await page.goto('/nat');
		const html = (await response?.text()) ?? '';
		expect(html).toContain('下一个数据包');
		expect(html).toContain('NAT A 的映射表');
		expect(html).not.toContain('>Next packet<');
	});
});

test('the loopback lab’s own controls, status and headings follow the header switch', async ({
	page
}) => {
	await openLab(page);
	await languageSwitch(page).selectOption('zh-CN');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('本机回环实验');
	await expect(page).toHaveTitle('本机回环实验 · WebRTC Lab');
	await expect(page.getByRole('link', { name: '指向当前步骤和配置的永久链接' })).toBeVisible();
	await expect(page.getByRole('group', { name: 'ICE 候选地址' })).toBeVisible();
	await expect(page.getByRole('button', { name: '运行到连通' })).toBeEnabled();
	await expect(page.getByRole('button', { name: '重置' })).toBeVisible();
	await showTab(page, '时序图');
	await expect(page.getByText('还没有发生任何事：按“下一步”开始。')).toBeVisible();

	await page.getByRole('button', { name: '下一步' }).click();
	await expect(lab(page)).not.toHaveAttribute('data-state', 'idle');
	// State names stay as the machine calls them.
	await expect(page.locator('.machine-state')).toContainText('状态机状态：');
	await expect(page.getByRole('heading', { name: '时序图' })).toBeVisible();
	await showTab(page, '状态图');
	await expect(page.getByRole('heading', { name: '状态图' })).toBeVisible();

	await languageSwitch(page).selectOption('en');
	await expect(page.getByRole('button', { name: 'Next step' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Run to connected' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Loopback lab');
});

test('the remote room page follows the header switch', async ({ page }) => {
	const room = `i18n-${Date.now()}`;
	await page.goto(`/remote/${room}`);
	await expect(page.getByTestId('signaling-status')).toHaveText('connected, room joined');
	await languageSwitch(page).selectOption('zh-CN');
	await expect(page).toHaveTitle(`房间 ${room} · 远程实验 · WebRTC Lab`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`远程实验 · 房间 ${room}`);
	await expect(page.getByTestId('signaling-status')).toHaveText('已连接，已加入房间');
	await expect(page.getByTestId('remote-presence')).toHaveText('还没有加入');
	await expect(page.getByRole('button', { name: '复制链接' })).toBeVisible();
	await expect(page.getByRole('button', { name: '下一步' })).toBeVisible();
	await expect(page.getByRole('button', { name: '断开信令连接' })).toBeVisible();
	await expect(page.getByRole('group', { name: '发送什么' })).toBeVisible();
	await expect(page.getByLabel('讲解语言')).toHaveValue('zh-CN');
	await expect(page.getByRole('img', { name: '加入链接的二维码' })).toBeVisible();

	await languageSwitch(page).selectOption('en');
	await expect(page.getByTestId('signaling-status')).toHaveText('connected, room joined');
	await expect(page.getByRole('button', { name: 'Drop signaling connection' })).toBeVisible();
});

test('the stats viewer follows the header switch, its field help too', async ({ page }) => {
	await page.goto('/stats');
	const importChinese = page.getByLabel('导入 webrtc-internals 转储');
	await expect(page.getByLabel('Import a webrtc-internals dump')).toBeEnabled();
	await languageSwitch(page).selectOption('zh-CN');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('统计查看器');
	await expect(page).toHaveTitle('统计查看器 · WebRTC Lab');
	await expect(page.getByRole('button', { name: '导出匿名化副本' })).toBeDisabled();
	await expect(page.getByLabel('字段说明语言')).toHaveValue('zh-CN');

	await importChinese.setInputFiles(
		fileURLToPath(
			new URL('../src/lib/core/stats/fixtures/webrtc-internals-dump.json', import.meta.url)
		)
	);
	const connection = page.getByTestId('connection').first();
	await expect(connection.getByRole('heading', { level: 2, name: /^连接 / })).toBeVisible();
	await expect(connection.getByRole('heading', { name: '配置' })).toBeVisible();
	await expect(connection.getByRole('heading', { name: /^事件日志（\d+ 个事件）$/ })).toBeVisible();
	await connection.getByRole('button', { name: 'packetsLost 是什么？' }).first().click();
	await expect(connection.getByRole('note').first()).toContainText('丢包');

	// The page's own switch still shows the field help in another language.
	await page.getByLabel('字段说明语言').selectOption('en');
	await expect(connection.getByRole('note').first()).toContainText('RFC 3550');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('统计查看器');
});

test('a lesson without lang= in its hash follows the header switch', async ({ page }) => {
	test.slow();
	await page.goto('/lessons/offer-and-answer');
	await expect(page.locator('.lesson-page[data-mounted="true"]')).toBeAttached();
	await expect(page.getByRole('button', { name: 'Next step' })).toBeEnabled();
	await languageSwitch(page).selectOption('zh-CN');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Offer 与 answer');
	await expect(page.locator('article.text')).toHaveAttribute('lang', 'zh-CN');
	await expect(page.getByRole('heading', { name: '检查项', exact: true })).toBeVisible();
	await expect(page.getByRole('heading', { name: '实时实验台' })).toBeVisible();
	// The lab beside it too.
	await expect(page.getByRole('button', { name: '下一步' })).toBeEnabled();
	await expect(page.getByRole('link', { name: '全部课程' })).toBeVisible();
	await expect(page.getByTestId('permalink')).toHaveAttribute('href', /lang=zh-CN/);

	// The lesson's own language links switch the whole UI too.
	await page.getByRole('link', { name: 'English', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Offer and answer');
	await expect(languageSwitch(page)).toHaveValue('en');
	await expect(page.getByRole('button', { name: 'Next step' })).toBeEnabled();
});
