// Messages between the /stats page and its dump-parsing worker.
import type { DerivedSeries } from '$lib/core/stats/derived';
import type { StatsDump } from '$lib/core/stats/dump';

export interface DumpWorkerRequest {
	id: number;
	file: Blob;
}

export type DumpWorkerReply =
	| { id: number; kind: 'progress'; fraction: number; stage: string }
	| { id: number; kind: 'done'; dump: StatsDump; derived: DerivedSeries[][] }
	| { id: number; kind: 'error'; message: string };
