// The timeline of a run, for time travel: the moments a learner can scrub back to, each with the
// machine's context as it was then. XState's `assign` makes a new context (and new peer views,
// logs, histories …) on every change and never edits an old one, so keeping a reference to a past
// context is enough to draw every panel again as it was, without touching the live connection.
//
// A moment is recorded when the machine's leaf state changes (a step done, or a state on the way)
// or when the sequence diagram's log grows while the state stays (an ICE candidate, a state
// change of a peer connection, a chat message …), or when the page's `moment` option says another
// change is one. Nothing else makes a moment: stats polls change the context every second and
// would bury the story.
//
//   record(timeline, 'offerCreated', context, 1234, { isStep }) → one more entry, kind 'step'

/**
 * `step`: the machine reached a step's `done` state or a resting state (connected, failed …);
 * `state`: any other state change (a step's `doing` state); `event`: the log grew.
 */
export type TimelineKind = 'step' | 'state' | 'event';

/** What the timeline needs of a context: the sequence diagram's log. */
export interface TimelineContext {
	/** Labels may be data the page words (the labs' `LogLabel`): only text ones are copied. */
	readonly log: readonly { readonly label: unknown }[];
}

export interface TimelineEntry<C extends TimelineContext = TimelineContext> {
	/**
	 * Increasing (0, 1, 2 …), never reused, also across a Reset: dropping old entries does not
	 * renumber the rest, and a selection made before a Reset never matches a later entry.
	 */
	index: number;
	/** When it was recorded, on the caller's clock (e.g. `performance.now()`). */
	atMs: number;
	/** The machine's leaf state then. */
	state: string;
	/** The context as it was (the same object the snapshot held; never mutated). */
	context: C;
	kind: TimelineKind;
	/** `context.log.length`: the diagram up to this moment is `log.slice(0, logLength)`. */
	logLength: number;
	/**
	 * For an `event` entry: the newest log entry's label (e.g. "icecandidate (host udp)"), or the
	 * label `moment` gave.
	 */
	label?: string;
}

/** What a timeline component needs of an entry (a dump's events make such entries too). */
export type TimelineMark = Pick<TimelineEntry, 'index' | 'atMs' | 'kind'>;

export interface Timeline<C extends TimelineContext = TimelineContext> {
	/** Oldest first. */
	entries: readonly TimelineEntry<C>[];
	/** The index the next entry gets. */
	next: number;
	/** How many entries were dropped to keep within `max`. */
	dropped: number;
}

export interface RecordOptions<C extends TimelineContext = TimelineContext> {
	/** A step's `done` state or a resting state (connected, failed, closed …). */
	isStep: (state: string) => boolean;
	/** Entering this state from another one is a Reset: a new timeline starts. Default 'idle'. */
	resetState?: string;
	/** The most entries kept. Default MAX_TIMELINE_ENTRIES. */
	max?: number;
	/**
	 * Another change worth a moment while the state stays and the log does not grow, with its
	 * label, or null. `before` is the newest entry's context. E.g. a peer connection's state
	 * change, which the lab records in the peer views but not in the log:
	 * `(before, after) => before.peer !== after.peer ? 'peer states' : null`.
	 */
	moment?: (before: C, after: C) => string | null;
}

/**
 * `isStep` from the step table, without this module importing it: a step's `done` state, or one
 * of the resting states. E.g. `stepPredicate(stepsFor(mode), ['connected', 'failed'])`.
 */
export function stepPredicate(
	steps: readonly { done: string }[],
	rest: readonly string[] = []
): (state: string) => boolean {
	const states = new Set([...steps.map((step) => step.done), ...rest]);
	return (state) => states.has(state);
}

/**
 * A run with trickle ICE, audio, video and a chat makes a few hundred entries; a long session
 * with renegotiations and chatting can make thousands, each holding a context.
 */
export const MAX_TIMELINE_ENTRIES = 2000;

export const emptyTimeline = <C extends TimelineContext>(): Timeline<C> => ({
	entries: [],
	next: 0,
	dropped: 0
});

/**
 * The timeline with this moment added, or the same timeline (===) when nothing the learner sees
 * in the story changed: same leaf state and no new log entry.
 *
 * A Reset (entering `resetState` from another state) or a log that got shorter (a new session's
 * log) starts a new timeline. Past `max` entries, the oldest `event` entry is dropped (then the
 * oldest `state` entry); step entries are never dropped, nor the first entry (the run's start),
 * so every step of the run stays reachable however long it lasts.
 */
