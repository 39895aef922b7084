import { m } from '$lib/i18n';
import type { Role } from '$lib/core/signaling/protocol';
import type { RemoteNotice } from './remote-machine';
import type { SignalingReason } from './transports/websocket';

const roleName = (role: Role) =>
	role === 'caller' ? m.room_notice_role_caller() : m.room_notice_role_callee();

/**
 * Why the signaling connection dropped or ended, in the UI language: a clause that a notice or
 * the status line puts in a sentence ("… dropped (the WebSocket closed with code 1006); …").
 */
export function signalingReasonText(reason: SignalingReason): string {
	switch (reason.kind) {
		case 'socket-closed':
			return reason.reason
				? m.lw14_reason_socket_closed_said({ code: String(reason.code), reason: reason.reason })
				: m.lw14_reason_socket_closed({ code: String(reason.code) });
		case 'socket-failed':
			return m.lw14_reason_socket_failed({ message: reason.message });
		case 'no-reply':
			return m.lw14_reason_no_reply();
		case 'dropped-on-purpose':
			return m.lw14_reason_dropped_on_purpose();
		case 'room-full-rejoining':
			return m.lw14_reason_room_full_rejoining();
		case 'refused':
			return reason.code === 'room-full'
				? m.lw14_reason_refused_room_full()
				: reason.code === 'invalid-room'
					? m.lw14_reason_refused_invalid_room()
					: m.lw14_reason_refused({ code: reason.code });
		case 'closed-by-page':
			return m.lw14_reason_closed_by_page();
		case 'no-websocket':
			return m.lw14_reason_no_websocket();
		case 'gave-up':
			return m.lw14_reason_gave_up({
				attempts: String(reason.attempts),
				last: signalingReasonText(reason.last)
			});
	}
}

/**
 * The browser's own words in a notice (addIceCandidate's DOMException), shown as code after the
 * notice's sentence; null for the notices that are all the lab's own words.
 */
export function noticeDetail(notice: RemoteNotice): string | null {
	return notice.kind === 'candidate-refused' ? `${notice.name}: ${notice.message}` : null;
}

/** A remote-lab notice in the UI language (the machine keeps it as data). */
export function noticeText(notice: RemoteNotice): string {
	switch (notice.kind) {
		case 'reconnecting':
			return m.room_notice_reconnecting({
				reason: signalingReasonText(notice.reason),
				seconds: String(notice.seconds),
				attempt: String(notice.attempt)
			});
		case 'signaling-closed':
			return m.room_notice_closed({ reason: signalingReasonText(notice.reason) });
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
			// The browser's message follows as code (noticeDetail), not inside the sentence.
			return m.lw14_candidate_refused_error({ candidate: notice.candidate });
	}
}
