// Captures real ICE candidates from Chromium into src/lib/core/ice/fixtures/chromium-candidates.json,
// for the candidate parser's table tests (src/lib/core/ice/candidate.test.ts).
//
//   node scripts/capture-candidates.js
//
// What it gathers, one RTCPeerConnection per case, every `icecandidate` line kept verbatim with
// the RTCIceCandidate fields Chromium reports beside it (relayProtocol, url):
//   - host candidates with raw addresses (IPv4 and IPv6, UDP and TCP "active"), and with mDNS
//     names (Chromium's default: the host IP hidden behind <uuid>.local);
//   - relay candidates through coturn — the lab's TURN server when it is installed — reached over
//     UDP, TCP and TLS (turns:, with a throwaway self-signed certificate: Chromium may refuse it,
//     which the output then says);
//   - peer-reflexive: Chromium never hands out a prflx line (they are learnt from incoming checks),
//     so two peers connect with only one side trickling and the other side's `remote-candidate`
//     from getStats() is kept (type, priority, address, port).
//
// Environment: CHROMIUM_PATH (default /usr/bin/chromium), TURNSERVER (default: turnserver on PATH),
// TURN_PORT (default 3478; TLS uses TURN_PORT + 1), TURN_IP (default: the first non-loopback IPv4).

import { spawn, execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from '@playwright/test';
import { executablePath } from './chromium.js';

const outFile = join(
	dirname(fileURLToPath(import.meta.url)),
	'..',
	'src',
	'lib',
	'core',
	'ice',
	'fixtures',
	'chromium-candidates.json'
);

const turnPort = Number(process.env.TURN_PORT ?? 3478);
const tlsPort = turnPort + 1;
const turnIp =
	process.env.TURN_IP ??
	Object.values(networkInterfaces())
		.flat()
		.find((a) => a && a.family === 'IPv4' && !a.internal)?.address ??
	'127.0.0.1';
const user = 'capture';
const password = 'capture-secret';

const baseArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

/** coturn with a static user on UDP/TCP and TLS; resolves once it answers on TCP. */
async function startCoturn(workDir) {
	const cert = join(workDir, 'cert.pem');
	const key = join(workDir, 'key.pem');
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-days',
			'1',
			'-subj',
			`/CN=${turnIp}`,
			'-keyout',
			key,
			'-out',
			cert
		],
		{ stdio: 'ignore' }
	);
	const binary = process.env.TURNSERVER ?? 'turnserver';
	const child = spawn(
		binary,
		[
			'-n',
			`--listening-ip=${turnIp}`,
			`--relay-ip=${turnIp}`,
			`--listening-port=${turnPort}`,
			`--tls-listening-port=${tlsPort}`,
			`--cert=${cert}`,
			`--pkey=${key}`,
			'--lt-cred-mech',
			`--user=${user}:${password}`,
			'--realm=webrtc-lab',
			'--fingerprint',
			'--no-cli',
			'--no-dtls',
			'--allow-loopback-peers',
			`--pidfile=${join(workDir, 'turnserver.pid')}`,
			`--userdb=${join(workDir, 'turndb')}`,
			'--log-file=stdout',
			'--simple-log'
		],
		{ stdio: ['ignore', 'pipe', 'pipe'] }
	);
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	for (let i = 0; i < 50; i++) {
		if (child.exitCode !== null) throw new Error(`coturn exited:\n${output}`);
		if (/Total General servers|listener opened on/i.test(output)) break;
		await sleep(100);
	}
	await sleep(300);
	return child;
}

/** Runs in the page: gathers with `config` and returns every candidate with its fields. */
async function gatherInPage(config) {
	const pc = new RTCPeerConnection(config);
	const found = [];
	const errors = [];
	pc.addEventListener('icecandidateerror', (e) =>
		errors.push({ url: e.url, errorCode: e.errorCode, errorText: e.errorText })
	);
	const done = new Promise((resolve) => {
		const timer = setTimeout(resolve, 8000);
		pc.addEventListener('icecandidate', (e) => {
			if (!e.candidate) {
				clearTimeout(timer);
				resolve();
				return;
			}
			found.push({
				line: e.candidate.candidate,
				type: e.candidate.type,
				protocol: e.candidate.protocol,
				tcpType: e.candidate.tcpType ?? null,
				relayProtocol: e.candidate.relayProtocol ?? null,
				url: e.candidate.url ?? e.url ?? null
			});
		});
	});
	pc.createDataChannel('capture');
	await pc.setLocalDescription(await pc.createOffer());
	await done;
	pc.close();
	return { candidates: found, errors };
}

