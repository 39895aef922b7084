import { describe, expect, it } from 'vitest';
import {
	emptyTimeline,
	entryAt,
	isStale,
	positionOf,
	previousStep,
	record,
	selectionAt,
	stepFrom,
	stepPredicate,
	type RecordOptions,
	type Timeline
} from './timeline';

interface Ctx {
	log: { label: string }[];
	n: number;
}

const STEPS = new Set(['peersCreated', 'offerCreated', 'connected']);
const options: RecordOptions = { isStep: (state) => STEPS.has(state) };

const ctx = (labels: string[], n = 0): Ctx => ({ log: labels.map((label) => ({ label })), n });

/** Records a list of [state, log labels] moments, 10 ms apart. */
function run(moments: [string, string[]][], opts: RecordOptions<Ctx> = options): Timeline<Ctx> {
	let timeline = emptyTimeline<Ctx>();
	moments.forEach(([state, labels], i) => {
		timeline = record(timeline, state, ctx(labels, i), i * 10, opts);
	});
	return timeline;
}

describe('record', () => {
	it('makes an entry per state change and per log event, with the context of the moment', () => {
		const timeline = run([
			['idle', []],
			['creatingPeers', []],
			['peersCreated', ['new RTCPeerConnection()']],
			['creatingOffer', ['new RTCPeerConnection()']],
			['creatingOffer', ['new RTCPeerConnection()', 'createOffer()']],
			['offerCreated', ['new RTCPeerConnection()', 'createOffer()']]
		]);
		expect(
			timeline.entries.map(({ index, state, kind, logLength, label, atMs }) => ({
				index,
				state,
				kind,
				logLength,
				label,
				atMs
			}))
		).toEqual([
			{ index: 0, state: 'idle', kind: 'state', logLength: 0, label: undefined, atMs: 0 },
			{ index: 1, state: 'creatingPeers', kind: 'state', logLength: 0, label: undefined, atMs: 10 },
			{ index: 2, state: 'peersCreated', kind: 'step', logLength: 1, label: undefined, atMs: 20 },
			{ index: 3, state: 'creatingOffer', kind: 'state', logLength: 1, label: undefined, atMs: 30 },
			{
				index: 4,
				state: 'creatingOffer',
				kind: 'event',
				logLength: 2,
				label: 'createOffer()',
				atMs: 40
			},
			{ index: 5, state: 'offerCreated', kind: 'step', logLength: 2, label: undefined, atMs: 50 }
		]);
		expect(timeline.entries[4]!.context.n).toBe(4);
	});

	it('returns the same timeline when neither the state nor the log changed', () => {
		const timeline = run([['connected', ['a']]]);
		// A stats poll: a new context, same state, same log.
		expect(record(timeline, 'connected', ctx(['a'], 99), 500, options)).toBe(timeline);
	});

	it('makes a moment of another change when `moment` says so, and only then', () => {
		const timeline = run([['iceChecking', ['a']]]);
		const opts: RecordOptions<Ctx> = {
			...options,
			moment: (before, after) => (after.n > before.n + 1 ? `n ${after.n}` : null)
		};
		const same = record(timeline, 'iceChecking', ctx(['a'], 1), 10, opts);
		expect(same).toBe(timeline);
		const more = record(same, 'iceChecking', ctx(['a'], 5), 20, opts);
		expect(more.entries.at(-1)).toMatchObject({ kind: 'event', label: 'n 5', logLength: 1 });
	});

	it('starts a new timeline on Reset (back to idle) and when the log gets shorter', () => {
		const timeline = run([
			['idle', []],
			['peersCreated', ['x']],
			['offerCreated', ['x', 'y']]
		]);
		const reset = record(timeline, 'idle', ctx([]), 100, options);
		// Numbered on: a selection from the old run (2) is stale, never the new run's entry 2.
		expect(reset.entries.map((e) => [e.index, e.state])).toEqual([[3, 'idle']]);
		expect(isStale(reset.entries, 2)).toBe(true);
		expect(isStale(reset.entries, 3)).toBe(false);
		expect(isStale(reset.entries, null)).toBe(false);
		// The remote lab's Reset keeps a short log (the room as it stands) in another state.
		const shorter = record(timeline, 'offerCreated', ctx(['joined']), 100, options);
		expect(shorter.entries.map((e) => [e.index, e.state, e.kind])).toEqual([
			[3, 'offerCreated', 'step']
		]);
	});

	it('keeps at most `max` entries, dropping the oldest events but never a step or the start', () => {
		const labels: string[] = [];
		const moments: [string, string[]][] = [['idle', []]];
		for (let i = 0; i < 5; i++) moments.push(['idle', (labels.push(`e${i}`), [...labels])]);
		moments.push(['peersCreated', [...labels]]);
		for (let i = 5; i < 10; i++)
			moments.push(['peersCreated', (labels.push(`e${i}`), [...labels])]);
		moments.push(['offerCreated', [...labels]]);
		const timeline = run(moments, { ...options, max: 6 });
		expect(timeline.entries.map((e) => e.label ?? e.state)).toEqual([
			'idle',
			'peersCreated',
			'e7',
			'e8',
			'e9',
			'offerCreated'
		]);
		expect(timeline.dropped).toBe(7);
		expect(timeline.next).toBe(13);
		// Only steps left to drop: they stay, past the bound.
		const steps = run(
			[
				['a', []],
				['peersCreated', []],
				['offerCreated', []],
				['connected', []]
			],
			{ ...options, max: 2 }
		);
		expect(steps.entries.map((e) => e.state)).toEqual([
			'a',
			'peersCreated',
			'offerCreated',
			'connected'
		]);
	});
});

