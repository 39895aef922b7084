// Both TURN servers the lab can run, held to the same wire behaviour on loopback: REST-API
// credentials accepted; unauthenticated, wrong and expired ones refused with 401 (UDP and TCP);
// the peer policy of each profile — the classroom relay may reach loopback and LAN peers, the
// hardened one answers 403 for them (RFC 5766 §9.1) in every IPv6 spelling that embeds an IPv4
// address, and still relays to public addresses; invalid peers (port 0, the other family) get 400
// and 443; hostile packets leave the server serving; and allocation quotas answer 486.
// coturn's part runs where `turnserver` is installed (CI installs it).

import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
import type { TurnProfile, TurnQuotas } from './peer-policy';
import {
	HOSTILE_CASES,
	allocate,
	allocateAndPermit,
	channelBindRequest,
	createPermissionRequest,
	openSession,
	refreshRequest,
	stillServes,
	type Attribute,
	type TurnSession
} from './client';

const turnserver = findTurnserver();
const secret = 'shared-test-secret';

interface Running {
	port: number;
	stop(): Promise<void>;
}

interface StartOptions {
	profile: TurnProfile;
	listeningIps?: string[];
	quotas?: Partial<TurnQuotas>;
}

type Start = (port: number, options: StartOptions) => Promise<Running>;

/**
 * Each server, how to start it, and what an Allocate needs for an IPv6 relay: coturn relays on
 * IPv4 unless asked with REQUESTED-ADDRESS-FAMILY (RFC 6156 §4.1.1); the embedded server relays
 * on the family of the address the client reached (and drops requests with that attribute).
 */
const starters: [string, Start | null, Attribute[]][] = [
	[
		'embedded',
		(port, { profile, listeningIps = ['127.0.0.1'], quotas }) =>
			startEmbeddedTurn({
				listeningIps,
				port,
				secret,
				profile,
				quotas,
				minPort: 50000,
				maxPort: 59999
			}),
		[]
	],
	[
		'coturn',
		turnserver
			? (port, { profile, listeningIps = ['127.0.0.1'], quotas }) =>
					startCoturn(turnserver, {
						listeningIps,
						port,
						secret,
						profile,
						quotas,
						minPort: 50000,
						maxPort: 59999,
						log: () => {}
					})
			: null,
		[{ type: 0x0017, value: Buffer.from([0x02, 0, 0, 0]) }]
	]
];

/** Whether this machine has IPv6 loopback (a container may not). */
const hasIpv6Loopback = await new Promise<boolean>((resolve) => {
	const socket = createSocket('udp6');
	socket.once('error', () => resolve(false));
	socket.bind(0, '::1', () => socket.close(() => resolve(true)));
});

