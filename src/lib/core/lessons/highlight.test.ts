import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { highlight, isHighlighted, TOKEN_KINDS, type Token, type TokenKind } from './highlight';

/** The texts of the tokens of one kind, in order. */
const of = (tokens: Token[], kind: TokenKind) =>
	tokens.filter((token) => token.kind === kind).map((token) => token.text);

/** The tokens without whitespace-only plain tokens, as `kind:text`. */
const pairs = (tokens: Token[]) =>
	tokens
		.filter((token) => !(token.kind === 'plain' && token.text.trim() === ''))
		.map((token) => `${token.kind}:${token.text}`);

const LANGS = ['js', 'ts', 'json', 'sdp', 'sh', 'bash', 'text', 'mermaid', '', 'cobol'];

describe('javascript and typescript', () => {
	// Lesson 1's first snippet.
	const snippet = [
		"const pc = new RTCPeerConnection({ iceServers: [] });",
		"const channel = pc.createDataChannel('chat');",
		"channel.onopen = () => channel.send('hello');",
		'const stream = await navigator.mediaDevices.getUserMedia({ audio: true });'
	].join('\n');

	test('keywords, names, calls, strings and punctuation', () => {
		const tokens = highlight(snippet, 'js');
		expect(of(tokens, 'keyword')).toEqual(['const', 'new', 'const', 'const', 'await', 'true']);
		expect(of(tokens, 'string')).toEqual(["'chat'", "'hello'"]);
		expect(of(tokens, 'function')).toEqual([
			'RTCPeerConnection',
			'createDataChannel',
			'send',
			'getUserMedia'
		]);
		expect(of(tokens, 'name')).toContain('iceServers');
		expect(pairs(highlight('() => x', 'js'))).toEqual(['punctuation:()', 'punctuation:=>', 'name:x']);
	});

	test('comments, numbers and template literals', () => {
		const tokens = highlight(
			'// Audio: a 440 Hz tone\nconst f = 440 + 0x1F + 1_000 + 3.14 + .5 + 1e-9 + 10n; /* done */\n' +
				'const ws = new WebSocket(`ws://${location.host}/signal`);',
			'javascript'
		);
		expect(of(tokens, 'comment')).toEqual(['// Audio: a 440 Hz tone', '/* done */']);
		expect(of(tokens, 'number')).toEqual(['440', '0x1F', '1_000', '3.14', '.5', '1e-9', '10n']);
		expect(of(tokens, 'string')).toEqual(['`ws://${location.host}/signal`']);
	});

	test('a slash is a regex where an operand is expected and a division after one', () => {
		const tokens = highlight("if (/^a=candidate:/m.test(line)) x = a / b / 2; s = '/*';", 'js');
		expect(of(tokens, 'string')).toEqual(['/^a=candidate:/m', "'/*'"]);
		expect(of(tokens, 'comment')).toEqual([]);
		expect(pairs(highlight('[/[/*]/g]', 'js'))).toEqual([
			'punctuation:[',
			'string:/[/*]/g',
			'punctuation:]'
		]);
	});

	test('escapes stay inside their string; an unterminated string or comment runs on', () => {
		expect(of(highlight(String.raw`say('it\'s', "a \"b\"")`, 'js'), 'string')).toEqual([
			String.raw`'it\'s'`,
			String.raw`"a \"b\""`
		]);
		expect(of(highlight("x = 'open\ny", 'js'), 'string')).toEqual(["'open"]);
		expect(pairs(highlight('a /* never closed\nconst', 'js'))).toEqual([
			'name:a',
			'comment:/* never closed\nconst'
		]);
	});

	test('typescript adds its keywords; javascript leaves them names', () => {
		const code = 'interface Offer { type: string }\nconst n: number = 1 as number;';
		expect(of(highlight(code, 'ts'), 'keyword')).toEqual([
			'interface',
			'type',
			'string',
			'const',
			'number',
			'as',
			'number'
		]);
		expect(of(highlight(code, 'js'), 'keyword')).toEqual(['const']);
		expect(of(highlight('signaling.send({ type: "offer" })', 'js'), 'keyword')).toEqual([]);
	});
});

