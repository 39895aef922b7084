// Both TURN servers the lab can run, held to the same wire behaviour on loopback: REST-API
// credentials accepted; unauthenticated, wrong and expired ones refused with 401 (UDP and TCP);
// and the peer policy of each profile — the classroom relay may reach loopback and LAN peers, the
// hardened one answers 403 for them (RFC 5766 §9.1) and still relays to public addresses.
// coturn's part runs where `turnserver` is installed (CI installs it).

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	coturnCommand,
	coturnConfig,
	findTurnserver,
	startCoturn,
	assertTurnPortFree
} from './coturn';
import { createTurnCredential } from './credentials';
import { startEmbeddedTurn } from './embedded';
import type { TurnProfile } from './peer-policy';
import { allocate, allocateAndPermit } from './test-client';

const turnserver = findTurnserver();
const secret = 'shared-test-secret';

interface Running {
	port: number;
	stop(): Promise<void>;
}

type Start = (port: number, profile: TurnProfile) => Promise<Running>;

const starters: [string, Start | null][] = [
	[
		'embedded',
		(port, profile) =>
			startEmbeddedTurn({
				listeningIps: ['127.0.0.1'],
				port,
				secret,
				profile,
				minPort: 50000,
				maxPort: 59999
			})
	],
	[
		'coturn',
		turnserver
			? (port, profile) =>
					startCoturn(turnserver, {
						listeningIps: ['127.0.0.1'],
						port,
						secret,
						profile,
						minPort: 50000,
						maxPort: 59999,
						log: () => {}
					})
			: null
	]
];

/** Starts a server on a random free port (another test file or lab may hold some). */
async function startOnFreePort(start: Start, profile: TurnProfile): Promise<Running> {
	let lastError: unknown;
	for (let attempt = 0; attempt < 20; attempt++) {
		const port = 20000 + Math.floor(Math.random() * 20000);
		try {
			return await start(port, profile);
		} catch (error) {
			lastError = error;
		}
	}
	throw lastError;
}

const valid = () => {
	const { username, credential } = createTurnCredential(secret, { ttlSeconds: 60 });
	return { username, password: credential };
};

describe.each(starters)('%s TURN server', (name, start) => {
	describe.skipIf(!start)(`${name}${start ? '' : ' (turnserver is not installed)'}`, () => {
		const servers: Partial<Record<TurnProfile, Running>> = {};
		beforeAll(async () => {
			servers.classroom = await startOnFreePort(start!, 'classroom');
			servers.hardened = await startOnFreePort(start!, 'hardened');
		}, 30_000);
		afterAll(async () => {
			await Promise.all(Object.values(servers).map((server) => server.stop()));
		});

		describe.each(['udp', 'tcp'] as const)('over %s', (transport) => {
			it('challenges an unauthenticated Allocate with 401, a realm and a nonce', async () => {
				const { challenge } = await allocate('127.0.0.1', servers.classroom!.port, transport);
				expect(challenge).toMatchObject({ success: false, errorCode: 401, realm: 'webrtc-lab' });
				expect(challenge.nonce).toBeTruthy();
			});

			it('allocates a relay on the listening address with a valid REST credential', async () => {
				const { answer } = await allocate('127.0.0.1', servers.classroom!.port, transport, valid());
				expect(answer).toMatchObject({ success: true, relayed: { address: '127.0.0.1' } });
				expect(answer?.relayed?.port).toBeGreaterThanOrEqual(50000);
				expect(answer?.relayed?.port).toBeLessThanOrEqual(59999);
			});

			it('refuses wrong, expired and foreign credentials with 401', async () => {
				const { username } = valid();
				// Expired ten minutes ago, not one second: coturn still accepts an expiry equal to its
				// current second, and its notion of "now" can lag on a busy machine (CI once saw an
				// expiry one second old accepted). The test is about expiry, not about that boundary.
				const expired = createTurnCredential(secret, {
					ttlSeconds: 60,
					now: Date.now() - 11 * 60_000
				});
				const foreign = createTurnCredential('another-secret', { ttlSeconds: 60 });
				for (const credentials of [
					{ username, password: 'not-the-credential' },
					{ username: expired.username, password: expired.credential },
					{ username: foreign.username, password: foreign.credential }
				]) {
					const { answer } = await allocate(
						'127.0.0.1',
						servers.classroom!.port,
						transport,
						credentials
					);
					expect(answer, credentials.username).toMatchObject({ success: false, errorCode: 401 });
				}
			});
		});

		it.each(['127.0.0.1', '192.168.1.23', '198.18.1.2', '203.0.113.5'])(
			'classroom profile: the relay may send to %s',
			async (peer) => {
				const { allocation, permission } = await allocateAndPermit(
					'127.0.0.1',
					servers.classroom!.port,
					'udp',
					valid(),
					peer
				);
				expect(allocation.success).toBe(true);
				expect(permission).toMatchObject({ success: true });
			}
		);

		it.each([
			['127.0.0.1', false],
			['10.1.2.3', false],
			['192.168.1.23', false],
			['169.254.169.254', false],
			['198.18.1.2', false],
			['203.0.113.5', true]
		])('hardened profile: a permission for %s is granted: %s', async (peer, granted) => {
			const { allocation, permission } = await allocateAndPermit(
				'127.0.0.1',
				servers.hardened!.port,
				'udp',
				valid(),
				peer
			);
			expect(allocation.success).toBe(true);
			expect(permission).toMatchObject(
				granted ? { success: true } : { success: false, errorCode: 403 }
			);
		});
	});
});

