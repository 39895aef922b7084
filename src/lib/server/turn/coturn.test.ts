import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	utimesSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { coturnConfig, removeStaleWorkDirs, WORK_DIR_PREFIX } from './coturn';
import { chooseTurnServer, turnListeningIps } from './index';

const options = { listeningIps: ['127.0.0.1', '192.168.1.23'], port: 3478, secret: 's3cret' };

it('writes a REST-API coturn config bound to the lab host', () => {
	const lines = coturnConfig({ ...options, workDir: '/tmp/x' }).split('\n');
	for (const line of [
		'listening-port=3478',
		'listening-ip=127.0.0.1',
		'listening-ip=192.168.1.23',
		'relay-ip=192.168.1.23',
		'use-auth-secret',
		'static-auth-secret=s3cret',
		'realm=webrtc-lab',
		'min-port=49152',
		'max-port=65535',
		'no-tls',
		'no-cli',
		'log-file=stdout',
		'allow-loopback-peers'
	]) {
		expect(lines).toContain(line);
	}
	expect(lines.some((line) => line.startsWith('denied-peer-ip'))).toBe(false);
});

it('denies private, loopback and multicast peers in the hardened profile', () => {
	const lines = coturnConfig({ ...options, profile: 'hardened' }).split('\n');
	expect(lines).toContain('denied-peer-ip=10.0.0.0-10.255.255.255');
	expect(lines).toContain('denied-peer-ip=192.168.0.0-192.168.255.255');
	expect(lines).toContain('denied-peer-ip=127.0.0.0-127.255.255.255');
	expect(lines).toContain('no-multicast-peers');
	expect(lines).toContain('no-loopback-peers');
	expect(lines).not.toContain('allow-loopback-peers');
	expect(lines).toContain('user-quota=12');
	expect(lines).toContain('total-quota=1200');
	expect(lines).toContain('no-tcp-relay');
	// coturn 4.6.1 matches every IPv4 peer against a range starting at `::`, and every peer
	// against `::` alone: neither may appear. ::/96 is written as one box per byte.
	expect(lines).toContain('denied-peer-ip=::1');
	expect(lines.filter((line) => /^denied-peer-ip=::(-|$)/.test(line))).toEqual([]);
	expect(lines).toContain('denied-peer-ip=::2-::255.255.255.255');
	expect(lines).toContain('denied-peer-ip=::1.0.0.0-::255.255.255.255');
	expect(lines).toContain('denied-peer-ip=::ffff:0.0.0.0-::ffff:255.255.255.255');
	expect(lines).toContain('denied-peer-ip=64:ff9b::-64:ff9b::ffff:ffff');
	expect(lines).toContain('denied-peer-ip=2002::-2002:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
	expect(lines).toContain('denied-peer-ip=fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
});

it('gives coturn the allocation quotas of each profile, or the ones asked for', () => {
	const classroom = coturnConfig(options).split('\n');
	expect(classroom).toContain('user-quota=50');
	expect(classroom).toContain('total-quota=2000');
	const lowered = coturnConfig({ ...options, quotas: { perUsername: 2, total: 5 } }).split('\n');
	expect(lowered).toContain('user-quota=2');
	expect(lowered).toContain('total-quota=5');
});

it("removes only the lab's own coturn directories whose processes are all gone", () => {
	const parent = mkdtempSync(join(tmpdir(), 'stale-dirs-test-'));
	try {
		const make = (name: string, files: Record<string, string>) => {
			mkdirSync(join(parent, name));
			for (const [file, text] of Object.entries(files))
				writeFileSync(join(parent, name, file), text);
			return join(parent, name);
		};
		const alivePids = new Set([100, 200]);
		const killedLab = make(`${WORK_DIR_PREFIX}killed`, {
			'lab.pid': '4000\n',
			'turnserver.pid': '4001\n',
			'turnserver.conf': 'static-auth-secret=s3cret\n'
		});
		const runningLab = make(`${WORK_DIR_PREFIX}running`, { 'lab.pid': '100\n' });
		const orphanedCoturn = make(`${WORK_DIR_PREFIX}coturn-alive`, {
			'lab.pid': '4002\n',
			'turnserver.pid': '200\n'
		});
		const justCreated = make(`${WORK_DIR_PREFIX}new`, {});
		const oldUnclaimed = make(`${WORK_DIR_PREFIX}old`, { 'turnserver.conf': 'x' });
		utimesSync(
			oldUnclaimed,
			new Date(Date.now() - 2 * 3600_000),
			new Date(Date.now() - 2 * 3600_000)
		);
		const someoneElse = make('other-program-killed', { 'lab.pid': '4003\n' });
		writeFileSync(join(parent, `${WORK_DIR_PREFIX}a-file`), '4004');

		const removed = removeStaleWorkDirs(parent, (pid) => alivePids.has(pid));
		expect(removed.sort()).toEqual([killedLab, oldUnclaimed].sort());
		expect(existsSync(killedLab)).toBe(false);
		for (const kept of [runningLab, orphanedCoturn, justCreated, someoneElse])
			expect(existsSync(kept), kept).toBe(true);
		expect(existsSync(join(parent, `${WORK_DIR_PREFIX}a-file`))).toBe(true);
	} finally {
		rmSync(parent, { recursive: true, force: true });
	}
});

it('writes nothing that is not `key` or `key=value`, and no secret in the classroom comment', () => {
	for (const profile of ['classroom', 'hardened'] as const) {
		const text = coturnConfig({ ...options, profile });
		for (const line of text.trim().split('\n')) {
			expect(line).toMatch(/^(#.*|[a-z-]+(=\S+)?)$/);
		}
		expect(text.match(/s3cret/g)).toHaveLength(1);
	}
});

it('chooses coturn when it is on PATH or asked for, the embedded server otherwise', () => {
	expect(chooseTurnServer(undefined, null).kind).toBe('embedded');
	expect(chooseTurnServer(undefined, '/usr/bin/turnserver')).toMatchObject({
		kind: 'coturn',
		binary: '/usr/bin/turnserver'
	});
	expect(chooseTurnServer('embedded', '/usr/bin/turnserver').kind).toBe('embedded');
	expect(chooseTurnServer('coturn', null)).toMatchObject({
		kind: 'embedded',
		reason: expect.stringMatching(/not on PATH/)
	});
	expect(chooseTurnServer('/opt/coturn/bin/turnserver', null)).toMatchObject({
		kind: 'coturn',
		binary: '/opt/coturn/bin/turnserver'
	});
});

it('listens where the lab listens', () => {
	expect(turnListeningIps('127.0.0.1', ['192.168.1.23'])).toEqual(['127.0.0.1']);
	expect(turnListeningIps('localhost', [])).toEqual(['127.0.0.1']);
	expect(turnListeningIps('0.0.0.0', ['192.168.1.23'])).toEqual(['127.0.0.1', '192.168.1.23']);
	expect(turnListeningIps('192.168.1.23', ['192.168.1.23'])).toEqual(['192.168.1.23']);
});

it("matches the README's hardened-profile block, line for line", () => {
	const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
	const block = /\*\*Hardened profile[\s\S]*?```ini\n([\s\S]*?)```/.exec(readme)?.[1];
	expect(block, 'the README has a hardened ```ini block').toBeDefined();
	const documented = block!.trim().split('\n');
	const written = coturnConfig({ ...options, profile: 'hardened' }).split('\n');
	for (const line of documented) expect(written, line).toContain(line);
	for (const line of written.filter((line) =>
		/^(denied-peer-ip|user-quota|total-quota|no-)/.test(line)
	))
		if (!['no-tls', 'no-dtls', 'no-cli'].includes(line)) expect(documented, line).toContain(line);
});
