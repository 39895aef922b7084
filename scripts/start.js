#!/usr/bin/env node
// `npm start`: builds the site when the build is missing or older than the sources, then serves
// it and the WebSocket signaling endpoint (/signal) on one port. PORT (default 3000) and HOST
// (default 127.0.0.1: only this machine) are honoured. The sources include the UI text
// (messages/, project.inlang/settings.json): scripts/cli.js lists them.
//
//   npm start -- --lan      (or LAN=1)    share on the local network: HOST 0.0.0.0, prints the
//                                         LAN URLs and a QR code
//   npm start -- --https    (or HTTPS=1)  HTTPS with a self-signed certificate cached in .cert/
//                                         (phones and other laptops need it for their cameras)
//   npm start -- --help                   the flags (a misspelt one is an error, exit code 2)
//   SIGNAL_ALLOWED_ORIGINS=https://a.example,https://b.example   other origins allowed to use
//                                         /signal besides the site's own (`*` for any)
//
// It also starts a TURN/STUN server (UDP and TCP) on the same host: coturn when `turnserver` is
// on PATH, otherwise the embedded JavaScript server (node-turn, in this process).
//   TURN_PORT (default 3478)      TURN_TTL   credential lifetime in seconds (default 3600)
//   TURN_SERVER=embedded|coturn|/path/to/turnserver     TURN=0   no TURN server
//   TURN_PROFILE=classroom (default: the relay may reach this machine and the LAN) | hardened
// The per-start secret goes to the TURN server and, as TURN_SECRET, to GET /api/ice-servers.
//
// The signaling server is TypeScript (src/lib/server/); scripts/build-server.js compiles it to
// build/signal/ with a Vite SSR build, right after the site build (which empties build/).

import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureServerBuild, serverEntry } from './build-server.js';
import {
	loadOrCreateSecret,
	origin as formatOrigin,
	parseFlagsOrExit,
	siteBuildState,
	startCommand,
	urlHost
} from './cli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const buildEntry = join(root, 'build', 'handler.js');

// First, before anything is built: a misspelt flag stops here with the usage.
const flags = parseFlagsOrExit(startCommand, process.argv.slice(2));
const enabled = (value) => /^(1|true|yes)$/i.test(value ?? '');
const lan = flags.lan === true || enabled(process.env.LAN);
const https = flags.https === true || enabled(process.env.HTTPS);

function buildIfNeeded() {
	const state = siteBuildState(root);
	if (state === 'current') return;
	console.log(
		state === 'stale'
			? 'Sources changed since the last build: building…'
			: 'No build yet: building…'
	);
	const result = spawnSync(
		process.execPath,
		[join(root, 'node_modules/vite/bin/vite.js'), 'build'],
		{
			cwd: root,
			stdio: 'inherit'
		}
	);
	if (result.status !== 0) {
		console.error('The build failed; see the messages above.');
		process.exit(result.status ?? 1);
	}
}

buildIfNeeded();
ensureServerBuild();

const signal = await import(pathToFileURL(serverEntry).href);
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? (lan ? '0.0.0.0' : '127.0.0.1');
const everywhere = host === '0.0.0.0' || host === '::';
const protocol = https ? 'https' : 'http';

// The TURN server and its secret come first: the SvelteKit handler reads TURN_* from
// process.env when it is imported.
const turnPort = Number(process.env.TURN_PORT ?? 3478);
const turnProfile = signal.parseTurnProfile(process.env.TURN_PROFILE);
let turn = null;
if (/^(0|false|no|off)$/i.test(process.env.TURN ?? '')) {
	console.log('TURN=0: no TURN server (GET /api/ice-servers will say so).');
} else {
	const secret = signal.newTurnSecret();
	try {
		turn = await signal.startTurnServer({
			host,
			port: turnPort,
			secret,
			profile: turnProfile,
			choice: process.env.TURN_SERVER,
			log: (line) => console.log(line)
		});
		process.env.TURN_SECRET = secret;
		process.env.TURN_PORT = String(turnPort);
		process.env.TURN_SERVER_KIND = turn.kind;
	} catch (error) {
		console.error(
			error.code === 'EADDRINUSE'
				? `TURN port ${turnPort} is already in use: running without TURN. Choose another: TURN_PORT=3479 npm start`
				: `The TURN server did not start (${error.message}): running without TURN.`
		);
	}
}
// The room page builds its join link and QR code from these (a page opened on localhost would
// otherwise show a link no phone can open). Read by the handler when it is imported.
const lanInterfaces = everywhere ? signal.lanInterfaces() : [];
const realLan = lanInterfaces.filter((i) => !i.virtual);
const origin = (address) => formatOrigin(protocol, address, port);
if (everywhere && !process.env.LAB_PUBLIC_ORIGINS)
	process.env.LAB_PUBLIC_ORIGINS = (realLan.length ? realLan : lanInterfaces)
		.map((i) => origin(i.address))
		.join(',');
