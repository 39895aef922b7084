// Rehearsals: a lab's machine played once from idle to "connected" with actors that only pretend
// (no RTCPeerConnection, no socket, nothing shown), while the page is idle after it opens.
//
// Why: V8 compiles a function, and learns the shapes of its objects, the first times it runs. A
// run at full speed is over in about 20 ms, and on a freshly opened page a few of those went to
// warming up the statechart library and the machine's own actions and guards: the learner's first
// "Run to connected" was slower than every later one. A rehearsal does that warm-up while nobody
// waits. It goes through the same steps, actions and guards as a real run (the state changes,
// trickled candidates and data-channel events included), then its actor is stopped and dropped.
// Each run is then replayed, as pure transitions, on the lab's own machine object
// (`replayLoopback`, `replayRemote`), which warms what that machine keeps per state.

import {
	createActor,
	fromCallback,
	fromPromise,
	initialTransition,
	transition,
	type AnyActorRef,
	type AnyEventObject,
	type AnyStateMachine
} from 'xstate';
import type { ServerMessage } from '$lib/core/signaling/protocol';
import { labMachine, leafState, type Renegotiation } from './machine';
import { remoteMachine, type RemoteEvent } from './remote-machine';
import type { Description, LabConfig, LabEvent, PeerId, PeersHandle } from './types';

const offer: Description = {
	type: 'offer',
	sdp: 'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n'
};
const answer: Description = {
	type: 'answer',
	sdp: 'v=0\r\no=- 2 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\n'
};
const pretendPeers: PeersHandle = { kind: 'peers' };
const starting = {
	signalingState: 'stable',
	iceGatheringState: 'new',
	iceConnectionState: 'new',
	connectionState: 'new'
};
/** Documentation addresses (RFC 5737, RFC 3849): never reached, only parsed. */
const HOST_V4 = 'candidate:1 1 udp 2122260223 192.0.2.2 50000 typ host generation 0';
const CANDIDATES = [
	HOST_V4,
	'candidate:2 1 udp 2122262783 2001:db8::2 50001 typ host generation 0',
	null
];

/** What one peer connection reports from its first candidate to "connected". */
function connectionEvents(peer: PeerId): LabEvent[] {
	const state = (
		type:
			| 'pc.signalingstatechange'
			| 'pc.icegatheringstatechange'
			| 'pc.iceconnectionstatechange'
			| 'pc.connectionstatechange',
		value: string
	): LabEvent => ({ type, peer, value, atMs: 1 });
	return [
		state('pc.icegatheringstatechange', 'gathering'),
		...CANDIDATES.map((candidate): LabEvent => ({
			type: 'pc.icecandidate',
			peer,
			candidate,
			sdpMid: candidate ? '0' : null,
			sdpMLineIndex: candidate ? 0 : null,
			atMs: 1
		})),
		state('pc.icegatheringstatechange', 'complete'),
		state('pc.iceconnectionstatechange', 'checking'),
		state('pc.connectionstatechange', 'connecting'),
		state('pc.iceconnectionstatechange', 'connected'),
		{ type: 'dc.statechange', peer, value: 'open' },
		state('pc.connectionstatechange', 'connected')
	];
}

/** Resolves with the actor's state once `done` holds (or it stopped). */
function until(actor: AnyActorRef, done: (state: string) => boolean): Promise<string> {
	return new Promise((resolve) => {
		const check = (snapshot: { value: unknown; status: string }) => {
			const state = leafState(snapshot.value);
			if (!done(state) && snapshot.status === 'active') return false;
			resolve(state);
			return true;
		};
		if (check(actor.getSnapshot())) return;
		const subscription = actor.subscribe((snapshot) => {
			if (check(snapshot)) subscription.unsubscribe();
		});
	});
}

const checkingOrOver = (state: string) => ['iceChecking', 'connected', 'failed'].includes(state);
const over = (state: string) => state === 'connected' || state === 'failed';

type StepInput = { peers: PeersHandle; peer: PeerId };

/** The pretend steps, shared by both labs' machines. */
const pretendSteps = {
	addMedia: fromPromise<
		Partial<Record<PeerId, MediaStream>>,
		{ peers: PeersHandle; config: LabConfig }
	>(async () => ({})),
	createDataChannel: fromPromise<void, StepInput>(async () => {}),
	createOffer: fromPromise<Description, StepInput>(async () => offer),
	createAnswer: fromPromise<Description, StepInput>(async () => answer),
	setLocalDescription: fromPromise<
		Description,
		StepInput & { description: Description; waitForGathering: boolean }
	>(async ({ input }) => input.description),
	setRemoteDescription: fromPromise<void, StepInput & { description: Description }>(async () => {}),
	pollStats: fromCallback<
		{ type: 'noop' },
		{ peers: PeersHandle; intervalMs: number; controlling: PeerId[]; waitFirst?: boolean }
	>(() => undefined)
};

