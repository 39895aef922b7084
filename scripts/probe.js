#!/usr/bin/env node
// `npm run probe`: replays the abuse cases of issue 12 against a RUNNING lab on this machine and
// prints one row per case — tried, refused, survived (health checks the lab still answered
// afterwards: site, /signal, TURN), lost (attempts that got through plus checks that failed).
// Exit code 0 when nothing was lost, 1 otherwise, 2 for a bad command line.
//
//   npm start                                  # in one terminal (TURN_PROFILE=hardened for case 2)
//   npm run probe                              # in another; --help for the flags
//   npm run probe -- --url http://127.0.0.1:3001 --cases 1,7
//
// The cases are TypeScript (src/lib/server/probe/), bundled for Node with esbuild like the
// benchmarks' core (scripts/bundle-core.js); npm packages (ws) stay in node_modules.

import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { parseFlagsOrExit, parseProbeArgs, probeCommand, usage, UsageError } from './cli.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

parseFlagsOrExit(probeCommand, process.argv.slice(2));
let options;
try {
	options = parseProbeArgs(process.argv.slice(2));
} catch (error) {
	if (!(error instanceof UsageError)) throw error;
	console.error(`${probeCommand.name}: ${error.message}\n\n${usage(probeCommand)}`);
	process.exit(2);
}

// Inside node_modules so that the bundle's `import 'ws'` resolves.
const outDir = join(root, 'node_modules', '.cache', 'webrtc-lab-probe');
mkdirSync(outDir, { recursive: true });
const outfile = join(outDir, 'probe.mjs');
await build({
	entryPoints: [join(root, 'src/lib/server/probe/probe.ts')],
	bundle: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	packages: 'external',
	outfile,
	logLevel: 'error'
});
const { runProbe, formatTable } = await import(pathToFileURL(outfile).href);

console.log(`Probing ${options.url} (loopback only; about a minute with case 4)…`);
const results = await runProbe({ ...options, log: (line) => console.log(`· ${line}`) }).catch(
	(error) => {
		console.error(error.message);
		process.exit(1);
	}
);
console.log(`\n${formatTable(results)}\n`);
const lost = results.reduce((sum, result) => sum + result.lost, 0);
console.log(
	lost === 0
		? 'Nothing lost: the lab refused every abuse and kept answering.'
		: `${lost} lost: see the rows above (an attempt that got through, or the lab stopped answering).`
);
process.exit(lost === 0 ? 0 : 1);
