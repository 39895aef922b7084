// What the lab's command-line scripts share: their flags (util.parseArgs, strict: a typo is an
// error, not ignored), whether the site build is stale, and URLs printed with IPv6 hosts in
// brackets. Kept apart from the scripts themselves, which start servers when imported, so the
// tests (src/lib/server/scripts-cli.test.ts) can call each decision directly.

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { newest } from './build-server.js';

/** A bad command line: the message names what was wrong; the script prints it with its usage. */
export class UsageError extends Error {}

/**
 * @typedef {{ type: 'boolean' | 'string', short?: string, description: string, value?: string }} Flag
 * @typedef {{ name: string, summary: string, flags: Record<string, Flag>, env?: string[] }} Command
 */

/** The usage text of a command: one line per flag. */
export function usage(/** @type {Command} */ command) {
	const rows = Object.entries(command.flags).map(([name, flag]) => ({
		left: `--${name}${flag.value ? ` ${flag.value}` : ''}`,
		description: flag.description
	}));
	const width = Math.max(...rows.map(({ left }) => left.length));
	const lines = rows.map(({ left, description }) => `  ${left.padEnd(width + 2)}${description}`);
	return [
		`Usage: ${command.name} ${command.summary}`,
		'',
		...lines,
		...(command.env ? ['', ...command.env] : [])
	].join('\n');
}

/**
 * Parses `argv` against the command's flags. `--name value` and `--name=value` both work; an
 * unknown flag, a missing value or a stray argument throws a UsageError naming it.
 * @param {Command} command
 * @param {string[]} argv
 */
export function parseFlags(command, argv) {
	/** @type {Record<string, { type: 'boolean' | 'string', short?: string }>} */
	const options = {};
	for (const [name, { type, short }] of Object.entries(command.flags))
		options[name] = short ? { type, short } : { type };
	try {
		return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
	} catch (error) {
		// parseArgs' messages name the flag ("Unknown option '--lna'"); drop its advice about `--`.
		const message = /** @type {Error} */ (error).message.replace(/\. To specify .*$/s, '.');
		throw new UsageError(message);
	}
}

/**
 * Parses the process's flags for a script: prints the usage and exits 0 for --help, prints the
 * problem and the usage and exits 2 for a bad command line.
 * @param {Command} command
 * @param {string[]} argv
 */
export function parseFlagsOrExit(command, argv) {
	try {
		const values = parseFlags(command, argv);
		if (values.help) {
			console.log(usage(command));
			process.exit(0);
		}
		return values;
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		console.error(`${command.name}: ${error.message}\n\n${usage(command)}`);
		process.exit(2);
	}
}

/** `npm start` @type {Command} */
export const startCommand = {
	name: 'npm start --',
	summary: '[--lan] [--https]',
	flags: {
		lan: {
			type: 'boolean',
			description: 'share on the local network: HOST 0.0.0.0, LAN URLs and a QR code (LAN=1)'
		},
		https: {
			type: 'boolean',
			description: 'HTTPS with a self-signed certificate cached in .cert/ (HTTPS=1)'
		},
		help: { type: 'boolean', short: 'h', description: 'print this help' }
	},
	env: [
		'Environment: PORT (3000), HOST (127.0.0.1), TURN_PORT (3478), TURN=0, TURN_SERVER,',
		'TURN_PROFILE=classroom|hardened, TURN_TTL, SIGNAL_ALLOWED_ORIGINS (see README).'
	]
};

/** `node scripts/node-peer.js` @type {Command} */
export const nodePeerCommand = {
	name: 'node scripts/node-peer.js',
	summary: '--room <id> [--url ws://host:port/signal] [--no-echo]',
	flags: {
		room: { type: 'string', value: '<id>', description: 'the room to join (or ROOM=<id>)' },
		url: {
			type: 'string',
			value: '<ws-url>',
			description: 'the signaling endpoint (default ws://127.0.0.1:$PORT/signal, PORT 3000)'
		},
		'no-echo': { type: 'boolean', description: 'do not echo received messages back' },
		help: { type: 'boolean', short: 'h', description: 'print this help' }
	}
};

/** What makes the site build stale, relative to the repository root. */
export const SITE_SOURCES = [
	'src',
	'static',
	'lessons',
	// The UI text: Paraglide compiles it into the build. Only settings.json of the inlang project
	// is ours (inlang rewrites the rest, which git ignores).
	'messages',
	'project.inlang/settings.json',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json'
];

