// The shape of a lesson once lessons/ has been loaded (see lessons/README.md for the source
// format): what the loader (src/lib/server/lessons.ts) produces and the lesson pages read.

import type * as v from 'valibot';
import type { LessonCounts } from './checks';
import type { Block } from './markdown';
import type { LabSchema, LessonSchemas } from './schema';
import type { Locale, Localized } from '../locale';


type Schemas = LessonSchemas;

/** The lab beside a lesson (lessons/README.md, `lab`). */
export type LessonLab = v.InferOutput<typeof LabSchema>;

export type Prediction = v.InferOutput<Schemas['prediction']>;

/** One condition on the live lab: `kind` plus the fields of that kind (lessons/README.md). */
export type Condition = v.InferOutput<Schemas['condition']>;
export type ConditionKind = Condition['kind'];

export type Check = v.InferOutput<Schemas['check']>;

/** A lesson's metadata once its files are merged: lab, predictions, checks, `requires`, … */
export type LessonMeta = v.InferOutput<Schemas['lesson']>;

/** One language version of a lesson: its text, already split into blocks. */
export interface LessonText {
	title: string;
	summary: string;
	blocks: Block[];
}

export interface Lesson extends LessonMeta {
	slug: string;
	order: number;
	/** The folder, e.g. `03-offer-and-answer`. */
	dir: string;
	text: Record<Locale, LessonText>;
}

export type Course = v.InferOutput<Schemas['courseFile']>['course'];

/** What the index and previous/next links need to know about a lesson. */
export interface LessonSummary {
	slug: string;
	order: number;
	minutes: number;
	title: Localized;
	summary: Localized;
	/** The checks that count towards completion, and those still coming soon. */
	counts: LessonCounts;
}
