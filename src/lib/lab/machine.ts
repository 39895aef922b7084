// The loopback lab as a statechart. It tells the JSEP story (RFC 9429) one step at a time:
//
//   create peers → data channel or media → createOffer → A.setLocalDescription → offer signaled
//   → B.setRemoteDescription → createAnswer → B.setLocalDescription → answer signaled
//   → A.setRemoteDescription → ICE checking → connected
//
// The order is the step table's (steps.ts, LAB_STEPS): `stepStates` (jsep.ts) builds a "doing"
// state per step and a waiting state between two steps; this file says only what each doing state
// does — the one actor it invokes (the only place a WebRTC call happens) and what it records. The
// machine itself never touches WebRTC: the actors are placeholders that actors.ts replaces with
// real ones via `.provide()`, and tests replace with fakes.

import { assign, fromCallback, fromPromise, sendTo, setup } from 'xstate';
import type {
	CandidateEntry,
	Description,
	LabConfig,
	LabEvent,
	MediaChange,
	MediaSettings,
	PeerId,
	PeersCommand,
	PeersHandle,
	PeerView
} from './types';
import { applyMediaSettings, defaultMediaSettings, mediaChangeCall } from './types';
import { heldIn, LAB_CHAINS, leadsTo, type LabWaitingState } from './steps';
import {
	callLabel,
	candidateLogLabel,
	mediaLogLabel,
	type DescriptionType,
	type LogEvent,
	type LogLabel
} from './log-labels';
import { deliveredCount, sdpCandidates } from '$lib/core/ice/failure';
import { defaultConfig } from './types';
import type { PeersInput } from './types';
import {
	conditionById,
	passesCondition,
	serversFor,
	type IceServerLike
} from '$lib/core/ice/conditions';
import {
	emptyPeerView,
	lastState,
	remember,
	withInitialStates,
	withStateChange,
	type DescriptionVersion
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
	leafState,
	notProvided,
	on,
	pollStats,
	stepStates,
	type JsepContext,
	type StepInput
} from './jsep';

export { leafState, remember, type DescriptionVersion };

export interface LabContext extends JsepContext {
	peer: Record<PeerId, PeerView>;
	/** Peer A's media as the media controls left it (audio + video mode). */
	media: MediaSettings;
	/** The last media change: its API call, and the error if the browser refused it. */
	mediaChange: { call: string; error: string | null } | null;
	/** The change being applied (changingMedia). */
	pendingMedia: MediaChange | null;
}

export interface LabInput {
	config?: Partial<LabConfig>;
	delayMs?: number;
	iceServers?: IceServerLike[];
	holdBefore?: string[];
}

/**
 * Where each step leads: from a state that waits for the learner, the states the next step passes
 * through up to the next wait (from the step table). A hold on any of them keeps the lab waiting.
 * Keyed by the waiting states' names as the table's types spell them (jsep.test.ts checks the
 * keys), so pages can index it by name.
 */
export const STEP_LEADS_TO = leadsTo(LAB_CHAINS) as unknown as Readonly<
	Record<LabWaitingState, readonly string[]>
>;

/** The state `holdBefore` keeps the lab's next step out of while it waits in `state`; or null. */
export const heldAt = (state: string, holdBefore: readonly string[]): string | null =>
	heldIn(STEP_LEADS_TO as Record<string, readonly string[]>, state, holdBefore);

const freshContext = (
	config: LabConfig,
	delayMs: number,
	iceServers: IceServerLike[],
	holdBefore: string[] = []
): LabContext => ({
	config,
	delayMs,
	iceServers,
	holdBefore,
	media: defaultMediaSettings,
	mediaChange: null,
	pendingMedia: null,
	iceErrors: [],
	forcedTurn: false,
	autoRun: false,
	runHeld: false,
	peers: null,
	peer: { A: emptyPeerView(), B: emptyPeerView() },
	offer: null,
	answer: null,
	history: [],
	log: [],
	chat: [],
	stats: null,
	pairs: {},
	reports: {},
	error: null
});

/** A step's input: the peers and which of them makes the call. */
const onPeer =
	(peer: PeerId) =>
	({ context }: { context: LabContext }): StepInput => ({ peers: context.peers!, peer });

