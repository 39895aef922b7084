import { describe, expect, it } from 'vitest';
import { createActor, fromCallback, fromPromise, waitFor, type AnyStateNode } from 'xstate';
import { getAdjacencyMap } from 'xstate/graph';
import type { RelayMessage, ServerMessage } from '$lib/core/signaling/protocol';
import { leafState } from './machine';
import {
	remoteHeldAt,
	remoteMachine,
	type RemoteEvent,
	type SignalingCommand
} from './remote-machine';
import { HISTORY_REASON } from './jsep';
import type { Description, PeerId, PeersCommand, PeersHandle, PeersInput } from './types';
import type { LogEvent } from './log-labels';
import { logLabelText } from '$lib/components/sequence-words';

const offer: Description = { type: 'offer', sdp: 'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\n' };
const answer: Description = { type: 'answer', sdp: 'v=0\r\no=- 2 1 IN IP4 0.0.0.0\r\n' };
const restartOffer: Description = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\n' };

/** Fake actors; `sent` collects what the machine asked the signaling actor to send. */
function fakeRemote(sent: RelayMessage[] = [], peerCommands: PeersCommand[] = []) {
	return remoteMachine.provide({
		actors: {
			signaling: fromCallback<SignalingCommand, { room: string; via: 'server' | 'broadcast' }>(
				({ receive }) => {
					receive((command) => {
						if (command.type === 'send') sent.push(command.message);
					});
				}
			),
			peerConnection: fromCallback<PeersCommand, PeersInput>(({ sendBack, receive }) => {
				receive((command) => {
					peerCommands.push(command);
					if (command.type === 'close') sendBack({ type: 'pc.closed', atMs: 1 });
				});
				sendBack({
					type: 'pc.created',
					peers: { kind: 'peers' },
					initial: { A: { signalingState: 'stable', connectionState: 'new' } }
				});
			}),
			addMedia: fromPromise(async (): Promise<Partial<Record<PeerId, MediaStream>>> => ({})),
			createDataChannel: fromPromise(async (): Promise<void> => {}),
			createOffer: fromPromise(async () => offer),
			createAnswer: fromPromise(async () => answer),
			setLocalDescription: fromPromise(async ({ input }) => input.description),
			setRemoteDescription: fromPromise(async (): Promise<void> => {}),
			restartIce: fromPromise(async () => restartOffer),
			pollStats: fromCallback(() => undefined)
		}
	});
}

const server = (message: ServerMessage): RemoteEvent => ({ type: 'signal.message', message });
const joined = (role: 'caller' | 'callee', peers: string[] = []) =>
	server({ type: 'joined', room: 'r', peerId: role === 'caller' ? 'p1' : 'p2', role, peers });
const connected = (value = 'connected'): RemoteEvent => ({
	type: 'pc.connectionstatechange',
	peer: 'A',
	value,
	atMs: 9
});
const hostCandidate: RemoteEvent = {
	type: 'pc.icecandidate',
	peer: 'A',
	candidate: 'candidate:1 1 udp 2122260223 192.0.2.1 5000 typ host',
	sdpMid: '0',
	sdpMLineIndex: 0,
	atMs: 1
};
const endOfCandidates: RemoteEvent = {
	type: 'pc.icecandidate',
	peer: 'A',
	candidate: null,
	sdpMid: null,
	sdpMLineIndex: null,
	atMs: 2
};
/** The diagram's arrows and notes as `from>to label`. */
const arrows = (actor: { getSnapshot(): { context: { log: LogEvent[] } } }) =>
	actor.getSnapshot().context.log.map((e) => `${e.from}>${e.to} ${logLabelText(e.label, 'en')}`);
const stateOf = (actor: { getSnapshot(): { value: unknown } }) =>
	leafState(actor.getSnapshot().value);

