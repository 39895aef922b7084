// The lab's state names that lesson files may use (lessons/README.md), derived from the step
// table: a prediction's `before` and a `machine` check's `equals`. The lesson loader lives in
// server/, which may not import lab/, so the routes hand this vocabulary to it
// (src/lib/lessons.server.ts). Only data is imported here: steps.ts has no run-time imports.

import type { LessonVocabulary } from '$lib/core/lessons/schema';
import {
	chainStates,
	LAB_CHAINS,
	LIVE_CALL_STEPS,
	OFF_TABLE_STATES,
	REMOTE_CHAINS,
	START_STATE
} from './steps';

/**
 * States a learner enters by a button that is not a JSEP step ("Restart ICE" on a connected
 * call), held like a step.
 */
const liveCallStates = LIVE_CALL_STEPS.map((step) => step.doing);

/** Where a session starts and how it ends, and media changes on a live call (no step enters them). */
const OTHER_STATES = [START_STATE, ...OFF_TABLE_STATES];

export const LESSON_VOCABULARY: LessonVocabulary = {
	before: {
		'/lab': [...chainStates(LAB_CHAINS), ...liveCallStates],
		'/remote': [...chainStates(REMOTE_CHAINS), ...liveCallStates]
	},
	machineStates: [
		...new Set([
			...chainStates(LAB_CHAINS),
			...chainStates(REMOTE_CHAINS),
			...liveCallStates,
			...OTHER_STATES
		])
	]
};
