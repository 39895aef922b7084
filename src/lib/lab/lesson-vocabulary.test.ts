import { describe, expect, it } from 'vitest';
import { LESSON_VOCABULARY } from './lesson-vocabulary';
import { labMachine, STEP_LEADS_TO } from './machine';
import { remoteMachine } from './remote-machine';

/** Every state node's key in a machine. */
function stateKeys(machine: { root: { states: Record<string, unknown> } }): string[] {
	const keys: string[] = [];
	const walk = (states: Record<string, unknown>) => {
		for (const [key, node] of Object.entries(states)) {
			keys.push(key);
			walk((node as { states: Record<string, unknown> }).states);
		}
	};
	walk(machine.root.states);
	return keys;
}

describe('the state names lessons may use', () => {
	it('holds a prediction exactly where the loopback lab can hold a step', () => {
		const holdable = new Set(Object.values(STEP_LEADS_TO).flat());
		expect(new Set(LESSON_VOCABULARY.before['/lab'])).toEqual(holdable);
	});

	it('names only states the machines have', () => {
		const states = new Set([...stateKeys(labMachine), ...stateKeys(remoteMachine)]);
		for (const name of [
			...LESSON_VOCABULARY.machineStates,
			...LESSON_VOCABULARY.before['/lab'],
			...LESSON_VOCABULARY.before['/remote']
		]) {
			expect(states, name).toContain(name);
		}
		// Every leaf state a learner can see is a `machine` check's possible value.
		const leaves = [...states].filter((s) => s !== 'session');
		expect(new Set(leaves)).toEqual(new Set(LESSON_VOCABULARY.machineStates));
	});
});
