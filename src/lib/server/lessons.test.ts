import { describe, expect, it } from 'vitest';
import type { LessonVocabulary } from '$lib/core/lessons/schema';
import type { UiMessages } from '$lib/core/lessons/ui-labels';
import { loadLessons, splitFrontmatter, type LessonFiles } from './lessons';

// The real lessons/ are loaded with the lab's vocabulary in src/lib/lessons.server.test.ts (the
// server may not import lab/); these tests use a small vocabulary of their own.
const vocabulary: LessonVocabulary = {
	before: { '/lab': ['offerCreated', 'connected'], '/remote': ['waitingForOffer'] },
	machineStates: ['idle', 'offerCreated', 'connected', 'failed']
};
// A few of the UI's messages, as messages/<locale>.json holds them.
const messages: UiMessages = {
	en: {
		lab_next_step: 'Next step',
		lab_trickle_off: 'Wait for gathering to complete',
		chat_send_from: 'Send from {name}'
	},
	'zh-CN': {
		lab_next_step: '下一步',
		lab_trickle_off: '等待收集完成后再发送',
		chat_send_from: '以 {name} 的身份发送'
	}
};
const load = (files: LessonFiles) => loadLessons(files, vocabulary, messages);

/** A fake lessons/ folder: path → text. */
const fakeFiles = (files: Record<string, string>): LessonFiles => ({
	paths: () => Object.keys(files),
	read: (path) => files[path]
});

const course = `---
course:
  title: { en: Course, zh-CN: 课程 }
  summary: { en: Summary, zh-CN: 摘要 }
  languages: [en, zh-CN]
  defaultLanguage: en
lab:
  page: /lab
  mode: datachannel
  source: synthetic
  trickle: true
  delayMs: 300
  network: host-only
minutes: 20
requires: [turn]
see: []
---
`;

const lessonIndex = (extra = '', slug = 'first', order = 1) => `---
slug: ${slug}
order: ${order}
${extra}
---
`;

const text = (title: string, body = 'Hello *world*.') =>
	`---\n${title ? `title: ${title}\n` : ''}summary: One line.\n---\n\n${body}\n`;

const oneLesson = (overrides: Record<string, string> = {}) =>
	fakeFiles({
		'index.md': course,
		'01-first/index.md': lessonIndex(),
		'01-first/en.md': text('First'),
		'01-first/zh-CN.md': text('第一课'),
		...overrides
	});

