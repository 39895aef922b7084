// The one step table against both machines: the machines' step states are the table's (derived
// from it, checked both ways), and every path of steps through a machine, enumerated with
// @xstate/graph, visits the table's states in the table's order and reaches `connected` — for
// every configuration (data channel / media, trickle on / off; remote: caller and callee).

import { describe, expect, it } from 'vitest';
import {
	fromCallback,
	fromPromise,
	getMicrosteps,
	initialTransition,
	transition,
	type AnyStateMachine,
	type AnyStateNode,
	type EventObject
} from 'xstate';
import { getAdjacencyMap, getSimplePaths } from '@xstate/graph';
import { labMachine, STEP_LEADS_TO, type Renegotiation } from './machine';
import { remoteMachine, type RemoteEvent } from './remote-machine';
import { leafState } from './jsep';
import {
	chainOrder,
	chainStates,
	LAB_CHAINS,
	LIVE_CALL_STEPS,
	OFF_TABLE_STATES,
	REMOTE_CHAINS,
	waitingStates,
	type StepChain
} from './steps';
import type { Description, PeerId } from './types';

const offer: Description = { type: 'offer', sdp: 'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\n' };
const answer: Description = { type: 'answer', sdp: 'v=0\r\no=- 2 1 IN IP4 0.0.0.0\r\n' };

/** Fakes for every actor: a traversal never runs them, but the machines are tested as provided. */
const fakeLab = labMachine.provide({
	actors: {
		addMedia: fromPromise(async (): Promise<Partial<Record<PeerId, MediaStream>>> => ({})),
		createDataChannel: fromPromise(async (): Promise<void> => {}),
		createOffer: fromPromise(async () => offer),
		createAnswer: fromPromise(async () => answer),
		setLocalDescription: fromPromise(async ({ input }) => input.description),
		setRemoteDescription: fromPromise(async (): Promise<void> => {}),
		pollStats: fromCallback(() => undefined),
		peerConnections: fromCallback(() => undefined),
		signal: fromPromise(async ({ input }) => input.description),
		renegotiate: fromPromise(async () => ({ offer, answer })),
		applyMediaChange: fromPromise(async (): Promise<Renegotiation | null> => null)
	}
});
const fakeRemote = remoteMachine.provide({
	actors: {
		addMedia: fromPromise(async (): Promise<Partial<Record<PeerId, MediaStream>>> => ({})),
		createDataChannel: fromPromise(async (): Promise<void> => {}),
		createOffer: fromPromise(async () => offer),
		createAnswer: fromPromise(async () => answer),
		setLocalDescription: fromPromise(async ({ input }) => input.description),
		setRemoteDescription: fromPromise(async (): Promise<void> => {}),
		pollStats: fromCallback(() => undefined),
		signaling: fromCallback(() => undefined),
		peerConnection: fromCallback(() => undefined),
		restartIce: fromPromise(async () => offer)
	}
});

const nodes = (root: AnyStateNode): AnyStateNode[] => [
	root,
	...Object.values(root.states).flatMap((child) => nodes(child))
];
const sessionOf = (machine: AnyStateMachine) => machine.root.states.session!;

/** Where a node's transitions lead (events, actor results, timers and eventless ones). */
function targetsOf(node: AnyStateNode): string[] {
	const all = [...[...node.transitions.values()].flat(), ...(node.always ?? [])];
	return all.flatMap((t) =>
		(t.target ?? []).map((target) =>
			// Entering the session enters its first state.
			target.key === 'session' ? String(target.config.initial) : target.key
		)
	);
}

const labs = [
	{ name: 'loopback', machine: fakeLab as AnyStateMachine, chains: LAB_CHAINS },
	{ name: 'remote', machine: fakeRemote as AnyStateMachine, chains: REMOTE_CHAINS }
];

