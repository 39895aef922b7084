// The remote lab: one RTCPeerConnection in this page ("you", peer A), the other side somewhere
// else, and our WebSocket signaling server in between. The story is the same JSEP exchange as in
// the loopback lab, told from one side: the caller (first in the room) offers, the callee answers.
//
//   caller: create peer → media or data channel → createOffer → setLocalDescription → send offer
//           → (wait for the answer) → setRemoteDescription → ICE → connected
//   callee: create peer → [media] → (wait for the offer) → setRemoteDescription → createAnswer
//           → setLocalDescription → send answer → ICE → connected
//
// The order is the step table's (steps.ts, REMOTE_STEPS per role and mode): `stepStates` (jsep.ts)
// builds the states, with the same waiting, holds and "Run to connected" as the loopback lab.
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

import { and, assign, fromCallback, fromPromise, not, setup } from 'xstate';
import type { RelayMessage, Role, ServerMessage } from '$lib/core/signaling/protocol';
import type { SignalingReason, SignalingStatus } from './transports/websocket';
import type {
	Description,
	LabConfig,
	LabEvent,
	PeerId,
	PeersCommand,
	PeersHandle,
	PeersInput,
	PeerView
} from './types';
import {
	conditionById,
	filterSdpCandidates,
	passesCondition,
	serversFor,
	type IceServerLike
} from '$lib/core/ice/conditions';
import { defaultConfig } from './types';
import { heldIn, leadsTo, REMOTE_CHAINS } from './steps';
import {
	callLabel,
	candidateLogLabel,
	mediaLogLabel,
	type LogEvent,
	type LogLabel
} from './log-labels';
import {
	emptyPeerView,
	lastState,
	remember,
	withInitialStates,
	withStateChange
} from './peer-view';
import {
	call,
	canAdvance,
	collectFor,
	HISTORY_REASON,
	iceChecking,
	jsepActions,
	jsepActors,
	jsepGuards,
	notProvided,
	on,
	pollStats,
	stepStates,
	until,
	type JsepContext,
	type StepInput
} from './jsep';

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

export interface RemoteContext extends JsepContext {
	room: string;
	via: SignalingVia;
	signaling: SignalingStatus;
	role: 'caller' | 'callee' | null;
	peerId: string | null;
	/** The other peer's id while it is in the room. */
	remotePeerId: string | null;
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
	/**
	 * Something the learner should know that is not an error (peer left, reconnecting …), as data:
	 * the page says it in the learner's language.
	 */
	notice: RemoteNotice | null;
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
	/** How the diagram names it: `offer (SDP)`, `candidate host udp` … (worded by the page). */
	label: LogLabel;
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
	| { kind: 'reconnecting'; reason: SignalingReason; seconds: number; attempt: number }
	| { kind: 'signaling-closed'; reason: SignalingReason }
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
	/** States no step may enter for now (a lesson's unanswered predictions). */
	holdBefore?: string[];
}

const YOU: PeerId = 'A';

/**
 * Where each step leads, in either role: from a state that waits for the learner, the states the
 * next step passes through up to the next wait (from the step table).
 */
export const REMOTE_LEADS_TO: Readonly<Record<string, readonly string[]>> = leadsTo(REMOTE_CHAINS);

/** The state `holdBefore` keeps the remote lab's next step out of while it waits in `state`. */
export const remoteHeldAt = (state: string, holdBefore: readonly string[]): string | null =>
	heldIn(REMOTE_LEADS_TO, state, holdBefore);

const sessionContext = () => ({
	autoRun: false,
	runHeld: false,
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
		? ('signalingDown' as const)
		: ('noPeer' as const);

/** An arrow from the server to you (presence, errors): the server itself speaks. */
const fromServer = (label: LogLabel): LogEvent => ({ from: 'S', to: 'A', label });

const JOIN: LogEvent = { from: 'A', to: 'S', label: { id: 'signal', type: 'join' } };

/** The room as it stands, for a diagram started afresh by Reset. */
const roomLog = (context: RemoteContext): LogEvent[] =>
	context.role === null
		? []
		: [
				JOIN,
				fromServer({ id: 'joined', role: context.role }),
				...(context.remotePeerId ? [fromServer({ id: 'peerJoined', sameSeat: false })] : [])
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
	items: { message: RelayMessage; label: LogLabel }[],
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
				label: { id: 'held', because: heldBecause(context as RemoteContext), label },
				kind: 'note'
			});
		}
	}
	const outgoing = record
		? [...context.outgoing, ...items.map((item) => ({ ...item, pairing }))]
		: context.outgoing;
	return { patch: { log, signals, outgoing }, sends };
}