describe('loadLessons (fake folder)', () => {
	it('lets metadata flow down: lab merged key by key, arrays replaced, lower file wins', () => {
		const { lessons, course: loadedCourse } = load(
			oneLesson({
				'01-first/index.md': lessonIndex('lab: { mode: media }\nminutes: 25\nsee: [/sdp]'),
				'01-first/zh-CN.md': `---\ntitle: 第一课\nsummary: 一句话。\nminutes: 30\n---\n正文`
			})
		);
		const [lesson] = lessons;
		expect(loadedCourse.title['zh-CN']).toBe('课程');
		expect(lesson?.slug).toBe('first');
		expect(lesson?.lab).toEqual({
			page: '/lab',
			mode: 'media',
			source: 'synthetic',
			trickle: true,
			delayMs: 300,
			network: 'host-only'
		});
		expect(lesson?.minutes).toBe(25);
		expect(lesson?.requires).toEqual(['turn']);
		expect(lesson?.see).toEqual(['/sdp']);
		expect(lesson?.text['zh-CN'].title).toBe('第一课');
		expect(lesson?.text.en.blocks).toEqual([
			{
				type: 'paragraph',
				children: [
					{ type: 'text', text: 'Hello ' },
					{ type: 'em', children: [{ type: 'text', text: 'world' }] },
					{ type: 'text', text: '.' }
				]
			}
		]);
	});

	it('does not let course, title or summary flow down', () => {
		expect(() =>
			load(
				oneLesson({
					'01-first/index.md': lessonIndex('title: Inherited?'),
					'01-first/zh-CN.md': text('')
				})
			)
		).toThrow('lessons/01-first/index.md: title: unknown field');
		expect(() => load(oneLesson({ '01-first/zh-CN.md': text('') }))).toThrow(
			'lessons/01-first/zh-CN.md: title: missing'
		);
	});

	it('reads YAML 1.2: 1e3 is a number, True a boolean (the old subset parser kept strings)', () => {
		const [lesson] = load(
			oneLesson({ '01-first/index.md': lessonIndex('lab: { delayMs: 1e3, trickle: False }') })
		).lessons;
		expect(lesson?.lab.delayMs).toBe(1000);
		expect(lesson?.lab.trickle).toBe(false);
	});

	it('names the file and its line on a YAML error', () => {
		expect(() => splitFrontmatter('x.md', '---\nslug: a\norder: [1\n---\n')).toThrow(
			/^lessons\/x\.md: line 3: Flow sequence in block collection must be sufficiently indented and end with a \]$/
		);
		expect(() => splitFrontmatter('x.md', '---\nslug: a\nslug: b\n---\n')).toThrow(
			'lessons/x.md: line 3: Map keys must be unique'
		);
		expect(() => splitFrontmatter('x.md', '# no frontmatter')).toThrow(
			'lessons/x.md: no frontmatter'
		);
		expect(() => splitFrontmatter('x.md', '---\n- a list\n---\n')).toThrow('must be a mapping');
		expect(splitFrontmatter('x.md', '---\n---\nBody').data).toEqual({});
		expect(splitFrontmatter('x.md', '---\ntitle: a---\nsummary: b\n---\n').data).toEqual({
			title: 'a---',
			summary: 'b'
		});
		expect(splitFrontmatter('x.md', '---\r\nslug: a\r\n---\r\nBody')).toEqual({
			data: { slug: 'a' },
			body: 'Body',
			bodyLine: 4
		});
	});

	/** A lesson index.md with one check, `x`, whose lines are `lines`. */
	const withCheck = (...lines: string[]) => ({
		'01-first/index.md': lessonIndex(
			[
				'checks:',
				'  - id: x',
				'    description: { en: X, zh-CN: X }',
				...lines.map((l) => `    ${l}`)
			].join('\n')
		)
	});
	/** A lesson index.md with one prediction, `p`, with `lines` added or replaced. */
	const withPrediction = (extra: string, before = 'offerCreated', answer = 0) => ({
		'01-first/index.md': lessonIndex(
			[
				'predictions:',
				'  - id: p',
				`    before: ${before}`,
				'    question: { en: Q, zh-CN: 问 }',
				'    choices: [{ en: A, zh-CN: 甲 }, { en: B, zh-CN: 乙 }]',
				`    answer: ${answer}`,
				'    explanation: { en: E, zh-CN: 释 }',
				...(extra ? [`    ${extra}`] : [])
			].join('\n')
		)
	});
	const INDEX = 'lessons/01-first/index.md: ';

	it.each([
		// Every class of typo a lesson author makes, each named: file, item, field.
		[
			'an unknown condition field',
			withCheck('condition: { kind: candidateSeen, tyep: relay }'),
			`${INDEX}check "x", checks[0].condition.tyep: unknown field`
		],
		[
			'a misspelt candidate type',
			withCheck('condition: { kind: candidateSeen, type: rellay }'),
			`${INDEX}check "x", checks[0].condition.type: must be one of host, srflx, prflx, relay, not "rellay"`
		],
		[
			'an unknown check kind',
			withCheck('condition: { kind: telepathy }'),
			`${INDEX}check "x", checks[0].condition.kind: must be one of machine, state,`
		],
		[
			'a misspelt machine state',
			withCheck('condition: { kind: machine, equals: conected }'),
			'checks[0].condition.equals: must be one of idle, offerCreated, connected, failed, not "conected"'
		],
		[
			'a misspelt state name',
			withCheck('condition: { kind: state, peer: A, name: signallingState, equals: stable }'),
			'checks[0].condition.name: must be one of signalingState, iceGatheringState'
		],
		[
			'a state value of another state',
			withCheck('condition: { kind: state, peer: A, name: signalingState, equals: connected }'),
			'checks[0].condition.equals: must be one of stable, have-local-offer'
		],
		[
			'a misspelt state value in a list',
			withCheck(
				'condition: { kind: state, name: signalingState, seenInOrder: [have-local-ofer, stable] }'
			),
			'checks[0].condition.seenInOrder[0]: must be one of'
		],
		[
			'a state check with two conditions',
			withCheck('condition: { kind: state, name: signalingState, equals: stable, seen: stable }'),
			'checks[0].condition: a state condition needs exactly one of equals, seen, seenInOrder'
		],
		[
			'a state check with none',
			withCheck('condition: { kind: state, name: signalingState }'),
			'needs exactly one of equals, seen, seenInOrder'
		],
		[
			'a stat check without bounds',
			withCheck('condition: { kind: stat, report: transport, field: dtlsState }'),
			'needs at least one of min, max, equals'
		],
		[
			'an unknown stats report type',
			withCheck('condition: { kind: stat, report: candidate-pairs, field: x, min: 0 }'),
			'checks[0].condition.report: must be one of peer-connection,'
		],
		[
			'an unknown peer',
			withCheck('condition: { kind: candidateSeen, peer: C }'),
			'checks[0].condition.peer: must be one of A, B, you, not "C"'
		],
		[
			'a count given as text',
			withCheck('condition: { kind: dataChannelMessage, minCount: "3" }'),
			'checks[0].condition.minCount: must be number, not "3"'
		],
		[
			'a count of zero',
			withCheck('condition: { kind: dataChannelMessage, minCount: 0 }'),
			'checks[0].condition.minCount: Invalid value: Expected >=1 but received 0'
		],
		[
			'a fractional count',
			withCheck('condition: { kind: candidateSeen, minCount: 1.5 }'),
			'checks[0].condition.minCount: must be an integer'
		],
		[
			'a missing required condition field',
			withCheck('condition: { kind: remoteTrack, media: video }'),
			'checks[0].condition.peer: missing'
		],
		[
			'a misspelt NAT behaviour',
			withCheck('condition: { kind: natOutcome, result: failed, mappingA: symmetric }'),
			'checks[0].condition.mappingA: must be one of endpoint-independent, address-dependent, address-and-port-dependent'
		],
		[
			'a misspelt check key',
			withCheck('condition: { kind: machine, equals: connected }', 'optinal: true'),
			`${INDEX}check "x", checks[0].optinal: unknown field`
		],
		['a check without a condition', withCheck(), 'checks[0].condition: missing'],
		[
			'an unknown feature',
			withCheck('condition: { kind: machine, equals: connected }', 'requires: [tunr]'),
			'checks[0].requires[0]: must be one of turn, nat-simulator,'
		],
		[
			'a check `when` on something that is not a lab key',
			withCheck('condition: { kind: machine, equals: connected }', 'when: { iceServers: none }'),
			'checks[0].when.iceServers: unknown field'
		],
		[
			'a check `when` on an unknown preset',
			withCheck('condition: { kind: machine, equals: connected }', 'when: { network: moon }'),
			'checks[0].when.network: must be one of all, host-only'
		],
		[
			'a check without Chinese',
			{
				'01-first/index.md': lessonIndex(
					'checks:\n  - id: x\n    description: { en: X }\n    condition: { kind: machine, equals: connected }'
				)
			},
			'checks[0].description.zh-CN: missing'
		],
		[
			'a check id that is not kebab-case',
			{
				'01-first/index.md': lessonIndex(
					'checks:\n  - id: My Check\n    description: { en: X, zh-CN: X }\n    condition: { kind: machine, equals: connected }'
				)
			},
			'checks[0].id: must be kebab-case'
		],
		[
			'two checks with one id',
			{
				'01-first/index.md': lessonIndex(
					'checks:\n  - id: x\n    description: { en: X, zh-CN: X }\n    condition: { kind: machine, equals: connected }\n  - id: x\n    description: { en: Y, zh-CN: Y }\n    condition: { kind: machine, equals: idle }'
				)
			},
			'checks: the id "x" is used twice'
		],
		[
			'a prediction due before no state',
			withPrediction('', 'offerMade'),
			`${INDEX}prediction "p", predictions[0].before: must be one of start, offerCreated, connected, waitingForOffer, not "offerMade"`
		],
		[
			'a prediction due before a state of another page',
			withPrediction('', 'waitingForOffer'),
			`${INDEX}prediction "p", predictions[0].before: "waitingForOffer" is not a state of /lab (one of start, offerCreated, connected)`
		],
		[
			'a prediction whose answer is not a choice',
			withPrediction('', 'offerCreated', 2),
			'prediction "p", predictions[0].answer: is not one of the choices'
		],
		[
			'a misspelt prediction key',
			withPrediction('explaination: { en: E, zh-CN: 释 }'),
			'prediction "p", predictions[0].explaination: unknown field'
		],
		[
			'a misspelt top-level key',
			{ '01-first/index.md': lessonIndex('prediction: []') },
			`${INDEX}prediction: unknown field`
		],
		[
			'a misspelt key in a language file',
			{ '01-first/en.md': '---\ntitle: First\nsumary: One line.\n---\n' },
			'lessons/01-first/en.md: summary: missing; sumary: unknown field'
		],
		[
			'a language file that breaks its metadata',
			{ '01-first/zh-CN.md': '---\ntitle: 第一课\nsummary: 一句话。\nminutes: soon\n---\n' },
			'lessons/01-first/zh-CN.md: minutes: must be number, not "soon"'
		],
		['a missing title', { '01-first/en.md': text('') }, 'lessons/01-first/en.md: title: missing'],
		[
			'a missing language file',
			{ '01-first/zh-CN.md': undefined as unknown as string },
			'lessons/01-first/zh-CN.md: file is missing'
		],
		[
			'a slug that is not the folder name',
			{ '01-first/index.md': lessonIndex('', 'second') },
			`${INDEX}slug "second" does not match`
		],
		[
			'an order that is not the folder number',
			{ '01-first/index.md': lessonIndex('', 'first', 2) },
			`${INDEX}order 2 does not match the folder number 1`
		],
		['a missing slug', { '01-first/index.md': '---\norder: 1\n---\n' }, `${INDEX}slug: missing`],
		[
			'an unknown lab page',
			{ '01-first/index.md': lessonIndex('lab: { page: /moon }') },
			'lab.page: must be one of /lab, /remote, /sdp, /nat, not "/moon"'
		],
		[
			'an unknown network preset',
			{ '01-first/index.md': lessonIndex('lab: { network: dial-up }') },
			`${INDEX}lab.network: must be one of all, host-only`
		],
		[
			'a step delay out of range',
			{ '01-first/index.md': lessonIndex('lab: { delayMs: 5000 }') },
			`${INDEX}lab.delayMs: Invalid value: Expected <=2000 but received 5000`
		],
		[
			'a retired lab key',
			{ '01-first/index.md': lessonIndex('lab: { iceTransportPolicy: relay }') },
			`${INDEX}lab.iceTransportPolicy: unknown field`
		],
		[
			'a misspelt course key',
			{ 'index.md': course.replace('defaultLanguage', 'defaultLanguag') },
			'lessons/index.md: course.defaultLanguag: unknown field'
		],
		[
			'an unknown course language',
			{ 'index.md': course.replace('languages: [en, zh-CN]', 'languages: [en, fr]') },
			'lessons/index.md: course.languages[1]: must be one of en, zh-CN, not "fr"'
		],
		[
			'broken frontmatter',
			{ '01-first/index.md': '---\nslug: first\norder: [1\n---\n' },
			`${INDEX}line 3: `
		],
		[
			'a gap in the numbering',
			{
				'03-third/index.md': lessonIndex('', 'third', 3),
				'03-third/en.md': text('Third'),
				'03-third/zh-CN.md': text('第三课')
			},
			'lessons/03-third: lesson 2 is missing'
		]
	])('fails loudly, naming the file, on %s', (_name, overrides, message) => {
		const files = { ...overrides };
		for (const [key, value] of Object.entries(files)) {
			if (value === undefined) delete (files as Record<string, string>)[key];
		}
		const base = oneLesson(files as Record<string, string>);
		const reader: LessonFiles = {
			paths: base.paths,
			read: (path) =>
				path in overrides && overrides[path as keyof typeof overrides] === undefined
					? undefined
					: base.read(path)
		};
		expect(() => load(reader)).toThrow(message);
	});

	describe('UI labels by reference', () => {
		const withBodies = (en: string, zh: string, index = '') =>
			oneLesson({
				'01-first/index.md': lessonIndex(index),
				'01-first/en.md': text('First', en),
				'01-first/zh-CN.md': text('第一课', zh)
			});

		it('renders {ui:key} as the label the UI shows, in the text’s language', () => {
			const [lesson] = load(
				withBodies('Press {ui:lab_next_step} twice.', '按两次 {ui:lab_next_step}。')
			).lessons;
			expect(lesson?.text.en.blocks).toEqual([
				{
					type: 'paragraph',
					children: [
						{ type: 'text', text: 'Press ' },
						{ type: 'ui', ref: '{ui:lab_next_step}', text: 'Next step' },
						{ type: 'text', text: ' twice.' }
					]
				}
			]);
			expect(lesson?.text['zh-CN'].blocks).toEqual([
				{
					type: 'paragraph',
					children: [
						{ type: 'text', text: '按两次 ' },
						{ type: 'ui', ref: '{ui:lab_next_step}', text: '下一步' },
						{ type: 'text', text: '。' }
					]
				}
			]);
		});

		it('renders {network:id} as the preset menu names it', () => {
			const [lesson] = load(
				withBodies('Pick {network:relay-only}.', '选 {network:relay-only}。')
			).lessons;
			const labelIn = (language: 'en' | 'zh-CN') => {
				const block = lesson?.text[language].blocks[0];
				return block?.type === 'paragraph' ? block.children[1] : undefined;
			};
			expect(labelIn('en')).toEqual({
				type: 'ui',
				ref: '{network:relay-only}',
				text: 'Relay only'
			});
			expect(labelIn('zh-CN')).toEqual({ type: 'ui', ref: '{network:relay-only}', text: '仅中继' });
		});

		it('leaves a reference in code literal (the syntax can be shown)', () => {
			const [lesson] = load(
				withBodies(
					'Write `{ui:no_such_key}`.\n\n```md\n{ui:nor_this}\n```',
					'写 `{ui:no_such_key}`。'
				)
			).lessons;
			expect(lesson?.text.en.blocks[0]).toEqual({
				type: 'paragraph',
				children: [
					{ type: 'text', text: 'Write ' },
					{ type: 'code', text: '{ui:no_such_key}' },
					{ type: 'text', text: '.' }
				]
			});
		});

		it('words the labels of check and prediction texts in quotes, each language its own', () => {
			const [lesson] = load(
				oneLesson({
					'01-first/index.md': lessonIndex(
						[
							'checks:',
							'  - id: x',
							'    description: { en: "Connect with {ui:lab_trickle_off}.", zh-CN: "用 {ui:lab_trickle_off} 方式连接。" }',
							'    condition: { kind: machine, equals: connected }',
							'predictions:',
							'  - id: p',
							'    before: offerCreated',
							'    question: { en: "You press {ui:lab_next_step}.", zh-CN: "你按下 {ui:lab_next_step}。" }',
							'    choices: [{ en: "{network:broken-turn}", zh-CN: "{network:broken-turn}" }, { en: B, zh-CN: 乙 }]',
							'    answer: 0',
							'    explanation: { en: E, zh-CN: 释 }'
						].join('\n')
					)
				})
			).lessons;
			expect(lesson?.checks[0]?.description).toEqual({
				en: 'Connect with “Wait for gathering to complete”.',
				'zh-CN': '用 “等待收集完成后再发送” 方式连接。'
			});
			expect(lesson?.predictions[0]?.question).toEqual({
				en: 'You press “Next step”.',
				'zh-CN': '你按下 “下一步”。'
			});
			expect(lesson?.predictions[0]?.choices[0]).toEqual({
				en: '“Broken TURN (wrong credential)”',
				'zh-CN': '“TURN 故障（凭据错误）”'
			});
		});

		it.each([
			[
				'an unknown key in the text',
				withBodies('Fine.', '第一行。\n\n按 {ui:lab_nxt_step}。'),
				'lessons/01-first/zh-CN.md: line 8: unknown UI label {ui:lab_nxt_step}: messages/zh-CN.json has no message "lab_nxt_step"'
			],
			[
				'a message that takes parameters',
				withBodies('Press {ui:chat_send_from}.', '按。'),
				'lessons/01-first/en.md: line 6: UI label {ui:chat_send_from} takes parameters ({name}): a lesson can name only a label without them'
			],
			[
				'an unknown network preset',
				withBodies('Pick {network:relay}.', '选。'),
				'lessons/01-first/en.md: line 6: unknown network preset {network:relay}: must be one of all, host-only,'
			],
			[
				'an unknown key in a check text',
				oneLesson({
					'01-first/index.md': lessonIndex(
						[
							'checks:',
							'  - id: x',
							'    description: { en: "Press {ui:next_step}", zh-CN: 按 }',
							'    condition: { kind: machine, equals: connected }'
						].join('\n')
					)
				}),
				`${INDEX}line 6: check "x", description.en: unknown UI label {ui:next_step}: messages/en.json has no message "next_step"`
			]
		])('fails naming the file, line and label on %s', (_name, files, message) => {
			expect(() => load(files)).toThrow(message);
		});
	});
});
