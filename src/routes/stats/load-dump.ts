// The page's side of the dump worker (so a 100 MB file never freezes the page), or, where workers
// are unavailable, the same work on the main thread with a pause between steps.
import type { ConnectionView, DumpSummary } from '$lib/core/stats/dump-view';
import type {
	DumpFailure,
	DumpProgress,
	DumpWorkerReply,
	DumpWorkerRequest
} from './dump-messages';
import { DumpSource, failureOf } from './dump-source';

/** A failed request, carrying what the page needs to word it. */
export class DumpLoadError extends Error {
	constructor(readonly failure: DumpFailure) {
		super(`dump: ${JSON.stringify(failure)}`);
		this.name = 'DumpLoadError';
	}
}

export interface OpenedDump {
	/** Identifies the dump in later requests. */
	key: number;
	summary: DumpSummary;
}

let worker: Worker | undefined;
let fallback: DumpSource | undefined;
let nextId = 0;

function startWorker(): Worker | undefined {
	if (typeof Worker === 'undefined') return undefined;
	worker ??= new Worker(new URL('./dump.worker.ts', import.meta.url), { type: 'module' });
	return worker;
}

type Request = DumpWorkerRequest extends infer R
	? R extends { id: number }
		? Omit<R, 'id'>
		: never
	: never;

function ask(w: Worker, request: Request, onProgress?: (progress: DumpProgress) => void) {
	const id = ++nextId;
	return new Promise<DumpWorkerReply>((resolve, reject) => {
		const listener = (event: MessageEvent<DumpWorkerReply>) => {
			const message = event.data;
			if (message.id !== id) return;
			if (message.kind === 'progress') {
				onProgress?.(message.progress);
				return;
			}
			done();
			if (message.kind === 'error') reject(new DumpLoadError(message.error));
			else resolve(message);
		};
		// A worker that dies (out of memory on a huge file) answers nothing: say so, start afresh.
		const onError = (event: ErrorEvent) => {
			done();
			if (worker === w) worker = undefined;
			w.terminate();
			// The browser's own text of what stopped it (out of memory, say), if it gives one.
			reject(new DumpLoadError({ id: 'unexpected', detail: event.message || '' }));
		};
		const done = () => {
			w.removeEventListener('message', listener);
			w.removeEventListener('error', onError);
		};
		w.addEventListener('message', listener);
		w.addEventListener('error', onError);
		w.postMessage({ id, ...request });
	}).then((reply) => ({ id, reply }));
}

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function onMainThread<T>(work: (source: DumpSource) => Promise<T> | T): Promise<T> {
	fallback ??= new DumpSource();
	try {
		return await work(fallback);
	} catch (error) {
		throw new DumpLoadError(failureOf(error));
	}
}

export async function openDump(
	file: Blob,
	onProgress: (progress: DumpProgress) => void
): Promise<OpenedDump> {
	const w = startWorker();
	if (!w) {
		const key = ++nextId;
		const summary = await onMainThread((s) => s.open(key, file, onProgress, pause));
		return { key, summary };
	}
	const { id, reply } = await ask(w, { kind: 'open', file }, onProgress);
	if (reply.kind !== 'opened') throw new Error(`unexpected reply ${reply.kind}`);
	return { key: id, summary: reply.summary };
}

export async function loadConnection(key: number, index: number): Promise<ConnectionView> {
	const w = startWorker();
	if (!w) return onMainThread((s) => s.connection(key, index));
	const { reply } = await ask(w, { kind: 'connection', dump: key, index });
	if (reply.kind !== 'connection') throw new Error(`unexpected reply ${reply.kind}`);
	return reply.view;
}

export async function exportAnonymised(key: number): Promise<Blob> {
	const w = startWorker();
	if (!w) return onMainThread((s) => s.exportAnonymised(key));
	const { reply } = await ask(w, { kind: 'export', dump: key });
	if (reply.kind !== 'exported') throw new Error(`unexpected reply ${reply.kind}`);
	return reply.file;
}
