import { describe, expect, it } from 'vitest';
import { parseInline } from './markdown';
import { findReferences, referencesByLine, uiLabel, withLabels, type UiMessages } from './ui-labels';

const messages: UiMessages = {
	en: { $schema: 'https://inlang.com/schema/inlang-message-format', lab_run: 'Run to connected', chat_send_from: 'Send from {name}', empty: ' ' },
	'zh-CN': { lab_run: '运行到连通', chat_send_from: '以 {name} 的身份发送' }
};

describe('uiLabel', () => {
	it('reads a message in each language, and a network preset from the preset table', () => {
		expect(uiLabel(messages, 'en', { source: 'ui', id: 'lab_run' })).toEqual({
			ok: true,
			label: 'Run to connected'
		});
		expect(uiLabel(messages, 'zh-CN', { source: 'ui', id: 'lab_run' })).toEqual({
			ok: true,
			label: '运行到连通'
		});
		expect(uiLabel(messages, 'zh-CN', { source: 'network', id: 'host-only' })).toEqual({
			ok: true,
			label: '仅主机候选'
		});
	});

	it('says what is wrong with a reference that names no fixed label', () => {
		const problem = (locale: 'en' | 'zh-CN', source: 'ui' | 'network', id: string) => {
			const result = uiLabel(messages, locale, { source, id });
			return result.ok ? null : result.problem;
		};
		expect(problem('en', 'ui', 'lab_runn')).toBe(
			'unknown UI label {ui:lab_runn}: messages/en.json has no message "lab_runn"'
		);
		expect(problem('en', 'ui', '$schema')).toMatch(/^unknown UI label/);
		expect(problem('en', 'ui', 'toString')).toMatch(/^unknown UI label/);
		expect(problem('zh-CN', 'ui', 'chat_send_from')).toBe(
			'UI label {ui:chat_send_from} takes parameters ({name}): a lesson can name only a label without them'
		);
		expect(problem('en', 'ui', 'empty')).toBe('UI label {ui:empty} is empty in messages/en.json');
		expect(problem('en', 'network', 'relay')).toMatch(
			/^unknown network preset \{network:relay\}: must be one of all, host-only, /
		);
	});
});

describe('finding references', () => {
	it('finds them in text, and in markdown outside code spans and fences, with their lines', () => {
		expect(findReferences('Press {ui:lab_run} on {network:all}; {other:x} and {ui:} too')).toEqual([
			{ source: 'ui', id: 'lab_run', token: '{ui:lab_run}' },
			{ source: 'network', id: 'all', token: '{network:all}' },
			{ source: 'ui', id: '', token: '{ui:}' }
		]);
		expect(
			referencesByLine(
				['Press {ui:a}.', 'Write `{ui:b}` or ``{ui:c}``.', '```md', '{ui:d}', '```', '- {ui:e}'].join(
					'\n'
				)
			).map(({ id, line }) => [id, line])
		).toEqual([
			['a', 1],
			['e', 6]
		]);
	});

	it('words the references of a plain text in quotes', () => {
		const label = (reference: { id: string }) => `<${reference.id}>`;
		expect(withLabels('Press {ui:lab_run}.', 'en', label)).toBe('Press “<lab_run>”.');
		expect(withLabels('按 {ui:lab_run}。', 'zh-CN', label)).toBe('按 “<lab_run>”。');
	});

	it('makes a ui node of a reference in inline markdown when given labels, and leaves it as text without', () => {
		const label = () => 'Run to connected';
		expect(parseInline('**Now** {ui:lab_run}', label)).toEqual([
			{ type: 'strong', children: [{ type: 'text', text: 'Now' }] },
			{ type: 'text', text: ' ' },
			{ type: 'ui', ref: '{ui:lab_run}', text: 'Run to connected' }
		]);
		expect(parseInline('*{ui:lab_run}*', label)).toEqual([
			{ type: 'em', children: [{ type: 'ui', ref: '{ui:lab_run}', text: 'Run to connected' }] }
		]);
		expect(parseInline('{ui:lab_run} `{ui:lab_run}`')).toEqual([
			{ type: 'text', text: '{ui:lab_run} ' },
			{ type: 'code', text: '{ui:lab_run}' }
		]);
	});
});