/** setLocalDescription on `peer` with the description it made (waits for gathering without trickle). */
const setLocal =
	(peer: PeerId, key: 'offer' | 'answer') =>
	({ context }: { context: LabContext }) => ({
		...onPeer(peer)({ context }),
		description: context[key]!,
		waitForGathering: !context.config.trickle
	});

const setRemote =
	(peer: PeerId, key: 'offer' | 'answer') =>
	({ context }: { context: LabContext }) => ({
		...onPeer(peer)({ context }),
		description: context[key]!
	});

/** The description crosses the signaling channel from `from` (the simulated network may filter). */
const signalFrom =
	(from: PeerId, key: 'offer' | 'answer') =>
	({ context }: { context: LabContext }) => ({
		from,
		description: context[key]!,
		network: context.config.network
	});

/** A note over one peer (or both): an API call as written, or a label the page words. */
const note = (peer: PeerId | 'AB', label: string | LogLabel) => ({
	type: 'note',
	params: { peer, label: typeof label === 'string' ? callLabel(label) : label }
});
/** The description crosses the signaling channel: two arrows, through S. */
const logSignal = (from: PeerId, to: PeerId, type: DescriptionType) => ({
	type: 'logSignal',
	params: { from, to, label: { id: 'sdp', type } satisfies LogLabel }
});
const store = (key: 'offer' | 'answer', reason: string) => ({
	type: key === 'offer' ? 'storeOffer' : 'storeAnswer',
	params: { reason }
});

/** The loopback lab's JSEP steps, as the step table orders them. */
const steps = stepStates(LAB_CHAINS, {
	creatingPeers: on('pc.created', ['storePeers', note('AB', 'new RTCPeerConnection()')]),
	addingMedia: call(
		'addMedia',
		({ context }: { context: LabContext }) => ({ peers: context.peers!, config: context.config }),
		['recordLocalStreams', 'noteMedia']
	),
	creatingDataChannel: call(
		'createDataChannel',
		onPeer('A'),
		note('A', "createDataChannel('chat')")
	),
	creatingOffer: call('createOffer', onPeer('A'), [
		store('offer', 'createOffer()'),
		note('A', 'createOffer()')
	]),
	settingLocalOffer: call('setLocalDescription', setLocal('A', 'offer'), [
		store('offer', HISTORY_REASON.local),
		note('A', 'setLocalDescription(offer)')
	]),
	signalingOffer: call('signal', signalFrom('A', 'offer'), [
		store('offer', HISTORY_REASON.signaled),
		logSignal('A', 'B', 'offer')
	]),
	settingRemoteOffer: call(
		'setRemoteDescription',
		setRemote('B', 'offer'),
		note('B', 'setRemoteDescription(offer)')
	),
	creatingAnswer: call('createAnswer', onPeer('B'), [
		store('answer', 'createAnswer()'),
		note('B', 'createAnswer()')
	]),
	settingLocalAnswer: call('setLocalDescription', setLocal('B', 'answer'), [
		store('answer', HISTORY_REASON.local),
		note('B', 'setLocalDescription(answer)')
	]),
	signalingAnswer: call('signal', signalFrom('B', 'answer'), [
		store('answer', HISTORY_REASON.signaled),
		logSignal('B', 'A', 'answer')
	]),
	settingRemoteAnswer: call(
		'setRemoteDescription',
		setRemote('A', 'answer'),
		note('A', 'setRemoteDescription(answer)')
	),
	iceChecking: iceChecking({
		connected: 'bothConnected',
		failed: 'anyFailed',
		note: note('AB', { id: 'connected' }),
		// A offers, so in JSEP it is the controlling ICE agent (RFC 8445 §6.1.1).
		controlling: () => ['A'],
		more: [
			{
				guard: 'nothingToCheck',
				target: 'failed',
				actions: ['stopAutoRun', 'recordNothingToCheck']
			}
		]
	})
});

const liveCall = canAdvance(STEP_LEADS_TO.connected);

