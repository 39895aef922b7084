import { describe, expect, it } from 'vitest';
import { assign, createActor, setup } from 'xstate';
import { stepPredicate } from './timeline';
import { TimelineRecorder } from './timeline-recorder.svelte';

// A run in miniature: nested states like the lab's (`session.*`), a log that grows.
const machine = setup({
	types: { context: {} as { log: { label: string }[]; polls: number } }
}).createMachine({
	context: { log: [], polls: 0 },
	initial: 'idle',
	on: { reset: { target: '.idle', actions: assign({ log: [] }) } },
	states: {
		idle: { on: { step: 'session' } },
		session: {
			initial: 'creatingOffer',
			states: {
				creatingOffer: {
					on: {
						log: {
							actions: assign({
								log: ({ context }) => [...context.log, { label: 'createOffer()' }]
							})
						},
						done: 'offerCreated'
					}
				},
				offerCreated: {
					on: { poll: { actions: assign({ polls: ({ context }) => context.polls + 1 }) } }
				}
			}
		}
	}
});

describe('TimelineRecorder', () => {
	it('records every leaf-state change and log event of the actor, and a new run on reset', () => {
		const actor = createActor(machine).start();
		let clock = 0;
		const recorder = new TimelineRecorder(
			actor,
			{ isStep: stepPredicate([{ done: 'offerCreated' }]) },
			() => (clock += 10)
		);
		for (const type of ['step', 'log', 'done', 'poll', 'poll'] as const) actor.send({ type });
		expect(recorder.timeline.entries.map((e) => [e.state, e.kind, e.label ?? '', e.atMs])).toEqual([
			['idle', 'state', '', 10],
			['creatingOffer', 'state', '', 20],
			['creatingOffer', 'event', 'createOffer()', 30],
			['offerCreated', 'step', '', 40]
		]);
		// The entry keeps the context of its moment, not the live one (stats polls went on).
		expect(recorder.timeline.entries[3]!.context.polls).toBe(0);
		expect(actor.getSnapshot().context.polls).toBe(2);

		actor.send({ type: 'reset' });
		expect(recorder.timeline.entries.map((e) => e.state)).toEqual(['idle']);
		recorder.stop();
		actor.send({ type: 'step' });
		expect(recorder.timeline.entries.map((e) => e.state)).toEqual(['idle']);
		actor.stop();
	});
});
