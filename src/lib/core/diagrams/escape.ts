/**
 * Escaping for text that ends up inside mermaid source.
 *
 * Labels may be untrusted: SDP fragments, ICE candidates, messages relayed from a remote peer.
 * Mermaid has no quoting that survives every diagram type, but before parsing it rewrites
 * `#NN;` (decimal code point) into a placeholder and turns it back into `&#NN;` in the final
 * SVG. So we keep a small allow-list of characters that are inert in every statement we emit
 * and write every other character as `#NN;`. What is left can neither end a statement
 * (newline, `;`), start a comment or directive (`%%`), open an arrow (`-->>`), close a quoted
 * state name (`"`), nor form HTML (`<`, `>`, `&`) or KaTeX (`$$`).
 */

/** Letters, digits and marks of any script, plus punctuation that is inert in mermaid text. */
const SAFE_CHAR = /^[\p{L}\p{N}\p{M} .,_/()=+?!@]$/u;

/** Mermaid's own entity placeholders use ﬂ, °, ¶ and ß; ﬂ and ß are letters, so escape them. */
const PLACEHOLDER_CHAR = /^[\uFB02\u00DF]$/u;

const LINE_BREAK = /\r\n|[\n\r\u2028\u2029\u0085]/g;

/** Shown where a label had a line break (an SDP has one per line). */
const LINE_BREAK_MARK = ' ⏎ ';

export const DEFAULT_MAX_LABEL_LENGTH = 160;

/** Control characters (NUL, BEL, C1…) carry no meaning in a label; `&#0;` is not even valid XML. */
const CONTROL_CHAR = /^\p{Cc}$/u;

/** Escape one character (code point) as mermaid's `#NN;` entity syntax. */
function entity(char: string): string {
	const code = char.codePointAt(0) ?? 0xfffd;
	// A lone surrogate half cannot be written as a character reference.
	return `#${code >= 0xd800 && code <= 0xdfff ? 0xfffd : code};`;
}

function escapeChar(char: string): string {
	if (CONTROL_CHAR.test(char)) return '';
	return SAFE_CHAR.test(char) && !PLACEHOLDER_CHAR.test(char) ? char : entity(char);
}

/**
 * Make untrusted text safe to place after `:` in a mermaid statement or inside a quoted state
 * name. Never throws: non-strings become their `String()` form (null and undefined become '').
 * Long text is cut to `maxLength` code points and ends with `…`.
 */
export function escapeMermaidText(input: unknown, maxLength = DEFAULT_MAX_LABEL_LENGTH): string {
	let text: string;
	try {
		text = input === null || input === undefined ? '' : String(input);
	} catch {
		text = '';
	}
	const limit =
		Number.isFinite(maxLength) && maxLength > 0 ? Math.floor(maxLength) : DEFAULT_MAX_LABEL_LENGTH;
	// Cut on code points of the original text so an entity is never split in half.
	const chars = Array.from(text.trim());
	const truncated = chars.length > limit;
	const body = truncated ? chars.slice(0, limit).join('') : chars.join('');
	const escaped = body
		.split(LINE_BREAK)
		.map((line) => {
			let out = '';
			for (const char of line) out += escapeChar(char);
			return out;
		})
		.join(LINE_BREAK_MARK);
	return truncated ? `${escaped}…` : escaped;
}

const MAX_IDENTIFIER_LENGTH = 64;

/**
 * A mermaid identifier: ASCII letters, digits and `_`, always starting with `prefix` so it can
 * never be a keyword (`end`, `note`, `state`…) nor start with a digit. Callers dedupe.
 */
export function safeIdentifier(raw: unknown, prefix: string): string {
	const text = typeof raw === 'string' ? raw : '';
	return prefix + text.replace(/[^A-Za-z0-9_]/g, '_').slice(0, MAX_IDENTIFIER_LENGTH);
}
