import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BASE_LOCALE, LOCALES, missingTranslations, type Locale } from '$lib/core/locale';

// What a translator still has to write, per language, in one listing: `npm run i18n:missing`
// runs this file. It covers both places the lab keeps text: the UI messages
// (messages/<locale>.json, a key missing or left empty) and the knowledge tables the core and
// the step table keep in every language side by side (`Localized` records: SDP attributes, stats
// fields, ICE, NAT, lessons' demo, steps…), found by walking every export of those modules.
// Each test fails with the full list, so a new language starts as a list of work.

const messagesOf = (locale: Locale): Record<string, string> => {
	try {
		const { $schema: _schema, ...entries } = JSON.parse(
			readFileSync(new URL(`../../../messages/${locale}.json`, import.meta.url), 'utf8')
		) as Record<string, string>;
		return entries;
	} catch {
		return {};
	}
};

// Every module of the core and the lab's step table: their exports are walked for Localized
// records (tests and fixtures excluded).
const modules = import.meta.glob(
	['../core/**/*.ts', '../lab/steps.ts', '!../core/**/*.test.ts', '!../core/**/*.fixture.ts'],
	{ eager: true }
);

function knowledgeMissing(locale: Locale): string[] {
	const found: string[] = [];
	for (const [file, exports] of Object.entries(modules))
		for (const [name, value] of Object.entries(exports as Record<string, unknown>))
			for (const { path } of missingTranslations(value, name, [locale]))
				found.push(`${file.replace(/^\.\.\//, 'src/lib/')}: ${path}`);
	return [...new Set(found)];
}

describe('translations', () => {
	const base = messagesOf(BASE_LOCALE);

	for (const locale of LOCALES) {
		it(`${locale}: every UI message exists and is not empty`, () => {
			const messages = messagesOf(locale);
			const missing = Object.keys(base).filter((key) => !messages[key]?.trim());
			const extra = Object.keys(messages).filter((key) => !(key in base));
			expect(
				[
					...missing.map((key) => `messages/${locale}.json: ${key} (missing)`),
					...extra.map((key) => `messages/${locale}.json: ${key} (not in ${BASE_LOCALE})`)
				],
				`messages to write in ${locale}`
			).toEqual([]);
		});

		it(`${locale}: every knowledge text exists and is not empty`, () => {
			expect(knowledgeMissing(locale), `knowledge texts to write in ${locale}`).toEqual([]);
		});
	}

	it('walks the knowledge tables: asked for a language nobody wrote, it lists them all', () => {
		const unwritten = knowledgeMissing('xx' as Locale);
		for (const table of [
			'src/lib/core/sdp/attributes.ts: sdpAttributes',
			'src/lib/core/stats/knowledge.ts',
			'src/lib/core/ice/ice-servers.ts: ICE_SERVER_PROBLEM_TEXT',
			'src/lib/core/nat/knowledge.ts',
			'src/lib/lab/steps.ts'
		])
			expect(
				unwritten.some((path) => path.startsWith(table)),
				table
			).toBe(true);
		expect(unwritten.length).toBeGreaterThan(500);
		// A record missing a language is reported with its path.
		expect(missingTranslations({ a: [{ en: 'x', 'zh-CN': '' }] }, 'table')).toEqual([
			{ path: 'table.a[0]', missing: ['zh-CN'] }
		]);
	});
});
