// The layers of docs/architecture.md, checked on the source: `server/` never imports `lab/`, and
// the pure `core/` imports neither `lab/`, `server/`, the pages nor Node's I/O, and uses no DOM or
// WebRTC global. Read with TypeScript's parser (no type checking), so a word in a comment or a
// string, a property named `document` or a DOM type in a signature is not a finding.

import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const lib = import.meta.dirname;
const root = resolve(lib, '..', '..');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : sourceFiles(path);
		return /\.(ts|js|svelte)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
	});
}

/** Files only tests load: they may read fixtures from disk. */
const testOnly = (path: string) => /(\.test|\.fixture|[/\\]test-fixtures)\.ts$/.test(path);

const rel = (path: string) => relative(root, path).split(sep).join('/');

function parse(path: string): ts.SourceFile {
	return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
}

/** Every module a file loads: imports, re-exports, `import('…')` and `import('…').T` types. */
function importsOf(file: ts.SourceFile): string[] {
	const found: string[] = [];
	const visit = (node: ts.Node) => {
		if (
			(ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
			node.moduleSpecifier &&
			ts.isStringLiteral(node.moduleSpecifier)
		)
			found.push(node.moduleSpecifier.text);
		else if (
			ts.isCallExpression(node) &&
			node.expression.kind === ts.SyntaxKind.ImportKeyword &&
			node.arguments[0] &&
			ts.isStringLiteralLike(node.arguments[0])
		)
			found.push(node.arguments[0].text);
		else if (
			ts.isImportTypeNode(node) &&
			ts.isLiteralTypeNode(node.argument) &&
			ts.isStringLiteral(node.argument.literal)
		)
			found.push(node.argument.literal.text);
		ts.forEachChild(node, visit);
	};
	visit(file);
	return found;
}

/** Where an import lands, as a path from the project root (`src/lib/lab/machine`), or the bare name. */
function target(from: string, specifier: string): string {
	if (specifier.startsWith('.')) return rel(resolve(dirname(from), specifier));
	if (specifier === '$lib' || specifier.startsWith('$lib/'))
		return `src/lib${specifier.slice('$lib'.length)}`;
	return specifier;
}

const under = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

/** Globals that exist only in a browser page (DOM, WebRTC, media, storage, network) or in Node. */
const PLATFORM_GLOBALS = new Set([
	// DOM and the page
	'window',
	'document',
	'navigator',
	'location',
	'history',
	'localStorage',
	'sessionStorage',
	'indexedDB',
	'getComputedStyle',
	'matchMedia',
	'requestAnimationFrame',
	'HTMLElement',
	'Element',
	'customElements',
	'DOMParser',
	// WebRTC and media
	'RTCPeerConnection',
	'RTCSessionDescription',
	'RTCIceCandidate',
	'RTCDataChannel',
	'RTCRtpSender',
	'RTCRtpReceiver',
	'MediaStream',
	'MediaStreamTrack',
	'MediaRecorder',
	'AudioContext',
	// network I/O
	'fetch',
	'XMLHttpRequest',
	'WebSocket',
	'BroadcastChannel',
	'EventSource',
	'Worker',
	// Node
	'process',
	'Buffer',
	'require',
	'__dirname',
	'__filename'
]);
/** `globalThis.document` is `document`. */
const GLOBAL_OBJECTS = new Set(['globalThis', 'self', 'window']);

/** Names a file declares itself (a parameter called `location` is not the global). */
function declaredNames(file: ts.SourceFile): Set<string> {
	const names = new Set<string>();
	const visit = (node: ts.Node) => {
		if (
			(ts.isVariableDeclaration(node) ||
				ts.isParameter(node) ||
				ts.isBindingElement(node) ||
				ts.isFunctionDeclaration(node) ||
				ts.isClassDeclaration(node) ||
				ts.isEnumDeclaration(node) ||
				ts.isImportSpecifier(node) ||
				ts.isImportClause(node) ||
				ts.isNamespaceImport(node)) &&
			node.name &&
			ts.isIdentifier(node.name)
		)
			names.add(node.name.text);
		ts.forEachChild(node, visit);
	};
	visit(file);
	return names;
}

/** Each use of a platform global in running code (types, property names and comments aside). */
function platformGlobalsIn(file: ts.SourceFile): string[] {
	const own = declaredNames(file);
	const found: string[] = [];
	const line = (node: ts.Node) => file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
	const visit = (node: ts.Node): void => {
		// Types vanish at run time: `(pc: RTCPeerConnection) => …` uses no global.
		if (
			ts.isTypeNode(node) ||
			ts.isInterfaceDeclaration(node) ||
			ts.isTypeAliasDeclaration(node) ||
			(ts.isImportDeclaration(node) && node.importClause?.isTypeOnly)
		)
			return;
		if (ts.isPropertyAccessExpression(node)) {
			const { expression, name } = node;
			if (
				ts.isIdentifier(expression) &&
				GLOBAL_OBJECTS.has(expression.text) &&
				!own.has(expression.text) &&
				PLATFORM_GLOBALS.has(name.text)
			)
				found.push(`${name.text} (line ${line(node)})`);
			// `x.document` is a property, not the global; look at `x` only.
			visit(expression);
			return;
		}
		if (ts.isIdentifier(node)) {
			const parent = node.parent;
			const isName =
				(ts.isPropertyAssignment(parent) ||
					ts.isPropertyDeclaration(parent) ||
					ts.isMethodDeclaration(parent) ||
					ts.isPropertySignature(parent) ||
					ts.isGetAccessor(parent) ||
					ts.isSetAccessor(parent) ||
					ts.isEnumMember(parent)) &&
				parent.name === node;
			if (!isName && !own.has(node.text) && PLATFORM_GLOBALS.has(node.text))
				found.push(`${node.text} (line ${line(node)})`);
			return;
		}
		ts.forEachChild(node, visit);
	};
	visit(file);
	return found;
}

const NODE_MODULES = new Set([...builtinModules, 'ws', 'werift']);
const isNodeIo = (specifier: string) =>
	specifier.startsWith('node:') || NODE_MODULES.has(specifier.split('/')[0]!);

// Reading every file of two folders takes seconds when the whole suite shares 2 busy cores.
describe('layers (docs/architecture.md)', { timeout: 30_000 }, () => {
	const serverFiles = sourceFiles(join(lib, 'server'));
	const coreFiles = sourceFiles(join(lib, 'core'));
	// Parsed once, while the tests are collected (no test timeout: a loaded machine takes seconds).
	const parsed = new Map([...serverFiles, ...coreFiles].map((path) => [path, parse(path)]));

	it('finds the folders it guards', () => {
		expect(serverFiles.length).toBeGreaterThan(10);
		expect(coreFiles.length).toBeGreaterThan(10);
	});

	it('server/ never imports lab/', () => {
		const crossings = serverFiles.flatMap((path) =>
			importsOf(parsed.get(path)!)
				.map((specifier) => target(path, specifier))
				.filter((to) => under(to, 'src/lib/lab'))
				.map((to) => `${rel(path)} imports ${to}`)
		);
		expect(crossings).toEqual([]);
	});

	it('core/ imports no outer layer, and its product code no Node I/O', () => {
		const outer = [
			'src/lib/lab',
			'src/lib/server',
			'src/lib/peers',
			'src/lib/components',
			'src/routes'
		];
		const crossings = coreFiles.flatMap((path) =>
			importsOf(parsed.get(path)!)
				.filter((specifier) => {
					const to = target(path, specifier);
					return (
						outer.some((folder) => under(to, folder)) ||
						to.startsWith('$app/') ||
						(!testOnly(path) && isNodeIo(specifier))
					);
				})
				.map((specifier) => `${rel(path)} imports ${specifier}`)
		);
		expect(crossings).toEqual([]);
	});

	it('core/ uses no DOM, WebRTC or Node global', () => {
		const uses = coreFiles
			.filter((path) => !testOnly(path))
			.flatMap((path) => platformGlobalsIn(parsed.get(path)!).map((use) => `${rel(path)}: ${use}`));
		expect(uses).toEqual([]);
	});
});

describe('the checks themselves', () => {
	const source = (text: string) => ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true);

	it('sees static, type-only, re-exported and dynamic imports', () => {
		const file = source(
			"import a from './a';\nimport type { B } from '$lib/lab/b';\nexport * from './c';\n" +
				"const d = await import('./d');\ntype E = import('./e').E;"
		);
		expect(importsOf(file)).toEqual(['./a', '$lib/lab/b', './c', './d', './e']);
	});

	it('finds globals in code, not in types, property names, own names or comments', () => {
		const file = source(
			[
				'// document.title in a comment',
				"const note = 'window.open in a string';",
				'function f(pc: RTCPeerConnection, location: string) { return location + pc; }',
				'const o = { document: 1, navigator: 2 };',
				'o.document;',
				'const a = document.title;',
				'const b = new RTCPeerConnection();',
				'const c = globalThis.WebSocket;',
				'const d = { fetch };'
			].join('\n')
		);
		expect(platformGlobalsIn(file)).toEqual([
			'document (line 6)',
			'RTCPeerConnection (line 7)',
			'WebSocket (line 8)',
			'fetch (line 9)'
		]);
	});
});
