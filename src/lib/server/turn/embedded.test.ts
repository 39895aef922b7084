// The embedded TURN server on loopback: REST-API credentials accepted, unauthenticated, wrong and
// expired ones refused (UDP and TCP), and two werift peers talking through relays only.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RTCPeerConnection, type RTCDataChannel } from 'werift';
import { createTurnCredential } from './credentials';
import { startEmbeddedTurn, tcpFrameSize, type EmbeddedTurn } from './embedded';
import { connect } from 'node:net';
import {
	allocate,
	bindingRequest,
	openSession,
	openTurnChannel,
	type TurnChannel,
	type TurnSession
} from './client';

const secret = 'test-secret';
let turn: EmbeddedTurn;
let port = 0;

beforeAll(async () => {
	for (let attempt = 0; attempt < 20 && !turn; attempt++) {
		port = 20000 + Math.floor(Math.random() * 20000);
		try {
			turn = await startEmbeddedTurn({
				listeningIps: ['127.0.0.1'],
				port,
				secret,
				minPort: 50000,
				maxPort: 59999
			});
		} catch {
			// Port taken by someone else: try another.
		}
	}
	expect(turn).toBeDefined();
});
afterAll(() => turn?.stop());

describe.each(['udp', 'tcp'] as const)('Allocate over %s', (transport) => {
	it('challenges an unauthenticated request with 401, a realm and a nonce', async () => {
		const { challenge } = await allocate('127.0.0.1', port, transport);
		expect(challenge).toMatchObject({ success: false, errorCode: 401, realm: 'webrtc-lab' });
		expect(challenge.nonce).toMatch(/^[0-9a-f]{32}$/);
	});

	it('allocates a relay with a valid REST credential', async () => {
		const { username, credential } = createTurnCredential(secret, { ttlSeconds: 60 });
		const { answer } = await allocate('127.0.0.1', port, transport, {
			username,
			password: credential
		});
		expect(answer?.success).toBe(true);
		expect(answer?.relayed?.address).toBe('127.0.0.1');
		expect(answer?.relayed?.port).toBeGreaterThanOrEqual(50000);
	});

	it('refuses a wrong credential with 401', async () => {
		const { username } = createTurnCredential(secret, { ttlSeconds: 60 });
		const { answer } = await allocate('127.0.0.1', port, transport, {
			username,
			password: 'not-the-credential'
		});
		expect(answer).toMatchObject({ success: false, errorCode: 401 });
	});

	it('refuses an expired credential with 401', async () => {
		const expired = createTurnCredential(secret, { ttlSeconds: 60, now: Date.now() - 11 * 60_000 });
		const { answer } = await allocate('127.0.0.1', port, transport, {
			username: expired.username,
			password: expired.credential
		});
		expect(answer).toMatchObject({ success: false, errorCode: 401 });
	});

	it('refuses a credential signed with another secret, and static usernames', async () => {
		const other = createTurnCredential('another-secret', { ttlSeconds: 60 });
		const { answer } = await allocate('127.0.0.1', port, transport, {
			username: other.username,
			password: other.credential
		});
		expect(answer).toMatchObject({ success: false, errorCode: 401 });
		const { answer: staticAnswer } = await allocate('127.0.0.1', port, transport, {
			username: 'admin',
			password: 'admin'
		});
		expect(staticAnswer).toMatchObject({ success: false, errorCode: 401 });
	});
});

it('answers 486 past the per-client-address quota, and frees it when a TCP allocation closes', async () => {
	let limited: EmbeddedTurn | undefined;
	let limitedPort = 0;
	for (let attempt = 0; attempt < 20 && !limited; attempt++) {
		limitedPort = 20000 + Math.floor(Math.random() * 20000);
		limited = await startEmbeddedTurn({
			listeningIps: ['127.0.0.1'],
			port: limitedPort,
			secret,
			quotas: { perClientAddress: 2 },
			minPort: 50000,
			maxPort: 59999
		}).catch(() => undefined);
	}
	const sessions: TurnSession[] = [];
	try {
		const open = async (name: string) => {
			const { username, credential } = createTurnCredential(secret, { name, ttlSeconds: 60 });
			const session = await openSession('127.0.0.1', limitedPort, 'tcp', {
				username,
				password: credential
			});
			sessions.push(session);
			return session.allocation;
		};
		// Three names, one address (127.0.0.1): the address quota applies.
		expect(await open('a')).toMatchObject({ success: true });
		expect(await open('b')).toMatchObject({ success: true });
		expect(await open('c')).toMatchObject({ success: false, errorCode: 486 });
		expect(limited!.allocationCount()).toBe(2);
		sessions[0]!.close();
		await expect.poll(() => limited!.allocationCount()).toBe(1);
		expect(await open('c')).toMatchObject({ success: true });
	} finally {
		for (const session of sessions) session.close();
		await limited?.stop();
	}
});

