import { describe, expect, it } from 'vitest';
import { HOSTILE_LABELS } from './hostile.fixture';
import { mermaidParse } from './mermaid-parse.fixture';
import { labParticipants, sequenceDiagram, type SequenceEvent } from './sequence';

const participants = labParticipants({ A: 'Peer A', S: 'Signaling', B: 'Peer B' });
const folded = (count: number) => `${count} earlier ${count === 1 ? 'event' : 'events'} folded`;

/** One loopback offer/answer exchange, as the lab logs it. */
const offerAnswer: SequenceEvent[] = [
	{ from: 'A', to: 'A', label: 'createOffer()', kind: 'note', atMs: 1000 },
	{ from: 'A', to: 'A', label: 'setLocalDescription(offer)', kind: 'self', atMs: 1003 },
	{ from: 'A', to: 'S', label: 'offer', atMs: 1012 },
	{ from: 'S', to: 'B', label: 'offer', atMs: 1013 },
	{ from: 'B', to: 'S', label: 'answer', atMs: 1040 },
	{ from: 'S', to: 'A', label: 'answer', atMs: 1041 }
];

describe('sequenceDiagram', () => {
	it('writes participants, notes, self calls and messages', () => {
		expect(sequenceDiagram(participants, offerAnswer)).toBe(
			[
				'sequenceDiagram',
				'  participant A as Peer A',
				'  participant S as Signaling',
				'  participant B as Peer B',
				'  Note over A: createOffer()',
				'  A->>A: setLocalDescription(offer)',
				'  A->>S: offer',
				'  S->>B: offer',
				'  B->>S: answer',
				'  S->>A: answer',
				''
			].join('\n')
		);
	});

	it('wraps the latest arrow in a highlight rect', () => {
		const events = [...offerAnswer, { from: 'A', to: 'A', label: 'done', kind: 'note' as const }];
		const lines = sequenceDiagram(participants, events, { highlightLast: true }).split('\n');
		const at = lines.indexOf('  rect rgb(254, 240, 138)');
		expect(lines.slice(at, at + 4)).toEqual([
			'  rect rgb(254, 240, 138)',
			'    S->>A: answer',
			'  end',
			'  Note over A: done'
		]);
		expect(lines.filter((l) => l.includes('rect'))).toHaveLength(1);
	});

	it('folds all but the last maxEvents and says how many', () => {
		const text = sequenceDiagram(
			participants,
			offerAnswer,
			{ maxEvents: 2, showTime: true },
			{ folded }
		);
		expect(text).toBe(
			[
				'sequenceDiagram',
				'  participant A as Peer A',
				'  participant S as Signaling',
				'  participant B as Peer B',
				'  Note over A,B: 4 earlier events folded',
				'  B->>S: +40 ms answer',
				'  S->>A: +41 ms answer',
				''
			].join('\n')
		);
		expect(sequenceDiagram(participants, offerAnswer, { maxEvents: 5 }, { folded })).toContain(
			'Note over A,B: 1 earlier event folded'
		);
		// Without words the note holds no language: only the count.
		expect(sequenceDiagram(participants, offerAnswer, { maxEvents: 5 })).toContain(
			'Note over A,B: #8230; 1\n'
		);
		expect(sequenceDiagram(participants, offerAnswer, { maxEvents: 99 })).not.toContain('folded');
	});

	it('is generic over participants and registers unknown lanes', () => {
		const you = labParticipants({ A: 'You', S: 'Signaling server', B: 'Remote peer' });
		const text = sequenceDiagram(you, [
			{ from: 'A', to: 'S', label: 'join' },
			{ from: 'S', to: 'end', label: 'peer-joined' },
			{ from: '1 bad id', to: 'A', label: 'hi' }
		]);
		expect(text).toContain('participant A as You');
		expect(text).toContain('participant S as Signaling server');
		// 'end' is a keyword and '1 bad id' not an identifier: both get generated ids.
		expect(text).toContain('participant P4 as end');
		expect(text).toContain('S->>P4: peer#45;joined');
		expect(text).toContain('participant P5 as 1 bad id');
	});

	it('draws an optional participant only when a shown event uses it', () => {
		const lanes = [
			{ id: 'Sig', label: 'Signaling', optional: true },
			{ id: 'App', label: 'Page' },
			{ id: 'PC', label: 'RTCPeerConnection' }
		];
		const call = { from: 'App', to: 'PC', label: 'createOffer' };
		expect(sequenceDiagram(lanes, [call])).not.toContain('Signaling');
		const text = sequenceDiagram(lanes, [call, { from: 'App', to: 'Sig', label: 'offer' }]);
		// In the order given, so the channel stands on the page's side, away from the connection.
		expect(text).toMatch(/participant Sig as Signaling\n {2}participant App as Page\n/);
		// Folded away, it is not drawn either.
		expect(
			sequenceDiagram(lanes, [{ from: 'App', to: 'Sig', label: 'offer' }, call], { maxEvents: 1 })
		).not.toContain('participant Sig');
	});

	it('never throws on bad input', () => {
		const bad = [
			() => sequenceDiagram(undefined as never, undefined as never),
			() => sequenceDiagram([null, 3, { id: 7 }] as never, [null, { from: 1 }] as never),
			() => sequenceDiagram(participants, offerAnswer, { maxEvents: Number.NaN }),
			() => sequenceDiagram(participants, offerAnswer, { maxEvents: -3 }),
			() => sequenceDiagram(participants, offerAnswer, null as never)
		];
		for (const run of bad) expect(run).not.toThrow();
		expect(sequenceDiagram(participants, offerAnswer, { maxEvents: 0 }, { folded })).toContain(
			'6 earlier events folded'
		);
		const throwing = () => {
			throw new Error('no words');
		};
		expect(
			sequenceDiagram(participants, offerAnswer, {}, { label: throwing, folded: throwing })
		).toContain('A->>S: ·');
	});

	it('words labels given as data with the words it is given, and escapes them', () => {
		type Label = { id: 'sdp'; type: string } | { id: 'chat'; text: string };
		const events: SequenceEvent<Label>[] = [
			{ from: 'A', to: 'S', label: { id: 'sdp', type: 'offer' } },
			{ from: 'B', to: 'A', label: { id: 'chat', text: 'hi; A->>B: x' } }
		];
		const zh = labParticipants({ A: '对端 A', S: '信令', B: '对端 B' });
		const label = (l: Label) => (l.id === 'sdp' ? `${l.type}（SDP）` : `数据通道：${l.text}`);
		const text = sequenceDiagram(zh, events, {}, { label });
		expect(text).toContain('participant A as 对端 A');
		expect(text).toContain('participant S as 信令');
		expect(text).toContain('A->>S: offer#65288;SDP#65289;');
		expect(text).toContain('B->>A: 数据通道#65306;hi#59; A#45;#62;#62;B#58; x');
	});

	it('mermaid parses the loopback log', async () => {
		const text = sequenceDiagram(participants, offerAnswer, {
			highlightLast: true,
			showTime: true,
			maxEvents: 4
		});
		await expect(mermaidParse(text)).resolves.toBeUndefined();
	});

	describe.each(HOSTILE_LABELS.map((label) => [label]))('hostile label %j', (label) => {
		const text = sequenceDiagram(
			[...participants, { id: 'X', label }, { id: label, label }],
			[
				{ from: 'A', to: 'S', label, atMs: 1 },
				{ from: 'A', to: 'A', label, kind: 'note' },
				{ from: 'A', to: 'B', label, kind: 'note' },
				{ from: label, to: 'X', label },
				{ from: 'B', to: 'B', label, kind: 'self' }
			],
			{ highlightLast: true, showTime: true }
		);
		const lines = text.trimEnd().split('\n');

		it('keeps one statement per event', () => {
			// header + 5 participants + 5 events + rect/end around the last arrow
			expect(lines).toHaveLength(1 + 5 + 5 + 2);
			expect(lines.filter((l) => l.trim() === 'end')).toHaveLength(1);
			expect(lines.filter((l) => l.includes('->>'))).toHaveLength(3);
		});

		it('leaves no syntax characters in the label text', () => {
			for (const line of lines.slice(1)) {
				const text = line.replace(
					/^\s*(participant \w+ as |Note over \w+(,\w+)?: |\w+->>\w+: )/,
					''
				);
				expect(text.replace(/#\d+;/g, '')).not.toMatch(/[;<>"%:#]|->>/);
			}
		});

		it('is accepted by the mermaid parser', async () => {
			await expect(mermaidParse(text)).resolves.toBeUndefined();
		});
	});
});
