// The command-line scripts in scripts/ (start.js, node-peer.js and what they share, scripts/cli.js):
// here because Vitest runs src/**/*.test.ts. Bad flags are spawned for real; they must fail
// before anything is built, so these tests need no build.

import { spawnSync } from 'node:child_process';
import {
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	statSync,
	utimesSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	loadOrCreateSecret,
	nodePeerCommand,
	origin,
	parseFlags,
	parseProbeArgs,
	siteBuildState,
	startCommand,
	UsageError,
	urlHost
} from '../../../scripts/cli.js';

const root = join(import.meta.dirname, '..', '..', '..');

const run = (script: string, args: string[]) =>
	spawnSync(process.execPath, [join(root, 'scripts', script), ...args], {
		cwd: root,
		encoding: 'utf8',
		timeout: 15_000,
		env: { ...process.env, PORT: '1', TURN: '0' }
	});

describe('flags', () => {
	it.each([
		['start.js', ['--lna'], "'--lna'"],
		['start.js', ['--lan=yes'], "'--lan'"],
		['start.js', ['lan'], "'lan'"],
		['node-peer.js', ['--rom', 'class-3'], "'--rom'"],
		['node-peer.js', ['--room'], "'--room"],
		['node-peer.js', ['--room', 'class-3', '--noecho'], "'--noecho'"],
		['probe.js', ['--ulr', 'http://127.0.0.1:3000'], "'--ulr'"],
		['probe.js', ['--cases', '1,11'], '--cases 1,11'],
		['probe.js', ['--url', 'ws://127.0.0.1:3000'], '--url ws://'],
		['probe.js', ['--profile=strict'], '--profile strict']
	])('%s %j: names the flag, prints the usage, exits 2 before building', (script, args, named) => {
		const result = run(script, args);
		expect(result.status).toBe(2);
		expect(result.stderr).toContain(named);
		expect(result.stderr).toContain('Usage:');
		expect(result.stdout).toBe('');
	});

	it('node-peer.js without a room says so', () => {
		const result = run('node-peer.js', []);
		expect(result.status).toBe(2);
		expect(result.stderr).toMatch(/--room <id>/);
	});

	it.each(['start.js', 'node-peer.js', 'probe.js'])(
		'%s --help prints the usage and exits 0',
		(script) => {
			const result = run(script, ['--help']);
			expect(result.status).toBe(0);
			expect(result.stdout).toMatch(/^Usage: /);
		}
	);

	it('takes --name value and --name=value', () => {
		expect(parseFlags(nodePeerCommand, ['--room', 'class-3'])).toMatchObject({ room: 'class-3' });
		expect(parseFlags(nodePeerCommand, ['--room=class-3', '--url=ws://[::1]:3000/signal'])).toEqual(
			{ room: 'class-3', url: 'ws://[::1]:3000/signal' }
		);
		expect(parseFlags(nodePeerCommand, ['--no-echo', '--room', 'x'])).toEqual({
			room: 'x',
			'no-echo': true
		});
		expect(parseFlags(startCommand, ['--lan', '--https'])).toEqual({ lan: true, https: true });
		expect(() => parseFlags(startCommand, ['--htps'])).toThrow(UsageError);
	});

	it('reads the probe flags', () => {
		expect(parseProbeArgs([], {})).toEqual({
			help: false,
			url: 'http://127.0.0.1:3000',
			cases: undefined,
			idleWaitMs: 45_000,
			profile: 'auto'
		});
		expect(
			parseProbeArgs(['--url=http://[::1]:3001', '--cases', '1, 7,10', '--idle-wait=5'])
		).toMatchObject({ url: 'http://[::1]:3001', cases: [1, 7, 10], idleWaitMs: 5_000 });
		expect(parseProbeArgs([], { PORT: '3001' }).url).toBe('http://127.0.0.1:3001');
		expect(() => parseProbeArgs(['--idle-wait', 'soon'])).toThrow(/--idle-wait soon/);
	});
});

describe('siteBuildState', () => {
	let dir = '';
	const past = new Date(Date.now() - 3_600_000);
	const file = (path: string, time = past) => {
		mkdirSync(dirname(join(dir, path)), { recursive: true });
		writeFileSync(join(dir, path), '');
		utimesSync(join(dir, path), time, time);
	};
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'webrtc-lab-start-'));
		for (const path of [
			'src/routes/+page.svelte',
			'messages/en.json',
			'project.inlang/settings.json',
			'project.inlang/.meta.json'
		])
			file(path);
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	it('is missing without build/handler.js, current when it is newer than every source', () => {
		expect(siteBuildState(dir)).toBe('missing');
		file('build/handler.js', new Date());
		expect(siteBuildState(dir)).toBe('current');
	});

	it.each([
		'messages/zh-CN.json',
		'messages/en.json',
		'project.inlang/settings.json',
		'src/app.css'
	])('is stale once %s changed after the build', (path) => {
		file('build/handler.js', new Date(Date.now() - 60_000));
		file(path, new Date());
		expect(siteBuildState(dir)).toBe('stale');
	});

	it('ignores the files inlang rewrites itself (git ignores them)', () => {
		file('build/handler.js', new Date(Date.now() - 60_000));
		file('project.inlang/.meta.json', new Date());
		expect(siteBuildState(dir)).toBe('current');
	});
});

describe('printed URLs', () => {
	it.each([
		['127.0.0.1', 'http://127.0.0.1:3103'],
		['localhost', 'http://localhost:3103'],
		['::1', 'http://[::1]:3103'],
		['fe80::1%eth0', 'http://[fe80::1%eth0]:3103'],
		['[::1]', 'http://[::1]:3103']
	])('%s', (host, url) => {
		expect(origin('http', host, 3103)).toBe(url);
	});

	it('start.js prints every URL through origin() (IPv6 in brackets)', () => {
		const source = readFileSync(join(root, 'scripts', 'start.js'), 'utf8');
		// A URL built by hand: `${protocol}://${host}`
		expect(source).not.toMatch(/:\/\/\$\{/);
		expect(source).not.toMatch(/`\$\{ip\}:/);
		expect(urlHost('10.0.0.2')).toBe('10.0.0.2');
	});
});

describe('the signaling secret kept between runs', () => {
	let dir: string;
	beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'lab-secret-'))));
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	it('is made once, private, and the same at the next start', () => {
		const file = join(dir, '.cert', 'signal-secret');
		const first = loadOrCreateSecret(file);
		expect(first.length).toBeGreaterThanOrEqual(32);
		expect(statSync(file).mode & 0o777).toBe(0o600);
		expect(loadOrCreateSecret(file)).toBe(first);
	});

	it('replaces a file too short to be a secret', () => {
		const file = join(dir, 'signal-secret');
		writeFileSync(file, 'x\n');
		expect(loadOrCreateSecret(file)).not.toBe('x');
		expect(readFileSync(file, 'utf8').trim().length).toBeGreaterThanOrEqual(32);
	});
});
