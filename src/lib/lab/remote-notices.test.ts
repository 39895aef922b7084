import { describe, expect, it } from 'vitest';
import { inLocale } from '../../../tests/in-locale';
import type { RemoteNotice } from './remote-machine';
import { noticeDetail, noticeText, signalingReasonText } from './remote-notices';
import type { SignalingReason } from './transports/websocket';

/** Three English words in a row: prose, which a Chinese sentence must not hold. */
const ENGLISH_PROSE = /\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}\b/;
/** A Western and a Chinese punctuation mark side by side ("Unauthorized.。"). */
const DOUBLED_PUNCTUATION = /[.!?;:,][。！？；：，）]|[。！？；：，][.!?;:,]|。。/;

const reasons: SignalingReason[] = [
	{ kind: 'socket-closed', code: 1006 },
	{ kind: 'socket-closed', code: 4002, reason: 'idle' },
	{ kind: 'socket-failed', message: 'Invalid URL' },
	{ kind: 'no-reply' },
	{ kind: 'dropped-on-purpose' },
	{ kind: 'room-full-rejoining' },
	{ kind: 'refused', code: 'room-full', message: 'The room already holds two peers.' },
	{ kind: 'refused', code: 'invalid-room' },
	{ kind: 'refused', code: 'some-new-code' },
	{ kind: 'closed-by-page' },
	{ kind: 'no-websocket' },
	{ kind: 'gave-up', attempts: 3, last: { kind: 'no-reply' } }
];

const every: RemoteNotice[] = [
	{ kind: 'reconnecting', reason: { kind: 'socket-closed', code: 1006 }, seconds: 0.3, attempt: 2 },
	{ kind: 'signaling-closed', reason: { kind: 'refused', code: 'room-full' } },
	{ kind: 'reconnected', attempt: 1, seat: null },
	{ kind: 'reconnected', attempt: 3, seat: 'caller' },
	{ kind: 'role-kept', given: 'callee', kept: 'caller' },
	{ kind: 'peer-left' },
	{ kind: 'peer-back' },
	{ kind: 'peer-hung-up' },
	{ kind: 'not-delivered' },
	{ kind: 'rejoin-full' },
	{ kind: 'resent', descriptions: ['answer'], candidates: 3, earlier: null },
	{ kind: 'fresh-start', role: 'callee' },
	{
		kind: 'candidate-refused',
		candidate: 'candidate:garbage',
		name: 'OperationError',
		message: 'Error processing ICE candidate'
	},
	{ kind: 'too-many-rooms' }
];

describe('remote-lab notices', () => {
	it('say each kind in English with its details', () => {
		inLocale('en', () => {
			expect(noticeText(every[0]!)).toBe(
				'The signaling connection dropped (the WebSocket closed with code 1006); reconnecting in 0.3 s (attempt 2).'
			);
			expect(noticeText(every[1]!)).toBe('Signaling closed: the room already holds two peers');
			expect(noticeText(every[3]!)).toBe(
				'Signaling reconnected (attempt 3) and joined the room again as the caller, in the same seat.'
			);
			expect(noticeText(every[10]!)).toBe(
				'The signaling path was interrupted during the exchange, so this page sent its answer and 3 candidates again.'
			);
			expect(
				noticeText({ kind: 'resent', descriptions: ['offer'], candidates: 1, earlier: every[5]! })
			).toBe(
				'The remote peer left the room (closed its page or lost its connection). The signaling path was interrupted during the exchange, so this page sent its offer and 1 candidate again.'
			);
			expect(noticeText(every[11]!)).toMatch(/started afresh as the callee/);
			expect(noticeText(every[12]!)).toBe(
				'addIceCandidate refused a candidate from the other side: candidate:garbage. It is left out, and the connection goes on with the other candidates; if none of them works, ICE fails and the lab says why. The browser said:'
			);
			// The browser's own words follow as code, outside the sentence.
			expect(noticeDetail(every[12]!)).toBe('OperationError: Error processing ICE candidate');
			expect(noticeDetail(every[0]!)).toBeNull();
		});
	});

	it('say every kind in Simplified Chinese, keeping the details', () => {
		inLocale('zh-CN', () => {
			for (const notice of every) {
				const text = noticeText(notice);
				expect(text, notice.kind).toMatch(/[\u4e00-\u9fff]/);
				expect(text, notice.kind).not.toMatch(/\b(caller|callee|the remote peer)\b/i);
			}
			expect(noticeText(every[0]!)).toContain('关闭码 1006');
			for (const notice of every) {
				const text = noticeText(notice).replace('candidate:garbage', '');
				expect(text, notice.kind).not.toMatch(ENGLISH_PROSE);
				expect(text, notice.kind).not.toMatch(DOUBLED_PUNCTUATION);
			}
			expect(noticeText(every[4]!)).toContain('主叫方');
			expect(noticeText(every[10]!)).toContain('3 个候选地址');
		});
	});

	it('say why signaling dropped or closed, as a clause in either language', () => {
		for (const reason of reasons) {
			const en = inLocale('en', () => signalingReasonText(reason));
			const zh = inLocale('zh-CN', () => signalingReasonText(reason));
			expect(en, reason.kind).toMatch(/^[a-z]/);
			expect(en, reason.kind).not.toMatch(/[\u4e00-\u9fff]/);
			expect(zh, reason.kind).toMatch(/[\u4e00-\u9fff]/);
			expect(zh, reason.kind).not.toMatch(ENGLISH_PROSE);
			expect(zh, reason.kind).not.toMatch(DOUBLED_PUNCTUATION);
		}
		expect(inLocale('zh-CN', () => signalingReasonText(reasons[11]!))).toBe(
			'尝试 3 次后放弃：服务器没有回应加入房间的请求'
		);
	});
});
