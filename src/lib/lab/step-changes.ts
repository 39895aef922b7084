// What a step changed, as data: the difference between two snapshots of a lab's context (the
// state the last step started from, and the state it left). The step stage draws it beside the
// step card, so the effect of "Next step" is on the same screen as its cause. Pure: both labs
// hand in their peers by name (Peer A and B in the loopback lab, "you" in a remote room).

import type { CandidateEntry } from '$lib/core/ice/candidate';
import { candidateLogLabel, type LogEvent } from './log-labels';
import type { DescriptionVersion } from './peer-view';
import { PC_STATE_NAMES, type Description, type PcStateName, type PeerView } from './types';

/** The part of a lab's context this reads (both machines' contexts have it). */
export interface ChangeSource {
	peers: Readonly<Record<string, PeerView>>;
	offer: Description | null;
	answer: Description | null;
	history: readonly DescriptionVersion[];
	log: readonly LogEvent[];
}

export interface StateMove {
	name: PcStateName;
	/** The value before the step (null: the connection did not exist yet). */
	from: string | null;
	/** Every value the state took during the step, the last one being where it is now. */
	through: string[];
}

export interface PeerChanges {
	states: StateMove[];
	/** Local candidates gathered during the step (`null` candidate: end of candidates). */
	candidates: CandidateEntry[];
}

export interface SdpLineChange {
	text: string;
	/** Not in the previous version of this description (or the first version: every line). */
	added: boolean;
}

export interface DescriptionChange {
	type: 'offer' | 'answer';
	/** Which peer wrote it (history's `from`), when the history knows. */
	from: string | null;
	/** The step created this description (or a new version of it), rather than applying one. */
	created: boolean;
	lines: SdpLineChange[];
	/** The whole text, for the full annotated view. */
	sdp: string;
}

export interface StepChanges {
	peers: Record<string, PeerChanges>;
	/** The description the step produced or applied, if it touched one. */
	description: DescriptionChange | null;
	/** Sequence-diagram arrows and notes added during the step, oldest first (worded by the page). */
	arrows: LogEvent[];
}

/**
 * Which description a state of the story works on, from its name: the JSEP steps are named after
 * the offer or the answer they create, set or signal (`settingLocalOffer`, `answerSignaled` …).
 */
export function descriptionOfState(state: string): 'offer' | 'answer' | null {
	if (/offer/i.test(state)) return 'offer';
	if (/answer/i.test(state)) return 'answer';
	return null;
}

const sdpLines = (sdp: string) => sdp.split(/\r?\n/).filter((line) => line !== '');

function movesOf(before: PeerView | undefined, after: PeerView): StateMove[] {
	const moves: StateMove[] = [];
	for (const name of PC_STATE_NAMES) {
		const old = before?.states[name] ?? [];
		const now = after.states[name];
		if (now.length <= old.length) continue;
		moves.push({
			name,
			from: old.at(-1)?.value ?? null,
			through: now.slice(old.length).map((change) => change.value)
		});
	}
	return moves;
}

function descriptionChange(
	before: ChangeSource,
	after: ChangeSource,
	state: string
): DescriptionChange | null {
	// A new version in the history (created, or re-read after gathering) comes first; else the
	// description the step's name says it works on.
	const versions = after.history.slice(before.history.length);
	const latest = versions.at(-1);
	const type = latest?.description.type ?? descriptionOfState(state);
	const description = latest?.description ?? (type ? after[type] : null);
	if (!type || !description) return null;
	const from = latest?.from ?? after.history.findLast((v) => v.description.type === type)?.from;
	// Lines new against the same side's version before this one.
	const previous = latest
		? after.history
				.slice(0, after.history.indexOf(latest))
				.findLast((v) => v.from === latest.from && v.description.type === type)
		: undefined;
	const known = previous ? new Set(sdpLines(previous.description.sdp)) : null;
	return {
		type,
		from: from ?? null,
		created: !!latest,
		lines: sdpLines(description.sdp).map((text) => ({
			text,
			added: !!latest && (!known || !known.has(text))
		})),
		sdp: description.sdp
	};
}

/** What happened between two snapshots of a lab's context; `state` is where the lab is now. */
export function stepChanges(
	before: ChangeSource | null,
	after: ChangeSource,
	state: string
): StepChanges {
	const from = before ?? { peers: {}, offer: null, answer: null, history: [], log: [] };
	// A Reset starts a new log (and new peer views): compare against nothing, not the old call.
	const reset =
		from.log.length > after.log.length || (from.log.length > 0 && after.log[0] !== from.log[0]);
	const peers: Record<string, PeerChanges> = {};
	for (const [id, view] of Object.entries(after.peers)) {
		const old = reset ? undefined : from.peers[id];
		peers[id] = {
			states: movesOf(old, view),
			candidates: view.candidates.slice(old?.candidates.length ?? 0)
		};
	}
	return {
		peers,
		description: descriptionChange(reset ? { ...from, history: [] } : from, after, state),
		arrows: after.log.slice(reset ? 0 : from.log.length)
	};
}

/** Whether anything at all changed (the stage then says so instead of drawing empty boxes). */
export const changedAnything = (changes: StepChanges) =>
	changes.arrows.length > 0 ||
	changes.description?.created === true ||
	Object.values(changes.peers).some((peer) => peer.states.length || peer.candidates.length);

/**
 * A moment for the timeline that the sequence log does not show: a peer connection's state
 * changed, or a peer gathered a candidate ("A connectionState connected", "B icecandidate (host
 * udp)"). Null when the peers are the same. Names and values stay the API's own (they are code, the
 * same in every language).
 */
export function peerMoment(
	before: Readonly<Record<string, PeerView>>,
	after: Readonly<Record<string, PeerView>>
): string | null {
	for (const [id, view] of Object.entries(after)) {
		const old = before[id];
		if (!old || old === view) continue;
		for (const name of PC_STATE_NAMES) {
			const value = view.states[name].at(-1)?.value;
			if (view.states[name].length > old.states[name].length && value)
				return `${id} ${name} ${value}`;
		}
		if (view.candidates.length > old.candidates.length) {
			// The event's name and the candidate's type and protocol: code, the same in any language.
			const label = candidateLogLabel(view.candidates.at(-1)!.candidate);
			return label.id === 'candidate'
				? `${id} icecandidate (${label.type} ${label.protocol})`.replace(' )', ')')
				: `${id} icecandidate (null)`;
		}
	}
	return null;
}
