import { describe, expect, it } from 'vitest';
import { inLocale } from '../../../tests/in-locale';
import { ErrorCodeSchema } from '$lib/core/signaling/protocol';
import {
	aroundSlot,
	failedCall,
	failureText,
	labErrorText,
	signalingErrorText
} from './failure-text';
import { LAB_STEPS, REMOTE_STEPS } from './steps';
import type { LabError } from './types';

const refused = (step: string): LabError => ({
	step,
	name: 'OperationError',
	message:
		"Failed to execute 'setRemoteDescription' on 'RTCPeerConnection': Failed to parse SessionDescription. garbage line Expect line: a="
});

/** Three English words in a row: prose, which a Chinese sentence must not hold. */
const ENGLISH_PROSE = /\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}\b/;
/** A Western and a Chinese punctuation mark side by side ("Unauthorized.。"). */
const DOUBLED_PUNCTUATION = /[.!?;:,][。！？；：，）]|[。！？；：，][.!?;:,]|。。/;

/** Every state whose call can be refused, in both labs. */
const CALL_STEPS = [
	'settingRemoteOffer',
	'settingRemoteAnswer',
	'settingLocalOffer',
	'settingLocalAnswer',
	'creatingOffer',
	'creatingAnswer',
	'restartingIce'
];

describe('a failed step in words', () => {
	it('names the call of the step that failed, as its step card shows it', () => {
		expect(failureText(refused('settingRemoteOffer'), 'remote', REMOTE_STEPS).call).toBe(
			'await pc.setRemoteDescription(offer)'
		);
		expect(failureText(refused('settingRemoteAnswer'), 'loopback', LAB_STEPS).call).toBe(
			'await pcA.setRemoteDescription(answer)'
		);
		expect(failureText(refused('settingLocalAnswer'), 'loopback', LAB_STEPS).call).toBe(
			'await pcB.setLocalDescription(answer)'
		);
		expect(failureText(refused('restartingIce'), 'remote', REMOTE_STEPS).call).toMatch(
			/restartIce/
		);
	});

	it('says what a refused remote description means and what to do, in each lab', () => {
		inLocale('en', () => {
			const remote = failureText(refused('settingRemoteOffer'), 'remote', REMOTE_STEPS);
			expect(remote.fromBrowser).toBe(true);
			expect(remote.meaning).toMatch(/^setRemoteDescription refused the offer the other side sent/);
			expect(remote.meaning).toMatch(/will not try the same offer again/);
			expect(remote.action).toMatch(/Press “Reset”.*ask the other side to reset too/);
			const loopback = failureText(refused('settingRemoteAnswer'), 'loopback', LAB_STEPS);
			expect(loopback.meaning).toMatch(/^setRemoteDescription refused the answer/);
			expect(loopback.action).toBe('Press "Reset" to start again.');
		});
	});

	it('explains every call that can be refused, in English and Simplified Chinese', () => {
		for (const step of CALL_STEPS) {
			expect(failedCall(step).call, step).not.toBe('other');
			for (const lab of ['loopback', 'remote'] as const) {
				const steps = lab === 'remote' ? REMOTE_STEPS : LAB_STEPS;
				const en = inLocale('en', () => failureText(refused(step), lab, steps));
				const zh = inLocale('zh-CN', () => failureText(refused(step), lab, steps));
				expect(en.meaning, `${lab} ${step}`).toBeTruthy();
				expect(zh.meaning, `${lab} ${step}`).toMatch(/[\u4e00-\u9fff]/);
				expect(zh.action, `${lab} ${step}`).toMatch(/重置/);
				expect(zh.meaning).not.toBe(en.meaning);
			}
		}
	});

	it('leaves ICE with nothing to check to the ICE failure panel; the message is the lab’s own', () => {
		const text = failureText(
			{
				step: 'iceChecking',
				name: 'NoCandidatePairs',
				message: 'no candidate reached either peer'
			},
			'loopback',
			LAB_STEPS
		);
		expect(text.meaning).toBeNull();
		expect(text.fromBrowser).toBe(false);
	});

	it('words the lab’s own failures by their id, wholly in the UI language', () => {
		const nothing: LabError = {
			step: 'iceChecking',
			name: 'NoCandidatePairs',
			message: 'no candidate reached either peer, so ICE has no pair to check'
		};
		const en = inLocale('en', () => failureText(nothing, 'loopback', LAB_STEPS));
		expect(en.own).toBe('No candidate reached either peer, so ICE has no candidate pair to check.');
		const zh = inLocale('zh-CN', () => failureText(nothing, 'loopback', LAB_STEPS));
		expect(zh.own).toMatch(/^双方都没有收到/);
		expect(zh.own).not.toMatch(ENGLISH_PROSE);
		expect(zh.own).not.toMatch(DOUBLED_PUNCTUATION);
		// Not the browser's words: no "The browser said".
		expect(zh.fromBrowser).toBe(false);
		// A browser's refusal stays its own (shown as code), the lab adds what it means.
		const refusal = inLocale('zh-CN', () =>
			failureText(refused('settingRemoteOffer'), 'remote', REMOTE_STEPS)
		);
		expect(refusal.own).toBeNull();
		expect(refusal.fromBrowser).toBe(true);
	});

	it('words every signaling error code in English and Simplified Chinese', () => {
		for (const code of ErrorCodeSchema.options) {
			const en = inLocale('en', () => signalingErrorText(code));
			const zh = inLocale('zh-CN', () => signalingErrorText(code));
			expect(en, code).toMatch(/^[A-Z“].*\.$/);
			expect(en, code).not.toMatch(/[\u4e00-\u9fff]/);
			expect(zh, code).toMatch(/[\u4e00-\u9fff].*。$/);
			expect(zh, code).not.toMatch(ENGLISH_PROSE);
			expect(zh, code).not.toMatch(DOUBLED_PUNCTUATION);
		}
		expect(inLocale('en', () => signalingErrorText('room-full'))).toBe(
			'The room already holds two peers.'
		);
		// A code from a newer server is named as it came.
		expect(inLocale('zh-CN', () => signalingErrorText('brand-new'))).toContain('brand-new');
		expect(inLocale('zh-CN', () => signalingErrorText('__proto__'))).toContain('__proto__');
		expect(
			inLocale('zh-CN', () =>
				labErrorText({ step: 'signaling', name: 'room-full', message: 'The room is full.' })
			)
		).toBe('这个房间里已经有两个对端了。');
	});

	it('splits a message around the piece shown as code', () => {
		expect(aroundSlot((text) => `(“${text}”).`)).toEqual(['(“', '”).']);
		expect(aroundSlot((text) => `${text}`)).toEqual(['', '']);
	});
});