it('closes TCP connections past twice the per-address quota (each holds a file descriptor)', async () => {
	let limited: EmbeddedTurn | undefined;
	let limitedPort = 0;
	for (let attempt = 0; attempt < 20 && !limited; attempt++) {
		limitedPort = 20000 + Math.floor(Math.random() * 20000);
		limited = await startEmbeddedTurn({
			listeningIps: ['127.0.0.1'],
			port: limitedPort,
			secret,
			quotas: { perClientAddress: 2 }
		}).catch(() => undefined);
	}
	const held: TurnChannel[] = [];
	try {
		for (let i = 0; i < 4; i++) held.push(await openTurnChannel('127.0.0.1', limitedPort, 'tcp'));
		const fifth = connect(limitedPort, '127.0.0.1');
		fifth.on('error', () => {});
		await new Promise((resolve) => fifth.once('close', resolve));
		for (const channel of held) {
			expect(await channel.request(bindingRequest())).toMatchObject({ success: true });
		}
		// One closes: there is room again.
		held.shift()!.close();
		await expect
			.poll(async () => {
				const channel = await openTurnChannel('127.0.0.1', limitedPort, 'tcp', 500);
				held.push(channel);
				return channel.request(bindingRequest()).then(
					(answer) => answer.success,
					() => false
				);
			})
			.toBe(true);
	} finally {
		for (const channel of held) channel.close();
		await limited?.stop();
	}
});

it('frames TURN over TCP: STUN by its length, ChannelData padded to 4 bytes', () => {
	const stun = Buffer.alloc(28);
	stun.writeUInt16BE(8, 2);
	expect(tcpFrameSize(stun)).toBe(28);
	expect(tcpFrameSize(stun.subarray(0, 27))).toBeNull();
	const channelData = Buffer.from([0x40, 0x00, 0x00, 0x05, 1, 2, 3, 4, 5, 0, 0, 0]);
	expect(tcpFrameSize(channelData)).toBe(12);
	expect(tcpFrameSize(channelData.subarray(0, 9))).toBeNull();
	expect(tcpFrameSize(Buffer.from([0x80, 0, 0, 0]))).toBe(-1);
});

async function gathered(pc: RTCPeerConnection) {
	if (pc.iceGatheringState !== 'complete') {
		await pc.iceGatheringStateChange.watch((state) => state === 'complete');
	}
}

describe.each(['udp', 'tcp'] as const)(
	'two werift peers, relay only, TURN over %s',
	(transport) => {
		it('open a data channel through the relay and exchange a message', async () => {
			const { username, credential } = createTurnCredential(secret, { ttlSeconds: 60 });
			const config = {
				iceServers: [
					{ urls: `turn:127.0.0.1:${port}?transport=${transport}`, username, credential }
				],
				iceTransportPolicy: 'relay' as const
			};
			const caller = new RTCPeerConnection(config);
			const callee = new RTCPeerConnection(config);
			try {
				const channel = caller.createDataChannel('chat');
				const received = new Promise<string>((resolve) => {
					callee.onDataChannel.subscribe((remote: RTCDataChannel) => {
						remote.onMessage.subscribe((data) => resolve(data.toString()));
					});
				});
				const opened = new Promise<void>((resolve) => (channel.onopen = () => resolve()));

				await caller.setLocalDescription(await caller.createOffer());
				await gathered(caller);
				await callee.setRemoteDescription(caller.localDescription!);
				await callee.setLocalDescription(await callee.createAnswer());
				await gathered(callee);
				await caller.setRemoteDescription(callee.localDescription!);

				// Only relay candidates were offered: the path runs through the TURN server.
				expect(caller.localDescription!.sdp).toMatch(/typ relay/);
				expect(caller.localDescription!.sdp).not.toMatch(/typ host/);
				await opened;
				channel.send('through the relay');
				expect(await received).toBe('through the relay');
				expect(turn.allocationCount()).toBeGreaterThanOrEqual(2);
			} finally {
				await caller.close();
				await callee.close();
			}
		}, 20_000);
	}
);
