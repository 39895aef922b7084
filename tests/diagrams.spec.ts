import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, lab, showTab, test, textHeights } from './fixtures';

// Diagrams a class can read (issue 13): in the loopback lab the statechart's state names and the
// sequence diagram's text are never drawn smaller than 12 px at 1280 px wide (18 px in Projector
// mode), measured from the rendered boxes of the text; the current state and the newest arrow are
// always in view.

type Lang = 'en' | 'zh-CN';
const words = {
	en: {
		next: 'Next step',
		run: 'Run to connected',
		full: 'Full statechart',
		sequence: 'Sequence',
		statechart: 'Statechart'
	},
	'zh-CN': {
		next: '下一步',
		run: '运行到连通',
		full: '完整状态图',
		sequence: '时序图',
		statechart: '状态图'
	}
} as const;

async function openLab(page: Page, lang: Lang, projector: boolean): Promise<void> {
	await page
		.context()
		.addCookies([{ name: 'PARAGLIDE_LOCALE', value: lang, url: 'http://127.0.0.1/' }]);
	await page.addInitScript(
		({ value, locale }) => {
			localStorage.setItem('webrtc-lab.projector.v1', value);
			localStorage.setItem('PARAGLIDE_LOCALE', locale);
		},
		{ value: projector ? 'on' : 'off', locale: lang }
	);
	await page.goto('/lab');
	await expect(page.locator('html')).toHaveAttribute('lang', lang);
	if (projector) await expect(page.locator('html')).toHaveAttribute('data-projector', 'on');
	await expect(lab(page)).toHaveAttribute('data-state', 'idle');
	await expect(nextButton(page, lang)).toBeEnabled();
}

const nextButton = (page: Page, lang: Lang) =>
	page.getByRole('button', { name: words[lang].next, exact: true });

/** Whether `inner`'s box lies inside `outer`'s (1 px of rounding allowed). */
async function inside(inner: Locator, outer: Locator): Promise<boolean> {
	const a = await inner.boundingBox();
	const b = await outer.boundingBox();
	if (!a || !b) return false;
	return (
		a.x >= b.x - 1 &&
		a.y >= b.y - 1 &&
		a.x + a.width <= b.x + b.width + 1 &&
		a.y + a.height <= b.y + b.height + 1
	);
}

const sequenceSection = (page: Page) => page.locator('section[aria-labelledby="sequence-heading"]');

async function expectSequenceReadable(page: Page, min: number, withinPage = true): Promise<void> {
	const section = sequenceSection(page);
	await section.scrollIntoViewIfNeeded();
	const box = section.locator('.scroll');
	// The newest message or note (the first steps are notes, then arrows) is drawn.
	const newest = section.locator('.messageText, .noteText').last();
	await expect(newest).toBeAttached();
	// The box scrolls; the page does not grow sideways.
	if (withinPage) {
		const frame = (await box.boundingBox())!;
		expect(frame.x + frame.width, 'the scroll box ends inside the page').toBeLessThanOrEqual(
			page.viewportSize()!.width
		);
	}
	// The newest arrow (its label and its line) is inside the scroll box's visible part.
	await expect.poll(() => inside(newest, box)).toBe(true);
	// Its arrow line is in view too: at the same height, and at least partly sideways (an arrow
	// from Peer A to Peer B may be wider than a lesson's column).
	if ((await newest.getAttribute('class'))?.includes('messageText')) {
		const line = section.locator('.messageLine0, .messageLine1').last();
		await expect
			.poll(async () => {
				const a = await line.boundingBox();
				const b = await box.boundingBox();
				if (!a || !b) return false;
				return (
					a.y >= b.y - 1 &&
					a.y + a.height <= b.y + b.height + 1 &&
					a.x < b.x + b.width &&
					a.x + a.width > b.x
				);
			})
			.toBe(true);
	}
	const small = (await textHeights(section.locator('svg text'))).filter((t) => t.height < min);
	expect(small, `sequence text smaller than ${min} px`).toEqual([]);
}

const steps = [
	'peersCreated',
	'dataChannelCreated',
	'offerCreated',
	'localOfferSet',
	'offerSignaled'
];

