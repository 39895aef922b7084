// Shared vocabulary of the lab: what the machine knows about the two peers, and the events that
// actors send it. Names follow the WebRTC API the learner will meet (signalingState,
// iceGatheringState, pc.icecandidate ...), so the code reads like the spec.

import type { CandidateEntry, RelayProtocolHint } from '$lib/core/ice/candidate';
import type { SequenceEvent } from '$lib/core/diagrams/sequence';
import type { StatsReportLike, StatsSummary } from '$lib/core/stats/summary';
import type { ConditionId, IceServerLike } from '$lib/core/ice/conditions';
import type { PairRow } from '$lib/core/ice/pairs';

export type PeerId = 'A' | 'B';
export const PEERS: readonly PeerId[] = ['A', 'B'];
export const otherPeer = (peer: PeerId): PeerId => (peer === 'A' ? 'B' : 'A');

/** What the learner chooses before starting. */
export interface LabConfig {
	/** 'datachannel': one RTCDataChannel named "chat"; 'media': audio + video tracks on both sides. */
	mode: 'datachannel' | 'media';
	/** Where audio + video come from: a canvas picture and a WebAudio tone, or real devices. */
	source: 'synthetic' | 'devices';
	/**
	 * With devices: the camera's deviceId ('' or absent = the default camera), or 'synthetic' for
	 * the canvas picture beside a real microphone.
	 */
	camera?: string;
	/** With devices: the microphone's deviceId ('' = default), or 'synthetic' for the tone. */
	microphone?: string;
	/** Trickle ICE sends candidates as they are found; otherwise the offer/answer waits for gathering. */
	trickle: boolean;
	/** A "Network conditions" preset (src/lib/core/ice/conditions.ts). */
	network: ConditionId;
	/** How often the connected lab polls getStats(), in ms (clampStatsInterval). */
	statsIntervalMs: number;
}

/**
 * The getStats() polling period the labs accept: 100 ms to 10 s. Chrome caches a result for about
 * 50 ms, so polling faster only returns the same numbers again.
 */
export const STATS_INTERVAL = { min: 100, max: 10_000, default: 1000 } as const;

export function clampStatsInterval(ms: unknown): number {
	const n = typeof ms === 'number' && Number.isFinite(ms) ? Math.round(ms) : STATS_INTERVAL.default;
	return Math.max(STATS_INTERVAL.min, Math.min(STATS_INTERVAL.max, n));
}

export const defaultConfig: LabConfig = {
	mode: 'datachannel',
	source: 'synthetic',
	trickle: true,
	network: 'all',
	statsIntervalMs: STATS_INTERVAL.default
};

/** What the peers are created with: the preset applied to the lab's own ICE servers. */
export interface PeersInput {
	config: LabConfig;
	/** The lab's STUN/TURN servers (GET /api/ice-servers); the preset picks among them. */
	iceServers: IceServerLike[];
}

export interface IceCandidateError {
	peer: PeerId;
	url: string;
	errorCode: number;
	errorText: string;
	atMs: number;
}

/** The four state attributes of RTCPeerConnection the lab shows live. */
export const PC_STATE_NAMES = [
	'signalingState',
	'iceGatheringState',
	'iceConnectionState',
	'connectionState'
] as const;
export type PcStateName = (typeof PC_STATE_NAMES)[number];

export interface StateChange {
	value: string;
	/** Milliseconds since the peers were created. */
	atMs: number;
}

export interface PeerView {
	states: Record<PcStateName, StateChange[]>;
	candidates: CandidateEntry[];
	/** Local and remote media once tracks exist (audio + video mode). */
	localStream: MediaStream | null;
	remoteStream: MediaStream | null;
	dataChannelState: string | null;
}

export interface ChatMessage {
	from: PeerId;
	text: string;
	atMs: number;
}

export interface LabError {
	step: string;
	name: string;
	message: string;
}

/**
 * The handle actors keep their RTCPeerConnections in. The machine never looks inside: it only
 * passes it back to the actors that created it.
 */
export interface PeersHandle {
	readonly kind: 'peers';
}

export interface Description {
	type: 'offer' | 'answer';
	sdp: string;
}

export type MediaKind = 'audio' | 'video';
export type TransceiverDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

/**
 * A change to Peer A's media the API way (no SDP munging). Codec preferences and directions are
 * negotiated (a new offer/answer, seen in the description history); sender parameters, mute and
 * replaceTrack are not (seen in the stats).
 */
export type MediaChange =
	| { kind: 'codec'; media: MediaKind; mimeType: string }
	| { kind: 'parameters'; maxBitrateKbps: number | null; scaleDownBy: number }
	| { kind: 'direction'; media: MediaKind; direction: TransceiverDirection }
	| { kind: 'mute'; media: MediaKind; muted: boolean }
	| { kind: 'replaceTrack'; pattern: boolean };

/** What the media controls show as current on Peer A. */
export interface MediaSettings {
	codec: Partial<Record<MediaKind, string>>;
	maxBitrateKbps: number | null;
	scaleDownBy: number;
	direction: Record<MediaKind, TransceiverDirection>;
	muted: Record<MediaKind, boolean>;
	/** The video sender carries the replacement test pattern instead of the original track. */
	pattern: boolean;
}

