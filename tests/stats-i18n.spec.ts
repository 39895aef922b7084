import type { Locator, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, lab, showTab, test } from './fixtures';

// The stats side in 简体中文: /stats with a dump Chromium saved (chart titles and units, the event
// log's lanes, its SDPs and chart groups, a bad file's error) and the lab's Stats tab once
// connected. No visible text node outside code, kbd and pre may hold English prose (three or more
// English words in a row); API names, event and state identifiers, protocol terms and units are
// not prose. The SDP inspector (SdpView) is another panel's and is left out here.

const fixture = (name: string) =>
	fileURLToPath(new URL(`../src/lib/core/stats/fixtures/${name}`, import.meta.url));

/** The UI language chosen before the page loads (the cookie the language switch sets). */
async function useLanguage(page: Page, baseURL: string | undefined, locale: 'en' | 'zh-CN') {
	await page
		.context()
		.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: baseURL ?? '' }]);
}

/** Words that are identifiers, protocol terms or units, not English prose. */
const IDENTIFIERS = [
	// Units and formats.
	'ms',
	's',
	'px',
	'gzip',
	// Candidate types and transports (RFC 8445), description types (RFC 9429).
	'host',
	'srflx',
	'prflx',
	'relay',
	'udp',
	'tcp',
	'offer',
	'answer',
	'pranswer',
	'rollback',
	// RTCPeerConnection and RTCIceCandidatePair states, media kinds.
	'stable',
	'new',
	'checking',
	'connecting',
	'connected',
	'completed',
	'disconnected',
	'failed',
	'closed',
	'gathering',
	'complete',
	'succeeded',
	'audio',
	'video'
];

/**
 * Every run of three or more English words in a visible text node under `root` that is not
 * inside code, kbd, pre or the SDP inspector, nor in a JSON object. `identifiers`: words (the dump's event types, say)
 * that are names, not English.
 */
function englishProse(root: Locator, identifiers: readonly string[]): Promise<string[]> {
	return root.evaluate(
		(element, known) => {
			const names = new Set(known.map((w) => w.toLowerCase()));
			const found: string[] = [];
			const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				const parent = node.parentElement;
				if (!parent || parent.closest('code, kbd, pre, script, style, .sdp-view')) continue;
				const box = parent.getBoundingClientRect();
				if (box.width === 0 && box.height === 0) continue;
				let run: string[] = [];
				const flush = () => {
					if (run.length >= 3) found.push(run.join(' '));
					run = [];
				};
				// A JSON value in an event (an API call's argument) is data, not prose.
				const text = (node.textContent ?? '').replace(/\{[^{}]*\}/g, ' ');
				for (const raw of text.split(/[\s()[\]{},;:!?"“”'’/…·→—–-]+/)) {
					const word = raw.replace(/^\.+|\.+$/g, '');
					if (word === '') continue;
					// A word: letters, at most the first a capital (camelCase is an API name).
					if (/^[A-Za-z][a-z]*$/.test(word) && !names.has(word.toLowerCase())) run.push(word);
					else flush();
				}
				flush();
			}
			return found;
		},
		[...identifiers]
	);
}

/** Visible text with Chinese characters under `root`, outside the language switch. */
function chinese(root: Locator): Promise<string[]> {
	return root.evaluate((element) => {
		const found: string[] = [];
		const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const parent = node.parentElement;
			if (!parent || parent.closest('option, [lang="zh-CN"]')) continue;
			if (/[\u4e00-\u9fff]/.test(node.textContent ?? '')) found.push(node.textContent ?? '');
		}
		return found;
	});
}

/** The event types in a webrtc-internals dump's updateLogs: API and event names. */
function eventTypes(path: string): string[] {
	const dump = JSON.parse(readFileSync(path, 'utf8')) as {
		PeerConnections: Record<string, { updateLog: { type: string }[] }>;
	};
	return Object.values(dump.PeerConnections).flatMap((pc) => pc.updateLog.map((e) => e.type));
}

const DUMP = 'chromium-internals-dump.txt';

async function importDump(page: Page, label: string, eventTable: string) {
	await page.goto('/stats');
	const input = page.getByLabel(label);
	await expect(input).toBeEnabled();
	await input.setInputFiles(fixture(DUMP));
	const connections = page.getByTestId('connection');
	await expect(connections).toHaveCount(2);
	for (const connection of await connections.all()) {
		await expect(connection.getByTestId('chart').first()).toBeVisible();
		// The event log as a table too.
		await connection.locator('summary').filter({ hasText: eventTable }).click();
		await expect(connection.locator('table.events')).toBeVisible();
	}
	return connections;
}

