// The remote lab: one RTCPeerConnection in this page ("you", peer A), the other side somewhere
// else, and our WebSocket signaling server in between. The story is the same JSEP exchange as in
// the loopback lab, told from one side: the caller (first in the room) offers, the callee answers.
//
//   caller: create peer → media or data channel → createOffer → setLocalDescription → send offer
//           → (wait for the answer) → setRemoteDescription → ICE → connected
//   callee: create peer → [media] → (wait for the offer) → setRemoteDescription → createAnswer
//           → setLocalDescription → send answer → ICE → connected
//
// States that wait for the other side are not "paused": "Next step" cannot hurry the remote
// peer, and the page says what it waits for. The signaling socket is an actor that lives as long
// as the page; the peer connection lives in `session` like in the loopback lab.
//
// Nothing is lost on the way. The server relays only to a peer in the room, and a dropped socket
// delivers nothing, so every offer, answer and candidate of the current negotiation is kept in
// `outgoing` with the pairing (our peer id > theirs) it was delivered to, or none: held. Whenever
// a remote peer is (again) in the room — it joined, we rejoined, either side reconnected — the
// exchange is brought up to date: what is held goes out, and what the present pairing has not
// seen goes out again (the other side ignores an offer or answer it already applied). The
// diagram draws a held message as held, never as delivered.

import { and, assign, enqueueActions, fromCallback, fromPromise, not, raise, setup } from 'xstate';
import type { RelayMessage, Role, ServerMessage } from '$lib/core/signaling/protocol';
import type { SignalingStatus } from './transports/websocket';
import type {
	ChatMessage,
	Description,
	LabConfig,
	LabError,
	LabEvent,
	PeerId,
	PeersCommand,
	PeersHandle,
	PeersInput,
	PeerView,
	SequenceEvent,
	StatsSummary
} from './types';
import type { IceCandidateError } from './types';
import {
	conditionById,
	filterSdpCandidates,
	passesCondition,
	serversFor,
	type IceServerLike
} from '$lib/core/ice/conditions';
import type { PairRow } from '$lib/core/ice/pairs';
import type { StatsReportLike } from '$lib/core/stats/summary';
import { clampStatsInterval, defaultConfig } from './types';
import { leafState } from './machine';
import {
	candidateLabel,
	emptyPeerView,
	lastState,
	remember,
	runningAtFullSpeed,
	withInitialStates,
	withStateChange,
	type DescriptionVersion
} from './peer-view';

export type RemoteEvent =
	| Exclude<LabEvent, { type: 'lab.restartIce' }>
	| { type: 'lab.restartIce' }
	| { type: 'lab.dropSignaling' }
	| { type: 'signal.status'; status: SignalingStatus }
	| { type: 'signal.message'; message: ServerMessage }
	/** A remote peer is in the room again: bring the exchange up to date (internal). */
	| { type: 'signal.resync' }
	/** A different peer joined while this session belonged to the one that left (internal). */
	| { type: 'signal.newPeer' };

export type SignalingCommand = { type: 'send'; message: RelayMessage } | { type: 'drop' };

/** How the two sides exchange messages: our WebSocket server, or tabs of one browser. */
export type SignalingVia = 'server' | 'broadcast';

export interface RemoteContext {
	room: string;
	via: SignalingVia;
	config: LabConfig;
	delayMs: number;
	autoRun: boolean;
	signaling: SignalingStatus;
	role: 'caller' | 'callee' | null;
	peerId: string | null;
	/** The other peer's id while it is in the room. */
	remotePeerId: string | null;
	peers: PeersHandle | null;
	you: PeerView;
	/** The last description received from the remote peer and not yet applied. */
	incoming: Description | null;
	/**
	 * Descriptions from the remote peer that setRemoteDescription refused in this session (the
	 * last few): taken out of the inbox, and ignored when they arrive again, so a refused input is
	 * never tried twice (a hostile or broken peer cannot make this page loop).
	 */
	refused: Description[];
	/** Remote candidates received before this page had a peer connection. */
	earlyCandidates: Extract<RelayMessage, { type: 'candidate' }>[];
	offer: Description | null;
	answer: Description | null;
	history: DescriptionVersion[];
	log: SequenceEvent[];
	chat: ChatMessage[];
	stats: Partial<Record<PeerId, StatsSummary>> | null;
	/** Every candidate pair of each peer, from the last getStats() (the pair grid). */
	pairs: Partial<Record<PeerId, PairRow[]>>;
	/** The latest raw getStats() result of each peer, for the live charts. */
	reports: Partial<Record<PeerId, StatsReportLike[]>>;
	error: LabError | null;
	/**
	 * Something the learner should know that is not an error (peer left, reconnecting …), as data:
	 * the page says it in the learner's language.
	 */
	notice: RemoteNotice | null;
	/** The lab's own STUN/TURN servers (GET /api/ice-servers); the preset picks among them. */
	iceServers: IceServerLike[];
	/** icecandidateerror events: a STUN or TURN server that could not be used, and why. */
	iceErrors: IceCandidateError[];
	/** "Force TURN now" was used on this connection. */
	forcedTurn: boolean;
	/** The signaling socket dropped and has not joined the room again yet. */
	signalingDropped: boolean;
	/**
	 * Every signaling message this page sent or received, by type (newest last, at most 500): what
	 * a lesson's `signal` checks read.
	 */
	signals: SignalRecord[];
	/** This negotiation's offer/answer and candidates, and whom each reached (see the header). */
	outgoing: OutgoingRecord[];
}

