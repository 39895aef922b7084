// Property-based fuzzing: parseSdp, the annotations and both diffs are total functions. No
// input — arbitrary strings, SDP-shaped lines, or real fixtures mutated line by line — may
// make them throw, lose a line, or number lines wrongly.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainLine, sdpAttributes } from './attributes';
import { diffDescriptions, diffOfferAnswer, type SdpDiffItem } from './diff';
import { parseSdp } from './sdp';
import { fixture, fixtureNames } from './test-fixtures';

function countLines(text: string): number {
	const parts = text.split(/\r?\n/);
	if (parts[parts.length - 1] === '') parts.pop();
	return parts.every((p) => p.trim() === '') ? 0 : parts.length;
}

function checkParse(text: string) {
	const result = parseSdp(text);
	expect(result.lines.length).toBe(countLines(text));
	result.lines.forEach((line, i) => expect(line.number).toBe(i + 1));
	for (const problem of result.problems) {
		expect(problem.message).not.toBe('');
		if (problem.line !== undefined) {
			expect(problem.line).toBeGreaterThanOrEqual(1);
			expect(problem.line).toBeLessThanOrEqual(result.lines.length);
		}
	}
	for (const line of result.lines) {
		if (line.known) {
			// A recognised line is explained in both languages, with its reference and level.
			expect(line.explanation?.en).toBeTruthy();
			expect(line.explanation?.['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
			expect(line.rfc).toBeTruthy();
			expect(['session', 'media', 'both']).toContain(line.allowedLevel);
		}
		if (line.mediaIndex !== undefined) expect(result.media[line.mediaIndex]).toBeDefined();
	}
	return result;
}

const samples = sdpAttributes.map((info) => info.sample);
const fixtures = fixtureNames.map(fixture);

// Lines that look like SDP: a type letter, '=', then a sample's value, junk, or nothing.
const sdpLine = fc.oneof(
	fc.constantFrom(...samples),
	fc
		.tuple(fc.constantFrom(...'voscbtmiuepkrza?X '), fc.string({ maxLength: 40 }))
		.map(([type, value]) => `${type}=${value}`),
	fc
		.tuple(fc.constantFrom(...samples), fc.string({ maxLength: 12 }))
		.map(([sample, junk]) => sample.slice(0, sample.length - junk.length) + junk),
	fc.string({ maxLength: 60 }),
	fc.constantFrom(
		'm=audio 0 RTP/AVP',
		'm=video 9 UDP/TLS/RTP/SAVPF',
		'a=group:BUNDLE',
		'a=msid:{x} {y}',
		'a=fmtp:',
		'a=rtpmap:1',
		''
	)
);
const sdpText = fc
	.tuple(fc.array(sdpLine, { maxLength: 40 }), fc.constantFrom('\r\n', '\n'))
	.map(([lines, eol]) => lines.join(eol));
// Large inputs: hundreds of lines, real sections repeated with junk in between.
const largeSdpText = fc
	.tuple(
		fc.array(sdpLine, { minLength: 200, maxLength: 600 }),
		fc.constantFrom(...fixtures),
		fc.nat({ max: 6 })
	)
	.map(([lines, real, copies]) => {
		const sections = real.slice(real.indexOf('m=')).split('\r\n');
		const out = [...real.split('\r\n')];
		for (let i = 0; i < copies; i++) out.push(...sections, ...lines.slice(i * 50, i * 50 + 50));
		return out.join('\r\n');
	});

/** The law of gap 7: every finding of either diff cites its JSEP (RFC 9429) section. */
function expectJsepRules(items: SdpDiffItem[]) {
	for (const item of items) {
		expect(item.rule).toMatch(/RFC 9429 §/);
		expect(item.text.en).not.toBe('');
		expect(item.text['zh-CN']).not.toBe('');
	}
}

// A fixture with lines deleted, duplicated, swapped or replaced by junk.
const mutatedFixture = fc
	.tuple(
		fc.constantFrom(...fixtures),
		fc.array(
			fc.tuple(
				fc.nat(),
				fc.constantFrom('delete', 'duplicate', 'swap', 'junk', 'truncate'),
				fc.string({ maxLength: 20 })
			),
			{ minLength: 1, maxLength: 8 }
		)
	)
	.map(([text, edits]) => {
		const lines = text.split('\r\n');
		for (const [at, kind, junk] of edits) {
			const i = at % Math.max(lines.length, 1);
			if (kind === 'delete') lines.splice(i, 1);
			else if (kind === 'duplicate') lines.splice(i, 0, lines[i] ?? '');
			else if (kind === 'swap') [lines[i], lines[0]] = [lines[0] ?? '', lines[i] ?? ''];
			else if (kind === 'junk') lines[i] = junk;
			else lines[i] = (lines[i] ?? '').slice(0, junk.length);
		}
		return lines.join('\r\n');
	});

// Property runs are slow on a shared 2-core machine; the limit is not a performance check.
describe('fuzzing', { timeout: 60_000 }, () => {
	it('parseSdp on arbitrary strings', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
				checkParse(text);
			}),
			{ numRuns: 500 }
		);
	});

	it('parseSdp on SDP-shaped text', () => {
		fc.assert(
			fc.property(sdpText, (text) => {
				checkParse(text);
			}),
			{ numRuns: 500 }
		);
	});

	it('parseSdp on large inputs', () => {
		fc.assert(
			fc.property(largeSdpText, (text) => {
				checkParse(text);
			}),
			{ numRuns: 25 }
		);
	});

	it('explainLine on any line: total, and known keys are explained in both languages', () => {
		fc.assert(
			fc.property(fc.oneof(sdpLine, fc.string({ unit: 'binary', maxLength: 200 })), (line) => {
				const result = explainLine(line);
				expect(typeof result.key).toBe('string');
				expect(typeof result.badValue).toBe('boolean');
				if (result.info) {
					expect(result.explanation?.en).toBeTruthy();
					expect(result.explanation?.['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
					expect(result.info.rfc).toBeTruthy();
				}
			}),
			{ numRuns: 1000 }
		);
	});

	it('parseSdp and both diffs on mutated fixtures; every finding cites JSEP', () => {
		fc.assert(
			fc.property(mutatedFixture, mutatedFixture, (a, b) => {
				checkParse(a);
				const diff = diffOfferAnswer(a, b);
				expectJsepRules([...diff.session, ...diff.sections.flatMap((s) => s.items)]);
				const versions = diffDescriptions(a, b);
				expect(versions.items.length).toBeGreaterThan(0);
				expectJsepRules(versions.items);
			}),
			{ numRuns: 300 }
		);
	});

	it('both diffs on arbitrary and SDP-shaped strings', () => {
		fc.assert(
			fc.property(fc.oneof(sdpText, fc.string()), fc.oneof(sdpText, fc.string()), (a, b) => {
				const diff = diffOfferAnswer(a, b);
				expectJsepRules([...diff.session, ...diff.sections.flatMap((s) => s.items)]);
				expectJsepRules(diffDescriptions(a, b).items);
			}),
			{ numRuns: 300 }
		);
	});
});