export function record<C extends TimelineContext>(
	timeline: Timeline<C>,
	state: string,
	context: C,
	atMs: number,
	options: RecordOptions<C>
): Timeline<C> {
	const { isStep, resetState = 'idle', max = MAX_TIMELINE_ENTRIES, moment } = options;
	const last = timeline.entries.at(-1);
	const logLength = context.log.length;
	const restart =
		last !== undefined &&
		((state === resetState && last.state !== resetState) || logLength < last.logLength);
	// A new timeline goes on numbering: a selection from the old run is never taken for a moment
	// of the new one (it is older than every entry; the Timeline component goes back to live).
	const base: Timeline<C> = restart ? { entries: [], next: timeline.next, dropped: 0 } : timeline;
	const previous = restart ? undefined : last;

	let kind: TimelineKind;
	let label: string | null = null;
	if (previous === undefined || previous.state !== state) kind = isStep(state) ? 'step' : 'state';
	else if (logLength > previous.logLength) {
		kind = 'event';
		const newest = context.log[logLength - 1]!.label;
		// A label given as data is worded by the page from `context.log[logLength - 1]`.
		if (typeof newest === 'string') label = newest;
	} else {
		label = context === previous.context ? null : (moment?.(previous.context, context) ?? null);
		if (label === null) return timeline;
		kind = 'event';
	}

	const entry: TimelineEntry<C> = { index: base.next, atMs, state, context, kind, logLength };
	if (label !== null) entry.label = label;
	const entries = [...base.entries, entry];
	let dropped = base.dropped;
	while (entries.length > max) {
		const at = droppable(entries);
		if (at < 0) break;
		entries.splice(at, 1);
		dropped++;
	}
	return { entries, next: base.next + 1, dropped };
}

/** The oldest entry that may go: an event, else a state change; never the first or a step. */
function droppable(entries: readonly TimelineEntry<TimelineContext>[]): number {
	let state = -1;
	for (let i = 1; i < entries.length; i++) {
		const kind = entries[i]!.kind;
		if (kind === 'event') return i;
		if (kind === 'state' && state < 0) state = i;
	}
	return state;
}

/** Where the entry with this index is in `entries`, or -1. */
export function positionOf(entries: readonly { index: number }[], index: number): number {
	// Indices increase along the list: a binary search, since scrubbing asks on every move.
	let low = 0;
	let high = entries.length - 1;
	while (low <= high) {
		const mid = (low + high) >> 1;
		const at = entries[mid]!.index;
		if (at === index) return mid;
		if (at < index) low = mid + 1;
		else high = mid - 1;
	}
	return -1;
}

/**
 * A selection older than every entry: made before a Reset started this timeline (the first entry
 * is never dropped). The page should go back to live; the Timeline component does.
 */
export const isStale = (entries: readonly { index: number }[], selected: number | null) =>
	selected !== null && entries.length > 0 && selected < entries[0]!.index;

/**
 * The entry a selection shows: `null` (live) shows the newest entry; an index no longer kept
 * (dropped) shows the next entry still kept.
 */
export function entryAt<E extends { index: number }>(
	entries: readonly E[],
	selected: number | null
): E | null {
	if (entries.length === 0) return null;
	if (selected === null) return entries.at(-1)!;
	const exact = positionOf(entries, selected);
	if (exact >= 0) return entries[exact]!;
	return entries.find((entry) => entry.index > selected) ?? entries.at(-1)!;
}

/**
 * The selection after moving `delta` entries (-1 back, +1 forward) from `selected`. Live is the
 * newest entry's place: one step back from live is the entry before the newest; reaching the
 * newest entry is live again (`null`).
 */
export function stepFrom(
	entries: readonly { index: number }[],
	selected: number | null,
	delta: number
): number | null {
	if (entries.length === 0) return null;
	const last = entries.length - 1;
	const from = selected === null ? last : positionOf(entries, entryAt(entries, selected)!.index);
	const to = Math.min(last, Math.max(0, from + delta));
	return to === last ? null : entries[to]!.index;
}

/** The selection at a position of the list (a range input's value): the last position is live. */
export function selectionAt(
	entries: readonly { index: number }[],
	position: number
): number | null {
	if (entries.length === 0 || position >= entries.length - 1) return null;
	return entries[Math.max(0, Math.floor(position))]!.index;
}

/**
 * What "this step changed" is measured against: the nearest step entry before the entry, else the
 * run's first entry (the learner's first step is compared with the start). `null` for the first
 * entry itself or an index not in the list.
 */
export function previousStep<E extends { index: number; kind: TimelineKind }>(
	entries: readonly E[],
	index: number
): E | null {
	const at = positionOf(entries, index);
	if (at <= 0) return null;
	for (let i = at - 1; i > 0; i--) if (entries[i]!.kind === 'step') return entries[i]!;
	return entries[0]!;
}
