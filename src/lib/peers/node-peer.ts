// A WebRTC peer without a browser: werift (WebRTC in pure TypeScript) driven by the documented
// signaling protocol (docs/signaling.md) through the same transport the lab uses. It takes
// whichever role the room gives it — the caller offers a data channel named "chat", the callee
// answers — and by default echoes every data-channel message back as `echo: <text>`. A further
// offer on a live call (the lab's Restart ICE / Force TURN) renegotiates the same connection, and
// after either side reconnects it sends its description again (docs/signaling.md, "Reconnects").
//
// Used by the Vitest test beside it, by Playwright tests (the lab in Chromium talks to it) and by
// `node scripts/node-peer.js --room <id>` (compiled by scripts/build-server.js). It is a client of
// the product, not part of it: it lives in peers/, outside server/ (which never imports lab/).

import { RTCPeerConnection, type RTCDataChannel } from 'werift';
import { WebSocket } from 'ws';
import type { IceCandidateInit, Role, ServerMessage } from '../core/signaling/protocol';
import {
	connectSignaling,
	type SignalingConnection,
	type SignalingStatus
} from '../lab/transports/websocket';

export interface NodePeerOptions {
	/** `ws://127.0.0.1:3000/signal` */
	url: string;
	room: string;
	/** Reply to each data-channel message: true -> `echo: <text>` (default), a function, or off. */
	echo?: boolean | ((text: string) => string);
	/** Data channel label when this peer is the caller. Default `chat`, like the lab. */
	label?: string;
	/** Default none: loopback and LAN need no STUN. */
	iceServers?: { urls: string | string[]; username?: string; credential?: string }[];
	log?: (line: string) => void;
}

export interface NodePeer {
	/** Texts received on the data channel, in order. */
	readonly messages: string[];
	/** Every signaling message received, in order (for assertions). */
	readonly signals: ServerMessage[];
	readonly role: Role | null;
	readonly peerId: string | null;
	/** The RTCPeerConnection's connectionState, or 'none' between calls. */
	readonly connectionState: string;
	readonly signalingStatus: SignalingStatus;
	/** Sends a text on the open data channel; throws if there is none. */
	send(text: string): void;
	/** Resolves when the data channel is open. */
	waitForOpen(timeoutMs?: number): Promise<void>;
	/** Resolves with the first received text (already received or future) that matches. */
	waitForMessage(
		match?: string | RegExp | ((text: string) => boolean),
		timeoutMs?: number
	): Promise<string>;
	/** Sends `bye`, closes the peer connection and the signaling socket. */
	close(): Promise<void>;
}

/** werift writes candidates without the `candidate:` prefix that browsers require. */
const withPrefix = (candidate: string) =>
	candidate === '' || candidate.startsWith('candidate:') ? candidate : `candidate:${candidate}`;

