// The browser side of the permalink codec: deflate-raw through the Compression Streams API.
// The framing (base64url, JSON, limits) is pure and lives in $lib/core/sdp/permalink.
import type { PermalinkCodec } from '$lib/core/sdp/permalink';

async function collect(
	stream: ReadableStream<Uint8Array>,
	maxBytes = Infinity
): Promise<Uint8Array> {
	const reader = stream.getReader();
	const chunks: Uint8Array[] = [];
	let total = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		total += value.length;
		if (total > maxBytes) {
			await reader.cancel();
			throw new Error('too large');
		}
		chunks.push(value);
	}
	const out = new Uint8Array(total);
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.length;
	}
	return out;
}

function through(bytes: Uint8Array, transform: CompressionStream | DecompressionStream) {
	const source = new Blob([bytes as BlobPart]).stream();
	return source.pipeThrough(transform as ReadableWritablePair<Uint8Array, Uint8Array>);
}

/** Undefined where the browser lacks CompressionStream (links then go uncompressed). */
export function browserPermalinkCodec(): PermalinkCodec | undefined {
	if (typeof CompressionStream === 'undefined' || typeof DecompressionStream === 'undefined') {
		return undefined;
	}
	return {
		compress: (bytes) => collect(through(bytes, new CompressionStream('deflate-raw'))),
		decompress: (bytes, maxBytes) =>
			collect(through(bytes, new DecompressionStream('deflate-raw')), maxBytes)
	};
}
