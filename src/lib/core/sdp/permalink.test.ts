import { deflateRawSync, inflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	decodePermalink,
	encodePermalink,
	fromBase64Url,
	maxPermalinkBytes,
	toBase64Url,
	type PermalinkCodec,
	type PermalinkError,
	type PermalinkContent
} from './permalink';
import { fixture } from './test-fixtures';

// The page uses CompressionStream('deflate-raw'); Node's zlib speaks the same format.
const zlib: PermalinkCodec = {
	compress: async (bytes) => new Uint8Array(deflateRawSync(bytes)),
	decompress: async (bytes, maxBytes) =>
		new Uint8Array(inflateRawSync(bytes, { maxOutputLength: maxBytes }))
};

describe('base64url', () => {
	it('round-trips any bytes and uses only the URL-safe alphabet', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
				const text = toBase64Url(bytes);
				expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
				expect(fromBase64Url(text)).toEqual(bytes);
				expect(Buffer.from(bytes).toString('base64url')).toBe(text);
			})
		);
	});

	it('rejects characters outside the alphabet', () => {
		expect(fromBase64Url('ab+/')).toBeUndefined();
		expect(fromBase64Url('a')).toBeUndefined();
	});
});

describe('permalink', () => {
	const content: PermalinkContent = {
		offer: fixture('chrome-audio-video-offer'),
		answer: fixture('chrome-audio-video-answer'),
		mode: 'answer'
	};

	it('round-trips compressed, and is much shorter than the text', async () => {
		const fragment = await encodePermalink(content, zlib);
		expect(fragment).toMatch(/^d1\.[A-Za-z0-9_-]+$/);
		expect(fragment.length).toBeLessThan((content.offer.length + content.answer.length) / 2);
		expect(await decodePermalink(`#${fragment}`, zlib)).toEqual({ ok: true, content });
	});

	it('round-trips uncompressed when no codec is given, and any text survives', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.string({ unit: 'grapheme', maxLength: 200 }),
				fc.string({ maxLength: 100 }),
				fc.constantFrom('answer' as const, 'versions' as const),
				async (offer, answer, mode) => {
					const c = { offer, answer, mode };
					expect(await decodePermalink(await encodePermalink(c))).toEqual({ ok: true, content: c });
					expect(await decodePermalink(await encodePermalink(c, zlib), zlib)).toEqual({
						ok: true,
						content: c
					});
				}
			),
			{ numRuns: 100 }
		);
	});

	it('bad links give an error code, never an exception', async () => {
		const p1 = (text: string) => '#p1.' + toBase64Url(new TextEncoder().encode(text));
		const cases: [string, PermalinkError][] = [
			['#d1.!!!', 'not-base64url'],
			['#d2.AAAA', 'unknown-format'],
			[p1('[1,2]'), 'no-sdp'],
			[p1('{"o":5}'), 'no-sdp'],
			[p1('{"o":"x","m":"other"}'), 'unknown-mode'],
			['#p1.' + toBase64Url(new Uint8Array([0xff, 0xfe, 0x00])), 'not-json'],
			['#d1.' + toBase64Url(new Uint8Array([1, 2, 3, 4, 5])), 'decompression-failed']
		];
		for (const [fragment, error] of cases) {
			expect(await decodePermalink(fragment, zlib)).toEqual({ ok: false, error });
		}
		expect(await decodePermalink('#d1.AAAA')).toEqual({ ok: false, error: 'no-decompression' });
	});

	it('fragments that are not SDP permalinks are left alone', async () => {
		// The layout's language switch and plain anchors share the fragment.
		for (const fragment of ['', '#', '#hello', '#lang=zh-CN', '#lesson=x&lang=zh-CN', '#d1']) {
			expect(await decodePermalink(fragment, zlib)).toEqual({ ok: false, error: 'none' });
		}
	});

	it('carries the language, and reads the SDP whatever the parameter order', async () => {
		const fragment = await encodePermalink(content, zlib, { lang: 'zh-CN' });
		expect(fragment).toMatch(/^d1\.[A-Za-z0-9_-]+&lang=zh-CN$/);
		expect(await decodePermalink(`#${fragment}`, zlib)).toEqual({ ok: true, content });
		const [link, lang] = fragment.split('&');
		expect(await decodePermalink(`#${lang}&${link}`, zlib)).toEqual({ ok: true, content });
		// Only a locale-shaped value is written.
		expect(await encodePermalink(content, undefined, { lang: 'x&y=1' })).not.toContain('&');
	});

	it('a decompression bomb is refused', async () => {
		const bomb = toBase64Url(
			new Uint8Array(deflateRawSync(Buffer.alloc(maxPermalinkBytes * 2, 32)))
		);
		const result = await decodePermalink(`d1.${bomb}`, zlib);
		expect(result).toMatchObject({ ok: false });
	});

	it('arbitrary fragments never throw', async () => {
		await fc.assert(
			fc.asyncProperty(fc.string({ maxLength: 200 }), async (text) => {
				for (const prefix of ['', 'd1.', 'p1.']) {
					await expect(decodePermalink(prefix + text, zlib)).resolves.toBeDefined();
				}
			}),
			{ numRuns: 200 }
		);
	});
});
