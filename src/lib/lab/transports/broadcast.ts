// Signaling between two tabs of one browser, with no server at all: a BroadcastChannel named
// after the room carries the same messages the WebSocket server would (joined, peer-joined,
// peer-left, offer/answer/candidate/bye with `from`). The tabs run the room rules among
// themselves: the tab that was there first is the caller, a third tab is told the room is full.
// When the partner goes (closed, reloaded, or silent for three heartbeats because it crashed),
// the tab that stays takes the caller seat and welcomes the next tab, as the server gives a freed
// seat to the next peer: a reloaded caller comes back as the callee, and somebody always offers.
//
// Same shape as connectSignaling() in websocket.ts, so the lab cannot tell them apart.

import type { RelayMessage, ServerMessage } from '../../core/signaling/protocol';
import type { SignalingConnection, SignalingReason, SignalingStatus } from './websocket';

/** What the tabs say to each other on the channel (never leaves this browser). */
type TabMessage =
	| { kind: 'hello'; id: string; since: number }
	| { kind: 'here'; id: string; since: number; to: string }
	| { kind: 'relay'; from: string; to: string; message: RelayMessage }
	| { kind: 'leave'; id: string }
	/** "Still here", every heartbeat: a tab that crashed without `pagehide` stops saying it. */
	| { kind: 'alive'; id: string };

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
	/** How often a tab says it is alive; three missed ones and it counts as gone. Default 2 s. */
	heartbeatMs?: number;
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
	/** When each other tab was last heard from (our clock). */
	const lastHeard = new Map<string, number>();
	const clock = options.now ?? Date.now;
	const heartbeatMs = options.heartbeatMs ?? 2_000;
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
			finish({ kind: 'refused', code: 'room-full' });
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

	function becomeCallee(caller: string) {
		role = 'callee';
		partnerId = caller;
		report({ state: 'open', peerId: id, role });
		options.onMessage({ type: 'joined', room: options.room, peerId: id, role, peers: [caller] });
	}

	function welcome(newcomer: string) {
		partnerId = newcomer;
		options.onMessage({ type: 'peer-joined', peerId: newcomer });
	}

	/** The partner is gone: take the caller seat (if we were the callee) and welcome the next tab. */
	function partnerGone(gone: string) {
		partnerId = null;
		options.onMessage({ type: 'peer-left', peerId: gone });
		if (role === 'callee') {
			role = 'caller';
			report({ state: 'open', peerId: id, role });
		}
		const next = byArrival([...others.entries()])[0];
		if (next) welcome(next[0]);
	}

	function forget(otherId: string) {
		others.delete(otherId);
		lastHeard.delete(otherId);
		if (otherId === partnerId) partnerGone(otherId);
	}

	channel.onmessage = ({ data }) => {
		if (closed || !data || typeof data !== 'object') return;
		const message = data as TabMessage;
		if ('id' in message && typeof message.id === 'string') lastHeard.set(message.id, clock());
		switch (message.kind) {
			case 'hello':
				others.set(message.id, message.since);
				post({ kind: 'here', id, since, to: message.id });
				if (role === 'caller' && partnerId === null) welcome(message.id);
				break;
			case 'here':
				if (message.to !== id) break;
				others.set(message.id, message.since);
				// A busy tab answered after we had decided: it was here first, so it is the caller.
				if (role === 'caller' && partnerId === null && before(message.since, message.id, since, id))
					becomeCallee(message.id);
				break;
			case 'relay':
				if (message.to === id) options.onMessage({ ...message.message, from: message.from });
				break;
			case 'leave':
				forget(message.id);
				break;
			case 'alive':
				break;
		}
	};

	const heartbeat = setInterval(() => {
		if (closed) return;
		post({ kind: 'alive', id });
		const now = clock();
		for (const [otherId, heard] of lastHeard)
			if (now - heard > 3 * heartbeatMs && role) forget(otherId);
	}, heartbeatMs);

	function finish(reason: SignalingReason) {
		if (closed) return;
		closed = true;
		clearInterval(heartbeat);
		post({ kind: 'leave', id });
		channel.close();
		report({ state: 'closed', reason });
	}

	report(status);
	post({ kind: 'hello', id, since });
	const timer = setTimeout(decide, options.settleMs ?? 300);
	const onUnload = () => finish({ kind: 'closed-by-page' });
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
			finish({ kind: 'closed-by-page' });
		},
		/** Nothing to drop: there is no network between two tabs. */
		drop() {},
		get status() {
			return status;
		}
	};
}
