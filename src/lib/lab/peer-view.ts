// What both labs record about a peer connection, and the pure functions that record it: state
// changes with their times, and the description history. Shared by machine.ts (loopback) and
// remote-machine.ts, which differ in how many peers they hold, not in what a peer looks like.

import type { Description, LabEvent, PcStateName, PeerId, PeerView } from './types';
import { PC_STATE_NAMES } from './types';

export const emptyPeerView = (): PeerView => ({
	states: Object.fromEntries(PC_STATE_NAMES.map((name) => [name, []])) as unknown as Record<
		PcStateName,
		{ value: string; atMs: number }[]
	>,
	candidates: [],
	localStream: null,
	remoteStream: null,
	dataChannelState: null
});

/** The DOM event each state attribute announces itself with. */
const pcStateEvents = {
	'pc.signalingstatechange': 'signalingState',
	'pc.icegatheringstatechange': 'iceGatheringState',
	'pc.iceconnectionstatechange': 'iceConnectionState',
	'pc.connectionstatechange': 'connectionState'
} as const satisfies Record<string, PcStateName>;

/** The view with the state change appended, or the same view when nothing changed. */
export function withStateChange(view: PeerView, event: { type: string }): PeerView {
	if (!(event.type in pcStateEvents)) return view;
	const { value, atMs } = event as Extract<LabEvent, { type: 'pc.signalingstatechange' }>;
	const name = pcStateEvents[event.type as keyof typeof pcStateEvents];
	const history = view.states[name];
	if (history.at(-1)?.value === value) return view;
	return { ...view, states: { ...view.states, [name]: [...history, { value, atMs }] } };
}

/** The view with a new connection's first states recorded (at 0 ms), in the usual order. */
export function withInitialStates(
	view: PeerView,
	initial: Partial<Record<PcStateName, string>> | undefined
): PeerView {
	let next = view;
	for (const name of PC_STATE_NAMES) {
		const value = initial?.[name];
		const history = next.states[name];
		if (value === undefined || history.at(-1)?.value === value) continue;
		next = { ...next, states: { ...next.states, [name]: [...history, { value, atMs: 0 }] } };
	}
	return next;
}

export const lastState = (view: PeerView, name: PcStateName) => view.states[name].at(-1)?.value;

export interface DescriptionVersion {
	/** Position in the history, from 1. */
	n: number;
	from: PeerId;
	description: Description;
	/** Why this version exists, e.g. "createOffer()" or "ICE restart". */
	reason: string;
}

/** Appends a description to the history unless it is the same text as that side's last one. */
export function remember(
	history: DescriptionVersion[],
	from: PeerId,
	description: Description,
	reason: string
): DescriptionVersion[] {
	const last = history.findLast((version) => version.from === from);
	if (last?.description.sdp === description.sdp) return history;
	return [...history, { n: history.length + 1, from, description, reason }];
}

/** "candidate:842163049 1 udp 1677729535 …" → "candidate host udp", for diagram arrows. */
export function candidateLabel(candidate: string | null): string {
	if (candidate === null) return 'end-of-candidates';
	const type = / typ (\w+)/.exec(candidate)?.[1] ?? '?';
	const protocol = /^(?:a=)?candidate:\S+ \d+ (\w+)/i.exec(candidate)?.[1]?.toLowerCase() ?? '';
	return `candidate ${type} ${protocol}`.trim();
}

/**
 * "Run to connected" at delay 0: steps follow each other with no timer, and the pages hold their
 * panels still until the run stops (nobody can read them at that speed).
 */
export const runningAtFullSpeed = (context: { autoRun: boolean; delayMs: number }) =>
	context.autoRun && context.delayMs === 0;