describe('remote lab machine, with fake actors', () => {
	it('waits for the room before any step', () => {
		const actor = createActor(fakeRemote(), { input: { room: 'r' } }).start();
		actor.send({ type: 'lab.step' });
		expect(stateOf(actor)).toBe('idle');
		actor.send(joined('caller'));
		actor.send({ type: 'lab.step' });
		expect(stateOf(actor)).toBe('peerCreated');
		// pc.created brought the new connection's starting states, at 0 ms.
		const { states } = actor.getSnapshot().context.you;
		expect(states.signalingState).toEqual([{ value: 'stable', atMs: 0 }]);
		expect(states.connectionState).toEqual([{ value: 'new', atMs: 0 }]);
	});

	it('a dropped signaling socket is announced while it lasts and after it is back', () => {
		const actor = createActor(fakeRemote(), { input: { room: 'r' } }).start();
		const status = (status: Extract<RemoteEvent, { type: 'signal.status' }>['status']) =>
			actor.send({ type: 'signal.status', status });
		status({ state: 'open', peerId: 'p2', role: 'callee' });
		expect(actor.getSnapshot().context.notice).toBeNull();
		status({
			state: 'reconnecting',
			attempt: 1,
			delayMs: 250,
			reason: { kind: 'socket-closed', code: 1006 }
		});
		expect(actor.getSnapshot().context.notice).toEqual({
			kind: 'reconnecting',
			reason: { kind: 'socket-closed', code: 1006 },
			seconds: 0.3,
			attempt: 1
		});
		status({ state: 'connecting', attempt: 1 });
		status({ state: 'open', peerId: 'p3', role: 'callee' });
		expect(actor.getSnapshot().context.notice).toEqual({
			kind: 'reconnected',
			attempt: 1,
			seat: null
		});
		expect(actor.getSnapshot().context.signals.slice(-2)).toEqual([
			{ direction: 'sent', type: 'join' },
			{ direction: 'received', type: 'joined' }
		]);
	});

	it('caller: offers once the callee is in the room, then applies the answer', async () => {
		const sent: RelayMessage[] = [];
		const actor = createActor(fakeRemote(sent), { input: { room: 'r', delayMs: 0 } }).start();
		actor.send(joined('caller'));
		actor.send({ type: 'lab.run' });
		// Nobody to send to yet: the step says it waits.
		await waitFor(actor, (s) => leafState(s.value) === 'sendingOffer');
		expect(sent).toEqual([]);
		actor.send(server({ type: 'peer-joined', peerId: 'p2' }));
		expect(stateOf(actor)).toBe('waitingForAnswer');
		expect(sent).toEqual([{ type: 'offer', sdp: offer.sdp }]);

		actor.send(server({ type: 'answer', sdp: answer.sdp, from: 'p2' }));
		await waitFor(actor, (s) => leafState(s.value) === 'iceChecking');
		actor.send(connected());
		expect(stateOf(actor)).toBe('connected');
		const { context } = actor.getSnapshot();
		expect(context.answer).toEqual(answer);
		expect(context.incoming).toBeNull();
		expect(context.log.map((e) => `${e.from}>${e.to} ${logLabelText(e.label, 'en')}`)).toEqual(
			expect.arrayContaining([
				'A>S offer (SDP)',
				'S>B offer (SDP)',
				'B>S answer (SDP)',
				'S>A answer (SDP)'
			])
		);
	});

	it('callee: waits for the offer, answers it, and early candidates reach the new peer', async () => {
		const sent: RelayMessage[] = [];
		const commands: PeersCommand[] = [];
		const actor = createActor(fakeRemote(sent, commands), {
			input: { room: 'r', delayMs: 0 }
		}).start();
		actor.send(joined('callee', ['p1']));
		// A candidate before this page has a peer connection is kept for later.
		actor.send(
			server({
				type: 'candidate',
				candidate: { candidate: 'candidate:1 1 udp 1 192.0.2.1 9 typ host', sdpMid: '0' },
				from: 'p1'
			})
		);
		actor.send({ type: 'lab.step' });
		expect(stateOf(actor)).toBe('peerCreated');
		expect(commands.map((c) => c.type)).toEqual(['signal.candidate']);

		actor.send({ type: 'lab.step' });
		expect(stateOf(actor)).toBe('waitingForOffer');
		actor.send(server({ type: 'offer', sdp: offer.sdp, from: 'p1' }));
		expect(stateOf(actor)).toBe('offerReceived');

		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'iceChecking');
		expect(sent).toEqual([{ type: 'answer', sdp: answer.sdp }]);
		actor.send(connected());
		expect(stateOf(actor)).toBe('connected');

		// An ICE restart from the caller is answered at once.
		actor.send(server({ type: 'offer', sdp: restartOffer.sdp, from: 'p1' }));
		await waitFor(actor, (s) => leafState(s.value) === 'remoteOfferSet');
	});

	it('caller: a failed connection offers an ICE restart that sends a new offer', async () => {
		const sent: RelayMessage[] = [];
		const actor = createActor(fakeRemote(sent), { input: { room: 'r', delayMs: 0 } }).start();
		actor.send(joined('caller', []));
		actor.send(server({ type: 'peer-joined', peerId: 'p2' }));
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'waitingForAnswer');
		actor.send(server({ type: 'answer', sdp: answer.sdp, from: 'p2' }));
		await waitFor(actor, (s) => leafState(s.value) === 'iceChecking');
		actor.send(connected('failed'));
		expect(stateOf(actor)).toBe('failed');
		actor.send({ type: 'lab.restartIce' });
		await waitFor(actor, (s) => leafState(s.value) === 'waitingForAnswer');
		expect(sent.at(-1)).toEqual({ type: 'offer', sdp: restartOffer.sdp });
		expect(actor.getSnapshot().context.history.at(-1)?.reason).toBe('ICE restart');
	});

	it('says a refused new room (too-many-rooms) as a notice, not as a failed step', () => {
		const actor = createActor(fakeRemote([]), { input: { room: 'r' } }).start();
		actor.send(server({ type: 'error', code: 'too-many-rooms', message: 'Too many new rooms.' }));
		expect(actor.getSnapshot().context.notice).toEqual({ kind: 'too-many-rooms' });
		expect(actor.getSnapshot().context.error).toBeNull();
	});

	it('reports room-full and peer-left in words; candidates wait for a peer instead of vanishing', () => {
		const sent: RelayMessage[] = [];
		const actor = createActor(fakeRemote(sent), { input: { room: 'r' } }).start();
		actor.send(
			server({ type: 'error', code: 'room-full', message: 'The room already holds two peers.' })
		);
		expect(actor.getSnapshot().context.error).toMatchObject({ name: 'room-full' });
		actor.send(joined('caller'));
		// Joining clears the refusal.
		expect(actor.getSnapshot().context.error).toBeNull();
		actor.send(server({ type: 'peer-joined', peerId: 'p2' }));
		actor.send(server({ type: 'peer-left', peerId: 'p2' }));
		expect(actor.getSnapshot().context.notice).toEqual({ kind: 'peer-left' });
		actor.send({ type: 'lab.step' });
		actor.send(hostCandidate);
		// Nobody to deliver to: held, and drawn as held.
		expect(sent).toEqual([]);
		expect(arrows(actor).at(-1)).toBe(
			'A>A held, not sent (no remote peer in the room yet): candidate host udp'
		);
		actor.send(server({ type: 'peer-joined', peerId: 'p3' }));
		expect(sent).toEqual([
			{ type: 'candidate', candidate: expect.objectContaining({ sdpMid: '0' }) }
		]);
		expect(arrows(actor).slice(-2)).toEqual([
			'A>S candidate host udp (was held)',
			'S>B candidate host udp (was held)'
		]);
	});

	it('a caller that starts alone holds its candidates until the callee arrives, then sends the offer first', async () => {
		const sent: RelayMessage[] = [];
		const actor = createActor(fakeRemote(sent), { input: { room: 'r', delayMs: 0 } }).start();
		actor.send(joined('caller'));
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'sendingOffer');
		actor.send(hostCandidate);
		actor.send(endOfCandidates);
		expect(sent).toEqual([]);
		expect(actor.getSnapshot().context.error).toBeNull();
		actor.send(server({ type: 'peer-joined', peerId: 'p2' }));
		expect(stateOf(actor)).toBe('waitingForAnswer');
		expect(sent.map((m) => m.type)).toEqual(['offer', 'candidate', 'candidate']);
		expect(sent[2]).toEqual({ type: 'candidate', candidate: null });
		expect(actor.getSnapshot().context.error).toBeNull();
		// Nothing is re-sent to the same peer a second time.
		actor.send(server({ type: 'peer-joined', peerId: 'p2' }));
		expect(sent).toHaveLength(3);
	});

	it('draws every message that crosses the server, presence and errors included', async () => {
		const sent: RelayMessage[] = [];
		const actor = createActor(fakeRemote(sent), { input: { room: 'r', delayMs: 0 } }).start();
		actor.send(joined('caller'));
		actor.send(server({ type: 'peer-joined', peerId: 'p2' }));
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'waitingForAnswer');
		actor.send(hostCandidate);
		actor.send(server({ type: 'answer', sdp: answer.sdp, from: 'p2' }));
		await waitFor(actor, (s) => leafState(s.value) === 'iceChecking');
		actor.send(
			server({
				type: 'candidate',
				candidate: { candidate: 'candidate:2 1 udp 1 192.0.2.2 9 typ host', sdpMid: '0' },
				from: 'p2'
			})
		);
		actor.send(connected());
		actor.send(
			server({ type: 'error', code: 'rate-limited', message: 'Too many messages too fast.' })
		);
		actor.send({ type: 'lab.hangup' });
		actor.send(server({ type: 'bye', from: 'p2' }));
		actor.send(server({ type: 'peer-left', peerId: 'p2' }));
		expect(arrows(actor).filter((a) => !a.startsWith('A>A'))).toEqual([
			'A>S join',
			'S>A joined (caller)',
			'S>A peer-joined',
			'A>S offer (SDP)',
			'S>B offer (SDP)',
			'A>S candidate host udp',
			'S>B candidate host udp',
			'B>S answer (SDP)',
			'S>A answer (SDP)',
			'B>S candidate host udp',
			'S>A candidate host udp',
			'S>A error: rate-limited',
			'A>S bye',
			'S>B bye',
			'B>S bye',
			'S>A bye',
			'S>A peer-left'
		]);
		expect(sent.at(-1)).toEqual({ type: 'bye' });
		// Reset starts a new diagram with the room as it stands.
		actor.send({ type: 'lab.reset' });
		expect(arrows(actor)).toEqual(['A>S join', 'S>A joined (caller)']);
	});

	it('a rejoin in the middle of the exchange sends again what may have been lost; the role stays', async () => {
		const sent: RelayMessage[] = [];
		const actor = createActor(fakeRemote(sent), { input: { room: 'r', delayMs: 0 } }).start();
		const status = (s: Extract<RemoteEvent, { type: 'signal.status' }>['status']) =>
			actor.send({ type: 'signal.status', status: s });
		status({ state: 'open', peerId: 'p1', role: 'caller' });
		actor.send(joined('caller'));
		actor.send(server({ type: 'peer-joined', peerId: 'p2' }));
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'waitingForAnswer');
		actor.send(hostCandidate);
		expect(sent.map((m) => m.type)).toEqual(['offer', 'candidate']);

		// The server restarted: the socket drops, a candidate gathered meanwhile is held.
		status({
			state: 'reconnecting',
			attempt: 1,
			delayMs: 500,
			reason: { kind: 'socket-closed', code: 1006 }
		});
		actor.send({ ...hostCandidate, candidate: 'candidate:3 1 udp 1 192.0.2.3 5001 typ host' });
		expect(sent).toHaveLength(2);
		// The callee came back first, so the server offers this page the callee seat: refused.
		status({ state: 'open', peerId: 'p5', role: 'callee' });
		actor.send(server({ type: 'joined', room: 'r', peerId: 'p5', role: 'callee', peers: ['p4'] }));
		const { context } = actor.getSnapshot();
		expect(context.role).toBe('caller');
		// It stays the caller (and says so), then sends again what the new pairing missed.
		expect(context.notice).toMatchObject({
			kind: 'resent',
			earlier: { kind: 'role-kept', given: 'callee', kept: 'caller' }
		});
		// Everything of this negotiation went out again to the new pairing, in order.
		expect(sent.slice(2)).toEqual([
			{ type: 'offer', sdp: offer.sdp },
			expect.objectContaining({ type: 'candidate' }),
			{
				type: 'candidate',
				candidate: expect.objectContaining({ candidate: expect.stringContaining('192.0.2.3') })
			}
		]);
		expect(arrows(actor)).toContain('A>S offer (SDP) (sent again)');
		expect(arrows(actor)).toContain('A>S candidate host udp (was held)');
		expect(stateOf(actor)).toBe('waitingForAnswer');
		// The answer still completes the exchange.
		actor.send(server({ type: 'answer', sdp: answer.sdp, from: 'p4' }));
		await waitFor(actor, (s) => leafState(s.value) === 'iceChecking');
		// An answer sent again by the callee is recognised and ignored.
		actor.send(server({ type: 'answer', sdp: answer.sdp, from: 'p4' }));
		expect(actor.getSnapshot().context.incoming).toBeNull();
	});

	it('callee: an offer sent again after a reconnect is ignored, and its answer goes out again', async () => {
		const sent: RelayMessage[] = [];
		const actor = createActor(fakeRemote(sent), { input: { room: 'r', delayMs: 0 } }).start();
		actor.send(joined('callee', ['p1']));
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'waitingForOffer');
		actor.send(server({ type: 'offer', sdp: offer.sdp, from: 'p1' }));
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'iceChecking');
		expect(sent).toEqual([{ type: 'answer', sdp: answer.sdp }]);
		// The caller dropped and rejoined: peer-left, peer-joined, then its offer again.
		actor.send(server({ type: 'peer-left', peerId: 'p1' }));
		actor.send(server({ type: 'peer-joined', peerId: 'p1b', resumed: true }));
		expect(sent.at(-1)).toEqual({ type: 'answer', sdp: answer.sdp });
		expect(actor.getSnapshot().context.notice).toMatchObject({
			kind: 'resent',
			descriptions: ['answer']
		});
		actor.send(server({ type: 'offer', sdp: offer.sdp, from: 'p1b' }));
		expect(actor.getSnapshot().context.incoming).toBeNull();
		expect(stateOf(actor)).toBe('iceChecking');
	});

	it('a new peer after the old one left starts the session afresh, in the role the server gives', async () => {
		const sent: RelayMessage[] = [];
		const actor = createActor(fakeRemote(sent), { input: { room: 'r', delayMs: 0 } }).start();
		actor.send({ type: 'signal.status', status: { state: 'open', peerId: 'p2', role: 'callee' } });
		actor.send(joined('callee', ['p1']));
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'waitingForOffer');
		actor.send(server({ type: 'offer', sdp: offer.sdp, from: 'p1' }));
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'iceChecking');
		actor.send(connected());
		// The caller's tab was reloaded: it left, and (tabs mode) this page is now the caller.
		actor.send(server({ type: 'peer-left', peerId: 'p1' }));
		actor.send({ type: 'signal.status', status: { state: 'open', peerId: 'p2', role: 'caller' } });
		expect(actor.getSnapshot().context.role).toBe('callee');
		actor.send(server({ type: 'peer-joined', peerId: 'p9' }));
		expect(stateOf(actor)).toBe('idle');
		const { context } = actor.getSnapshot();
		expect(context.role).toBe('caller');
		expect(context.offer).toBeNull();
		expect(context.notice).toEqual({ kind: 'fresh-start', role: 'caller' });
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'waitingForAnswer');
		expect(sent.at(-1)).toEqual({ type: 'offer', sdp: offer.sdp });
	});

	it('no-peer and room-full while rejoining are notices, not errors', () => {
		const actor = createActor(fakeRemote(), { input: { room: 'r' } }).start();
		actor.send(joined('caller'));
		actor.send(server({ type: 'error', code: 'no-peer', message: 'Nobody else is in the room.' }));
		actor.send(
			server({ type: 'error', code: 'room-full', message: 'The room already holds two.' })
		);
		const { context } = actor.getSnapshot();
		expect(context.error).toBeNull();
		expect(context.notice).toEqual({ kind: 'rejoin-full' });
		expect(arrows(actor).slice(-2)).toEqual(['S>A error: no-peer', 'S>A error: room-full']);
	});
});

