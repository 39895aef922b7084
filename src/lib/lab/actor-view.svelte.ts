import { createSubscriber } from 'svelte/reactivity';
import type { AnyActorRef, SnapshotFrom } from 'xstate';
import { leafState } from './machine';
import { runningAtFullSpeed } from './peer-view';

/**
 * Makes an XState actor's snapshot readable from Svelte templates: reading `snapshot` inside an
 * effect or template subscribes to the actor, and the subscription ends when nothing reads it.
 */
export class ActorView<TActor extends AnyActorRef> {
	readonly #subscribe: () => void;

	constructor(readonly actor: TActor) {
		this.#subscribe = createSubscriber((update) => {
			const subscription = actor.subscribe(update);
			return () => subscription.unsubscribe();
		});
	}

	get snapshot(): SnapshotFrom<TActor> {
		this.#subscribe();
		return this.actor.getSnapshot();
	}
}

/**
 * A value that stops following `live` while `hold` is true and catches up when it turns false.
 * The labs use it while "Run to connected" plays at full speed (delay 0): nobody can read the
 * panels then, and redrawing them at every step would slow the run itself down several times.
 */
export function heldWhile<T>(live: () => T, hold: (value: T) => boolean): { readonly current: T } {
	let shown = live();
	const held = $derived.by(() => {
		const value = live();
		if (!hold(value)) shown = value;
		return shown;
	});
	return {
		get current() {
			return held;
		}
	};
}

/**
 * What a lab's panels show: the live snapshot, held while "Run to connected" plays at full speed
 * and, after such a run, while ICE checks on its own (at most `settleMs`): redrawing every panel
 * right then would hold up the checks' results, which arrive within milliseconds on a loopback
 * path. A slow path (a relay, a failing check) still shows its checks once the time is up.
 * Call it while a component initialises (it owns an effect).
 */
type LabSnapshotLike = { value: unknown; context: { autoRun: boolean; delayMs: number } };

export function labPanels<T extends LabSnapshotLike | undefined>(
	live: () => T,
	settleMs = 1000
): { readonly current: T } {
	let settling = $state(false);
	let timer: ReturnType<typeof setTimeout> | undefined;
	const fullSpeed = $derived.by(() => {
		const snapshot: LabSnapshotLike | undefined = live();
		return !!snapshot && runningAtFullSpeed(snapshot.context);
	});
	// The time limit starts with each full-speed run and outlives its end (that is its point).
	$effect(() => {
		if (!fullSpeed) return;
		settling = true;
		clearTimeout(timer);
		timer = setTimeout(() => (settling = false), settleMs);
	});
	$effect(() => () => clearTimeout(timer));
	const hold = (s: LabSnapshotLike | undefined) =>
		!!s && (runningAtFullSpeed(s.context) || (settling && leafState(s.value) === 'iceChecking'));
	return heldWhile(live, hold);
}
