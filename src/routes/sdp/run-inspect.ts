// Runs `inspect` in a module Web Worker, or on the main thread where there is none (or it
// failed to start). Callers get a promise per request; the page keeps one request in flight and
// ignores any reply older than the one it shows (see +page.svelte).
import {
	createInspector,
	type Inspection,
	type InspectReply,
	type InspectRequest
} from './inspect';

let worker: Worker | undefined;
let workerFailed = false;
let mainThread: ((request: InspectRequest) => Inspection) | undefined;

function startWorker(): Worker | undefined {
	if (workerFailed || typeof Worker === 'undefined') return undefined;
	try {
		worker ??= new Worker(new URL('./inspect.worker.ts', import.meta.url), { type: 'module' });
	} catch {
		workerFailed = true;
		return undefined;
	}
	return worker;
}

function onMainThread(request: InspectRequest): Promise<Inspection> {
	mainThread ??= createInspector();
	const inspect = mainThread;
	// A macrotask, so the keystroke that asked for it is painted first.
	return new Promise((resolve, reject) =>
		setTimeout(() => {
			try {
				resolve(inspect(request));
			} catch (error) {
				reject(error instanceof Error ? error : new Error(String(error)));
			}
		}, 0)
	);
}

/** Where the last inspection ran: shown to tests and curious readers as `data-runs-in`. */
export function inspectorThread(): 'worker' | 'main' {
	return startWorker() ? 'worker' : 'main';
}

export function runInspect(request: InspectRequest): Promise<Inspection> {
	const w = startWorker();
	if (!w) return onMainThread(request);
	return new Promise((resolve, reject) => {
		const done = () => {
			w.removeEventListener('message', onMessage);
			w.removeEventListener('error', onError);
		};
		const onMessage = (event: MessageEvent<InspectReply>) => {
			const reply = event.data;
			if (reply.id !== request.id) return;
			done();
			if (reply.ok) resolve(reply.inspection);
			else reject(new Error(reply.message));
		};
		// The worker script could not load (an old browser, a blocked URL): main thread from now on.
		const onError = (event: ErrorEvent) => {
			event.preventDefault();
			done();
			workerFailed = true;
			worker?.terminate();
			worker = undefined;
			resolve(onMainThread(request));
		};
		w.addEventListener('message', onMessage);
		w.addEventListener('error', onError);
		w.postMessage(request);
	});
}