/** An arrow from you to the remote peer through the server, or back. */
const crossing = (direction: 'out' | 'in', label: LogLabel): LogEvent[] =>
	direction === 'out'
		? [
				{ from: 'A', to: 'S', label },
				{ from: 'S', to: 'B', label }
			]
		: [
				{ from: 'B', to: 'S', label },
				{ from: 'S', to: 'A', label }
			];

/** A step's input: this page's peer makes the call. */
const onYou = ({ context }: { context: RemoteContext }): StepInput => ({
	peers: context.peers!,
	peer: YOU
});

/** setLocalDescription with the description this page made (waits for gathering without trickle). */
const setLocal =
	(key: 'offer' | 'answer') =>
	({ context }: { context: RemoteContext }) => ({
		...onYou({ context }),
		description: context[key]!,
		waitForGathering: !context.config.trickle
	});

/** setRemoteDescription with what the remote peer sent (taken out of the inbox once applied). */
const setIncoming = ({ context }: { context: RemoteContext }) => ({
	...onYou({ context }),
	description: context.incoming!
});

/** A note over this page's peer: an API call as written, or a label the page words. */
const note = (label: string | LogLabel) => ({
	type: 'note' as const,
	params: { label: typeof label === 'string' ? callLabel(label) : label }
});
const storeLocal = (reason: string) => ({ type: 'storeLocal', params: { reason } });
const sendDescription = (type: 'offer' | 'answer') => ({
	type: 'sendDescription',
	params: { type }
});
/** A refused description leaves the inbox: the step fails once, never loops on it. */
const refused = ['recordError', 'refuseIncoming'];

/** One side's JSEP steps, as the step table orders them for the caller and the callee. */
const steps = stepStates(REMOTE_CHAINS, {
	creatingPeer: on('pc.created', 'storePeers'),
	addingMedia: call(
		'addMedia',
		// The synthetic video says which side sends it (both are peer A of their page).
		({ context }: { context: RemoteContext }) => ({
			peers: context.peers!,
			config: context.config,
			label: context.role ?? undefined
		}),
		['recordLocalStream', 'noteMedia']
	),
	creatingDataChannel: call('createDataChannel', onYou, note("createDataChannel('chat')")),
	creatingOffer: call('createOffer', onYou, [storeLocal('createOffer()'), note('createOffer()')]),
	settingLocalOffer: call('setLocalDescription', setLocal('offer'), [
		storeLocal(HISTORY_REASON.local),
		note('setLocalDescription(offer)')
	]),
	/** The server relays only to a peer in the room: wait for one if needed. */
	sendingOffer: until('remotePresent', sendDescription('offer')),
	waitingForAnswer: until('answerArrived'),
	settingRemoteAnswer: call(
		'setRemoteDescription',
		setIncoming,
		['applyIncoming', note('setRemoteDescription(answer)')],
		refused
	),
	waitingForOffer: until('offerArrived'),
	settingRemoteOffer: call(
		'setRemoteDescription',
		setIncoming,
		['applyIncoming', note('setRemoteDescription(offer)')],
		refused
	),
	creatingAnswer: call('createAnswer', onYou, [
		storeLocal('createAnswer()'),
		note('createAnswer()')
	]),
	settingLocalAnswer: call('setLocalDescription', setLocal('answer'), [
		storeLocal(HISTORY_REASON.local),
		note('setLocalDescription(answer)')
	]),
	sendingAnswer: (done) => ({ entry: sendDescription('answer'), always: done }),
	iceChecking: iceChecking({
		connected: 'connected',
		failed: 'failed',
		note: note({ id: 'connected' }),
		controlling: controllingOf
	})
});

/** The caller offers, so it is the controlling ICE agent (RFC 8445 §6.1.1). */
function controllingOf(context: JsepContext): PeerId[] {
	return (context as RemoteContext).role === 'caller' ? [YOU] : [];
}

const collect = collectFor<RemoteContext, RemoteEvent>();
const liveCall = canAdvance(REMOTE_LEADS_TO.connected ?? []);
const start = canAdvance(REMOTE_LEADS_TO.idle ?? []);

