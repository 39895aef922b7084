// What the learner reads on a page, as the language tests see it: every visible run of text (HTML
// and SVG), the `title`, `aria-label`, `placeholder` and `alt` of visible elements, and the
// document title, each as one string. Not read: code (`code`, `kbd`, `pre`, `samp`), what the
// learner typed (`textarea`), `translate="no"`, and text marked as another language than the
// page's (`lang="en"` on a Chinese page: the language switch, the lessons' subtitles).
import type { BrowserContext, Page } from '@playwright/test';
import { englishProse, hasChinese } from '../src/lib/i18n/english-prose';

/** One text the learner sees: `where` is '' for page text, else an attribute or 'document.title'. */
export type VisibleText = { where: string; text: string };

declare global {
	interface Window {
		/** Installed by `installVisibleText`: the visible texts under `root` (the body by default). */
		__visibleTexts?: (root?: Element) => VisibleText[];
	}
}

/**
 * Runs in the page (an init script): defines `window.__visibleTexts`. Self-contained, as Playwright
 * sends its source.
 *
 * Text is read per line of layout: the text nodes of one block (the nearest ancestor that is not
 * `display: inline`, or one SVG `<text>`) make one string, so "Run to <b>connected</b>" reads as
 * three words. Anything that is not read (a `<code>`, a `<br>`, a nested block) stands in that
 * string as `⟦⟧`, which ends a run of words.
 */
function install() {
	const SKIP =
		'code, kbd, pre, samp, script, style, noscript, template, textarea, [translate="no"]';
	const BREAK = ' ⟦⟧ ';
	const ATTRIBUTES = ['title', 'aria-label', 'placeholder', 'alt'];

	window.__visibleTexts = (root: Element = document.body) => {
		const pageLang = (document.documentElement.lang || '').toLowerCase();
		const display = new Map<Element, string>();
		const displayOf = (element: Element) => {
			let value = display.get(element);
			if (value === undefined) {
				value = getComputedStyle(element).display;
				display.set(element, value);
			}
			return value;
		};
		const otherLanguage = (element: Element) => {
			const declared = element.closest('[lang]')?.getAttribute('lang')?.toLowerCase();
			return declared !== undefined && declared !== '' && declared !== pageLang;
		};
		const inClosedDetails = (node: Node) => {
			const parent = node.parentElement;
			return (
				parent instanceof HTMLDetailsElement &&
				!parent.open &&
				!(node instanceof HTMLElement && node.tagName === 'SUMMARY')
			);
		};
		/** The element whose line a node's text belongs to. */
		const lineOf = (element: Element): Element => {
			const svgText = element.closest('text');
			if (svgText && element instanceof SVGElement) return svgText;
			let current: Element = element;
			while (
				current.parentElement &&
				current !== root &&
				!(current instanceof SVGElement) &&
				!(current instanceof HTMLOptionElement) &&
				['inline', 'contents'].includes(displayOf(current))
			)
				current = current.parentElement;
			return current;
		};
		const isVisible = (element: Element) => {
			if (displayOf(element) === 'contents') return true;
			const select = element.closest('select');
			const target = select ?? element;
			return target.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
		};

		const lines = new Map<Element, string[]>();
		const add = (line: Element, text: string) => {
			const parts = lines.get(line);
			if (parts) parts.push(text);
			else lines.set(line, [text]);
		};
		const attributes: { where: string; text: string }[] = [];

		const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
			acceptNode(node) {
				if (node instanceof Text) {
					return inClosedDetails(node) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
				}
				const element = node as Element;
				const parent = element.parentElement;
				if (element !== root && parent && (element.matches(SKIP) || element.tagName === 'BR')) {
					add(lineOf(parent), BREAK);
					return NodeFilter.FILTER_REJECT;
				}
				if (inClosedDetails(element) || !isVisible(element) || otherLanguage(element))
					return NodeFilter.FILTER_REJECT;
				// A block inside a line ends the words before it.
				if (parent && element !== root && lineOf(element) === element) add(lineOf(parent), BREAK);
				return NodeFilter.FILTER_ACCEPT;
			}
		});
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			if (node instanceof Text) {
				if (node.data.trim() !== '' && node.parentElement)
					add(lineOf(node.parentElement), node.data);
				continue;
			}
			for (const name of ATTRIBUTES) {
				const value = (node as Element).getAttribute(name)?.trim();
				if (value) attributes.push({ where: name, text: value });
			}
		}
		const texts = [...lines.values()]
			.map((parts) => parts.join('').replace(/\s+/g, ' ').trim())
			.filter((text) => text.replaceAll('⟦⟧', '').trim() !== '')
			.map((text) => ({ where: '', text }));
		if (root === document.body && document.title)
			texts.push({ where: 'document.title', text: document.title });
		const seen = new Set<string>();
		return [...texts, ...attributes].filter((item) => {
			const key = `${item.where}\n${item.text}`;
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		});
	};
}

/** Makes `window.__visibleTexts` available in every page of the context, before any script. */
export async function installVisibleText(context: BrowserContext) {
	await context.addInitScript(install);
}

/** The visible texts of a page (installVisibleText on its context first). */
export function visibleTexts(page: Page, selector = 'body'): Promise<VisibleText[]> {
	return page.evaluate((selector) => {
		const root = document.querySelector(selector);
		if (!root || !window.__visibleTexts) throw new Error(`no ${selector} or no collector`);
		return window.__visibleTexts(root);
	}, selector);
}

/** A text as a failure message lists it: its attribute first, long texts shortened. */
function quoted({ where, text }: VisibleText): string {
	const shown = text.replaceAll('⟦⟧', '‹code›');
	const short = shown.length > 240 ? `${shown.slice(0, 240)}…` : shown;
	return where ? `[${where}] ${short}` : short;
}

/**
 * The texts in the wrong language for a page in `lang`: English prose (three or more English
 * words, `englishProse`) on a Chinese page, any Chinese on an English page. Sorted, deduplicated.
 */
export function wrongLanguage(texts: VisibleText[], lang: 'en' | 'zh-CN'): string[] {
	const wrong = texts.filter(({ text }) =>
		lang === 'en' ? hasChinese(text) : englishProse(text).length > 0
	);
	return [...new Set(wrong.map(quoted))].sort();
}
