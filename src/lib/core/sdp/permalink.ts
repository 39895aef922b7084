// Permalinks for the SDP inspector: the SDP(s) travel in the URL fragment (after `#`), which
// browsers never send to the server. Pure framing only; the compression is passed in (the page
// uses CompressionStream('deflate-raw'), tests use the identity or Node's zlib).
//
// Fragment: `<format>.<base64url payload>[&lang=<locale>]`
//   `d1` = deflate-raw of the JSON below, `p1` = the JSON itself (no compression available).
//   JSON: {"o":"<offer or single SDP>","a":"<answer, optional>","m":"answer"|"versions"}
//   `lang=` is the language the link was made in; the layout applies it on every page (the same
//   `&lang=` parameter lesson permalinks use). Any other fragment (`#lang=zh-CN` alone, an
//   anchor) is not a permalink and is left alone.

export interface PermalinkContent {
	/** The first SDP (the offer, or the only one). */
	offer: string;
	/** The second SDP (the answer, or the later version); empty when absent. */
	answer: string;
	/** How the two are compared. */
	mode: 'answer' | 'versions';
}

export interface PermalinkCodec {
	compress(bytes: Uint8Array): Promise<Uint8Array>;
	/** Must stop (reject) once the output would exceed `maxBytes`: a link may be hostile. */
	decompress(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array>;
}

/**
 * Why a fragment could not be opened. The page maps each code to a message in the UI language.
 * `none`: the fragment holds no SDP permalink at all (empty, `#lang=…`, an anchor): not an error.
 */
export type PermalinkError =
	| 'none'
	| 'unknown-format'
	| 'not-base64url'
	| 'too-large'
	| 'no-decompression'
	| 'decompression-failed'
	| 'not-json'
	| 'no-sdp'
	| 'unknown-mode';

export type PermalinkResult =
	{ ok: true; content: PermalinkContent } | { ok: false; error: PermalinkError };

/** Largest decoded content accepted from a link (a few SDPs of 2,000 lines fit easily). */
export const maxPermalinkBytes = 4 * 1024 * 1024;

// base64url (RFC 4648 §5), without padding. Written out so the core needs no btoa/Buffer.
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const lookup = new Map([...alphabet].map((ch, i) => [ch, i]));

export function toBase64Url(bytes: Uint8Array): string {
	const out: string[] = [];
	for (let i = 0; i < bytes.length; i += 3) {
		const b0 = bytes[i]!;
		const b1 = bytes[i + 1];
		const b2 = bytes[i + 2];
		out.push(alphabet[b0 >> 2]!);
		out.push(alphabet[((b0 & 3) << 4) | ((b1 ?? 0) >> 4)]!);
		if (b1 !== undefined) out.push(alphabet[((b1 & 15) << 2) | ((b2 ?? 0) >> 6)]!);
		if (b2 !== undefined) out.push(alphabet[b2 & 63]!);
	}
	return out.join('');
}

/** Decodes base64url (padding and whitespace tolerated); undefined on any other character. */
export function fromBase64Url(text: string): Uint8Array | undefined {
	const clean = text.replace(/[\s=]+/g, '');
	if (clean.length % 4 === 1) return undefined;
	const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
	let bits = 0;
	let value = 0;
	let n = 0;
	for (const ch of clean) {
		const digit = lookup.get(ch);
		if (digit === undefined) return undefined;
		value = (value << 6) | digit;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[n++] = (value >> bits) & 0xff;
		}
	}
	return out.subarray(0, n);
}

export function serialisePermalink(content: PermalinkContent): Uint8Array {
	const json: Record<string, string> = { o: content.offer };
	if (content.answer) json.a = content.answer;
	if (content.mode !== 'answer') json.m = content.mode;
	return new TextEncoder().encode(JSON.stringify(json));
}

/** Reads the JSON back; anything unexpected is an error, never an exception. */
export function deserialisePermalink(bytes: Uint8Array): PermalinkResult {
	let value: unknown;
	try {
		value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
	} catch {
		return { ok: false, error: 'not-json' };
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) {
		return { ok: false, error: 'no-sdp' };
	}
	const record = value as Record<string, unknown>;
	const offer = record.o;
	const answer = record.a ?? '';
	const mode = record.m ?? 'answer';
	if (typeof offer !== 'string' || typeof answer !== 'string') {
		return { ok: false, error: 'no-sdp' };
	}
	if (mode !== 'answer' && mode !== 'versions') {
		return { ok: false, error: 'unknown-mode' };
	}
	return { ok: true, content: { offer, answer, mode } };
}

/** Builds the fragment (without `#`). Without a codec the JSON goes uncompressed. */
export async function encodePermalink(
	content: PermalinkContent,
	codec?: Pick<PermalinkCodec, 'compress'>,
	options: { lang?: string } = {}
): Promise<string> {
	const bytes = serialisePermalink(content);
	const lang = options.lang && /^[A-Za-z-]+$/.test(options.lang) ? `&lang=${options.lang}` : '';
	if (codec) {
		try {
			return `d1.${toBase64Url(await codec.compress(bytes))}${lang}`;
		} catch {
			// Fall through to the plain form.
		}
	}
	return `p1.${toBase64Url(bytes)}${lang}`;
}

/**
 * The permalink part of a fragment: `d1.…` or `p1.…` among its `&`-separated parameters, or
 * a `<letter><digits>.` part of a newer format; undefined when there is none.
 */
export function permalinkPart(fragment: string): string | undefined {
	const text = (typeof fragment === 'string' ? fragment : '').replace(/^#/, '');
	return text.split('&').find((part) => /^[a-z]\d+\./.test(part));
}

/** Reads a fragment (with or without `#`). Never throws. */
export async function decodePermalink(
	fragment: string,
	codec?: Pick<PermalinkCodec, 'decompress'>
): Promise<PermalinkResult> {
	const part = permalinkPart(fragment);
	if (part === undefined) return { ok: false, error: 'none' };
	const dot = part.indexOf('.');
	const format = part.slice(0, dot);
	if (format !== 'd1' && format !== 'p1') return { ok: false, error: 'unknown-format' };
	const bytes = fromBase64Url(part.slice(dot + 1));
	if (!bytes) return { ok: false, error: 'not-base64url' };
	if (format === 'p1') {
		if (bytes.length > maxPermalinkBytes) return { ok: false, error: 'too-large' };
		return deserialisePermalink(bytes);
	}
	if (!codec) return { ok: false, error: 'no-decompression' };
	let inflated: Uint8Array;
	try {
		inflated = await codec.decompress(bytes, maxPermalinkBytes);
	} catch {
		return { ok: false, error: 'decompression-failed' };
	}
	if (inflated.length > maxPermalinkBytes) return { ok: false, error: 'too-large' };
	return deserialisePermalink(inflated);
}