export const remoteMachine = setup({
	types: {
		context: {} as RemoteContext,
		events: {} as RemoteEvent,
		input: {} as RemoteInput
	},
	actors: {
		...jsepActors('remote lab'),
		/** The WebSocket to /signal: joins the room, reconnects, relays. Lives with the page. */
		signaling: fromCallback<SignalingCommand, { room: string; via: SignalingVia }>(
			notProvided('remote lab', 'signaling')
		),
		peerConnection: fromCallback<PeersCommand, PeersInput>(
			notProvided('remote lab', 'peerConnection')
		),
		/** restartIce() and a new offer, on a live connection (caller only). */
		restartIce: fromPromise<
			Description,
			{ peers: PeersHandle; waitForGathering: boolean; relayServers: IceServerLike[] | null }
		>(notProvided('remote lab', 'restartIce'))
	},
	delays: {
		stepDelay: ({ context }) => context.delayMs
	},
	guards: {
		...jsepGuards,
		joined: ({ context }) => context.role !== null,
		caller: ({ context }) => context.role === 'caller',
		remotePresent: ({ context }) => context.remotePeerId !== null,
		offerArrived: ({ context }) => context.incoming?.type === 'offer',
		answerArrived: ({ context }) => context.incoming?.type === 'answer',
		connected: ({ context }) => lastState(context.you, 'connectionState') === 'connected',
		failed: ({ context }) => lastState(context.you, 'connectionState') === 'failed'
	},
	actions: {
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
								{ from: 'A', to: 'S', label: { id: 'connectionLost' }, kind: 'note' as const }
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
		receive: collect(({ context, event, enqueue }) => {
			if (event.type !== 'signal.message') return;
			const message = event.message;
			enqueue.assign({
				signals: withSignal(context.signals, {
					direction: 'received',
					type: message.type,
					...('code' in message && typeof message.code === 'string' ? { code: message.code } : {})
				})
			});
			const log = (...events: LogEvent[]) => enqueue.assign({ log: [...context.log, ...events] });
			switch (message.type) {
				case 'joined': {
					const pinned = context.peers !== null && context.role !== null;
					enqueue.assign({
						role: pinned ? context.role : message.role,
						peerId: message.peerId,
						remotePeerId: message.peers[0] ?? null,
						// A refusal from before (room-full while the old seat was held) is over.
						error: context.error?.step === 'signaling' ? null : context.error,
						log: [...context.log, JOIN, fromServer({ id: 'joined', role: message.role })]
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
					log(fromServer({ id: 'peerJoined', sameSeat: message.resumed === true }));
					enqueue.raise({ type: 'signal.resync' });
					break;
				}
				case 'peer-left':
					enqueue.assign({
						remotePeerId: null,
						notice: { kind: 'peer-left' }
					});
					log(fromServer({ id: 'signal', type: 'peer-left' }));
					break;
				case 'offer':
				case 'answer': {
					const label: LogLabel = { id: 'sdp', type: message.type };
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
							label: { id: 'descriptionIgnored', type: message.type, why: 'known' },
							kind: 'note'
						});
						break;
					}
					if (context.refused.some((d) => d.type === message.type && d.sdp === message.sdp)) {
						log(...crossing('in', label), {
							from: 'A',
							to: 'A',
							label: { id: 'descriptionIgnored', type: message.type, why: 'refused' },
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
					const label = candidateLogLabel(message.candidate?.candidate ?? null);
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
					log(...crossing('in', { id: 'signal', type: 'bye' }));
					break;
				case 'error':
					log(fromServer({ id: 'serverError', code: message.code }));
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
		resync: collect(({ context, enqueue }) => {
			const pairing = pairingOf(context);
			if (!pairing) return;
			const missing = context.outgoing.filter((r) => r.pairing !== pairing);
			if (!missing.length) return;
			const again = missing.some((r) => r.pairing !== null);
			const { patch, sends } = outbound(
				{ ...context, outgoing: [] },
				missing.map((r) => ({
					message: r.message,
					label: { id: 'resent', wasHeld: r.pairing === null, label: r.label }
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
		storePeers: collect(({ context, event, enqueue }) => {
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
					{ from: 'A', to: 'A', label: callLabel('new RTCPeerConnection()'), kind: 'note' }
				]
			});
		}),
		recordPcState: assign(({ context, event }) => ({ you: withStateChange(context.you, event) })),
		/** Trickle ICE over the server: each local candidate is relayed to the remote peer. */
		sendCandidate: collect(({ context, event, enqueue }) => {
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
				{ message: { type: 'candidate', candidate }, label: candidateLogLabel(event.candidate) }
			]);
			enqueue.assign(patch);
			for (const message of sends)
				enqueue.sendTo('signaling', { type: 'send', message } satisfies SignalingCommand);
		}),
		sendDescription: collect(({ context, enqueue }, params: { type: 'offer' | 'answer' }) => {
			const description = params.type === 'offer' ? context.offer : context.answer;
			if (!description) return;
			const sdp = filterSdpCandidates(description.sdp, conditionById(context.config.network));
			const { patch, sends } = outbound(context, [
				{ message: { type: params.type, sdp }, label: { id: 'sdp', type: params.type } }
			]);
			enqueue.assign(patch);
			for (const message of sends)
				enqueue.sendTo('signaling', { type: 'send', message } satisfies SignalingCommand);
		}),
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
				log: [...context.log, { from: 'B', to: 'A', label: { id: 'chat', text: event.text } }]
			};
		}),
		sendChat: collect(({ context, event, enqueue }) => {
			if (event.type !== 'chat.send') return;
			enqueue.sendTo('peers', {
				type: 'chat.send',
				from: YOU,
				text: event.text
			} satisfies PeersCommand);
			enqueue.assign({
				chat: [...context.chat, { from: YOU, text: event.text, atMs: 0 }],
				log: [...context.log, { from: 'A', to: 'B', label: { id: 'chat', text: event.text } }]
			});
		}),
		closePeer: collect(({ context, enqueue }) => {
			enqueue.sendTo('peers', { type: 'close' } satisfies PeersCommand);
			// `bye` is not kept for later: a peer that joins afterwards has nothing to hang up.
			const { patch, sends } = outbound(
				context,
				[{ message: { type: 'bye' }, label: { id: 'signal', type: 'bye' } }],
				false
			);
			enqueue.assign(patch);
			for (const message of sends)
				enqueue.sendTo('signaling', { type: 'send', message } satisfies SignalingCommand);
		}),
		dropSignaling: collect(({ enqueue }) =>
			enqueue.sendTo('signaling', { type: 'drop' } satisfies SignalingCommand)
		),
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
				history: remember(context.history, 'B', incoming, HISTORY_REASON.signaled)
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
						label: {
							id: 'candidateRefused',
							candidate: candidateLogLabel(event.candidate)
						},
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
						label: { id: 'descriptionRefused', type: incoming.type },
						kind: 'note' as const
					}
				]
			};
		}),
		note: assign(({ context }, params: { label: LogLabel }) => ({
			log: [...context.log, { from: 'A', to: 'A', label: params.label, kind: 'note' as const }]
		})),
		/** What made the tracks: getUserMedia, or the canvas and WebAudio sources (or both). */
		noteMedia: assign(({ context }) => ({
			log: [
				...context.log,
				{ from: 'A', to: 'A', label: mediaLogLabel(context.config), kind: 'note' as const }
			]
		})),
		...jsepActions<RemoteContext, RemoteEvent>()
	}
}).createMachine({
	id: 'remote',
	context: ({ input }) => ({
		room: input.room,
		via: input.via ?? 'server',
		config: { ...defaultConfig, ...input.config },
		delayMs: input.delayMs ?? 300,
		holdBefore: input.holdBefore ?? [],
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
		'lab.hold': { actions: 'setHold' },
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
					log: [...context.log, fromServer({ id: 'peerJoined', sameSeat: false })]
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
				'lab.step': { guard: and(['joined', start]), target: 'session' },
				'lab.run': { guard: and(['joined', start]), target: 'session', actions: 'startAutoRun' }
			}
		},
		session: {
			invoke: {
				id: 'peers',
				src: 'peerConnection',
				input: ({ context }) => ({ config: context.config, iceServers: context.iceServers })
			},
			on: {
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
			initial: steps.initial,
			states: {
				...(steps.states as Record<string, never>),
				connected: {
					invoke: pollStats(controllingOf),
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
						'lab.restartIce': { guard: and(['caller', liveCall]), target: 'restartingIce' },
						// "Force TURN now": relay-only gathering from here on, and an ICE restart.
						'lab.forceTurn': {
							guard: and(['caller', liveCall]),
							target: 'restartingIce',
							actions: 'markForcedTurn'
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
								{ type: 'storeLocal', params: { reason: HISTORY_REASON.restart } },
								note('restartIce() + setLocalDescription()')
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