for (const lang of ['en', 'zh-CN'] as const) {
	for (const projector of [false, true]) {
		const min = projector ? 18 : 12;
		test(`statechart and sequence text ≥ ${min} px, current state and newest arrow in view (${lang}, Projector ${projector ? 'on' : 'off'})`, async ({
			page
		}) => {
			await page.setViewportSize({ width: 1280, height: 720 });
			await openLab(page, lang, projector);
			const strip = page.getByTestId('state-strip');
			for (const state of steps) {
				await nextButton(page, lang).click();
				await expect(lab(page)).toHaveAttribute('data-state', state);
				await expect(nextButton(page, lang)).toBeEnabled();
				const current = strip.locator('li[aria-current="step"] code');
				await expect(current).toHaveText(state);
				const [label] = await textHeights(current);
				expect(label!.height, `strip label ${state}`).toBeGreaterThanOrEqual(min);
				await showTab(page, words[lang].sequence);
				await expectSequenceReadable(page, min);
			}
			// Every state passed is marked done; the next ones are not.
			await expect(strip.locator('li.done')).toHaveCount(steps.length);

			// The full chart (in its tab) opens centred on the current state, its names readable.
			await showTab(page, words[lang].statechart);
			await page.getByRole('button', { name: words[lang].full }).click();
			const pan = page.getByRole('region', { name: words[lang].full });
			const active = pan.locator('g.node.active');
			await expect(active).toHaveCount(1);
			await expect.poll(() => inside(active, pan)).toBe(true);
			const view = (await pan.boundingBox())!;
			const names = await pan.locator('g.node .nodeLabel').evaluateAll((elements, v) => {
				return elements
					.map((element) => {
						const range = document.createRange();
						range.selectNodeContents(element);
						const r = range.getBoundingClientRect();
						return { text: (element.textContent ?? '').trim(), r };
					})
					.filter(
						({ text, r }) =>
							text !== '' &&
							r.right > v.x &&
							r.left < v.x + v.width &&
							r.bottom > v.y &&
							r.top < v.y + v.height
					)
					.map(({ text, r }) => ({ text, height: r.height }));
			}, view);
			expect(names.length).toBeGreaterThan(0);
			expect(
				names.filter((n) => n.height < min),
				`state names smaller than ${min} px`
			).toEqual([]);

			// The next step moves the highlight; the chart follows it.
			await nextButton(page, lang).click();
			await expect(lab(page)).toHaveAttribute('data-state', 'remoteOfferSet');
			await showTab(page, words[lang].statechart);
			await expect(active).toHaveAttribute('id', /-state-s_session_remoteOfferSet-/);
			await expect.poll(() => inside(active, pan)).toBe(true);
			await showTab(page, words[lang].sequence);
			await expectSequenceReadable(page, min);

			// A whole run, candidates and all: the diagram is wider and longer than the page.
			await page.getByRole('button', { name: words[lang].run, exact: true }).click();
			await expect(lab(page)).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
			await showTab(page, words[lang].statechart);
			await expect(active).toHaveAttribute('id', /-state-s_session_connected-/);
			await expect.poll(() => inside(active, pan)).toBe(true);
			await showTab(page, words[lang].sequence);
			await expectSequenceReadable(page, min);
		});
	}
}

// On a lesson page the lab sits in a column beside the text: the sequence diagram was shrunk to
// the column's width there (text about 9 px); it now keeps its size and scrolls.
for (const projector of [false, true]) {
	const min = projector ? 18 : 12;
	test(`a lesson's sequence diagram keeps its text ≥ ${min} px and its newest arrow in view (Projector ${projector ? 'on' : 'off'})`, async ({
		page
	}) => {
		await page.setViewportSize({ width: 1280, height: 720 });
		await page.addInitScript(
			(value) => localStorage.setItem('webrtc-lab.projector.v1', value),
			projector ? 'on' : 'off'
		);
		await page.goto('/lessons/data-channels');
		await expect(page.locator('.lesson-page[data-mounted="true"]')).toBeAttached();
		await expect(lab(page)).toHaveAttribute('data-state', 'idle');
		await expect(nextButton(page, 'en')).toBeEnabled();
		for (const state of steps) {
			await nextButton(page, 'en').click();
			await expect(lab(page)).toHaveAttribute('data-state', state);
			await expect(nextButton(page, 'en')).toBeEnabled();
			await showTab(page, 'Sequence');
			await expectSequenceReadable(page, min);
		}
	});
}