/** Joins `room` and resolves once the server has said `joined` (rejects on `room-full` etc.). */
export function startNodePeer(options: NodePeerOptions): Promise<NodePeer> {
	const log = options.log ?? (() => {});
	const label = options.label ?? 'chat';
	const echo =
		options.echo === false
			? null
			: typeof options.echo === 'function'
				? options.echo
				: (text: string) => `echo: ${text}`;

	const messages: string[] = [];
	const signals: ServerMessage[] = [];
	const waiters = new Set<() => void>();
	let role: Role | null = null;
	let peerId: string | null = null;
	let pc: RTCPeerConnection | null = null;
	let channel: RTCDataChannel | null = null;
	let pending: (IceCandidateInit | null)[] = [];
	/** The last offer applied, as received (werift re-serialises its remoteDescription). */
	let appliedOffer: string | null = null;
	let signaling: SignalingConnection | null = null;
	/** Signaling messages are handled one at a time, in order (each may await werift). */
	let queue: Promise<void> = Promise.resolve();

	const notify = () => waiters.forEach((wake) => wake());

	function until(test: () => boolean, timeoutMs: number, what: string): Promise<void> {
		if (test()) return Promise.resolve();
		return new Promise((resolve, reject) => {
			const wake = () => {
				if (!test()) return;
				waiters.delete(wake);
				clearTimeout(timer);
				resolve();
			};
			const timer = setTimeout(() => {
				waiters.delete(wake);
				reject(new Error(`node peer: timed out after ${timeoutMs} ms waiting for ${what}`));
			}, timeoutMs);
			waiters.add(wake);
		});
	}

	function watch(dc: RTCDataChannel) {
		channel = dc;
		dc.stateChanged.subscribe((state) => {
			log(`data channel ${dc.label}: ${state}`);
			notify();
		});
		dc.onMessage.subscribe((data) => {
			const text = typeof data === 'string' ? data : data.toString('utf8');
			messages.push(text);
			log(`received: ${text}`);
			if (echo && dc.readyState === 'open') dc.send(echo(text));
			notify();
		});
	}

	function hangUp() {
		channel = null;
		pending = [];
		appliedOffer = null;
		const old = pc;
		pc = null;
		void old?.close().catch(() => {});
		notify();
	}

	function newPeerConnection() {
		hangUp();
		const created = new RTCPeerConnection({ iceServers: options.iceServers ?? [] });
		pc = created;
		created.onIceCandidate.subscribe((candidate) => {
			if (pc !== created) return;
			const init = candidate?.toJSON();
			signaling?.send({
				type: 'candidate',
				candidate: init
					? {
							candidate: withPrefix(init.candidate),
							sdpMid: init.sdpMid ?? null,
							sdpMLineIndex: init.sdpMLineIndex ?? null
						}
					: null
			});
		});
		created.connectionStateChange.subscribe((state) => {
			log(`connectionState: ${state}`);
			notify();
		});
		created.onDataChannel.subscribe((dc) => {
			if (pc === created) watch(dc);
		});
		return created;
	}

	async function addCandidates() {
		if (!pc?.remoteDescription) return;
		for (const candidate of pending.splice(0)) {
			// End-of-candidates (null) needs no action here: werift keeps checking what it has.
			if (candidate && candidate.candidate !== '')
				await pc.addIceCandidate({
					candidate: candidate.candidate,
					sdpMid: candidate.sdpMid ?? undefined,
					sdpMLineIndex: candidate.sdpMLineIndex ?? undefined
				});
		}
	}

	async function call() {
		const created = newPeerConnection();
		watch(created.createDataChannel(label));
		const offer = await created.createOffer();
		await created.setLocalDescription(offer);
		signaling?.send({ type: 'offer', sdp: created.localDescription?.sdp ?? offer.sdp });
	}

	/** Sends our current description again (the other side reconnected and may have lost it). */
	function resendLocal() {
		const local = pc?.localDescription;
		if (local) signaling?.send({ type: local.type as 'offer' | 'answer', sdp: local.sdp });
	}

	async function handle(message: ServerMessage) {
		switch (message.type) {
			case 'joined':
				// A caller that (re)joins a room where the callee waits offers at once; one that got
				// its seat back mid-call re-sends its offer if the call is not up yet.
				if (role === 'caller' && message.peers.length > 0) {
					if (message.resumed && pc && pc.connectionState !== 'connected') resendLocal();
					else if (!message.resumed || !pc) await call();
				} else if (role === 'callee' && message.resumed && pc) resendLocal();
				break;
			case 'peer-joined':
				if (message.resumed && pc) {
					// The same peer, reconnected: what we sent may have been lost on the way.
					if (pc.connectionState !== 'connected') resendLocal();
				} else if (role === 'caller') await call();
				break;
			case 'offer': {
				// The same offer again (the caller reconnected): answer it again, nothing else.
				if (pc && appliedOffer === message.sdp) {
					resendLocal();
					break;
				}
				// A further offer on a live call (the lab's "Restart ICE" / "Force TURN now") is a
				// renegotiation: it goes to the same RTCPeerConnection. A new one would answer with
				// another DTLS fingerprint and break the call.
				const target = pc?.remoteDescription ? pc : newPeerConnection();
				await target.setRemoteDescription({ type: 'offer', sdp: message.sdp });
				appliedOffer = message.sdp;
				const answer = await target.createAnswer();
				await target.setLocalDescription(answer);
				signaling?.send({ type: 'answer', sdp: target.localDescription?.sdp ?? answer.sdp });
				await addCandidates();
				break;
			}
			case 'answer':
				// An answer we already applied (sent again after a reconnect) changes nothing.
				if (pc?.signalingState !== 'have-local-offer') break;
				await pc.setRemoteDescription({ type: 'answer', sdp: message.sdp });
				await addCandidates();
				break;
			case 'candidate':
				pending.push(message.candidate);
				await addCandidates();
				break;
			case 'bye':
			case 'peer-left':
				hangUp();
				break;
			case 'error':
				log(`signaling error ${message.code}: ${message.message}`);
				break;
		}
	}

	return new Promise<NodePeer>((resolve, reject) => {
		let started = false;
		const peer: NodePeer = {
			messages,
			signals,
			get role() {
				return role;
			},
			get peerId() {
				return peerId;
			},
			get connectionState() {
				return pc?.connectionState ?? 'none';
			},
			get signalingStatus() {
				return signaling!.status;
			},
			send(text) {
				if (channel?.readyState !== 'open') throw new Error('node peer: no open data channel');
				channel.send(text);
			},
			waitForOpen: (timeoutMs = 15_000) =>
				until(() => channel?.readyState === 'open', timeoutMs, 'an open data channel'),
			async waitForMessage(match = () => true, timeoutMs = 15_000) {
				const test =
					typeof match === 'string'
						? (text: string) => text === match
						: match instanceof RegExp
							? (text: string) => match.test(text)
							: match;
				await until(() => messages.some(test), timeoutMs, `a message matching ${String(match)}`);
				return messages.find(test)!;
			},
			async close() {
				signaling?.send({ type: 'bye' });
				hangUp();
				signaling?.close();
				await queue;
			}
		};

		signaling = connectSignaling({
			url: options.url,
			room: options.room,
			WebSocket,
			onStatus(status) {
				log(`signaling: ${JSON.stringify(status)}`);
				if (status.state === 'closed' && !started) {
					started = true;
					reject(
						new Error(`node peer: ${status.code ?? 'closed'}: ${JSON.stringify(status.reason)}`)
					);
				}
			},
			onMessage(message) {
				signals.push(message);
				if (message.type === 'joined') {
					role = message.role;
					peerId = message.peerId;
				}
				if (message.type === 'joined' && !started) {
					started = true;
					resolve(peer);
				}
				queue = queue
					.then(() => handle(message))
					.catch((error: Error) => log(`node peer: ${message.type} failed: ${error.message}`));
			}
		});
	});
}
