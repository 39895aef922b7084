/**
 * XState v5 machine definition -> mermaid `stateDiagram-v2` text.
 *
 *   stateDiagram-v2
 *     state "idle" as s_idle
 *     [*] --> s_idle
 *     s_idle --> s_offering : negotiate
 *
 * Pass `machine.root`. Only the duck-typed shape below is read, so the core stays free of
 * XState internals. How XState v5 (5.33) encodes the special transitions in `transitions`:
 *   after: { 1000: … }      eventType 'xstate.after.1000.lab.loading', `delay: 1000`
 *   invoke onDone / onError 'xstate.done.actor.<invokeId>' / 'xstate.error.actor.<invokeId>'
 *   compound state onDone   'xstate.done.state.<stateId>'
 *   always: …               not in `transitions` but in `always`, eventType ''
 *
 * Layout rule: states are declared inside their parent's `state X { … }` block together with
 * the block's `[*] --> initial` and `final --> [*]`; every event edge is written at the top
 * level, because mermaid moves a state into whichever block first mentions it.
 */
import { escapeMermaidText, safeIdentifier } from './escape';

export interface TransitionLike {
	readonly eventType: string;
	readonly target?: readonly StateNodeLike[] | undefined;
	readonly guard?: unknown;
	readonly delay?: unknown;
}

export interface StateNodeLike {
	readonly key: string;
	readonly id: string;
	readonly type: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
	readonly states: Readonly<Record<string, StateNodeLike>>;
	readonly initial?: { readonly target: readonly StateNodeLike[] } | undefined;
	readonly transitions: ReadonlyMap<string, readonly TransitionLike[]>;
	readonly always?: readonly TransitionLike[] | undefined;
	readonly history?: false | 'shallow' | 'deep';
}

export interface StateDiagramOptions {
	/** Also mark the ancestors of the active states (class `activeAncestor`). */
	ancestors?: boolean;
	/** Leave out transitions that would only repeat others (e.g. auto-play timers). */
	omit?: (transition: TransitionLike) => boolean;
	/**
	 * The name of the node root transitions start from, in the learner's language (the page words
	 * it, e.g. "any state"); escaped like every label. Without it the node is named `*`.
	 */
	anyState?: string;
}

/**
 * The mermaid id of the state at `path` (keys from the root): what a renderer can look up in the
 * drawn SVG to highlight a state without drawing the chart again.
 */
export function stateDiagramNodeId(path: readonly string[]): string {
	return safeIdentifier(path.join('_'), 's_');
}

export const ACTIVE_CLASS_DEF = 'classDef active fill:#fde047,stroke:#a16207,stroke-width:3px';
export const ACTIVE_ANCESTOR_CLASS_DEF = 'classDef activeAncestor stroke:#a16207,stroke-width:2px';

const INDENT = '  ';

/** Transitions declared on the machine root apply from every state; drawn from this node. */
export const ANY_STATE_ID = 's__any';
export const ANY_STATE_CLASS_DEF = 'classDef anyState fill:#f8fafc,stroke-dasharray:4';

/** A readable edge label for an XState event type. */
export function transitionLabel(transition: TransitionLike): string {
	const eventType = typeof transition.eventType === 'string' ? transition.eventType : '';
	let label: string;
	if (eventType === '') label = 'always';
	else if (eventType.startsWith('xstate.after.')) {
		const delay =
			typeof transition.delay === 'number' || typeof transition.delay === 'string'
				? String(transition.delay)
				: (eventType.slice('xstate.after.'.length).split('.')[0] ?? '');
		label = /^\d+$/.test(delay) ? `after ${delay} ms` : `after ${delay}`;
	} else if (eventType.startsWith('xstate.done.')) label = 'done';
	else if (eventType.startsWith('xstate.error.')) label = 'error';
	else label = eventType;
	const guard = guardName(transition.guard);
	return guard === undefined ? label : `${label} [${guard}]`;
}

function guardName(guard: unknown): string | undefined {
	if (guard === undefined || guard === null) return undefined;
	if (typeof guard === 'string') return guard;
	if (typeof guard === 'object' && typeof (guard as { type?: unknown }).type === 'string') {
		return (guard as { type: string }).type;
	}
	return 'guard';
}

function isNode(value: unknown): value is StateNodeLike {
	return (
		typeof value === 'object' &&
		value !== null &&
		typeof (value as { id?: unknown }).id === 'string'
	);
}

function children(node: StateNodeLike): StateNodeLike[] {
	const states = (node as { states?: unknown }).states;
	if (typeof states !== 'object' || states === null) return [];
	return Object.values(states as Record<string, unknown>).filter(isNode);
}

function transitionsOf(node: StateNodeLike): TransitionLike[] {
	const out: TransitionLike[] = [];
	const map: unknown = (node as { transitions?: unknown }).transitions;
	if (map instanceof Map) {
		for (const list of map.values()) if (Array.isArray(list)) out.push(...list);
	}
	const always: unknown = (node as { always?: unknown }).always;
	if (Array.isArray(always)) out.push(...(always as TransitionLike[]));
	return out.filter((t) => typeof t === 'object' && t !== null);
}

function targetsOf(transition: TransitionLike): StateNodeLike[] {
	return Array.isArray(transition.target) ? transition.target.filter(isNode) : [];
}

function nodeLabel(node: StateNodeLike): string {
	if (node.type === 'history') return node.history === 'deep' ? 'H*' : 'H';
	return escapeMermaidText(node.key) || escapeMermaidText(node.id) || '·';
}

