import { untrack } from 'svelte';
import { createSubscriber } from 'svelte/reactivity';
import type { AnyActorRef, SnapshotFrom } from 'xstate';
import { leafState } from './machine';
import { runningAtFullSpeed } from './peer-view';

/**
 * Makes an XState actor's snapshot readable from Svelte templates: reading `snapshot` inside an
 * effect or template subscribes to the actor, and the subscription ends when nothing reads it.
 *
 * `defer` names snapshots that may wait: while a run races through its steps, dozens of events
 * arrive within a few milliseconds, and redrawing the page for each of them would cost more than
 * the steps themselves (a whole run at full speed takes about as long as two frames). Deferred
 * snapshots are drawn at most every `deferMs` (so a slow run, such as one through a relay, still
 * shows its progress), and a snapshot that is not deferred (a resting state such as "connected",
 * or a step waiting for "Next step") is drawn at once, with everything that waited.
 */
export class ActorView<TActor extends AnyActorRef> {
	readonly #subscribe: () => void;
	#races = $state(0);
	#racing = $state(false);

	constructor(
		readonly actor: TActor,
		{
			defer,
			deferMs = 100
		}: { defer?: (snapshot: SnapshotFrom<TActor>) => boolean; deferMs?: number } = {}
	) {
		this.#subscribe = createSubscriber((update) => {
			let timer: ReturnType<typeof setTimeout> | undefined;
			let deferred = false;
			const flush = (racing: boolean) => {
				clearTimeout(timer);
				timer = undefined;
				this.#racing = racing; // an unchanged value notifies nobody
				update();
			};
			const subscription = actor.subscribe((snapshot: SnapshotFrom<TActor>) => {
				if (defer?.(snapshot)) {
					deferred = true;
					timer ??= setTimeout(() => flush(true), deferMs);
					return;
				}
				if (deferred) this.#races++;
				deferred = false;
				flush(false);
			});
			return () => {
				clearTimeout(timer);
				subscription.unsubscribe();
			};
		});
	}

	get snapshot(): SnapshotFrom<TActor> {
		this.#subscribe();
		return this.actor.getSnapshot();
	}

	/** The snapshot drawn now is one of a race still going (drawn by the `deferMs` timer). */
	get racing(): boolean {
		return this.#racing;
	}

	/** How many races (stretches of deferred snapshots) have ended in a resting state so far. */
	get races(): number {
		return this.#races;
	}
}

/**
 * The snapshots a lab view may draw late (ActorView's `defer`): those of a run playing at full
 * speed, and those of the ICE checks (a burst of candidates and state changes within milliseconds).
 */
export const racing = (snapshot: LabSnapshotLike) =>
	runningAtFullSpeed(snapshot.context) || leafState(snapshot.value) === 'iceChecking';

/**
 * A value that stops following `live` while `hold` is true and catches up when it turns false.
 * The labs use it while "Run to connected" plays at full speed (delay 0): nobody can read the
 * panels then, and redrawing them at every step would slow the run itself down several times.
 * The held value is plain state, written only when it changes: while it is held, nothing that
 * reads it is even looked at when the live value moves on.
 * Call it while a component initialises (it owns an effect).
 */
export function heldWhile<T>(live: () => T, hold: (value: T) => boolean): { readonly current: T } {
	let shown = $state.raw(untrack(live));
	$effect.pre(() => {
		const value = live();
		if (!hold(value)) shown = value;
	});
	return {
		get current() {
			return shown;
		}
	};
}

/**
 * What a lab's panels show: the live snapshot, held while "Run to connected" plays at full speed
 * and, after such a run, while ICE checks on its own (at most `settleMs`): redrawing every panel
 * right then would hold up the checks' results, which arrive within milliseconds on a loopback
 * path. A slow path (a relay, a failing check) still shows its checks once the time is up.
 *
 * When a hold ends, the panels catch up one painted frame later: the new machine state and the
 * controls are on screen first (the moment "connected" is reached), then the heavy panels (SDP,
 * candidates, diagrams) redraw in the next frame. `panelsLive` says whether they have caught up.
 *
 * `races` and `racing` come from an {@link ActorView} with `defer`: a race drawn only at its end
 * (a run at full speed is over in a few milliseconds) was never seen holding, so its end is what
 * starts the catch-up; a race drawn on the way (a slow run) holds the panels like a run at full
 * speed does.
 *
 * `waiting` names snapshots that wait for somebody else (the remote lab waiting for the other
 * side's offer or answer): a run is not playing then, but the other side usually answers within
 * milliseconds, so the panels stay held for `waitMs` and only then show the wait.
 * Call it while a component initialises (it owns effects).
 */
type LabSnapshotLike = { value: unknown; context: { autoRun: boolean; delayMs: number } };

export function labPanels<T extends LabSnapshotLike | undefined>(
	live: () => T,
	{
		settleMs = 1000,
		races = () => 0,
		racing = () => false,
		waiting,
		waitMs = 250
	}: {
		settleMs?: number;
		races?: () => number;
		racing?: () => boolean;
		waiting?: (snapshot: LabSnapshotLike) => boolean;
		waitMs?: number;
	} = {}
): { readonly current: T; readonly panelsLive: boolean } {
	let settling = $state(false);
	let waitedLong = $state(false);
	let catchingUp = $state(false);
	// The last race whose end the panels show.
	let caughtUpWith = $state(untrack(races));
	const behind = $derived(races() !== caughtUpWith);
	let settleTimer: ReturnType<typeof setTimeout> | undefined;
	const fullSpeed = $derived.by(() => {
		const snapshot: LabSnapshotLike | undefined = live();
		return !!snapshot && (runningAtFullSpeed(snapshot.context) || racing());
	});
	// The time limit starts with each full-speed run and outlives its end (that is its point).
	$effect(() => {
		if (!fullSpeed) return;
		settling = true;
		clearTimeout(settleTimer);
		settleTimer = setTimeout(() => (settling = false), settleMs);
	});
	const isWaiting = $derived.by(() => {
		const s: LabSnapshotLike | undefined = live();
		return !!s && !!waiting?.(s);
	});
	// Each wait starts its own clock.
	$effect(() => {
		if (!isWaiting) {
			waitedLong = false;
			return;
		}
		const timer = setTimeout(() => (waitedLong = true), waitMs);
		return () => clearTimeout(timer);
	});
	const holding = $derived.by(() => {
		const s: LabSnapshotLike | undefined = live();
		if (!s) return false;
		if (isWaiting && waitedLong) return false;
		return (
			runningAtFullSpeed(s.context) ||
			racing() ||
			(settling && leafState(s.value) === 'iceChecking')
		);
	});
	// A hold that ends leaves the panels held until the frame that shows its end has been painted:
	// an animation frame (before that paint), then a task (after it). A hidden tab paints no
	// frames, so a short timer releases them too.
	$effect(() => {
		if (holding) {
			catchingUp = true;
			return;
		}
		if (!catchingUp && !behind) return;
		let after: ReturnType<typeof setTimeout> | undefined;
		const release = () => {
			catchingUp = false;
			caughtUpWith = untrack(races);
		};
		const frame = requestAnimationFrame(() => (after = setTimeout(release)));
		const fallback = setTimeout(release, 100);
		return () => {
			cancelAnimationFrame(frame);
			clearTimeout(after);
			clearTimeout(fallback);
		};
	});
	$effect(() => () => clearTimeout(settleTimer));
	const shown = heldWhile(live, () => holding || catchingUp || behind);
	return {
		get current() {
			return shown.current;
		},
		get panelsLive() {
			return !holding && !catchingUp && !behind;
		}
	};
}
