import { describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import type { RemoteNotice } from './remote-machine';
import { noticeText } from './remote-notices';

const every: RemoteNotice[] = [
	{ kind: 'reconnecting', reason: 'socket closed (1006)', seconds: 0.3, attempt: 2 },
	{ kind: 'signaling-closed', reason: 'room-full' },
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
	// Node has no cookie or localStorage: the language is set the way Paraglide allows on a server.
	const inLocale = <T>(locale: 'en' | 'zh-CN', run: () => T): T => {
		const previous = getLocale;
		overwriteGetLocale(() => locale);
		try {
			return run();
		} finally {
			overwriteGetLocale(previous);
		}
	};

	it('say each kind in English with its details', () => {
		inLocale('en', () => {
			expect(noticeText(every[0]!)).toBe(
				'The signaling connection dropped (socket closed (1006)); reconnecting in 0.3 s (attempt 2).'
			);
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
				'addIceCandidate refused a candidate from the other side (OperationError: Error processing ICE candidate): candidate:garbage. It is left out, and the connection goes on with the other candidates; if none of them works, ICE fails and the lab says why.'
			);
		});
	});

	it('say every kind in Simplified Chinese, keeping the details', () => {
		inLocale('zh-CN', () => {
			for (const notice of every) {
				const text = noticeText(notice);
				expect(text, notice.kind).toMatch(/[\u4e00-\u9fff]/);
				expect(text, notice.kind).not.toMatch(/\b(caller|callee|the remote peer)\b/i);
			}
			expect(noticeText(every[0]!)).toContain('socket closed (1006)');
			expect(noticeText(every[4]!)).toContain('主叫方');
			expect(noticeText(every[10]!)).toContain('3 个候选地址');
		});
	});
});
