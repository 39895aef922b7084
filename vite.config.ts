import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { attachSignaling } from './src/lib/server/signaling';
import { newTurnSecret, parseTurnProfile, startTurnServer } from './src/lib/server/turn/index';

/**
 * `vite dev` and `vite preview` serve the same WebSocket signaling endpoint (/signal) as
 * `npm start`, on Vite's own port: the module is the one scripts/start.js runs (Vite bundles it
 * with this config file, so editing it restarts the dev server). Vite's HMR socket is left alone.
 */
function signaling(): Plugin {
	return {
		name: 'webrtc-lab-signaling',
		configureServer(server) {
			if (server.httpServer) attachSignaling(server.httpServer);
		},
		configurePreviewServer(server) {
			attachSignaling(server.httpServer);
		}
	};
}

/**
 * `vite dev` also starts the lab's TURN/STUN server (as `npm start` does) and hands its secret to
 * GET /api/ice-servers through process.env, before SvelteKit reads the environment. TURN_PORT
 * (default 3478) is honoured; when the port is taken (another lab running) or TURN=0, dev runs
 * without TURN and the endpoint says so. Not started by Vitest.
 */
function turn(): Plugin {
	type Running = { stop(): Promise<void> };
	const key = Symbol.for('webrtc-lab.dev-turn');
	const registry = globalThis as unknown as Record<symbol, Running | undefined>;
	return {
		name: 'webrtc-lab-turn',
		// Before SvelteKit's configureServer, which reads the environment once.
		enforce: 'pre',
		apply: (_config, { command, isPreview }) =>
			command === 'serve' && !isPreview && !process.env.VITEST,
		async configureServer(server) {
			// A restart of the dev server (e.g. this file changed) replaces the previous TURN server.
			await registry[key]?.stop();
			registry[key] = undefined;
			delete process.env.TURN_SECRET;
			if (/^(0|false|no|off)$/i.test(process.env.TURN ?? '')) return;
			const port = Number(process.env.TURN_PORT ?? 3478);
			const secret = newTurnSecret();
			try {
				const running = await startTurnServer({
					host: process.env.HOST ?? '127.0.0.1',
					port,
					secret,
					profile: parseTurnProfile(process.env.TURN_PROFILE),
					choice: process.env.TURN_SERVER ?? 'embedded',
					log: (line) => console.log(line)
				});
				registry[key] = running;
				process.env.TURN_SECRET = secret;
				process.env.TURN_PORT = String(port);
				process.env.TURN_SERVER_KIND = running.kind;
				console.log(`TURN/STUN (${running.kind}) on ${running.listeningIps.join(', ')}:${port}`);
				server.httpServer?.once('close', () => {
					if (registry[key] === running) registry[key] = undefined;
					void running.stop();
				});
			} catch (error) {
				console.log(`No TURN server in dev (${(error as Error).message}).`);
			}
		}
	};
}

/**
 * UI text: Paraglide compiles messages/{en,zh-CN}.json (project.inlang, whose message-format
 * plugin is loaded from node_modules, never from a CDN) into src/lib/paraglide/, which git
 * ignores. The locale comes from the cookie (so the server renders the reader's language), then
 * localStorage, then the browser's languages (Accept-Language on the server), then English; no
 * URL prefix. `npm run check` compiles with the same options before svelte-check.
 */
const i18n = paraglideVitePlugin({
	project: './project.inlang',
	outdir: './src/lib/paraglide',
	strategy: ['cookie', 'localStorage', 'preferredLanguage', 'baseLocale']
});

export default defineConfig({
	plugins: [turn(), i18n, sveltekit(), signaling()],
	test: {
		include: ['src/**/*.test.ts'],
		environment: 'node'
	}
});