export interface OutgoingRecord {
	message: RelayMessage;
	/** How the diagram names it: `offer (SDP)`, `candidate host udp` … */
	label: string;
	/** `ourPeerId>theirPeerId` when it was handed to the server for that peer; null: held. */
	pairing: string | null;
}

export interface SignalRecord {
	direction: 'sent' | 'received';
	type: string;
	/** An `error` message's code. */
	code?: string;
}

const MAX_SIGNALS = 500;
const MAX_REFUSED = 10;

/** What the remote lab tells the learner besides errors; the room page words it (en, zh-CN). */
export type RemoteNotice =
	| { kind: 'reconnecting'; reason: string; seconds: number; attempt: number }
	| { kind: 'signaling-closed'; reason: string }
	/** `seat`: the role taken back with the resume token (the same seat), or null. */
	| { kind: 'reconnected'; attempt: number; seat: Role | null }
	| { kind: 'role-kept'; given: Role; kept: Role }
	| { kind: 'peer-left' }
	| { kind: 'peer-back' }
	| { kind: 'peer-hung-up' }
	| { kind: 'not-delivered' }
	| { kind: 'rejoin-full' }
	/** The server refused a new room from this address for now; the transport joins again. */
	| { kind: 'too-many-rooms' }
	/** What this page sent again after an interruption; `earlier`: the notice shown before it. */
	| {
			kind: 'resent';
			descriptions: ('offer' | 'answer')[];
			candidates: number;
			earlier: RemoteNotice | null;
	  }
	| { kind: 'fresh-start'; role: Role }
	/** addIceCandidate() refused a candidate from the other side (shortened to 200 characters). */
	| { kind: 'candidate-refused'; candidate: string; name: string; message: string };
const withSignal = (signals: SignalRecord[], ...more: SignalRecord[]) =>
	[...signals, ...more].slice(-MAX_SIGNALS);

export interface RemoteInput {
	room: string;
	via?: SignalingVia;
	config?: Partial<LabConfig>;
	delayMs?: number;
	iceServers?: IceServerLike[];
}

const YOU: PeerId = 'A';

const sessionContext = () => ({
	autoRun: false,
	peers: null,
	you: emptyPeerView(),
	incoming: null,
	refused: [] as Description[],
	offer: null,
	answer: null,
	history: [],
	log: [],
	chat: [],
	stats: null,
	pairs: {},
	reports: {},
	iceErrors: [],
	forcedTurn: false,
	error: null,
	outgoing: [] as OutgoingRecord[]
});

/** Who the server would deliver to right now, as `ours>theirs`; null when nobody would get it. */
const pairingOf = (context: RemoteContext): string | null =>
	context.signaling.state !== 'closed' &&
	!context.signalingDropped &&
	context.peerId !== null &&
	context.remotePeerId !== null
		? `${context.peerId}>${context.remotePeerId}`
		: null;

/** Why a message is held, for the diagram's note. */
const heldBecause = (context: RemoteContext) =>
	context.signaling.state === 'closed' || context.signalingDropped
		? 'signaling is down'
		: 'no remote peer in the room yet';

/** An arrow from the server to you (presence, errors): the server itself speaks. */
const fromServer = (label: string): SequenceEvent => ({ from: 'S', to: 'A', label });

/** The room as it stands, for a diagram started afresh by Reset. */
const roomLog = (context: RemoteContext): SequenceEvent[] =>
	context.role === null
		? []
		: [
				{ from: 'A', to: 'S', label: 'join' },
				fromServer(`joined (${context.role})`),
				...(context.remotePeerId ? [fromServer('peer-joined')] : [])
			];

/**
 * Hands messages to the signaling actor if the server can deliver them now, else holds them.
 * Returns the context changes and the messages to send. `record`: keep them in `outgoing`.
 */
function outbound(
	context: Pick<
		RemoteContext,
		'signaling' | 'signalingDropped' | 'peerId' | 'remotePeerId' | 'log' | 'signals' | 'outgoing'
	>,
	items: { message: RelayMessage; label: string }[],
	record = true
) {
	const pairing = pairingOf(context as RemoteContext);
	const log = [...context.log];
	let signals = context.signals;
	const sends: RelayMessage[] = [];
	for (const { message, label } of items) {
		if (pairing) {
			sends.push(message);
			log.push(...crossing('out', label));
			signals = withSignal(signals, { direction: 'sent', type: message.type });
		} else {
			log.push({
				from: 'A',
				to: 'A',
				label: `held, not sent (${heldBecause(context as RemoteContext)}): ${label}`,
				kind: 'note'
			});
		}
	}
	const outgoing = record
		? [...context.outgoing, ...items.map((item) => ({ ...item, pairing }))]
		: context.outgoing;
	return { patch: { log, signals, outgoing }, sends };
}

const notProvided = (name: string) => () => {
	throw new Error(`The remote lab actor "${name}" was not provided`);
};

/** An arrow from you to the remote peer through the server, or back. */
const crossing = (direction: 'out' | 'in', label: string): SequenceEvent[] =>
	direction === 'out'
		? [
				{ from: 'A', to: 'S', label },
				{ from: 'S', to: 'B', label }
			]
		: [
				{ from: 'B', to: 'S', label },
				{ from: 'S', to: 'A', label }
			];

