import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BASE_LOCALE, LOCALES } from '$lib/core/locale';

// Every UI string exists in both languages, with the same parameters: a message missing in one
// file (or with a {placeholder} the other lacks) fails here, not on a student's screen.

const read = (locale: string): Record<string, string> =>
	JSON.parse(readFileSync(new URL(`../../../messages/${locale}.json`, import.meta.url), 'utf8'));
const settings = JSON.parse(
	readFileSync(new URL('../../../project.inlang/settings.json', import.meta.url), 'utf8')
) as { baseLocale: string; locales: string[] };

const messages = Object.fromEntries(
	settings.locales.map((locale) => {
		const { $schema: _schema, ...entries } = read(locale);
		return [locale, entries];
	})
);
const parameters = (text: string) =>
	[...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('messages', () => {
	it('are configured for the languages of core/locale.ts, the base language first', () => {
		expect(settings.baseLocale).toBe(BASE_LOCALE);
		expect(settings.locales).toEqual([...LOCALES]);
	});

	// (A key missing in one language: missing.test.ts, which lists every one.)
	for (const locale of settings.locales) {
		it(`${locale}: every message is a string with the base language's parameters`, () => {
			for (const [key, text] of Object.entries(messages[locale]!)) {
				expect(typeof text, key).toBe('string');
				expect(text.trim(), key).not.toBe('');
				expect(parameters(text), key).toEqual(parameters(messages[settings.baseLocale]![key]!));
			}
		});
	}

	it('keys are valid identifiers (Paraglide makes each one a function)', () => {
		for (const key of Object.keys(messages[settings.baseLocale]!))
			expect(key).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
	});
});
