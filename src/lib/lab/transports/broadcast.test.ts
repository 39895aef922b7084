import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServerMessage } from '../../core/signaling/protocol';
import { connectBroadcast, type BroadcastChannelLike } from './broadcast';

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

function tab(hub: ReturnType<typeof channelHub>, room: string, id: string, since: number) {
	const received: ServerMessage[] = [];
	const connection = connectBroadcast({
		room,
		createChannel: hub,
		randomId: () => id,
		now: () => since,
		onMessage: (m) => received.push(m)
	});
	return { connection, received };
}

afterEach(() => vi.useRealTimers());

describe('signaling between tabs (BroadcastChannel)', () => {
	it('pairs two tabs: the first is the caller, messages cross with `from`, a third is refused', async () => {
		vi.useFakeTimers();
		const hub = channelHub();
		const a = tab(hub, 'r1', 'a', 1);
		await vi.advanceTimersByTimeAsync(200);
		expect(a.received).toEqual([
			{ type: 'joined', room: 'r1', peerId: 'a', role: 'caller', peers: [] }
		]);

		const b = tab(hub, 'r1', 'b', 2);
		await vi.advanceTimersByTimeAsync(200);
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
		await vi.advanceTimersByTimeAsync(200);
		expect(other.received).toEqual([
			{ type: 'joined', room: 'r2', peerId: 'x', role: 'caller', peers: [] }
		]);

		const c = tab(hub, 'r1', 'c', 4);
		await vi.advanceTimersByTimeAsync(200);
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
});
