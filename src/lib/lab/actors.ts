// THE ONLY MODULE THAT TOUCHES RTCPeerConnection AND getUserMedia.
//
// It gives the lab machine its real actors: each one performs exactly one WebRTC call (or waits
// for one thing to happen) and reports back. Everything the browser tells us — state changes,
// candidates, tracks, data-channel messages — is forwarded to the machine as an event named
// after the DOM event (pc.icecandidate, pc.connectionstatechange, dc.message ...).

import { fromCallback, fromPromise } from 'xstate';
import { summarizeStats, type StatsReportLike } from '$lib/core/stats/summary';
import { candidatePairs, type PairRow } from '$lib/core/ice/pairs';
import { asRelayProtocol, parseCandidate } from '$lib/core/ice/candidate';
import {
	conditionById,
	filterSdpCandidates,
	serversFor,
	type IceServerLike
} from '$lib/core/ice/conditions';
import { labMachine, type Renegotiation } from './machine';
import { mediaSources } from './steps';
import {
	remoteMachine,
	type RemoteEvent,
	type SignalingCommand,
	type SignalingVia
} from './remote-machine';
import { connectBroadcast } from './transports/broadcast';
import type { Role, ServerMessage } from '$lib/core/signaling/protocol';
import { connectSignaling, signalingUrl, type SignalingStatus } from './transports/websocket';
import type {
	Description,
	LabConfig,
	LabEvent,
	MediaChange,
	MediaKind,
	PeerId,
	PeersCommand,
	PeersHandle,
	PeersInput,
	PcStateName,
	StatsSummary
} from './types';

/**
 * The RTCPeerConnections of this page, plus what they own (channels, media, queued candidates):
 * both A and B in the loopback lab, only A ("you") in the remote lab.
 */
class PeerSet implements PeersHandle {
	readonly kind = 'peers' as const;
	readonly pcs: Partial<Record<PeerId, RTCPeerConnection>>;
	readonly channels: Partial<Record<PeerId, RTCDataChannel>> = {};
	/** Candidates that arrived before the remote description: addIceCandidate would reject them. */
	readonly pending: Record<PeerId, RTCIceCandidateInit[]> = { A: [], B: [] };
	readonly startedAt = performance.now();
	/** Peer A's own video track while a replacement (replaceTrack) is sent, and the replacement. */
	originalVideo: MediaStreamTrack | null = null;
	pattern: MediaStreamTrack | null = null;
	/** Sends an event to the machine; set by the peerConnections actor that owns this handle. */
	emit: (event: LabEvent) => void = () => {};
	private readonly cleanups: (() => void)[] = [];

	constructor(
		readonly ids: readonly PeerId[],
		configuration: RTCConfiguration
	) {
		this.pcs = Object.fromEntries(ids.map((id) => [id, new RTCPeerConnection(configuration)]));
	}

	pc(peer: PeerId): RTCPeerConnection {
		const pc = this.pcs[peer];
		if (!pc) throw new Error(`Peer ${peer} does not exist in this lab`);
		return pc;
	}

	elapsed(): number {
		return Math.round((performance.now() - this.startedAt) * 10) / 10;
	}

	onClose(cleanup: () => void) {
		this.cleanups.push(cleanup);
	}

	async addRemoteCandidate(peer: PeerId, init: RTCIceCandidateInit) {
		const pc = this.pc(peer);
		if (!pc.remoteDescription) {
			this.pending[peer].push(init);
			return;
		}
		try {
			await pc.addIceCandidate(init);
		} catch (error) {
			// During a renegotiation (ICE restart) a candidate of the new generation can arrive
			// before the description that announces its ufrag: keep it for the next flush.
			if (maybeNextGeneration(init, pc.remoteDescription)) this.pending[peer].push(init);
			else this.refused(peer, init, error);
		}
	}

	/** Adds the candidates that waited for a remote description; ones still refused are dropped. */
	async flushCandidates(peer: PeerId) {
		const queued = this.pending[peer].splice(0);
		for (const init of queued)
			await this.pc(peer)
				.addIceCandidate(init)
				.catch((error) => this.refused(peer, init, error));
	}