export const remoteMachine = setup({
	types: {
		context: {} as RemoteContext,
		events: {} as RemoteEvent,
		input: {} as RemoteInput
	},
	actors: {
		/** The WebSocket to /signal: joins the room, reconnects, relays. Lives with the page. */
		signaling: fromCallback<SignalingCommand, { room: string; via: SignalingVia }>(
			notProvided('signaling')
		),
		peerConnection: fromCallback<PeersCommand, PeersInput>(notProvided('peerConnection')),
		addMedia: fromPromise<
			Partial<Record<PeerId, MediaStream>>,
			{ peers: PeersHandle; config: LabConfig; label?: string }
		>(notProvided('addMedia')),
		createDataChannel: fromPromise<void, { peers: PeersHandle; peer: PeerId }>(
			notProvided('createDataChannel')
		),
		createOffer: fromPromise<Description, { peers: PeersHandle; peer: PeerId }>(
			notProvided('createOffer')
		),
		createAnswer: fromPromise<Description, { peers: PeersHandle; peer: PeerId }>(
			notProvided('createAnswer')
		),
		setLocalDescription: fromPromise<
			Description,
			{ peers: PeersHandle; peer: PeerId; description: Description; waitForGathering: boolean }
		>(notProvided('setLocalDescription')),
		setRemoteDescription: fromPromise<
			void,
			{ peers: PeersHandle; peer: PeerId; description: Description }
		>(notProvided('setRemoteDescription')),
		/** restartIce() and a new offer, on a live connection (caller only). */
		restartIce: fromPromise<
			Description,
			{ peers: PeersHandle; waitForGathering: boolean; relayServers: IceServerLike[] | null }
		>(notProvided('restartIce')),
		pollStats: fromCallback<
			{ type: 'noop' },
			{ peers: PeersHandle; intervalMs: number; controlling: PeerId[]; waitFirst?: boolean }
		>(notProvided('pollStats'))
	},
	delays: {
		stepDelay: ({ context }) => context.delayMs
	},
	guards: {
		autoRun: ({ context }) => context.autoRun,
		autoRunNow: ({ context }) => runningAtFullSpeed(context),
		joined: ({ context }) => context.role !== null,
		caller: ({ context }) => context.role === 'caller',
		mediaMode: ({ context }) => context.config.mode === 'media',
		remotePresent: ({ context }) => context.remotePeerId !== null,
		offerArrived: ({ context }) => context.incoming?.type === 'offer',
		answerArrived: ({ context }) => context.incoming?.type === 'answer',
		connected: ({ context }) => lastState(context.you, 'connectionState') === 'connected',
		failed: ({ context }) => lastState(context.you, 'connectionState') === 'failed'
	},
	actions: {
		configure: assign(({ context, event }) =>
			event.type === 'lab.configure' ? { config: { ...context.config, ...event.config } } : {}
		),
		setIceServers: assign(({ event }) =>
			event.type === 'lab.iceServers' ? { iceServers: event.iceServers } : {}
		),
		recordIceError: assign(({ context, event }) => {
			if (event.type !== 'pc.icecandidateerror') return {};
			const { type: _type, ...error } = event;
			return { iceErrors: [...context.iceErrors, error] };
		}),
		setStatsInterval: assign(({ context, event }) =>
			event.type === 'lab.statsInterval'
				? { config: { ...context.config, statsIntervalMs: clampStatsInterval(event.ms) } }
				: {}
		),
		setDelay: assign(({ event }) =>
			event.type === 'lab.delay'
				? { delayMs: Math.max(0, Math.min(10_000, Math.round(event.delayMs) || 0)) }
				: {}
		),
		startAutoRun: assign({ autoRun: true }),
		stopAutoRun: assign({ autoRun: false }),
		stepNow: raise({ type: 'lab.step' }),
		reset: assign(({ context }) => ({
			...sessionContext(),
			notice: null,
			// The next session takes the seat the server gave this page.
			role: context.signaling.state === 'open' ? context.signaling.role : context.role,
			log: roomLog({
				...context,
				role: context.signaling.state === 'open' ? context.signaling.role : context.role
			})
		})),
		recordSignalingStatus: assign(({ context, event }) => {
			if (event.type !== 'signal.status') return {};
			const { status } = event;
			const previous = context.signaling;
			const notice: RemoteNotice | null =
				status.state === 'reconnecting'
					? {
							kind: 'reconnecting',
							reason: status.reason,
							seconds: Math.round(status.delayMs / 100) / 10,
							attempt: status.attempt
						}
					: status.state === 'closed'
						? { kind: 'signaling-closed', reason: status.reason }
						: // Says so once it is back, so a quick reconnect is not missed.
							status.state === 'open' && context.signalingDropped
							? {
									kind: 'reconnected',
									attempt: 'attempt' in previous ? previous.attempt : 1,
									seat: status.resumed ? status.role : null
								}
							: null;
			if (status.state === 'reconnecting')
				return {
					signaling: status,
					notice,
					signalingDropped: true,
					log: context.signalingDropped
						? context.log
						: [
								...context.log,
								{ from: 'A', to: 'S', label: 'connection lost', kind: 'note' as const }
							]
				};
			return status.state === 'open'
				? {
						signalingDropped: false,
						signaling: status,
						// A session keeps the role it started with: the peers decide who offers, and
						// a reconnect (even to a restarted server) must not swap the steps mid-way.
						role: context.peers && context.role ? context.role : status.role,
						peerId: status.peerId,
						notice,
						// The transport joined the room: `join` went out and `joined` came back.
						signals: withSignal(
							context.signals,
							{ direction: 'sent', type: 'join' },
							{ direction: 'received', type: 'joined' }
						)
					}
				: { signaling: status, notice };
		}),
		/** What the server tells us: presence, relayed descriptions and candidates, errors. */
		receive: enqueueActions(({ context, event, enqueue }) => {
			if (event.type !== 'signal.message') return;
			const message = event.message;
			enqueue.assign({
				signals: withSignal(context.signals, {
					direction: 'received',
					type: message.type,
					...('code' in message && typeof message.code === 'string' ? { code: message.code } : {})
				})
			});
			const log = (...events: SequenceEvent[]) =>
				enqueue.assign({ log: [...context.log, ...events] });
			switch (message.type) {
				case 'joined': {
					const pinned = context.peers !== null && context.role !== null;
					enqueue.assign({
						role: pinned ? context.role : message.role,
						peerId: message.peerId,
						remotePeerId: message.peers[0] ?? null,
						// A refusal from before (room-full while the old seat was held) is over.
						error: context.error?.step === 'signaling' ? null : context.error,
						log: [
							...context.log,
							{ from: 'A', to: 'S', label: 'join' },
							fromServer(`joined (${message.role})`)
						]
					});
					if (pinned && message.role !== context.role)
						enqueue.assign({
							notice: { kind: 'role-kept', given: message.role, kept: context.role! }
						});
					if (message.peers.length) enqueue.raise({ type: 'signal.resync' });
					break;
				}
				case 'peer-joined': {
					// A new peer (not the old one back) cannot continue a call this page made with
					// the old one, nor one where both pages now hold the same role: start afresh.
					const serverRole =
						context.signaling.state === 'open' ? context.signaling.role : context.role;
					const appliedRemote = context.role === 'caller' ? context.answer : context.offer;
					if (
						!message.resumed &&
						context.peers !== null &&
						(appliedRemote !== null || serverRole !== context.role)
					)
						enqueue.raise({ type: 'signal.newPeer' });
					enqueue.assign({
						remotePeerId: message.peerId,
						// "Left" is over; a notice about our own reconnect stays.
						notice:
							context.notice?.kind === 'peer-left'
								? message.resumed
									? { kind: 'peer-back' }
									: null
								: context.notice,
						// "Nobody there" was true until now.
						error: context.error?.name === 'no-peer' ? null : context.error
					});
					log(fromServer(message.resumed ? 'peer-joined (same seat)' : 'peer-joined'));
					enqueue.raise({ type: 'signal.resync' });
					break;
				}
				case 'peer-left':
					enqueue.assign({
						remotePeerId: null,
						notice: { kind: 'peer-left' }
					});
					log(fromServer('peer-left'));
					break;
				case 'offer':
				case 'answer': {
					const label = `${message.type} (SDP)`;
					// Sent again after a reconnect, and already applied (or waiting): nothing new.
					const applied = message.type === 'offer' ? context.offer : context.answer;
					const known =
						context.incoming?.sdp === message.sdp ||
						(applied?.sdp === message.sdp &&
							(message.type === 'offer' ? context.role === 'callee' : context.role === 'caller'));
					if (known) {
						log(...crossing('in', label), {
							from: 'A',
							to: 'A',
							label: `already have this ${message.type}: ignored`,
							kind: 'note'
						});
						break;
					}
					if (context.refused.some((d) => d.type === message.type && d.sdp === message.sdp)) {
						log(...crossing('in', label), {
							from: 'A',
							to: 'A',
							label: `refused this ${message.type} before: ignored`,
							kind: 'note'
						});
						break;
					}
					enqueue.assign({
						incoming: { type: message.type, sdp: message.sdp },
						log: [...context.log, ...crossing('in', label)]
					});
					break;
				}
				case 'candidate': {
					const label = candidateLabel(message.candidate?.candidate ?? null);
					log(...crossing('in', label));
					if (context.peers) {
						enqueue.sendTo('peers', toPeersCommand(message));
					} else {
						enqueue.assign({ earlyCandidates: [...context.earlyCandidates, message] });
					}
					break;
				}
				case 'bye':
					enqueue.assign({ notice: { kind: 'peer-hung-up' } });
					log(...crossing('in', 'bye'));
					break;
				case 'error':
					log(fromServer(`error: ${message.code}`));
					if (message.code === 'no-peer') {
						// A race with peer-left: what was lost is sent again when a peer is back.
						enqueue.assign({
							notice: { kind: 'not-delivered' },
							outgoing: context.outgoing.map((r) => ({ ...r, pairing: null }))
						});
					} else if (message.code === 'room-full' && context.peerId !== null) {
						// Rejoining: our own stale connection may still hold the seat; the transport retries.
						enqueue.assign({ notice: { kind: 'rejoin-full' } });
					} else if (message.code === 'too-many-rooms') {
						// A per-address limit, not a failure of this lab: joining again later works.
						enqueue.assign({ notice: { kind: 'too-many-rooms' } });
					} else {
						enqueue.assign({
							error: { step: 'signaling', name: message.code, message: message.message }
						});
					}
					break;
			}
		}),
		/**
		 * A remote peer is in the room (again): send what is held, and what this pairing has not
		 * seen of the negotiation in progress (see the header comment).
		 */
		resync: enqueueActions(({ context, enqueue }) => {
			const pairing = pairingOf(context);
			if (!pairing) return;
			const missing = context.outgoing.filter((r) => r.pairing !== pairing);
			if (!missing.length) return;
			const again = missing.some((r) => r.pairing !== null);
			const { patch, sends } = outbound(
				{ ...context, outgoing: [] },
				missing.map((r) => ({
					message: r.message,
					label: `${r.label}${r.pairing === null ? ' (was held)' : ' (sent again)'}`
				})),
				false
			);
			for (const message of sends)
				enqueue.sendTo('signaling', { type: 'send', message } satisfies SignalingCommand);
			enqueue.assign({
				...patch,
				outgoing: context.outgoing.map((r) => ({ ...r, pairing })),
				...(again
					? {
							notice: { ...describeResent(missing), earlier: context.notice }
						}
					: {})
			});
		}),
		storePeers: enqueueActions(({ context, event, enqueue }) => {
			if (event.type !== 'pc.created') return;
			enqueue.assign({
				peers: event.peers,
				earlyCandidates: [],
				you: withInitialStates(context.you, event.initial?.A)
			});
			for (const message of context.earlyCandidates)
				enqueue.sendTo('peers', toPeersCommand(message));
			enqueue.assign({
				log: [
					...context.log,
					{ from: 'A', to: 'A', label: 'new RTCPeerConnection()', kind: 'note' }
				]
			});
		}),
		recordPcState: assign(({ context, event }) => ({ you: withStateChange(context.you, event) })),
		/** Trickle ICE over the server: each local candidate is relayed to the remote peer. */
		sendCandidate: enqueueActions(({ context, event, enqueue }) => {
			if (event.type !== 'pc.icecandidate') return;
			const entry = { candidate: event.candidate, sdpMid: event.sdpMid, atMs: event.atMs };
			enqueue.assign({
				you: { ...context.you, candidates: [...context.you.candidates, entry] }
			});
			if (!context.config.trickle) return;
			// A simulated network (Network conditions) drops what a real one would never let through.
			if (!passesCondition(conditionById(context.config.network), event.candidate)) return;
			const candidate =
				event.candidate === null
					? null
					: {
							candidate: event.candidate,
							sdpMid: event.sdpMid,
							sdpMLineIndex: event.sdpMLineIndex
						};
			const { patch, sends } = outbound(context, [
				{ message: { type: 'candidate', candidate }, label: candidateLabel(event.candidate) }
			]);
			enqueue.assign(patch);
			for (const message of sends)
				enqueue.sendTo('signaling', { type: 'send', message } satisfies SignalingCommand);
		}),
		sendDescription: enqueueActions(
			({ context, enqueue }, params: { type: 'offer' | 'answer' }) => {
				const description = params.type === 'offer' ? context.offer : context.answer;
				if (!description) return;
				const sdp = filterSdpCandidates(description.sdp, conditionById(context.config.network));
				const { patch, sends } = outbound(context, [
					{ message: { type: params.type, sdp }, label: `${params.type} (SDP)` }
				]);
				enqueue.assign(patch);
				for (const message of sends)
					enqueue.sendTo('signaling', { type: 'send', message } satisfies SignalingCommand);
			}
		),
		/** A new negotiation (ICE restart, renegotiation) starts: the last one's messages are done. */
		newNegotiation: assign({ outgoing: [] }),
		recordTrack: assign(({ context, event }) =>
			event.type === 'pc.track' ? { you: { ...context.you, remoteStream: event.stream } } : {}
		),
		recordLocalStream: assign(({ context, event }) => {
			const output = (event as unknown as { output?: Partial<Record<PeerId, MediaStream>> }).output;
			return { you: { ...context.you, localStream: output?.[YOU] ?? null } };
		}),
		recordDataChannelState: assign(({ context, event }) =>
			event.type === 'dc.statechange'
				? { you: { ...context.you, dataChannelState: event.value } }
				: {}
		),
		recordChat: assign(({ context, event }) => {
			if (event.type !== 'dc.message') return {};
			return {
				chat: [...context.chat, { from: 'B' as PeerId, text: event.text, atMs: event.atMs }],
				log: [...context.log, { from: 'B', to: 'A', label: `data channel: ${event.text}` }]
			};
		}),
		sendChat: enqueueActions(({ context, event, enqueue }) => {
			if (event.type !== 'chat.send') return;
			enqueue.sendTo('peers', {
				type: 'chat.send',
				from: YOU,
				text: event.text
			} satisfies PeersCommand);
			enqueue.assign({
				chat: [...context.chat, { from: YOU, text: event.text, atMs: 0 }],
				log: [...context.log, { from: 'A', to: 'B', label: `data channel: ${event.text}` }]
			});
		}),
		closePeer: enqueueActions(({ context, enqueue }) => {
			enqueue.sendTo('peers', { type: 'close' } satisfies PeersCommand);
			// `bye` is not kept for later: a peer that joins afterwards has nothing to hang up.
			const { patch, sends } = outbound(
				context,
				[{ message: { type: 'bye' }, label: 'bye' }],
				false
			);
			enqueue.assign(patch);
			for (const message of sends)
				enqueue.sendTo('signaling', { type: 'send', message } satisfies SignalingCommand);
		}),
		dropSignaling: enqueueActions(({ enqueue }) =>
			enqueue.sendTo('signaling', { type: 'drop' } satisfies SignalingCommand)
		),
		recordStats: assign(({ event }) =>
			event.type === 'stats.report'
				? { stats: event.summaries, pairs: event.pairs ?? {}, reports: event.reports ?? {} }
				: {}
		),
		recordError: assign(({ event, self }) => {
			const error = (event as { error?: unknown }).error as
				{ name?: string; message?: string } | undefined;
			return {
				autoRun: false,
				error: {
					step: leafState(self.getSnapshot().value),
					name: typeof error?.name === 'string' ? error.name : 'Error',
					message: typeof error?.message === 'string' ? error.message : String(error)
				}
			};
		}),
		storeLocal: assign(({ context, event }, params: { reason: string }) => {
			const description = (event as unknown as { output: Description }).output;
			const key = description.type === 'offer' ? 'offer' : 'answer';
			return {
				[key]: description,
				history: remember(context.history, YOU, description, params.reason)
			};
		}),
		/** Takes the received description out of the inbox once it is applied. */
		applyIncoming: assign(({ context }) => {
			const incoming = context.incoming!;
			const key = incoming.type === 'offer' ? 'offer' : 'answer';
			// The callee answers a renegotiation (ICE restart): its earlier answer is history.
			const renegotiation = incoming.type === 'offer' && context.answer !== null;
			return {
				...(renegotiation ? { outgoing: [] } : {}),
				[key]: incoming,
				incoming: null,
				history: remember(context.history, 'B', incoming, 'received')
			};
		}),
		clearError: assign({ error: null }),
		/** A remote candidate the browser refused: said once, and the call goes on without it. */
		recordCandidateRefused: assign(({ context, event }) => {
			if (event.type !== 'pc.candidaterefused') return {};
			return {
				notice: {
					kind: 'candidate-refused' as const,
					candidate: event.candidate.slice(0, 200),
					name: event.name,
					message: event.message
				},
				log: [
					...context.log,
					{
						from: 'A',
						to: 'A',
						label: `addIceCandidate refused: ${candidateLabel(event.candidate)}`,
						kind: 'note' as const
					}
				]
			};
		}),
		/**
		 * setRemoteDescription refused the received description: it leaves the inbox (a state that
		 * waits for a description must not take the same one up again) and is remembered as refused.
		 */
		refuseIncoming: assign(({ context }) => {
			const incoming = context.incoming;
			if (!incoming) return {};
			return {
				incoming: null,
				refused: [...context.refused, incoming].slice(-MAX_REFUSED),
				log: [
					...context.log,
					{
						from: 'A',
						to: 'A',
						label: `setRemoteDescription(${incoming.type}) refused`,
						kind: 'note' as const
					}
				]
			};
		}),
		note: assign(({ context }, params: { text: string }) => ({
			log: [...context.log, { from: 'A', to: 'A', label: params.text, kind: 'note' as const }]
		}))
	}
}).createMachine({
	id: 'remote',
	context: ({ input }) => ({
		room: input.room,
		via: input.via ?? 'server',
		config: { ...defaultConfig, ...input.config },
		delayMs: input.delayMs ?? 300,
		signaling: { state: 'connecting', attempt: 1 },
		role: null,
		peerId: null,
		remotePeerId: null,
		earlyCandidates: [],
		notice: null,
		iceServers: input.iceServers ?? [],
		signals: [],
		signalingDropped: false,
		...sessionContext()
	}),
	invoke: {
		id: 'signaling',
		src: 'signaling',
		input: ({ context }) => ({ room: context.room, via: context.via })
	},
	on: {
		'signal.status': { actions: 'recordSignalingStatus' },
		'signal.message': { actions: 'receive' },
		'lab.delay': { actions: 'setDelay' },
		'lab.statsInterval': { actions: 'setStatsInterval' },
		'lab.iceServers': { actions: 'setIceServers' },
		'lab.pause': { actions: 'stopAutoRun' },
		'lab.dropSignaling': { actions: 'dropSignaling' },
		'lab.reset': { target: '.idle', actions: 'reset' },
		'signal.newPeer': {
			target: '.idle',
			actions: [
				'reset',
				assign(({ context }) => ({
					notice: context.role ? { kind: 'fresh-start', role: context.role } : null,
					log: [...context.log, fromServer('peer-joined')]
				}))
			]
		}
	},
	initial: 'idle',
	states: {
		idle: {
			tags: ['paused'],
			on: {
				'lab.configure': { actions: 'configure' },
				'lab.step': { guard: 'joined', target: 'session' },
				'lab.run': { guard: 'joined', target: 'session', actions: 'startAutoRun' }
			}
		},
		session: {
			invoke: {
				id: 'peers',
				src: 'peerConnection',
				input: ({ context }) => ({ config: context.config, iceServers: context.iceServers })
			},
			on: {
				'lab.run': { actions: ['startAutoRun', 'stepNow'] },
				'pc.signalingstatechange': { actions: 'recordPcState' },
				'pc.icegatheringstatechange': { actions: 'recordPcState' },
				'pc.iceconnectionstatechange': { actions: 'recordPcState' },
				'pc.connectionstatechange': { actions: 'recordPcState' },
				'pc.icecandidate': { actions: 'sendCandidate' },
				'pc.icecandidateerror': { actions: 'recordIceError' },
				'pc.candidaterefused': { actions: 'recordCandidateRefused' },
				'pc.track': { actions: 'recordTrack' },
				'dc.statechange': { actions: 'recordDataChannelState' },
				'dc.message': { actions: 'recordChat' },
				'lab.hangup': '.closing',
				'signal.resync': { actions: 'resync' }
			},
			initial: 'creatingPeer',
			states: {
				creatingPeer: { on: { 'pc.created': { target: 'peerCreated', actions: 'storePeers' } } },
				peerCreated: pause([
					{ guard: 'mediaMode', target: 'addingMedia' },
					{ guard: 'caller', target: 'creatingDataChannel' },
					{ target: 'waitingForOffer' }
				]),
				addingMedia: {
					invoke: {
						src: 'addMedia',
						// The synthetic video says which side sends it (both are peer A of their page).
						input: ({ context }) => ({
							peers: context.peers!,
							config: context.config,
							label: context.role ?? undefined
						}),
						onDone: {
							target: 'mediaAdded',
							actions: [
								'recordLocalStream',
								{ type: 'note', params: { text: 'getUserMedia() + addTrack()' } }
							]
						},
						onError: { target: 'failed', actions: 'recordError' }
					}
				},
				mediaAdded: pause([
					{ guard: 'caller', target: 'creatingOffer' },
					{ target: 'waitingForOffer' }
				]),
				creatingDataChannel: {
					invoke: {
						src: 'createDataChannel',
						input: ({ context }) => ({ peers: context.peers!, peer: YOU }),
						onDone: {
							target: 'dataChannelCreated',
							actions: { type: 'note', params: { text: "createDataChannel('chat')" } }
						},
						onError: { target: 'failed', actions: 'recordError' }
					}
				},
				dataChannelCreated: pause([{ target: 'creatingOffer' }]),
				creatingOffer: {
					invoke: {
						src: 'createOffer',
						input: ({ context }) => ({ peers: context.peers!, peer: YOU }),
						onDone: {
							target: 'offerCreated',
							actions: [
								{ type: 'storeLocal', params: { reason: 'createOffer()' } },
								{ type: 'note', params: { text: 'createOffer()' } }
							]
						},
						onError: { target: 'failed', actions: 'recordError' }
					}
				},
				offerCreated: pause([{ target: 'settingLocalOffer' }]),
				settingLocalOffer: {
					invoke: {
						src: 'setLocalDescription',
						input: ({ context }) => ({
							peers: context.peers!,
							peer: YOU,
							description: context.offer!,
							waitForGathering: !context.config.trickle
						}),
						onDone: {
							target: 'localOfferSet',
							actions: [
								{ type: 'storeLocal', params: { reason: 'localDescription' } },
								{ type: 'note', params: { text: 'setLocalDescription(offer)' } }
							]
						},
						onError: { target: 'failed', actions: 'recordError' }
					}
				},
				localOfferSet: pause([{ target: 'sendingOffer' }]),
				/** The server relays only to a peer in the room: wait for one if needed. */
				sendingOffer: {
					always: {
						guard: 'remotePresent',
						target: 'waitingForAnswer',
						actions: { type: 'sendDescription', params: { type: 'offer' } }
					}
				},
				waitingForAnswer: {
					always: { guard: 'answerArrived', target: 'answerReceived' }
				},
				answerReceived: pause([{ target: 'settingRemoteAnswer' }]),
				settingRemoteAnswer: {
					invoke: {
						src: 'setRemoteDescription',
						input: ({ context }) => ({
							peers: context.peers!,
							peer: YOU,
							description: context.incoming!
						}),
						onDone: {
							target: 'iceChecking',
							actions: [
								'applyIncoming',
								{ type: 'note', params: { text: 'setRemoteDescription(answer)' } }
							]
						},
						onError: { target: 'failed', actions: ['recordError', 'refuseIncoming'] }
					}
				},
				waitingForOffer: {
					always: { guard: 'offerArrived', target: 'offerReceived' }
				},
				offerReceived: pause([{ target: 'settingRemoteOffer' }]),
				settingRemoteOffer: {
					invoke: {
						src: 'setRemoteDescription',
						input: ({ context }) => ({
							peers: context.peers!,
							peer: YOU,
							description: context.incoming!
						}),
						onDone: {
							target: 'remoteOfferSet',
							actions: [
								'applyIncoming',
								{ type: 'note', params: { text: 'setRemoteDescription(offer)' } }
							]
						},
						onError: { target: 'failed', actions: ['recordError', 'refuseIncoming'] }
					}
				},
				remoteOfferSet: pause([{ target: 'creatingAnswer' }]),
				creatingAnswer: {
					invoke: {
						src: 'createAnswer',
						input: ({ context }) => ({ peers: context.peers!, peer: YOU }),
						onDone: {
							target: 'answerCreated',
							actions: [
								{ type: 'storeLocal', params: { reason: 'createAnswer()' } },
								{ type: 'note', params: { text: 'createAnswer()' } }
							]
						},
						onError: { target: 'failed', actions: 'recordError' }
					}
				},
				answerCreated: pause([{ target: 'settingLocalAnswer' }]),
				settingLocalAnswer: {
					invoke: {
						src: 'setLocalDescription',
						input: ({ context }) => ({
							peers: context.peers!,
							peer: YOU,
							description: context.answer!,
							waitForGathering: !context.config.trickle
						}),
						onDone: {
							target: 'localAnswerSet',
							actions: [
								{ type: 'storeLocal', params: { reason: 'localDescription' } },
								{ type: 'note', params: { text: 'setLocalDescription(answer)' } }
							]
						},
						onError: { target: 'failed', actions: 'recordError' }
					}
				},
				localAnswerSet: pause([{ target: 'sendingAnswer' }]),
				sendingAnswer: {
					entry: { type: 'sendDescription', params: { type: 'answer' } },
					always: 'iceChecking'
				},
				iceChecking: {
					// Nothing left to step: checks and DTLS run by themselves.
					entry: 'stopAutoRun',
					always: [
						{
							guard: 'connected',
							target: 'connected',
							actions: ['stopAutoRun', { type: 'note', params: { text: 'connected (ICE + DTLS)' } }]
						},
						{ guard: 'failed', target: 'failed', actions: 'stopAutoRun' }
					]
				},
				connected: {
					invoke: {
						src: 'pollStats',
						// The caller offers, so it is the controlling ICE agent (RFC 8445 §6.1.1).
						input: ({ context }) => ({
							peers: context.peers!,
							intervalMs: clampStatsInterval(context.config.statsIntervalMs),
							controlling: (context.role === 'caller' ? ['A'] : []) as PeerId[]
						}),
						onError: { actions: 'recordError' }
					},
					on: {
						// Connected: the exchange is complete, nothing to bring up to date.
						'signal.resync': { actions: [] },
						'chat.send': { actions: 'sendChat' },
						'stats.report': { actions: 'recordStats' },
						// The poller takes its period when it starts: start it again.
						'lab.statsInterval': {
							target: 'connected',
							reenter: true,
							actions: 'setStatsInterval'
						},
						'lab.restartIce': { guard: 'caller', target: 'restartingIce' },
						// "Force TURN now": relay-only gathering from here on, and an ICE restart.
						'lab.forceTurn': {
							guard: 'caller',
							target: 'restartingIce',
							actions: assign({ forcedTurn: true })
						}
					},
					always: [
						{ guard: 'failed', target: 'failed' },
						// A renegotiation from the caller (an ICE restart): answer it at once.
						{ guard: and(['offerArrived', not('caller')]), target: 'settingRemoteOffer' }
					]
				},
				restartingIce: {
					invoke: {
						src: 'restartIce',
						input: ({ context }) => ({
							peers: context.peers!,
							waitForGathering: !context.config.trickle,
							relayServers: context.forcedTurn
								? serversFor(conditionById('relay-only'), context.iceServers)
								: null
						}),
						onDone: {
							target: 'sendingOffer',
							actions: [
								'newNegotiation',
								{ type: 'storeLocal', params: { reason: 'ICE restart' } },
								{ type: 'note', params: { text: 'restartIce() + setLocalDescription()' } }
							]
						},
						onError: { target: 'failed', actions: 'recordError' }
					}
				},
				failed: {
					entry: 'stopAutoRun',
					on: { 'lab.restartIce': { guard: 'caller', target: 'restartingIce' } },
					// A new offer from the caller (an ICE restart, or an offer sent after a refused one):
					// a new attempt, so the last failure is over. A refused offer has left the inbox.
					always: {
						guard: and(['offerArrived', not('caller')]),
						target: 'settingRemoteOffer',
						actions: 'clearError'
					}
				},
				closing: {
					entry: 'closePeer',
					on: { 'pc.closed': 'closed', 'signal.resync': { actions: [] } }
				},
				closed: { on: { 'signal.resync': { actions: [] } } }
			}
		}
	}
});

