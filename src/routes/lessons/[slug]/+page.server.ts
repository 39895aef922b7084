import { error } from '@sveltejs/kit';
import { siteLessons } from '$lib/lessons.server';
import { summarize } from '$lib/server/lessons';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ params }) => {
	const { lessons, course } = siteLessons();
	const index = lessons.findIndex((lesson) => lesson.slug === params.slug);
	const lesson = lessons[index];
	if (!lesson) error(404, `No lesson "${params.slug}"`);
	const neighbour = (at: number) => {
		const other = lessons[at];
		return other ? summarize(other) : null;
	};
	return {
		course: { title: course.title },
		lesson,
		previous: neighbour(index - 1),
		next: neighbour(index + 1)
	};
};
