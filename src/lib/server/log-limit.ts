// Log lines about what strangers sent, kept small: untrusted values are cut short and their
// control characters escaped (one request is one line, whatever its headers hold), and each kind
// of line is rate-limited with a token bucket, then summed up as "N similar lines suppressed". A
// flood of 8 KB Origins or malformed paths costs the terminal a few lines a second, not megabytes.
//
// Imports are relative (no `$lib`): signaling.ts bundles it, and hooks.server.ts uses it too.

import { fullBucket, take, type Bucket, type RateLimit } from './token-bucket';

/** Longest untrusted value kept in a line; the rest is counted, not printed. */
export const MAX_VALUE_CHARS = 120;

/**
 * An untrusted value as one short printable string: `\n` -> `\\n`, other control and
 * bidirectional-override characters -> `\\u….`, cut at `max` characters with the length that was
 * dropped (`…(+8072 chars)`). `undefined` -> `(none)`.
 */
export function boundedValue(value: unknown, max = MAX_VALUE_CHARS): string {
	if (value === undefined || value === null) return '(none)';
	const text = String(value);
	const kept = text.length > max ? text.slice(0, max) : text;
	const escaped = kept.replace(
		// C0, DEL, C1, and the Unicode bidi controls that can make a terminal lie about a line.
		// eslint-disable-next-line no-control-regex
		/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g,
		(c) =>
			c === '\n'
				? '\\n'
				: c === '\r'
					? '\\r'
					: c === '\t'
						? '\\t'
						: `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
	);
	return text.length > max ? `${escaped}…(+${text.length - max} chars)` : escaped;
}

/** Default per kind of line: 10 at once, then one a second. */
export const DEFAULT_LOG_RATE: RateLimit = { burst: 10, perSecond: 1 };

export interface LimitedLogOptions {
	rate?: RateLimit;
	/** Milliseconds on any monotonic clock. Default `performance.now()`. */
	now?: () => number;
	/** Runs `flush` later (default: an unref'd setTimeout), to report a suppression that ended. */
	schedule?: (callback: () => void, delayMs: number) => void;
}

export interface LimitedLog {
	/** Writes `line` unless lines of `kind` come too fast; then counts it. */
	(kind: string, line: string): void;
	/** Writes the "suppressed" summary of every kind that has one pending. */
	flush(): void;
}

interface KindState {
	bucket: Bucket;
	suppressed: number;
	scheduled: boolean;
}

/**
 * A logger in front of `write` that lets through at most `rate` lines of each kind and reports
 * what it held back: `(kind) 1234 similar lines suppressed`, written before the next line of that
 * kind that passes, or after a pause when the flood stops.
 */
export function limitedLog(
	write: (line: string) => void,
	options: LimitedLogOptions = {}
): LimitedLog {
	const rate = options.rate ?? DEFAULT_LOG_RATE;
	const now = options.now ?? (() => performance.now());
	const schedule =
		options.schedule ??
		((callback: () => void, delayMs: number) => setTimeout(callback, delayMs).unref());
	const kinds = new Map<string, KindState>();
	/** A log line must never be what takes the server down (a closed stderr throws EPIPE). */
	const emit = (line: string) => {
		try {
			write(line);
		} catch {
			// Nowhere left to say it.
		}
	};

	function summary(kind: string, state: KindState) {
		if (state.suppressed === 0) return;
		emit(`(${kind}) ${state.suppressed} similar lines suppressed`);
		state.suppressed = 0;
	}

	const log = ((kind: string, line: string) => {
		let state = kinds.get(kind);
		if (!state) {
			state = { bucket: fullBucket(rate, now()), suppressed: 0, scheduled: false };
			// The kinds are the code's own few names, so this map stays small.
			kinds.set(kind, state);
		}
		const taken = take(state.bucket, rate, now());
		state.bucket = taken.bucket;
		if (!taken.allowed) {
			state.suppressed += 1;
			if (!state.scheduled) {
				state.scheduled = true;
				const current = state;
				schedule(
					() => {
						current.scheduled = false;
						summary(kind, current);
					},
					Math.ceil(1000 / rate.perSecond)
				);
			}
			return;
		}
		summary(kind, state);
		emit(line);
	}) as LimitedLog;
	log.flush = () => {
		for (const [kind, state] of kinds) summary(kind, state);
	};
	return log;
}
