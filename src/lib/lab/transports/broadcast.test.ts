import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServerMessage } from '../../core/signaling/protocol';
import { connectBroadcast, type BroadcastChannelLike } from './broadcast';
import type { SignalingStatus } from './websocket';

/** An in-memory BroadcastChannel: delivers to every other channel of the same name. */
function channelHub() {
	const channels = new Set<BroadcastChannelLike & { name: string }>();
	return (name: string) => {
		const channel: BroadcastChannelLike & { name: string } = {
			name,
			onmessage: null,
			postMessage(message) {
				for (const other of channels)
					if (other !== channel && other.name === name)
						queueMicrotask(() => other.onmessage?.({ data: structuredClone(message) }));
			},
			close() {
				channels.delete(channel);
			}
		};
		channels.add(channel);
		return channel;
	};
}

function tab(hub: ReturnType<typeof channelHub>, room: string, id: string, since?: number) {
	const received: ServerMessage[] = [];
	const statuses: SignalingStatus[] = [];
	let channel: BroadcastChannelLike | null = null;
	const connection = connectBroadcast({
		room,
		createChannel: (name) => (channel = hub(name)),
		randomId: () => id,
		// Default: the (fake) clock, so later tabs arrive later and heartbeats can run out.
		...(since === undefined ? {} : { now: () => since }),
		onMessage: (m) => received.push(m),
		onStatus: (s) => statuses.push(s)
	});
	/** The tab's process dies: no `leave`, no more heartbeats, nothing heard. */
	const crash = () => {
		channel!.postMessage = () => {};
		channel!.onmessage = null;
	};
	return { connection, received, statuses, crash };
}

afterEach(() => vi.useRealTimers());

