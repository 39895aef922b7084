// Reads a chosen dump file as text, whatever Chrome saved: webrtc-internals now compresses its
// dump with gzip by default ("Compress result"), and its rtcstats dump is gzip too. What the file
// is comes from its first bytes, never its name: 1f 8b is gzip (RFC 1952 §2.3.1); the text
// inside is told apart by the parser ("RTCStatsDump" header line, or JSON).
import { DumpError } from '$lib/core/stats/dump';

/** RFC 1952: ID1 = 0x1f, ID2 = 0x8b. */
export const isGzip = (bytes: Uint8Array) => bytes[0] === 0x1f && bytes[1] === 0x8b;

export interface ReadProgress {
	/** Bytes of the file read so far. */
	read: number;
	/** The file's size in bytes. */
	total: number;
	/** Bytes of text so far (more than `read` for a gzip file). */
	text: number;
	compressed: boolean;
}

/**
 * The file's text, decompressed when it is gzip. A damaged or truncated gzip file throws a
 * DumpError saying so. Progress is reported about every 1 % of the file.
 */
export async function readDumpText(
	file: Blob,
	onProgress: (progress: ReadProgress) => void = () => {}
): Promise<{ text: string; compressed: boolean }> {
	const compressed = isGzip(new Uint8Array(await file.slice(0, 2).arrayBuffer()));
	const total = file.size;
	let read = 0;
	let textBytes = 0;
	let reported = -1;
	const report = () => {
		const step = Math.floor((read / Math.max(1, total)) * 100);
		if (step === reported) return;
		reported = step;
		onProgress({ read, total, text: textBytes, compressed });
	};
	const counted = file.stream().pipeThrough(
		new TransformStream<Uint8Array, Uint8Array>({
			transform(chunk, controller) {
				read += chunk.byteLength;
				controller.enqueue(chunk);
			}
		})
	);
	const bytes = compressed
		? counted.pipeThrough(
				new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>
			)
		: counted;
	const decoder = new TextDecoder();
	const parts: string[] = [];
	const reader = bytes.getReader();
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			textBytes += value.byteLength;
			parts.push(decoder.decode(value, { stream: true }));
			report();
		}
	} catch (cause) {
		if (!compressed) throw cause;
		const detail = cause instanceof Error ? cause.message : String(cause);
		throw new DumpError({ id: 'badGzip', bytes: textBytes, detail });
	}
	parts.push(decoder.decode());
	onProgress({ read: total, total, text: textBytes, compressed });
	return { text: parts.join(''), compressed };
}