test('the stats viewer reads in Chinese with a dump Chromium saved', async ({ page, baseURL }) => {
	await useLanguage(page, baseURL, 'zh-CN');
	const connections = await importDump(page, '导入 webrtc-internals 转储', '以表格显示事件日志');
	const caller = connections.first();

	// Chart titles name the track and the measure in Chinese; units that are words are Chinese.
	await expect(caller.getByRole('img', { name: '发送的视频：码率', exact: true })).toBeVisible();
	await expect(
		caller.getByRole('img', { name: '发送的音频：每秒包数', exact: true })
	).toBeVisible();
	const packets = caller.getByTestId('chart').filter({ hasText: '发送的音频：每秒包数' });
	await expect(packets.locator('svg text').first()).toHaveText(/^\d+ 包\/秒$/);
	await expect(packets.locator('figcaption')).toContainText('包/秒');
	await expect(
		caller.getByTestId('chart-title').filter({ hasText: /[A-Za-z][a-z]{2,}/ })
	).toHaveCount(0);

	// The sequence diagram's lanes and the SDPs' sides are Chinese; API names stay.
	const diagram = caller.getByRole('img', { name: /的 API 调用和事件时序$/ });
	await expect(diagram.locator('svg')).toContainText('页面 (JavaScript)');
	await expect(diagram.locator('svg')).toContainText('RTCPeerConnection');
	await expect(diagram.locator('svg')).not.toContainText('Page');
	await expect(caller.locator('details.sdp summary').first()).toContainText(
		'createOfferOnSuccess：offer（本地）'
	);
	await expect(page.getByText('浏览器标识（User-Agent）：')).toBeVisible();

	const prose = await englishProse(page.locator('main'), [
		...IDENTIFIERS,
		...eventTypes(fixture(DUMP))
	]);
	expect(prose).toEqual([]);
});

test('the stats viewer in English has no Chinese', async ({ page, baseURL }) => {
	await useLanguage(page, baseURL, 'en');
	const connections = await importDump(
		page,
		'Import a webrtc-internals dump',
		'Event log as a table'
	);
	await expect(
		connections.first().getByRole('img', { name: 'Video sent: bitrate', exact: true })
	).toBeVisible();
	const diagram = connections.first().getByRole('img', { name: /Sequence of API calls/ });
	await expect(diagram.locator('svg')).toContainText('Page (JavaScript)');
	expect(await chinese(page.locator('main'))).toEqual([]);
});

test('a bad dump is named in Chinese, and re-worded when the language changes', async ({
	page,
	baseURL
}) => {
	await useLanguage(page, baseURL, 'zh-CN');
	await page.goto('/stats');
	const input = page.getByLabel('导入 webrtc-internals 转储');
	await expect(input).toBeEnabled();
	await input.setInputFiles({
		name: 'package.json',
		mimeType: 'application/json',
		buffer: Buffer.from('{"name": "webrtc-lab", "version": "0.1.0"}')
	});
	const alert = page.getByRole('alert');
	await expect(alert).toHaveText(
		'package.json: 这不是 webrtc-internals 转储：没有 "PeerConnections" 对象（文件里的键：name, version）。'
	);

	// Not JSON at all: the sentence is Chinese, the parser's own words are code.
	await input.setInputFiles({
		name: 'notes.txt',
		mimeType: 'text/plain',
		buffer: Buffer.from('hello there, this is not a dump')
	});
	await expect(alert).toContainText('notes.txt: 这不是 webrtc-internals 转储：文件不是 JSON。');
	await expect(alert.locator('code')).not.toBeEmpty();
	expect(await englishProse(page.locator('main'), IDENTIFIERS)).toEqual([]);

	// A line of an rtcstats dump that is not an object of reports.
	const lines = readFileSync(fixture('chromium-rtcstats-dump'), 'utf8').split('\n');
	const at = lines.findIndex((l) => l.startsWith('["getStats"'));
	lines[at] = '["getStats","8-1",[1,2],1]';
	await input.setInputFiles({
		name: 'bad-stats',
		mimeType: 'application/octet-stream',
		buffer: Buffer.from(lines.join('\n'))
	});
	await expect(alert).toHaveText(
		`bad-stats: 无法读取这个 rtcstats 转储：第 ${at + 1} 行：getStats 的值应当是由各个报告组成的对象。`
	);

	// The error on screen follows the header's language switch.
	await page.getByRole('banner').getByLabel('Language').selectOption('en');
	await expect(alert).toHaveText(
		`bad-stats: This rtcstats dump cannot be read: line ${at + 1}: the getStats value should be an object of reports.`
	);
});

test('the lab’s Stats tab reads in Chinese once connected', async ({ page, baseURL }) => {
	await useLanguage(page, baseURL, 'zh-CN');
	await page.goto('/lab');
	await expect(lab(page)).toHaveAttribute('data-state', 'idle');
	await expect(page.getByRole('button', { name: '下一步' })).toBeEnabled();
	await page.getByLabel('音频 + 视频').check();
	await page.getByLabel('步骤间隔').fill('0');
	await page.getByRole('button', { name: '运行到连通' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	await showTab(page, '统计');
	const panel = page.getByRole('tabpanel', { name: '统计' });
	const live = panel.locator('section.live');
	await expect(live).toHaveCount(2);
	// Both peers chart their video; its frame rate is in frames per second, said in Chinese.
	for (const side of [0, 1]) {
		const fps = live
			.nth(side)
			.locator('[data-testid="chart"][data-kind="video"][data-series*=":fps:"]');
		await expect(fps.first()).toBeVisible();
		await expect(fps.first().locator('figcaption')).toContainText('帧/秒');
	}
	await expect(panel.getByTestId('chart-title').first()).toHaveText(/^(发送的|接收的|候选对)/);
	await panel.locator('details.all-reports > summary').click();
	await expect(panel.locator('.stats-reports').first()).toBeVisible();
	expect(await englishProse(panel, IDENTIFIERS)).toEqual([]);

	// The session export beside it, too.
	await showTab(page, '导出');
	const exportPanel = page.getByRole('tabpanel', { name: '导出' });
	await expect(
		exportPanel.getByRole('button', { name: '导出 webrtc-internals 转储' })
	).toBeEnabled();
	expect(await englishProse(exportPanel, IDENTIFIERS)).toEqual([]);
});
