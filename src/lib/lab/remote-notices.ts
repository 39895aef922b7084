import { m } from '$lib/i18n';
import type { Role } from '$lib/core/signaling/protocol';
import type { RemoteNotice } from './remote-machine';

const roleName = (role: Role) =>
	role === 'caller' ? m.room_notice_role_caller() : m.room_notice_role_callee();

/** A remote-lab notice in the UI language (the machine keeps it as data). */
export function noticeText(notice: RemoteNotice): string {
	switch (notice.kind) {
		case 'reconnecting':
			return m.room_notice_reconnecting({
				reason: notice.reason,
				seconds: String(notice.seconds),
				attempt: String(notice.attempt)
			});
		case 'signaling-closed':
			return m.room_notice_closed({ reason: notice.reason });
		case 'reconnected':
			return notice.seat
				? m.room_notice_reconnected_seat({
						attempt: String(notice.attempt),
						role: roleName(notice.seat)
					})
				: m.room_notice_reconnected({ attempt: String(notice.attempt) });
		case 'role-kept':
			return m.room_notice_role_kept({
				given: roleName(notice.given),
				kept: roleName(notice.kept)
			});
		case 'peer-left':
			return m.room_notice_peer_left();
		case 'peer-back':
			return m.room_notice_peer_back();
		case 'peer-hung-up':
			return m.room_notice_peer_hung_up();
		case 'not-delivered':
			return m.room_notice_not_delivered();
		case 'rejoin-full':
			return m.room_notice_rejoin_full();
		case 'too-many-rooms':
			return m.room_notice_too_many_rooms();
		case 'resent': {
			const what = [
				...notice.descriptions.map((type) =>
					type === 'offer' ? m.room_notice_resent_offer() : m.room_notice_resent_answer()
				),
				...(notice.candidates === 1
					? [m.room_notice_resent_candidate()]
					: notice.candidates > 1
						? [m.room_notice_resent_candidates({ count: String(notice.candidates) })]
						: [])
			].join(m.room_notice_and());
			const text = m.room_notice_resent({ what });
			return notice.earlier ? `${noticeText(notice.earlier)} ${text}` : text;
		}
		case 'fresh-start':
			return m.room_notice_fresh_start({ role: roleName(notice.role) });
		case 'candidate-refused':
			return m.room_notice_candidate_refused({
				candidate: notice.candidate,
				error: `${notice.name}: ${notice.message}`
			});
	}
}
