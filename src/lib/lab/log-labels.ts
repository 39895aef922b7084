// The sequence diagram's labels as both labs log them: data (an id and its parameters), never
// words. The page words each one in the learner's language (`$lib/components/sequence-words.ts`),
// so switching the language redraws the whole diagram at once. What is code stays as written
// (`createOffer()`, `setLocalDescription(offer)`, a candidate's type and protocol, a signaling
// message's type), and so does what a person typed (a chat message).

import type { SequenceEvent } from '$lib/core/diagrams/sequence';
import { mediaSources, type MediaChoice } from './steps';

export type DescriptionType = 'offer' | 'answer';

/** "candidate host udp", or "end-of-candidates" for the null candidate. */
export type CandidateLabel =
	{ id: 'candidate'; type: string; protocol: string } | { id: 'endOfCandidates' };

export type LogLabel =
	/** An API call, shown as code: `createOffer()`, `restartIce() + setLocalDescription()`. */
	| { id: 'call'; call: string }
	/** What made the local tracks: getUserMedia, a canvas picture, a WebAudio tone; then addTrack. */
	| { id: 'media'; device: boolean; canvas: boolean; tone: boolean }
	/** A description crossing signaling: "offer (SDP)", "offer (ICE restart)"… */
	| { id: 'sdp'; type: DescriptionType; why?: 'renegotiation' | 'restart' }
	| CandidateLabel
	/** A trickled candidate the simulated network drops before it reaches the other peer. */
	| { id: 'candidateDropped'; candidate: CandidateLabel }
	/** addIceCandidate refused a candidate (`name`: the DOMException's name, when known). */
	| { id: 'candidateRefused'; name?: string; candidate: CandidateLabel }
	| { id: 'descriptionRefused'; type: DescriptionType }
	/** A description that came again (after a reconnect): already applied, or refused before. */
	| { id: 'descriptionIgnored'; type: DescriptionType; why: 'known' | 'refused' }
	/** Both peers' connectionState is connected: ICE found a pair and DTLS finished. */
	| { id: 'connected' }
	/** A chat message over the data channel (the text as the learner typed it). */
	| { id: 'chat'; text: string }
	/** A signaling protocol message named by its type: `join`, `peer-left`, `bye`. */
	| { id: 'signal'; type: string }
	| { id: 'joined'; role: 'caller' | 'callee' }
	| { id: 'peerJoined'; sameSeat: boolean }
	/** An `error` message from the signaling server, by its code (`room-full`…). */
	| { id: 'serverError'; code: string }
	| { id: 'connectionLost' }
	/** A message kept until the server can deliver it. */
	| { id: 'held'; because: 'signalingDown' | 'noPeer'; label: LogLabel }
	/** A message sent once more when a remote peer is (back) in the room. */
	| { id: 'resent'; wasHeld: boolean; label: LogLabel };

/** One arrow or note of a lab's sequence diagram. */
export type LogEvent = SequenceEvent<LogLabel>;

/** The label of an ICE candidate line (null: end-of-candidates). */
export function candidateLogLabel(candidate: string | null): CandidateLabel {
	if (candidate === null) return { id: 'endOfCandidates' };
	const type = / typ (\w+)/.exec(candidate)?.[1] ?? '?';
	const protocol = /^(?:a=)?candidate:\S+ \d+ (\w+)/i.exec(candidate)?.[1]?.toLowerCase() ?? '';
	return { id: 'candidate', type, protocol };
}

export const callLabel = (call: string): LogLabel => ({ id: 'call', call });

/** The add-media note: which sources the configuration makes tracks from. */
export function mediaLogLabel(config: MediaChoice): LogLabel {
	const { video, audio } = mediaSources(config);
	return {
		id: 'media',
		device: video.from === 'device' || audio.from === 'device',
		canvas: video.from === 'canvas',
		tone: audio.from === 'tone'
	};
}