/**
 * Whether `npm start` must build the site first: `missing` (no build/handler.js), `stale` (a
 * source is newer than it) or `current`.
 * @param {string} root the repository
 * @returns {'missing' | 'stale' | 'current'}
 */
export function siteBuildState(root) {
	const entry = join(root, 'build', 'handler.js');
	if (!existsSync(entry)) return 'missing';
	const built = statSync(entry).mtimeMs;
	const changed = Math.max(...SITE_SOURCES.map((source) => newest(join(root, source))));
	return changed > built ? 'stale' : 'current';
}

/** A host as it goes in a URL: IPv6 literals in brackets (RFC 3986 §3.2.2). */
export const urlHost = (/** @type {string} */ host) =>
	host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;

/** `http://[::1]:3000` */
export const origin = (
	/** @type {string} */ protocol,
	/** @type {string} */ host,
	/** @type {number} */ port
) => `${protocol}://${urlHost(host)}:${port}`;

/** `npm run probe` @type {Command} */
export const probeCommand = {
	name: 'npm run probe --',
	summary: '[--url http://127.0.0.1:3000] [--cases 1,3,7] [--idle-wait 45] [--profile auto]',
	flags: {
		url: {
			type: 'string',
			value: '<url>',
			description: 'the running lab (default http://127.0.0.1:$PORT, PORT 3000)'
		},
		cases: {
			type: 'string',
			value: '<list>',
			description: 'which cases to run, e.g. 1,3,7 (default all, 1–10)'
		},
		'idle-wait': {
			type: 'string',
			value: '<s>',
			description: 'seconds an idle signaling socket may live (case 4; default 45)'
		},
		profile: {
			type: 'string',
			value: '<p>',
			description: 'TURN profile for case 2: auto (ask the relay), classroom or hardened'
		},
		help: { type: 'boolean', short: 'h', description: 'print this help' }
	}
};

/**
 * The probe's options from its flags; a UsageError names a bad value.
 * @param {string[]} argv
 * @param {Record<string, string | undefined>} env PORT gives the default URL's port, as for `npm start`
 */
export function parseProbeArgs(argv, env = process.env) {
	const values = parseFlags(probeCommand, argv);
	const url = String(values.url ?? `http://127.0.0.1:${env.PORT ?? 3000}`);
	if (!/^https?:\/\/[^/]+/i.test(url) || !URL.canParse(url))
		throw new UsageError(`--url ${url}: give the lab's address, e.g. http://127.0.0.1:3000.`);
	const cases =
		values.cases === undefined
			? undefined
			: String(values.cases)
					.split(',')
					.map((item) => item.trim());
	if (cases && !cases.every((item) => /^(10|[1-9])$/.test(item)))
		throw new UsageError(`--cases ${values.cases}: give case numbers from 1 to 10, e.g. 1,3,7.`);
	const idleWait = Number(values['idle-wait'] ?? 45);
	if (!(idleWait > 0 && idleWait <= 600))
		throw new UsageError(`--idle-wait ${values['idle-wait']}: give seconds from 1 to 600.`);
	const profile = String(values.profile ?? 'auto');
	if (!['auto', 'classroom', 'hardened'].includes(profile))
		throw new UsageError(`--profile ${profile}: give auto, classroom or hardened.`);
	return {
		help: values.help === true,
		url,
		cases: cases?.map(Number),
		idleWaitMs: idleWait * 1000,
		profile: /** @type {'auto' | 'classroom' | 'hardened'} */ (profile)
	};
}

/**
 * The secret that signs signaling resume tokens, kept in `file` (mode 0600) so that a restarted
 * server still honours the tokens its rooms handed out: after a restart both sides take their
 * seats back as the same peers. Made on first use; a file that is empty or unreadable as text is
 * replaced.
 * @param {string} file
 */
export function loadOrCreateSecret(file) {
	try {
		const kept = readFileSync(file, 'utf8').trim();
		if (kept.length >= 32) return kept;
	} catch (error) {
		if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
	}
	const secret = randomBytes(32).toString('base64url');
	mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
	writeFileSync(file, `${secret}\n`, { mode: 0o600 });
	return secret;
}