describe('sdp', () => {
	// Lesson 4's session section and an audio section (RFC 8866 line types).
	const sdp = [
		'v=0',
		'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
		'a=group:BUNDLE 0 1',
		'm=audio 9 UDP/TLS/RTP/SAVPF 111 63',
		'a=rtpmap:111 opus/48000/2',
		'a=fmtp:111 minptime=10;useinbandfec=1',
		'a=fingerprint:sha-256 4F:1A:C2',
		'a=rtcp-mux',
		'a=candidate:1467250027 1 udp 2122260223 192.168.1.23 54400 typ host generation 0'
	].join('\r\n');

	test('line types, attribute names, values and numbers', () => {
		const tokens = highlight(sdp, 'sdp');
		expect(of(tokens, 'keyword').filter((word) => word.length === 1)).toEqual([
			'v',
			'o',
			'a',
			'm',
			'a',
			'a',
			'a',
			'a',
			'a'
		]);
		expect(of(tokens, 'attribute')).toEqual([
			'group',
			'rtpmap',
			'fmtp',
			'fingerprint',
			'rtcp-mux',
			'candidate'
		]);
		expect(pairs(highlight('a=rtpmap:111 opus/48000/2', 'sdp'))).toEqual([
			'keyword:a',
			'punctuation:=',
			'attribute:rtpmap',
			'punctuation::',
			'number:111',
			'plain: opus',
			'punctuation:/',
			'number:48000',
			'punctuation:/',
			'number:2'
		]);
		expect(of(tokens, 'number')).toContain('127.0.0.1');
		// A fingerprint's hex is not a number.
		expect(of(tokens, 'number')).not.toContain('4');
	});

	test('an ICE candidate: its named fields, with or without a=', () => {
		const line = 'candidate:1 1 udp 2122260223 192.168.1.23 54400 typ srflx raddr 10.0.0.2 rport 9';
		for (const code of [line, `a=${line}`]) {
			const tokens = highlight(code, 'sdp');
			expect(of(tokens, 'attribute')).toEqual(['candidate']);
			expect(of(tokens, 'keyword').filter((word) => word !== 'a')).toEqual([
				'typ',
				'raddr',
				'rport'
			]);
			expect(of(tokens, 'number')).toEqual([
				'1',
				'1',
				'2122260223',
				'192.168.1.23',
				'54400',
				'10.0.0.2',
				'9'
			]);
		}
	});
});

describe('shell', () => {
	test('commands, flags, strings, variables and comments', () => {
		const tokens = highlight(
			'npx wscat -c ws://localhost:3000/signal # two terminals\n' +
				'PORT=3000 echo "hi $USER" \'x\' | grep -v --count foo 2>&1 && sudo ls ${HOME}',
			'sh'
		);
		expect(of(tokens, 'function')).toEqual(['npx', 'echo', 'grep', 'ls']);
		expect(of(tokens, 'attribute')).toEqual(['-c', '-v', '--count']);
		expect(of(tokens, 'string')).toEqual(['"hi $USER"', "'x'"]);
		expect(of(tokens, 'comment')).toEqual(['# two terminals']);
		expect(of(tokens, 'name')).toEqual(['PORT=3000', '${HOME}']);
		expect(of(tokens, 'keyword')).toEqual(['sudo']);
		expect(of(tokens, 'number')).toEqual(['2', '1']);
	});

	test('keywords, and a # inside a word is not a comment', () => {
		const tokens = highlight('if true; then echo a#b; fi', 'bash');
		expect(of(tokens, 'keyword')).toEqual(['if', 'then', 'fi']);
		expect(of(tokens, 'function')).toEqual(['true', 'echo']);
		expect(of(tokens, 'comment')).toEqual([]);
	});
});

describe('json', () => {
	test('keys, strings, numbers and literals', () => {
		const tokens = highlight(
			'{"type": "join", "room": "demo", "n": -1.5e3, "ok": true, "to": null, "a": [1, "b"]}',
			'json'
		);
		expect(of(tokens, 'attribute')).toEqual([
			'"type"',
			'"room"',
			'"n"',
			'"ok"',
			'"to"',
			'"a"'
		]);
		expect(of(tokens, 'string')).toEqual(['"join"', '"demo"', '"b"']);
		expect(of(tokens, 'number')).toEqual(['-1.5e3', '1']);
		expect(of(tokens, 'keyword')).toEqual(['true', 'null']);
	});
});

