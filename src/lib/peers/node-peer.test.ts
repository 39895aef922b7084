// Two werift peers (no browser) meet through the real signaling server and talk over a data
// channel on loopback — the same path a Node or Python script takes to reach the lab.

import { afterEach, expect, it } from 'vitest';
import { startNodePeer, type NodePeer } from './node-peer';
import { startTestServer, type TestServer } from '../../../tests/signaling-harness';

let server: TestServer | null = null;
const peers: NodePeer[] = [];
afterEach(async () => {
	await Promise.all(peers.splice(0).map((peer) => peer.close()));
	await server?.close();
	server = null;
});

it('connects two Node peers through /signal and echoes a data-channel message', async () => {
	server = await startTestServer({ allowedOrigins: [] });
	const caller = await startNodePeer({ url: server.url, room: 'node-pair', echo: false });
	peers.push(caller);
	expect(caller.role).toBe('caller');
	const callee = await startNodePeer({ url: server.url, room: 'node-pair' });
	peers.push(callee);
	expect(callee.role).toBe('callee');

	await caller.waitForOpen(10_000);
	await callee.waitForOpen(10_000);
	caller.send('hello from the caller');
	expect(await callee.waitForMessage('hello from the caller')).toBe('hello from the caller');
	expect(await caller.waitForMessage(/^echo: /)).toBe('echo: hello from the caller');
	expect(caller.connectionState).toBe('connected');
	// The offer, answer and candidates all went through the server with `from` added.
	expect(callee.signals.map((m) => m.type)).toContain('offer');
	expect(caller.signals.map((m) => m.type)).toContain('answer');
	expect(callee.signals.some((m) => m.type === 'candidate' && m.from === caller.peerId)).toBe(true);
}, 20_000);

it('rejects when the room is full', async () => {
	server = await startTestServer({ allowedOrigins: [] });
	peers.push(await startNodePeer({ url: server.url, room: 'busy' }));
	peers.push(await startNodePeer({ url: server.url, room: 'busy' }));
	await expect(startNodePeer({ url: server.url, room: 'busy' })).rejects.toThrow('room-full');
});
