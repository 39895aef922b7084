/**
 * Event log -> mermaid `sequenceDiagram` text.
 *
 *   sequenceDiagram
 *     participant A as Peer A
 *     participant S as Signaling
 *     Note over A: createOffer()
 *     A->>S: offer
 *
 * Generic over participants: the loopback lab uses Peer A / Signaling / Peer B, the remote lab
 * You / Signaling server / Remote peer. Every label is escaped (see escape.ts).
 */
import { escapeMermaidText } from './escape';

export type Lane = string;

export interface Participant {
	id: Lane;
	label: string;
	/** Drawn only when an event shown uses it (a lane most logs do not have). */
	optional?: boolean;
}

export interface SequenceEvent {
	from: Lane;
	to: Lane;
	label: string;
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

export const LOOPBACK_PARTICIPANTS: readonly Participant[] = [
	{ id: 'A', label: 'Peer A' },
	{ id: 'S', label: 'Signaling' },
	{ id: 'B', label: 'Peer B' }
];

export const REMOTE_PARTICIPANTS: readonly Participant[] = [
	{ id: 'A', label: 'You' },
	{ id: 'S', label: 'Signaling server' },
	{ id: 'B', label: 'Remote peer' }
];

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

function isArrow(event: SequenceEvent): boolean {
	return event.kind !== 'note';
}

function formatElapsed(ms: number): string {
	const rounded = Math.round(ms);
	return rounded < 0 ? `-${-rounded} ms` : `+${rounded} ms`;
}

export function sequenceDiagram(
	participants: readonly Participant[],
	events: readonly SequenceEvent[],
	opts: SequenceDiagramOptions = {}
): string {
	const options = isRecord(opts) ? opts : {};
	const all = (Array.isArray(events) ? events : []).filter((e): e is SequenceEvent => isRecord(e));
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
		let label = escapeMermaidText(event.label);
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
			const noun = folded === 1 ? 'event' : 'events';
			lines.push(`${INDENT}Note over ${span}: ${folded} earlier ${noun} folded`);
		}
	}
	lines.push(...body.map((l) => INDENT + l));
	return lines.join('\n') + '\n';
}
