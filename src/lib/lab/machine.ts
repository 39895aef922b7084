// The loopback lab as a statechart. It tells the JSEP story (RFC 9429) one step at a time:
//
//   create peers → data channel or media → createOffer → A.setLocalDescription → offer signaled
//   → B.setRemoteDescription → createAnswer → B.setLocalDescription → answer signaled
//   → A.setRemoteDescription → ICE checking → connected
//
// Every step is a pair of states: a "doing" state that invokes one actor (the only place a
// WebRTC call happens) and a "done" state that waits for the learner's "Next step" — or for the
// step delay when "Run to connected" is playing. The machine itself never touches WebRTC: the
// actors below are placeholders that actors.ts replaces with real ones via `.provide()`, and tests
// replace with fakes.

import {
	and,
	assign,
	not,
	enqueueActions,
	fromCallback,
	fromPromise,
	raise,
	sendTo,
	setup
} from 'xstate';
import type {
	CandidateEntry,
	ChatMessage,
	Description,
	LabConfig,
	LabError,
	LabEvent,
	MediaChange,
	MediaSettings,
	PeerId,
	PeersCommand,
	PeersHandle,
	PeerView,
	SequenceEvent,
	StatsSummary
} from './types';
import { applyMediaSettings, defaultMediaSettings, mediaChangeCall } from './types';
import { addMediaNote } from './steps';
import type { PairRow } from '$lib/core/ice/pairs';
import { deliveredCount, sdpCandidates } from '$lib/core/ice/failure';
import type { StatsReportLike } from '$lib/core/stats/summary';
import { clampStatsInterval, defaultConfig, STATS_INTERVAL } from './types';
import type { IceCandidateError, PeersInput } from './types';
import {
	conditionById,
	passesCondition,
	serversFor,
	type IceServerLike
} from '$lib/core/ice/conditions';
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

export { remember, type DescriptionVersion };

export interface LabContext {
	config: LabConfig;
	/** Pause between automatic steps while "Run to connected" plays (0 = as fast as possible). */
	delayMs: number;
	autoRun: boolean;
	/**
	 * "Run to connected" stopped at a hold (a prediction not yet answered) and waits here: once
	 * the hold is lifted the page may let it go on. Forgotten when the lab leaves the state.
	 */
	runHeld: boolean;
	peers: PeersHandle | null;
	peer: Record<PeerId, PeerView>;
	offer: Description | null;
	answer: Description | null;
	/**
	 * Every distinct description each side produced, oldest first: the initial offer/answer, the
	 * same after gathering (non-trickle), and every renegotiation such as an ICE restart.
	 */
	history: DescriptionVersion[];
	/** Every arrow and note of the sequence diagram, in order. */
	log: SequenceEvent[];
	chat: ChatMessage[];
	stats: Partial<Record<PeerId, StatsSummary>> | null;
	/** Every candidate pair of each peer, from the last getStats() (the pair grid). */
	pairs: Partial<Record<PeerId, PairRow[]>>;
	/** The latest raw getStats() result of each peer, for the live charts. */
	reports: Partial<Record<PeerId, StatsReportLike[]>>;
	error: LabError | null;
	/** The lab's own STUN/TURN servers, as GET /api/ice-servers gave them. */
	iceServers: IceServerLike[];
	/** icecandidateerror events: a STUN or TURN server that could not be used, and why. */
	iceErrors: IceCandidateError[];
	/** "Force TURN now" was used on this connection. */
	forcedTurn: boolean;
	/** Peer A's media as the media controls left it (audio + video mode). */
	media: MediaSettings;
	/** The last media change: its API call, and the error if the browser refused it. */
	mediaChange: { call: string; error: string | null } | null;
	/** The change being applied (changingMedia). */
	pendingMedia: MediaChange | null;
	/**
	 * States no step may enter for now (a lesson's unanswered prediction is due before them):
	 * "Next step" and "Run to connected" stop in the state before. Kept across "Reset".
	 */
	holdBefore: string[];
}

export interface LabInput {
	config?: Partial<LabConfig>;
	delayMs?: number;
	iceServers?: IceServerLike[];
	holdBefore?: string[];
}

/**
 * Where each step leads: from a state that waits for the learner, the states the next step passes
 * through up to the next wait. A hold on any of them keeps the lab in the waiting state.
 */
