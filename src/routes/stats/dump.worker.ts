// Parses a dump off the main thread: reading (and un-gzipping) a 100 MB file, the parse and the
// derived series all happen here. The page receives progress, a summary, and one connection's
// compact view at a time, its series as transferred Float64Arrays (see core/stats/dump-view).
import type { DumpWorkerReply, DumpWorkerRequest } from './dump-messages';
import { DumpSource, failureOf } from './dump-source';

const source = new DumpSource();
const reply = (message: DumpWorkerReply, transfer: Transferable[] = []) =>
	postMessage(message, { transfer });

onmessage = async (event: MessageEvent<DumpWorkerRequest>) => {
	const request = event.data;
	const { id } = request;
	try {
		if (request.kind === 'open') {
			const summary = await source.open(id, request.file, (progress) =>
				reply({ id, kind: 'progress', progress })
			);
			reply({ id, kind: 'opened', summary });
		} else if (request.kind === 'connection') {
			const view = source.connection(request.dump, request.index);
			reply({ id, kind: 'connection', view }, [view.t.buffer, view.v.buffer]);
		} else {
			reply({ id, kind: 'exported', file: source.exportAnonymised(request.dump) });
		}
	} catch (error) {
		reply({ id, kind: 'error', error: failureOf(error) });
	}
};
