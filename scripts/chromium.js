// The Chromium that the tests and the scripts drive, and the built lab they drive it against.
// Playwright's config, the benchmarks and the capture scripts all read these, so a machine needs
// one setting (CHROMIUM_PATH) and every tool agrees on the flags.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * CHROMIUM_PATH wins, then Debian's /usr/bin/chromium, then Playwright's own downloaded browser
 * (undefined: on machines where `npx playwright install` works).
 */
export const executablePath =
	process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/** Flags that work headless here: no sandbox (CI runs as root), fake camera and microphone. */
export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--use-fake-device-for-media-stream',
	'--use-fake-ui-for-media-stream',
	'--autoplay-policy=no-user-gesture-required'
];

/**
 * Starts the built lab (scripts/start.js, which builds first when needed) on 127.0.0.1:`port`,
 * with extra environment variables; resolves once it serves.
 * @param {number} port
 * @param {Record<string, string>} [env]
 * @returns {Promise<{ base: string, stop: () => void }>}
 */
export async function startLab(port, env = {}) {
	const server = spawn(process.execPath, [join(root, 'scripts/start.js')], {
		env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	await new Promise((resolve, reject) => {
		server.stdout?.on(
			'data',
			(chunk) => String(chunk).includes('is running') && resolve(undefined)
		);
		server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
	});
	return { base: `http://127.0.0.1:${port}`, stop: () => server.kill('SIGTERM') };
}
