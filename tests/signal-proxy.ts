// Test helpers for real network failures between the remote lab and its signaling server:
// - a signaling server in its own Node process (src/lib/server/signaling.ts bundled with esbuild),
//   which a test can SIGKILL and start again on the same port;
// - a TCP router in front of the site: `/signal` upgrades go to that process, everything else to
//   the dev/prod server under test. It can freeze the signaling connections (bytes stop flowing
//   both ways, nothing is closed: a dead Wi-Fi link) and cut them on the client side only (the
//   browser sees its socket die while the server's side stays open, with no close frame).

import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect as connectTcp, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

let bundled: string | null = null;

/** Bundles a tiny server (http + attachSignaling) into one CommonJS file, once per run. */
async function signalingBundle(): Promise<string> {
	if (bundled) return bundled;
	const dir = mkdtempSync(join(tmpdir(), 'webrtc-lab-signal-'));
	const entry = join(dir, 'entry.ts');
	const signaling = resolve('src/lib/server/signaling.ts').replaceAll('\\', '/');
	writeFileSync(
		entry,
		`import { createServer } from 'node:http';
import { attachSignaling } from '${signaling}';
const http = createServer((_req, res) => { res.statusCode = 404; res.end(); });
attachSignaling(http, { heartbeatMs: Number(process.env.HEARTBEAT_MS ?? 10000) });
http.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
`
	);
	const outfile = join(dir, 'signal-server.cjs');
	await build({
		entryPoints: [entry],
		outfile,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		external: ['bufferutil', 'utf-8-validate'],
		logLevel: 'error'
	});
	bundled = outfile;
	return outfile;
}

export interface SignalProcess {
	readonly port: number;
	/** SIGKILL: no close frames, no goodbyes; resolves when the process is gone. */
	kill(): Promise<void>;
	/** Starts a fresh process (empty rooms) on the same port. */
	restart(): Promise<void>;
}

export async function startSignalProcess(
	port: number,
	heartbeatMs = 60_000
): Promise<SignalProcess> {
	const file = await signalingBundle();
	// One secret for every start of this server, as a deployment keeps SIGNAL_SECRET: the resume
	// tokens a restarted server receives were signed by the same key, so seats come back resumed.
	const secret = randomBytes(24).toString('base64url');
	let child: ChildProcess | null = null;
	async function launch() {
		const started = spawn(process.execPath, [file], {
			env: {
				...process.env,
				PORT: String(port),
				HEARTBEAT_MS: String(heartbeatMs),
				SIGNAL_SECRET: secret
			},
			stdio: ['ignore', 'pipe', 'inherit']
		});
		child = started;
		await new Promise<void>((ready, fail) => {
			started.stdout!.on('data', (chunk: Buffer) => {
				if (String(chunk).includes('listening')) ready();
			});
			started.once('exit', (code) => fail(new Error(`signaling process exited (${code})`)));
		});
	}
	await launch();
	return {
		port,
		async kill() {
			const running = child;
			child = null;
			if (!running || running.exitCode !== null) return;
			const gone = new Promise((done) => running.once('exit', done));
			running.kill('SIGKILL');
			await gone;
		},
		restart: launch
	};
}

export interface Router {
	readonly port: number;
	/** Stops forwarding on every signaling connection, both ways, closing nothing. */
	freezeSignaling(): void;
	/** Destroys the browser's side of every signaling connection; the server's side stays open. */
	cutSignaling(): void;
	close(): Promise<void>;
}

interface Link {
	client: Socket;
	upstream: Socket;
	signaling: boolean;
	frozen: boolean;
}

/**
 * Listens on `port`; a connection whose first request is `GET /signal` goes to `signalPort`,
 * any other to `sitePort` (both on 127.0.0.1).
 */
export async function startRouter(
	port: number,
	sitePort: number,
	signalPort: number
): Promise<Router> {
	const links = new Set<Link>();
	const halfOpen = new Set<Socket>();
	const server: Server = createServer((client) => {
		client.on('error', () => {});
		client.once('data', (first: Buffer) => {
			const signaling = first.subarray(0, 16).toString('latin1').startsWith('GET /signal');
			const upstream = connectTcp(signaling ? signalPort : sitePort, '127.0.0.1');
			const link: Link = { client, upstream, signaling, frozen: false };
			links.add(link);
			upstream.on('error', () => client.destroy());
			upstream.write(first);
			client.on('data', (chunk: Buffer) => {
				if (!link.frozen) upstream.write(chunk);
			});
			upstream.on('data', (chunk: Buffer) => {
				if (!link.frozen && !client.destroyed) client.write(chunk);
			});
			client.on('close', () => {
				links.delete(link);
				if (!halfOpen.has(upstream)) upstream.destroy();
			});
			upstream.on('close', () => client.destroy());
		});
	});
	await new Promise<void>((ready) => server.listen(port, '127.0.0.1', ready));
	const signalingLinks = () => [...links].filter((link) => link.signaling);
	return {
		port,
		freezeSignaling() {
			for (const link of signalingLinks()) link.frozen = true;
		},
		cutSignaling() {
			for (const link of signalingLinks()) {
				link.frozen = true;
				halfOpen.add(link.upstream);
				link.upstream.removeAllListeners('close');
				link.upstream.on('close', () => halfOpen.delete(link.upstream));
				link.client.destroy();
			}
		},
		close: () =>
			new Promise<void>((done) => {
				for (const link of links) {
					link.client.destroy();
					link.upstream.destroy();
				}
				for (const socket of halfOpen) socket.destroy();
				server.close(() => done());
			})
	};
}
