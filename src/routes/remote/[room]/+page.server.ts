import { siteLessons } from '$lib/server/lessons';
import type { PageServerLoad } from './$types';

/**
 * `?lesson=<slug>`: a lesson sent the learner here, so the room shows that lesson's checks and
 * saves them where the lesson page reads them. An unknown slug is ignored (the lab still works).
 */
export const load: PageServerLoad = ({ url }) => {
	const slug = url.searchParams.get('lesson');
	const lesson = slug ? siteLessons().lessons.find((l) => l.slug === slug) : undefined;
	if (!lesson || lesson.lab.page !== '/remote') return { lesson: null };
	return {
		lesson: {
			slug: lesson.slug,
			order: lesson.order,
			title: { en: lesson.text.en.title, 'zh-CN': lesson.text['zh-CN'].title },
			checks: lesson.checks
		}
	};
};
