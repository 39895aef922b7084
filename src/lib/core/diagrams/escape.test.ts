import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_LABEL_LENGTH, escapeMermaidText, safeIdentifier } from './escape';
import { HOSTILE_LABELS } from './hostile.fixture';

/** What may remain once every `#NN;` entity is removed: the allow-list plus our own marks. */
const INERT = /^[\p{L}\p{N}\p{M} .,_/()=+?!@⏎…]*$/u;

describe('escapeMermaidText', () => {
	it('keeps ordinary labels readable', () => {
		expect(escapeMermaidText('createOffer()')).toBe('createOffer()');
		expect(escapeMermaidText('a=rtpmap/111 opus')).toBe('a=rtpmap/111 opus');
		expect(escapeMermaidText('中文')).toBe('中文');
	});

	it('writes syntax characters as #NN; entities', () => {
		expect(escapeMermaidText('a;b')).toBe('a#59;b');
		expect(escapeMermaidText('#')).toBe('#35;');
		expect(escapeMermaidText('a:b')).toBe('a#58;b');
		expect(escapeMermaidText('<b>')).toBe('#60;b#62;');
		expect(escapeMermaidText('%%')).toBe('#37;#37;');
		expect(escapeMermaidText('-->>')).toBe('#45;#45;#62;#62;');
		expect(escapeMermaidText('"x"')).toBe('#34;x#34;');
	});

	it('turns line breaks into a visible mark', () => {
		expect(escapeMermaidText('v=0\r\no=- 1 2 IN IP4 127.0.0.1')).toBe(
			'v=0 ⏎ o=#45; 1 2 IN IP4 127.0.0.1'
		);
	});

	it('cuts long text on a code point boundary', () => {
		const out = escapeMermaidText(';'.repeat(500));
		expect(out).toBe('#59;'.repeat(DEFAULT_MAX_LABEL_LENGTH) + '…');
		expect(escapeMermaidText('abcdef', 3)).toBe('abc…');
	});

	it('never throws on non-strings', () => {
		expect(escapeMermaidText(undefined)).toBe('');
		expect(escapeMermaidText(null)).toBe('');
		expect(escapeMermaidText(42)).toBe('42');
		expect(escapeMermaidText({ toString: () => 'a;b' })).toBe('a#59;b');
		const hostile = {
			toString() {
				throw new Error('no');
			}
		};
		expect(escapeMermaidText(hostile)).toBe('');
	});

	it.each(HOSTILE_LABELS.map((label) => [label]))('neutralises %j', (label) => {
		const out = escapeMermaidText(label);
		// Once the well-formed decimal entities are removed, only inert characters are left.
		const rest = out.replace(/#\d+;/g, '');
		expect(rest).not.toMatch(/[\r\n\u2028\u2029;#<>"'`$&%:\-[\]{}\p{Cc}]/u);
		expect(rest).toMatch(INERT);
		expect(out).not.toContain('%%');
		expect(out).not.toContain('-->>');
	});
});

describe('safeIdentifier', () => {
	it('keeps ASCII word characters and prefixes', () => {
		expect(safeIdentifier('lab.ready', 's_')).toBe('s_lab_ready');
		expect(safeIdentifier('end', 's_')).toBe('s_end');
		expect(safeIdentifier(undefined, 'p')).toBe('p');
	});
});
