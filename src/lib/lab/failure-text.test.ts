import { describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { failedCall, failureText } from './failure-text';
import { LAB_STEPS, REMOTE_STEPS } from './steps';
import type { LabError } from './types';

const refused = (step: string): LabError => ({
	step,
	name: 'OperationError',
	message:
		"Failed to execute 'setRemoteDescription' on 'RTCPeerConnection': Failed to parse SessionDescription. garbage line Expect line: a="
});

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
});
