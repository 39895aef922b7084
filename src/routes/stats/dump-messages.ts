// Messages between the /stats page and its dump-parsing worker. The worker keeps the parsed dump;
// the page asks for a summary first, then for each connection it opens (see core/stats/dump-view).
import type { ConnectionView, DumpSummary } from '$lib/core/stats/dump-view';
import type { DumpProblem } from '$lib/core/stats/dump';

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

/**
 * A failure the page words in the learner's language: what was wrong with the file, or an
 * unexpected error (`detail`: the error's own text, shown as code).
 */
export type DumpFailure = DumpProblem | { id: 'unexpected'; detail: string };

export type DumpWorkerReply =
	| { id: number; kind: 'progress'; progress: DumpProgress }
	| { id: number; kind: 'opened'; summary: DumpSummary }
	| { id: number; kind: 'connection'; view: ConnectionView }
	| { id: number; kind: 'exported'; file: Blob }
	| { id: number; kind: 'error'; error: DumpFailure };
