import { error } from '@sveltejs/kit';
import { roomIdProblem, type RoomIdProblem } from '$lib/core/signaling/protocol';
import { m } from '$lib/i18n';
import type { PageLoad } from './$types';

/** What is wrong with the room id, in the reader's language, then the rule. */
function describe(problem: RoomIdProblem): string {
	const what =
		problem.kind === 'empty'
			? m.remote_room_id_problem_empty()
			: problem.kind === 'too-long'
				? m.remote_room_id_problem_too_long({ length: problem.length, max: problem.max })
				: problem.kind === 'control'
					? m.remote_room_id_problem_control({ codePoint: problem.codePoint })
					: problem.kind === 'percent'
						? m.remote_room_id_problem_percent()
						: m.remote_room_id_problem_character({ character: problem.character });
	return `${what} ${m.remote_room_id_invalid()}`;
}

export const load: PageLoad = ({ params, data }) => {
	const problem = roomIdProblem(params.room);
	if (problem) error(400, describe(problem));
	return { ...data, room: params.room };
};
