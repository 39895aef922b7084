// What both lab machines share: the JSEP story told once. The loopback machine (machine.ts) holds
// two peers in one page, the remote machine (remote-machine.ts) one side of a room; both build
// their step states from the step table (steps.ts) with `stepStates`, giving only what differs per
// step: the actor a "doing" state invokes and what it records. The waiting between steps ("Next
// step", "Run to connected", the step delay, a lesson's hold), the error handling and the actions,
// guards and actor types both machines use live here, once.

import {
	and,
	assign,
	enqueueActions,
	fromCallback,
	fromPromise,
	not,
	raise,
	type EventObject,
	type MachineContext,
	type ParameterizedObject
} from 'xstate';
import type { PairRow } from '$lib/core/ice/pairs';
import type { StatsReportLike } from '$lib/core/stats/summary';
import type { IceServerLike } from '$lib/core/ice/conditions';
import { runningAtFullSpeed, type DescriptionVersion } from './peer-view';
import { leadsTo, type StepChain } from './steps';
import type {
	ChatMessage,
	Description,
	IceCandidateError,
	LabConfig,
	LabError,
	LabEvent,
	PeerId,
	PeersHandle,
	StatsSummary
} from './types';
import type { LogEvent } from './log-labels';
import { clampStatsInterval, STATS_INTERVAL } from './types';

/** The context fields both machines keep, with the same meaning. */
export interface JsepContext extends MachineContext {
	config: LabConfig;
	/** Pause between automatic steps while "Run to connected" plays (0 = as fast as possible). */
	delayMs: number;
	autoRun: boolean;
	/**
	 * "Run to connected" stopped at a hold (a prediction not yet answered) and waits here: once
	 * the hold is lifted the page may let it go on. Forgotten when the lab leaves the state.
	 */
	runHeld: boolean;
	/**
	 * States no step may enter for now (a lesson's unanswered prediction is due before them):
	 * "Next step" and "Run to connected" stop in the state before. Kept across "Reset".
	 */
	holdBefore: string[];
	peers: PeersHandle | null;
	offer: Description | null;
	answer: Description | null;
	/** Every distinct description each side produced or received, oldest first. */
	history: DescriptionVersion[];
	/** Every arrow and note of the sequence diagram, in order. */
	log: LogEvent[];
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
}

/** The remote lab's side of the exchange; the loopback lab plays both (no role). */
const roleOf = (context: JsepContext) => (context as { role?: string | null }).role ?? null;

/** Why a description version exists, the same words in both labs (DescriptionHistory words them). */
export const HISTORY_REASON = {
	local: 'localDescription after setLocalDescription',
	signaled: 'as signaled',
	restart: 'ICE restart'
} as const;

// ---------------------------------------------------------------------------------------------
// Actors: placeholders with their types. actors.ts provides the real ones, tests provide fakes.

export const notProvided = (lab: string, name: string) => () => {
	throw new Error(`The ${lab} actor "${name}" was not provided`);
};

export interface StepInput {
	peers: PeersHandle;
	peer: PeerId;
}

export interface PollStatsInput {
	peers: PeersHandle;
	intervalMs: number;
	/** The controlling ICE agents: the side that offered (RFC 8445 §6.1.1). */
	controlling: PeerId[];
	/** The first result can wait a period (the checks of a loopback pair are over at once). */
	waitFirst?: boolean;
}

/** The step actors both machines invoke: each makes one WebRTC call on the peer it is given. */
export function jsepActors(lab: string) {
	return {
		addMedia: fromPromise<
			Partial<Record<PeerId, MediaStream>>,
			{ peers: PeersHandle; config: LabConfig; label?: string }
		>(notProvided(lab, 'addMedia')),
		createDataChannel: fromPromise<void, StepInput>(notProvided(lab, 'createDataChannel')),
		createOffer: fromPromise<Description, StepInput>(notProvided(lab, 'createOffer')),
		createAnswer: fromPromise<Description, StepInput>(notProvided(lab, 'createAnswer')),
		/** Resolves with the description to signal: with candidates inside when not trickling. */
		setLocalDescription: fromPromise<
			Description,
			StepInput & { description: Description; waitForGathering: boolean }
		>(notProvided(lab, 'setLocalDescription')),
		setRemoteDescription: fromPromise<void, StepInput & { description: Description }>(
			notProvided(lab, 'setRemoteDescription')
		),
		pollStats: fromCallback<{ type: 'noop' }, PollStatsInput>(notProvided(lab, 'pollStats'))
	};
}

