// Messages between the /stats page and its dump-parsing worker. The worker keeps the parsed dump;
// the page asks for a summary first, then for each connection it opens (see core/stats/dump-view).
import type { ConnectionView, DumpSummary } from '$lib/core/stats/dump-view';
import type { DumpError } from '$lib/core/stats/dump';

export type DumpWorkerRequest =
	| { id: number; kind: 'open'; file: Blob }
	| { id: number; kind: 'connection'; dump: number; index: number }
	| { id: number; kind: 'export'; dump: number };

/**
 * Where an import is: reading (and decompressing) the file, or parsing its text. Numbers only: the page words them in the learner's language.
 */
export type DumpProgress =
	| { stage: 'reading'; read: number; total: number; text: number; compressed: boolean }
	| { stage: 'parsing'; fraction: number; bytes: number };

/** A failure the page can word: a DumpError's code and parameters, with its English text. */
export interface DumpFailure {
	code: DumpError['code'] | 'unexpected';
	line?: number;
	message: string;
}

export type DumpWorkerReply =
	| { id: number; kind: 'progress'; progress: DumpProgress }
	| { id: number; kind: 'opened'; summary: DumpSummary }
	| { id: number; kind: 'connection'; view: ConnectionView }
	| { id: number; kind: 'exported'; file: Blob }
	| { id: number; kind: 'error'; error: DumpFailure };
