// Parses a webrtc-internals dump off the main thread: reading a 50 MB file, JSON.parse and the
// per-series parsing all happen here; the page only receives progress and the finished model.
import { deriveConnection, DumpError, importDump } from '$lib/core/stats/dump';
import type { DumpWorkerReply, DumpWorkerRequest } from './dump-messages';

const reply = (message: DumpWorkerReply) => postMessage(message);

onmessage = async (event: MessageEvent<DumpWorkerRequest>) => {
	const { id, file } = event.data;
	try {
		reply({ id, kind: 'progress', fraction: 0, stage: 'Reading the file' });
		const text = await file.text();
		reply({ id, kind: 'progress', fraction: 0.05, stage: 'Parsing JSON' });
		const dump = importDump(text, (p) =>
			reply({ id, kind: 'progress', fraction: p.fraction * 0.9, stage: p.stage })
		);
		const derived = dump.connections.map((c) => deriveConnection(c));
		reply({ id, kind: 'done', dump, derived });
	} catch (error) {
		const message =
			error instanceof DumpError
				? error.message
				: `The dump could not be read: ${error instanceof Error ? error.message : String(error)}`;
		reply({ id, kind: 'error', message });
	}
};
