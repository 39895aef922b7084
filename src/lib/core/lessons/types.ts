// The shape of a lesson once lessons/ has been loaded (see lessons/README.md for the source
// format): what the loader (src/lib/server/lessons.ts) produces and the lesson pages read.

import type { ConditionId } from '../ice/conditions';
import type { Block } from './markdown';

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', 'zh-CN': '简体中文' };
export const isLanguage = (value: unknown): value is Language =>
	(LANGUAGES as readonly unknown[]).includes(value);

export type Localized = Record<Language, string>;

/** The lab beside a lesson (lessons/README.md, `lab`). */
export interface LessonLab {
	page: '/lab' | '/remote' | '/sdp' | '/nat';
	mode: 'datachannel' | 'media';
	source: 'synthetic' | 'devices';
	trickle: boolean;
	delayMs: number;
	/** A "Network conditions" preset (src/lib/core/ice/conditions.ts): servers, policy, drops. */
	network: ConditionId;
}

export interface Prediction {
	id: string;
	/** The lab state the answer is due before, or `start`. */
	before: string;
	question: Localized;
	choices: Localized[];
	answer: number;
	explanation: Localized;
	requires: string[];
}

/** One condition on the live lab: `kind` plus the fields of that kind (lessons/README.md). */
export interface Condition {
	kind: string;
	[field: string]: unknown;
}

export interface Check {
	id: string;
	description: Localized;
	condition: Condition;
	/** Counts only while the lab runs with this configuration. */
	when: Partial<LessonLab> | null;
	optional: boolean;
	requires: string[];
}

/** One language version of a lesson: its text, already split into blocks. */
export interface LessonText {
	title: string;
	summary: string;
	blocks: Block[];
}

export interface Lesson {
	slug: string;
	order: number;
	/** The folder, e.g. `03-offer-and-answer`. */
	dir: string;
	minutes: number;
	lab: LessonLab;
	requires: string[];
	see: string[];
	predictions: Prediction[];
	checks: Check[];
	text: Record<Language, LessonText>;
}

export interface Course {
	title: Localized;
	summary: Localized;
	languages: Language[];
	defaultLanguage: Language;
}

/** What the index and previous/next links need to know about a lesson. */
export interface LessonSummary {
	slug: string;
	order: number;
	minutes: number;
	title: Localized;
	summary: Localized;
	/** Ids of the checks that count towards completion on the lesson page. */
	requiredChecks: string[];
}
