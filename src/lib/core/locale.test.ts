import { describe, expect, it } from 'vitest';
import { BASE_LOCALE, LOCALES, inLocale, isLocale, localized, missingTranslations } from './locale';

describe('locale', () => {
	it('lists the languages, the base one first', () => {
		expect(LOCALES[0]).toBe(BASE_LOCALE);
		expect(isLocale('zh-CN')).toBe(true);
		expect(isLocale('zh')).toBe(false);
		expect(isLocale(undefined)).toBe(false);
	});

	it('builds a Localized in LOCALES order and reads it back, falling back to the base language', () => {
		const text = localized('offer', '提议');
		expect(text).toEqual({ en: 'offer', 'zh-CN': '提议' });
		expect(inLocale(text, 'zh-CN')).toBe('提议');
		expect(inLocale({ en: 'offer', 'zh-CN': '' }, 'zh-CN')).toBe('offer');
	});

	it('lists the texts missing in a language, with their paths, through nested tables', () => {
		const table = {
			complete: { en: 'a', 'zh-CN': '甲' },
			rows: [{ label: { en: 'b', 'zh-CN': ' ' } }, { label: { en: 'c', 'zh-CN': '丙' } }],
			// Tables of functions (messages with parameters) count as written.
			words: { en: (n: number) => `${n} packets`, 'zh-CN': undefined },
			notText: { en: 1, 'zh-CN': 2 }
		};
		expect(missingTranslations(table, 'table')).toEqual([
			{ path: 'table.rows[0].label', missing: ['zh-CN'] },
			{ path: 'table.words', missing: ['zh-CN'] }
		]);
		expect(missingTranslations(table, 'table', ['en'])).toEqual([]);
	});

	it('walks a table that refers to itself once', () => {
		const node: Record<string, unknown> = { text: { en: 'a', 'zh-CN': '' } };
		node.self = node;
		expect(missingTranslations(node, 'node')).toEqual([{ path: 'node.text', missing: ['zh-CN'] }]);
	});
});
