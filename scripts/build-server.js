#!/usr/bin/env node
// Compiles the server-side TypeScript that runs outside SvelteKit's handler — the signaling
// endpoint, the LAN/HTTPS helpers, the TURN server (embedded or coturn, src/lib/server/turn/),
// all exported by src/lib/server/entry.ts — and the werift Node peer
// (src/lib/peers/node-peer.ts) — into build/signal/ with a Vite SSR build: the project's own
// toolchain, no tsc/tsx step. npm dependencies stay external (loaded from node_modules).
//
// `vite build` (SvelteKit's adapter-node) empties build/ first, so this runs after it; start.js,
// bench-signaling.js and node-peer.js call `ensureServerBuild()`, which rebuilds when the output
// is missing or older than its sources (about a second).
//
//   node scripts/build-server.js          build now
//   import { ensureServerBuild } ...      build if needed

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const serverBuildDir = join(root, 'build', 'signal');
export const serverEntry = join(serverBuildDir, 'entry.js');
export const nodePeerEntry = join(serverBuildDir, 'node-peer.js');
const sources = [
	'src/lib/server',
	'src/lib/peers',
	'src/lib/core/signaling',
	'src/lib/lab/transports'
];

/** Newest modification time below a path (files only). @param {string} path */
export function newest(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let latest = 0;
	for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
	return latest;
}

export function serverBuildIsCurrent() {
	if (!existsSync(serverEntry) || !existsSync(nodePeerEntry)) return false;
	const built = Math.min(statSync(serverEntry).mtimeMs, statSync(nodePeerEntry).mtimeMs);
	const changed = Math.max(
		...sources.map((s) => newest(join(root, s))),
		newest(join(root, 'package-lock.json')),
		newest(fileURLToPath(import.meta.url))
	);
	return built >= changed;
}

/** Builds build/signal/ in a child process unless it is up to date; exits on failure. */
export function ensureServerBuild() {
	if (serverBuildIsCurrent()) return;
	const result = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], {
		cwd: root,
		stdio: 'inherit'
	});
	if (result.status !== 0) {
		console.error('Building the signaling server failed; see the messages above.');
		process.exit(result.status ?? 1);
	}
}

async function build() {
	// tsconfig.json extends .svelte-kit/tsconfig.json, which a fresh clone has not generated yet.
	if (!existsSync(join(root, '.svelte-kit', 'tsconfig.json'))) {
		const sync = spawnSync(
			process.execPath,
			[join(root, 'node_modules/@sveltejs/kit/svelte-kit.js'), 'sync'],
			{
				cwd: root,
				stdio: 'inherit'
			}
		);
		if (sync.status !== 0) throw new Error('svelte-kit sync failed');
	}
	const { build } = await import('vite');
	await build({
		root,
		configFile: false,
		logLevel: 'warn',
		publicDir: false,
		build: {
			ssr: true,
			outDir: serverBuildDir,
			emptyOutDir: true,
			target: 'node20',
			minify: false,
			sourcemap: true,
			rollupOptions: {
				input: {
					entry: join(root, 'src/lib/server/entry.ts'),
					'node-peer': join(root, 'src/lib/peers/node-peer.ts')
				},
				output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' }
			}
		}
	});
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	await build();
}