describe('both machines come from the one step table', () => {
	for (const { name, machine, chains } of labs) {
		const session = sessionOf(machine);
		const inMachine = Object.keys(session.states);
		const table = chainStates(chains);
		const offTable = new Set<string>([...OFF_TABLE_STATES, ...LIVE_CALL_STEPS.map((s) => s.doing)]);

		it(`${name}: every step state of the table is a state of the machine, and the other way round`, () => {
			expect(inMachine.filter((s) => !table.includes(s) && !offTable.has(s))).toEqual([]);
			expect(table.filter((s) => !inMachine.includes(s))).toEqual([]);
		});

		it(`${name}: every action and guard a state names is implemented`, () => {
			const named = (x: unknown): string[] =>
				typeof x === 'string'
					? [x]
					: x && typeof x === 'object' && 'type' in x
						? [String((x as { type: unknown }).type)]
						: [];
			const missing = new Set<string>();
			for (const node of nodes(machine.root)) {
				const transitions = [...[...node.transitions.values()].flat(), ...(node.always ?? [])];
				const actions = [
					...node.entry,
					...node.exit,
					...transitions.flatMap((t) => t.actions)
				].flatMap(named);
				for (const action of actions)
					if (!action.startsWith('xstate.') && !(action in machine.implementations.actions))
						missing.add(`${node.key}: action ${action}`);
				for (const guard of transitions.flatMap((t) => named(t.guard)))
					if (!(guard in machine.implementations.guards))
						missing.add(`${node.key}: guard ${guard}`);
			}
			expect([...missing]).toEqual([]);
		});

		it(`${name}: the states that wait for "Next step" are the table's waiting states`, () => {
			if (name === 'loopback')
				expect(new Set(Object.keys(STEP_LEADS_TO))).toEqual(
					new Set([...waitingStates(chains), ...LIVE_CALL_STEPS.map((s) => s.from)])
				);
			const paused = nodes(machine.root)
				.filter((n) => n.tags.includes('paused'))
				.map((n) => n.key);
			expect(new Set(paused)).toEqual(new Set(waitingStates(chains)));
		});

		it(`${name}: each state of a run leads to the next one the table lists`, () => {
			for (const chain of chains) {
				const order = chainOrder(chain);
				order.slice(0, -1).forEach((state, i) => {
					const node = state === 'idle' ? machine.root.states.idle! : session.states[state]!;
					expect(targetsOf(node), `${chain.role ?? ''} ${chain.mode}: ${state}`).toContain(
						order[i + 1]
					);
				});
			}
		});
	}
});

// ---------------------------------------------------------------------------------------------
// Paths. The events a learner and the browser send on the way: "Next step" and "Run to connected"
// (delay 0: no timers), and what completes each step — an actor's result, the new
// peer connection, the other side's description, "connected".

type Snapshot = ReturnType<typeof fakeLab.getInitialSnapshot>;

const resultOf: Record<string, unknown> = {
	creatingOffer: offer,
	settingLocalOffer: offer,
	signalingOffer: offer,
	creatingAnswer: answer,
	settingLocalAnswer: answer,
	signalingAnswer: answer,
	addingMedia: {}
};

const server = (message: object): RemoteEvent =>
	({ type: 'signal.message', message }) as RemoteEvent;

function stepEvents(machine: AnyStateMachine, snapshot: Snapshot): EventObject[] {
	const leaf = leafState(snapshot.value);
	const node = leaf === 'idle' ? machine.root.states.idle! : sessionOf(machine).states[leaf]!;
	const events: EventObject[] = [{ type: 'lab.step' }, { type: 'lab.run' }];
	for (const type of node.transitions.keys())
		if (type.startsWith('xstate.done.actor.'))
			events.push({ type, output: resultOf[leaf] } as EventObject);
	if (leaf === 'creatingPeers' || leaf === 'creatingPeer')
		events.push({ type: 'pc.created', peers: { kind: 'peers' } } as EventObject);
	if (leaf === 'iceChecking')
		for (const peer of ['A', 'B'])
			events.push({
				type: 'pc.connectionstatechange',
				peer,
				value: 'connected',
				atMs: 1
			} as EventObject);
	if (leaf === 'waitingForOffer')
		events.push(server({ type: 'offer', sdp: offer.sdp, from: 'p1' }));
	if (leaf === 'waitingForAnswer')
		events.push(server({ type: 'answer', sdp: answer.sdp, from: 'p2' }));
	return events;
}

