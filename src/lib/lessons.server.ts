// The site's lessons: lessons/ as Vite bundled it, loaded by the server's loader
// (src/lib/server/lessons.ts) with the lab's own state names (src/lib/lab/lesson-vocabulary.ts).
// It joins server/ and lab/, which may not import each other, so it sits beside both; only
// routes import it. Loading happens when this module is first imported, so a lesson file with a
// typo fails `vite build` (which imports every page's server module) as well as the server start.

import { LESSON_VOCABULARY } from '$lib/lab/lesson-vocabulary';
import {
	bundledLessonFiles,
	bundledUiMessages,
	loadLessons,
	type LoadedLessons
} from '$lib/server/lessons';

const lessons: LoadedLessons = loadLessons(
	bundledLessonFiles,
	LESSON_VOCABULARY,
	bundledUiMessages
);

/** The site's lessons, loaded once per server start (in dev, per module reload). */
export const siteLessons = (): LoadedLessons => lessons;