describe('signaling between tabs (BroadcastChannel)', () => {
	it('pairs two tabs: the first is the caller, messages cross with `from`, a third is refused', async () => {
		vi.useFakeTimers();
		const hub = channelHub();
		const a = tab(hub, 'r1', 'a', 1);
		await vi.advanceTimersByTimeAsync(400);
		expect(a.received).toEqual([
			{ type: 'joined', room: 'r1', peerId: 'a', role: 'caller', peers: [] }
		]);

		const b = tab(hub, 'r1', 'b', 2);
		await vi.advanceTimersByTimeAsync(400);
		expect(b.received[0]).toEqual({
			type: 'joined',
			room: 'r1',
			peerId: 'b',
			role: 'callee',
			peers: ['a']
		});
		expect(a.received.at(-1)).toEqual({ type: 'peer-joined', peerId: 'b' });

		expect(a.connection.send({ type: 'offer', sdp: 'v=0' })).toBe(true);
		await vi.advanceTimersByTimeAsync(1);
		expect(b.received.at(-1)).toEqual({ type: 'offer', sdp: 'v=0', from: 'a' });

		// Another room on the same browser hears nothing.
		const other = tab(hub, 'r2', 'x', 3);
		await vi.advanceTimersByTimeAsync(400);
		expect(other.received).toEqual([
			{ type: 'joined', room: 'r2', peerId: 'x', role: 'caller', peers: [] }
		]);

		const c = tab(hub, 'r1', 'c', 4);
		await vi.advanceTimersByTimeAsync(400);
		expect(c.received).toEqual([
			{ type: 'error', code: 'room-full', message: 'The room already holds two peers.' }
		]);
		expect(c.connection.status).toMatchObject({ state: 'closed' });
		// The refused tab leaving is not the partner leaving.
		expect(a.received.some((m) => m.type === 'peer-left')).toBe(false);

		b.connection.close();
		await vi.advanceTimersByTimeAsync(1);
		expect(a.received.at(-1)).toEqual({ type: 'peer-left', peerId: 'b' });
		expect(a.connection.send({ type: 'bye' })).toBe(false);
	});

	it('a reloaded caller tab comes back as the callee: the tab that stayed takes the caller seat', async () => {
		vi.useFakeTimers();
		const hub = channelHub();
		const a = tab(hub, 'r1', 'a');
		await vi.advanceTimersByTimeAsync(400);
		const b = tab(hub, 'r1', 'b');
		await vi.advanceTimersByTimeAsync(400);
		expect(b.connection.status).toMatchObject({ role: 'callee' });

		a.connection.close(); // pagehide of the reload
		await vi.advanceTimersByTimeAsync(1);
		expect(b.received.at(-1)).toEqual({ type: 'peer-left', peerId: 'a' });
		expect(b.connection.status).toMatchObject({ state: 'open', role: 'caller' });

		const a2 = tab(hub, 'r1', 'a2');
		await vi.advanceTimersByTimeAsync(400);
		expect(a2.received[0]).toMatchObject({ type: 'joined', role: 'callee', peers: ['b'] });
		expect(b.received.at(-1)).toEqual({ type: 'peer-joined', peerId: 'a2' });
		// Somebody offers, and it arrives.
		expect(b.connection.send({ type: 'offer', sdp: 'v=0' })).toBe(true);
		await vi.advanceTimersByTimeAsync(1);
		expect(a2.received.at(-1)).toEqual({ type: 'offer', sdp: 'v=0', from: 'b' });
	});

	it('a reloaded callee tab comes back as the callee again', async () => {
		vi.useFakeTimers();
		const hub = channelHub();
		const a = tab(hub, 'r1', 'a');
		await vi.advanceTimersByTimeAsync(400);
		const b = tab(hub, 'r1', 'b');
		await vi.advanceTimersByTimeAsync(400);
		b.connection.close();
		await vi.advanceTimersByTimeAsync(1);
		const b2 = tab(hub, 'r1', 'b2');
		await vi.advanceTimersByTimeAsync(400);
		expect(a.connection.status).toMatchObject({ role: 'caller' });
		expect(b2.received[0]).toMatchObject({ type: 'joined', role: 'callee', peers: ['a'] });
		expect(a.received.map((m) => m.type)).toEqual([
			'joined',
			'peer-joined',
			'peer-left',
			'peer-joined'
		]);
	});

	it('a tab that crashed (no pagehide) is given up after three silent heartbeats', async () => {
		vi.useFakeTimers();
		const hub = channelHub();
		const a = tab(hub, 'r1', 'a');
		await vi.advanceTimersByTimeAsync(400);
		const b = tab(hub, 'r1', 'b');
		await vi.advanceTimersByTimeAsync(400);
		a.crash();
		const a2 = tab(hub, 'r1', 'a2');
		await vi.advanceTimersByTimeAsync(400);
		// The ghost never answered a2's hello, so a2 pairs with b…
		expect(a2.received[0]).toMatchObject({ type: 'joined', role: 'callee', peers: ['b'] });
		await vi.advanceTimersByTimeAsync(4_000);
		expect(b.received.some((m) => m.type === 'peer-left')).toBe(false);
		// …and b, once the ghost has missed three heartbeats, takes the caller seat and welcomes it.
		await vi.advanceTimersByTimeAsync(4_000);
		expect(b.received.slice(-2)).toEqual([
			{ type: 'peer-left', peerId: 'a' },
			{ type: 'peer-joined', peerId: 'a2' }
		]);
		expect(b.connection.status).toMatchObject({ role: 'caller' });
		a.connection.close();
		b.connection.close();
		a2.connection.close();
	});

	it('a tab that answers late is still the caller: the newcomer that decided too early steps back', async () => {
		vi.useFakeTimers();
		const hub = channelHub();
		const a = tab(hub, 'r1', 'a');
		await vi.advanceTimersByTimeAsync(400);
		// b's hello reaches a, but a's answer is slow (a busy tab): b decides alone first.
		a.crash();
		const b = tab(hub, 'r1', 'b');
		await vi.advanceTimersByTimeAsync(400);
		expect(b.connection.status).toMatchObject({ role: 'caller' });
		// Then a's late `here` arrives.
		hub('webrtc-lab/r1').postMessage({ kind: 'here', id: 'a', since: 0, to: 'b' });
		await vi.advanceTimersByTimeAsync(1);
		expect(b.connection.status).toMatchObject({ role: 'callee' });
		expect(b.received.at(-1)).toEqual({
			type: 'joined',
			room: 'r1',
			peerId: 'b',
			role: 'callee',
			peers: ['a']
		});
		b.connection.close();
	});
});