	/** A remote candidate refused for good: the machine says so (end-of-candidates excepted). */
	private refused(peer: PeerId, init: RTCIceCandidateInit, error: unknown) {
		// Chrome refuses end-of-candidates once ICE has finished; nothing is lost.
		if (!init.candidate) return;
		const e = (error ?? {}) as { name?: unknown; message?: unknown };
		this.emit({
			type: 'pc.candidaterefused',
			peer,
			candidate: init.candidate,
			name: typeof e.name === 'string' ? e.name : 'Error',
			message: typeof e.message === 'string' ? e.message : String(error),
			atMs: this.elapsed()
		});
	}

	close() {
		for (const cleanup of this.cleanups.splice(0)) cleanup();
		for (const peer of this.ids) {
			this.channels[peer]?.close();
			this.pc(peer).close();
		}
	}
}

const asPeers = (handle: PeersHandle) => handle as PeerSet;

/**
 * A refused candidate may still belong to the next ICE generation (an ICE restart whose
 * description is on its way): worth keeping when it parses and does not name a ufrag the remote
 * description already has. One that does not parse, or that was refused under the current ufrag,
 * is refused for good. `candidate:1 1 udp 2122260223 192.0.2.1 5000 typ host ufrag EEtu`
 */
function maybeNextGeneration(init: RTCIceCandidateInit, remote: RTCSessionDescription | null) {
	const parsed = parseCandidate(init.candidate ?? '');
	if (!parsed.ok) return false;
	const ufrag = init.usernameFragment ?? parsed.candidate.ufrag;
	return !ufrag || !remote?.sdp.split(/\r?\n/).includes(`a=ice-ufrag:${ufrag}`);
}

function watchChannel(peers: PeerSet, peer: PeerId, channel: RTCDataChannel) {
	peers.channels[peer] = channel;
	const report = () => peers.emit({ type: 'dc.statechange', peer, value: channel.readyState });
	report();
	channel.addEventListener('open', report);
	channel.addEventListener('close', report);
	channel.addEventListener('message', (event) => {
		const text =
			typeof event.data === 'string' ? event.data : `[${event.data?.byteLength ?? 0} bytes]`;
		peers.emit({ type: 'dc.message', peer, text, atMs: peers.elapsed() });
	});
}

/**
 * Creates the page's peers and forwards every event they fire; closes them when the session
 * ends. Commands from the machine deliver remote candidates, send chat, or close.
 */
export const peerConnectionsFor = (
	ids: readonly PeerId[],
	configuration: (input: PeersInput) => RTCConfiguration
) =>
	fromCallback<PeersCommand, PeersInput>(({ sendBack, receive, input }) => {
		const peers = new PeerSet(ids, configuration(input));
		const send = (event: LabEvent) => sendBack(event);
		peers.emit = send;

		const initial: Partial<Record<PeerId, Record<PcStateName, string>>> = {};
		for (const peer of ids) {
			const pc = peers.pc(peer);
			const at = () => peers.elapsed();
			// Where each state starts; the machine records these with pc.created (one event).
			initial[peer] = {
				signalingState: pc.signalingState,
				iceGatheringState: pc.iceGatheringState,
				iceConnectionState: pc.iceConnectionState,
				connectionState: pc.connectionState
			};
			pc.addEventListener('signalingstatechange', () =>
				send({ type: 'pc.signalingstatechange', peer, value: pc.signalingState, atMs: at() })
			);
			pc.addEventListener('icegatheringstatechange', () =>
				send({ type: 'pc.icegatheringstatechange', peer, value: pc.iceGatheringState, atMs: at() })
			);
			pc.addEventListener('iceconnectionstatechange', () =>
				send({
					type: 'pc.iceconnectionstatechange',
					peer,
					value: pc.iceConnectionState,
					atMs: at()
				})
			);
			pc.addEventListener('connectionstatechange', () =>
				send({ type: 'pc.connectionstatechange', peer, value: pc.connectionState, atMs: at() })
			);
			pc.addEventListener('icecandidate', (event) =>
				send({
					type: 'pc.icecandidate',
					peer,
					candidate: event.candidate ? event.candidate.candidate : null,
					sdpMid: event.candidate?.sdpMid ?? null,
					sdpMLineIndex: event.candidate?.sdpMLineIndex ?? null,
					atMs: at(),
					// Chromium names TCP and TLS here and leaves UDP null (the table then reads the
					// transport from the type preference).
					relayProtocol: asRelayProtocol(
						(event.candidate as (RTCIceCandidate & { relayProtocol?: unknown }) | null)
							?.relayProtocol
					)
				})
			);
			pc.addEventListener('track', (event) =>
				send({ type: 'pc.track', peer, stream: event.streams[0] ?? new MediaStream([event.track]) })
			);
			pc.addEventListener('datachannel', (event) => watchChannel(peers, peer, event.channel));
			// A STUN or TURN server that could not be used (e.g. 401: wrong TURN credential).
			pc.addEventListener('icecandidateerror', (event) => {
				const e = event as RTCPeerConnectionIceErrorEvent;
				send({
					type: 'pc.icecandidateerror',
					peer,
					url: e.url,
					errorCode: e.errorCode,
					errorText: e.errorText,
					atMs: at()
				});
			});
		}

		receive((command) => {
			switch (command.type) {
				case 'signal.candidate': {
					// An empty candidate string is how end-of-candidates is passed to addIceCandidate.
					const init: RTCIceCandidateInit = {
						candidate: command.candidate ?? '',
						sdpMid: command.sdpMid ?? '0',
						sdpMLineIndex: command.sdpMLineIndex ?? 0
					};
					peers.addRemoteCandidate(command.to, init).catch(() => {
						// Chrome rejects end-of-candidates once ICE has finished; nothing is lost.
					});
					break;
				}
				case 'chat.send': {
					const channel = peers.channels[command.from];
					if (channel?.readyState === 'open') channel.send(command.text);
					break;
				}
				case 'close': {
					peers.close();
					for (const peer of ids) {
						const pc = peers.pc(peer);
						send({
							type: 'pc.signalingstatechange',
							peer,
							value: pc.signalingState,
							atMs: peers.elapsed()
						});
						send({
							type: 'pc.connectionstatechange',
							peer,
							value: pc.connectionState,
							atMs: peers.elapsed()
						});
					}
					send({ type: 'pc.closed', atMs: peers.elapsed() });
					break;
				}
			}
		});

		send({ type: 'pc.created', peers, initial });
		return () => peers.close();
	});

