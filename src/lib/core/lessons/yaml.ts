/**
 * The YAML subset our lesson frontmatter is written in, and a parser for it. Pure.
 *
 * Supported (everything lessons/README.md shows):
 *
 *   key: value                      block mappings, nested by indentation
 *   list:                           block sequences, also of mappings:
 *     - id: a                         - id: a
 *       before: offerCreated            more: keys at the item's column
 *   condition: { kind: state, peer: A, seenInOrder: [have-local-offer, stable] }   flow collections
 *   text: "double" or 'single' quoted, or plain scalars
 *   true / false / null / ~ / integers / decimals; `# comments` after a space
 *
 * Not supported (and reported as errors with the line number rather than guessed at): block
 * scalars (`|`, `>`), anchors and aliases, tags, multi-document streams.
 */

export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

export class YamlError extends Error {
	constructor(
		message: string,
		readonly line: number
	) {
		super(`line ${line}: ${message}`);
		this.name = 'YamlError';
	}
}

interface Line {
	indent: number;
	text: string;
	/** 1-based, in the text given to parseYaml. */
	n: number;
}

/** Removes a `# comment` that starts the line or follows whitespace, outside quotes. */
function stripComment(text: string): string {
	let quote: '"' | "'" | null = null;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quote) {
			if (c === '\\' && quote === '"') i++;
			else if (c === quote) quote = null;
		} else if (c === '"' || c === "'") {
			// A quote opens a quoted scalar only at the start of a value, not inside a word (it's).
			const before = text.slice(0, i).trimEnd();
			if (before === '' || /[:,[{-]$/.test(before)) quote = c;
		} else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
			return text.slice(0, i).trimEnd();
		}
	}
	return text.trimEnd();
}

function toLines(source: string): Line[] {
	const lines: Line[] = [];
	source.split(/\r?\n/).forEach((raw, index) => {
		if (/^\s*\t/.test(raw)) throw new YamlError('tabs are not allowed for indentation', index + 1);
		const text = stripComment(raw);
		if (text.trim() === '') return;
		const indent = text.length - text.trimStart().length;
		lines.push({ indent, text: text.trimStart(), n: index + 1 });
	});
	return lines;
}

const isSequenceItem = (text: string) => text === '-' || text.startsWith('- ');

/** The position of the `:` that ends a mapping key (followed by a space or the end), or -1. */
function keyEnd(text: string): number {
	if (text.startsWith('"') || text.startsWith("'")) {
		const close = text.indexOf(text[0] ?? '', 1);
		if (close < 0) return -1;
		return text[close + 1] === ':' && /^(\s|$)/.test(text.slice(close + 2)) ? close + 1 : -1;
	}
	if (text.startsWith('{') || text.startsWith('[')) return -1;
	const match = /:(\s|$)/.exec(text);
	return match ? match.index : -1;
}

function unquoteKey(key: string, line: number): string {
	const trimmed = key.trim();
	if (trimmed.startsWith('"') || trimmed.startsWith("'")) {
		const value = new FlowParser(trimmed, line).parseValue();
		return String(value);
	}
	return trimmed;
}

/** Plain scalars: booleans, null, numbers, otherwise the text itself. */
function plainScalar(text: string): YamlValue {
	if (text === 'true') return true;
	if (text === 'false') return false;
	if (text === 'null' || text === '~') return null;
	if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
	return text;
}

/** Flow collections and quoted scalars on one (joined) line. */
class FlowParser {
	private i = 0;
	constructor(
		private readonly text: string,
		private readonly line: number
	) {}

	parseAll(): YamlValue {
		const value = this.parseValue();
		this.skipSpace();
		if (this.i < this.text.length) this.fail(`unexpected "${this.text.slice(this.i)}"`);
		return value;
	}

	private fail(message: string): never {
		throw new YamlError(message, this.line);
	}

	private skipSpace() {
		while (/\s/.test(this.text[this.i] ?? '')) this.i++;
	}