/** Runs in the page: A trickles to B, B sends A nothing, so A learns B from its checks (prflx). */
async function peerReflexiveInPage() {
	const a = new RTCPeerConnection();
	const b = new RTCPeerConnection();
	a.addEventListener('icecandidate', (e) => {
		if (e.candidate) void b.addIceCandidate(e.candidate);
	});
	a.createDataChannel('capture');
	await a.setLocalDescription(await a.createOffer());
	await b.setRemoteDescription(a.localDescription);
	await b.setLocalDescription(await b.createAnswer());
	// The answer goes without candidates: strip any a=candidate lines B already has.
	const answer = b.localDescription.sdp
		.split('\r\n')
		.filter((l) => !l.startsWith('a=candidate:'))
		.join('\r\n');
	await a.setRemoteDescription({ type: 'answer', sdp: answer });
	const deadline = Date.now() + 8000;
	while (a.connectionState !== 'connected' && Date.now() < deadline)
		await new Promise((r) => setTimeout(r, 50));
	const stats = [...(await a.getStats()).values()];
	a.close();
	b.close();
	return stats
		.filter((s) => s.type === 'remote-candidate' || s.type === 'local-candidate')
		.map((s) => ({
			stats: s.type,
			candidateType: s.candidateType,
			protocol: s.protocol,
			address: s.address,
			port: s.port,
			priority: s.priority
		}));
}

async function withBrowser(extraArgs, run) {
	const browser = await chromium.launch({
		executablePath,
		args: [...baseArgs, ...extraArgs]
	});
	try {
		const page = await browser.newPage();
		await page.route('http://localhost/capture', (route) =>
			route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>capture</title>' })
		);
		await page.goto('http://localhost/capture');
		return { version: browser.version(), result: await run(page) };
	} finally {
		await browser.close();
	}
}

const rawIps = ['--disable-features=WebRtcHideLocalIpsWithMdns'];
const turn = (url) => ({ urls: url, username: user, credential: password });

const workDir = await mkdtemp(join(tmpdir(), 'capture-candidates-'));
const coturn = await startCoturn(workDir);
try {
	const cases = {
		'host-raw': { args: rawIps, config: {} },
		'host-mdns': { args: [], config: {} },
		'relay-udp': {
			args: rawIps,
			config: {
				iceServers: [turn(`turn:${turnIp}:${turnPort}?transport=udp`)],
				iceTransportPolicy: 'relay'
			}
		},
		'relay-tcp': {
			args: rawIps,
			config: {
				iceServers: [turn(`turn:${turnIp}:${turnPort}?transport=tcp`)],
				iceTransportPolicy: 'relay'
			}
		},
		'relay-tls': {
			args: [...rawIps, '--ignore-certificate-errors'],
			config: {
				iceServers: [turn(`turns:${turnIp}:${tlsPort}?transport=tcp`)],
				iceTransportPolicy: 'relay'
			}
		},
		'relay-all-three': {
			args: [...rawIps, '--ignore-certificate-errors'],
			config: {
				iceServers: [
					turn([
						`turn:${turnIp}:${turnPort}?transport=udp`,
						`turn:${turnIp}:${turnPort}?transport=tcp`,
						`turns:${turnIp}:${tlsPort}?transport=tcp`
					])
				],
				iceTransportPolicy: 'relay'
			}
		},
		'srflx-stun': {
			args: rawIps,
			config: { iceServers: [{ urls: `stun:${turnIp}:${turnPort}` }] }
		}
	};
	const output = { capturedWith: '', turnServer: 'coturn', cases: {}, peerReflexive: [] };
	for (const [name, { args, config }] of Object.entries(cases)) {
		const { version, result } = await withBrowser(args, (page) =>
			page.evaluate(gatherInPage, config)
		);
		output.capturedWith = `Chromium ${version}`;
		output.cases[name] = result;
		console.log(`${name}: ${result.candidates.length} candidates, ${result.errors.length} errors`);
	}
	const { result: prflx } = await withBrowser(rawIps, (page) => page.evaluate(peerReflexiveInPage));
	output.peerReflexive = prflx;
	console.log(`peer-reflexive: ${prflx.filter((s) => s.candidateType === 'prflx').length} prflx`);
	// Addresses are this machine's: keep them (documentation-range test addresses on CI machines).
	await mkdir(dirname(outFile), { recursive: true });
	await writeFile(outFile, JSON.stringify(output, null, '\t') + '\n');
	console.log(`wrote ${outFile}`);
} finally {
	coturn.kill('SIGTERM');
	await rm(workDir, { recursive: true, force: true });
}
