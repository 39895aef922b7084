import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { attachSignaling } from './src/lib/server/signaling';

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

export default defineConfig({
	plugins: [sveltekit(), signaling()],
	test: {
		include: ['src/**/*.test.ts'],
		environment: 'node'
	}
});
