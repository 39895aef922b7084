import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAvailable, lessonCounts } from '$lib/core/lessons/checks';
import { AVAILABLE_FEATURES } from '$lib/core/lessons/features';
import { NETWORK_CONDITIONS } from '$lib/core/ice/conditions';
import { inlineText, type Inline } from '$lib/core/lessons/markdown';
import { BEFORE_START } from '$lib/core/lessons/schema';
import type { UiMessages } from '$lib/core/lessons/ui-labels';
import { LOCALES } from '$lib/core/locale';
import { LESSON_VOCABULARY } from '$lib/lab/lesson-vocabulary';
import {
	bundledLessonFiles,
	bundledUiMessages,
	loadLessons,
	summarize,
	type LessonFiles
} from '$lib/server/lessons';
import { siteLessons } from './lessons.server';

/** The real lessons/ folder through node:fs, as a second reader beside Vite's bundle. */
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

describe('the real lessons/', () => {
	const messagesOnDisk = Object.fromEntries(
		LOCALES.map((locale) => [
			locale,
			JSON.parse(readFileSync(join(process.cwd(), 'messages', `${locale}.json`), 'utf8')) as Record<
				string,
				unknown
			>
		])
	) as UiMessages;
	const fromDisk = loadLessons(
		fsFiles(join(process.cwd(), 'lessons')),
		LESSON_VOCABULARY,
		messagesOnDisk
	);

	it('loads all 13 lessons in every language, numbered 1…N, from disk and as the site bundles them', () => {
		expect(fromDisk.lessons.map((lesson) => lesson.dir)).toEqual([
			'01-what-is-webrtc',
			'02-capturing-media',
			'03-offer-and-answer',
			'04-reading-sdp',
			'05-signaling',
			'06-ice-candidates',
			'07-nat-and-stun',
			'08-turn-and-fallback',
			'09-data-channels',
			'10-getstats',
			'11-recording-and-sharing',
			'12-security',
			'13-renegotiation-and-ice-restart'
		]);
		fromDisk.lessons.forEach((lesson, index) => {
			expect(lesson.order).toBe(index + 1);
			for (const language of LOCALES) {
				expect(lesson.text[language].title, `${lesson.dir} ${language}`).not.toBe('');
				expect(lesson.text[language].blocks.length, `${lesson.dir} ${language}`).toBeGreaterThan(3);
			}
		});
		expect(loadLessons(bundledLessonFiles, LESSON_VOCABULARY, bundledUiMessages)).toEqual(fromDisk);
		expect(siteLessons()).toEqual(fromDisk);
	});

	it('makes every check work today unless it needs a missing feature, and holds predictions at states of their page', () => {
		for (const lesson of fromDisk.lessons) {
			for (const check of lesson.checks.filter((c) =>
				c.requires.every((f) => AVAILABLE_FEATURES.has(f))
			)) {
				expect(checkAvailable(check), `${lesson.dir} ${check.id}`).toBe(true);
			}
			const page = lesson.lab.page;
			const states =
				page === '/lab' || page === '/remote'
					? [BEFORE_START, ...LESSON_VOCABULARY.before[page]]
					: [BEFORE_START];
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
		expect(lesson && summarize(lesson).counts).toEqual({
			required: ['a-have-local-offer', 'b-have-remote-offer', 'a-round-trip', 'connected'],
			comingSoon: []
		});
		expect(lesson?.text['zh-CN'].title).toBe('Offer 与 answer');
	});

	it('starts each lab with its network preset: host only by default, relay only for TURN', () => {
		const network = (slug: string) => fromDisk.lessons.find((l) => l.slug === slug)?.lab.network;
		expect(network('what-is-webrtc')).toBe('host-only');
		expect(network('turn-and-fallback')).toBe('relay-only');
		const turn = fromDisk.lessons.find((l) => l.slug === 'turn-and-fallback');
		expect(turn && summarize(turn).counts.required).toEqual([
			'relay-candidate',
			'relay-both-sides',
			'fail-on-purpose'
		]);
		const nat = fromDisk.lessons.find((l) => l.slug === 'nat-and-stun');
		expect(nat && summarize(nat).counts.required).toEqual(['punch-through', 'symmetric-fails']);
	});

	it('counts the exercises still coming soon (lessons 9, 11, 13), so those lessons cannot be complete', () => {
		const soon = Object.fromEntries(
			fromDisk.lessons.map((lesson) => [lesson.slug, lessonCounts(lesson).comingSoon])
		);
		expect(soon).toEqual({
			'what-is-webrtc': [],
			'capturing-media': [],
			'offer-and-answer': [],
			'reading-sdp': [],
			signaling: [],
			'ice-candidates': [],
			'nat-and-stun': [],
			'turn-and-fallback': [],
			'data-channels': ['second-channel', 'file-sent'],
			getstats: [],
			'recording-and-sharing': ['recording', 'music'],
			security: [],
			'renegotiation-and-ice-restart': ['add-track', 'glare-resolved']
		});
		// The signaling lesson's checks are passed in a remote room and count on its page.
		const signaling = fromDisk.lessons.find((l) => l.slug === 'signaling');
		expect(signaling && lessonCounts(signaling).required).toHaveLength(4);
	});

	it('names no UI label in English in a Chinese lesson: every one is a {ui:…} reference', () => {
		// The English words of every UI label a lesson could name (2+ words, no parameters, not the
		// same in Chinese): the messages and the network presets.
		const en = messagesOnDisk.en;
		const zh = messagesOnDisk['zh-CN'];
		const labels = [
			...Object.keys(en)
				.filter((key) => key !== '$schema')
				.map((key) => [en[key], zh[key]]),
			...NETWORK_CONDITIONS.map((condition) => [condition.label.en, condition.label['zh-CN']])
		]
			.filter(
				(pair): pair is [string, unknown] =>
					typeof pair[0] === 'string' &&
					!pair[0].includes('{') &&
					pair[0].trim().split(/\s+/).length >= 2 &&
					pair[0] !== pair[1]
			)
			.map(([label]) => label);
		expect(labels).toContain('Next step');
		expect(labels).toContain('Relay only');
		const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		const english = new RegExp(`(?<![A-Za-z])(${labels.map(escape).join('|')})(?![A-Za-z])`);

		/** The Chinese text a learner reads: prose, tables, diagrams and the frontmatter's texts. */
		const inline = (nodes: Inline[]): string[] =>
			nodes.flatMap((node) =>
				node.type === 'code' ? [] : 'children' in node ? inline(node.children) : [node.text]
			);
		const found: string[] = [];
		for (const lesson of fromDisk.lessons) {
			const text = lesson.text['zh-CN'];
			const texts = [
				text.title,
				text.summary,
				...text.blocks.flatMap((block) =>
					block.type === 'code'
						? block.lang === 'mermaid'
							? [block.text]
							: []
						: block.type === 'list'
							? block.items.flatMap(inline)
							: block.type === 'table'
								? [...block.header, ...block.rows.flat()].flatMap(inline)
								: inline(block.children)
				),
				...lesson.checks.map((check) => check.description['zh-CN']),
				...lesson.predictions.flatMap((p) => [
					p.question['zh-CN'],
					p.explanation['zh-CN'],
					...p.choices.map((choice) => choice['zh-CN'])
				])
			];
			for (const line of texts) {
				const match = english.exec(line);
				if (match) found.push(`${lesson.dir}/zh-CN: "${match[1]}" in "${line}"`);
			}
		}
		expect(found).toEqual([]);
	});

	it('sets no English UI word in bold in a Chinese lesson ("**Reset**", "**Synthetic**")', () => {
		// A bold run of Latin text that is a UI label, or the head of one ("Synthetic" of
		// "Synthetic: canvas picture + WebAudio tone"), named as the English UI words it.
		const en = messagesOnDisk.en;
		const zh = messagesOnDisk['zh-CN'];
		const heads = new Set(
			[
				...Object.keys(en).map((key) => [en[key], zh[key]]),
				...NETWORK_CONDITIONS.map((condition) => [condition.label.en, condition.label['zh-CN']])
			]
				.filter(
					(pair): pair is [string, unknown] => typeof pair[0] === 'string' && pair[0] !== pair[1]
				)
				.map(([label]) => label.split(/ \(|: /)[0]?.trim() ?? '')
		);
		const bold = (nodes: Inline[]): string[] =>
			nodes.flatMap((node) =>
				node.type === 'strong'
					? [inlineText(node.children)]
					: 'children' in node
						? bold(node.children)
						: []
			);
		const found = fromDisk.lessons.flatMap((lesson) =>
			lesson.text['zh-CN'].blocks
				.flatMap((block) =>
					block.type === 'code'
						? []
						: block.type === 'list'
							? block.items.flatMap(bold)
							: block.type === 'table'
								? [...block.header, ...block.rows.flat()].flatMap(bold)
								: bold(block.children)
				)
				.filter((text) => heads.has(text))
				.map((text) => `${lesson.dir}/zh-CN.md: **${text}**`)
		);
		expect(found).toEqual([]);
	});
});