/** The RTCConfiguration a network-conditions preset asks for, from the lab's own servers. */
const presetConfiguration = ({ config, iceServers }: PeersInput): RTCConfiguration => {
	const condition = conditionById(config.network);
	return {
		iceServers: serversFor(condition, iceServers),
		iceTransportPolicy: condition.iceTransportPolicy
	};
};

const peerConnections = peerConnectionsFor(['A', 'B'], presetConfiguration);

/**
 * The words the synthetic sources draw into their pictures, in the learner's language: the page
 * gives them (lab/synthetic-words.ts), and they are asked again for every frame, so a language
 * switch shows in the next frame.
 */
export interface SyntheticWords {
	/** Who sends the picture: peer A or B of the loopback lab, or the role in the remote lab. */
	sender: (peer: PeerId, role: Role | null) => string;
	/** The frame counter under it. */
	frame: (frame: number) => string;
}

/** Without a page's words: only the peer's letter (or role) and the number, in no language. */
export const PLAIN_WORDS: SyntheticWords = {
	sender: (peer, role) => role ?? peer,
	frame: (frame) => `#${frame}`
};

/** The part of CanvasRenderingContext2D a synthetic picture uses (tests pass a recorder). */
export type Canvas2D = Pick<CanvasRenderingContext2D, 'fillRect' | 'fillText'> & {
	fillStyle: CanvasRenderingContext2D['fillStyle'];
	font: string;
};

/**
 * One frame of the synthetic video: blue for the caller (peer A), green for the callee (B), a
 * moving bar, and who sends it with the frame number, in the learner's words.
 */
export function drawSyntheticFrame(
	g: Canvas2D,
	size: { width: number; height: number },
	frame: number,
	{ peer, role, words }: { peer: PeerId; role: Role | null; words: SyntheticWords }
): void {
	g.fillStyle = peer === 'A' && role !== 'callee' ? '#1d4ed8' : '#15803d';
	g.fillRect(0, 0, size.width, size.height);
	g.fillStyle = '#fde047';
	g.fillRect((frame * 4) % size.width, 140, 40, 20);
	g.fillStyle = '#ffffff';
	g.font = 'bold 28px sans-serif';
	g.fillText(words.sender(peer, role), 16, 48);
	g.font = '18px monospace';
	g.fillText(words.frame(frame), 16, 90);
}