describe('remote lab machine, told as the loopback lab tells it', () => {
	type PollInput = { intervalMs: number; controlling: PeerId[]; waitFirst?: boolean };
	const polling = (polls: PollInput[]) =>
		fakeRemote().provide({
			actors: {
				pollStats: fromCallback<{ type: 'noop' }, PollInput & { peers: PeersHandle }>(
					({ input }) => {
						polls.push({
							intervalMs: input.intervalMs,
							controlling: input.controlling,
							...(input.waitFirst ? { waitFirst: true } : {})
						});
					}
				)
			}
		});

	it('ICE checking polls stats (the pair grid follows the checks); the caller is controlling', async () => {
		for (const role of ['caller', 'callee'] as const) {
			const polls: PollInput[] = [];
			const actor = createActor(polling(polls), { input: { room: 'r', delayMs: 0 } }).start();
			actor.send(joined(role, [role === 'caller' ? 'p2' : 'p1']));
			if (role === 'callee') actor.send(server({ type: 'offer', sdp: offer.sdp, from: 'p1' }));
			actor.send({ type: 'lab.run' });
			if (role === 'caller') {
				await waitFor(actor, (s) => leafState(s.value) === 'waitingForAnswer');
				actor.send(server({ type: 'answer', sdp: answer.sdp, from: 'p2' }));
			}
			await waitFor(actor, (s) => leafState(s.value) === 'iceChecking');
			const controlling: PeerId[] = role === 'caller' ? ['A'] : [];
			expect(polls, role).toEqual([{ intervalMs: 200, controlling, waitFirst: true }]);
			actor.send({
				type: 'stats.report',
				summaries: { A: { selectedPair: null, foundBy: null } }
			});
			expect(actor.getSnapshot().context.stats, role).not.toBeNull();
			actor.send(connected());
			expect(polls.at(-1), role).toEqual({ intervalMs: 1000, controlling });
		}
	});

	it('a hold (a lesson’s unanswered prediction) stops "Next step" and "Run to connected" before it', async () => {
		const actor = createActor(fakeRemote(), {
			input: { room: 'r', delayMs: 0, holdBefore: ['offerCreated'] }
		}).start();
		actor.send(joined('caller', ['p2']));
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'dataChannelCreated' && !s.context.autoRun);
		expect(remoteHeldAt('dataChannelCreated', actor.getSnapshot().context.holdBefore)).toBe(
			'offerCreated'
		);
		expect(actor.getSnapshot().context.runHeld).toBe(true);
		actor.send({ type: 'lab.step' });
		expect(stateOf(actor)).toBe('dataChannelCreated');
		// Answered: the hold is lifted and the run goes on.
		actor.send({ type: 'lab.hold', states: [] });
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'waitingForAnswer');
		expect(actor.getSnapshot().context.runHeld).toBe(false);
		// Kept across "Reset": the idle lab cannot start while peer creation is held.
		actor.send({ type: 'lab.hold', states: ['peerCreated'] });
		actor.send({ type: 'lab.reset' });
		actor.send({ type: 'lab.step' });
		expect(stateOf(actor)).toBe('idle');
		expect(remoteHeldAt('idle', ['peerCreated'])).toBe('peerCreated');
	});

	it('keeps description versions for the same reasons as the loopback lab', async () => {
		const gathered = (d: Description): Description => ({
			...d,
			sdp: `${d.sdp}a=candidate:1 1 udp 1 192.0.2.1 9 typ host\r\n`
		});
		const machine = fakeRemote().provide({
			actors: { setLocalDescription: fromPromise(async ({ input }) => gathered(input.description)) }
		});
		const actor = createActor(machine, { input: { room: 'r', delayMs: 0 } }).start();
		actor.send(joined('caller', ['p2']));
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'waitingForAnswer');
		actor.send(server({ type: 'answer', sdp: answer.sdp, from: 'p2' }));
		await waitFor(actor, (s) => leafState(s.value) === 'iceChecking');
		expect(actor.getSnapshot().context.history.map((v) => [v.from, v.reason])).toEqual([
			['A', 'createOffer()'],
			['A', HISTORY_REASON.local],
			['B', HISTORY_REASON.signaled]
		]);
	});

	it('"Run to connected" is refused once nothing is left to play (iceChecking, connected)', async () => {
		const actor = createActor(fakeRemote(), { input: { room: 'r', delayMs: 0 } }).start();
		actor.send(joined('callee', ['p1']));
		actor.send(server({ type: 'offer', sdp: offer.sdp, from: 'p1' }));
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'iceChecking');
		expect(actor.getSnapshot().can({ type: 'lab.run' })).toBe(false);
		actor.send(connected());
		expect(actor.getSnapshot().can({ type: 'lab.run' })).toBe(false);
		actor.send({ type: 'lab.run' });
		expect(actor.getSnapshot().context.autoRun).toBe(false);
	});
});