export const STEP_LEADS_TO = {
	idle: ['creatingPeers', 'peersCreated'],
	peersCreated: ['addingMedia', 'mediaAdded', 'creatingDataChannel', 'dataChannelCreated'],
	mediaAdded: ['creatingOffer', 'offerCreated'],
	dataChannelCreated: ['creatingOffer', 'offerCreated'],
	offerCreated: ['settingLocalOffer', 'localOfferSet'],
	localOfferSet: ['signalingOffer', 'offerSignaled'],
	offerSignaled: ['settingRemoteOffer', 'remoteOfferSet'],
	remoteOfferSet: ['creatingAnswer', 'answerCreated'],
	answerCreated: ['settingLocalAnswer', 'localAnswerSet'],
	localAnswerSet: ['signalingAnswer', 'answerSignaled'],
	answerSignaled: ['settingRemoteAnswer', 'iceChecking', 'connected'],
	connected: ['restartingIce']
} as const satisfies Record<string, readonly string[]>;

type Waiting = keyof typeof STEP_LEADS_TO;

/** The state the lab waits in while `holdBefore` stops its next step; null when nothing holds. */
export function heldAt(state: string, holdBefore: readonly string[]): string | null {
	const into: readonly string[] | undefined = STEP_LEADS_TO[state as Waiting];
	const held = into?.find((s) => holdBefore.includes(s));
	return held ?? null;
}

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

const notProvided = (name: string) => () => {
	throw new Error(`The lab actor "${name}" was not provided`);
};

interface StepInput {
	peers: PeersHandle;
	peer: PeerId;
}

/** Turns a thrown value (DOMException, Error, anything) into something the UI can explain. */
function toLabError(step: string, error: unknown): LabError {
	if (error && typeof error === 'object') {
		const e = error as { name?: unknown; message?: unknown };
		return {
			step,
			name: typeof e.name === 'string' ? e.name : 'Error',
			message: typeof e.message === 'string' ? e.message : String(error)
		};
	}
	return { step, name: 'Error', message: String(error) };
}

/**
 * "Run to connected" is taken only where a step is still left to play: in a waiting state it starts
 * the next step at once, in a "doing" state it lets the next ones follow. From settingRemoteAnswer
 * on nothing is left to call (ICE and DTLS run by themselves), so the event is ignored there, and a
 * run can never stay switched on in connected, failed or closed (it would hold the panels still).
 */
const runFromPause = { 'lab.run': { actions: ['startAutoRun', 'stepNow'] } } as const;
const playFromHere = { 'lab.run': { actions: 'startAutoRun' } } as const;