describe('stepPredicate', () => {
	it("takes the steps' done states and the resting states", () => {
		const steps = [
			{ done: 'peersCreated', doing: 'creatingPeers' },
			{ done: 'offerCreated', doing: 'creatingOffer' }
		];
		const isStep = stepPredicate(steps, ['connected', 'failed']);
		expect(['peersCreated', 'creatingOffer', 'connected', 'failed', 'idle'].map(isStep)).toEqual([
			true,
			false,
			true,
			true,
			false
		]);
	});
});

describe('moving along the timeline', () => {
	const timeline = run([
		['idle', []],
		['creatingPeers', []],
		['peersCreated', ['p']],
		['creatingOffer', ['p']],
		['creatingOffer', ['p', 'o']],
		['offerCreated', ['p', 'o']]
	]);
	const { entries } = timeline;

	it('finds the step before an entry, else the start', () => {
		expect(previousStep(entries, 5)?.state).toBe('peersCreated');
		expect(previousStep(entries, 4)?.state).toBe('peersCreated');
		expect(previousStep(entries, 2)?.index).toBe(0);
		expect(previousStep(entries, 0)).toBeNull();
		expect(previousStep(entries, 42)).toBeNull();
	});

	it('steps back from live, forward to live, and stops at the ends', () => {
		expect(stepFrom(entries, null, -1)).toBe(4);
		expect(stepFrom(entries, 4, -1)).toBe(3);
		expect(stepFrom(entries, 0, -1)).toBe(0);
		expect(stepFrom(entries, 3, 1)).toBe(4);
		expect(stepFrom(entries, 4, 1)).toBeNull();
		expect(stepFrom(entries, null, 1)).toBeNull();
		expect(stepFrom([], null, -1)).toBeNull();
	});

	it('maps range positions to selections and back', () => {
		expect(selectionAt(entries, 0)).toBe(0);
		expect(selectionAt(entries, 5)).toBeNull();
		expect(positionOf(entries, 3)).toBe(3);
		expect(positionOf(entries, 9)).toBe(-1);
		expect(entryAt(entries, null)?.index).toBe(5);
		expect(entryAt(entries, 2)?.state).toBe('peersCreated');
		expect(entryAt([], null)).toBeNull();
	});

	it('keeps live at the newest entry and a past selection where it was as entries come', () => {
		const more = record(timeline, 'connected', ctx(['p', 'o', 'c']), 99, options).entries;
		expect(entryAt(more, null)?.state).toBe('connected');
		expect(entryAt(more, 3)).toBe(entries[3]);
		expect(positionOf(more, 3)).toBe(positionOf(entries, 3));
	});

	it('shows the next kept entry when the selected one was dropped', () => {
		const kept = entries.filter((e) => e.index !== 3);
		expect(entryAt(kept, 3)?.index).toBe(4);
		expect(stepFrom(kept, 3, -1)).toBe(2);
	});
});
