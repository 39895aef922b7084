/**
 * The markdown our lessons are written in, as a token tree. Pure: the tree is rendered with
 * Svelte elements (src/routes/lessons/[slug]/Markdown.svelte), so lesson text is always text,
 * never HTML.
 *
 * The subset (CommonMark / GFM where it matters):
 *
 *   ## Heading                       ATX headings, levels 1–6
 *   paragraphs                       lines joined until a blank line or another block
 *   - item / * item / 1. item        one level of bullet and ordered lists; indented lines continue an item
 *   ```js … ```                      code fences with an optional language (```mermaid is a diagram)
 *   | a | b |                        GFM tables with a |---| delimiter row
 *   `code` *em* _em_ **strong** [text](href)
 *   {ui:lab_next_step} {network:relay-only}   a label of the UI (./ui-labels.ts), when the
 *                                    parser is given `label`; otherwise literal text
 *
 * Anything else (HTML tags, images, block quotes) stays literal text.
 */

import { referenceAt, type UiReference } from './ui-labels';

export type Inline =
	| { type: 'text'; text: string }
	| { type: 'code'; text: string }
	| { type: 'em'; children: Inline[] }
	| { type: 'strong'; children: Inline[] }
	| { type: 'link'; href: string; children: Inline[] }
	/** A control, preset or panel named by reference: `ref` as written, `text` the learner's words. */
	| { type: 'ui'; ref: string; text: string };

/** The label of a UI reference in the text's language (see ./ui-labels.ts). */
export type LabelOf = (reference: UiReference) => string;

export type Align = 'left' | 'center' | 'right' | null;

export type Block =
	| { type: 'heading'; level: number; children: Inline[] }
	| { type: 'paragraph'; children: Inline[] }
	| { type: 'list'; ordered: boolean; start: number; items: Inline[][] }
	| { type: 'code'; lang: string; text: string }
	| { type: 'table'; align: Align[]; header: Inline[][]; rows: Inline[][][] };

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)\s*$/;
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^ {0,3}[-*+]\s+(.*)$/;
const ORDERED = /^ {0,3}(\d{1,9})[.)]\s+(.*)$/;
const TABLE_DELIMITER = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

function startsBlock(line: string): boolean {
	return FENCE.test(line) || HEADING.test(line) || BULLET.test(line) || ORDERED.test(line);
}

/** `| a | b \| c |` → ['a', 'b | c']. */
function tableCells(line: string): string[] {
	let text = line.trim();
	if (text.startsWith('|')) text = text.slice(1);
	if (text.endsWith('|') && !text.endsWith('\\|')) text = text.slice(0, -1);
	const cells: string[] = [];
	let current = '';
	let inCode = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '\\' && text[i + 1] === '|') {
			current += '|';
			i++;
		} else if (c === '`') {
			inCode = !inCode;
			current += c;
		} else if (c === '|' && !inCode) {
			cells.push(current.trim());
			current = '';
		} else current += c;
	}
	cells.push(current.trim());
	return cells;
}

function alignOf(cell: string): Align {
	const left = cell.startsWith(':');
	const right = cell.endsWith(':');
	return left && right ? 'center' : right ? 'right' : left ? 'left' : null;
}

