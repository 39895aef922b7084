import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ out: 'build', precompress: true }),
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'media-src': ['self', 'blob:', 'mediastream:'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				// No other site may frame the lab (clickjacking a room page). Only a response header
				// carries this directive (a <meta> CSP ignores it): SvelteKit sends the policy as a
				// header on every page it renders, and nothing is prerendered.
				'frame-ancestors': ['self']
			}
		}
	}
};

export default config;