/** A moving picture from a canvas: video without a camera. */
function syntheticVideo(
	peers: PeerSet,
	peer: PeerId,
	role: Role | null,
	words: SyntheticWords
): MediaStreamTrack {
	const canvas = document.createElement('canvas');
	canvas.width = 320;
	canvas.height = 180;
	const g = canvas.getContext('2d')!;
	let frame = 0;
	const draw = () => {
		frame++;
		drawSyntheticFrame(g, canvas, frame, { peer, role, words });
	};
	draw();
	const timer = setInterval(draw, 1000 / 30);
	const [track] = canvas.captureStream(30).getVideoTracks();
	if (!track) throw new Error('The canvas gave no video track');
	peers.onClose(() => {
		clearInterval(timer);
		track.stop();
	});
	return track;
}

/**
 * The synthetic tones' audio graphs. A page may only start audio after the learner has interacted
 * with it (autoplay policy): a context made earlier (a permalink's automatic run) stays suspended
 * and silent until {@link resumeSyntheticAudio} runs on a click.
 */
const toneContexts = new Set<AudioContext>();

/** A quiet tone from WebAudio: audio without a microphone (440 Hz from A, 660 Hz from B). */
function syntheticTone(peers: PeerSet, peer: PeerId): MediaStreamTrack {
	const audio = new AudioContext();
	toneContexts.add(audio);
	const oscillator = audio.createOscillator();
	oscillator.frequency.value = peer === 'A' ? 440 : 660;
	const gain = audio.createGain();
	gain.gain.value = 0.05;
	const destination = audio.createMediaStreamDestination();
	oscillator.connect(gain).connect(destination);
	oscillator.start();
	// Runs at once after a click ("Next step", "Run to connected"); otherwise it waits for one.
	void audio.resume().catch(() => undefined);
	const [track] = destination.stream.getAudioTracks();
	if (!track) throw new Error('WebAudio gave no audio track');
	peers.onClose(() => {
		track.stop();
		toneContexts.delete(audio);
		void audio.close();
	});
	return track;
}

/** Starts the synthetic tones that the autoplay policy held (call it from a click). */
export function resumeSyntheticAudio(): void {
	for (const audio of toneContexts) void audio.resume().catch(() => undefined);
}

/** getUserMedia's constraints for one kind: the chosen device, or any. */
const deviceConstraint = (deviceId: string | null, extra: MediaTrackConstraints = {}) =>
	deviceId ? { ...extra, deviceId: { exact: deviceId } } : Object.keys(extra).length ? extra : true;

/**
 * One peer's tracks, from where the learner chose (steps.ts mediaSources): getUserMedia for the
 * devices, the canvas and WebAudio sources for the rest.
 */
async function captureMedia(
	peers: PeerSet,
	peer: PeerId,
	config: LabConfig,
	role: Role | null,
	words: SyntheticWords
): Promise<MediaStream> {
	const { video, audio } = mediaSources(config);
	const tracks: MediaStreamTrack[] = [];
	if (video.from === 'device' || audio.from === 'device') {
		const captured = await navigator.mediaDevices.getUserMedia({
			audio: audio.from === 'device' ? deviceConstraint(audio.deviceId) : false,
			video:
				video.from === 'device'
					? deviceConstraint(video.deviceId, { width: 320, height: 180 })
					: false
		});
		peers.onClose(() => captured.getTracks().forEach((track) => track.stop()));
		tracks.push(...captured.getAudioTracks(), ...captured.getVideoTracks());
	}
	if (audio.from === 'tone') tracks.unshift(syntheticTone(peers, peer));
	if (video.from === 'canvas') tracks.push(syntheticVideo(peers, peer, role, words));
	return new MediaStream(tracks);
}

/**
 * Adds each peer's tracks. `label`: the remote lab's role (the synthetic video names it); the
 * words the pictures show come from the page (`addMediaWith(words)`).
 */
export const addMediaWith = (words: SyntheticWords) =>
	fromPromise<
		Partial<Record<PeerId, MediaStream>>,
		{ peers: PeersHandle; config: LabConfig; label?: string }
	>(async ({ input }) => {
		const peers = asPeers(input.peers);
		const role = input.label === 'caller' || input.label === 'callee' ? input.label : null;
		const streams: Partial<Record<PeerId, MediaStream>> = {};
		for (const peer of peers.ids) {
			const stream = await captureMedia(peers, peer, input.config, role, words);
			for (const track of stream.getTracks()) peers.pc(peer).addTrack(track, stream);
			streams[peer] = stream;
		}
		return streams;
	});

const addMedia = addMediaWith(PLAIN_WORDS);

