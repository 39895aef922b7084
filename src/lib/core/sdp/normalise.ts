// The shapes an SDP arrives in when people paste it, turned into plain SDP text before parsing.
// Engineers copy SDPs from consoles, signaling logs, webrtc-internals, Markdown and code:
//
//   {"type":"offer","sdp":"v=0\r\no=- 46117… 2 IN IP4 127.0.0.1\r\n…"}   JSON.stringify(pc.localDescription)
//   "v=0\r\no=- 46117…\r\n…"                                             a JSON/JS string literal
//   v=0\r\no=- 46117…\r\ns=-\r\n…                                        escapes without quotes
//   \uFEFFv=0 …                                                          a UTF-8 byte order mark
//       v=0 / o=- … (each line indented the same)                        a log or Markdown block
//   lines ending in CR only, or a mix of CRLF, LF and CR                 old editors, pasted logs
//   … a=end-of-candidates, then a blank line                             the usual copy selection
//
// Each step that changed something is reported as a note (never an error: the SDP itself may
// be perfect). Pure and total: any string in, never an exception.
import { localized as t, type Localized } from '../locale';
import type { ParsedSdp } from './sdp';

export type SdpInputNoteCode =
	| 'json-object'
	| 'json-string'
	| 'escaped-line-breaks'
	| 'byte-order-mark'
	| 'indentation'
	| 'cr-line-breaks'
	| 'mixed-line-breaks'
	| 'leading-blank-lines'
	| 'trailing-blank-lines';

export interface SdpInputNote {
	code: SdpInputNoteCode;
	text: Localized;
}

/** The `type` of an RTCSessionDescriptionInit (https://w3c.github.io/webrtc-pc/#rtcsdptype). */
export type SdpType = 'offer' | 'answer' | 'pranswer' | 'rollback';

export interface NormalisedSdpInput {
	/** SDP text, one line per CRLF-terminated line (or '' when the input held none). */
	text: string;
	notes: SdpInputNote[];
	/** From a JSON `{"type": …}` wrapper, when there was one. */
	type?: SdpType;
	/**
	 * The input line that holds the normalised text's line 1. The lines that follow are
	 * consecutive, so normalised line n is input line `n + firstLine - 1`. For an SDP that was
	 * unwrapped from JSON or escapes, the numbers are those of the unwrapped SDP (firstLine 1).
	 */
	firstLine: number;
}

// prettier-ignore
const noteText: Record<SdpInputNoteCode, (arg: string) => Localized> = {
	'json-object': (type) => t(
		`Unwrapped from JSON${type ? ` {type: "${type}"}` : ''} (the form of JSON.stringify(pc.localDescription)); line numbers are those of the SDP inside.`,
		`已从 JSON${type ? ` {type: "${type}"}` : ''} 中取出 SDP（即 JSON.stringify(pc.localDescription) 的格式）；行号按其中的 SDP 计算。`
	),
	'json-string': () => t(
		'Unwrapped from a quoted string literal; line numbers are those of the SDP inside.',
		'已从带引号的字符串字面量中取出 SDP；行号按其中的 SDP 计算。'
	),
	'escaped-line-breaks': () => t(
		'The SDP was on one line with written-out \\r\\n escapes; they were turned into line breaks.',
		'SDP 写在一行里，换行是 \\r\\n 转义字符；已把它们还原为换行。'
	),
	'byte-order-mark': () => t(
		'Removed a byte order mark (U+FEFF) before the first line.',
		'已去掉第一行之前的字节顺序标记（U+FEFF）。'
	),
	'indentation': (prefix) => t(
		`Every line was indented by ${prefix}; the indentation was removed.`,
		`每一行都有 ${prefix} 的缩进；已去掉缩进。`
	),
	'cr-line-breaks': () => t(
		'Lines end with CR alone; SDP uses CRLF (RFC 8866 §5), read as line breaks anyway.',
		'各行只以 CR 结尾；SDP 应使用 CRLF（RFC 8866 §5），这里仍按换行处理。'
	),
	'mixed-line-breaks': () => t(
		'Line endings are mixed (CRLF, LF, CR); SDP uses CRLF (RFC 8866 §5), all read as line breaks.',
		'换行符混用了 CRLF、LF 和 CR；SDP 应使用 CRLF（RFC 8866 §5），这里都按换行处理。'
	),
	'leading-blank-lines': (count) => t(
		`Skipped ${count} blank line(s) before v=; line numbers still count them.`,
		`跳过了 v= 之前的 ${count} 个空行；行号仍把它们计算在内。`
	),
	'trailing-blank-lines': (count) => t(
		`Ignored ${count} blank line(s) at the end (usual when copying).`,
		`忽略了末尾的 ${count} 个空行（复制时很常见）。`
	)
};