type Next = { guard?: 'mediaMode' | 'caller'; target: string; actions?: unknown };

/**
 * A state that waits for "Next step" (or moves on by itself while "Run to connected" plays).
 * `next` lists the possible next states, first matching guard wins.
 */
function pause(next: Next[]) {
	const auto = (guard: 'autoRun' | 'autoRunNow') =>
		next.map((n) => ({ ...n, guard: n.guard ? and([guard, n.guard]) : guard }));
	return {
		tags: ['paused'],
		on: { 'lab.step': next },
		always: auto('autoRunNow'),
		after: { stepDelay: auto('autoRun') }
	} as never;
}

/** What the resync notice names: the descriptions and how many candidates were sent again. */
function describeResent(records: OutgoingRecord[]) {
	const descriptions = records.flatMap((r) =>
		r.message.type === 'offer' || r.message.type === 'answer' ? [r.message.type] : []
	);
	return {
		kind: 'resent' as const,
		descriptions,
		candidates: records.length - descriptions.length
	};
}

function toPeersCommand(message: Extract<RelayMessage, { type: 'candidate' }>): PeersCommand {
	return {
		type: 'signal.candidate',
		to: YOU,
		candidate: message.candidate?.candidate ?? null,
		sdpMid: message.candidate?.sdpMid ?? null,
		sdpMLineIndex: message.candidate?.sdpMLineIndex ?? null
	};
}