/** A camera or microphone the browser offers (labels only once the page has permission). */
export interface MediaDeviceChoice {
	kind: 'videoinput' | 'audioinput';
	deviceId: string;
	label: string;
}

/**
 * The cameras and microphones of this machine. Browsers name them only after the page was
 * granted access, so `askPermission` first opens (and at once stops) a camera and a microphone.
 * Never throws: a refusal comes back as the DOMException's name (NotAllowedError, NotFoundError…).
 */
export async function listMediaDevices({
	askPermission = false
}: { askPermission?: boolean } = {}): Promise<{
	devices: MediaDeviceChoice[];
	error: string | null;
}> {
	let error: string | null = null;
	const media = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
	if (!media?.enumerateDevices) return { devices: [], error: 'SecurityError' };
	if (askPermission) {
		try {
			const stream = await media.getUserMedia({ audio: true, video: true });
			stream.getTracks().forEach((track) => track.stop());
		} catch (cause) {
			error = cause instanceof Error ? cause.name : 'Error';
		}
	}
	try {
		const all = await media.enumerateDevices();
		const devices = all
			.filter(
				(d): d is MediaDeviceInfo & { kind: MediaDeviceChoice['kind'] } =>
					(d.kind === 'videoinput' || d.kind === 'audioinput') && d.deviceId !== ''
			)
			.map((d) => ({ kind: d.kind, deviceId: d.deviceId, label: d.label }));
		return { devices, error };
	} catch (cause) {
		return { devices: [], error: cause instanceof Error ? cause.name : 'Error' };
	}
}

const createDataChannel = fromPromise<void, { peers: PeersHandle; peer: PeerId }>(
	async ({ input }) => {
		const peers = asPeers(input.peers);
		// The other side learns of the channel from the SDP (m=application) and fires
		// `datachannel` once the SCTP association is up.
		watchChannel(peers, input.peer, peers.pc(input.peer).createDataChannel('chat'));
	}
);

const description = (init: RTCSessionDescriptionInit | null): Description => {
	if (!init?.sdp || (init.type !== 'offer' && init.type !== 'answer'))
		throw new Error('The browser returned no usable description');
	return { type: init.type, sdp: init.sdp };
};

const createOffer = fromPromise<Description, { peers: PeersHandle; peer: PeerId }>(
	async ({ input }) => description(await asPeers(input.peers).pc(input.peer).createOffer())
);

const createAnswer = fromPromise<Description, { peers: PeersHandle; peer: PeerId }>(
	async ({ input }) => description(await asPeers(input.peers).pc(input.peer).createAnswer())
);

function gatheringComplete(pc: RTCPeerConnection): Promise<void> {
	if (pc.iceGatheringState === 'complete') return Promise.resolve();
	return new Promise((resolve) => {
		const check = () => {
			if (pc.iceGatheringState !== 'complete') return;
			pc.removeEventListener('icegatheringstatechange', check);
			resolve();
		};
		pc.addEventListener('icegatheringstatechange', check);
	});
}

const setLocalDescription = fromPromise<
	Description,
	{ peers: PeersHandle; peer: PeerId; description: Description; waitForGathering: boolean }
>(async ({ input }) => {
	const pc = asPeers(input.peers).pc(input.peer);
	await pc.setLocalDescription(input.description);
	// Without trickle ICE the description is only sent once it carries every candidate.
	if (input.waitForGathering) await gatheringComplete(pc);
	return description(pc.localDescription);
});

const setRemoteDescription = fromPromise<
	void,
	{ peers: PeersHandle; peer: PeerId; description: Description }
>(async ({ input }) => {
	const peers = asPeers(input.peers);
	await peers.pc(input.peer).setRemoteDescription(input.description);
	await peers.flushCandidates(input.peer);
});

/**
 * An ICE restart (RFC 8445 §9, JSEP §4.1.11): A asks for new ICE credentials, and a whole new
 * offer/answer round runs on the live connection. DTLS and the data channel carry on.
 */
/**
 * One offer/answer round between A and B on a live connection (the loopback "signaling" is
 * memory): an ICE restart, or a media change such as new codec preferences or a direction.
 */
