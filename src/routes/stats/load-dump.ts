// Runs the dump parser in a Web Worker (so a 50 MB file never freezes the page), or, where
// workers are unavailable, on the main thread with a pause between connections.
import type { DerivedSeries } from '$lib/core/stats/derived';
import {
	deriveConnection,
	DumpError,
	importDumpAsync,
	type ImportProgress,
	type StatsDump
} from '$lib/core/stats/dump';
import type { DumpWorkerReply } from './dump-messages';

export interface LoadedDump {
	dump: StatsDump;
	derived: DerivedSeries[][];
}

let worker: Worker | undefined;
let nextId = 0;

function startWorker(): Worker | undefined {
	if (typeof Worker === 'undefined') return undefined;
	worker ??= new Worker(new URL('./dump.worker.ts', import.meta.url), { type: 'module' });
	return worker;
}

export function loadDump(
	file: Blob,
	onProgress: (progress: ImportProgress) => void
): Promise<LoadedDump> {
	const w = startWorker();
	if (!w) return loadOnMainThread(file, onProgress);
	const id = ++nextId;
	return new Promise((resolve, reject) => {
		const listener = (event: MessageEvent<DumpWorkerReply>) => {
			const message = event.data;
			if (message.id !== id) return;
			if (message.kind === 'progress') {
				onProgress({ fraction: message.fraction, stage: message.stage });
				return;
			}
			w.removeEventListener('message', listener);
			if (message.kind === 'done') resolve({ dump: message.dump, derived: message.derived });
			else reject(new Error(message.message));
		};
		w.addEventListener('message', listener);
		w.postMessage({ id, file });
	});
}

async function loadOnMainThread(
	file: Blob,
	onProgress: (progress: ImportProgress) => void
): Promise<LoadedDump> {
	try {
		const dump = await importDumpAsync(await file.text(), onProgress);
		return { dump, derived: dump.connections.map((c) => deriveConnection(c)) };
	} catch (error) {
		throw new Error(error instanceof DumpError ? error.message : String(error));
	}
}