	parseValue(inFlow = false): YamlValue {
		this.skipSpace();
		const c = this.text[this.i];
		if (c === '{') return this.parseMapping();
		if (c === '[') return this.parseSequence();
		if (c === '"') return this.parseDoubleQuoted();
		if (c === "'") return this.parseSingleQuoted();
		return this.parsePlain(inFlow);
	}

	private parsePlain(inFlow: boolean, isKey = false): YamlValue {
		const start = this.i;
		while (this.i < this.text.length) {
			const c = this.text[this.i] ?? '';
			if (inFlow && (c === ',' || c === ']' || c === '}')) break;
			if (isKey && c === ':' && /^(\s|$|[,}\]])/.test(this.text.slice(this.i + 1))) break;
			this.i++;
		}
		const text = this.text.slice(start, this.i).trim();
		if (isKey) return text;
		if (text === '' && inFlow) this.fail('empty value in a flow collection');
		return plainScalar(text);
	}

	private parseDoubleQuoted(): string {
		const start = this.i;
		this.i++;
		while (this.i < this.text.length && this.text[this.i] !== '"') {
			if (this.text[this.i] === '\\') this.i++;
			this.i++;
		}
		if (this.i >= this.text.length) this.fail('unterminated double-quoted string');
		this.i++;
		try {
			return JSON.parse(this.text.slice(start, this.i)) as string;
		} catch {
			this.fail(`bad escape in ${this.text.slice(start, this.i)}`);
		}
	}

	private parseSingleQuoted(): string {
		let out = '';
		this.i++;
		for (;;) {
			if (this.i >= this.text.length) this.fail('unterminated single-quoted string');
			const c = this.text[this.i];
			if (c === "'") {
				if (this.text[this.i + 1] === "'") {
					out += "'";
					this.i += 2;
					continue;
				}
				this.i++;
				return out;
			}
			out += c;
			this.i++;
		}
	}

	private parseMapping(): { [key: string]: YamlValue } {
		const result: { [key: string]: YamlValue } = {};
		this.i++; // {
		this.skipSpace();
		if (this.text[this.i] === '}') {
			this.i++;
			return result;
		}
		for (;;) {
			this.skipSpace();
			const c = this.text[this.i];
			const key =
				c === '"' || c === "'" ? String(this.parseValue(true)) : String(this.parsePlain(true, true));
			this.skipSpace();
			if (this.text[this.i] !== ':') this.fail(`expected ":" after "${key}"`);
			this.i++;
			if (key in result) this.fail(`duplicate key "${key}"`);
			result[key] = this.parseValue(true);
			this.skipSpace();
			const next = this.text[this.i];
			this.i++;
			if (next === '}') return result;
			if (next !== ',') this.fail('expected "," or "}" in a flow mapping');
		}
	}

	private parseSequence(): YamlValue[] {
		const result: YamlValue[] = [];
		this.i++; // [
		this.skipSpace();
		if (this.text[this.i] === ']') {
			this.i++;
			return result;
		}
		for (;;) {
			result.push(this.parseValue(true));
			this.skipSpace();
			const next = this.text[this.i];
			this.i++;
			if (next === ']') return result;
			if (next !== ',') this.fail('expected "," or "]" in a flow sequence');
		}
	}
}

/** Whether the flow text still has open brackets (outside quotes). */
function openBrackets(text: string): number {
	let depth = 0;
	let quote: string | null = null;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (quote) {
			if (c === '\\' && quote === '"') i++;
			else if (c === quote) quote = null;
		} else if (c === '"' || c === "'") quote = c;
		else if (c === '[' || c === '{') depth++;
		else if (c === ']' || c === '}') depth--;
	}
	return depth;
}

class BlockParser {
	private i = 0;
	constructor(private readonly lines: Line[]) {}

	parseDocument(): YamlValue {
		if (this.lines.length === 0) return null;
		const value = this.parseBlock(this.lines[0]?.indent ?? 0);
		const rest = this.lines[this.i];
		if (rest) throw new YamlError('unexpected indentation', rest.n);
		return value;
	}