async function negotiate(
	peers: PeerSet,
	options: { iceRestart: boolean; waitForGathering: boolean; network: LabConfig['network'] }
): Promise<Renegotiation> {
	const [A, B] = [peers.pc('A'), peers.pc('B')];
	const condition = conditionById(options.network);
	const gathered = async (pc: RTCPeerConnection) => {
		if (options.waitForGathering) await gatheringComplete(pc);
		const local = description(pc.localDescription);
		return { ...local, sdp: filterSdpCandidates(local.sdp, condition) };
	};
	if (options.iceRestart) A.restartIce();
	await A.setLocalDescription(await A.createOffer({ iceRestart: options.iceRestart }));
	const offer = await gathered(A);
	await B.setRemoteDescription(offer);
	await peers.flushCandidates('B');
	await B.setLocalDescription(await B.createAnswer());
	const answer = await gathered(B);
	await A.setRemoteDescription(answer);
	await peers.flushCandidates('A');
	return { offer, answer };
}

const renegotiate = fromPromise<
	Renegotiation,
	{
		peers: PeersHandle;
		waitForGathering: boolean;
		relayServers: IceServerLike[] | null;
		network: LabConfig['network'];
	}
>(async ({ input }) => {
	const peers = asPeers(input.peers);
	// "Force TURN now": from here on both peers may only use relay candidates.
	if (input.relayServers) {
		for (const peer of peers.ids) {
			const pc = peers.pc(peer);
			pc.setConfiguration({
				...pc.getConfiguration(),
				iceServers: input.relayServers,
				iceTransportPolicy: 'relay'
			});
		}
	}
	return negotiate(peers, { ...input, iceRestart: true });
});

/** Codecs a browser can send, for the codec-preference control (no RTX/RED/FEC helpers). */
export function sendableCodecs(): Record<MediaKind, string[]> {
	const helpers = /\/(rtx|red|ulpfec|flexfec-03|cn|telephone-event)$/i;
	const list = (kind: MediaKind) => [
		...new Set(
			(RTCRtpSender.getCapabilities(kind)?.codecs ?? [])
				.map((c) => c.mimeType)
				.filter((mime) => !helpers.test(mime))
		)
	];
	return { audio: list('audio'), video: list('video') };
}

/** A's transceiver that carries `media` (the one addTrack created for that kind). */
function transceiverOf(pc: RTCPeerConnection, media: MediaKind): RTCRtpTransceiver {
	const found = pc
		.getTransceivers()
		.find((t) => (t.sender.track?.kind ?? t.receiver.track.kind) === media);
	if (!found) throw new Error(`Peer A has no ${media} transceiver`);
	return found;
}

/** A test card that replaces the video track (replaceTrack): no renegotiation needed. */
function patternTrack(peers: PeerSet, words: SyntheticWords): MediaStreamTrack {
	const canvas = document.createElement('canvas');
	canvas.width = 320;
	canvas.height = 180;
	const g = canvas.getContext('2d')!;
	const bars = ['#ffffff', '#fde047', '#22d3ee', '#4ade80', '#e879f9', '#f87171', '#60a5fa'];
	let frame = 0;
	const draw = () => {
		frame++;
		bars.forEach((colour, i) => {
			g.fillStyle = colour;
			g.fillRect((i * canvas.width) / bars.length, 0, canvas.width / bars.length + 1, 140);
		});
		g.fillStyle = '#111827';
		g.fillRect(0, 140, canvas.width, 40);
		g.fillStyle = '#ffffff';
		g.font = '16px monospace';
		g.fillText(`replaceTrack() · ${words.frame(frame)}`, 12, 166);
	};
	draw();
	const timer = setInterval(draw, 1000 / 30);
	const [track] = canvas.captureStream(30).getVideoTracks();
	if (!track) throw new Error('The canvas gave no video track');
	peers.onClose(() => {
		clearInterval(timer);
		track.stop();
	});
	return track;
}

