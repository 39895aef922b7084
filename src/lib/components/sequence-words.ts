// The labs' sequence diagrams in the learner's language: the participants' names and every label
// the machines log as data (`LogLabel`), worded from the messages. Call these inside `$derived` or
// markup, so a language switch redraws the diagram at once.

import { m, type Locale } from '$lib/i18n';
import { labParticipants, type Participant, type SequenceWords } from '$lib/core/diagrams/sequence';
import type { TimelineEntry } from '$lib/lab/timeline';
import type { CandidateLabel, LogLabel } from '$lib/lab/log-labels';

/** Peer A / Signaling / Peer B. */
export const loopbackParticipants = (): Participant[] =>
	labParticipants({
		A: m.lab_peer({ peer: 'A' }),
		S: m.room_signaling(),
		B: m.lab_peer({ peer: 'B' })
	});

/** You / Signaling server / Remote peer. */
export const remoteParticipants = (): Participant[] =>
	labParticipants({ A: m.room_you(), S: m.dg14_signaling_server(), B: m.room_remote_peer() });

type Options = { locale?: Locale };

function candidateText(label: CandidateLabel, o?: Options): string {
	return label.id === 'endOfCandidates'
		? m.dg14_end_of_candidates({}, o)
		: m.dg14_candidate({ type: label.type, protocol: label.protocol }, o).trim();
}

/**
 * One label of a lab's log, in the UI language (or in `locale`: a session export writes English,
 * as chrome://webrtc-internals does).
 */
export function logLabelText(label: LogLabel, locale?: Locale): string {
	const o: Options = locale ? { locale } : {};
	switch (label.id) {
		case 'call':
			return label.call;
		case 'media':
			return [
				label.device ? 'getUserMedia()' : null,
				label.canvas ? 'canvas.captureStream()' : null,
				label.tone ? m.dg14_media_tone({}, o) : null,
				'addTrack()'
			]
				.filter((part) => part !== null)
				.join(' + ');
		case 'sdp':
			return label.why === 'renegotiation'
				? m.dg14_sdp_renegotiation({ type: label.type }, o)
				: label.why === 'restart'
					? m.dg14_sdp_restart({ type: label.type }, o)
					: m.dg14_sdp({ type: label.type }, o);
		case 'candidate':
		case 'endOfCandidates':
			return candidateText(label, o);
		case 'candidateDropped':
			return m.dg14_candidate_dropped({ candidate: candidateText(label.candidate, o) }, o);
		case 'candidateRefused':
			return label.name
				? m.dg14_candidate_refused_name(
						{
							name: label.name,
							candidate: candidateText(label.candidate, o)
						},
						o
					)
				: m.dg14_candidate_refused({ candidate: candidateText(label.candidate, o) }, o);
		case 'descriptionRefused':
			return m.dg14_description_refused({ type: label.type }, o);
		case 'descriptionIgnored':
			return label.why === 'known'
				? m.dg14_description_known({ type: label.type }, o)
				: m.dg14_description_refused_before({ type: label.type }, o);
		case 'connected':
			return m.dg14_connected({}, o);
		case 'chat':
			return m.dg14_chat({ text: label.text }, o);
		case 'signal':
			return label.type;
		case 'joined':
			return m.dg14_joined(
				{
					role: label.role === 'caller' ? m.dg14_role_caller({}, o) : m.dg14_role_callee({}, o)
				},
				o
			);
		case 'peerJoined':
			return label.sameSeat
				? m.dg14_peer_joined_same_seat({ type: 'peer-joined' }, o)
				: 'peer-joined';
		case 'serverError':
			return m.dg14_server_error({ code: label.code }, o);
		case 'connectionLost':
			return m.dg14_connection_lost({}, o);
		case 'held':
			return m.dg14_held(
				{
					reason:
						label.because === 'signalingDown'
							? m.dg14_held_signaling_down({}, o)
							: m.dg14_held_no_peer({}, o),
					label: logLabelText(label.label, locale)
				},
				o
			);
		case 'resent':
			return label.wasHeld
				? m.dg14_resent_held({ label: logLabelText(label.label, locale) }, o)
				: m.dg14_resent_again({ label: logLabelText(label.label, locale) }, o);
	}
}

/** The words `sequenceDiagram` needs for a lab's log. */
export const labSequenceWords = (): SequenceWords<LogLabel> => ({
	label: logLabelText,
	folded: (count) => m.dg14_folded({ count })
});

/**
 * A timeline moment in words: the label it was given (a peer's state change), else the newest
 * arrow of the diagram then, else the state.
 */
export function momentText(entry: TimelineEntry): string {
	if (entry.label !== undefined) return entry.label;
	const newest = entry.kind === 'event' ? entry.context.log[entry.logLength - 1] : undefined;
	const label = newest?.label;
	if (typeof label === 'string') return label;
	return isLogLabel(label) ? logLabelText(label) : entry.state;
}

const isLogLabel = (label: unknown): label is LogLabel =>
	typeof label === 'object' && label !== null && typeof (label as { id?: unknown }).id === 'string';
