// Sharing on the LAN: which addresses are offered, the self-signed certificate, and signaling
// over wss:// through an HTTPS server that uses it.

import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
	certificateInstructions,
	lanAddresses,
	lanInterfaces,
	lanUrls,
	loadOrCreateCertificate,
	sharedOrigins
} from './lan';
import { attachSignaling } from './signaling';

const v4 = (address: string, internal = false): NetworkInterfaceInfo => ({
	address,
	netmask: '255.255.255.0',
	family: 'IPv4',
	mac: '00:00:00:00:00:00',
	internal,
	cidr: `${address}/24`
});
const v6 = (address: string): NetworkInterfaceInfo => ({
	address,
	netmask: 'ffff:ffff:ffff:ffff::',
	family: 'IPv6',
	mac: '00:00:00:00:00:00',
	internal: false,
	cidr: `${address}/64`,
	scopeid: 0
});

// A teacher's laptop: Docker, a VPN, a VM network, and Wi-Fi listed after them.
const laptop = {
	lo: [v4('127.0.0.1', true)],
	docker0: [v4('172.17.0.1')],
	tun0: [v4('10.8.0.6')],
	vboxnet0: [v4('192.168.56.1')],
	'br-5f2c1a': [v4('172.18.0.1')],
	eth1: [v4('169.254.10.20')],
	wlan0: [v4('192.168.1.23'), v6('fe80::1')],
	eth0: [v4('203.0.113.7')]
};

describe('LAN addresses', () => {
	it('puts real interfaces on private networks first and marks containers, VMs and VPNs', () => {
		expect(lanInterfaces(laptop)).toEqual([
			{ name: 'wlan0', address: '192.168.1.23', virtual: false },
			{ name: 'eth0', address: '203.0.113.7', virtual: false },
			{ name: 'docker0', address: '172.17.0.1', virtual: true },
			{ name: 'tun0', address: '10.8.0.6', virtual: true },
			{ name: 'vboxnet0', address: '192.168.56.1', virtual: true },
			{ name: 'br-5f2c1a', address: '172.18.0.1', virtual: true }
		]);
		// Loopback, IPv6 and link-local addresses are never offered.
		expect(lanAddresses(laptop)).not.toContain('127.0.0.1');
		expect(lanAddresses(laptop)).not.toContain('169.254.10.20');
		expect(lanUrls('https', 3000, ['192.168.1.23'])).toEqual(['https://192.168.1.23:3000/']);
	});

	it('docker0 under another name is still recognised by its default network', () => {
		expect(lanInterfaces({ 'Ethernet 2': [v4('172.17.0.2')] })[0]!.virtual).toBe(true);
	});

	it('tells the room page which origins other devices can use', () => {
		const page = { protocol: 'http:', port: '3000' };
		// --lan in start.js: the list it computed.
		expect(
			sharedOrigins(
				{ LAB_PUBLIC_ORIGINS: 'http://192.168.1.23:3000/, http://10.0.0.5:3000' },
				page,
				laptop
			)
		).toEqual(['http://192.168.1.23:3000', 'http://10.0.0.5:3000']);
		// Listening everywhere without a list (vite dev --host): the real interfaces only.
		expect(sharedOrigins({ HOST: '0.0.0.0' }, page, laptop)).toEqual([
			'http://192.168.1.23:3000',
			'http://203.0.113.7:3000'
		]);
		// Only virtual ones: better than nothing.
		expect(sharedOrigins({ HOST: '::' }, page, { docker0: [v4('172.17.0.1')] })).toEqual([
			'http://172.17.0.1:3000'
		]);
		// Localhost only: nobody else can open it.
		expect(sharedOrigins({ HOST: '127.0.0.1' }, page, laptop)).toEqual([]);
		expect(sharedOrigins({}, page, laptop)).toEqual([]);
	});
});

describe('self-signed certificate (--https)', () => {
	const dir = mkdtempSync(join(tmpdir(), 'webrtc-lab-cert-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('names localhost and the LAN addresses, is cached, and is renewed when a name is missing', async () => {
		const first = await loadOrCreateCertificate(dir, ['localhost', '127.0.0.1', '192.168.1.23']);
		expect(first.created).toBe(true);
		const x509 = new X509Certificate(first.cert);
		expect(x509.subjectAltName).toContain('DNS:localhost');
		expect(x509.subjectAltName).toContain('IP Address:127.0.0.1');
		expect(x509.subjectAltName).toContain('IP Address:192.168.1.23');
		expect(x509.checkPrivateKey((await import('node:crypto')).createPrivateKey(first.key))).toBe(
			true
		);
		const days = (Date.parse(x509.validTo) - Date.now()) / 86_400_000;
		expect(days).toBeGreaterThan(360);
		expect(first.fingerprint).toMatch(/^([0-9A-F]{2}:){19}[0-9A-F]{2}$/i);

		const again = await loadOrCreateCertificate(dir, ['localhost', '192.168.1.23']);
		expect(again).toMatchObject({
			created: false,
			cert: first.cert,
			fingerprint: first.fingerprint
		});

		// The laptop joined another network: a new certificate that names the new address.
		const moved = await loadOrCreateCertificate(dir, ['localhost', '127.0.0.1', '10.0.0.5']);
		expect(moved.created).toBe(true);
		expect(new X509Certificate(moved.cert).subjectAltName).toContain('IP Address:10.0.0.5');
	}, 30_000);

	it('explains how to accept it and how to check the fingerprint', () => {
		const text = certificateInstructions('https://192.168.1.23:3000/', 'AB:CD');
		expect(text).toContain('https://192.168.1.23:3000/');
		expect(text).toContain('AB:CD');
		expect(text).toMatch(/Safari/);
		expect(text).toMatch(/Proceed to/);
	});

	it('serves signaling over wss:// with it', async () => {
		const certificate = await loadOrCreateCertificate(dir, ['localhost', '127.0.0.1']);
		const server = createServer({ key: certificate.key, cert: certificate.cert });
		const signaling = attachSignaling(server, { allowedOrigins: [] });
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		try {
			const ws = new WebSocket(`wss://127.0.0.1:${port}/signal`, { ca: certificate.cert });
			const reply = await new Promise<string>((resolve, reject) => {
				ws.once('open', () => ws.send(JSON.stringify({ type: 'join', room: 'tls' })));
				ws.once('message', (data) => resolve(String(data)));
				ws.once('error', reject);
			});
			expect(JSON.parse(reply)).toMatchObject({ type: 'joined', room: 'tls', role: 'caller' });
			ws.close();
			// Without trusting the certificate, the handshake fails: it really is TLS.
			const untrusted = new WebSocket(`wss://127.0.0.1:${port}/signal`);
			await expect(
				new Promise((resolve, reject) => {
					untrusted.once('open', resolve);
					untrusted.once('error', reject);
				})
			).rejects.toThrow(/self.signed|certificate/i);
		} finally {
			signaling.close();
			await new Promise((resolve) => server.close(resolve));
		}
	}, 30_000);
});
