// The /sdp page's parsing and diffing, off the main thread: typing into a 2,000-line SDP (or
// pasting a megabyte) never blocks the textarea. One request at a time; see run-inspect.ts.
import { createInspector, type InspectReply, type InspectRequest } from './inspect';

const inspect = createInspector();
const reply = (message: InspectReply) => postMessage(message);

onmessage = (event: MessageEvent<InspectRequest>) => {
	const request = event.data;
	try {
		reply({ id: request.id, ok: true, inspection: inspect(request) });
	} catch (error) {
		// The core is total; this only guards against a bug turning into a silent page.
		reply({
			id: request.id,
			ok: false,
			message: error instanceof Error ? error.message : String(error)
		});
	}
};
