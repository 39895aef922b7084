/**
 * Event log -> mermaid `sequenceDiagram` text.
 *
 *   sequenceDiagram
 *     participant A as Peer A
 *     participant S as Signaling
 *     Note over A: createOffer()
 *     A->>S: offer
 *
 * Generic over participants and labels: the loopback lab draws Peer A / Signaling / Peer B, the
 * remote lab You / Signaling server / Remote peer, in the learner's language. The core holds no
 * words: participants arrive named, labels may be data (an id and parameters) that the caller's
 * `word` function turns into text, and so may the "earlier events folded" note. Every label is
 * escaped (see escape.ts), whoever wrote it.
 */
import { escapeMermaidText } from './escape';

export type Lane = string;

export interface Participant {
	id: Lane;
	label: string;
	/** Drawn only when an event shown uses it (a lane most logs do not have). */
	optional?: boolean;
}

/** `L`: the label, text or data the caller words (see `SequenceWords.label`). */
export interface SequenceEvent<L = string> {
	from: Lane;
	to: Lane;
	label: L;
	/** Milliseconds on any clock; shown relative to the first timed event of the log. */
	atMs?: number;
	kind?: 'message' | 'note' | 'self';
}

export interface SequenceDiagramOptions {
	/** Wrap the latest arrow (message or self call) in a yellow `rect` block. */
	highlightLast?: boolean;
	/** Keep only the last N events; a note says how many earlier ones were folded. */
	maxEvents?: number;
	/** Prefix labels with `+12 ms`, time since the first timed event of the whole log. */
	showTime?: boolean;
}

/** The words a diagram needs besides its participants, in the learner's language. */
export interface SequenceWords<L> {
	/** A label's text (it is escaped afterwards). */
	label: (label: L) => string;
	/** The note standing for `count` events left out by `maxEvents`. */
	folded?: (count: number) => string;
}

/** The labs' three lanes, left to right: this peer, the signaling channel, the other peer. */
export type LabLane = 'A' | 'S' | 'B';

/** The labs' participants, named by the page (e.g. Peer A / Signaling / Peer B). */
export function labParticipants(names: Readonly<Record<LabLane, string>>): Participant[] {
	return (['A', 'S', 'B'] as const).map((id) => ({ id, label: names[id] }));
}

/** Without words, the folded note says only how many: `… 12`. */
const foldedMark = (count: number) => `… ${count}`;

export const HIGHLIGHT_RECT = 'rect rgb(254, 240, 138)';

/** Words the sequence-diagram lexer reads as keywords; never used as participant ids. */
const RESERVED = new Set(
	[
		'participant',
		'actor',
		'create',
		'destroy',
		'box',
		'as',
		'loop',
		'rect',
		'opt',
		'alt',
		'else',
		'par',
		'and',
		'critical',
		'option',
		'break',
		'end',
		'left',
		'right',
		'of',
		'over',
		'note',
		'activate',
		'deactivate',
		'title',
		'autonumber',
		'off',
		'link',
		'links',
		'properties',
		'details',
		'accTitle',
		'accDescr',
		'sequenceDiagram'
	].map((word) => word.toLowerCase())
);

const SIMPLE_ID = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;

const INDENT = '  ';

/** Maps caller lanes to safe mermaid participant ids, registering unknown lanes on the fly. */
class ParticipantTable {
	readonly lines: string[] = [];
	readonly ids: string[] = [];
	private readonly byLane = new Map<string, string>();
	private readonly used = new Set<string>();

	add(lane: unknown, label: unknown): string {
		const key = typeof lane === 'string' ? lane : String(lane ?? '');
		const existing = this.byLane.get(key);
		if (existing !== undefined) return existing;
		let id = SIMPLE_ID.test(key) && !RESERVED.has(key.toLowerCase()) ? key : '';
		if (id === '' || this.used.has(id)) {
			let n = this.ids.length + 1;
			while (this.used.has(`P${n}`)) n++;
			id = `P${n}`;
		}
		this.byLane.set(key, id);
		this.used.add(id);
		this.ids.push(id);
		const text = escapeMermaidText(label) || escapeMermaidText(key) || id;
		this.lines.push(`participant ${id} as ${text}`);
		return id;
	}
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null;
}

