// Loads TypeScript modules of the pure core into a Node script (the benchmarks): esbuild bundles
// the given export lines into a temporary ES module, which is imported and then removed.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @param {string[]} exports lines such as `export { parseSdp } from "/abs/path/sdp.ts";`
 * @returns {Promise<Record<string, any>>} the bundled module's exports
 */
export async function importCore(exports) {
	const dir = mkdtempSync(join(tmpdir(), 'webrtc-lab-core-'));
	try {
		const out = join(dir, 'core.mjs');
		await build({
			stdin: { contents: exports.join('\n'), resolveDir: root, loader: 'js' },
			bundle: true,
			format: 'esm',
			platform: 'node',
			outfile: out,
			logLevel: 'error'
		});
		return await import(pathToFileURL(out).href);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