const serialize = (snapshot: Snapshot) => {
	const c = snapshot.context as Snapshot['context'] & {
		you?: { states: { connectionState: { value: string }[] } };
		incoming?: Description | null;
	};
	return JSON.stringify([
		snapshot.value,
		c.autoRun,
		c.peer?.A.states.connectionState.at(-1)?.value,
		c.peer?.B.states.connectionState.at(-1)?.value,
		c.you?.states.connectionState.at(-1)?.value,
		c.incoming?.type
	]);
};

/** Where a run starts: the loopback lab idle, the remote lab idle in the room with the other side. */
function start(machine: AnyStateMachine, chain: StepChain, trickle: boolean): Snapshot {
	const config = { mode: chain.mode, trickle };
	if (!chain.role) return initialTransition(machine, { delayMs: 0, config })[0] as Snapshot;
	const [idle] = initialTransition(machine, { room: 'r', delayMs: 0, config });
	const joined = server({
		type: 'joined',
		room: 'r',
		peerId: chain.role === 'caller' ? 'p1' : 'p2',
		role: chain.role,
		peers: [chain.role === 'caller' ? 'p2' : 'p1']
	});
	return transition(machine, idle, joined)[0] as Snapshot;
}

/** Every state a path passes through, the ones it leaves at once (eventless moves) included. */
function statesAlong(machine: AnyStateMachine, from: Snapshot, events: EventObject[]): string[] {
	const seen = [leafState(from.value)];
	let snapshot = from;
	for (const event of events) {
		for (const [next] of getMicrosteps(machine, snapshot, event)) {
			const leaf = leafState(next.value);
			if (seen.at(-1) !== leaf) seen.push(leaf);
			snapshot = next as Snapshot;
		}
	}
	return seen;
}

describe('every path of steps reaches connected, through the table’s states in order', () => {
	for (const { name, machine, chains } of labs) {
		for (const chain of chains) {
			for (const trickle of [true, false]) {
				const config = `${name} ${chain.role ?? ''} ${chain.mode}, trickle ${trickle ? 'on' : 'off'}`;
				it(config, () => {
					const fromState = start(machine, chain, trickle);
					const options = {
						fromState,
						events: (s: Snapshot) => stepEvents(machine, s),
						serializeState: serialize,
						limit: 2000
					};
					// No dead end: every state the steps reach can go on, except connected.
					const adjacency = getAdjacencyMap(machine, options as never) as unknown as Record<
						string,
						{ state: Snapshot; transitions: Record<string, { state: Snapshot }> }
					>;
					const ends = Object.values(adjacency).filter(({ state, transitions }) =>
						Object.values(transitions).every(
							({ state: next }) => serialize(next as Snapshot) === serialize(state as Snapshot)
						)
					);
					expect(new Set(ends.map(({ state }) => leafState((state as Snapshot).value)))).toEqual(
						new Set(['connected'])
					);

					const paths = getSimplePaths(machine, {
						...options,
						toState: (s: Snapshot) => leafState(s.value) === 'connected'
					} as never);
					expect(paths.length).toBeGreaterThan(0);
					const expected = chainOrder(chain).slice(1);
					for (const path of paths) {
						const events = path.steps.slice(1).map((step) => step.event as EventObject);
						const along = statesAlong(machine, fromState, events).slice(1);
						// "Next step" and "Run to connected" only ever move forward along the table.
						expect(along, events.map((e) => e.type).join(' ')).toEqual(expected);
					}
				});
			}
		}
	}
});
