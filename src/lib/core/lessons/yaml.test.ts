import { describe, expect, it } from 'vitest';
import { parseYaml, splitFrontmatter } from './yaml';

describe('parseYaml (the frontmatter subset)', () => {
	it('reads block and flow collections, quoted and plain scalars, comments', () => {
		const source = [
			'slug: offer-and-answer   # a comment',
			'order: 3',
			'see: [/sdp, "/nat"]',
			'lab:',
			'  page: /lab',
			'  trickle: false',
			'predictions:',
			'  - id: first',
			'    question:',
			'      en: "What is it\'s # state?"',
			"      zh-CN: 'it''s'",
			'    choices:',
			'      - { en: stable, zh-CN: stable }',
			'checks:',
			'- id: c',
			'  condition: { kind: state, peer: A, seenInOrder: [have-local-offer, stable] }',
			'empty:'
		].join('\n');
		expect(parseYaml(source)).toEqual({
			slug: 'offer-and-answer',
			order: 3,
			see: ['/sdp', '/nat'],
			lab: { page: '/lab', trickle: false },
			predictions: [
				{
					id: 'first',
					question: { en: "What is it's # state?", 'zh-CN': "it's" },
					choices: [{ en: 'stable', 'zh-CN': 'stable' }]
				}
			],
			checks: [
				{
					id: 'c',
					condition: { kind: 'state', peer: 'A', seenInOrder: ['have-local-offer', 'stable'] }
				}
			],
			empty: null
		});
	});

	it.each([
		['key: |\n  text', 'line 1: block scalars'],
		['a: 1\n   b: 2', 'line 2: unexpected indentation'],
		['a: [1, 2', 'line 1: unclosed flow collection'],
		['a: 1\na: 2', 'line 2: duplicate key "a"'],
		['just text', 'line 1: expected "key: value"']
	])('fails with a line number on %j', (source, message) => {
		expect(() => parseYaml(source)).toThrow(message);
	});

	it('splits frontmatter from the body', () => {
		expect(splitFrontmatter('---\ntitle: Hi\n---\n\nBody\n')).toEqual({
			data: { title: 'Hi' },
			body: '\nBody\n'
		});
		expect(splitFrontmatter('No frontmatter')).toEqual({ data: {}, body: 'No frontmatter' });
	});
});
