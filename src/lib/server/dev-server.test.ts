// `vite dev` serves the signaling endpoint (/signal) on Vite's own port, beside Vite's HMR socket
// (vite.config.ts): a real dev server, started as the README says, and real WebSocket clients.

import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { connect } from '../../../tests/signaling-harness';

const root = join(import.meta.dirname, '..', '..', '..');
let dev: ChildProcess | null = null;
let output = '';
let port = 0;

/** A port nobody listens on right now. */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer().listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as { port: number };
			probe.close(() => resolve(port));
		});
		probe.on('error', reject);
	});
}

/** Resolves once something accepts TCP connections on the port (the dev server listens). */
async function listening(port: number, timeoutMs: number) {
	const started = Date.now();
	for (;;) {
		const open = await new Promise<boolean>((resolve) => {
			const socket = tcpConnect(port, '127.0.0.1');
			socket.once('connect', () => {
				socket.destroy();
				resolve(true);
			});
			socket.once('error', () => resolve(false));
		});
		if (open) return;
		if (dev?.exitCode !== null) throw new Error(`vite dev exited:\n${output}`);
		if (Date.now() - started > timeoutMs) throw new Error(`vite dev did not listen:\n${output}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

beforeAll(async () => {
	port = await freePort();
	// As a developer runs it; without TURN (another lab may hold its port) and not as Vitest.
	const env: NodeJS.ProcessEnv = { ...process.env, TURN: '0' };
	delete env.VITEST;
	delete env.VITEST_MODE;
	dev = spawn(
		process.execPath,
		[
			join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
			'dev',
			'--port',
			String(port),
			'--strictPort',
			'--host',
			'127.0.0.1'
		],
		{ cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] }
	);
	dev.stdout?.on('data', (chunk) => (output += chunk));
	dev.stderr?.on('data', (chunk) => (output += chunk));
	await listening(port, 60_000);
}, 90_000);

afterAll(async () => {
	if (!dev || dev.exitCode !== null) return;
	const exited = new Promise((resolve) => dev!.once('exit', resolve));
	dev.kill('SIGTERM');
	await exited;
});

describe('vite dev', { timeout: 20_000 }, () => {
	it('relays a room through /signal on its own port', async () => {
		const url = `ws://127.0.0.1:${port}/signal`;
		const caller = await connect(url);
		caller.send({ type: 'join', room: 'dev-room' });
		expect(await caller.next('joined')).toMatchObject({ role: 'caller' });
		const callee = await connect(url);
		callee.send({ type: 'join', room: 'dev-room' });
		expect(await callee.next('joined')).toMatchObject({ role: 'callee' });
		caller.send({ type: 'offer', sdp: 'v=0\r\n' });
		expect(await callee.next('offer')).toMatchObject({ sdp: 'v=0\r\n' });
		caller.ws.close();
		callee.ws.close();
	});

	it("leaves Vite's own HMR socket to Vite", async () => {
		// The client module carries the token Vite asks of HMR connections.
		const client = await (await fetch(`http://127.0.0.1:${port}/@vite/client`)).text();
		const token = /wsToken\s*=\s*"([^"]+)"/.exec(client)?.[1];
		expect(token, 'the HMR token in /@vite/client').toBeTruthy();
		const hmr = new WebSocket(`ws://127.0.0.1:${port}/?token=${token}`, 'vite-hmr');
		const first = await new Promise<string>((resolve, reject) => {
			hmr.once('message', (data) => resolve(String(data)));
			hmr.once('error', reject);
		});
		expect(JSON.parse(first)).toMatchObject({ type: 'connected' });
		hmr.close();
	});
});