/** What Chromium says to an offer with a line it cannot parse (the hostile peer's `garbage line`). */
const refused = () =>
	Object.assign(
		new Error(
			"Failed to execute 'setRemoteDescription' on 'RTCPeerConnection': Failed to parse SessionDescription. garbage line Expect line: a="
		),
		{ name: 'OperationError' }
	);
const hostileOffer: Description = { type: 'offer', sdp: `${offer.sdp}garbage line\r\n` };

/**
 * A browser call that refuses some inputs, counting every call. A step that retried the same input
 * forever would hang the test (and the learner's tab): after a few calls the fake stops answering,
 * so such a machine stays in its "doing" state and the assertions below say so.
 */
function refusing<I, O>(refuse: (input: I) => boolean, ok: (input: I) => O) {
	const calls: I[] = [];
	const actor = fromPromise<O, I>(async ({ input }) => {
		calls.push(input);
		if (calls.length > 3) return new Promise<O>(() => {});
		if (refuse(input)) throw refused();
		return ok(input);
	});
	return { calls, actor };
}

describe('remote lab machine, a refused description or call', () => {
	type SrdInput = { peers: PeersHandle; peer: PeerId; description: Description };
	const hostile = (input: SrdInput) => input.description.sdp.includes('garbage');

	it('callee: an offer setRemoteDescription refuses fails once, says which step and why, and can be reset', async () => {
		const sent: RelayMessage[] = [];
		const srd = refusing<SrdInput, void>(hostile, () => undefined);
		const machine = fakeRemote(sent).provide({ actors: { setRemoteDescription: srd.actor } });
		const actor = createActor(machine, { input: { room: 'r', delayMs: 0 } }).start();
		actor.send(joined('callee', ['p1']));
		actor.send(server({ type: 'offer', sdp: hostileOffer.sdp, from: 'p1' }));
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'failed');
		// Every pending callback has run: a machine that retried would have called again by now.
		await new Promise((resolve) => setTimeout(resolve));
		expect(srd.calls).toHaveLength(1);
		expect(stateOf(actor)).toBe('failed');
		let { context } = actor.getSnapshot();
		expect(context.error).toEqual({
			step: 'settingRemoteOffer',
			name: 'OperationError',
			message: refused().message
		});
		expect(context.autoRun).toBe(false);
		// The refused offer is out of the inbox; the same offer sent again is not tried again.
		expect(context.incoming).toBeNull();
		actor.send(server({ type: 'offer', sdp: hostileOffer.sdp, from: 'p1' }));
		await new Promise((resolve) => setTimeout(resolve));
		expect(srd.calls).toHaveLength(1);
		expect(arrows(actor).at(-1)).toBe('A>A refused this offer before: ignored');
		expect(sent).toEqual([]);

		// Reset, and a good offer is answered.
		actor.send({ type: 'lab.reset' });
		expect(stateOf(actor)).toBe('idle');
		expect(actor.getSnapshot().context.error).toBeNull();
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'waitingForOffer');
		actor.send(server({ type: 'offer', sdp: offer.sdp, from: 'p1' }));
		await waitFor(actor, (s) => leafState(s.value) === 'iceChecking');
		expect(srd.calls).toHaveLength(2);
		({ context } = actor.getSnapshot());
		expect(context.error).toBeNull();
		expect(sent).toEqual([{ type: 'answer', sdp: answer.sdp }]);
	});

	it('callee: a refused renegotiation offer on a live call fails once', async () => {
		const srd = refusing<SrdInput, void>(hostile, () => undefined);
		const machine = fakeRemote().provide({ actors: { setRemoteDescription: srd.actor } });
		const actor = createActor(machine, { input: { room: 'r', delayMs: 0 } }).start();
		actor.send(joined('callee', ['p1']));
		actor.send(server({ type: 'offer', sdp: offer.sdp, from: 'p1' }));
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'iceChecking');
		actor.send(connected());
		actor.send(server({ type: 'offer', sdp: hostileOffer.sdp, from: 'p1' }));
		await waitFor(actor, (s) => leafState(s.value) === 'failed');
		await new Promise((resolve) => setTimeout(resolve));
		expect(srd.calls.map((c) => c.description.sdp)).toEqual([offer.sdp, hostileOffer.sdp]);
		expect(actor.getSnapshot().context.error?.step).toBe('settingRemoteOffer');
	});

	it('caller: a refused answer fails once; an ICE restart afterwards waits for a new answer', async () => {
		const sent: RelayMessage[] = [];
		const srd = refusing<SrdInput, void>(hostile, () => undefined);
		const machine = fakeRemote(sent).provide({ actors: { setRemoteDescription: srd.actor } });
		const actor = createActor(machine, { input: { room: 'r', delayMs: 0 } }).start();
		actor.send(joined('caller', ['p2']));
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'waitingForAnswer');
		actor.send(server({ type: 'answer', sdp: `${answer.sdp}garbage line\r\n`, from: 'p2' }));
		await waitFor(actor, (s) => leafState(s.value) === 'failed');
		await new Promise((resolve) => setTimeout(resolve));
		expect(srd.calls).toHaveLength(1);
		expect(actor.getSnapshot().context.error?.step).toBe('settingRemoteAnswer');
		expect(actor.getSnapshot().context.incoming).toBeNull();
		actor.send({ type: 'lab.restartIce' });
		await waitFor(actor, (s) => leafState(s.value) === 'waitingForAnswer');
		await new Promise((resolve) => setTimeout(resolve));
		expect(stateOf(actor)).toBe('waitingForAnswer');
		expect(srd.calls).toHaveLength(1);
	});

	it('a candidate addIceCandidate refused is said, once, and the session goes on', async () => {
		const actor = createActor(fakeRemote(), { input: { room: 'r', delayMs: 0 } }).start();
		actor.send(joined('callee', ['p1']));
		actor.send(server({ type: 'offer', sdp: offer.sdp, from: 'p1' }));
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'iceChecking');
		actor.send({
			type: 'pc.candidaterefused',
			peer: 'A',
			candidate: 'candidate:garbage',
			name: 'OperationError',
			message: 'Error processing ICE candidate',
			atMs: 3
		});
		expect(stateOf(actor)).toBe('iceChecking');
		const { context } = actor.getSnapshot();
		expect(context.notice).toEqual({
			kind: 'candidate-refused',
			candidate: 'candidate:garbage',
			name: 'OperationError',
			message: 'Error processing ICE candidate'
		});
		expect(arrows(actor).at(-1)).toBe('A>A addIceCandidate refused: candidate ?');
	});

	const always = () => true;
	const cases = [
		{
			step: 'creatingOffer',
			role: 'caller',
			provide: (actor: unknown) => ({ createOffer: actor })
		},
		{
			step: 'settingLocalOffer',
			role: 'caller',
			provide: (actor: unknown) => ({ setLocalDescription: actor })
		},
		{
			step: 'creatingAnswer',
			role: 'callee',
			provide: (actor: unknown) => ({ createAnswer: actor })
		},
		{
			step: 'settingLocalAnswer',
			role: 'callee',
			provide: (actor: unknown) => ({ setLocalDescription: actor })
		}
	] as const;
	for (const { step, role, provide } of cases) {
		it(`${role}: a refusal in ${step} fails once, with the step named, and can be reset`, async () => {
			const r = refusing<unknown, never>(always, () => {
				throw new Error('unreachable');
			});
			const machine = fakeRemote().provide({ actors: provide(r.actor) as never });
			const actor = createActor(machine, { input: { room: 'r', delayMs: 0 } }).start();
			actor.send(joined(role, [role === 'caller' ? 'p2' : 'p1']));
			if (role === 'callee') actor.send(server({ type: 'offer', sdp: offer.sdp, from: 'p1' }));
			actor.send({ type: 'lab.run' });
			await waitFor(actor, (s) => leafState(s.value) === 'failed');
			await new Promise((resolve) => setTimeout(resolve));
			expect(r.calls).toHaveLength(1);
			expect(actor.getSnapshot().context.error).toMatchObject({ step, name: 'OperationError' });
			actor.send({ type: 'lab.reset' });
			expect(stateOf(actor)).toBe('idle');
			expect(actor.getSnapshot().context.error).toBeNull();
		});
	}
});

