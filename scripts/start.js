#!/usr/bin/env node
// `npm start`: builds the site when the build is missing or older than the sources, then serves
// it on one port. PORT (default 3000) and HOST (default 127.0.0.1: only this machine) are honoured.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const buildEntry = join(root, 'build', 'handler.js');
const sources = [
	'src',
	'static',
	'lessons',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json'
];

/** Newest modification time below a path (files only). */
function newest(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let latest = 0;
	for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
	return latest;
}

function buildIfNeeded() {
	const built = existsSync(buildEntry) ? statSync(buildEntry).mtimeMs : 0;
	const changed = Math.max(...sources.map((s) => newest(join(root, s))));
	if (built && built >= changed) return;
	console.log(
		built ? 'Sources changed since the last build: building…' : 'No build yet: building…'
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

const { handler } = await import(pathToFileURL(buildEntry).href);
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

const server = createServer((req, res) => handler(req, res));
server.on('error', (error) => {
	console.error(
		error.code === 'EADDRINUSE'
			? `Port ${port} is already in use. Stop the other program or choose another port: PORT=3001 npm start`
			: `Cannot start the server: ${error.message}`
	);
	process.exit(1);
});
server.listen(port, host, () => {
	const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
	console.log(`WebRTC Lab is running on http://${shown}:${port}/  (Ctrl+C to stop)`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
	process.on(signal, () => {
		server.close(() => process.exit(0));
		server.closeAllConnections();
	});
}
