import { env } from '$env/dynamic/private';
import { sharedOrigins } from '$lib/server/lan-addresses';
import { siteLessons } from '$lib/lessons.server';
import type { PageServerLoad } from './$types';

/**
 * `?lesson=<slug>`: a lesson sent the learner here, so the room shows that lesson's checks and
 * saves them where the lesson page reads them. An unknown slug is ignored (the lab still works).
 * `shared`: the origins other devices can open this server at (LAN addresses when it was started
 * with --lan), for the join link and its QR code; empty when it listens on this machine only.
 */
export const load: PageServerLoad = ({ url }) => {
	const shared = sharedOrigins(
		{ LAB_PUBLIC_ORIGINS: env.LAB_PUBLIC_ORIGINS, HOST: env.HOST },
		{ protocol: url.protocol, port: url.port }
	);
	const slug = url.searchParams.get('lesson');
	const lesson = slug ? siteLessons().lessons.find((l) => l.slug === slug) : undefined;
	if (!lesson || lesson.lab.page !== '/remote') return { lesson: null, shared };
	return {
		shared,
		lesson: {
			slug: lesson.slug,
			order: lesson.order,
			title: { en: lesson.text.en.title, 'zh-CN': lesson.text['zh-CN'].title },
			lab: { page: lesson.lab.page },
			checks: lesson.checks
		}
	};
};
