// The languages the lab speaks, and the one shape of a text in all of them.
//
// UI text lives in messages/<locale>.json (Paraglide, `m.key()`); the core's knowledge tables
// (SDP attributes, stats fields, ICE and NAT explanations, the step table) keep their languages
// side by side as `Localized` records. Both are listed by locale here, so adding a language is a
// data change: add it to LOCALES and project.inlang/settings.json, write messages/<locale>.json,
// and `npm run i18n:missing` (with the type checker) lists every text still to translate.

/** Every language of the lab, the base language first (project.inlang/settings.json agrees). */
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export const BASE_LOCALE: Locale = LOCALES[0];

/** Each language's name, written in itself (the language switch shows them whatever the UI language). */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
	en: 'English',
	'zh-CN': '简体中文'
};

export const isLocale = (value: unknown): value is Locale =>
	(LOCALES as readonly unknown[]).includes(value);

/** A text of the core's knowledge in every language. */
export type Localized = Readonly<Record<Locale, string>>;

/** One string per element of a tuple of locales. */
type TextPer<T extends readonly Locale[]> = { [I in keyof T]: string };

/** A Localized from its texts in LOCALES order: `localized('offer', '提议')`. */
export function localized(...texts: TextPer<typeof LOCALES>): Localized {
	return Object.fromEntries(LOCALES.map((locale, i) => [locale, texts[i]])) as Localized;
}

/** A text as it should be read in `locale`: a translation left empty falls back to the base language. */
export const inLocale = (text: Localized, locale: Locale): string =>
	text[locale] || text[BASE_LOCALE];

/** A text, or a function that words one (tables of messages with parameters). */
const isText = (value: unknown): boolean =>
	(typeof value === 'string' && value.trim() !== '') || typeof value === 'function';

const isLocalizedShape = (value: object): boolean =>
	isText((value as Record<string, unknown>)[BASE_LOCALE]) &&
	Object.keys(value).some((key) => isLocale(key) && key !== BASE_LOCALE);

/**
 * Every Localized reachable from `value` (records, arrays, nested tables; also records of
 * functions per language) that lacks a text in one of `locales`, named by its path: what a
 * translator still has to write.
 */
export function missingTranslations(
	value: unknown,
	path: string,
	locales: readonly Locale[] = LOCALES
): { path: string; missing: Locale[] }[] {
	const found: { path: string; missing: Locale[] }[] = [];
	const seen = new Set<object>();
	const walk = (node: unknown, at: string) => {
		if (node === null || typeof node !== 'object' || seen.has(node)) return;
		seen.add(node);
		if (!Array.isArray(node) && isLocalizedShape(node)) {
			const record = node as Record<string, unknown>;
			const missing = locales.filter((locale) => !isText(record[locale]));
			if (missing.length) found.push({ path: at, missing });
		}
		for (const [key, child] of Object.entries(node))
			if (!isLocale(key)) walk(child, Array.isArray(node) ? `${at}[${key}]` : `${at}.${key}`);
	};
	walk(value, path);
	return found;
}