export function stateDiagram(
	machineRoot: StateNodeLike,
	activeIds: readonly string[] = [],
	opts: StateDiagramOptions = {}
): string {
	const lines = ['stateDiagram-v2'];
	if (!isNode(machineRoot)) return lines.join('\n') + '\n';

	// Walk once: mermaid ids, parents, depth-first order. Guards against cycles in odd input.
	const mermaidId = new Map<StateNodeLike, string>();
	const parentOf = new Map<StateNodeLike, StateNodeLike>();
	const pathOf = new Map<StateNodeLike, string>();
	const usedIds = new Set<string>([ANY_STATE_ID]);
	const order: StateNodeLike[] = [];
	const visit = (node: StateNodeLike, path: string[]): void => {
		for (const child of children(node)) {
			if (mermaidId.has(child) || child === machineRoot) continue;
			const key = typeof child.key === 'string' ? child.key : '';
			const childPath = [...path, key];
			let id = stateDiagramNodeId(childPath);
			if (usedIds.has(id)) {
				let n = 2;
				while (usedIds.has(`${id}_${n}`)) n++;
				id = `${id}_${n}`;
			}
			usedIds.add(id);
			mermaidId.set(child, id);
			parentOf.set(child, node);
			pathOf.set(child, childPath.join('.'));
			order.push(child);
			visit(child, childPath);
		}
	};
	visit(machineRoot, []);

	const initialOf = (node: StateNodeLike): string | undefined => {
		if (node.type !== 'compound') return undefined;
		const initial = (node as { initial?: unknown }).initial;
		const targets =
			typeof initial === 'object' && initial !== null
				? (initial as { target?: unknown }).target
				: undefined;
		const first = Array.isArray(targets) ? targets.find(isNode) : undefined;
		return first === undefined ? undefined : mermaidId.get(first);
	};

	const block = (node: StateNodeLike, depth: number): string[] => {
		const pad = INDENT.repeat(depth);
		const out: string[] = [];
		const kids = children(node).filter((c) => mermaidId.has(c) && parentOf.get(c) === node);
		kids.forEach((child, index) => {
			const id = mermaidId.get(child) as string;
			if (node.type === 'parallel' && index > 0) out.push(`${pad}--`);
			out.push(`${pad}state "${nodeLabel(child)}" as ${id}`);
			if (children(child).length > 0) {
				out.push(`${pad}state ${id} {`, ...block(child, depth + 1), `${pad}}`);
			}
		});
		const initial = initialOf(node);
		if (initial !== undefined) out.push(`${pad}[*] --> ${initial}`);
		for (const child of kids) {
			if (child.type === 'final') out.push(`${pad}${mermaidId.get(child) as string} --> [*]`);
		}
		return out;
	};
	lines.push(...block(machineRoot, 1));

	// Event edges, deduplicated on (source, target, label).
	const seen = new Set<string>();
	const anyState = new Map<string, string[]>();
	for (const source of [machineRoot, ...order]) {
		for (const transition of transitionsOf(source)) {
			if (opts.omit?.(transition)) continue;
			const label = escapeMermaidText(transitionLabel(transition));
			for (const target of targetsOf(transition)) {
				const to = mermaidId.get(target);
				if (to === undefined) continue;
				if (source === machineRoot) {
					// The root is not drawn; its transitions apply from every state.
					const labels = anyState.get(to) ?? [];
					if (!labels.includes(label)) labels.push(label);
					anyState.set(to, labels);
					continue;
				}
				const from = mermaidId.get(source) as string;
				const edge = label === '' ? `${from} --> ${to}` : `${from} --> ${to} : ${label}`;
				if (seen.has(edge)) continue;
				seen.add(edge);
				lines.push(INDENT + edge);
			}
		}
	}
	if (anyState.size > 0) {
		const anyName = escapeMermaidText(opts.anyState) || '*';
		lines.push(`${INDENT}state "${anyName}" as ${ANY_STATE_ID}`);
		for (const [to, labels] of anyState) {
			for (const label of labels) {
				lines.push(
					label === ''
						? `${INDENT}${ANY_STATE_ID} --> ${to}`
						: `${INDENT}${ANY_STATE_ID} --> ${to} : ${label}`
				);
			}
		}
		lines.push(INDENT + ANY_STATE_CLASS_DEF, `${INDENT}class ${ANY_STATE_ID} anyState`);
	}

	// Highlight: ids may be XState ids ('lab.ready.a') or paths from the root ('ready.a').
	const wanted = new Set(
		(Array.isArray(activeIds) ? activeIds : []).filter((x) => typeof x === 'string')
	);
	const matched = order.filter((n) => wanted.has(n.id) || wanted.has(pathOf.get(n) ?? ''));
	const isAncestorOf = (node: StateNodeLike, other: StateNodeLike): boolean => {
		for (let p = parentOf.get(other); p !== undefined; p = parentOf.get(p))
			if (p === node) return true;
		return false;
	};
	// The deepest matched states are "active"; matched ancestors only with opts.ancestors.
	const active = matched.filter((n) => !matched.some((m) => isAncestorOf(n, m)));
	const ancestors = new Set<StateNodeLike>();
	if (opts.ancestors === true) {
		for (const node of active) {
			let parent = parentOf.get(node);
			while (parent !== undefined && parent !== machineRoot) {
				ancestors.add(parent);
				parent = parentOf.get(parent);
			}
		}
	}
	if (active.length > 0) {
		lines.push(INDENT + ACTIVE_CLASS_DEF);
		if (ancestors.size > 0) lines.push(INDENT + ACTIVE_ANCESTOR_CLASS_DEF);
		for (const node of active) lines.push(`${INDENT}class ${mermaidId.get(node) as string} active`);
		for (const node of order) {
			if (ancestors.has(node))
				lines.push(`${INDENT}class ${mermaidId.get(node) as string} activeAncestor`);
		}
	}
	return lines.join('\n') + '\n';
}