describe.skipIf(!turnserver)('coturn process lifecycle', () => {
	it('refuses to start on a port that is taken, with EADDRINUSE', async () => {
		const first = await startOnFreePort(
			(port, profile) => startEmbeddedTurn({ listeningIps: ['127.0.0.1'], port, secret, profile }),
			'classroom'
		);
		try {
			await expect(assertTurnPortFree('127.0.0.1', first.port)).rejects.toMatchObject({
				code: 'EADDRINUSE'
			});
			await expect(
				startCoturn(turnserver!, {
					listeningIps: ['127.0.0.1'],
					port: first.port,
					secret,
					log: () => {}
				})
			).rejects.toMatchObject({ code: 'EADDRINUSE' });
		} finally {
			await first.stop();
		}
	});

	it('is gone after stop()', async () => {
		const coturn = await startOnFreePort(
			(port, profile) =>
				startCoturn(turnserver!, {
					listeningIps: ['127.0.0.1'],
					port,
					secret,
					profile,
					log: () => {}
				}),
			'classroom'
		);
		const { pid } = coturn as Running & { pid: number };
		expect(alive(pid)).toBe(true);
		await coturn.stop();
		expect(alive(pid)).toBe(false);
	});

	it('dies with the process that started it, even one killed by SIGKILL', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'webrtc-lab-coturn-test-'));
		try {
			const port = 20000 + Math.floor(Math.random() * 20000);
			const config = join(dir, 'turnserver.conf');
			writeFileSync(
				config,
				coturnConfig({ listeningIps: ['127.0.0.1'], port, secret, workDir: dir })
			);
			// A stand-in for the lab: a Node process that starts coturn the lab's way and prints its pid.
			const [command, args] = coturnCommand(turnserver!, config);
			expect(command, 'setpriv (util-linux) ties coturn to its parent').toMatch(/setpriv$/);
			const parent = spawn(
				process.execPath,
				[
					'-e',
					`const c = require('node:child_process').spawn(process.argv[1], JSON.parse(process.argv[2]), { stdio: 'ignore' });
					 console.log(c.pid); setInterval(() => {}, 1000);`,
					command,
					JSON.stringify(args)
				],
				{ stdio: ['ignore', 'pipe', 'inherit'] }
			);
			const pid = Number(
				await new Promise<string>((resolve) =>
					parent.stdout.once('data', (d) => resolve(String(d)))
				)
			);
			expect(alive(pid)).toBe(true);
			parent.kill('SIGKILL');
			await expect.poll(() => alive(pid), { timeout: 5000 }).toBe(false);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

/** A live process (a zombie, exited but not yet reaped, counts as gone). */
function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch {
		return false;
	}
	try {
		return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return false;
	}
}
