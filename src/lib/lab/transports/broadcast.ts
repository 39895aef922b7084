// Signaling between two tabs of one browser, with no server at all: a BroadcastChannel named
// after the room carries the same messages the WebSocket server would (joined, peer-joined,
// peer-left, offer/answer/candidate/bye with `from`). The tabs run the room rules among
// themselves: the tab that was there first is the caller, a third tab is told the room is full.
//
// Same shape as connectSignaling() in websocket.ts, so the lab cannot tell them apart.

import type { RelayMessage, ServerMessage } from '../../core/signaling/protocol';
import type { SignalingConnection, SignalingStatus } from './websocket';

/** What the tabs say to each other on the channel (never leaves this browser). */
type TabMessage =
	| { kind: 'hello'; id: string; since: number }
	| { kind: 'here'; id: string; since: number; to: string }
	| { kind: 'relay'; from: string; to: string; message: RelayMessage }
	| { kind: 'leave'; id: string };

export interface BroadcastChannelLike {
	postMessage(message: unknown): void;
	close(): void;
	onmessage: ((event: { data: unknown }) => void) | null;
}

export interface BroadcastSignalingOptions {
	room: string;
	onMessage: (message: ServerMessage) => void;
	onStatus?: (status: SignalingStatus) => void;
	/** How long to listen for tabs already in the room before deciding our role. */
	settleMs?: number;
	/** Default: the browser's BroadcastChannel. */
	createChannel?: (name: string) => BroadcastChannelLike;
	now?: () => number;
	randomId?: () => string;
}

export function connectBroadcast(options: BroadcastSignalingOptions): SignalingConnection {
	const channel = (
		options.createChannel ?? ((name) => new BroadcastChannel(name) as BroadcastChannelLike)
	)(`webrtc-lab/${options.room}`);
	const id = options.randomId?.() ?? crypto.randomUUID().slice(0, 8);
	const since = (options.now ?? Date.now)();
	/** Other tabs in the room and when they arrived. */
	const others = new Map<string, number>();
	/** The one other tab we talk to: the caller's first later arrival, the callee's caller. */
	let partnerId: string | null = null;
	let role: 'caller' | 'callee' | null = null;
	let closed = false;
	let status: SignalingStatus = { state: 'connecting', attempt: 1 };

	const report = (next: SignalingStatus) => {
		status = next;
		options.onStatus?.(next);
	};
	const post = (message: TabMessage) => channel.postMessage(message);
	/** The earlier arrival of two tabs is the caller; ties go to the smaller id. */
	const before = (aSince: number, aId: string, bSince: number, bId: string) =>
		aSince < bSince || (aSince === bSince && aId < bId);
	const byArrival = (entries: [string, number][]) =>
		entries.sort((a, b) => (before(a[1], a[0], b[1], b[0]) ? -1 : 1));

	function decide() {
		if (closed || role) return;
		const all = [...others.entries()];
		const earlier = byArrival(all.filter(([otherId, t]) => before(t, otherId, since, id)));
		const later = byArrival(all.filter(([otherId, t]) => !before(t, otherId, since, id)));
		if (earlier.length >= 2) {
			options.onMessage({
				type: 'error',
				code: 'room-full',
				message: 'The room already holds two peers.'
			});
			finish('room-full');
			return;
		}
		role = earlier.length === 0 ? 'caller' : 'callee';
		partnerId = earlier[0]?.[0] ?? null;
		report({ state: 'open', peerId: id, role });
		options.onMessage({
			type: 'joined',
			room: options.room,
			peerId: id,
			role,
			peers: partnerId ? [partnerId] : []
		});
		// A tab that said hello while we were still listening is our callee.
		if (role === 'caller' && later[0]) welcome(later[0][0]);
	}

	function welcome(newcomer: string) {
		partnerId = newcomer;
		options.onMessage({ type: 'peer-joined', peerId: newcomer });
	}

	channel.onmessage = ({ data }) => {
		if (closed || !data || typeof data !== 'object') return;
		const message = data as TabMessage;
		switch (message.kind) {
			case 'hello':
				others.set(message.id, message.since);
				post({ kind: 'here', id, since, to: message.id });
				if (role === 'caller' && partnerId === null) welcome(message.id);
				break;
			case 'here':
				if (message.to === id) others.set(message.id, message.since);
				break;
			case 'relay':
				if (message.to === id) options.onMessage({ ...message.message, from: message.from });
				break;
			case 'leave':
				others.delete(message.id);
				if (message.id === partnerId) {
					partnerId = null;
					options.onMessage({ type: 'peer-left', peerId: message.id });
				}
				break;
		}
	};

	function finish(reason: string) {
		if (closed) return;
		closed = true;
		post({ kind: 'leave', id });
		channel.close();
		report({ state: 'closed', reason });
	}

	report(status);
	post({ kind: 'hello', id, since });
	const timer = setTimeout(decide, options.settleMs ?? 150);
	const onUnload = () => finish('page closed');
	globalThis.addEventListener?.('pagehide', onUnload);

	return {
		send(message: RelayMessage) {
			if (closed || !partnerId) return false;
			post({ kind: 'relay', from: id, to: partnerId, message });
			return true;
		},
		close() {
			clearTimeout(timer);
			globalThis.removeEventListener?.('pagehide', onUnload);
			finish('closed');
		},
		/** Nothing to drop: there is no network between two tabs. */
		drop() {},
		get status() {
			return status;
		}
	};
}