export function parseMarkdown(source: string, label?: LabelOf): Block[] {
	const parseInline = (text: string) => parseInlineWith(text, label);
	const lines = source.replace(/\r\n?/g, '\n').split('\n');
	const blocks: Block[] = [];
	let i = 0;
	while (i < lines.length) {
		const line = lines[i] ?? '';
		if (line.trim() === '') {
			i++;
			continue;
		}
		const fence = FENCE.exec(line);
		if (fence) {
			const marker = fence[1] ?? '```';
			const body: string[] = [];
			i++;
			while (i < lines.length && !(lines[i] ?? '').trim().startsWith(marker)) body.push(lines[i++] ?? '');
			i++; // closing fence (or the end of the text)
			blocks.push({ type: 'code', lang: fence[2] ?? '', text: body.join('\n') });
			continue;
		}
		const heading = HEADING.exec(line);
		if (heading) {
			blocks.push({
				type: 'heading',
				level: heading[1]?.length ?? 1,
				children: parseInline(heading[2] ?? '')
			});
			i++;
			continue;
		}
		if (line.includes('|') && TABLE_DELIMITER.test(lines[i + 1] ?? '')) {
			const header = tableCells(line);
			const align = tableCells(lines[i + 1] ?? '').map(alignOf);
			i += 2;
			const rows: Inline[][][] = [];
			while (i < lines.length && (lines[i] ?? '').includes('|') && (lines[i] ?? '').trim() !== '') {
				const cells = tableCells(lines[i++] ?? '');
				rows.push(header.map((_, column) => parseInline(cells[column] ?? '')));
			}
			blocks.push({ type: 'table', align, header: header.map((cell) => parseInline(cell)), rows });
			continue;
		}
		const bullet = BULLET.exec(line);
		const ordered = ORDERED.exec(line);
		if (bullet || ordered) {
			const isOrdered = !bullet;
			const items: string[][] = [];
			const start = ordered ? Number(ordered[1]) : 1;
			while (i < lines.length) {
				const current = lines[i] ?? '';
				const item = isOrdered ? ORDERED.exec(current) : BULLET.exec(current);
				if (item) {
					items.push([(isOrdered ? item[2] : item[1]) ?? '']);
				} else if (current.trim() !== '' && /^\s+/.test(current) && !FENCE.test(current)) {
					items.at(-1)?.push(current.trim());
				} else if (current.trim() === '' && /^\s+\S/.test(lines[i + 1] ?? '')) {
					// A blank line inside an item followed by an indented continuation.
				} else break;
				i++;
			}
			blocks.push({
				type: 'list',
				ordered: isOrdered,
				start,
				items: items.map((item) => parseInline(item.join(' ')))
			});
			continue;
		}
		const paragraph: string[] = [];
		while (i < lines.length) {
			const current = lines[i] ?? '';
			if (current.trim() === '' || (paragraph.length > 0 && startsBlock(current))) break;
			paragraph.push(current.trim());
			i++;
		}
		blocks.push({ type: 'paragraph', children: parseInline(paragraph.join(' ')) });
	}
	return blocks;
}

/**
 * Two made-up sites a lesson page could be served from, with different schemes: a link is read as
 * a browser would read it on each (WHATWG URL), so what it means cannot depend on where the lab
 * runs (`https:evil.example` is a path on an https page but another host on an http one).
 */
const SITES = ['https://lab-a.invalid/lessons/page', 'http://lab-b.invalid/lessons/page'];

/**
 * Links go to our own pages (a same-origin path, query or anchor) or to the web over `https:`;
 * anything else (`javascript:`, `data:`, `http:`, `//evil.example`, `/\evil.example`, which
 * browsers read as another host) is null, and the link stays text. The link comes back as the
 * browser would resolve it: a path from the site's root, an anchor, or a full https URL.
 */
export function safeHref(href: string): string | null {
	if (href.trim() === '') return null;
	const resolved = SITES.map((base) => {
		try {
			return { base: new URL(base), url: new URL(href, base) };
		} catch {
			return null;
		}
	});
	if (resolved.some((r) => r === null)) return null;
	const [a, b] = resolved as { base: URL; url: URL }[];
	if (!a || !b) return null;
	const sameOrigin = resolved.every((r) => r !== null && r.url.origin === r.base.origin);
	if (sameOrigin) {
		const local = (url: URL) => `${url.pathname}${url.search}${url.hash}`;
		// Both sites must read the same path; a path starting with // would name a host.
		if (local(a.url) !== local(b.url) || local(a.url).startsWith('//')) return null;
		// `#section` stays an anchor on the lesson page itself.
		return href.trim().startsWith('#') ? a.url.hash : local(a.url);
	}
	// Another site: only an explicit https URL that means the same on both.
	if (a.url.href !== b.url.href || a.url.protocol !== 'https:') return null;
	if (a.url.username !== '' || a.url.password !== '') return null;
	return a.url.href;
}

