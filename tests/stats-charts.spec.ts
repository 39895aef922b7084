import type { Locator, Page } from '@playwright/test';
import { expect, lab, showTab, test } from './fixtures';

// The lab's live getStats() charts, as a class reads them: no tick or axis label cut off at the
// chart's real size, titles that say which track (audio or video) and which direction, and
// Peer A's and Peer B's charts lined up row by row (row N is the same metric, at the same height).

const words = {
	en: {
		media: 'Audio + video',
		delay: 'Step delay',
		run: 'Run to connected',
		next: 'Next step',
		stats: 'Stats'
	},
	'zh-CN': {
		media: '音频 + 视频',
		delay: '步骤间隔',
		run: '运行到连通',
		next: '下一步',
		stats: '统计'
	}
} as const;

/** The title words for a track: what a chart of an audio or video stream must name. */
const trackWords = {
	en: { audio: /^Audio (sent|received|source)/, video: /^Video (sent|received|source)/ },
	'zh-CN': { audio: /^(发送的音频|接收的音频|音频源)/, video: /^(发送的视频|接收的视频|视频源)/ }
} as const;

type Locale = keyof typeof words;

/** Peer A's and Peer B's live stats panels, in that order (found by role, whatever the language). */
const panels = (page: Page) => page.locator('section.live');