/** What each one-shot step of either lab pretends to give back, by the name it is invoked by. */
const PRETEND_OUTPUT: Record<string, (input: { description?: Description }) => unknown> = {
	addMedia: () => ({}),
	createDataChannel: () => undefined,
	createOffer: () => offer,
	createAnswer: () => answer,
	setLocalDescription: (input) => input.description,
	setRemoteDescription: () => undefined,
	signal: (input) => input.description
};

type Invocation = { id: string; src: string; input: { description?: Description } };

/** A run to replay: the machine's input, and the events that come from outside it. */
interface Replay {
	input: unknown;
	/** Before and at the start of the run (the learner's click, the peer connections created). */
	opening: AnyEventObject[];
	/** What the other side sends while the machine waits for it in `state` (remote lab). */
	reply?: (state: string) => AnyEventObject[];
	/** From the first candidate to "connected". */
	connection: AnyEventObject[];
}

/**
 * A run replayed on a lab's own machine, the very object its actor runs, with XState's pure
 * transition functions: every step, action and guard is worked out, nothing is carried out (no
 * actor starts, no WebRTC call, nothing is sent). Why it is needed beside the rehearsal: a machine
 * works some things out per state the first time it needs them (which transitions an event can
 * take there, what the state invokes, its delays) and keeps them. `.provide()` makes a new
 * machine, so the rehearsal's pretend copy had them and the learner's first run paid for the real
 * one's (about 1 ms of a 20 ms run). Returns the state the replay ended in.
 */
function replay(machine: AnyStateMachine, run: Replay): string {
	let [snapshot, actions] = initialTransition(machine, run.input);
	// Each step the machine invokes, answered in turn with its pretend result.
	const invoked: Invocation[] = [];
	const apply = (event: AnyEventObject) => {
		[snapshot, actions] = transition(machine, snapshot, event);
		for (const action of actions) {
			const params = action.params as Partial<Invocation> | undefined;
			if (action.type === 'xstate.spawnChild' && params?.src && params.src in PRETEND_OUTPUT)
				invoked.push(params as Invocation);
		}
	};
	run.opening.forEach(apply);
	const replied = new Set<string>();
	for (;;) {
		const state = leafState(snapshot.value);
		if (checkingOrOver(state)) break;
		const step = invoked.shift();
		if (step) {
			apply({
				type: `xstate.done.actor.${step.id}`,
				output: PRETEND_OUTPUT[step.src]!(step.input)
			});
			continue;
		}
		// Nothing left to answer: the other side's turn, once per state, or the replay is stuck.
		const reply = replied.has(state) ? [] : (run.reply?.(state) ?? []);
		if (!reply.length) break;
		replied.add(state);
		reply.forEach(apply);
	}
	run.connection.forEach(apply);
	return leafState(snapshot.value);
}

/** The loopback run of `rehearseLoopback`, replayed on the lab's own machine (see `replay`). */
export function replayLoopback(machine: AnyStateMachine): string {
	return replay(machine, {
		input: { delayMs: 0, config: { mode: 'datachannel', trickle: true, network: 'host-only' } },
		opening: [
			{ type: 'lab.run' },
			{ type: 'pc.created', peers: pretendPeers, initial: { A: starting, B: starting } }
		],
		connection: [...connectionEvents('A'), ...connectionEvents('B')]
	});
}

/** One side's run of `rehearseRemote`, replayed on the remote lab's own machine (see `replay`). */
export function replayRemote(machine: AnyStateMachine, role: 'caller' | 'callee'): string {
	const peerId = role === 'caller' ? 'p1' : 'p2';
	const from = 'p0';
	const message = (message: ServerMessage) => ({ type: 'signal.message', message });
	const candidate = message({
		type: 'candidate',
		candidate: { candidate: HOST_V4, sdpMid: '0' },
		from
	});
	return replay(machine, {
		input: { room: 'rehearsal', delayMs: 0, config: { network: 'host-only' } },
		opening: [
			{ type: 'signal.status', status: { state: 'open', peerId, role } },
			message({ type: 'joined', room: 'rehearsal', peerId, role, peers: [from] }),
			{ type: 'lab.run' },
			{ type: 'pc.created', peers: pretendPeers, initial: { A: starting } }
		],
		reply: (state) =>
			state === 'waitingForOffer'
				? [message({ type: 'offer', sdp: offer.sdp, from }), candidate]
				: state === 'waitingForAnswer'
					? [message({ type: 'answer', sdp: answer.sdp, from }), candidate]
					: [],
		connection: connectionEvents('A')
	});
}

