import { describe, expect, it } from 'vitest';
import { boundedValue, limitedLog } from './log-limit';

describe('boundedValue', () => {
	it.each([
		[undefined, '(none)'],
		['plain', 'plain'],
		['two\nlines\r\tand\u001b[31mred', 'two\\nlines\\r\\tand\\u001b[31mred'],
		['\u009b31m C1 and \u202e bidi', '\\u009b31m C1 and \\u202e bidi'],
		[42, '42']
	])('%j -> %j', (value, expected) => {
		expect(boundedValue(value)).toBe(expected);
	});

	it('cuts a long value and says how much it dropped', () => {
		expect(boundedValue('x'.repeat(8_192), 10)).toBe('xxxxxxxxxx…(+8182 chars)');
	});
});

describe('limitedLog', () => {
	function setup() {
		const lines: string[] = [];
		let now = 0;
		const pending: (() => void)[] = [];
		const log = limitedLog((line) => lines.push(line), {
			rate: { burst: 3, perSecond: 1 },
			now: () => now,
			schedule: (callback) => pending.push(callback)
		});
		return { lines, log, advance: (ms: number) => (now += ms), pending };
	}

	it('lets a burst through per kind, counts the rest, and says so before the next line', () => {
		const { lines, log, advance } = setup();
		for (let i = 0; i < 100; i++) log('refused', `refused ${i}`);
		log('other', 'another kind is not held back');
		expect(lines).toEqual(['refused 0', 'refused 1', 'refused 2', 'another kind is not held back']);
		advance(1_000);
		log('refused', 'refused later');
		expect(lines.slice(4)).toEqual(['(refused) 97 similar lines suppressed', 'refused later']);
	});

	it('reports a suppression that ended, once, from its scheduled flush', () => {
		const { lines, log, pending } = setup();
		for (let i = 0; i < 10; i++) log('refused', 'same');
		expect(pending).toHaveLength(1);
		pending[0]!();
		expect(lines.at(-1)).toBe('(refused) 7 similar lines suppressed');
		log.flush();
		expect(lines.filter((l) => l.includes('suppressed'))).toHaveLength(1);
	});

	it('survives a sink that throws (a closed stderr)', () => {
		const log = limitedLog(() => {
			throw new Error('EPIPE');
		});
		expect(() => log('kind', 'line')).not.toThrow();
	});
});
