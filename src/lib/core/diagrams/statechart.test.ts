import { describe, expect, it } from 'vitest';
import { fromPromise, setup } from 'xstate';
import { HOSTILE_LABELS } from './hostile.fixture';
import { mermaidParse, mermaidStateData } from './mermaid-parse.fixture';
import { stateDiagram, transitionLabel, type StateNodeLike } from './statechart';

/** A small negotiation machine using every construct the lab's machine uses. */
const machine = setup({
	actors: { createOffer: fromPromise(async () => 'v=0') },
	delays: { iceTimeout: 5000 },
	guards: { isCaller: () => true }
}).createMachine({
	id: 'lab',
	initial: 'idle',
	on: { reset: '.idle' },
	states: {
		idle: { on: { start: 'negotiating', 'pc.icecandidate': { target: 'idle' } } },
		negotiating: {
			initial: 'offering',
			states: {
				offering: {
					invoke: { id: 'offer', src: 'createOffer', onDone: 'waiting', onError: '#lab.failed' }
				},
				waiting: {
					on: { 'signal.answer': 'applied' },
					after: { iceTimeout: '#lab.failed', 1000: { target: 'waiting', reenter: true } }
				},
				applied: { always: { guard: 'isCaller', target: 'complete' } },
				complete: { type: 'final' }
			},
			onDone: 'connected'
		},
		connected: { on: { hangup: 'closed' } },
		failed: { on: { retry: 'negotiating' } },
		closed: { type: 'final' }
	}
});

const root: StateNodeLike = machine.root;