const note = (code: SdpInputNoteCode, arg = ''): SdpInputNote => ({
	code,
	text: noteText[code](arg)
});

const sdpTypes = new Set<string>(['offer', 'answer', 'pranswer', 'rollback']);

/** JSON.parse that answers undefined instead of throwing. */
function tryJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** The body of a JSON string literal (without its quotes), decoded; undefined if it is not one. */
function decodeJsonString(body: string): string | undefined {
	const value = tryJson(`"${body}"`);
	return typeof value === 'string' ? value : undefined;
}

interface Unwrapped {
	text: string;
	type?: SdpType;
	note: SdpInputNote;
}

// {"type":"offer","sdp":"v=0\r\n…"}: whole JSON first; a cut or sloppy one (a log line, a JS
// object literal) by finding the "sdp" string in it.
function unwrapJson(trimmed: string): Unwrapped | undefined {
	const first = trimmed[0];
	if (first === '{') {
		const value = tryJson(trimmed);
		if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
			const record = value as Record<string, unknown>;
			// A signaling message may nest it: {"description": {"type":…,"sdp":…}}.
			const inner =
				typeof record.sdp === 'string'
					? record
					: Object.values(record).find(
							(v): v is Record<string, unknown> =>
								v !== null &&
								typeof v === 'object' &&
								typeof (v as Record<string, unknown>).sdp === 'string'
						);
			if (inner && typeof inner.sdp === 'string') {
				const type =
					typeof inner.type === 'string' && sdpTypes.has(inner.type)
						? (inner.type as SdpType)
						: undefined;
				return { text: inner.sdp, type, note: note('json-object', type) };
			}
		}
		const sdp = /["']?sdp["']?\s*:\s*"((?:[^"\\]|\\.)*)/.exec(trimmed)?.[1];
		if (sdp !== undefined) {
			// A cut-off string may end inside an escape: drop a lone trailing backslash.
			const text = decodeJsonString(sdp.replace(/\\$/, ''));
			if (text !== undefined) {
				const typeName = /["']?type["']?\s*:\s*["']([a-z]+)["']/.exec(trimmed)?.[1];
				const type = typeName && sdpTypes.has(typeName) ? (typeName as SdpType) : undefined;
				return { text, type, note: note('json-object', type) };
			}
		}
		return undefined;
	}
	if (first === '"' && /^"v=/.test(trimmed)) {
		const value = tryJson(trimmed);
		if (typeof value === 'string') return { text: value, note: note('json-string') };
		// Unterminated, or followed by a comma or semicolon (copied from code).
		const body = /^"((?:[^"\\]|\\.)*)/.exec(trimmed)?.[1];
		const text = body === undefined ? undefined : decodeJsonString(body.replace(/\\$/, ''));
		if (text !== undefined) return { text, note: note('json-string') };
	}
	return undefined;
}

/** Splits on CRLF, LF or CR, and says which endings were seen. */
function splitLines(text: string): { lines: string[]; crlf: boolean; lf: boolean; cr: boolean } {
	let crlf = false;
	let lf = false;
	let cr = false;
	const lines = text.split(/\r\n|\r|\n/);
	for (const match of text.matchAll(/\r\n|\r|\n/g)) {
		if (match[0] === '\r\n') crlf = true;
		else if (match[0] === '\n') lf = true;
		else cr = true;
		if (crlf && lf && cr) break;
	}
	return { lines, crlf, lf, cr };
}

const isBlank = (line: string) => line.trim() === '';

/** How a prefix of whitespace reads in a note: "4 spaces", "1 tab", "2 tabs and 1 space"… */
function describeIndent(prefix: string): string {
	const tabs = [...prefix].filter((c) => c === '\t').length;
	const spaces = prefix.length - tabs;
	const parts: string[] = [];
	if (spaces) parts.push(`${spaces} space${spaces === 1 ? '' : 's'}`);
	if (tabs) parts.push(`${tabs} tab${tabs === 1 ? '' : 's'}`);
	return parts.join(' + ');
}

