import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAvailable, lessonCounts } from '$lib/core/lessons/checks';
import { AVAILABLE_FEATURES } from '$lib/core/lessons/features';
import { BEFORE_START } from '$lib/core/lessons/schema';
import { LOCALES } from '$lib/core/locale';
import { LESSON_VOCABULARY } from '$lib/lab/lesson-vocabulary';
import { bundledLessonFiles, loadLessons, summarize, type LessonFiles } from '$lib/server/lessons';
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
	const fromDisk = loadLessons(fsFiles(join(process.cwd(), 'lessons')), LESSON_VOCABULARY);

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
		expect(loadLessons(bundledLessonFiles, LESSON_VOCABULARY)).toEqual(fromDisk);
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
});