export const labMachine = setup({
	types: {
		context: {} as LabContext,
		events: {} as LabEvent,
		input: {} as LabInput
	},
	actors: {
		/** Creates both RTCPeerConnections, forwards their events, closes them when stopped. */
		peerConnections: fromCallback<PeersCommand, PeersInput>(notProvided('peerConnections')),
		addMedia: fromPromise<
			Partial<Record<PeerId, MediaStream>>,
			{ peers: PeersHandle; config: LabConfig }
		>(notProvided('addMedia')),
		createDataChannel: fromPromise<void, StepInput>(notProvided('createDataChannel')),
		createOffer: fromPromise<Description, StepInput>(notProvided('createOffer')),
		createAnswer: fromPromise<Description, StepInput>(notProvided('createAnswer')),
		/** Resolves with the description to signal: with candidates inside when not trickling. */
		setLocalDescription: fromPromise<
			Description,
			StepInput & { description: Description; waitForGathering: boolean }
		>(notProvided('setLocalDescription')),
		setRemoteDescription: fromPromise<void, StepInput & { description: Description }>(
			notProvided('setRemoteDescription')
		),
		/** Carries a description across the signaling channel (in memory in the loopback lab). */
		signal: fromPromise<
			Description,
			{ from: PeerId; description: Description; network: LabConfig['network'] }
		>(notProvided('signal')),
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
		>(notProvided('renegotiate')),
		applyMediaChange: fromPromise<
			Renegotiation | null,
			{
				peers: PeersHandle;
				change: MediaChange;
				waitForGathering: boolean;
				network: LabConfig['network'];
			}
		>(notProvided('applyMediaChange')),
		pollStats: fromCallback<
			{ type: 'noop' },
			{ peers: PeersHandle; intervalMs: number; controlling: PeerId[]; waitFirst?: boolean }
		>(notProvided('pollStats'))
	},
	delays: {
		stepDelay: ({ context }) => context.delayMs
	},
	guards: {
		canAdvance: ({ context }, params: { from: Waiting }) =>
			heldAt(params.from, context.holdBefore) === null,
		autoRun: ({ context }) => context.autoRun,
		mediaMode: ({ context }) => context.config.mode === 'media',
		autoRunMedia: and(['autoRun', 'mediaMode']),
		autoRunNow: ({ context }) => runningAtFullSpeed(context),
		autoRunNowMedia: and(['autoRunNow', 'mediaMode']),
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
		configure: assign(({ context, event }) => {
			if (event.type !== 'lab.configure') return {};
			return { config: { ...context.config, ...event.config } };
		}),
		setStatsInterval: assign(({ context, event }) =>
			event.type === 'lab.statsInterval'
				? { config: { ...context.config, statsIntervalMs: clampStatsInterval(event.ms) } }
				: {}
		),
		setDelay: assign(({ event }) => {
			if (event.type !== 'lab.delay') return {};
			return { delayMs: Math.max(0, Math.min(10_000, Math.round(event.delayMs) || 0)) };
		}),
		startAutoRun: assign({ autoRun: true, runHeld: false }),
		stepNow: raise({ type: 'lab.step' }),
		stopAutoRun: assign({ autoRun: false }),
		holdRun: assign({ autoRun: false, runHeld: true }),
		forgetHeldRun: assign({ runHeld: false }),
		reset: assign(({ context }) =>
			freshContext(context.config, context.delayMs, context.iceServers, context.holdBefore)
		),
		setHold: assign(({ event }) =>
			event.type === 'lab.hold' ? { holdBefore: [...event.states] } : {}
		),
		setIceServers: assign(({ event }) =>
			event.type === 'lab.iceServers' ? { iceServers: event.iceServers } : {}
		),
		recordIceError: assign(({ context, event }) => {
			if (event.type !== 'pc.icecandidateerror') return {};
			const { type: _type, ...error } = event;
			return { iceErrors: [...context.iceErrors, error] };
		}),
		markForcedTurn: assign({ forcedTurn: true }),
		recordNothingToCheck: assign({
			error: {
				step: 'iceChecking',
				name: 'NoCandidatePairs',
				message: 'no candidate reached either peer, so ICE has no pair to check'
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
		trickleCandidate: enqueueActions(({ context, event, enqueue }) => {
			if (event.type !== 'pc.icecandidate' || !context.config.trickle) return;
			const to = event.peer === 'A' ? 'B' : 'A';
			const label = candidateLabel(event.candidate);
			if (!passesCondition(conditionById(context.config.network), event.candidate)) {
				// The simulated network drops it: it reaches the signaling channel, never the peer.
				enqueue.assign({
					log: [
						...context.log,
						{ from: event.peer, to: 'S', label: `${label} (dropped by the simulated network)` }
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
					{ from, to: event.peer, label: `data channel: ${event.text}`, atMs: event.atMs }
				]
			};
		}),
		sendChat: sendTo('peers', ({ event }) =>
			event.type === 'chat.send'
				? ({ type: 'chat.send', from: event.from, text: event.text } satisfies PeersCommand)
				: ({ type: 'close' } satisfies PeersCommand)
		),
		closePeers: sendTo('peers', { type: 'close' } satisfies PeersCommand),
		recordStats: assign(({ event }) =>
			event.type === 'stats.report'
				? { stats: event.summaries, pairs: event.pairs ?? {}, reports: event.reports ?? {} }
				: {}
		),
		recordError: assign(({ event, self }) => {
			const error = (event as { error?: unknown }).error;
			return { error: toLabError(leafState(self.getSnapshot().value), error), autoRun: false };
		}),
		/** A candidate from the other peer that addIceCandidate refused: a note, the call goes on. */
		noteCandidateRefused: assign(({ context, event }) => {
			if (event.type !== 'pc.candidaterefused') return {};
			const label = `addIceCandidate refused (${event.name}): ${candidateLabel(event.candidate)}`;
			return {
				log: [
					...context.log,
					{ from: event.peer, to: event.peer, label, kind: 'note' as const, atMs: event.atMs }
				]
			};
		}),
		note: assign(({ context }, params: { peer: PeerId | 'AB'; text: string }) => ({
			log: [
				...context.log,
				params.peer === 'AB'
					? { from: 'A', to: 'B', label: params.text, kind: 'note' as const }
					: { from: params.peer, to: params.peer, label: params.text, kind: 'note' as const }
			]
		})),
		/** What made the tracks: getUserMedia, or the canvas and WebAudio sources (or both). */
		noteMedia: assign(({ context }) => ({
			log: [
				...context.log,
				{ from: 'A', to: 'B', label: addMediaNote(context.config), kind: 'note' as const }
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
			const note = { from: 'A' as const, to: 'A' as const, label: call, kind: 'note' as const };
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
				log: [
					...context.log,
					note,
					{ from: 'A', to: 'S', label: 'offer (renegotiation)' },
					{ from: 'S', to: 'B', label: 'offer (renegotiation)' },
					{ from: 'B', to: 'S', label: 'answer' },
					{ from: 'S', to: 'A', label: 'answer' }
				]
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
			const reason = 'ICE restart';
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
						label: 'restartIce() + setLocalDescription()',
						kind: 'note' as const
					},
					{ from: 'A', to: 'S', label: 'offer (ICE restart)' },
					{ from: 'S', to: 'B', label: 'offer (ICE restart)' },
					{
						from: 'B',
						to: 'B',
						label: 'setRemoteDescription() + setLocalDescription()',
						kind: 'note' as const
					},
					{ from: 'B', to: 'S', label: 'answer' },
					{ from: 'S', to: 'A', label: 'answer' }
				]
			};
		}),
		logSignal: assign(({ context }, params: { from: PeerId; to: PeerId; label: string }) => ({
			log: [
				...context.log,
				{ from: params.from, to: 'S', label: params.label },
				{ from: 'S', to: params.to, label: params.label }
			]
		}))
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
				'lab.step': { guard: canAdvance('idle'), target: 'session' },
				'lab.run': { guard: canAdvance('idle'), target: 'session', actions: 'startAutoRun' }
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
			initial: 'creatingPeers',
			states: {
				creatingPeers: {
					on: {
						...playFromHere,
						'pc.created': {
							target: 'peersCreated',
							actions: [
								'storePeers',
								{ type: 'note', params: { peer: 'AB', text: 'new RTCPeerConnection()' } }
							]
						}
					}
				},
				peersCreated: {
					tags: ['paused'],
					exit: 'forgetHeldRun',
					on: {
						...runFromPause,
						'lab.step': [
							{ guard: not(canAdvance('peersCreated')) },
							{ guard: 'mediaMode', target: 'addingMedia' },
							{ target: 'creatingDataChannel' }
						]
					},
					always: [
						{ guard: heldWhileRunning('peersCreated'), actions: 'holdRun' },
						{ guard: 'autoRunNowMedia', target: 'addingMedia' },
						{ guard: 'autoRunNow', target: 'creatingDataChannel' }
					],
					after: {
						stepDelay: [
							{ guard: 'autoRunMedia', target: 'addingMedia' },
							{ guard: 'autoRun', target: 'creatingDataChannel' }
						]
					}
				},
				addingMedia: {
					on: playFromHere,
					invoke: {
						src: 'addMedia',
						input: ({ context }) => ({ peers: context.peers!, config: context.config }),
						onDone: {
							target: 'mediaAdded',
							actions: ['recordLocalStreams', 'noteMedia']
						},
						onError: { target: 'failed', actions: 'recordError' }
					}
				},
				mediaAdded: pause('mediaAdded', 'creatingOffer'),
				creatingDataChannel: {
					on: playFromHere,
					invoke: {
						src: 'createDataChannel',
						input: ({ context }) => ({ peers: context.peers!, peer: 'A' as const }),
						onDone: {
							target: 'dataChannelCreated',
							actions: { type: 'note', params: { peer: 'A', text: "createDataChannel('chat')" } }
						},
						onError: { target: 'failed', actions: 'recordError' }
					}
				},
				dataChannelCreated: pause('dataChannelCreated', 'creatingOffer'),
				creatingOffer: {
					on: playFromHere,
					invoke: {
						src: 'createOffer',
						input: ({ context }) => ({ peers: context.peers!, peer: 'A' as const }),
						onDone: {
							target: 'offerCreated',
							actions: [
								{ type: 'storeOffer', params: { reason: 'createOffer()' } },
								{ type: 'note', params: { peer: 'A', text: 'createOffer()' } }
							]
						},
						onError: { target: 'failed', actions: 'recordError' }
					}
				},
				offerCreated: pause('offerCreated', 'settingLocalOffer'),
				settingLocalOffer: {
					on: playFromHere,
					invoke: {
						src: 'setLocalDescription',
						input: ({ context }) => ({
							peers: context.peers!,
							peer: 'A' as const,
							description: context.offer!,
							waitForGathering: !context.config.trickle
						}),
						onDone: {
							target: 'localOfferSet',
							actions: [
								{
									type: 'storeOffer',
									params: { reason: 'localDescription after setLocalDescription' }
								},
								{ type: 'note', params: { peer: 'A', text: 'setLocalDescription(offer)' } }
							]
						},
						onError: { target: 'failed', actions: 'recordError' }
					}
				},
				localOfferSet: pause('localOfferSet', 'signalingOffer'),
				signalingOffer: {
					on: playFromHere,
					invoke: {
						src: 'signal',
						input: ({ context }) => ({
							from: 'A' as const,
							description: context.offer!,
							network: context.config.network
						}),
						onDone: {
							target: 'offerSignaled',
							actions: [
								{ type: 'storeOffer', params: { reason: 'as signaled' } },
								{ type: 'logSignal', params: { from: 'A', to: 'B', label: 'offer (SDP)' } }
							]
						},
						onError: { target: 'failed', actions: 'recordError' }
					}
				},
				offerSignaled: pause('offerSignaled', 'settingRemoteOffer'),
				settingRemoteOffer: {
					on: playFromHere,
					invoke: {
						src: 'setRemoteDescription',
						input: ({ context }) => ({
							peers: context.peers!,
							peer: 'B' as const,
							description: context.offer!
						}),
						onDone: {
							target: 'remoteOfferSet',
							actions: { type: 'note', params: { peer: 'B', text: 'setRemoteDescription(offer)' } }
						},
						onError: { target: 'failed', actions: 'recordError' }
					}
				},
				remoteOfferSet: pause('remoteOfferSet', 'creatingAnswer'),
				creatingAnswer: {
					on: playFromHere,
					invoke: {
						src: 'createAnswer',
						input: ({ context }) => ({ peers: context.peers!, peer: 'B' as const }),
						onDone: {
							target: 'answerCreated',
							actions: [
								{ type: 'storeAnswer', params: { reason: 'createAnswer()' } },
								{ type: 'note', params: { peer: 'B', text: 'createAnswer()' } }
							]
						},
						onError: { target: 'failed', actions: 'recordError' }
					}
				},
				answerCreated: pause('answerCreated', 'settingLocalAnswer'),
				settingLocalAnswer: {
					on: playFromHere,
					invoke: {
						src: 'setLocalDescription',
						input: ({ context }) => ({
							peers: context.peers!,
							peer: 'B' as const,
							description: context.answer!,
							waitForGathering: !context.config.trickle
						}),
						onDone: {
							target: 'localAnswerSet',
							actions: [
								{
									type: 'storeAnswer',
									params: { reason: 'localDescription after setLocalDescription' }
								},
								{ type: 'note', params: { peer: 'B', text: 'setLocalDescription(answer)' } }
							]
						},
						onError: { target: 'failed', actions: 'recordError' }
					}
				},
				localAnswerSet: pause('localAnswerSet', 'signalingAnswer'),
				signalingAnswer: {
					on: playFromHere,
					invoke: {
						src: 'signal',
						input: ({ context }) => ({
							from: 'B' as const,
							description: context.answer!,
							network: context.config.network
						}),
						onDone: {
							target: 'answerSignaled',
							actions: [
								{ type: 'storeAnswer', params: { reason: 'as signaled' } },
								{ type: 'logSignal', params: { from: 'B', to: 'A', label: 'answer (SDP)' } }
							]
						},
						onError: { target: 'failed', actions: 'recordError' }
					}
				},
				answerSignaled: pause('answerSignaled', 'settingRemoteAnswer'),
				settingRemoteAnswer: {
					invoke: {
						src: 'setRemoteDescription',
						input: ({ context }) => ({
							peers: context.peers!,
							peer: 'A' as const,
							description: context.answer!
						}),
						onDone: {
							target: 'iceChecking',
							actions: { type: 'note', params: { peer: 'A', text: 'setRemoteDescription(answer)' } }
						},
						onError: { target: 'failed', actions: 'recordError' }
					}
				},
				/**
				 * Nothing to call: ICE connectivity checks and the DTLS handshake run by themselves, so
				 * "Run to connected" has nothing left to play (and the panels show what happens).
				 */
				iceChecking: {
					entry: 'stopAutoRun',
					// The pair grid follows the checks as they run (frozen → in-progress → succeeded).
					invoke: {
						src: 'pollStats',
						input: ({ context }) => ({
							peers: context.peers!,
							intervalMs: STATS_INTERVAL.min * 2,
							controlling: ['A'] as PeerId[],
							waitFirst: true
						}),
						onError: { actions: 'recordError' }
					},
					on: { 'stats.report': { actions: 'recordStats' } },
					always: [
						{
							guard: 'bothConnected',
							target: 'connected',
							actions: [
								'stopAutoRun',
								{ type: 'note', params: { peer: 'AB', text: 'connected (ICE + DTLS)' } }
							]
						},
						{ guard: 'anyFailed', target: 'failed', actions: 'stopAutoRun' },
						{
							guard: 'nothingToCheck',
							target: 'failed',
							actions: ['stopAutoRun', 'recordNothingToCheck']
						}
					]
				},
				connected: {
					invoke: {
						src: 'pollStats',
						// A offers, so in JSEP it is the controlling ICE agent (RFC 8445 §6.1.1).
						input: ({ context }) => ({
							peers: context.peers!,
							intervalMs: clampStatsInterval(context.config.statsIntervalMs),
							controlling: ['A'] as PeerId[]
						}),
						onError: { actions: 'recordError' }
					},
					on: {
						'chat.send': { actions: 'sendChat' },
						'stats.report': { actions: 'recordStats' },
						// The poller takes its period when it starts: start it again.
						'lab.statsInterval': {
							target: 'connected',
							reenter: true,
							actions: 'setStatsInterval'
						},
						'lab.restartIce': { guard: canAdvance('connected'), target: 'restartingIce' },
						'media.change': {
							guard: 'mediaMode',
							target: 'changingMedia',
							actions: assign(({ event }) => ({ pendingMedia: event.change }))
						},
						'lab.forceTurn': {
							guard: canAdvance('connected'),
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
						onDone: {
							target: 'connected',
							actions: 'storeMediaChange'
						},
						onError: {
							target: 'connected',
							actions: 'recordMediaError'
						}
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

/** The step out of `from` may run: no hold covers where it leads. */
function canAdvance(from: Waiting) {
	return { type: 'canAdvance', params: { from } } as const;
}

/**
 * "Run to connected" reached a held step: it stops there and remembers it was running (runHeld),
 * so that the page can let it go on once the learner has answered.
 */
function heldWhileRunning(from: Waiting) {
	return and(['autoRun', not(canAdvance(from))]);
}

/**
 * A "done" state: waits for "Next step". While "Run to connected" plays it moves on by itself:
 * after the step delay, or at once (no timer at all) when the delay is 0. A hold on where the
 * step leads (holdBefore) keeps it here, and stops a run.
 */
function pause(from: Waiting, next: string) {
	return {
		tags: ['paused'],
		exit: 'forgetHeldRun',
		on: { ...runFromPause, 'lab.step': { guard: canAdvance(from), target: next } },
		always: [
			{ guard: heldWhileRunning(from), actions: 'holdRun' },
			{ guard: and(['autoRunNow', canAdvance(from)]), target: next }
		],
		after: { stepDelay: { guard: and(['autoRun', canAdvance(from)]), target: next } }
	} as const;
}

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

/** The innermost active state's name: "offerCreated" for { session: 'offerCreated' }. */
export function leafState(value: unknown): string {
	let current = value;
	while (current && typeof current === 'object') current = Object.values(current)[0];
	return typeof current === 'string' ? current : '';
}
