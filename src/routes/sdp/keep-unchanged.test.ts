import { describe, expect, it } from 'vitest';
import { parseSdp } from '$lib/core/sdp/sdp';
import { fixture } from '$lib/core/sdp/test-fixtures';
import { keepUnchanged, sameData } from './keep-unchanged';

const offer = fixture('chrome-audio-video-offer');

describe('keepUnchanged', () => {
	it('gives back the previous result when nothing changed', () => {
		const before = parseSdp(offer);
		expect(keepUnchanged(before, parseSdp(offer))).toBe(before);
		expect(keepUnchanged(undefined, before)).toBe(before);
	});

	it('reuses every unchanged line and only those', () => {
		const before = parseSdp(offer);
		const edited = offer.replace('a=mid:1', 'a=mid:1x');
		const next = parseSdp(edited);
		const shared = keepUnchanged(before, next);
		expect(shared).toEqual(next);
		const changed = shared.lines.filter((line, i) => line !== before.lines[i]);
		// The a=mid line and the BUNDLE line that no longer matches it.
		expect(changed.map((line) => line.text)).toContain('a=mid:1x');
		expect(changed.length).toBeLessThan(5);
		expect(shared.lines.length).toBe(before.lines.length);
		// The session-level lines were untouched.
		expect(shared.lines[0]).toBe(before.lines[0]);
	});

	it('a line added at the end keeps all the others', () => {
		const before = parseSdp(offer);
		const next = keepUnchanged(before, parseSdp(`${offer}a=x-typed:1\r\n`));
		expect(next.lines.slice(0, -1).every((line, i) => line === before.lines[i])).toBe(true);
		expect(next.lines.at(-1)?.text).toBe('a=x-typed:1');
	});

	it('sameData is deep equality on plain data', () => {
		expect(sameData({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
		expect(sameData({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })).toBe(false);
		expect(sameData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
		expect(sameData([1], { 0: 1 })).toBe(false);
		expect(sameData(NaN, NaN)).toBe(true);
	});
});