export const defaultMediaSettings: MediaSettings = {
	codec: {},
	maxBitrateKbps: null,
	scaleDownBy: 1,
	direction: { audio: 'sendrecv', video: 'sendrecv' },
	muted: { audio: false, video: false },
	pattern: false
};

/** The API call a change makes, as the lab logs it and names the history entry. */
export function mediaChangeCall(change: MediaChange): string {
	switch (change.kind) {
		case 'codec':
			return `${change.media} transceiver.setCodecPreferences([${change.mimeType}, …])`;
		case 'parameters':
			return `sender.setParameters({ encodings: [{ maxBitrate: ${
				change.maxBitrateKbps === null ? 'none' : change.maxBitrateKbps * 1000
			}, scaleResolutionDownBy: ${change.scaleDownBy} }] })`;
		case 'direction':
			return `${change.media} transceiver.direction = '${change.direction}'`;
		case 'mute':
			return `${change.media} track.enabled = ${!change.muted}`;
		case 'replaceTrack':
			return `video sender.replaceTrack(${change.pattern ? 'test pattern' : 'original track'})`;
	}
}

/** Whether a change needs a new offer/answer to take effect. */
export const mediaChangeNegotiates = (change: MediaChange) =>
	change.kind === 'codec' || change.kind === 'direction';

/** The settings after a change succeeded. */
export function applyMediaSettings(settings: MediaSettings, change: MediaChange): MediaSettings {
	switch (change.kind) {
		case 'codec':
			return { ...settings, codec: { ...settings.codec, [change.media]: change.mimeType } };
		case 'parameters':
			return {
				...settings,
				maxBitrateKbps: change.maxBitrateKbps,
				scaleDownBy: change.scaleDownBy
			};
		case 'direction':
			return {
				...settings,
				direction: { ...settings.direction, [change.media]: change.direction }
			};
		case 'mute':
			return { ...settings, muted: { ...settings.muted, [change.media]: change.muted } };
		case 'replaceTrack':
			return { ...settings, pattern: change.pattern };
	}
}

export type LabEvent =
	| { type: 'media.change'; change: MediaChange }
	| { type: 'lab.configure'; config: Partial<LabConfig> }
	| { type: 'lab.delay'; delayMs: number }
	| { type: 'lab.statsInterval'; ms: number }
	/** States no step may enter for now (a lesson's unanswered predictions); [] releases. */
	| { type: 'lab.hold'; states: string[] }
	| { type: 'lab.step' }
	| { type: 'lab.run' }
	| { type: 'lab.pause' }
	| { type: 'lab.hangup' }
	| { type: 'lab.restartIce' }
	| { type: 'lab.forceTurn' }
	| { type: 'lab.iceServers'; iceServers: IceServerLike[] }
	| ({ type: 'pc.icecandidateerror' } & IceCandidateError)
	| { type: 'lab.reset' }
	| { type: 'chat.send'; from: PeerId; text: string }
	| {
			type: 'pc.created';
			peers: PeersHandle;
			/** Each new connection's four states as it starts (stable, new, new, new), at 0 ms. */
			initial?: Partial<Record<PeerId, Partial<Record<PcStateName, string>>>>;
	  }
	| { type: 'pc.signalingstatechange'; peer: PeerId; value: string; atMs: number }
	| { type: 'pc.icegatheringstatechange'; peer: PeerId; value: string; atMs: number }
	| { type: 'pc.iceconnectionstatechange'; peer: PeerId; value: string; atMs: number }
	| { type: 'pc.connectionstatechange'; peer: PeerId; value: string; atMs: number }
	| {
			type: 'pc.icecandidate';
			peer: PeerId;
			candidate: string | null;
			sdpMid: string | null;
			sdpMLineIndex: number | null;
			atMs: number;
			/** RTCIceCandidate.relayProtocol: how a relay candidate reaches its TURN server. */
			relayProtocol?: RelayProtocolHint | null;
	  }
	| { type: 'pc.track'; peer: PeerId; stream: MediaStream }
	| { type: 'pc.closed'; atMs: number }
	/**
	 * addIceCandidate() refused a remote candidate for good (it does not parse, or names no
	 * m-section of the remote description): the connection goes on with the others.
	 */
	| {
			type: 'pc.candidaterefused';
			peer: PeerId;
			candidate: string;
			name: string;
			message: string;
			atMs: number;
	  }
	| { type: 'dc.statechange'; peer: PeerId; value: string }
	| { type: 'dc.message'; peer: PeerId; text: string; atMs: number }
	| {
			type: 'stats.report';
			summaries: Partial<Record<PeerId, StatsSummary>>;
			pairs?: Partial<Record<PeerId, PairRow[]>>;
			reports?: Partial<Record<PeerId, StatsReportLike[]>>;
	  };

/** Messages the machine sends into the running peer-connections actor. */
export type PeersCommand =
	| {
			type: 'signal.candidate';
			to: PeerId;
			candidate: string | null;
			sdpMid: string | null;
			sdpMLineIndex: number | null;
	  }
	| { type: 'chat.send'; from: PeerId; text: string }
	| { type: 'close' };

export type { CandidateEntry, SequenceEvent, StatsSummary };