	private parseBlock(indent: number): YamlValue {
		const line = this.lines[this.i];
		if (!line) return null;
		return isSequenceItem(line.text) ? this.parseSequence(indent) : this.parseMapping(indent);
	}

	/** A value written after `key:` or `- ` on the same line (flow values may span lines). */
	private inlineValue(text: string, line: Line): YamlValue {
		let joined = text;
		if (joined.startsWith('[') || joined.startsWith('{')) {
			while (openBrackets(joined) > 0) {
				const next = this.lines[this.i];
				if (!next) throw new YamlError('unclosed flow collection', line.n);
				joined += ' ' + next.text;
				this.i++;
			}
			return new FlowParser(joined, line.n).parseAll();
		}
		if (joined.startsWith('"') || joined.startsWith("'")) {
			return new FlowParser(joined, line.n).parseAll();
		}
		if (/^[|>][-+]?$/.test(joined)) throw new YamlError('block scalars are not supported', line.n);
		if (/^[&*!]/.test(joined)) throw new YamlError('anchors, aliases and tags are not supported', line.n);
		return plainScalar(joined);
	}

	/** The nested block after `key:` / `-` with nothing on the line, or null. */
	private nestedBlock(parentIndent: number, allowSameIndentSequence: boolean): YamlValue {
		const next = this.lines[this.i];
		if (!next) return null;
		if (next.indent > parentIndent) return this.parseBlock(next.indent);
		if (allowSameIndentSequence && next.indent === parentIndent && isSequenceItem(next.text)) {
			return this.parseSequence(parentIndent);
		}
		return null;
	}

	private parseMapping(indent: number): { [key: string]: YamlValue } {
		const result: { [key: string]: YamlValue } = {};
		for (;;) {
			const line = this.lines[this.i];
			if (!line || line.indent < indent) return result;
			if (line.indent > indent) throw new YamlError('unexpected indentation', line.n);
			if (isSequenceItem(line.text)) return result;
			const end = keyEnd(line.text);
			if (end < 0) throw new YamlError(`expected "key: value", got "${line.text}"`, line.n);
			const key = unquoteKey(line.text.slice(0, end), line.n);
			if (key in result) throw new YamlError(`duplicate key "${key}"`, line.n);
			const rest = line.text.slice(end + 1).trim();
			this.i++;
			result[key] = rest === '' ? this.nestedBlock(indent, true) : this.inlineValue(rest, line);
		}
	}

	private parseSequence(indent: number): YamlValue[] {
		const result: YamlValue[] = [];
		for (;;) {
			const line = this.lines[this.i];
			if (!line || line.indent !== indent || !isSequenceItem(line.text)) {
				if (line && line.indent > indent) throw new YamlError('unexpected indentation', line.n);
				return result;
			}
			const content = line.text.slice(1).trimStart();
			if (content === '') {
				this.i++;
				result.push(this.nestedBlock(indent, false));
			} else if (isSequenceItem(content) || keyEnd(content) >= 0) {
				// "- id: a" starts a mapping (or "- - x" a sequence) at the content's column.
				const column = indent + (line.text.length - content.length);
				this.lines[this.i] = { indent: column, text: content, n: line.n };
				result.push(this.parseBlock(column));
			} else {
				this.i++;
				result.push(this.inlineValue(content, line));
			}
		}
	}
}

/** Parses the YAML subset above; throws YamlError (with a line number) on anything else. */
export function parseYaml(source: string): YamlValue {
	return new BlockParser(toLines(source)).parseDocument();
}

export interface Frontmatter {
	data: { [key: string]: YamlValue };
	body: string;
}

/** Splits `---\n<yaml>\n---\n<body>`; a file without frontmatter has empty data. */
export function splitFrontmatter(source: string): Frontmatter {
	const match = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(source);
	if (!match) return { data: {}, body: source };
	const data = parseYaml(match[1] ?? '');
	if (data !== null && (typeof data !== 'object' || Array.isArray(data))) {
		throw new YamlError('frontmatter must be a mapping', 2);
	}
	return { data: data ?? {}, body: source.slice(match[0].length) };
}
