// A failed step, in words: which call failed, what the browser's refusal means there, and what the
// learner can do. The machines keep a failure as data (`LabError`: the state that was running, the
// error's name and the browser's message); the lab pages word it here in the UI language.

import { m } from '$lib/i18n';
import type { ErrorCode } from '$lib/core/signaling/protocol';
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

/**
 * The signaling server's error codes (core/signaling/protocol.ts), in the UI language. A code
 * from a newer server that this page does not know is named as it came.
 */
export function signalingErrorText(code: string): string {
	const words: Record<ErrorCode, () => string> = {
		'invalid-json': m.lw14_signaling_invalid_json,
		'unknown-type': m.lw14_signaling_unknown_type,
		'invalid-message': m.lw14_signaling_invalid_message,
		'invalid-room': m.lw14_signaling_invalid_room,
		'already-joined': m.lw14_signaling_already_joined,
		'not-joined': m.lw14_signaling_not_joined,
		'room-full': m.lw14_signaling_room_full,
		'no-peer': m.lw14_signaling_no_peer,
		'rate-limited': m.lw14_signaling_rate_limited,
		'too-many-rooms': m.lw14_signaling_too_many_rooms,
		'internal-error': m.lw14_signaling_internal_error
	};
	return Object.hasOwn(words, code)
		? words[code as ErrorCode]()
		: m.lw14_signaling_unknown({ code });
}

/**
 * A failure the lab itself states (not a refusal by the browser), by its id: the whole sentence
 * in the UI language, or null when the error is the browser's own (its message stays as it gave
 * it, shown as code).
 */
export function labErrorText(error: LabError): string | null {
	if (error.step === 'signaling') return signalingErrorText(error.name);
	switch (error.name) {
		case 'NoCandidatePairs':
			return m.lw14_error_no_candidate_pairs();
		default:
			return null;
	}
}

/**
 * A message with one slot for a piece that is shown as code (a URL, the browser's own words):
 * the text before and after it, so markup can put the piece between. `said('\u0000')` -> `['(“',
 * '”).']` for `said = ({ text }) => \`(“${text}”).\``.
 */
export function aroundSlot(message: (slot: string) => string): [string, string] {
	const marker = '\u0000';
	const [before = '', after = ''] = message(marker).split(marker);
	return [before, after];
}

export interface FailureText {
	/** The failed step's call as the step card shows it (`await pc.setRemoteDescription(offer)`). */
	call: string;
	/** The message is the browser's own (false: the lab's, e.g. no candidate pair to check). */
	fromBrowser: boolean;
	/** The lab's own failure, worded in full (null: the browser's message, shown as code). */
	own: string | null;
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
	const own = labErrorText(error);
	return { call, fromBrowser: own === null && failed.call !== 'ice', own, meaning, action };
}