/** Starts a server on a random free port (another test file or lab may hold some). */
async function startOnFreePort(
	start: Start,
	options: StartOptions | TurnProfile
): Promise<Running> {
	let lastError: unknown;
	for (let attempt = 0; attempt < 20; attempt++) {
		const port = 20000 + Math.floor(Math.random() * 20000);
		try {
			return await start(port, typeof options === 'string' ? { profile: options } : options);
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

describe.each(starters)('%s TURN server', (name, start, ipv6Relay) => {
	describe.skipIf(!start)(`${name}${start ? '' : ' (turnserver is not installed)'}`, () => {
		const servers: Partial<Record<TurnProfile, Running>> = {};
		const listeningIps = hasIpv6Loopback ? ['127.0.0.1', '::1'] : ['127.0.0.1'];
		beforeAll(async () => {
			servers.classroom = await startOnFreePort(start!, 'classroom');
			servers.hardened = await startOnFreePort(start!, { profile: 'hardened', listeningIps });
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

		describe.each(['udp', 'tcp'] as const)('hostile packets over %s', (transport) => {
			it.each(HOSTILE_CASES.map((hostile) => [hostile.id, hostile] as const))(
				'%s: the server keeps serving',
				async (_id, hostile) => {
					const session = await openSession(
						'127.0.0.1',
						servers.classroom!.port,
						transport,
						valid()
					);
					let answers;
					try {
						expect(session.allocation.success).toBe(true);
						answers = await hostile.run(session);
					} finally {
						session.close();
					}
					// What both servers answer alike (coturn is the reference for the embedded one).
					const expected: Record<string, Record<string, unknown>> = {
						'channel-to-port-0': { bind: { errorCode: 400 } },
						'channel-out-of-range': { '3fff': { errorCode: 400 }, ffff: { errorCode: 400 } },
						'peer-of-other-family': { bind: { errorCode: 443 }, permission: { errorCode: 443 } },
						'allocate-again': { again: { errorCode: 437 } }
					};
					expect(answers).toMatchObject(expected[hostile.id] ?? {});
					expect(await stillServes('127.0.0.1', servers.classroom!.port, transport, valid())).toBe(
						true
					);
				},
				20_000
			);
		});

		it('classroom profile: a permission ignores the peer port (RFC 5766 §9), a channel needs one', async () => {
			const session = await openSession('127.0.0.1', servers.classroom!.port, 'udp', valid());
			try {
				const auth = session.auth!;
				expect(await session.request(createPermissionRequest('127.0.0.1', auth, 0))).toMatchObject({
					success: true
				});
				expect(
					await session.request(channelBindRequest(0x4001, '127.0.0.1', 0, auth))
				).toMatchObject({ success: false, errorCode: 400 });
				expect(
					await session.request(channelBindRequest(0x4001, '127.0.0.1', 9, auth))
				).toMatchObject({ success: true });
			} finally {
				session.close();
			}
		});

		it('hardened profile: an IPv6 peer on an IPv4 relay gets 443, even ::ffff:127.0.0.1', async () => {
			const session = await openSession('127.0.0.1', servers.hardened!.port, 'udp', valid());
			try {
				for (const peer of ['::ffff:127.0.0.1', '2606:4700:4700::1111']) {
					expect(
						await session.request(createPermissionRequest(peer, session.auth!)),
						peer
					).toMatchObject({ success: false, errorCode: 443 });
				}
			} finally {
				session.close();
			}
		});

		describe.skipIf(!hasIpv6Loopback)('hardened profile, IPv6 relay (on ::1)', () => {
			let session: TurnSession;
			beforeAll(async () => {
				session = await openSession('::1', servers.hardened!.port, 'udp', valid(), ipv6Relay);
				expect(session.allocation.success).toBe(true);
			});
			afterAll(() => session?.close());

			// Each peer is 127.0.0.1 or another refused IPv4 address in an IPv6 spelling, or a
			// refused IPv6 range; on the wire it is 16 bytes, decoded by node-turn as hex groups.
			it.each([
				['::ffff:127.0.0.1', 'IPv4-mapped'],
				['::ffff:10.0.0.1', 'IPv4-mapped private'],
				['::ffff:169.254.169.254', 'IPv4-mapped cloud metadata'],
				['::ffff:8.8.8.8', 'IPv4-mapped public: IPv4 peers are sent as IPv4'],
				['::7f00:1', 'IPv4-compatible'],
				['::ffff:0:7f00:1', 'SIIT'],
				['64:ff9b::7f00:1', 'NAT64'],
				['64:ff9b:1::7f00:1', 'local NAT64'],
				['2002:7f00:1::1', '6to4'],
				['2001:0:7f00:1::', 'Teredo'],
				['::1', 'loopback'],
				['fec0::1', 'site-local'],
				['fd00::1', 'unique local'],
				['fe80::1', 'link-local'],
				['100::1', 'discard'],
				['2001:db8::1', 'documentation']
			])('refuses %s (%s) with 403', async (peer) => {
				const permission = await session.request(createPermissionRequest(peer, session.auth!));
				expect(permission).toMatchObject({ success: false, errorCode: 403 });
				const bind = await session.request(channelBindRequest(0x4000, peer, 3478, session.auth!));
				expect(bind).toMatchObject({ success: false, errorCode: 403 });
			});

			it('grants a public IPv6 peer', async () => {
				const peer = '2606:4700:4700::1111';
				expect(await session.request(createPermissionRequest(peer, session.auth!))).toMatchObject({
					success: true
				});
				expect(
					await session.request(channelBindRequest(0x4001, peer, 3478, session.auth!))
				).toMatchObject({ success: true });
			});
		});

		describe('allocation quotas', () => {
			let quotaServer: Running;
			const sessions: TurnSession[] = [];
			beforeAll(async () => {
				quotaServer = await startOnFreePort(start!, {
					profile: 'classroom',
					quotas: { perUsername: 2, perClientAddress: 10, total: 3 }
				});
			}, 30_000);
			afterAll(async () => {
				for (const session of sessions) session.close();
				await quotaServer?.stop();
			});
			const open = async (credentials: { username: string; password: string }) => {
				const session = await openSession('127.0.0.1', quotaServer.port, 'udp', credentials);
				sessions.push(session);
				return session;
			};

			it('answers 486 past the per-username and total quotas, and frees them when allocations end', async () => {
				const user = (name: string, ttlSeconds: number) => {
					const { username, credential } = createTurnCredential(secret, { name, ttlSeconds });
					return { username, password: credential };
				};
				const alice = user('alice', 60);
				const bob = user('bob', 60);
				// Both servers count a user by the name in `<expiry>:<name>`, whatever its expiry.
				const [a1, a2, a3] = [await open(alice), await open(alice), await open(user('alice', 600))];
				expect(a1!.allocation.success).toBe(true);
				expect(a2!.allocation.success).toBe(true);
				expect(a3!.allocation).toMatchObject({ success: false, errorCode: 486 });
				expect((await open(bob)).allocation.success).toBe(true);
				// Three allocations held: the total quota refuses bob's second.
				expect((await open(bob)).allocation).toMatchObject({ success: false, errorCode: 486 });
				// Refresh with lifetime 0 ends an allocation (RFC 5766 §7): its quota comes back.
				expect(await a1!.request(refreshRequest(0, a1!.auth!))).toMatchObject({ success: true });
				await expect
					.poll(
						async () => (await allocate('127.0.0.1', quotaServer.port, 'udp', bob)).answer?.success
					)
					.toBe(true);
			});
		});
	});
});

describe.skipIf(!turnserver)('coturn process lifecycle', () => {
	it('refuses to start on a port that is taken, with EADDRINUSE', async () => {
		const first = await startOnFreePort(
			(port, { profile }) =>
				startEmbeddedTurn({ listeningIps: ['127.0.0.1'], port, secret, profile }),
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

	it('keeps its config, with the secret, private (0700 directory, 0600 file) and removes it on stop', async () => {
		const coturn = (await startOnFreePort(
			(port, { profile }) =>
				startCoturn(turnserver!, {
					listeningIps: ['127.0.0.1'],
					port,
					secret,
					profile,
					log: () => {}
				}),
			'classroom'
		)) as Running & { workDir: string };
		try {
			expect(statSync(coturn.workDir).mode & 0o777).toBe(0o700);
			expect(statSync(join(coturn.workDir, 'turnserver.conf')).mode & 0o777).toBe(0o600);
			expect(readFileSync(join(coturn.workDir, 'lab.pid'), 'utf8').trim()).toBe(
				String(process.pid)
			);
		} finally {
			await coturn.stop();
		}
		expect(existsSync(coturn.workDir)).toBe(false);
	});

	it('is gone after stop()', async () => {
		const coturn = await startOnFreePort(
			(port, { profile }) =>
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