/** A new offer from A and B's answer, both across signaling (renegotiation, ICE restart). */
const signalBoth = (why: 'renegotiation' | 'restart'): LogEvent[] => {
	const offer: LogLabel = { id: 'sdp', type: 'offer', why };
	const answer: LogLabel = { id: 'sdp', type: 'answer', why };
	return [
		{ from: 'A', to: 'S', label: offer },
		{ from: 'S', to: 'B', label: offer },
		{ from: 'B', to: 'S', label: answer },
		{ from: 'S', to: 'A', label: answer }
	];
};

export const labMachine = setup({
	types: {
		context: {} as LabContext,
		events: {} as LabEvent,
		input: {} as LabInput
	},
	actors: {
		...jsepActors('lab'),
		/** Creates both RTCPeerConnections, forwards their events, closes them when stopped. */
		peerConnections: fromCallback<PeersCommand, PeersInput>(notProvided('lab', 'peerConnections')),
		/** Carries a description across the signaling channel (in memory in the loopback lab). */
		signal: fromPromise<
			Description,
			{ from: PeerId; description: Description; network: LabConfig['network'] }
		>(notProvided('lab', 'signal')),
		/** A whole new offer/answer round on live peers (here: with restartIce()). */
		renegotiate: fromPromise<
			Renegotiation,
			{
				peers: PeersHandle;
				waitForGathering: boolean;
				/** "Force TURN now": relay-only policy and the lab's TURN servers before restarting. */
				relayServers: IceServerLike[] | null;
				network: LabConfig['network'];
			}
		>(notProvided('lab', 'renegotiate')),
		applyMediaChange: fromPromise<
			Renegotiation | null,
			{
				peers: PeersHandle;
				change: MediaChange;
				waitForGathering: boolean;
				network: LabConfig['network'];
			}
		>(notProvided('lab', 'applyMediaChange'))
	},
	delays: {
		stepDelay: ({ context }) => context.delayMs
	},
	guards: {
		...jsepGuards,
		/**
		 * Gathering is over on both sides and not one candidate reached either peer: ICE has no
		 * pair to check and would wait in "new" forever (browsers never report failed then).
		 */
		nothingToCheck: ({ context }) =>
			lastState(context.peer.A, 'iceGatheringState') === 'complete' &&
			lastState(context.peer.B, 'iceGatheringState') === 'complete' &&
			deliveredTo(context, 'A') === 0 &&
			deliveredTo(context, 'B') === 0,
		bothConnected: ({ context }) =>
			lastState(context.peer.A, 'connectionState') === 'connected' &&
			lastState(context.peer.B, 'connectionState') === 'connected',
		anyFailed: ({ context }) =>
			lastState(context.peer.A, 'connectionState') === 'failed' ||
			lastState(context.peer.B, 'connectionState') === 'failed'
	},
	actions: {
		reset: assign(({ context }) =>
			freshContext(context.config, context.delayMs, context.iceServers, context.holdBefore)
		),
		recordNothingToCheck: assign({
			error: {
				step: 'iceChecking',
				// Worded by the page by its name (the ICE failure panel says why); no prose here.
				name: 'NoCandidatePairs',
				message: ''
			}
		}),
		storePeers: assign(({ context, event }) => {
			if (event.type !== 'pc.created') return {};
			return {
				peers: event.peers,
				peer: {
					A: withInitialStates(context.peer.A, event.initial?.A),
					B: withInitialStates(context.peer.B, event.initial?.B)
				}
			};
		}),
		recordPcState: assign(({ context, event }) => {
			if (!('peer' in event) || !('atMs' in event)) return {};
			return {
				peer: { ...context.peer, [event.peer]: withStateChange(context.peer[event.peer], event) }
			};
		}),
		recordCandidate: assign(({ context, event }) => {
			if (event.type !== 'pc.icecandidate') return {};
			const view = context.peer[event.peer];
			const entry: CandidateEntry = {
				candidate: event.candidate,
				sdpMid: event.sdpMid,
				atMs: event.atMs,
				...(event.relayProtocol ? { relayProtocol: event.relayProtocol } : {})
			};
			return {
				peer: {
					...context.peer,
					[event.peer]: { ...view, candidates: [...view.candidates, entry] }
				}
			};
		}),
		/**
		 * Trickle ICE (RFC 8838): each candidate crosses the signaling channel as soon as it is found;
		 * a null candidate is end-of-candidates. Without trickle, they travel inside the SDP instead.
		 */
		trickleCandidate: collectFor<LabContext, LabEvent>()(({ context, event, enqueue }) => {
			if (event.type !== 'pc.icecandidate' || !context.config.trickle) return;
			const to = event.peer === 'A' ? 'B' : 'A';
			const label = candidateLogLabel(event.candidate);
			if (!passesCondition(conditionById(context.config.network), event.candidate)) {
				// The simulated network drops it: it reaches the signaling channel, never the peer.
				enqueue.assign({
					log: [
						...context.log,
						{ from: event.peer, to: 'S', label: { id: 'candidateDropped', candidate: label } }
					]
				});
				return;
			}
			enqueue.assign({
				log: [
					...context.log,
					{ from: event.peer, to: 'S', label, atMs: event.atMs },
					{ from: 'S', to, label, atMs: event.atMs }
				]
			});
			enqueue.sendTo('peers', {
				type: 'signal.candidate',
				to,
				candidate: event.candidate,
				sdpMid: event.sdpMid,
				sdpMLineIndex: event.sdpMLineIndex
			} satisfies PeersCommand);
		}),
		recordTrack: assign(({ context, event }) => {
			if (event.type !== 'pc.track') return {};
			const view = context.peer[event.peer];
			return { peer: { ...context.peer, [event.peer]: { ...view, remoteStream: event.stream } } };
		}),
		recordLocalStreams: assign(({ context, event }) => {
			const output = (event as unknown as { output?: Partial<Record<PeerId, MediaStream>> }).output;
			if (!output) return {};
			return {
				peer: {
					A: { ...context.peer.A, localStream: output.A ?? null },
					B: { ...context.peer.B, localStream: output.B ?? null }
				}
			};
		}),
		recordDataChannelState: assign(({ context, event }) => {
			if (event.type !== 'dc.statechange') return {};
			const view = context.peer[event.peer];
			return {
				peer: { ...context.peer, [event.peer]: { ...view, dataChannelState: event.value } }
			};
		}),
		recordChat: assign(({ context, event }) => {
			if (event.type !== 'dc.message') return {};
			const from = event.peer === 'A' ? 'B' : 'A';
			return {
				chat: [...context.chat, { from, text: event.text, atMs: event.atMs }],
				log: [
					...context.log,
					{ from, to: event.peer, label: { id: 'chat', text: event.text }, atMs: event.atMs }
				]
			};
		}),
		sendChat: sendTo('peers', ({ event }) =>
			event.type === 'chat.send'
				? ({ type: 'chat.send', from: event.from, text: event.text } satisfies PeersCommand)
				: ({ type: 'close' } satisfies PeersCommand)
		),
		closePeers: sendTo('peers', { type: 'close' } satisfies PeersCommand),
		/** A candidate from the other peer that addIceCandidate refused: a note, the call goes on. */
		noteCandidateRefused: assign(({ context, event }) => {
			if (event.type !== 'pc.candidaterefused') return {};
			const label: LogLabel = {
				id: 'candidateRefused',
				name: event.name,
				candidate: candidateLogLabel(event.candidate)
			};
			return {
				log: [
					...context.log,
					{ from: event.peer, to: event.peer, label, kind: 'note' as const, atMs: event.atMs }
				]
			};
		}),
		note: assign(({ context }, params: { peer: PeerId | 'AB'; label: LogLabel }) => ({
			log: [
				...context.log,
				params.peer === 'AB'
					? { from: 'A', to: 'B', label: params.label, kind: 'note' as const }
					: { from: params.peer, to: params.peer, label: params.label, kind: 'note' as const }
			]
		})),
		/** What made the tracks: getUserMedia, or the canvas and WebAudio sources (or both). */
		noteMedia: assign(({ context }) => ({
			log: [
				...context.log,
				{ from: 'A', to: 'B', label: mediaLogLabel(context.config), kind: 'note' as const }
			]
		})),
		storeOffer: assign(({ context, event }, params: { reason: string }) => {
			const offer = (event as unknown as { output: Description }).output;
			return { offer, history: remember(context.history, 'A', offer, params.reason) };
		}),
		storeAnswer: assign(({ context, event }, params: { reason: string }) => {
			const answer = (event as unknown as { output: Description }).output;
			return { answer, history: remember(context.history, 'B', answer, params.reason) };
		}),
		storeMediaChange: assign(({ context, event }) => {
			const output = (event as unknown as { output: Renegotiation | null }).output;
			const change = context.pendingMedia!;
			const call = mediaChangeCall(change);
			const media = applyMediaSettings(context.media, change);
			const note = {
				from: 'A' as const,
				to: 'A' as const,
				label: callLabel(call),
				kind: 'note' as const
			};
			if (!output)
				return { media, mediaChange: { call, error: null }, log: [...context.log, note] };
			const history = remember(
				remember(context.history, 'A', output.offer, call),
				'B',
				output.answer,
				call
			);
			return {
				media,
				mediaChange: { call, error: null },
				offer: output.offer,
				answer: output.answer,
				history,
				log: [...context.log, note, ...signalBoth('renegotiation')]
			};
		}),
		recordMediaError: assign(({ context, event }) => {
			const error = (event as { error?: unknown }).error;
			const message =
				error && typeof error === 'object' && 'message' in error
					? String((error as { message: unknown }).message)
					: String(error);
			return { mediaChange: { call: mediaChangeCall(context.pendingMedia!), error: message } };
		}),
		storeRenegotiation: assign(({ context, event }) => {
			const { offer, answer } = (event as unknown as { output: Renegotiation }).output;
			const reason = HISTORY_REASON.restart;
			const history = remember(remember(context.history, 'A', offer, reason), 'B', answer, reason);
			return {
				offer,
				answer,
				history,
				log: [
					...context.log,
					{
						from: 'A',
						to: 'A',
						label: callLabel('restartIce() + setLocalDescription()'),
						kind: 'note' as const
					},
					...signalBoth('restart').slice(0, 2),
					{
						from: 'B',
						to: 'B',
						label: callLabel('setRemoteDescription() + setLocalDescription()'),
						kind: 'note' as const
					},
					...signalBoth('restart').slice(2)
				]
			};
		}),
		logSignal: assign(({ context }, params: { from: PeerId; to: PeerId; label: LogLabel }) => ({
			log: [
				...context.log,
				{ from: params.from, to: 'S', label: params.label },
				{ from: 'S', to: params.to, label: params.label }
			]
		})),
		...jsepActions<LabContext, LabEvent>()
	}
}).createMachine({
	id: 'lab',
	context: ({ input }) =>
		freshContext(
			{ ...defaultConfig, ...input?.config },
			input?.delayMs ?? 300,
			input?.iceServers ?? [],
			input?.holdBefore ?? []
		),
	initial: 'idle',
	on: {
		'lab.hold': { actions: 'setHold' },
		'lab.delay': { actions: 'setDelay' },
		'lab.statsInterval': { actions: 'setStatsInterval' },
		'lab.iceServers': { actions: 'setIceServers' },
		'lab.pause': { actions: 'stopAutoRun' },
		'lab.reset': { target: '.idle', actions: 'reset' }
	},
	states: {
		idle: {
			tags: ['paused'],
			on: {
				'lab.configure': { actions: 'configure' },
				'lab.step': { guard: canAdvance(STEP_LEADS_TO.idle), target: 'session' },
				'lab.run': {
					guard: canAdvance(STEP_LEADS_TO.idle),
					target: 'session',
					actions: 'startAutoRun'
				}
			}
		},
		session: {
			invoke: {
				id: 'peers',
				src: 'peerConnections',
				input: ({ context }) => ({ config: context.config, iceServers: context.iceServers })
			},
			on: {
				'lab.hold': { actions: 'setHold' },
				'pc.icecandidateerror': { actions: 'recordIceError' },
				'pc.signalingstatechange': { actions: 'recordPcState' },
				'pc.icegatheringstatechange': { actions: 'recordPcState' },
				'pc.iceconnectionstatechange': { actions: 'recordPcState' },
				'pc.connectionstatechange': { actions: 'recordPcState' },
				'pc.icecandidate': { actions: ['recordCandidate', 'trickleCandidate'] },
				'pc.candidaterefused': { actions: 'noteCandidateRefused' },
				'pc.track': { actions: 'recordTrack' },
				'dc.statechange': { actions: 'recordDataChannelState' },
				'dc.message': { actions: 'recordChat' },
				'lab.hangup': { target: '.closing' }
			},
			initial: steps.initial,
			states: {
				...(steps.states as Record<string, never>),
				connected: {
					// A offers, so in JSEP it is the controlling ICE agent (RFC 8445 §6.1.1).
					invoke: pollStats(() => ['A']),
					on: {
						'chat.send': { actions: 'sendChat' },
						'stats.report': { actions: 'recordStats' },
						// The poller takes its period when it starts: start it again.
						'lab.statsInterval': {
							target: 'connected',
							reenter: true,
							actions: 'setStatsInterval'
						},
						'lab.restartIce': { guard: liveCall, target: 'restartingIce' },
						'media.change': {
							guard: 'mediaMode',
							target: 'changingMedia',
							actions: assign(({ event }) => ({ pendingMedia: event.change }))
						},
						'lab.forceTurn': {
							guard: liveCall,
							target: 'restartingIce',
							actions: 'markForcedTurn'
						}
					},
					always: { guard: 'anyFailed', target: 'failed' }
				},
				/**
				 * A media control: one API call on Peer A, and a new offer/answer when the change is
				 * negotiated (codec preferences, direction). The call stays up either way.
				 */
				changingMedia: {
					invoke: {
						src: 'applyMediaChange',
						input: ({ context }) => ({
							peers: context.peers!,
							change: context.pendingMedia!,
							waitForGathering: !context.config.trickle,
							network: context.config.network
						}),
						onDone: { target: 'connected', actions: 'storeMediaChange' },
						onError: { target: 'connected', actions: 'recordMediaError' }
					},
					on: { 'chat.send': { actions: 'sendChat' } }
				},
				/** restartIce(): new ICE credentials, new candidates, same DTLS and data channel. */
				restartingIce: {
					invoke: {
						src: 'renegotiate',
						input: ({ context }) => ({
							peers: context.peers!,
							waitForGathering: !context.config.trickle,
							relayServers: context.forcedTurn
								? serversFor(conditionById('relay-only'), context.iceServers)
								: null,
							network: context.config.network
						}),
						onDone: { target: 'iceChecking', actions: 'storeRenegotiation' },
						onError: { target: 'failed', actions: 'recordError' }
					},
					on: { 'chat.send': { actions: 'sendChat' } }
				},
				failed: {
					entry: 'stopAutoRun'
				},
				closing: {
					entry: 'closePeers',
					on: { 'pc.closed': 'closed' }
				},
				closed: {}
			}
		}
	}
});

export interface Renegotiation {
	offer: Description;
	answer: Description;
}

/**
 * How many candidates reached `peer` from the other side: trickled ones the simulated network let
 * through, plus those inside the description as it was signaled (already filtered).
 */
export function deliveredTo(context: LabContext, peer: PeerId): number {
	const from: PeerId = peer === 'A' ? 'B' : 'A';
	const description = peer === 'A' ? context.answer : context.offer;
	const trickled = context.config.trickle
		? deliveredCount(
				context.peer[from].candidates.map((c) => c.candidate),
				conditionById(context.config.network)
			)
		: 0;
	return trickled + sdpCandidates(description?.sdp).length;
}

/** What "Why ICE failed" reads from a loopback run (the props of IceFailure.svelte but its language). */
export function iceFailureInput(context: LabContext) {
	return {
		gathered: {
			A: context.peer.A.candidates.map((c) => c.candidate),
			B: context.peer.B.candidates.map((c) => c.candidate)
		},
		delivered: { A: deliveredTo(context, 'A'), B: deliveredTo(context, 'B') },
		iceServers: context.iceServers,
		network: context.config.network,
		errorCodes: context.iceErrors.map((e) => e.errorCode)
	};
}
