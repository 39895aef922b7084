// A learner's progress through the lessons, as saved in the browser (localStorage, one JSON
// value). Pure: callers read and write the storage; this module only parses and updates, and
// never throws on what an older version or a curious learner left there.

export const PROGRESS_KEY = 'webrtc-lab.lessons.v1';

export interface LessonProgress {
	/** Prediction id → the index of the choice the learner committed to. */
	answers: Record<string, number>;
	/** Ids of the checks that have passed (they stay passed). */
	passed: string[];
	complete: boolean;
}

export type Progress = Record<string, LessonProgress>;

export const emptyLessonProgress = (): LessonProgress => ({ answers: {}, passed: [], complete: false });

export function parseProgress(text: string | null): Progress {
	if (!text) return {};
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return {};
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
	const progress: Progress = {};
	for (const [slug, entry] of Object.entries(value as Record<string, unknown>)) {
		if (typeof entry !== 'object' || entry === null) continue;
		const { answers, passed, complete } = entry as Record<string, unknown>;
		progress[slug] = {
			answers: Object.fromEntries(
				Object.entries(typeof answers === 'object' && answers !== null ? answers : {}).filter(
					(pair): pair is [string, number] => Number.isInteger(pair[1])
				)
			),
			passed: Array.isArray(passed) ? passed.filter((id) => typeof id === 'string') : [],
			complete: complete === true
		};
	}
	return progress;
}

export const lessonProgress = (progress: Progress, slug: string): LessonProgress =>
	progress[slug] ?? emptyLessonProgress();

export const withLessonProgress = (
	progress: Progress,
	slug: string,
	lesson: LessonProgress
): Progress => ({ ...progress, [slug]: lesson });