/**
 * The loopback lab's machine, from "Run to connected" (delay 0, data channel, trickle ICE) to
 * "connected". Resolves with the state it ended in: "connected" unless the machine changed.
 */
export async function rehearseLoopback(): Promise<string> {
	let emit: (event: LabEvent) => void = () => {};
	const machine = labMachine.provide({
		actors: {
			...pretendSteps,
			peerConnections: fromCallback(({ sendBack }) => {
				emit = sendBack;
				sendBack({
					type: 'pc.created',
					peers: pretendPeers,
					initial: { A: starting, B: starting }
				});
			}),
			signal: fromPromise(async ({ input }) => input.description),
			renegotiate: fromPromise(async () => ({ offer, answer })),
			applyMediaChange: fromPromise(async (): Promise<Renegotiation | null> => null)
		}
	});
	const actor = createActor(machine, {
		input: { delayMs: 0, config: { mode: 'datachannel', trickle: true, network: 'host-only' } }
	}).start();
	try {
		actor.send({ type: 'lab.run' });
		await until(actor, checkingOrOver);
		for (const peer of ['A', 'B'] as const) for (const event of connectionEvents(peer)) emit(event);
		return await until(actor, over);
	} finally {
		actor.stop();
	}
}

/**
 * The remote lab's machine on one side of a room (caller or callee), from "Run to connected" to
 * "connected", with a pretend signaling server. Resolves with the state it ended in.
 */
export async function rehearseRemote(role: 'caller' | 'callee'): Promise<string> {
	let emit: (event: RemoteEvent) => void = () => {};
	let fromServer: (message: ServerMessage) => void = () => {};
	const machine = remoteMachine.provide({
		actors: {
			...pretendSteps,
			signaling: fromCallback(({ sendBack }) => {
				fromServer = (message) => sendBack({ type: 'signal.message', message });
				const peerId = role === 'caller' ? 'p1' : 'p2';
				sendBack({ type: 'signal.status', status: { state: 'open', peerId, role } });
				fromServer({ type: 'joined', room: 'rehearsal', peerId, role, peers: ['p0'] });
			}),
			peerConnection: fromCallback(({ sendBack }) => {
				emit = sendBack;
				sendBack({ type: 'pc.created', peers: pretendPeers, initial: { A: starting } });
			}),
			restartIce: fromPromise(async () => offer)
		}
	});
	const actor = createActor(machine, {
		input: { room: 'rehearsal', delayMs: 0, config: { network: 'host-only' } }
	}).start();
	try {
		actor.send({ type: 'lab.run' });
		const from = 'p0';
		if (role === 'callee') {
			await until(actor, (state) => state === 'waitingForOffer' || over(state));
			fromServer({ type: 'offer', sdp: offer.sdp, from });
		} else {
			await until(actor, (state) => state === 'waitingForAnswer' || over(state));
			fromServer({ type: 'answer', sdp: answer.sdp, from });
		}
		fromServer({ type: 'candidate', candidate: { candidate: HOST_V4, sdpMid: '0' }, from });
		await until(actor, checkingOrOver);
		for (const event of connectionEvents('A')) emit(event);
		return await until(actor, over);
	} finally {
		actor.stop();
	}
}

/**
 * What a loopback lab page does when it is idle after opening: the rehearsal, then the replay on
 * its own `machine`. Skipped once `idle()` is false: the learner has started.
 */
export async function warmUpLoopback(machine: AnyStateMachine, idle: () => boolean): Promise<void> {
	if (!idle()) return;
	await rehearseLoopback();
	replayLoopback(machine);
}

/**
 * The same for a remote lab page, which does not know its role yet: caller, then callee, each
 * only while `idle()` holds.
 */
export async function warmUpRemote(machine: AnyStateMachine, idle: () => boolean): Promise<void> {
	for (const role of ['caller', 'callee'] as const) {
		if (!idle()) return;
		await rehearseRemote(role);
		replayRemote(machine, role);
	}
}
