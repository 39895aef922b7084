// Structural sharing between two results of the same, slightly edited, SDP. The worker sends a
// fresh copy of every line on each pause in typing; handing Svelte the previous objects for the
// lines that did not change lets the keyed views skip them, so one keystroke costs the rows it
// touched, not all 2,000.
import type { ParsedSdp } from '$lib/core/sdp/sdp';

/** Deep equality for plain data (what structured clone delivers): primitives, arrays, objects. */
export function sameData(a: unknown, b: unknown): boolean {
	if (Object.is(a, b)) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	if (Array.isArray(a) && Array.isArray(b)) {
		return a.length === b.length && a.every((item, i) => sameData(item, b[i]));
	}
	const x = a as Record<string, unknown>;
	const y = b as Record<string, unknown>;
	const keys = Object.keys(x);
	if (keys.length !== Object.keys(y).length) return false;
	return keys.every((key) => Object.hasOwn(y, key) && sameData(x[key], y[key]));
}

/** `next` with each element that equals the one at the same place in `previous` replaced by it. */
function shareItems<T>(previous: readonly T[], next: readonly T[]): { items: T[]; all: boolean } {
	let all = previous.length === next.length;
	const items = next.map((item, i) => {
		const old = previous[i];
		if (old !== undefined && sameData(old, item)) return old;
		all = false;
		return item;
	});
	return { items, all };
}

/**
 * `next`, reusing every part of `previous` that is the same (lines, problems, m-sections, the
 * session). When nothing changed at all, `previous` itself comes back.
 */
export function keepUnchanged(previous: ParsedSdp | undefined, next: ParsedSdp): ParsedSdp {
	if (!previous || previous === next) return next;
	const lines = shareItems(previous.lines, next.lines);
	const problems = shareItems(previous.problems, next.problems);
	const media = shareItems(previous.media, next.media);
	const sameSession = sameData(previous.session, next.session);
	if (lines.all && problems.all && media.all && sameSession) return previous;
	return {
		...next,
		session: sameSession ? previous.session : next.session,
		lines: lines.items,
		problems: problems.items,
		media: media.items
	};
}