async function runMediaCall(page: Page, locale: Locale) {
	await page.goto('/lab');
	await expect(lab(page)).toHaveAttribute('data-state', 'idle');
	await expect(page.getByRole('button', { name: words[locale].next })).toBeEnabled();
	await page.getByLabel(words[locale].media).check();
	await page.getByLabel(words[locale].delay).fill('0');
	await page.getByRole('button', { name: words[locale].run }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	// Peer A's and Peer B's panels (named in the page's language).
	await expect(lab(page).getByTestId('connectionState')).toHaveText(['connected', 'connected']);
	await showTab(page, words[locale].stats);
	// Both sides chart both tracks both ways.
	await expect(panels(page)).toHaveCount(2);
	for (const side of [0, 1]) {
		const panel = panels(page).nth(side);
		for (const kind of ['audio', 'video']) {
			for (const [type, suffix] of [
				['outbound-rtp', ':bitrate:sent'],
				['inbound-rtp', ':bitrate:received']
			]) {
				await expect(
					panel.locator(
						`[data-testid="chart"][data-kind="${kind}"][data-report-type="${type}"][data-series$="${suffix}"]`
					)
				).toHaveCount(1);
			}
		}
	}
}

interface Box {
	left: number;
	top: number;
	right: number;
	bottom: number;
}

interface Measured {
	/** Per panel: each row's metric (from the chart's data attributes) and its top. */
	rows: { metric: string; top: number }[][];
	/** Every label not inside its chart: `<metric> "<text>"`. */
	outside: string[];
	/** Each chart of an RTP or media-source stream: its kind and its title. */
	titles: { kind: string; title: string }[];
	/** Labels at the extremes of the data range, rendered in a chart: width vs the room given. */
	extremes: { text: string; width: number; room: number }[];
	charts: number;
}

/** Everything measured in one task, so no stats tick can land in between. */
function measure(page: Page): Promise<Measured> {
	return page.evaluate(() => {
		const boxOf = (el: Element): Box => {
			const r = el.getBoundingClientRect();
			return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
		};
		const inside = (inner: Box, outer: Box) =>
			inner.left >= outer.left - 0.5 &&
			inner.right <= outer.right + 0.5 &&
			inner.top >= outer.top - 0.5 &&
			inner.bottom <= outer.bottom + 0.5;
		const metricOf = (cell: Element): string => {
			const fromPlaceholder = cell.getAttribute('data-row');
			if (fromPlaceholder) return fromPlaceholder.split('#')[0]!;
			// `<reportId>:<metric>[:<direction>]`; the report id itself may contain colons.
			const key = cell.getAttribute('data-series') ?? '';
			const [, metric, direction] = /:([a-zA-Z]+)(?::(sent|received))?$/.exec(key) ?? [];
			return [
				cell.getAttribute('data-kind') ?? '',
				cell.getAttribute('data-report-type') ?? '',
				metric ?? '',
				direction ?? ''
			].join('|');
		};
		const result: Measured = { rows: [], outside: [], titles: [], extremes: [], charts: 0 };
		for (const panel of document.querySelectorAll('section.live')) {
			const cells = [
				...panel.querySelectorAll(
					'[data-testid="chart"], [data-testid="chart-placeholder"][data-row]'
				)
			];
			result.rows.push(cells.map((c) => ({ metric: metricOf(c), top: boxOf(c).top })));
			for (const chart of panel.querySelectorAll('[data-testid="chart"]')) {
				result.charts++;
				const metric = metricOf(chart);
				const svg = chart.querySelector('svg')!;
				const svgBox = boxOf(svg);
				for (const text of svg.querySelectorAll('text')) {
					if (!inside(boxOf(text), svgBox)) result.outside.push(`${metric} "${text.textContent}"`);
				}
				// The words around the drawing: inside the figure, not overflowing their own box.
				const figureBox = boxOf(chart);
				for (const el of chart.querySelectorAll('p, figcaption')) {
					const html = el as HTMLElement;
					if (!inside(boxOf(el), figureBox) || html.scrollWidth > html.clientWidth + 1)
						result.outside.push(`${metric} "${el.textContent}"`);
				}
				const kind = chart.getAttribute('data-kind');
				if (kind === 'audio' || kind === 'video') {
					const title = chart.querySelector('[data-testid="chart-title"]')?.textContent ?? '';
					result.titles.push({ kind, title: title.trim() });
				}
			}
		}
		// The extremes of the data range (0, tiny, 2.5 Gbit/s…) are drawn in the same font as the
		// ticks: each must fit the room the chart leaves a label of its length (0.62 em a char).
		const svg = document.querySelector('section.live [data-testid="chart"] svg');
		const tick = svg?.querySelector('text.tick');
		if (svg && tick) {
			const size = parseFloat(getComputedStyle(tick).fontSize);
			for (const text of [
				'2.5 Gbit/s',
				'0.0 Gbit/s',
				'0.0004 ms',
				'100.00 %',
				'50k packets/s',
				'30 frames/s',
				'800 kbit/s',
				'1.5 MB/s',
				'0.0000008 frames/s'
			]) {
				const probe = tick.cloneNode() as SVGTextElement;
				probe.textContent = text;
				svg.appendChild(probe);
				result.extremes.push({
					text,
					width: probe.getComputedTextLength(),
					room: text.length * size * 0.62 + 4
				});
				probe.remove();
			}
		}
		return result;
	});
}

async function expectReadable(page: Page, locale: Locale, mode: string) {
	const measured = await measure(page);
	expect.soft(measured.charts, `${mode}: charts drawn`).toBeGreaterThanOrEqual(8);
	expect.soft(measured.outside, `${mode}: labels outside their chart`).toEqual([]);
	for (const { text, width, room } of measured.extremes) {
		expect.soft(width, `${mode}: "${text}" fits its margin`).toBeLessThanOrEqual(room);
	}
	for (const { kind, title } of measured.titles) {
		expect
			.soft(title, `${mode}: a ${kind} chart's title names its track`)
			.toMatch(trackWords[locale][kind as 'audio' | 'video']);
	}
	const [a = [], b = []] = measured.rows;
	expect
		.soft(
			a.map((r) => r.metric),
			`${mode}: row N is the same metric on both sides`
		)
		.toEqual(b.map((r) => r.metric));
	a.forEach((row, i) => {
		expect
			.soft(Math.abs(row.top - (b[i]?.top ?? NaN)), `${mode}: row ${i} (${row.metric}) top`)
			.toBeLessThan(1);
	});
}

async function setProjector(page: Page, on: boolean) {
	const toggle = page.getByRole('banner').getByRole('checkbox');
	await toggle.setChecked(on);
	const html = page.locator('html');
	if (on) await expect(html).toHaveAttribute('data-projector', 'on');
	else await expect(html).not.toHaveAttribute('data-projector', 'on');
}

/** The stats area (both panels), as a picture to look at. */
const statsArea = (page: Page): Locator => panels(page).first().locator('xpath=..');

for (const locale of ['en', 'zh-CN'] as const) {
	for (const viewport of [
		{ width: 1280, height: 720 },
		{ width: 1366, height: 768 }
	]) {
		test.describe(`live stats charts at ${viewport.width} px (${locale})`, () => {
			test.use({ viewport, locale });

			test('keep every label inside, name the track, and line both peers up row by row, Projector mode off and on', async ({
				page
			}, testInfo) => {
				test.setTimeout(60_000);
				await runMediaCall(page, locale);
				await expect(page.locator('html')).toHaveAttribute('lang', locale);
				await setProjector(page, false);
				await expectReadable(page, locale, 'Projector mode off');
				if (viewport.width === 1280) {
					await statsArea(page).screenshot({ path: testInfo.outputPath(`stats-${locale}.png`) });
				}
				await setProjector(page, true);
				await expectReadable(page, locale, 'Projector mode on');
				if (viewport.width === 1280) {
					await statsArea(page).screenshot({
						path: testInfo.outputPath(`stats-${locale}-projector.png`)
					});
				}
			});
		});
	}
}