function isArrow(event: SequenceEvent<unknown>): boolean {
	return event.kind !== 'note';
}

function formatElapsed(ms: number): string {
	const rounded = Math.round(ms);
	return rounded < 0 ? `-${-rounded} ms` : `+${rounded} ms`;
}

export function sequenceDiagram(
	participants: readonly Participant[],
	events: readonly SequenceEvent[],
	opts?: SequenceDiagramOptions,
	words?: Partial<SequenceWords<string>>
): string;
export function sequenceDiagram<L>(
	participants: readonly Participant[],
	events: readonly SequenceEvent<L>[],
	opts: SequenceDiagramOptions,
	words: SequenceWords<L>
): string;
export function sequenceDiagram<L>(
	participants: readonly Participant[],
	events: readonly SequenceEvent<L>[],
	opts: SequenceDiagramOptions = {},
	words?: Partial<SequenceWords<L>>
): string {
	const options = isRecord(opts) ? opts : {};
	const wordLabel = (label: L): string => {
		if (typeof words?.label !== 'function') return typeof label === 'string' ? label : '';
		try {
			return words.label(label);
		} catch {
			return '';
		}
	};
	const all = (Array.isArray(events) ? events : []).filter((e): e is SequenceEvent<L> =>
		isRecord(e)
	);
	const firstTimed = all.find((e) => typeof e.atMs === 'number' && Number.isFinite(e.atMs));
	const origin = firstTimed?.atMs ?? 0;

	const max = options.maxEvents;
	const keep =
		typeof max === 'number' && !Number.isNaN(max) ? Math.max(0, Math.floor(max)) : all.length;
	const folded = Math.max(0, all.length - keep);
	const shown = all.slice(folded);

	const used = new Set<unknown>(shown.flatMap((e) => [e.from, e.to]));
	const table = new ParticipantTable();
	for (const p of Array.isArray(participants) ? participants : []) {
		if (isRecord(p) && (p.optional !== true || used.has(p.id))) table.add(p.id, p.label);
	}

	let highlightIndex = -1;
	if (options.highlightLast === true) {
		for (let i = shown.length - 1; i >= 0; i--) {
			const event = shown[i];
			if (event !== undefined && isArrow(event)) {
				highlightIndex = i;
				break;
			}
		}
	}

	const body: string[] = [];
	shown.forEach((event, index) => {
		const from = table.add(event.from, event.from);
		const to = event.kind === 'self' ? from : table.add(event.to, event.to);
		let label = escapeMermaidText(wordLabel(event.label));
		if (
			options.showTime === true &&
			typeof event.atMs === 'number' &&
			Number.isFinite(event.atMs)
		) {
			label =
				label === ''
					? formatElapsed(event.atMs - origin)
					: `${formatElapsed(event.atMs - origin)} ${label}`;
		}
		// An empty message text does not parse; a middle dot keeps the arrow.
		if (label === '') label = '·';
		const statement =
			event.kind === 'note'
				? `Note over ${from === to ? from : `${from},${to}`}: ${label}`
				: `${from}->>${to}: ${label}`;
		if (index === highlightIndex) {
			body.push(HIGHLIGHT_RECT, `${INDENT}${statement}`, 'end');
		} else {
			body.push(statement);
		}
	});

	const lines = ['sequenceDiagram', ...table.lines.map((l) => INDENT + l)];
	if (folded > 0) {
		const first = table.ids[0];
		const last = table.ids[table.ids.length - 1];
		if (first !== undefined && last !== undefined) {
			const span = first === last ? first : `${first},${last}`;
			const note = escapeMermaidText((words?.folded ?? foldedMark)(folded)) || foldedMark(folded);
			lines.push(`${INDENT}Note over ${span}: ${note}`);
		}
	}
	lines.push(...body.map((l) => INDENT + l));
	return lines.join('\n') + '\n';
}