// ---------------------------------------------------------------------------------------------
// Errors

/** Turns a thrown value (DOMException, Error, anything) into something the UI can explain. */
export function toLabError(step: string, error: unknown): LabError {
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

/** The innermost active state's name: "offerCreated" for { session: 'offerCreated' }. */
export function leafState(value: unknown): string {
	let current = value;
	while (current && typeof current === 'object') current = Object.values(current)[0];
	return typeof current === 'string' ? current : '';
}

// ---------------------------------------------------------------------------------------------
// Guards and actions

/** The event is of this type (narrows the shared actions' events). */
const is = <T extends LabEvent['type']>(
	event: EventObject,
	type: T
): event is Extract<LabEvent, { type: T }> => event.type === type;

/** A configuration of a run: its mode, and in the remote lab its role. */
export type ChainKey = Pick<StepChain, 'mode' | 'role'>;

export const jsepGuards = {
	/** No hold covers where the step leads (`into`: the states it passes through). */
	canAdvance: ({ context }: { context: JsepContext }, params: { into: readonly string[] }) =>
		!params.into.some((state) => context.holdBefore.includes(state)),
	autoRun: ({ context }: { context: JsepContext }) => context.autoRun,
	autoRunNow: ({ context }: { context: JsepContext }) => runningAtFullSpeed(context),
	mediaMode: ({ context }: { context: JsepContext }) => context.config.mode === 'media',
	/** The lab runs one of these configurations (the next step depends on mode and role). */
	runs: ({ context }: { context: JsepContext }, params: { chains: readonly ChainKey[] }) =>
		params.chains.some(
			(c) => c.mode === context.config.mode && (c.role === undefined || c.role === roleOf(context))
		)
};

/**
 * The actions both machines name the same way, for their own context and event types (a machine's
 * actions must be typed with its own; the bodies only touch the shared fields).
 */
export function jsepActions<TContext extends JsepContext, TEvent extends EventObject>() {
	const change = (patch: Partial<JsepContext>) => patch as Partial<TContext>;
	const action = <P extends Record<string, unknown> | undefined = undefined>(
		fn: (
			args: { context: TContext; event: TEvent; self: { getSnapshot(): { value: unknown } } },
			params: P
		) => Partial<JsepContext>
	) => assign<TContext, TEvent, P, TEvent, never>((args, params) => change(fn(args, params)));
	return {
		configure: action(({ context, event }) =>
			is(event, 'lab.configure') ? { config: { ...context.config, ...event.config } } : {}
		),
		setStatsInterval: action(({ context, event }) =>
			is(event, 'lab.statsInterval')
				? { config: { ...context.config, statsIntervalMs: clampStatsInterval(event.ms) } }
				: {}
		),
		setDelay: action(({ event }) =>
			is(event, 'lab.delay')
				? { delayMs: Math.max(0, Math.min(10_000, Math.round(event.delayMs) || 0)) }
				: {}
		),
		setHold: action(({ event }) =>
			is(event, 'lab.hold') ? { holdBefore: [...event.states] } : {}
		),
		setIceServers: action(({ event }) =>
			is(event, 'lab.iceServers') ? { iceServers: event.iceServers } : {}
		),
		startAutoRun: action(() => ({ autoRun: true, runHeld: false })),
		stopAutoRun: action(() => ({ autoRun: false })),
		/** "Run to connected" reached a held step: it stops and remembers it was running. */
		holdRun: action(() => ({ autoRun: false, runHeld: true })),
		forgetHeldRun: action(() => ({ runHeld: false })),
		stepNow: raise<TContext, TEvent, TEvent, undefined>({ type: 'lab.step' } as TEvent),
		markForcedTurn: action(() => ({ forcedTurn: true })),
		recordIceError: action(({ context, event }) => {
			if (!is(event, 'pc.icecandidateerror')) return {};
			const { type: _type, ...error } = event;
			return { iceErrors: [...context.iceErrors, error] };
		}),
		recordStats: action(({ event }) =>
			is(event, 'stats.report')
				? { stats: event.summaries, pairs: event.pairs ?? {}, reports: event.reports ?? {} }
				: {}
		),
		/** A step's actor failed: the lab says which step and why, and a run stops there. */
		recordError: action(({ event, self }) => ({
			error: toLabError(leafState(self.getSnapshot().value), (event as { error?: unknown }).error),
			autoRun: false
		}))
	};
}

/**
 * `enqueueActions` for a machine's own actions, typed by its context and events (beside the
 * shared actions TypeScript cannot infer them on its own).
 */
export function collectFor<TContext extends MachineContext, TEvent extends EventObject>() {
	return <P extends ParameterizedObject['params'] | undefined = undefined>(
		collect: Parameters<
			typeof enqueueActions<TContext, TEvent, P, TEvent, never, never, never, never, never>
		>[0]
	) => enqueueActions<TContext, TEvent, P, TEvent, never, never, never, never, never>(collect);
}

// ---------------------------------------------------------------------------------------------
// The step states, built from the table

/**
 * A state node's config, as the machines write them. Built from data, it is not typed against a
 * machine's actions and guards: jsep.test.ts checks that every name it uses is implemented.
 */
export type StateConfig = Record<string, unknown>;

/** What a "doing" state does, given the state its success leads to (the step's `done`). */
export type Doing = (done: string) => StateConfig;

/** The guard "no hold covers `into`". */
export const canAdvance = (into: readonly string[]) =>
	({ type: 'canAdvance', params: { into } }) as const;

/**
 * "Run to connected" is taken only where a step is still left to play: in a waiting state it starts
 * the next step at once, in a "doing" state it lets the next ones follow. Once nothing is left to
 * call (ICE and DTLS run by themselves) the event is ignored, and a run can never stay switched on
 * in connected, failed or closed (it would hold the panels still).
 */
const runFromPause = { actions: ['startAutoRun', 'stepNow'] } as const;
const playFromHere = { actions: 'startAutoRun' } as const;

/** A doing state that invokes one actor: its result leads to `done`, its failure to `failed`. */
export function call(
	src: string,
	input: (args: { context: never }) => unknown,
	actions: unknown = [],
	onError: unknown = 'recordError'
): Doing {
	return (done) => ({
		invoke: {
			src,
			input,
			onDone: { target: done, actions },
			onError: { target: 'failed', actions: onError }
		}
	});
}

/** A doing state that waits for something that is not a call (a message, the room), then moves on. */
export function until(guard: unknown, actions: unknown = []): Doing {
	return (done) => ({ always: { guard, target: done, actions } });
}

/** A doing state completed by an event (pc.created). */
export function on(event: string, actions: unknown = []): Doing {
	return (done) => ({ on: { [event]: { target: done, actions } } });
}

/** The stats poller, for the states that show the pair grid and the charts. */
export function pollStats(
	controlling: (context: JsepContext) => PeerId[],
	intervalMs: (context: JsepContext) => number = (context) =>
		clampStatsInterval(context.config.statsIntervalMs),
	waitFirst = false
) {
	return {
		src: 'pollStats' as const,
		input: ({ context }: { context: JsepContext }): PollStatsInput => ({
			peers: context.peers!,
			intervalMs: intervalMs(context),
			controlling: controlling(context),
			...(waitFirst ? { waitFirst } : {})
		}),
		onError: { actions: 'recordError' as const }
	};
}

/**
 * ICE checking: nothing to call, so "Run to connected" has nothing left to play; connectivity
 * checks and the DTLS handshake run by themselves while the pair grid follows them (frozen →
 * in-progress → succeeded), polled at twice the fastest period.
 */
export function iceChecking(options: {
	connected: unknown;
	failed: unknown;
	note: unknown;
	controlling: (context: JsepContext) => PeerId[];
	/** More ways out, after connected and failed. */
	more?: StateConfig[];
}): Doing {
	return (done) => ({
		entry: 'stopAutoRun',
		invoke: pollStats(options.controlling, () => STATS_INTERVAL.min * 2, true),
		on: { 'stats.report': { actions: 'recordStats' } },
		always: [
			{ guard: options.connected, target: done, actions: ['stopAutoRun', options.note] },
			{ guard: options.failed, target: 'failed', actions: 'stopAutoRun' },
			...(options.more ?? [])
		]
	});
}

/** Every one of these guards holds (one guard needs no `and`). */
const all = (...guards: unknown[]) => (guards.length === 1 ? guards[0] : and(guards as never));

/**
 * The step states of a lab, from the step table: every `doing` state as the machine describes it
 * (with "Run to connected" taken while a wait is still ahead), and every waiting state between two
 * steps. A waiting state moves on by "Next step", or by itself while "Run to connected" plays:
 * after the step delay, or at once (no timer at all) when the delay is 0. Its next state depends
 * on the run (mode, role) when the runs differ there. A hold on where the step leads
 * (`holdBefore`) keeps the lab waiting, and stops a run (remembered in `runHeld`).
 */
export function stepStates(
	chains: readonly StepChain[],
	doing: Record<string, Doing>
): { initial: string; states: Record<string, StateConfig> } {
	const into = leadsTo(chains);
	const doneOf = new Map<string, string>();
	const next = new Map<string, Map<string, ChainKey[]>>();
	/** Doing states with a wait still ahead of them in some run. */
	const playable = new Set<string>();
	for (const { mode, role, steps } of chains) {
		steps.forEach((step, i) => {
			const known = doneOf.get(step.doing);
			if (known && known !== step.done)
				throw new Error(`The step table has ${step.doing} end in ${known} and ${step.done}`);
			doneOf.set(step.doing, step.done);
			const after = steps[i + 1];
			if (after && after.doing !== step.done) {
				const targets = next.get(step.done) ?? new Map<string, ChainKey[]>();
				targets.set(after.doing, [
					...(targets.get(after.doing) ?? []),
					{ mode, ...(role ? { role } : {}) }
				]);
				next.set(step.done, targets);
				for (const earlier of steps.slice(0, i + 1)) playable.add(earlier.doing);
			}
		});
	}
	const initial = new Set(chains.map((c) => c.steps[0]?.doing));
	if (initial.size !== 1) throw new Error(`The runs start in different states: ${[...initial]}`);

	const states: Record<string, StateConfig> = {};
	for (const [state, done] of doneOf) {
		const describe = doing[state];
		if (!describe) throw new Error(`The machine does not say what the step state ${state} does`);
		const config = describe(done);
		states[state] = playable.has(state)
			? { ...config, on: { 'lab.run': playFromHere, ...(config.on as object) } }
			: config;
	}
	for (const [state, targets] of next) {
		const hold = canAdvance(into[state] ?? []);
		const branches = [...targets].map(([target, runs]) =>
			targets.size === 1
				? { target, when: [] }
				: { target, when: [{ type: 'runs', params: { chains: runs } }] }
		);
		states[state] = {
			tags: ['paused'],
			exit: 'forgetHeldRun',
			on: {
				'lab.run': runFromPause,
				'lab.step': [
					{ guard: not(hold) },
					...branches.map(({ target, when }) => ({ target, guard: all(hold, ...when) }))
				]
			},
			always: [
				{ guard: all('autoRun', not(hold)), actions: 'holdRun' },
				...branches.map(({ target, when }) => ({ target, guard: all('autoRunNow', ...when) }))
			],
			after: {
				stepDelay: branches.map(({ target, when }) => ({
					target,
					guard: all('autoRun', hold, ...when)
				}))
			}
		};
	}
	const [first] = initial;
	return { initial: first!, states };
}
