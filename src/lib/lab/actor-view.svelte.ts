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