/** A media change on peer A; the replaceTrack() test card counts frames in the page's words. */
export const applyMediaChangeWith = (words: SyntheticWords) =>
	fromPromise<
		Renegotiation | null,
		{
			peers: PeersHandle;
			change: MediaChange;
			waitForGathering: boolean;
			network: LabConfig['network'];
		}
	>(async ({ input }) => {
		const peers = asPeers(input.peers);
		const A = peers.pc('A');
		const { change } = input;
		const again = () => negotiate(peers, { ...input, iceRestart: false });
		switch (change.kind) {
			case 'codec': {
				const codecs = RTCRtpReceiver.getCapabilities(change.media)?.codecs ?? [];
				const wanted = change.mimeType.toLowerCase();
				const first = codecs.filter((c) => c.mimeType.toLowerCase() === wanted);
				if (!first.length) throw new Error(`${change.mimeType} is not a codec this browser has`);
				// The preferred codec first; the rest (and RTX/RED/FEC) keep their order after it.
				transceiverOf(A, change.media).setCodecPreferences([
					...first,
					...codecs.filter((c) => c.mimeType.toLowerCase() !== wanted)
				]);
				return again();
			}
			case 'direction':
				transceiverOf(A, change.media).direction = change.direction;
				return again();
			case 'parameters': {
				const sender = transceiverOf(A, 'video').sender;
				const parameters = sender.getParameters();
				const [first = {}, ...rest] = parameters.encodings ?? [];
				if (change.maxBitrateKbps === null) delete first.maxBitrate;
				else first.maxBitrate = change.maxBitrateKbps * 1000;
				first.scaleResolutionDownBy = change.scaleDownBy;
				await sender.setParameters({ ...parameters, encodings: [first, ...rest] });
				return null;
			}
			case 'mute': {
				const track = transceiverOf(A, change.media).sender.track;
				if (!track) throw new Error(`Peer A sends no ${change.media} track`);
				track.enabled = !change.muted;
				return null;
			}
			case 'replaceTrack': {
				const sender = transceiverOf(A, 'video').sender;
				peers.originalVideo ??= sender.track;
				await sender.replaceTrack(
					change.pattern ? (peers.pattern ??= patternTrack(peers, words)) : peers.originalVideo
				);
				return null;
			}
		}
	});

const applyMediaChange = applyMediaChangeWith(PLAIN_WORDS);

/**
 * The loopback "signaling channel": the description crosses memory instead of a server. A
 * simulated network may drop candidates on the way (they ride inside the SDP without trickle).
 */
const signal = fromPromise<
	Description,
	{ from: PeerId; description: Description; network: LabConfig['network'] }
>(async ({ input }) => ({
	...input.description,
	sdp: filterSdpCandidates(input.description.sdp, conditionById(input.network))
}));

const pollStats = fromCallback<
	{ type: 'noop' },
	{ peers: PeersHandle; intervalMs: number; controlling: PeerId[]; waitFirst?: boolean }
>(({ input, sendBack }) => {
	const peers = asPeers(input.peers);
	let stopped = false;
	const poll = async () => {
		const summaries: Partial<Record<PeerId, StatsSummary>> = {};
		const pairs: Partial<Record<PeerId, PairRow[]>> = {};
		const all: Partial<Record<PeerId, StatsReportLike[]>> = {};
		for (const peer of peers.ids) {
			const reports = [...(await peers.pc(peer).getStats()).values()] as StatsReportLike[];
			all[peer] = reports;
			summaries[peer] = summarizeStats(reports);
			pairs[peer] = candidatePairs(reports, input.controlling.includes(peer));
		}
		if (!stopped)
			sendBack({ type: 'stats.report', summaries, pairs, reports: all } satisfies LabEvent);
	};
	// Soon, in a task of its own (the state that starts the poller, such as "connected", is on
	// screen first), unless the first result can wait a period (the ICE checks of a loopback pair
	// are over within milliseconds: a getStats() then would only slow them down).
	const first = input.waitFirst ? undefined : setTimeout(() => void poll().catch(() => undefined));
	const timer = setInterval(() => void poll().catch(() => undefined), input.intervalMs);
	return () => {
		stopped = true;
		clearTimeout(first);
		clearInterval(timer);
	};
});

/** The step actors both labs share: each performs one WebRTC call on the peer it is given. */
export const stepActors = {
	addMedia,
	createDataChannel,
	createOffer,
	createAnswer,
	setLocalDescription,
	setRemoteDescription,
	pollStats
};

/** The lab machine with real WebRTC behind every step. */
export const loopbackLabMachine = labMachine.provide({
	actors: {
		peerConnections,
		addMedia,
		createDataChannel,
		createOffer,
		createAnswer,
		setLocalDescription,
		setRemoteDescription,
		signal,
		renegotiate,
		applyMediaChange,
		pollStats
	}
});

/** Restarts ICE on the caller and produces the new offer to send (remote lab). */
const restartIce = fromPromise<
	Description,
	{ peers: PeersHandle; waitForGathering: boolean; relayServers: IceServerLike[] | null }
