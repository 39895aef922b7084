// Lessons name the lab's controls, presets and panels by reference, never by copying their words
// (lessons/README.md, "Naming the UI"):
//
//   Press {ui:lab_next_step}, then choose {network:relay-only}.
//
// `{ui:<key>}` is the key of the Paraglide message the control itself shows, read from the same
// messages/<locale>.json the UI is compiled from (`lab_next_step` → "Next step" / "下一步");
// `{network:<id>}` is a "Network conditions" preset by the id a lesson's `lab.network` uses, worded
// by the table the preset menu reads (NETWORK_CONDITIONS). The loader resolves every reference in
// the lesson's own language; one that names no label, or a message that needs parameters (a
// reference has none to give), fails the load naming the file and line.
//
// Why the message key itself, and not a vocabulary of our own (`{ui:next-step}` → lab_next_step):
// the key is already the one name the button, its translations and `grep` share. A vocabulary
// would be a third name to keep in step with the other two, and a label missing from it would be
// one more way for a lesson to go stale; with the key, renaming a button's words changes every
// lesson at once, and renaming or removing the key fails the build until the lessons follow.

import { NETWORK_CONDITIONS } from '../ice/conditions';
import type { Locale } from '../locale';

/** messages/<locale>.json as parsed JSON: key → message (a string, or variants). */
export type UiMessages = Readonly<Record<Locale, Readonly<Record<string, unknown>>>>;

export type UiSource = 'ui' | 'network';

export interface UiReference {
	source: UiSource;
	id: string;
	/** As written: `{ui:lab_next_step}`. */
	token: string;
}

/** `{ui:lab_next_step}`, `{network:relay-only}`; anything up to the closing brace is the id. */
const REFERENCE = /\{(ui|network):([^{}\s]*)\}/g;

/** The reference that starts `text`, if any (the inline parser reads one at a `{`). */
export function referenceAt(text: string): UiReference | null {
	const match = /^\{(ui|network):([^{}\s]*)\}/.exec(text);
	return match ? { source: match[1] as UiSource, id: match[2] ?? '', token: match[0] } : null;
}

/** Every reference in a plain text (a check or prediction text of the frontmatter). */
export function findReferences(text: string): UiReference[] {
	return [...text.matchAll(REFERENCE)].map((match) => ({
		source: match[1] as UiSource,
		id: match[2] ?? '',
		token: match[0]
	}));
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** Code spans on one line: `` `…` ``, ``` ``…`` ```; their content stays literal. */
const CODE_SPAN = /(`+)[\s\S]*?\1/g;

/**
 * Every reference of a Markdown body with its line (1 = the body's first line), outside code
 * fences and code spans, where the text shows them literally.
 */
export function referencesByLine(markdown: string): (UiReference & { line: number })[] {
	const found: (UiReference & { line: number })[] = [];
	let fence: string | null = null;
	markdown.split(/\r?\n/).forEach((line, index) => {
		const marker = FENCE.exec(line)?.[1];
		if (fence !== null) {
			if (marker?.startsWith(fence)) fence = null;
			return;
		}
		if (marker) {
			fence = marker;
			return;
		}
		for (const reference of findReferences(line.replace(CODE_SPAN, ''))) {
			found.push({ ...reference, line: index + 1 });
		}
	});
	return found;
}

export type LabelResult = { ok: true; label: string } | { ok: false; problem: string };

const NETWORK_IDS = NETWORK_CONDITIONS.map((condition) => condition.id);

/** The words the learner sees for `reference` in `locale`, or what is wrong with it. */
export function uiLabel(
	messages: UiMessages,
	locale: Locale,
	reference: Pick<UiReference, 'source' | 'id'>
): LabelResult {
	const token = `{${reference.source}:${reference.id}}`;
	if (reference.source === 'network') {
		const condition = NETWORK_CONDITIONS.find((c) => c.id === reference.id);
		if (!condition) {
			return {
				ok: false,
				problem: `unknown network preset ${token}: must be one of ${NETWORK_IDS.join(', ')}`
			};
		}
		return { ok: true, label: condition.label[locale] };
	}
	const message = Object.hasOwn(messages[locale], reference.id)
		? messages[locale][reference.id]
		: undefined;
	if (reference.id.startsWith('$') || message === undefined) {
		return {
			ok: false,
			problem: `unknown UI label ${token}: messages/${locale}.json has no message "${reference.id}"`
		};
	}
	if (typeof message !== 'string' || /\{[^}]*\}/.test(message)) {
		const params = typeof message === 'string' ? (message.match(/\{[^}]*\}/g) ?? []) : [];
		return {
			ok: false,
			problem: `UI label ${token} takes parameters${params.length ? ` (${params.join(', ')})` : ''}: a lesson can name only a label without them`
		};
	}
	if (message.trim() === '') {
		return { ok: false, problem: `UI label ${token} is empty in messages/${locale}.json` };
	}
	return { ok: true, label: message };
}

/** How a plain text (a check, a prediction) sets a label apart: in the language's quotes. */
const QUOTES: Readonly<Record<Locale, readonly [string, string]>> = {
	en: ['“', '”'],
	'zh-CN': ['“', '”']
};

/**
 * A plain text with its references replaced by their labels in quotes:
 * `Connect with {ui:lab_trickle_off}.` → `Connect with “Wait for gathering to complete”.`
 * Throws on a reference `label` cannot resolve (the loader checks them first, naming the line).
 */
export function withLabels(
	text: string,
	locale: Locale,
	label: (reference: UiReference) => string
): string {
	const [open, close] = QUOTES[locale];
	return text.replace(REFERENCE, (token, source: UiSource, id: string) => {
		return `${open}${label({ source, id, token })}${close}`;
	});
}