/** The whitespace prefix shared by every line given (all non-blank). */
function commonIndent(lines: string[]): string {
	let prefix: string | undefined;
	for (const line of lines) {
		const own = /^[ \t]*/.exec(line)?.[0] ?? '';
		if (prefix === undefined) prefix = own;
		else {
			let n = 0;
			while (n < prefix.length && n < own.length && prefix[n] === own[n]) n++;
			prefix = prefix.slice(0, n);
		}
		if (prefix === '') return '';
	}
	return prefix ?? '';
}

/** Turns pasted text into SDP text; see the header comment. Never throws. */
export function normaliseSdpInput(input: string): NormalisedSdpInput {
	let text = typeof input === 'string' ? input : '';
	const notes: SdpInputNote[] = [];
	let type: SdpType | undefined;
	let firstLine = 1;

	if (text.startsWith('\uFEFF')) {
		text = text.slice(1);
		notes.push(note('byte-order-mark'));
	}

	const trimmed = text.trim();
	const unwrapped = unwrapJson(trimmed);
	let renumbered = false;
	if (unwrapped) {
		text = unwrapped.text;
		type = unwrapped.type;
		notes.push(unwrapped.note);
		renumbered = true;
		if (text.startsWith('\uFEFF')) text = text.slice(1);
	}

	// v=0\r\no=-…: one line holding written-out escapes (also inside JSON that was escaped twice).
	const current = text.trim();
	if (!/[\r\n]/.test(current) && /^v=\d*\\[rn]/.test(current)) {
		text = current.replace(/\\r\\n|\\n|\\r/g, '\n').replace(/\\t/g, '\t');
		notes.push(note('escaped-line-breaks'));
		renumbered = true;
	}

	const split = splitLines(text);
	const lines = split.lines;
	if (split.cr && !split.crlf && !split.lf) notes.push(note('cr-line-breaks'));
	else if ([split.crlf, split.lf, split.cr].filter(Boolean).length > 1) {
		notes.push(note('mixed-line-breaks'));
	}

	// Blank lines at both ends. One final line break is just the end of the last line.
	let end = lines.length;
	while (end > 0 && isBlank(lines[end - 1] ?? '')) end--;
	let start = 0;
	while (start < end && isBlank(lines[start] ?? '')) start++;
	if (end === 0) return { text: '', notes, type, firstLine: 1 };
	const afterLast = lines.length - end - (/(\r\n|\r|\n)$/.test(text) ? 1 : 0);
	if (afterLast > 0) notes.push(note('trailing-blank-lines', String(afterLast)));
	if (start > 0) {
		notes.push(note('leading-blank-lines', String(start)));
		if (!renumbered) firstLine = start + 1;
	}
	let body = lines.slice(start, end);

	// Indentation shared by every non-blank line; or by every line after a flush "v=" first line
	// (a template literal in code: `const offer = \`v=0` then indented lines).
	const nonBlank = body.filter((line) => !isBlank(line));
	let indent = commonIndent(nonBlank);
	let from = 0;
	if (indent === '' && body[0]?.startsWith('v=') && nonBlank.length > 2) {
		indent = commonIndent(nonBlank.slice(1));
		from = 1;
	}
	if (indent !== '') {
		body = body.map((line, i) =>
			i >= from && line.startsWith(indent) ? line.slice(indent.length) : line
		);
		notes.push(note('indentation', describeIndent(indent)));
	}

	return { text: `${body.join('\r\n')}\r\n`, notes, type, firstLine };
}

/**
 * The same description with every line number moved so that line 1 becomes `firstLine`
 * (the input line it came from). A new object; `parsed` is not changed.
 */
export function numberFromInput(parsed: ParsedSdp, firstLine: number): ParsedSdp {
	const shift = Number.isInteger(firstLine) ? firstLine - 1 : 0;
	if (shift === 0) return parsed;
	return {
		session: parsed.session,
		media: parsed.media.map((m) => ({
			...m,
			firstLine: m.firstLine + shift,
			lastLine: m.lastLine + shift
		})),
		lines: parsed.lines.map((line) => ({ ...line, number: line.number + shift })),
		problems: parsed.problems.map((p) =>
			p.line === undefined ? p : { ...p, line: p.line + shift }
		)
	};
}
