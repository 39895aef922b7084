// Records a lab actor's run into a timeline (lab/timeline.ts) as it happens. It listens to the
// actor itself, not to what the page draws: the page may skip snapshots of a run racing at full
// speed (ActorView's `defer`), but the timeline keeps every step and event of it.
import {
	emptyTimeline,
	record,
	type RecordOptions,
	type Timeline,
	type TimelineContext
} from './timeline';
import { leafState } from './machine';

/** The part of an XState actor the recorder uses. */
export interface RecordableActor<C> {
	getSnapshot(): { value: unknown; context: C };
	subscribe(listener: (snapshot: { value: unknown; context: C }) => void): {
		unsubscribe(): void;
	};
}

export class TimelineRecorder<C extends TimelineContext> {
	/** The run so far; a new object whenever a moment is added (read it in a template or $derived). */
	timeline = $state.raw<Timeline<C>>(emptyTimeline());
	readonly #subscription: { unsubscribe(): void };

	constructor(
		actor: RecordableActor<C>,
		options: RecordOptions<C>,
		/** The clock of `atMs`. */
		now: () => number = () => performance.now()
	) {
		const take = (snapshot: { value: unknown; context: C }) => {
			this.timeline = record(
				this.timeline,
				leafState(snapshot.value),
				snapshot.context,
				now(),
				options
			);
		};
		take(actor.getSnapshot());
		this.#subscription = actor.subscribe(take);
	}

	/** Stops recording (the page is leaving); the timeline stays as it is. */
	stop(): void {
		this.#subscription.unsubscribe();
	}
}