describe('every language', () => {
	test('unknown languages and plain text give one plain token; empty code gives none', () => {
		for (const lang of ['text', '', 'cobol', 'mermaid', 'constructor', '__proto__']) {
			expect(highlight('const a = 1;', lang)).toEqual([{ text: 'const a = 1;', kind: 'plain' }]);
			expect(isHighlighted(lang)).toBe(false);
		}
		for (const lang of LANGS) expect(highlight('', lang)).toEqual([]);
	});

	test('language tags are case-insensitive and have their usual aliases', () => {
		for (const lang of ['JS', 'JavaScript', 'typescript', 'shell', 'Bash', 'zsh', 'SDP', 'jsonc']) {
			expect(isHighlighted(lang)).toBe(true);
		}
		expect(highlight('const x', 'JavaScript')[0]).toEqual({ text: 'const', kind: 'keyword' });
	});

	test('markup in code stays text, token by token', () => {
		const attack = '</script><img src=x onerror="alert(1)"><script>alert(`x`)</script>\n<!-- a=1 -->';
		for (const lang of LANGS) {
			const tokens = highlight(attack, lang);
			expect(tokens.map((token) => token.text).join('')).toBe(attack);
			for (const token of tokens) expect(TOKEN_KINDS).toContain(token.kind);
		}
		expect(of(highlight(attack, 'sh'), 'string')).toEqual(['"alert(1)"', '`x`']);
	});

	// A UTF-16 string of any code units, lone surrogates included.
	const anyUnits = fc.string({
		unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit))
	});
	// Fragments that open, close and nest the constructs of every grammar.
	const fragments = fc
		.array(
			fc.constantFrom(
				...[`'`, '"', '`', '/', '/*', '*/', '//', '#', '\\', '\n', '\r\n', ' ', '\t', '$', '${'],
				...['$(', '(', ')', '[', ']', '{', '}', ':', '=', 'a=', 'v=', 'candidate:', '-', '--x'],
				...['0x', '1.2', '1e', '10n', 'if', 'const', 'typ', '|', '&&', '2>&1', 'é', '😀', '\ud800']
			),
			{ maxLength: 60 }
		)
		.map((parts) => parts.join(''));

	test('law: the tokens spell the input exactly, with no empty token, in every language', () => {
		fc.assert(
			fc.property(fc.oneof(anyUnits, fragments, fc.string()), fc.constantFrom(...LANGS), (code, lang) => {
				const tokens = highlight(code, lang);
				expect(tokens.map((token) => token.text).join('')).toBe(code);
				for (const token of tokens) {
					expect(token.text).not.toBe('');
					expect(TOKEN_KINDS).toContain(token.kind);
				}
			}),
			{ numRuns: 1000 }
		);
	});

	test('law: neighbours never share a kind (they were merged)', () => {
		fc.assert(
			fc.property(fragments, fc.constantFrom(...LANGS), (code, lang) => {
				const tokens = highlight(code, lang);
				for (let k = 1; k < tokens.length; k++) {
					expect(tokens[k]?.kind).not.toBe(tokens[k - 1]?.kind);
				}
			})
		);
	});

	// Inputs that would make a backtracking tokenizer quadratic or worse: long unterminated
	// strings, comments, regexes and classes, and long runs a rule scans before failing (digits
	// and dots before a lookahead, a name before `=` or `:`). Each is its own test under Vitest's
	// default timeout (5 s); a linear pass takes milliseconds, a quadratic one minutes.
	const size = 200_000;
	const repeat = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
	const units = ["'", '"\\', '`\\`', '/*', '/[', 'a=x', 'x:', '1.1', '${', 'A=', '\ud800'];
	const adversarial: [string, string][] = [
		...units.map((unit): [string, string] => [JSON.stringify(unit), repeat(unit)]),
		['/ then \\[', '/' + repeat('\\[')],
		['a= then -', 'a=' + repeat('-')],
		['digits then x', repeat('1') + 'x'],
		['a name then :', repeat('a') + ':']
	];
	const cases = ['js', 'json', 'sdp', 'sh'].flatMap((lang) =>
		adversarial.map(([name, input]) => ({ lang, name, input }))
	);
	test.for(cases)('200 KB of $name in $lang finishes (linear time)', ({ lang, input }) => {
		let length = 0;
		for (const token of highlight(input, lang)) length += token.text.length;
		expect(length).toBe(input.length);
	});
});
