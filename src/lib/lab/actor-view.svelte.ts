import { createSubscriber } from 'svelte/reactivity';
import type { AnyActorRef, SnapshotFrom } from 'xstate';

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
