import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AVAILABLE_FEATURES, checkAvailable } from '$lib/core/lessons/checks';
import { LANGUAGES } from '$lib/core/lessons/types';
import { bundledLessonFiles, loadLessons, summarize, type LessonFiles } from './lessons';

/** A fake lessons/ folder: path → text. */
const fakeFiles = (files: Record<string, string>): LessonFiles => ({
	paths: () => Object.keys(files),
	read: (path) => files[path]
});

/** The real lessons/ folder through node:fs, as a second reader. */
function fsFiles(root: string): LessonFiles {
	const walk = (dir: string): string[] =>
		readdirSync(join(root, dir)).flatMap((name) => {
			const path = dir ? `${dir}/${name}` : name;
			return statSync(join(root, path)).isDirectory() ? walk(path) : [path];
		});
	return {
		paths: () => walk(''),
		read: (path) => {
			try {
				return readFileSync(join(root, path), 'utf8');
			} catch {
				return undefined;
			}
		}
	};
}

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
		const { lessons, course: loadedCourse } = loadLessons(
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
			loadLessons(
				oneLesson({
					'01-first/index.md': lessonIndex('title: Inherited?'),
					'01-first/zh-CN.md': text('')
				})
			)
		).toThrow('lessons/01-first/zh-CN.md: missing title');
	});

	it.each([
		['a missing title', { '01-first/en.md': text('') }, 'lessons/01-first/en.md: missing title'],
		[
			'a missing language file',
			{ '01-first/zh-CN.md': undefined as unknown as string },
			'lessons/01-first/zh-CN.md: file is missing'
		],
		[
			'a slug that is not the folder name',
			{ '01-first/index.md': lessonIndex('', 'second') },
			'lessons/01-first/index.md: slug "second" does not match'
		],
		[
			'an order that is not the folder number',
			{ '01-first/index.md': lessonIndex('', 'first', 2) },
			'lessons/01-first/index.md: order 2 does not match the folder number 1'
		],
		[
			'a missing slug',
			{ '01-first/index.md': '---\norder: 1\n---\n' },
			'lessons/01-first/index.md: missing slug'
		],
		[
			'an unknown check kind',
			{
				'01-first/index.md': lessonIndex(
					'checks:\n  - id: x\n    description: { en: X, zh-CN: X }\n    condition: { kind: telepathy }'
				)
			},
			'lessons/01-first/index.md: checks[0]: unknown check kind "telepathy"'
		],
		[
			'a check without Chinese',
			{
				'01-first/index.md': lessonIndex(
					'checks:\n  - id: x\n    description: { en: X }\n    condition: { kind: machine, equals: connected }'
				)
			},
			'checks[0].description.zh-CN'
		],
		[
			'an unknown lab page',
			{ '01-first/index.md': lessonIndex('lab: { page: /moon }') },
			'lab.page must be one of'
		],
		[
			'an unknown network preset',
			{ '01-first/index.md': lessonIndex('lab: { network: dial-up }') },
			'lessons/01-first/index.md: lab.network must be one of all, host-only'
		],
		[
			'a retired lab key',
			{ '01-first/index.md': lessonIndex('lab: { iceTransportPolicy: relay }') },
			'lessons/01-first/index.md: lab.iceTransportPolicy is not a lab key'
		],
		[
			'a check `when` on something that is not a lab key',
			{
				'01-first/index.md': lessonIndex(
					'checks:\n  - id: x\n    description: { en: X, zh-CN: X }\n    condition: { kind: machine, equals: connected }\n    when: { iceServers: none }'
				)
			},
			'lessons/01-first/index.md: checks[0].when.iceServers is not a lab key'
		],
		[
			'a check `when` on an unknown preset',
			{
				'01-first/index.md': lessonIndex(
					'checks:\n  - id: x\n    description: { en: X, zh-CN: X }\n    condition: { kind: machine, equals: connected }\n    when: { network: moon }'
				)
			},
			'checks[0].when.network must be one of'
		],
		[
			'broken frontmatter',
			{ '01-first/index.md': '---\nslug: first\norder: [1\n---\n' },
			'lessons/01-first/index.md: bad frontmatter'
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
		expect(() => loadLessons(reader)).toThrow(message);
	});
});

describe('the real lessons/', () => {
	const fromDisk = loadLessons(fsFiles(join(process.cwd(), 'lessons')));

	it('loads every lesson in every language, numbered 1…N, from disk and as bundled', () => {
		expect(fromDisk.lessons.length).toBeGreaterThanOrEqual(13);
		fromDisk.lessons.forEach((lesson, index) => {
			expect(lesson.order).toBe(index + 1);
			expect(lesson.dir).toBe(`${String(lesson.order).padStart(2, '0')}-${lesson.slug}`);
			for (const language of LANGUAGES) {
				expect(lesson.text[language].title, `${lesson.dir} ${language}`).not.toBe('');
				expect(lesson.text[language].blocks.length, `${lesson.dir} ${language}`).toBeGreaterThan(3);
			}
		});
		expect(loadLessons(bundledLessonFiles)).toEqual(fromDisk);
	});

	it('makes every /lab and /nat check work today unless it needs a missing feature, and names its predictions after lab states', () => {
		const labStates = [
			'start',
			'idle',
			'peersCreated',
			'dataChannelCreated',
			'mediaAdded',
			'offerCreated',
			'localOfferSet',
			'offerSignaled',
			'remoteOfferSet',
			'answerCreated',
			'localAnswerSet',
			'answerSignaled',
			'iceChecking',
			'connected',
			'restartingIce',
			'failed',
			'closed'
		];
		for (const lesson of fromDisk.lessons.filter(
			(l) => l.lab.page === '/lab' || l.lab.page === '/nat'
		)) {
			// A check that needs nothing unbuilt must work today.
			for (const check of lesson.checks.filter((c) =>
				c.requires.every((f) => AVAILABLE_FEATURES.has(f))
			)) {
				expect(checkAvailable(check), `${lesson.dir} ${check.id}`).toBe(true);
			}
			const states = lesson.lab.page === '/nat' ? ['start'] : labStates;
			for (const prediction of lesson.predictions) {
				expect(states, `${lesson.dir} ${prediction.id}`).toContain(prediction.before);
			}
		}
	});

	it('offer-and-answer has its predictions and four required checks', () => {
		const lesson = fromDisk.lessons.find((l) => l.slug === 'offer-and-answer');
		expect(lesson?.predictions.map((p) => p.before)).toEqual([
			'offerCreated',
			'remoteOfferSet',
			'iceChecking'
		]);
		expect(lesson && summarize(lesson).requiredChecks).toEqual([
			'a-have-local-offer',
			'b-have-remote-offer',
			'a-round-trip',
			'connected'
		]);
		expect(lesson?.text['zh-CN'].title).toBe('Offer 与 answer');
	});

	it('starts each lab with its network preset: host only by default, relay only for TURN', () => {
		const network = (slug: string) => fromDisk.lessons.find((l) => l.slug === slug)?.lab.network;
		expect(network('what-is-webrtc')).toBe('host-only');
		expect(network('turn-and-fallback')).toBe('relay-only');
		const turn = fromDisk.lessons.find((l) => l.slug === 'turn-and-fallback');
		expect(turn && summarize(turn).requiredChecks).toEqual([
			'relay-candidate',
			'relay-both-sides',
			'fail-on-purpose'
		]);
		const nat = fromDisk.lessons.find((l) => l.slug === 'nat-and-stun');
		expect(nat && summarize(nat).requiredChecks).toEqual(['punch-through', 'symmetric-fails']);
	});
});
