import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffOfferAnswer } from './diff';
import { normaliseSdpInput, numberFromInput, type SdpInputNoteCode } from './normalise';
import { parseSdp } from './sdp';
import { fixture } from './test-fixtures';

const offer = fixture('chrome-audio-video-offer');
const answer = fixture('chrome-audio-video-answer');
const offerLines = offer.split('\r\n').filter((line) => line !== '');
const canonical = `${offerLines.join('\r\n')}\r\n`;

const noteCodes = (text: string) => normaliseSdpInput(text).notes.map((n) => n.code);

/** Normalises, then parses: the result must be the fixture, clean, every line known. */
function expectClean(text: string, expected: SdpInputNoteCode[]) {
	const result = normaliseSdpInput(text);
	expect(result.notes.map((n) => n.code)).toEqual(expected);
	for (const n of result.notes) {
		expect(n.text.en.length).toBeGreaterThan(10);
		expect(n.text['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
	}
	expect(result.text).toBe(canonical);
	const parsed = parseSdp(result.text);
	expect(parsed.problems).toEqual([]);
	expect(parsed.lines.map((l) => l.text)).toEqual(offerLines);
	return result;
}

describe('normaliseSdpInput: each pasted form', () => {
	it('plain CRLF SDP passes unchanged, without notes', () => {
		expectClean(offer, []);
		expect(normaliseSdpInput(offer).firstLine).toBe(1);
	});

	it('LF-only line endings are accepted silently (parseSdp reads them too)', () => {
		expectClean(offer.replace(/\r\n/g, '\n'), []);
	});

	it('JSON.stringify(pc.localDescription): unwrapped, type kept', () => {
		const json = JSON.stringify({ type: 'offer', sdp: offer });
		const result = expectClean(json, ['json-object']);
		expect(result.type).toBe('offer');
		expect(result.notes[0]?.text.en).toContain('"offer"');
		expect(normaliseSdpInput(JSON.stringify({ type: 'answer', sdp: answer })).type).toBe('answer');
	});

	it('pretty-printed, nested and cut-off JSON', () => {
		expectClean(JSON.stringify({ sdp: offer, type: 'offer' }, null, 2), ['json-object']);
		const nested = JSON.stringify({ kind: 'signal', description: { type: 'answer', sdp: offer } });
		expect(normaliseSdpInput(nested).type).toBe('answer');
		expect(normaliseSdpInput(nested).text).toBe(canonical);
		// A log line cut in the middle of the string still gives the lines before the cut.
		const json = JSON.stringify({ type: 'offer', sdp: offer });
		const cut = normaliseSdpInput(json.slice(0, json.indexOf('a=mid:0') + 3));
		expect(cut.notes.map((n) => n.code)).toEqual(['json-object']);
		expect(cut.type).toBe('offer');
		expect(cut.text.startsWith('v=0\r\no=- ')).toBe(true);
		expect(cut.text.endsWith('a=m\r\n')).toBe(true);
	});

	it('a JSON string literal, also with a trailing comma from code', () => {
		expectClean(JSON.stringify(offer), ['json-string']);
		expectClean(`${JSON.stringify(offer)},`, ['json-string']);
	});

	it('a one-liner with written-out \\r\\n escapes', () => {
		expectClean(offer.replace(/\r\n/g, '\\r\\n'), ['escaped-line-breaks']);
		expectClean(offer.replace(/\r\n/g, '\\n'), ['escaped-line-breaks']);
	});

	it('a byte order mark', () => {
		expectClean(`\uFEFF${offer}`, ['byte-order-mark']);
	});

	it('a common indentation (log, Markdown, template literal)', () => {
		const indented = offerLines.map((line) => `    ${line}`).join('\n');
		expect(expectClean(indented, ['indentation']).notes[0]?.text.en).toContain('4 spaces');
		expectClean(offerLines.map((line) => `\t${line}`).join('\r\n'), ['indentation']);
		const template = offerLines.map((line, i) => (i === 0 ? line : `  ${line}`)).join('\n');
		expectClean(template, ['indentation']);
	});

	it('CR-only and mixed line endings', () => {
		expectClean(offer.replace(/\r\n/g, '\r'), ['cr-line-breaks']);
		const mixed = offerLines.map((line, i) => line + ['\r\n', '\n', '\r'][i % 3]).join('');
		expectClean(mixed, ['mixed-line-breaks']);
	});

	it('a trailing blank line is a note, not an error', () => {
		expect(parseSdp(`${offer}\r\n`).problems.map((p) => p.code)).toContain('empty-line');
		const result = expectClean(`${offer}\r\n  \r\n`, ['trailing-blank-lines']);
		expect(result.notes[0]?.text.en).toContain('2 blank');
	});

	it('leading blank lines: skipped, numbers still those of the input', () => {
		const result = expectClean(`\r\n\r\n${offer}`, ['leading-blank-lines']);
		expect(result.firstLine).toBe(3);
		const parsed = numberFromInput(parseSdp(result.text), result.firstLine);
		expect(parsed.lines[0]?.number).toBe(3);
		expect(parsed.lines.at(-1)?.number).toBe(offerLines.length + 2);
		expect(parsed.media[0]?.firstLine).toBe(parseSdp(offer).media[0]!.firstLine + 2);
		// The diff reads sections through the shifted numbers too.
		const shifted = diffOfferAnswer(parsed, parseSdp(answer));
		expect(shifted.sections.map((s) => s.offerLine)).toEqual(
			diffOfferAnswer(offer, answer).sections.map((s) => s.offerLine + 2)
		);
		expect(shifted.counts).toEqual(diffOfferAnswer(offer, answer).counts);
	});

	it('several steps at once are each reported', () => {
		const json = JSON.stringify({ type: 'answer', sdp: offer });
		expect(noteCodes(`\uFEFF\n   ${json}\n\n`)).toEqual(['byte-order-mark', 'json-object']);
		const messy = `\uFEFF\r${offerLines.map((l) => `  ${l}`).join('\r')}\r\r`;
		expect(noteCodes(messy)).toEqual([
			'byte-order-mark',
			'cr-line-breaks',
			'trailing-blank-lines',
			'leading-blank-lines',
			'indentation'
		]);
	});

	it('problems found by parseSdp point at input lines after numberFromInput', () => {
		const broken = `\n\n${offer.replace('a=mid:0', 'this is not sdp')}`;
		const result = normaliseSdpInput(broken);
		const parsed = numberFromInput(parseSdp(result.text), result.firstLine);
		const problem = parsed.problems.find((p) => p.code === 'malformed-line');
		const inputLine = broken.split(/\r?\n/).indexOf('this is not sdp') + 1;
		expect(problem?.line).toBe(inputLine);
	});

	it('leaves text that is not one of these forms alone', () => {
		expect(normaliseSdpInput('hello').text).toBe('hello\r\n');
		expect(normaliseSdpInput('hello').notes).toEqual([]);
		expect(normaliseSdpInput('{"not":"sdp"}').notes).toEqual([]);
		expect(normaliseSdpInput('').text).toBe('');
		expect(normaliseSdpInput('   \n \n').text).toBe('');
	});
});

describe('normaliseSdpInput is total', () => {
	it('never throws, keeps every non-blank line of plain text', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 400 }), (text) => {
				const result = normaliseSdpInput(text);
				expect(typeof result.text).toBe('string');
				expect(result.firstLine).toBeGreaterThanOrEqual(1);
			}),
			{ numRuns: 500 }
		);
		fc.assert(
			fc.property(
				fc.array(fc.stringMatching(/^[a-z]=[ -~]{0,30}$/), { minLength: 1, maxLength: 30 }),
				fc.constantFrom('\r\n', '\n', '\r'),
				(lines, eol) => {
					const result = normaliseSdpInput(lines.join(eol));
					expect(
						result.text
							.split('\r\n')
							.map((l) => l.trimEnd())
							.filter(Boolean)
					).toEqual(lines.map((l) => l.trimEnd()).filter((l) => l.trim() !== ''));
				}
			),
			{ numRuns: 300 }
		);
	});
});