describe('stateDiagram', () => {
	const text = stateDiagram(root, ['lab.negotiating', 'lab.negotiating.waiting']);
	const lines = text.split('\n');

	it('nests compound states in blocks with their initial and final markers', () => {
		const start = lines.indexOf('  state s_negotiating {');
		const stop = lines.indexOf('  }', start);
		expect(lines.slice(start, stop + 1)).toEqual([
			'  state s_negotiating {',
			'    state "offering" as s_negotiating_offering',
			'    state "waiting" as s_negotiating_waiting',
			'    state "applied" as s_negotiating_applied',
			'    state "complete" as s_negotiating_complete',
			'    [*] --> s_negotiating_offering',
			'    s_negotiating_complete --> [*]',
			'  }'
		]);
		expect(lines[0]).toBe('stateDiagram-v2');
		expect(lines).toContain('  state "negotiating" as s_negotiating');
		expect(lines).toContain('  [*] --> s_idle');
		expect(lines).toContain('  s_closed --> [*]');
	});

	it('labels events, done, error, after and eventless transitions', () => {
		expect(lines).toEqual(
			expect.arrayContaining([
				'  s_idle --> s_negotiating : start',
				'  s_idle --> s_idle : pc.icecandidate',
				'  s_negotiating_offering --> s_negotiating_waiting : done',
				'  s_negotiating_offering --> s_failed : error',
				'  s_negotiating_waiting --> s_negotiating_applied : signal.answer',
				'  s_negotiating_waiting --> s_failed : after iceTimeout',
				'  s_negotiating_waiting --> s_negotiating_waiting : after 1000 ms',
				'  s_negotiating_applied --> s_negotiating_complete : always #91;isCaller#93;',
				'  s_negotiating --> s_connected : done',
				'  s_connected --> s_closed : hangup',
				'  s_failed --> s_negotiating : retry'
			])
		);
	});

	it('draws root transitions from an "any state" node', () => {
		expect(lines).toContain('  state "*" as s__any');
		expect(lines).toContain('  s__any --> s_idle : reset');
	});

	it('names the "any state" node with the words it is given, escaped', () => {
		const zh = stateDiagram(root, [], { anyState: '任意状态' }).split('\n');
		expect(zh).toContain('  state "任意状态" as s__any');
		const en = stateDiagram(root, [], { anyState: 'any state' }).split('\n');
		expect(en).toContain('  state "any state" as s__any');
		expect(stateDiagram(root, [], { anyState: '"x" --> y' })).toContain(
			'state "#34;x#34; #45;#45;#62; y" as s__any'
		);
		expect(stateDiagram(root, [])).not.toContain('any state');
	});

	it('highlights the active leaf, and its ancestors on request', () => {
		expect(lines).toContain('  classDef active fill:#fde047,stroke:#a16207,stroke-width:3px');
		expect(lines.filter((l) => l.startsWith('  class '))).toEqual([
			'  class s__any anyState',
			'  class s_negotiating_waiting active'
		]);
		const withAncestors = stateDiagram(root, ['negotiating.waiting'], { ancestors: true });
		expect(withAncestors).toContain('  class s_negotiating_waiting active\n');
		expect(withAncestors).toContain('  class s_negotiating activeAncestor\n');
		expect(stateDiagram(root, [])).not.toContain('classDef active ');
	});

	it('deduplicates identical edges', () => {
		const node = (key: string): StateNodeLike => ({
			key,
			id: `m.${key}`,
			type: 'atomic',
			states: {},
			transitions: new Map()
		});
		const b = node('b');
		const a: StateNodeLike = {
			...node('a'),
			transitions: new Map([
				['go', [{ eventType: 'go', target: [b] }]],
				[
					'go.too',
					[
						{ eventType: 'go', target: [b] },
						{ eventType: 'go', target: [b] }
					]
				]
			])
		};
		const m: StateNodeLike = {
			key: 'm',
			id: 'm',
			type: 'compound',
			states: { a, b },
			initial: { target: [a] },
			transitions: new Map()
		};
		const out = stateDiagram(m, []);
		expect(out.split('\n').filter((l) => l.includes('s_a --> s_b'))).toEqual([
			'  s_a --> s_b : go'
		]);
	});

	it('labels transitions readably', () => {
		expect(transitionLabel({ eventType: '' })).toBe('always');
		expect(transitionLabel({ eventType: 'xstate.after.250.m.a' })).toBe('after 250 ms');
		expect(transitionLabel({ eventType: 'xstate.done.actor.x' })).toBe('done');
		expect(transitionLabel({ eventType: 'xstate.done.state.m.a' })).toBe('done');
		expect(transitionLabel({ eventType: 'xstate.error.actor.x', guard: () => true })).toBe(
			'error [guard]'
		);
	});

	it('never throws on bad input', () => {
		expect(stateDiagram(undefined as never, undefined as never)).toBe('stateDiagram-v2\n');
		expect(() =>
			stateDiagram(
				{ id: 'x', states: { a: null, b: { id: 'b' } }, transitions: 7 } as never,
				[null] as never
			)
		).not.toThrow();
	});

	it('is parsed by mermaid with every state in its own block', async () => {
		const data = await mermaidStateData(stateDiagram(root, ['lab.negotiating.waiting']));
		const parentOf = new Map(data.nodes.map((n) => [n.id, n.parentId]));
		// Edges written at the top level must not pull nested states out of their block.
		expect(parentOf.get('s_negotiating_waiting')).toBe('s_negotiating');
		expect(parentOf.get('s_failed')).toBeUndefined();
		expect(
			data.edges.some((e) => e.start === 's_negotiating_waiting' && e.end === 's_failed')
		).toBe(true);
	});

	it.each(HOSTILE_LABELS.map((label) => [label]))(
		'escapes hostile keys and events %j',
		async (label) => {
			const target: StateNodeLike = {
				key: label,
				id: `m.${label}`,
				type: 'final',
				states: {},
				transitions: new Map()
			};
			const source: StateNodeLike = {
				key: label,
				id: `m.${label}.x`,
				type: 'atomic',
				states: {},
				transitions: new Map([[label, [{ eventType: label, target: [target] }]]])
			};
			const m: StateNodeLike = {
				key: 'm',
				id: 'm',
				type: 'compound',
				states: { [label]: source, [`${label}2`]: target },
				initial: { target: [source] },
				transitions: new Map()
			};
			const out = stateDiagram(m, [source.id]);
			const outLines = out.trimEnd().split('\n');
			expect(outLines).toHaveLength(1 + 2 + 2 + 1 + 2);
			for (const line of outLines.slice(1)) {
				// Statement shapes we emit, with the escaped text captured.
				const match =
					/^ {2}state "([^"]*)" as \w+$/.exec(line) ??
					/^ {2}(?:\[\*\]|\w+) --> (?:\[\*\]|\w+)(?: : (.*))?$/.exec(line) ??
					/^ {2}class(?:Def)? \w+ [\w:#,.-]+$/.exec(line);
				expect(match, line).not.toBeNull();
				const rest = (match?.[1] ?? '').replace(/#\d+;/g, '');
				expect(rest).not.toMatch(/[;<>%#:"\-\n]/);
			}
			expect(out).toContain('class s_');
			await expect(mermaidParse(out)).resolves.toBeUndefined();
		}
	);
});