// Enumerating every reachable state takes a few seconds; allow for a busy CI machine.
describe('remote lab machine graph', { timeout: 30_000 }, () => {
	const machine = fakeRemote();
	const nodes = (root: AnyStateNode): AnyStateNode[] => [
		root,
		...Object.values(root.states).flatMap(nodes)
	];
	const allNodes = nodes(machine.root);
	const isActive = (snapshot: { matches(value: never): boolean }, node: AnyStateNode) =>
		node.path.length === 0 || snapshot.matches(node.path.join('.') as never);

	it('every state is reached by some path, as caller or callee', () => {
		const events = (type: string): RemoteEvent[] => {
			if (type.startsWith('xstate.done.actor.'))
				return [{ type, output: type.includes('Answer') ? answer : offer } as never];
			if (type.startsWith('xstate.error.actor.')) return [{ type, error: new Error('x') } as never];
			if (type.startsWith('xstate.')) return [{ type } as never];
			switch (type) {
				case 'signal.message':
					return [
						joined('caller'),
						joined('callee', ['p1']),
						server({ type: 'peer-joined', peerId: 'p2' }),
						server({ type: 'offer', sdp: offer.sdp, from: 'p1' }),
						server({ type: 'answer', sdp: answer.sdp, from: 'p2' })
					];
				case 'pc.created':
					return [{ type, peers: { kind: 'peers' } }];
				case 'pc.connectionstatechange':
					return [connected(), connected('failed')];
				case 'pc.closed':
					return [{ type, atMs: 1 }];
				case 'lab.configure':
					return [{ type, config: { mode: 'media' } }];
				case 'lab.step':
				case 'lab.run':
				case 'lab.restartIce':
				case 'lab.forceTurn':
				case 'lab.hangup':
				case 'lab.reset':
					return [{ type }];
				default:
					return [];
			}
		};
		const adjacency = getAdjacencyMap(machine, {
			input: { room: 'r', delayMs: 0 },
			events: (snapshot) =>
				[
					...new Set(
						allNodes.filter((n) => isActive(snapshot, n)).flatMap((n) => [...n.transitions.keys()])
					)
				].flatMap(events),
			serializeState: (s) =>
				JSON.stringify([
					s.value,
					s.context.role,
					s.context.config.mode,
					s.context.autoRun,
					s.context.remotePeerId,
					s.context.incoming?.type,
					s.context.you.states.connectionState.at(-1)?.value
				]),
			limit: 200_000
		});
		const reached = new Set(
			Object.values(adjacency).map(({ state }) => leafState((state as { value: unknown }).value))
		);
		const leaves = allNodes.filter((n) => n.type === 'atomic').map((n) => n.key);
		// sendingAnswer sends and moves on within the same step, so no snapshot ever rests in it.
		expect(leaves.filter((leaf) => !reached.has(leaf))).toEqual(['sendingAnswer']);
	});
});