function pushText(out: Inline[], text: string) {
	if (text === '') return;
	const last = out.at(-1);
	if (last?.type === 'text') last.text += text;
	else out.push({ type: 'text', text });
}

/**
 * Inline markup: code spans first (their content is literal), then UI references (with `label`),
 * links and emphasis.
 */
export function parseInline(text: string, label?: LabelOf): Inline[] {
	return parseInlineWith(text, label);
}

function parseInlineWith(text: string, label: LabelOf | undefined): Inline[] {
	const parseInline = (inner: string) => parseInlineWith(inner, label);
	const out: Inline[] = [];
	let i = 0;
	while (i < text.length) {
		const c = text[i] ?? '';
		if (c === '\\' && /[\\`*_[\]()#|!-]/.test(text[i + 1] ?? '')) {
			pushText(out, text[i + 1] ?? '');
			i += 2;
			continue;
		}
		if (c === '`') {
			const run = /^`+/.exec(text.slice(i))?.[0] ?? '`';
			const close = text.indexOf(run, i + run.length);
			if (close > 0) {
				out.push({ type: 'code', text: text.slice(i + run.length, close).trim() || ' ' });
				i = close + run.length;
				continue;
			}
		}
		if (c === '{' && label) {
			const reference = referenceAt(text.slice(i));
			if (reference) {
				out.push({ type: 'ui', ref: reference.token, text: label(reference) });
				i += reference.token.length;
				continue;
			}
		}
		if (c === '[') {
			const match = /^\[([^\]]*)\]\(([^)\s]*)\)/.exec(text.slice(i));
			const href = match ? safeHref(match[2] ?? '') : null;
			if (match && href !== null) {
				out.push({ type: 'link', href, children: parseInline(match[1] ?? '') });
				i += match[0].length;
				continue;
			}
		}
		if (c === '*' || c === '_') {
			const strong = text.startsWith(c + c, i);
			const marker = strong ? c + c : c;
			const after = text[i + marker.length] ?? '';
			// Opening: not followed by a space; `_` inside a word (snake_case) is not emphasis.
			const wordBefore = i > 0 && /\w/.test(text[i - 1] ?? '');
			if (after !== '' && !/\s/.test(after) && !(c === '_' && wordBefore)) {
				const close = findClose(text, marker, i + marker.length);
				if (close > 0) {
					const children = parseInline(text.slice(i + marker.length, close));
					out.push(strong ? { type: 'strong', children } : { type: 'em', children });
					i = close + marker.length;
					continue;
				}
			}
		}
		pushText(out, c);
		i++;
	}
	return out;
}

/** The closing emphasis marker: not after a space, not inside a code span. */
function findClose(text: string, marker: string, from: number): number {
	let i = from;
	while (i < text.length) {
		if (text[i] === '`') {
			const close = text.indexOf('`', i + 1);
			if (close > 0) {
				i = close + 1;
				continue;
			}
		}
		if (
			text.startsWith(marker, i) &&
			i > from &&
			!/\s/.test(text[i - 1] ?? '') &&
			// `*a* **b**`: a single marker does not close on the first star of a double one.
			(marker.length === 2 || text[i + 1] !== marker || text[i + 2] === marker) &&
			!(marker === '_' && /\w/.test(text[i + 1] ?? ''))
		) {
			return i;
		}
		i++;
	}
	return -1;
}

/** The text of an inline tree, e.g. for a heading's id. */
export function inlineText(nodes: Inline[]): string {
	return nodes
		.map((node) => ('children' in node ? inlineText(node.children) : node.text))
		.join('');
}

/**
 * A plain text of the frontmatter (a check, a prediction) as runs of text and code: an
 * identifier written in backticks (`have-local-offer`) is shown as code, like in the lesson text.
 */
export function codeRuns(text: string): { code: boolean; text: string }[] {
	return text
		.split(/`([^`]+)`/)
		.map((part, index) => ({ code: index % 2 === 1, text: part }))
		.filter((run) => run.text !== '');
}

/** The same text without its code marks, for a sentence that quotes it (`have-local-offer`). */
export const withoutCodeMarks = (text: string): string =>
	codeRuns(text)
		.map((run) => run.text)
		.join('');
