import { siteLessons } from '$lib/lessons.server';
import { summarize } from '$lib/server/lessons';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const { course, lessons } = siteLessons();
	return { course, lessons: lessons.map(summarize) };
};
