// A failed step, in words: which call failed, what the browser's refusal means there, and what the
// learner can do. The machines keep a failure as data (`LabError`: the state that was running, the
// error's name and the browser's message); the lab pages word it here in the UI language.

import { m } from '$lib/i18n';
import type { LabStep } from './steps';
import type { LabError } from './types';

type Kind = 'offer' | 'answer';

/** What the failed state was doing: the call behind it decides what a refusal means. */
export type FailedCall =
	| { call: 'setRemoteDescription'; description: Kind }
	| { call: 'setLocalDescription'; description: Kind }
	| { call: 'create'; description: Kind }
	| { call: 'restartIce' }
	| { call: 'media' }
	/** No call failed: ICE found nothing to check (the ICE failure panel explains it). */
	| { call: 'ice' }
	| { call: 'other' };

const CALLS: Record<string, FailedCall> = {
	settingRemoteOffer: { call: 'setRemoteDescription', description: 'offer' },
	settingRemoteAnswer: { call: 'setRemoteDescription', description: 'answer' },
	settingLocalOffer: { call: 'setLocalDescription', description: 'offer' },
	settingLocalAnswer: { call: 'setLocalDescription', description: 'answer' },
	creatingOffer: { call: 'create', description: 'offer' },
	creatingAnswer: { call: 'create', description: 'answer' },
	restartingIce: { call: 'restartIce' },
	addingMedia: { call: 'media' },
	iceChecking: { call: 'ice' }
};

export const failedCall = (step: string): FailedCall => CALLS[step] ?? { call: 'other' };

export interface FailureText {
	/** The failed step's call as the step card shows it (`await pc.setRemoteDescription(offer)`). */
	call: string;
	/** The message is the browser's own (false: the lab's, e.g. no candidate pair to check). */
	fromBrowser: boolean;
	/** What the refusal means at this step; null where another panel explains it. */
	meaning: string | null;
	/** What the learner can do now. */
	action: string;
}

/** Words a failed step of the loopback lab (both peers here) or the remote lab (one side). */
export function failureText(
	error: LabError,
	lab: 'loopback' | 'remote',
	steps: readonly LabStep[]
): FailureText {
	const failed = failedCall(error.step);
	const step = steps.find((s) => s.doing === error.step);
	const call =
		step?.code.split(';')[0] ??
		(failed.call === 'restartIce' ? 'pc.restartIce(); await pc.setLocalDescription()' : error.step);
	const meaning = (() => {
		switch (failed.call) {
			case 'setRemoteDescription':
				return lab === 'remote'
					? m.lab_failure_set_remote_peer({ description: failed.description })
					: m.lab_failure_set_remote({ description: failed.description });
			case 'setLocalDescription':
				return m.lab_failure_set_local({ description: failed.description });
			case 'create':
				return failed.description === 'offer'
					? m.lab_failure_create_offer()
					: m.lab_failure_create_answer();
			case 'restartIce':
				return m.lab_failure_restart_ice();
			case 'media':
			case 'ice':
				return null;
			case 'other':
				return m.lab_failure_other();
		}
	})();
	const action =
		lab === 'loopback'
			? m.lab_error_reset()
			: failed.call === 'setRemoteDescription'
				? m.lab_failure_action_remote_sdp({ description: failed.description })
				: m.lab_failure_action_remote();
	return { call, fromBrowser: failed.call !== 'ice', meaning, action };
}
