// The lab's state names that lesson files may use (lessons/README.md), derived from the step
// table: a prediction's `before` and a `machine` check's `equals`. The lesson loader lives in
// server/, which may not import lab/, so the routes hand this vocabulary to it
// (src/lib/lessons.server.ts). Only data is imported here: steps.ts has no run-time imports.

import type { LessonVocabulary } from '$lib/core/lessons/schema';
import { LAB_STEPS, REMOTE_STEPS, type LabStep } from './steps';

/** The states one run of steps passes through: each step's doing and done state. */
const stepStates = (steps: readonly LabStep[]) => [
	...new Set(steps.flatMap((step) => [step.doing, step.done]))
];

/**
 * States a learner enters by a button that is not a JSEP step, so not in the step table:
 * "Restart ICE" on a connected call (both machines' `restartingIce`, held like a step).
 */
const LIVE_CALL_STEPS = ['restartingIce'];

/** Where a session starts and how it ends, and media changes on a live call (no step enters them). */
const OTHER_STATES = ['idle', 'changingMedia', 'failed', 'closing', 'closed'];

export const LESSON_VOCABULARY: LessonVocabulary = {
	before: {
		'/lab': [...stepStates(LAB_STEPS), ...LIVE_CALL_STEPS],
		'/remote': [...stepStates(REMOTE_STEPS), ...LIVE_CALL_STEPS]
	},
	machineStates: [
		...new Set([
			...stepStates(LAB_STEPS),
			...stepStates(REMOTE_STEPS),
			...LIVE_CALL_STEPS,
			...OTHER_STATES
		])
	]
};
