import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseMarkdown } from '../src/lib/core/lessons/markdown';
import { expect, test } from './fixtures';

// Issue 6: lesson code blocks are highlighted, as text nodes in spans, readable in both modes.

const LESSON = '/lessons/what-is-webrtc';
/** PROJECTOR_KEY of src/lib/projector.svelte.ts (a runes module, not importable here). */
const PROJECTOR_KEY = 'webrtc-lab.projector.v1';
const source = readFileSync(
	fileURLToPath(new URL('../lessons/01-what-is-webrtc/en.md', import.meta.url)),
	'utf8'
);
/** The lesson's first ```js fence, as the markdown parser reads it. */
const snippet = parseMarkdown(source).find((block) => block.type === 'code' && block.lang === 'js');

async function openLesson(page: Page) {
	// Lesson pages load the lab's code and mermaid: several seconds per load under `vite dev`.
	test.slow();
	await page.goto(LESSON);
	await expect(page.locator('pre.code').first()).toBeVisible();
}

test('a js code block is highlighted: keyword and string spans, the same text, nothing but spans', async ({
	page
}) => {
	if (snippet?.type !== 'code') throw new Error('lesson 1 has no ```js block');
	await openLesson(page);
	const code = page.locator('pre.code code.language-js').first();
	await expect(code.locator('span.tok-keyword').first()).toHaveText('const');
	await expect(code.locator('span.tok-string')).toHaveText(["'chat'", "'hello'"]);
	await expect(code.locator('span.tok-function', { hasText: 'RTCPeerConnection' })).toHaveCount(1);
	// The spans spell the snippet exactly: no character lost, added or escaped twice.
	expect(await code.evaluate((element) => element.textContent)).toBe(snippet.text);
	// Every child is a span of text: no other elements, inside or beside them.
	await expect(code.locator(':scope > :not(span), span *')).toHaveCount(0);
	await expect(page.locator('pre.code[data-lang="js"]').first()).toBeVisible();
});

test('token colours pass axe colour contrast, also in projector mode', async ({ page }) => {
	await openLesson(page);
	const contrast = async () =>
		(
			await new AxeBuilder({ page }).include('pre.code').withRules(['color-contrast']).analyze()
		).violations.flatMap((violation) => violation.nodes.map((node) => node.target.join(' ')));
	await expect(page.locator('pre.code span.tok-keyword').first()).toBeVisible();
	expect(await contrast()).toEqual([]);
	// Projector mode as a returning teacher has it: remembered, applied once the page is hydrated.
	await page.addInitScript((key) => localStorage.setItem(key, 'on'), PROJECTOR_KEY);
	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('data-projector', 'on');
	await expect(page.getByRole('checkbox', { name: 'Projector mode' })).toBeChecked();
	expect(await contrast()).toEqual([]);
});