// The NAT simulator's packet sequence: the same rule, packet by packet and after a whole run. (The
// page's grid is already wider than 1280 px before any packet, from another panel: not checked here.)
for (const projector of [false, true]) {
	const min = projector ? 18 : 12;
	test(`the NAT simulator's sequence keeps its text ≥ ${min} px and its newest arrow in view (Projector ${projector ? 'on' : 'off'})`, async ({
		page
	}, testInfo) => {
		await page.setViewportSize({ width: 1280, height: 720 });
		await page.addInitScript(
			(value) => localStorage.setItem('webrtc-lab.projector.v1', value),
			projector ? 'on' : 'off'
		);
		await page.goto('/nat');
		const next = page.getByRole('button', { name: 'Next packet' });
		await expect(next).toBeEnabled();
		for (let i = 1; i <= 4; i++) {
			await next.click();
			await expect(page.getByTestId('step-counter')).toHaveText(new RegExp(`^Step ${i} of`));
			await expectSequenceReadable(page, min, false);
		}
		await page.getByRole('button', { name: 'Run all' }).click();
		await expect(next).toBeDisabled();
		await expectSequenceReadable(page, min, false);
		await sequenceSection(page).screenshot({
			path: testInfo.outputPath(`nat-sequence-projector-${projector ? 'on' : 'off'}.png`)
		});
	});
}

test('the full statechart zooms and pans from the keyboard, never below the readable scale', async ({
	page
}) => {
	await page.setViewportSize({ width: 1280, height: 720 });
	await openLab(page, 'en', false);
	await showTab(page, 'Statechart');
	await page.getByRole('button', { name: 'Full statechart' }).click();
	const pan = page.getByRole('region', { name: 'Full statechart' });
	await expect(pan.locator('g.node.active')).toHaveCount(1);
	const scale = async () => Number(await pan.getAttribute('data-scale'));
	const start = await scale();
	await pan.focus();
	await page.keyboard.press('+');
	expect(await scale()).toBeGreaterThan(start);
	for (let i = 0; i < 8; i++) await page.keyboard.press('-');
	// 16 px names at 12 px: 0.75.
	expect(await scale()).toBeCloseTo(0.75, 5);
	await expect(page.getByRole('button', { name: 'Zoom out' })).toBeDisabled();
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('c');
	await expect.poll(() => inside(pan.locator('g.node.active'), pan)).toBe(true);
	// The presenter keys are not triggered from inside the box, and the lab did not move.
	await expect(lab(page)).toHaveAttribute('data-state', 'idle');

	await page.getByRole('button', { name: 'Next step' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'peersCreated');
	await showTab(page, 'Sequence');
	const serious = (await new AxeBuilder({ page }).include('.lab').analyze()).violations.filter(
		(v) => v.impact === 'serious' || v.impact === 'critical'
	);
	expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
});

// Pictures to look at (not compared): the statechart column and the sequence diagram.
for (const [width, height] of [
	[1280, 720],
	[1366, 768]
] as const) {
	for (const lang of ['en', 'zh-CN'] as const) {
		for (const projector of [false, true]) {
			test(`screenshots ${width}×${height} ${lang} Projector ${projector ? 'on' : 'off'}`, async ({
				page
			}, testInfo) => {
				await page.setViewportSize({ width, height });
				await openLab(page, lang, projector);
				for (const state of steps.slice(0, 3)) {
					await nextButton(page, lang).click();
					await expect(lab(page)).toHaveAttribute('data-state', state);
				}
				const name = `${width}x${height}-${lang}-projector-${projector ? 'on' : 'off'}`;
				await page.screenshot({ path: testInfo.outputPath(`${name}-step.png`) });
				await showTab(page, words[lang].statechart);
				await page.getByRole('button', { name: words[lang].full }).click();
				const pan = page.getByRole('region', { name: words[lang].full });
				await expect(pan.locator('g.node.active')).toHaveCount(1);
				await expect.poll(() => inside(pan.locator('g.node.active'), pan)).toBe(true);
				await page.screenshot({ path: testInfo.outputPath(`${name}-statechart.png`) });
				await showTab(page, words[lang].sequence);
				const sequence = sequenceSection(page);
				await sequence.scrollIntoViewIfNeeded();
				const newest = sequence.locator('.messageText, .noteText').last();
				await expect(newest).toBeAttached();
				await expect.poll(() => inside(newest, sequence.locator('.scroll'))).toBe(true);
				await sequence.screenshot({ path: testInfo.outputPath(`${name}-sequence.png`) });
			});
		}
	}
}
