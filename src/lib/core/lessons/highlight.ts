/**
 * Syntax highlighting for the lessons' code fences, as tokens. Pure: Markdown.svelte renders
 * each token as a text node in a `<span class="tok-<kind>">`, so code is always text, never HTML.
 *
 * Each language is a grammar: a table of states, each a list of rules tried in order at the
 * current position (a regular expression without flags or backreferences, the kind of token it
 * makes, the state it leads to). The engine is small and generic; languages are data.
 *
 * Laws (highlight.test.ts): the token texts joined are exactly the input, no token is empty, and
 * the work is linear in the input. Every rule either always succeeds once its first character
 * matches (strings and comments run to the end of the input when unterminated), or, when it fails
 * after scanning ahead, the rule that then matches consumes at least what it scanned. Repeated
 * groups are unrolled (`'[^'\\]*(?:\\.[^'\\]*)*'?`): each character can be read only one way,
 * so no pattern backtracks catastrophically.
 */

export type TokenKind =
	| 'keyword'
	| 'string'
	| 'number'
	| 'comment'
	| 'punctuation'
	| 'name'
	| 'function'
	| 'attribute'
	| 'plain';

export interface Token {
	text: string;
	kind: TokenKind;
}

export const TOKEN_KINDS: readonly TokenKind[] = [
	'keyword',
	'string',
	'number',
	'comment',
	'punctuation',
	'name',
	'function',
	'attribute',
	'plain'
];

interface Rule {
	/** Never matches the empty string. */
	pattern: RegExp;
	kind: TokenKind | ((text: string) => TokenKind);
	/** The state after this token (default: stay). */
	next?: string | ((text: string) => string);
}

interface Grammar {
	start: string;
	states: Record<string, readonly Rule[]>;
	/** When no rule of a state matches, try this state at the same position instead. */
	otherwise?: Record<string, string>;
	/** A last pass over the tokens, e.g. a name right before `(` is a function being called. */
	retag?: (spans: Span[], code: string) => void;
}

interface Span {
	start: number;
	end: number;
	kind: TokenKind;
}

function rule(pattern: RegExp, kind: Rule['kind'], next?: Rule['next']): Rule {
	return { pattern, kind, next };
}

/**
 * A state's rules as one sticky alternation `(rule1)|(rule2)|…`: one regex run per token instead
 * of one per rule. Alternatives are tried in order, so the first rule that matches wins, as in
 * the table. `groups[k]` is the capture group of rule k.
 */
interface CompiledState {
	pattern: RegExp;
	rules: readonly Rule[];
	groups: number[];
}

const compiled = new WeakMap<readonly Rule[], CompiledState>();

function compile(rules: readonly Rule[]): CompiledState {
	let state = compiled.get(rules);
	if (state !== undefined) return state;
	const groups: number[] = [];
	let group = 1;
	for (const { pattern } of rules) {
		groups.push(group);
		// The wrapping group and the rule's own: with an empty alternative added the pattern
		// matches '', and exec's array has one entry per group (plus the whole match).
		group += new RegExp(`${pattern.source}|`).exec('')?.length ?? 1;
	}
	const source = rules.map(({ pattern }) => `(${pattern.source})`).join('|');
	state = { pattern: new RegExp(source || '(?!)', 'y'), rules, groups };
	compiled.set(rules, state);
	return state;
}

const words = (list: string) => new Set(list.split(/\s+/).filter(Boolean));

// ---------------------------------------------------------------------------------------------
// JavaScript and TypeScript

const JS_KEYWORDS = words(`
	async await break case catch class const continue debugger default delete do else export
	extends false finally for from function if import in instanceof let new null of return static
	super switch this throw true try typeof undefined var void while with yield`);

const TS_KEYWORDS = new Set([
	...JS_KEYWORDS,
	...words(`
	abstract any as asserts bigint boolean declare enum implements infer interface is keyof
	namespace never number object private protected public readonly satisfies string symbol type
	unique unknown`)
]);

/** Identifier characters: ASCII, and any BMP letter outside the surrogate range. */
const IDENT = /[A-Za-z_$\u00aa-\ud7ff\ue000-\uffff][\w$\u00aa-\ud7ff\ue000-\uffff]*/;

