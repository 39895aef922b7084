import { error } from '@sveltejs/kit';
import { isRoomId } from '$lib/core/signaling/protocol';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params, data }) => {
	if (!isRoomId(params.room)) {
		error(400, 'A room id is 1–64 characters from A–Z, a–z, 0–9, "-" and "_".');
	}
	return { ...data, room: params.room };
};
