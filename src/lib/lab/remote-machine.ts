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

import { and, assign, enqueueActions, fromCallback, fromPromise, not, raise, setup } from 'xstate';
import type { RelayMessage, ServerMessage } from '$lib/core/signaling/protocol';
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
	withStateChange,
	type DescriptionVersion
} from './peer-view';

export type RemoteEvent =
	| Exclude<LabEvent, { type: 'lab.restartIce' }>
	| { type: 'lab.restartIce' }
	| { type: 'lab.dropSignaling' }
	| { type: 'signal.status'; status: SignalingStatus }
	| { type: 'signal.message'; message: ServerMessage };

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
	/** Something the learner should know that is not an error (peer left, reconnecting …). */
	notice: string | null;
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
}

export interface SignalRecord {
	direction: 'sent' | 'received';
	type: string;
	/** An `error` message's code. */
	code?: string;
}

const MAX_SIGNALS = 500;
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
	error: null
});

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
			{ peers: PeersHandle; config: LabConfig }
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
		reset: assign(() => ({ ...sessionContext(), notice: null })),
		recordSignalingStatus: assign(({ context, event }) => {
			if (event.type !== 'signal.status') return {};
			const { status } = event;
			const previous = context.signaling;
			const notice =
				status.state === 'reconnecting'
					? `The signaling connection dropped (${status.reason}); reconnecting in ${Math.round(status.delayMs / 100) / 10} s (attempt ${status.attempt}).`
					: status.state === 'closed'
						? `Signaling closed: ${status.reason}`
						: // Says so once it is back, so a quick reconnect is not missed.
							status.state === 'open' && context.signalingDropped
							? `Signaling reconnected (attempt ${'attempt' in previous ? previous.attempt : 1}) and joined the room again.`
							: null;
			if (status.state === 'reconnecting')
				return { signaling: status, notice, signalingDropped: true };
			return status.state === 'open'
				? {
						signalingDropped: false,
						signaling: status,
						role: status.role,
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
			switch (message.type) {
				case 'joined':
					enqueue.assign({
						role: message.role,
						peerId: message.peerId,
						remotePeerId: message.peers[0] ?? null
					});
					break;
				case 'peer-joined':
					enqueue.assign({ remotePeerId: message.peerId, notice: null });
					break;
				case 'peer-left':
					enqueue.assign({
						remotePeerId: null,
						notice: 'The remote peer left the room (closed its page or lost its connection).'
					});
					break;
				case 'offer':
				case 'answer':
					enqueue.assign({
						incoming: { type: message.type, sdp: message.sdp },
						log: [...context.log, ...crossing('in', `${message.type} (SDP)`)]
					});
					break;
				case 'candidate': {
					const label = candidateLabel(message.candidate?.candidate ?? null);
					enqueue.assign({ log: [...context.log, ...crossing('in', label)] });
					if (context.peers) {
						enqueue.sendTo('peers', toPeersCommand(message));
					} else {
						enqueue.assign({ earlyCandidates: [...context.earlyCandidates, message] });
					}
					break;
				}
				case 'bye':
					enqueue.assign({ notice: 'The remote peer hung up.' });
					break;
				case 'error':
					enqueue.assign({
						error: { step: 'signaling', name: message.code, message: message.message }
					});
					break;
			}
		}),
		storePeers: enqueueActions(({ context, event, enqueue }) => {
			if (event.type !== 'pc.created') return;
			enqueue.assign({ peers: event.peers, earlyCandidates: [] });
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
			const label = candidateLabel(event.candidate);
			enqueue.assign({
				log: [...context.log, ...crossing('out', label)],
				signals: withSignal(context.signals, { direction: 'sent', type: 'candidate' })
			});
			enqueue.sendTo('signaling', {
				type: 'send',
				message: { type: 'candidate', candidate }
			} satisfies SignalingCommand);
		}),
		sendDescription: enqueueActions(
			({ context, enqueue }, params: { type: 'offer' | 'answer' }) => {
				const description = params.type === 'offer' ? context.offer : context.answer;
				if (!description) return;
				const sdp = filterSdpCandidates(description.sdp, conditionById(context.config.network));
				enqueue.sendTo('signaling', {
					type: 'send',
					message: { type: params.type, sdp }
				} satisfies SignalingCommand);
				enqueue.assign({
					log: [...context.log, ...crossing('out', `${params.type} (SDP)`)],
					signals: withSignal(context.signals, { direction: 'sent', type: params.type })
				});
			}
		),
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
			enqueue.assign({ signals: withSignal(context.signals, { direction: 'sent', type: 'bye' }) });
			enqueue.sendTo('signaling', {
				type: 'send',
				message: { type: 'bye' }
			} satisfies SignalingCommand);
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
			return {
				[key]: incoming,
				incoming: null,
				history: remember(context.history, 'B', incoming, 'received')
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
		'lab.reset': { target: '.idle', actions: 'reset' }
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
				'pc.track': { actions: 'recordTrack' },
				'dc.statechange': { actions: 'recordDataChannelState' },
				'dc.message': { actions: 'recordChat' },
				'lab.hangup': '.closing'
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
						input: ({ context }) => ({ peers: context.peers!, config: context.config }),
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
						onError: { target: 'failed', actions: 'recordError' }
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
						onError: { target: 'failed', actions: 'recordError' }
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
					always: { guard: and(['offerArrived', not('caller')]), target: 'settingRemoteOffer' }
				},
				closing: {
					entry: 'closePeer',
					on: { 'pc.closed': 'closed' }
				},
				closed: {}
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

function toPeersCommand(message: Extract<RelayMessage, { type: 'candidate' }>): PeersCommand {
	return {
		type: 'signal.candidate',
		to: YOU,
		candidate: message.candidate?.candidate ?? null,
		sdpMid: message.candidate?.sdpMid ?? null,
		sdpMLineIndex: message.candidate?.sdpMLineIndex ?? null
	};
}
