import { expect, it } from 'vitest';
import { coturnConfig } from './coturn';
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
	expect(lines).toContain('no-tcp-relay');
	// coturn 4.6.1 matches every IPv4 peer against a range starting at `::`.
	expect(lines).toContain('denied-peer-ip=::1');
	expect(lines.filter((line) => line.startsWith('denied-peer-ip=::'))).toEqual([
		'denied-peer-ip=::1'
	]);
	expect(lines).toContain('denied-peer-ip=fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff');
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