/** Keywords that end an operand, like a name does: after them `/` divides. */
const VALUE_KEYWORDS = words('this super true false null undefined');

/**
 * Two states tell a regular expression from a division: `/` starts a regex literal where an
 * operand is expected (`expr`: after `(`, `=`, `return` …) and divides after one (`after`: after
 * a name, a number, a string, `)` or `]`).
 */
function scriptGrammar(keywords: Set<string>): Grammar {
	const afterWord = (word: string) =>
		keywords.has(word) && !VALUE_KEYWORDS.has(word) ? 'expr' : 'after';
	const shared = (regex: Rule[]): Rule[] => [
		rule(/\s+/, 'plain'),
		// // a line comment
		rule(/\/\/[^\n]*/, 'comment'),
		// /* a block comment, to the end of the input if unterminated */
		rule(/\/\*[\s\S]*?(?:\*\/|$)/, 'comment'),
		...regex,
		// 'chat', "chat", `ws://${location.host}/signal` (the whole template is the string)
		rule(/'[^'\\\n]*(?:\\[\s\S][^'\\\n]*)*'?/, 'string', 'after'),
		rule(/"[^"\\\n]*(?:\\[\s\S][^"\\\n]*)*"?/, 'string', 'after'),
		rule(/`[^`\\]*(?:\\[\s\S][^`\\]*)*`?/, 'string', 'after'),
		// 440, 0x1F, 1_000, 3.14, .5, 1e-9, 10n
		rule(
			/(?:0[xXoObB][\da-fA-F_]+|(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)n?/,
			'number',
			'after'
		),
		rule(IDENT, (word) => (keywords.has(word) ? 'keyword' : 'name'), afterWord),
		// => ?. ?? ... one character at a time, so `a=//x` still finds its comment
		rule(/[{}()[\];,.:?!=<>+\-*/%&|^~@#]/, 'punctuation', (c) =>
			c === ')' || c === ']' ? 'after' : 'expr'
		)
	];
	return {
		start: 'expr',
		states: {
			// /^a=candidate:/m, /\d+/g (a regex literal: classes, escapes and flags)
			expr: shared([
				rule(
					/\/(?![*/])[^/\\[\n]*(?:(?:\\.|\[[^\]\\\n]*(?:\\.[^\]\\\n]*)*\]?)[^/\\[\n]*)*\/?[dgimsuvy]*/,
					'string',
					'after'
				)
			]),
			after: shared([])
		},
		retag: (spans, code) => {
			// pc.createOffer(): a name right before `(` is a call.
			for (const span of spans) {
				if (span.kind === 'name' && code[span.end] === '(') span.kind = 'function';
			}
		}
	};
}

// ---------------------------------------------------------------------------------------------
// JSON

const jsonGrammar: Grammar = {
	start: 'json',
	states: {
		json: [
			rule(/\s+/, 'plain'),
			rule(/"[^"\\\n]*(?:\\[\s\S][^"\\\n]*)*"?/, 'string'),
			// -1, 0.5, 6e4
			rule(/-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/, 'number'),
			rule(/[A-Za-z_$][\w$]*/, (word) =>
				word === 'true' || word === 'false' || word === 'null' ? 'keyword' : 'plain'
			),
			rule(/[{}[\],:]/, 'punctuation'),
			// JSON with comments (tsconfig.json, VS Code settings)
			rule(/\/\/[^\n]*/, 'comment'),
			rule(/\/\*[\s\S]*?(?:\*\/|$)/, 'comment')
		]
	},
	retag: (spans, code) => {
		// {"type": "offer"}: a string before `:` is a key.
		for (let k = 0; k < spans.length; k++) {
			const span = spans[k] as Span;
			if (span.kind !== 'string') continue;
			let after = spans[k + 1];
			if (after?.kind === 'plain' && /^\s+$/.test(code.slice(after.start, after.end))) {
				after = spans[k + 2];
			}
			if (after !== undefined && code[after.start] === ':') span.kind = 'attribute';
		}
	}
};

// ---------------------------------------------------------------------------------------------
// SDP (RFC 8866): one `<type>=<value>` per line; `a=` lines carry `name[:value]` attributes.

/** Named fields of an ICE candidate (RFC 8839 §5.1) and of its common extensions. */
const CANDIDATE_FIELDS = words('typ raddr rport tcptype generation ufrag network-id network-cost');

const SDP_NEWLINE = rule(/\r?\n/, 'plain', 'line');

const sdpGrammar: Grammar = {
	start: 'line',
	states: {
		line: [
			SDP_NEWLINE,
			// a=rtpmap:111 opus/48000/2
			rule(/a(?==)/, 'keyword', 'attributeEquals'),
			// v=0, o=- 4611731400430051336 2 IN IP4 127.0.0.1, m=audio 9 UDP/TLS/RTP/SAVPF 111
			rule(/[a-z](?==)/, 'keyword', 'equals'),
			// candidate:1467250027 1 udp 2122260223 192.168.1.23 54400 typ host (an attribute alone,
			// as RTCIceCandidate.candidate shows it)
			rule(/[a-z][\w-]*(?=:)/, 'attribute', 'colon')
		],
		attributeEquals: [rule(/=/, 'punctuation', 'attributeName')],
		equals: [rule(/=/, 'punctuation', 'value')],
		// a=sendrecv (a flag) or a=fingerprint:sha-256 4F:1A:…:C2 (a name and a value)
		attributeName: [SDP_NEWLINE, rule(/[\w.-]+/, 'attribute', 'colon')],
		colon: [SDP_NEWLINE, rule(/:/, 'punctuation', 'value')],
		value: [
			SDP_NEWLINE,
			rule(/[ \t]+/, 'plain'),
			// 111, 48000, 127.0.0.1 (but not the 4F of a fingerprint)
			rule(/\d+(?:\.\d+)*(?![\w.])/, 'number'),
			rule(/[A-Za-z0-9_][\w.+-]*/, (word) => (CANDIDATE_FIELDS.has(word) ? 'keyword' : 'plain')),
			rule(/[=:/;,]/, 'punctuation')
		]
	},
	otherwise: {
		line: 'value',
		attributeEquals: 'value',
		equals: 'value',
		attributeName: 'value',
		colon: 'value'
	}
};

// ---------------------------------------------------------------------------------------------
// Shell: a command word, then its arguments; `|`, `;`, `&&` and newlines start a new command.

/** Words after which the next word is again a command (`if grep …`, `sudo apt-get …`). */
const SHELL_PREFIXES = words('if then else elif do while until time sudo exec ! {');
const SHELL_KEYWORDS = new Set([
	...SHELL_PREFIXES,
	...words('fi for in done case esac function select export local readonly declare unset return exit')
]);

const SHELL_COMMON: readonly Rule[] = [
	rule(/\\\r?\n/, 'plain'),
	rule(/\r?\n/, 'plain', 'command'),
	rule(/[ \t]+/, 'plain'),
	// # a comment (a `#` inside a word is part of the word)
	rule(/#[^\n]*/, 'comment'),
	// 'literal', "with $expansions and \" escapes", `command substitution`
	rule(/'[^']*'?/, 'string', 'args'),
	rule(/"[^"\\]*(?:\\[\s\S][^"\\]*)*"?/, 'string', 'args'),
	rule(/`[^`\\]*(?:\\[\s\S][^`\\]*)*`?/, 'string', 'args'),
	rule(/\$\(/, 'punctuation', 'command'),
	// $PORT, ${HOST:-127.0.0.1}, $1, $?
	rule(/\$(?:\{[^}\n]*\}?|[A-Za-z_]\w*|[0-9@#?$!*-])/, 'name', 'args'),
	rule(/\|\||&&|;;|[|;&()]/, 'punctuation', 'command'),
	rule(/[<>]+&?/, 'punctuation'),
	rule(/\\[\s\S]?/, 'plain')
];

const WORD = /[^\s'"`|&;()<>$\\]+/;

const shellGrammar: Grammar = {
	start: 'command',
	states: {
		command: [
			...SHELL_COMMON,
			// PORT=3000 npm start
			rule(/[A-Za-z_]\w*=[^\s'"`|&;()<>$\\]*/, 'name'),
			rule(
				WORD,
				(word) => (SHELL_KEYWORDS.has(word) ? 'keyword' : 'function'),
				(word) => (SHELL_PREFIXES.has(word) ? 'command' : 'args')
			)
		],
		args: [
			...SHELL_COMMON,
			// -c, --port, --strictPort
			rule(/--?[A-Za-z0-9][\w-]*/, 'attribute'),
			// 2>&1's 1, 3000
			rule(/\d+(?:\.\d+)?(?=[\s|&;()<>]|$)/, 'number'),
			rule(WORD, 'plain')
		]
	}
};

// ---------------------------------------------------------------------------------------------

const javascript = scriptGrammar(JS_KEYWORDS);
const typescript = scriptGrammar(TS_KEYWORDS);

/** Fence language tags, lowercased, to grammars. */
const GRAMMARS: Record<string, Grammar> = {
	js: javascript,
	javascript,
	mjs: javascript,
	cjs: javascript,
	jsx: javascript,
	ts: typescript,
	typescript,
	tsx: typescript,
	json: jsonGrammar,
	jsonc: jsonGrammar,
	sdp: sdpGrammar,
	sh: shellGrammar,
	bash: shellGrammar,
	shell: shellGrammar,
	zsh: shellGrammar
};

/** Whether a fence language gets highlighted (anything else is one plain token). */
export function isHighlighted(lang: string): boolean {
	return Object.hasOwn(GRAMMARS, lang.trim().toLowerCase());
}

/**
 * The tokens of `code` in the fence language `lang`. Unknown languages give one plain token; empty
 * code gives no tokens.
 */
export function highlight(code: string, lang: string): Token[] {
	if (code === '') return [];
	const key = lang.trim().toLowerCase();
	const grammar = Object.hasOwn(GRAMMARS, key) ? GRAMMARS[key] : undefined;
	if (grammar === undefined) return [{ text: code, kind: 'plain' }];

	const spans: Span[] = [];
	const push = (start: number, end: number, kind: TokenKind) => {
		const last = spans[spans.length - 1];
		// Neighbours of one kind become one span: fewer elements, same text.
		if (last !== undefined && last.kind === kind) last.end = end;
		else spans.push({ start, end, kind });
	};

	let state = grammar.start;
	let detours = 0;
	let i = 0;
	while (i < code.length) {
		const { pattern, rules, groups } = compile(grammar.states[state] ?? []);
		pattern.lastIndex = i;
		const match = pattern.exec(code);
		const text = match?.[0];
		if (match !== null && text !== undefined && text !== '') {
			let k = 0;
			while (k < groups.length - 1 && match[groups[k] as number] === undefined) k++;
			const { kind, next } = rules[k] as Rule;
			push(i, i + text.length, typeof kind === 'function' ? kind(text) : kind);
			i += text.length;
			state = (typeof next === 'function' ? next(text) : next) ?? state;
			detours = 0;
			continue;
		}
		const otherwise = grammar.otherwise?.[state];
		// A detour does not consume; the bound keeps a cycle of detours from looping forever.
		if (otherwise !== undefined && detours < 8) {
			state = otherwise;
			detours++;
			continue;
		}
		// Nothing matches: one character (a whole code point, never half a surrogate pair) as text.
		const width = (code.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
		push(i, i + width, 'plain');
		i += width;
		detours = 0;
	}

	grammar.retag?.(spans, code);

	// Retagging may have made neighbours of one kind again.
	const tokens: Token[] = [];
	let current: Span | undefined;
	for (const span of spans) {
		if (current !== undefined && current.kind === span.kind) current.end = span.end;
		else {
			if (current !== undefined) tokens.push(toToken(current, code));
			current = { ...span };
		}
	}
	if (current !== undefined) tokens.push(toToken(current, code));
	return tokens;
}

function toToken(span: Span, code: string): Token {
	return { text: code.slice(span.start, span.end), kind: span.kind };
}