>(async ({ input }) => {
	const pc = asPeers(input.peers).pc('A');
	// "Force TURN now": only relay candidates from this restart on.
	if (input.relayServers)
		pc.setConfiguration({
			...pc.getConfiguration(),
			iceServers: input.relayServers,
			iceTransportPolicy: 'relay'
		});
	pc.restartIce();
	await pc.setLocalDescription(await pc.createOffer({ iceRestart: true }));
	if (input.waitForGathering) await gatheringComplete(pc);
	return description(pc.localDescription);
});

/** The page's WebSocket to our signaling server, as an actor: lives as long as the page. */
const signaling = fromCallback<SignalingCommand, { room: string; via: SignalingVia }>(
	({ input, sendBack, receive }) => {
		const send = (event: RemoteEvent) => sendBack(event);
		const handlers = {
			room: input.room,
			onMessage: (message: ServerMessage) => send({ type: 'signal.message', message }),
			onStatus: (status: SignalingStatus) => send({ type: 'signal.status', status })
		};
		const connection =
			input.via === 'broadcast'
				? connectBroadcast(handlers)
				: connectSignaling({ ...handlers, url: signalingUrl(location) });
		receive((command) => {
			if (command.type === 'send') connection.send(command.message);
			else connection.drop();
		});
		return () => connection.close();
	}
);

/** The remote lab machine: one real peer connection, real signaling. */
export const remoteLabMachine = remoteMachine.provide({
	actors: {
		signaling,
		// No STUN/TURN yet: host candidates reach peers on the same machine or LAN.
		peerConnection: peerConnectionsFor(['A'], presetConfiguration),
		restartIce,
		...stepActors
	}
});

// ---------------------------------------------------------------------------------------------
// Asking ICE servers what they give: a throwaway RTCPeerConnection with only these servers
// gathers candidates (a data channel gives the offer something to gather for) and reports each
// server-reflexive (STUN) or relay (TURN) candidate, and each icecandidateerror (e.g. 401 from a
// TURN server that refused the credential, 701 when a server never answered). What the
// trickle-ice sample does, as one function.

export interface GatheredCandidate {
	type: RTCIceCandidateType | null;
	/** Transport between the browser and the server/peer: udp or tcp. */
	protocol: string | null;
	address: string | null;
	port: number | null;
	/** For relay candidates: how the browser reaches the TURN server (udp, tcp, tls). */
	relayProtocol: string | null;
	/** The STUN/TURN URL the candidate came from (null for host candidates). */
	url: string | null;
	candidate: string;
}

export interface GatherError {
	errorCode: number;
	errorText: string;
	url: string;
	address: string | null;
	port: number | null;
}

export interface GatherResult {
	candidates: GatheredCandidate[];
	errors: GatherError[];
	/** Gathering had not completed when the time ran out. */
	timedOut: boolean;
	durationMs: number;
}

export async function gatherFrom(
	iceServers: RTCIceServer[],
	{ timeoutMs = 8000 }: { timeoutMs?: number } = {}
): Promise<GatherResult> {
	const started = performance.now();
	const candidates: GatheredCandidate[] = [];
	const errors: GatherError[] = [];
	const pc = new RTCPeerConnection({ iceServers, iceCandidatePoolSize: 0 });
	try {
		const done = new Promise<boolean>((resolve) => {
			const timer = setTimeout(() => resolve(true), timeoutMs);
			pc.addEventListener('icecandidate', (event) => {
				if (!event.candidate) {
					clearTimeout(timer);
					resolve(false);
					return;
				}
				const c = event.candidate;
				const withRelay = c as RTCIceCandidate & { relayProtocol?: string | null; url?: string };
				candidates.push({
					type: c.type,
					protocol: c.protocol,
					address: c.address,
					port: c.port,
					relayProtocol: withRelay.relayProtocol ?? null,
					url: withRelay.url ?? (event as RTCPeerConnectionIceEvent & { url?: string }).url ?? null,
					candidate: c.candidate
				});
			});
			pc.addEventListener('icecandidateerror', (event) => {
				const e = event as RTCPeerConnectionIceErrorEvent;
				errors.push({
					errorCode: e.errorCode,
					errorText: e.errorText,
					url: e.url,
					address: e.address,
					port: e.port
				});
			});
		});
		pc.createDataChannel('gather');
		await pc.setLocalDescription(await pc.createOffer());
		const timedOut = await done;
		return { candidates, errors, timedOut, durationMs: Math.round(performance.now() - started) };
	} finally {
		pc.close();
	}
}