const { handler } = await import(pathToFileURL(buildEntry).href);

let certificate = null;
if (https) {
	const names = ['localhost', '127.0.0.1', ...(everywhere ? signal.lanAddresses() : [host])];
	certificate = await signal.loadOrCreateCertificate(join(root, '.cert'), [...new Set(names)]);
	if (certificate.created) console.log('Made a new self-signed certificate in .cert/');
}

/**
 * No other site may frame any page. SvelteKit's pages carry the full CSP (svelte.config.js, which
 * replaces this header); this one covers the static files (static/bench/*.html), served before
 * any SvelteKit hook.
 */
const serve = (req, res) => {
	res.setHeader('content-security-policy', "frame-ancestors 'self'");
	handler(req, res);
};

const server = certificate
	? createHttpsServer({ key: certificate.key, cert: certificate.cert }, (req, res) =>
			serve(req, res)
		)
	: createServer((req, res) => serve(req, res));

const signaling = signal.attachSignaling(server, {
	log: (line) => console.error(line),
	// Resume tokens outlive a restart: the secret that signs them is kept in .cert/ (or given).
	resumeSecret:
		process.env.SIGNAL_SECRET ?? loadOrCreateSecret(join(root, '.cert', 'signal-secret'))
});
// The signaling listener takes /signal; nothing else on this server speaks WebSocket.
server.on('upgrade', (req, socket) => {
	if (new URL(req.url ?? '/', 'http://localhost').pathname !== signal.SIGNAL_PATH) socket.destroy();
});
server.on('error', (error) => {
	console.error(
		error.code === 'EADDRINUSE'
			? `Port ${port} is already in use. Stop the other program or choose another port: PORT=3001 npm start`
			: `Cannot start the server: ${error.message}`
	);
	// Stop coturn (a child process) too, rather than leaving it behind.
	Promise.resolve(turn?.stop())
		.catch(() => {})
		.finally(() => process.exit(1));
});
server.listen(port, host, async () => {
	// With --lan the first address printed is one another device can open; localhost is for here.
	const shown = everywhere ? (realLan[0]?.address ?? 'localhost') : host;
	const url = `${origin(shown)}/`;
	console.log(`WebRTC Lab is running on ${url}  (Ctrl+C to stop)`);
	if (everywhere) console.log(`  On this machine also: ${origin('localhost')}/`);
	console.log(
		`Signaling: ${formatOrigin(protocol === 'https' ? 'wss' : 'ws', shown, port)}${signal.SIGNAL_PATH}`
	);
	if (turn) {
		const ttl = Number(process.env.TURN_TTL ?? 3600);
		console.log(
			`TURN/STUN: ${turn.kind === 'coturn' ? `coturn (${turn.binary})` : 'embedded JavaScript server (node-turn, in this process)'}` +
				` on ${turn.listeningIps.map((ip) => `${urlHost(ip)}:${turn.port}`).join(', ')}, UDP and TCP` +
				` — ${turn.reason}.`
		);
		console.log(
			`  ${turnProfile} profile${turnProfile === 'classroom' ? ' (the relay may reach this machine and the LAN; see README for the hardened one)' : ' (no private or loopback peers)'};` +
				` credentials from /api/ice-servers, valid ${ttl >= 3600 && ttl % 3600 === 0 ? `${ttl / 3600} h` : `${ttl} s`}.`
		);
	}
	if (everywhere) {
		if (lanInterfaces.length === 0) {
			console.log('No LAN address found: is this machine connected to a network?');
		} else {
			console.log('On the local network (other laptops and phones):');
			for (const { name, address, virtual } of lanInterfaces)
				console.log(
					`  ${origin(address)}/  (${name}${virtual ? ': looks like a container, VM or VPN network; phones usually cannot reach it' : ''})`
				);
			const first = `${origin((realLan[0] ?? lanInterfaces[0]).address)}/remote`;
			console.log(`Scan to open ${first} on a phone:`);
			console.log(await signal.terminalQr(first));
			if (!https)
				console.log(
					'Cameras on other devices need HTTPS: npm start -- --lan --https (data channels work without).'
				);
		}
	} else if (lan) {
		console.log(`HOST=${host} overrides --lan.`);
	}
	if (certificate) console.log(signal.certificateInstructions(url, certificate.fingerprint));
});

for (const name of ['SIGINT', 'SIGTERM']) {
	process.on(name, () => {
		signaling.close();
		const turnStopped = turn ? turn.stop().catch(() => {}) : Promise.resolve();
		server.close(() => turnStopped.then(() => process.exit(0)));
		server.closeAllConnections();
	});
}
