// A webrtc-internals updateLog as a sequence diagram: the page (application) calls the
// RTCPeerConnection API, the connection answers with …OnSuccess/…OnFailure and fires events.
// Messages the page sends and receives through its signaling channel (the lab's own exports log
// them as signalingSend/signalingReceive) go between the page and that channel, never into the
// connection; calls on other objects (getUserMedia, canvas.captureStream) are notes on the page.
//
//   App->>PC: setLocalDescription (offer)
//   PC->>App: icecandidate (host udp)
//   App->>Sig: signalingSend (candidate host udp)
//   Note over PC: iceconnectionstatechange: connected
import type { Participant, SequenceEvent } from '../diagrams/sequence';
import { descriptionOf, type DumpEvent } from './dump';

/** The names of the page's lanes, in the learner's language (the page words them). */
export interface DumpLaneNames {
	/** The application's signaling channel. */
	signaling: string;
	/** The page's own code, which calls the API. */
	page: string;
}

/** The lanes of a dump's sequence: the connection keeps its API name in every language. */
export function dumpParticipants(names: DumpLaneNames): Participant[] {
	return [
		{ id: 'Sig', label: names.signaling, optional: true },
		{ id: 'App', label: names.page },
		{ id: 'PC', label: 'RTCPeerConnection' }
	];
}

const STATE_EVENTS = new Set([
	'signalingstatechange',
	'iceconnectionstatechange',
	'icegatheringstatechange',
	'connectionstatechange'
]);

/** Events the connection fires (and callbacks of its promises), as opposed to API calls. */
function fromConnection(type: string): boolean {
	return (
		/On(Success|Failure)$/.test(type) ||
		type.startsWith('on') ||
		type === 'icecandidate' ||
		type === 'icecandidateerror' ||
		type === 'datachannel' ||
		type === 'negotiationneeded' ||
		type === 'track' ||
		type === 'dataChannelReceive' ||
		type.startsWith('transceiver')
	);
}

/** Calls on other objects than the connection: `getUserMedia`, `canvas.captureStream`, … */
function onConnection(type: string): boolean {
	return !type.includes('.') && type !== 'getUserMedia' && type !== 'getDisplayMedia';
}

/** `"connected"` (newer Chrome logs states as JSON strings) -> `connected`. */
function unquote(value: string): string {
	const text = value.trim();
	if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
		try {
			const parsed: unknown = JSON.parse(text);
			if (typeof parsed === 'string') return parsed;
		} catch {
			return text;
		}
	}
	return text;
}

// candidate:842163049 1 udp 1677729535 203.0.113.5 46154 typ srflx raddr … (RFC 8839 §5.1)
const CANDIDATE = /candidate:\S+ \d+ (\S+) \d+ \S+ \d+ typ (\S+)/i;

function detail(event: DumpEvent): string {
	const description = descriptionOf(event.value);
	if (description) return description.sdpType;
	const candidate = CANDIDATE.exec(event.value);
	if (candidate) return `${candidate[2]} ${candidate[1]}`.toLowerCase();
	const text = unquote(event.value);
	return text.length <= 40 && !text.includes('\n') ? text : '';
}

export function dumpSequence(events: readonly DumpEvent[]): SequenceEvent[] {
	return events.map((event) => {
		const more = detail(event);
		const atMs = event.timestamp ?? undefined;
		// Chromium 156 logs "onsignalingstatechange" (rtcstats names), older Chrome "signalingstatechange".
		if (STATE_EVENTS.has(event.type.replace(/^on/, ''))) {
			return { from: 'PC', to: 'PC', kind: 'note', label: `${event.type}: ${more}`, atMs };
		}
		const label = more === '' ? event.type : `${event.type} (${more})`;
		if (event.type === 'signalingSend') return { from: 'App', to: 'Sig', label, atMs };
		if (event.type === 'signalingReceive') return { from: 'Sig', to: 'App', label, atMs };
		if (event.type === 'note' || !onConnection(event.type)) {
			return {
				from: 'App',
				to: 'App',
				kind: 'note',
				label: event.type === 'note' ? more || 'note' : label,
				atMs
			};
		}
		return fromConnection(event.type)
			? { from: 'PC', to: 'App', label, atMs }
			: { from: 'App', to: 'PC', label, atMs };
	});
}

// Time travel through a dump: each updateLog event is a moment of the connection's timeline.
// The JSEP calls (RFC 9429 §4.1) are its steps, the state changes its states.
const STEP_CALLS = new Set([
	'createOffer',
	'createAnswer',
	'setLocalDescription',
	'setRemoteDescription'
]);

/** How a dump event shows on the timeline: a JSEP call, a state change, or any other event. */
export function dumpEventKind(type: string): 'step' | 'state' | 'event' {
	if (STEP_CALLS.has(type)) return 'step';
	if (STATE_EVENTS.has(type.replace(/^on/, ''))) return 'state';
	return 'event';
}

export interface DumpStates {
	signalingState: string;
	iceGatheringState: string;
	iceConnectionState: string;
	connectionState: string;
}

/** Which state each change event announces. */
const STATE_OF: Record<string, keyof DumpStates> = {
	signalingstatechange: 'signalingState',
	icegatheringstatechange: 'iceGatheringState',
	iceconnectionstatechange: 'iceConnectionState',
	connectionstatechange: 'connectionState'
};

/**
 * The connection's four states once the first `count` events had happened, from the state
 * changes logged so far; a state with no change logged yet is at its initial value (a new
 * RTCPeerConnection is stable / new / new / new).
 */
export function dumpStatesAt(events: readonly DumpEvent[], count: number): DumpStates {
	const states: DumpStates = {
		signalingState: 'stable',
		iceGatheringState: 'new',
		iceConnectionState: 'new',
		connectionState: 'new'
	};
	const end = Math.min(count, events.length);
	for (let i = 0; i < end; i++) {
		const event = events[i]!;
		const name = STATE_OF[event.type.replace(/^on/, '')];
		if (name) states[name] = unquote(event.value);
	}
	return states;
}
