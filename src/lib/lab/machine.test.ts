import { beforeAll, describe, expect, it } from 'vitest';
import {
	createActor,
	fromCallback,
	fromPromise,
	SimulatedClock,
	waitFor,
	type AnyStateNode,
	type AnyTransitionDefinition
} from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { heldAt, labMachine, leafState, STEP_LEADS_TO, type Renegotiation } from './machine';
import { lastState } from './peer-view';
import { LAB_STEPS } from './steps';
import { logLabelText } from '$lib/components/sequence-words';
import type {
	Description,
	LabConfig,
	LabEvent,
	MediaChange,
	PeerId,
	PeersCommand,
	PeersHandle,
	PeersInput
} from './types';

const fakeOffer: Description = { type: 'offer', sdp: 'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\n' };
const fakeAnswer: Description = { type: 'answer', sdp: 'v=0\r\no=- 2 1 IN IP4 0.0.0.0\r\n' };
const restartOffer: Description = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\n' };
const restartAnswer: Description = { type: 'answer', sdp: 'v=0\r\no=- 2 2 IN IP4 0.0.0.0\r\n' };
const fakeStream = {} as MediaStream;

/** Fake actors: what the real ones would report, without a browser. */
function fakeLab(log: string[] = []) {
	return labMachine.provide({
		actors: {
			peerConnections: fromCallback<PeersCommand, PeersInput>(({ sendBack, receive }) => {
				receive((command) => {
					log.push(command.type);
					if (command.type === 'close') sendBack({ type: 'pc.closed', atMs: 9 } satisfies LabEvent);
				});
				const initial = {
					signalingState: 'stable',
					iceGatheringState: 'new',
					iceConnectionState: 'new',
					connectionState: 'new'
				};
				sendBack({
					type: 'pc.created',
					peers: { kind: 'peers' },
					initial: { A: initial, B: initial }
				} satisfies LabEvent);
			}),
			addMedia: fromPromise(async (): Promise<Partial<Record<PeerId, MediaStream>>> => ({
				A: fakeStream,
				B: fakeStream
			})),
			createDataChannel: fromPromise(async (): Promise<void> => {}),
			createOffer: fromPromise(async () => fakeOffer),
			createAnswer: fromPromise(async () => fakeAnswer),
			setLocalDescription: fromPromise(async ({ input }) => input.description),
			setRemoteDescription: fromPromise(async (): Promise<void> => {}),
			signal: fromPromise(async ({ input }) => input.description),
			renegotiate: fromPromise(async () => ({ offer: restartOffer, answer: restartAnswer })),
			applyMediaChange: fromPromise(
				async ({
					input
				}: {
					input: {
						peers: PeersHandle;
						change: MediaChange;
						waitForGathering: boolean;
						network: LabConfig['network'];
					};
				}): Promise<Renegotiation | null> =>
					input.change.kind === 'codec' ? { offer: restartOffer, answer: restartAnswer } : null
			),
			pollStats: fromCallback(() => undefined)
		}
	});
}

const connect = (peer: PeerId, value = 'connected'): LabEvent => ({
	type: 'pc.connectionstatechange',
	peer,
	value,
	atMs: 5
});

const stateOf = (actor: { getSnapshot(): { value: unknown } }) =>
	leafState(actor.getSnapshot().value);

describe('lab machine, stepped with fake actors', () => {
	for (const mode of ['datachannel', 'media'] as const) {
		it(`walks every step to connected in ${mode} mode, one "Next step" at a time`, async () => {
			const commands: string[] = [];
			const actor = createActor(fakeLab(commands), { input: { config: { mode } } }).start();
			const expected = LAB_STEPS.filter((s) => !s.mode || s.mode === mode);
			expect(stateOf(actor)).toBe('idle');
			for (const step of expected.slice(0, -1)) {
				actor.send({ type: 'lab.step' });
				await waitFor(actor, (s) => leafState(s.value) === step.done);
				expect(actor.getSnapshot().hasTag('paused') || step.done === 'iceChecking').toBe(true);
			}
			actor.send(connect('A'));
			expect(stateOf(actor)).toBe('iceChecking');
			actor.send(connect('B'));
			expect(stateOf(actor)).toBe('connected');
			const { context } = actor.getSnapshot();
			// pc.created brought each connection's starting states, at 0 ms.
			for (const peer of ['A', 'B'] as const) {
				expect(context.peer[peer].states.signalingState[0]).toEqual({ value: 'stable', atMs: 0 });
				expect(context.peer[peer].states.connectionState.map((s) => s.value)).toEqual([
					'new',
					'connected'
				]);
			}
			expect(context.offer).toEqual(fakeOffer);
			expect(context.answer).toEqual(fakeAnswer);
			expect(context.log.map((e) => e.label)).toContainEqual({ id: 'sdp', type: 'offer' });
			if (mode === 'media') {
				expect(context.peer.A.localStream).toBe(fakeStream);
				// The log names the sources used: synthetic by default, no getUserMedia.
				expect(context.log.map((e) => e.label)).toContainEqual({
					id: 'media',
					device: false,
					canvas: true,
					tone: true
				});
				expect(context.log.map((e) => logLabelText(e.label, 'en'))).toContain(
					'canvas.captureStream() + WebAudio tone + addTrack()'
				);
			}
			actor.send({ type: 'chat.send', from: 'B', text: 'hello' });
			expect(commands).toContain('chat.send');
		});
	}

	it('"Run to connected" plays every step by itself with delay 0', async () => {
		const actor = createActor(fakeLab(), { input: { delayMs: 0 } }).start();
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'iceChecking');
		actor.send(connect('A'));
		actor.send(connect('B'));
		expect(stateOf(actor)).toBe('connected');
		expect(actor.getSnapshot().context.autoRun).toBe(false);
	});

	it('a hold (a lesson’s unanswered prediction) stops "Next step" and "Run to connected" before it', async () => {
		const actor = createActor(fakeLab(), {
			input: { delayMs: 0, holdBefore: ['remoteOfferSet'] }
		}).start();
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'offerSignaled' && !s.context.autoRun);
		expect(heldAt('offerSignaled', actor.getSnapshot().context.holdBefore)).toBe('remoteOfferSet');
		// The run remembers it was stopped by the hold (the lesson page runs on once answered).
		expect(actor.getSnapshot().context.runHeld).toBe(true);
		actor.send({ type: 'lab.step' });
		expect(stateOf(actor)).toBe('offerSignaled');
		// Answered: the hold is lifted and the run goes on.
		actor.send({ type: 'lab.hold', states: ['connected'] });
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'answerSignaled' && !s.context.autoRun);
		expect(actor.getSnapshot().context.runHeld).toBe(true);
		actor.send({ type: 'lab.hold', states: [] });
		actor.send({ type: 'lab.step' });
		await waitFor(actor, (s) => leafState(s.value) === 'iceChecking');
		// Left by a step: forgotten, so an answer there would not start a run.
		expect(actor.getSnapshot().context.runHeld).toBe(false);
		// Kept across "Reset": the idle lab cannot start while peer creation is held.
		actor.send({ type: 'lab.hold', states: ['peersCreated'] });
		actor.send({ type: 'lab.reset' });
		actor.send({ type: 'lab.run' });
		expect(stateOf(actor)).toBe('idle');
	});

	it('stops in failed, and says why, when gathering ended and no candidate reached either peer', async () => {
		const gathered = (peer: PeerId): LabEvent => ({
			type: 'pc.icegatheringstatechange',
			peer,
			value: 'complete',
			atMs: 3
		});
		for (const network of ['symmetric-nat-no-turn', 'all'] as const) {
			const actor = createActor(fakeLab(), {
				input: { delayMs: 0, config: { network } }
			}).start();
			actor.send({ type: 'lab.run' });
			await waitFor(actor, (s) => leafState(s.value) === 'iceChecking');
			actor.send({
				type: 'pc.icecandidate',
				peer: 'A',
				candidate: 'candidate:1 1 udp 2122260223 192.0.2.10 50000 typ host',
				sdpMid: '0',
				sdpMLineIndex: 0,
				atMs: 2
			});
			actor.send(gathered('A'));
			actor.send(gathered('B'));
			if (network === 'all') {
				// The host candidate reached B: B can check it, so ICE decides, not the lab.
				expect(stateOf(actor)).toBe('iceChecking');
				continue;
			}
			expect(stateOf(actor)).toBe('failed');
			expect(actor.getSnapshot().context.error?.name).toBe('NoCandidatePairs');
		}
	});

	it('media controls: negotiated changes add an offer/answer to the history, the others do not', async () => {
		const actor = createActor(fakeLab(), {
			input: { delayMs: 0, config: { mode: 'media' } }
		}).start();
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'iceChecking');
		actor.send(connect('A'));
		actor.send(connect('B'));
		const versions = () => actor.getSnapshot().context.history.length;
		const before = versions();
		actor.send({
			type: 'media.change',
			change: { kind: 'parameters', maxBitrateKbps: 50, scaleDownBy: 2 }
		});
		await waitFor(actor, (s) => leafState(s.value) === 'connected');
		expect(versions()).toBe(before);
		expect(actor.getSnapshot().context.media).toMatchObject({ maxBitrateKbps: 50, scaleDownBy: 2 });
		actor.send({
			type: 'media.change',
			change: { kind: 'codec', media: 'video', mimeType: 'video/VP9' }
		});
		await waitFor(actor, (s) => leafState(s.value) === 'connected' && versions() > before);
		const { context } = actor.getSnapshot();
		expect(context.media.codec.video).toBe('video/VP9');
		expect(context.history.at(-1)?.reason).toContain('setCodecPreferences([video/VP9');
		expect(context.mediaChange).toEqual({
			call: expect.stringContaining('setCodecPreferences'),
			error: null
		});
	});

	it('the stats poller restarts with the new period, clamped to 100 ms … 10 s', async () => {
		const periods: number[] = [];
		const lab = fakeLab().provide({
			actors: {
				pollStats: fromCallback<
					{ type: 'noop' },
					{ peers: PeersHandle; intervalMs: number; controlling: PeerId[] }
				>(({ input }) => {
					periods.push(input.intervalMs);
				})
			}
		});
		const actor = createActor(lab, { input: { delayMs: 0 } }).start();
		actor.send({ type: 'lab.statsInterval', ms: 5 });
		expect(actor.getSnapshot().context.config.statsIntervalMs).toBe(100);
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'iceChecking');
		actor.send(connect('A'));
		actor.send(connect('B'));
		actor.send({ type: 'lab.statsInterval', ms: 250 });
		actor.send({ type: 'lab.statsInterval', ms: 60_000 });
		// 200 ms while the checks run (the pair grid follows them), then the chosen period.
		expect(periods).toEqual([200, 100, 250, 10_000]);
		expect(stateOf(actor)).toBe('connected');
	});

	it('"Run to connected" started mid-way continues from the current step; pause stops it', async () => {
		// A simulated clock: the step delay passes when the test says so, not in real time.
		const clock = new SimulatedClock();
		const actor = createActor(fakeLab(), { input: { delayMs: 5 }, clock }).start();
		actor.send({ type: 'lab.step' });
		await waitFor(actor, (s) => leafState(s.value) === 'peersCreated');
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'dataChannelCreated');
		clock.increment(5);
		await waitFor(actor, (s) => leafState(s.value) === 'offerCreated');
		actor.send({ type: 'lab.pause' });
		clock.increment(60_000);
		expect(stateOf(actor)).toBe('offerCreated');
		expect(actor.getSnapshot().context.autoRun).toBe(false);
	});

	it('"Run to connected" is refused once nothing is left to play (iceChecking, connected, failed, closed)', async () => {
		const refuses = (actor: ReturnType<typeof createActor<ReturnType<typeof fakeLab>>>) => {
			const before = stateOf(actor);
			expect(actor.getSnapshot().can({ type: 'lab.run' }), before).toBe(false);
			actor.send({ type: 'lab.run' });
			expect(stateOf(actor)).toBe(before);
			expect(actor.getSnapshot().context.autoRun, before).toBe(false);
		};
		const actor = createActor(fakeLab(), { input: { delayMs: 0 } }).start();
		expect(actor.getSnapshot().can({ type: 'lab.run' })).toBe(true);
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'iceChecking');
		refuses(actor);
		actor.send(connect('A'));
		actor.send(connect('B'));
		expect(stateOf(actor)).toBe('connected');
		refuses(actor);
		actor.send(connect('A', 'failed'));
		expect(stateOf(actor)).toBe('failed');
		refuses(actor);
		actor.send({ type: 'lab.hangup' });
		expect(stateOf(actor)).toBe('closed');
		refuses(actor);

		// Mid-step it is taken: the run goes on from the step being done.
		const slow = fakeLab().provide({
			actors: { createOffer: fromPromise(() => new Promise<Description>(() => {})) }
		});
		const midway = createActor(slow, { input: { delayMs: 0 } }).start();
		actor.stop();
		midway.send({ type: 'lab.step' });
		midway.send({ type: 'lab.step' });
		await waitFor(midway, (s) => leafState(s.value) === 'dataChannelCreated');
		midway.send({ type: 'lab.step' });
		expect(stateOf(midway)).toBe('creatingOffer');
		expect(midway.getSnapshot().can({ type: 'lab.run' })).toBe(true);
		midway.send({ type: 'lab.run' });
		expect(midway.getSnapshot().context.autoRun).toBe(true);
		midway.stop();
	});

	it('trickles candidates to the other peer through the peers actor, and only when trickling', async () => {
		for (const trickle of [true, false]) {
			const commands: string[] = [];
			const actor = createActor(fakeLab(commands), { input: { config: { trickle } } }).start();
			actor.send({ type: 'lab.step' });
			actor.send({
				type: 'pc.icecandidate',
				peer: 'A',
				candidate: 'candidate:1 1 udp 2122260223 192.0.2.1 5000 typ host',
				sdpMid: '0',
				sdpMLineIndex: 0,
				atMs: 3
			});
			actor.send({
				type: 'pc.icecandidate',
				peer: 'A',
				candidate:
					'candidate:3138064867 1 udp 16785407 192.0.2.2 59347 typ relay raddr 0.0.0.0 rport 0',
				sdpMid: '0',
				sdpMLineIndex: 0,
				atMs: 3,
				relayProtocol: 'tcp'
			});
			actor.send({
				type: 'pc.icecandidate',
				peer: 'A',
				candidate: null,
				sdpMid: null,
				sdpMLineIndex: null,
				atMs: 4
			});
			const { context } = actor.getSnapshot();
			expect(context.peer.A.candidates).toHaveLength(3);
			// The browser's relayProtocol is kept beside the line for the candidate table.
			expect(context.peer.A.candidates.map((c) => c.relayProtocol)).toEqual([
				undefined,
				'tcp',
				undefined
			]);
			expect(commands.filter((c) => c === 'signal.candidate')).toHaveLength(trickle ? 3 : 0);
			expect(context.log.some((e) => e.label.id === 'endOfCandidates')).toBe(trickle);
		}
	});

	it('records a step failure with its name and goes to failed; reset starts over', async () => {
		const failing = fakeLab().provide({
			actors: {
				createOffer: fromPromise(async (): Promise<Description> => {
					throw Object.assign(new Error('boom'), { name: 'InvalidStateError' });
				})
			}
		});
		const actor = createActor(failing, { input: { delayMs: 0 } }).start();
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'failed');
		expect(actor.getSnapshot().context.error).toEqual({
			step: 'creatingOffer',
			name: 'InvalidStateError',
			message: 'boom'
		});
		actor.send({ type: 'lab.reset' });
		expect(stateOf(actor)).toBe('idle');
		expect(actor.getSnapshot().context.error).toBeNull();
	});

	// A refused description or call ends in failed, once: the lab says which step and why (the
	// learner reads it) and never repeats the step by itself. After a few calls the fakes stop
	// answering, so a machine that retried would stay in the step and the test would say so.
	type CallInput = { peer: PeerId; description?: Description };
	const refusals = [
		{ step: 'creatingOffer', actor: 'createOffer', peer: 'A', ok: () => fakeOffer },
		{ step: 'settingLocalOffer', actor: 'setLocalDescription', peer: 'A', ok: undefined },
		{ step: 'settingRemoteOffer', actor: 'setRemoteDescription', peer: 'B', ok: undefined },
		{ step: 'creatingAnswer', actor: 'createAnswer', peer: 'B', ok: () => fakeAnswer },
		{ step: 'settingLocalAnswer', actor: 'setLocalDescription', peer: 'B', ok: undefined },
		{ step: 'settingRemoteAnswer', actor: 'setRemoteDescription', peer: 'A', ok: undefined }
	] as const;
	for (const { step, actor: name, peer, ok } of refusals) {
		it(`a refusal in ${step} is a stated failure, made once; reset starts over`, async () => {
			let refusedCalls = 0;
			// Refuses Peer `peer`'s call; the other peer's call does what the other fakes do.
			const refusing = fromPromise(async ({ input }: { input: CallInput }) => {
				if (input.peer !== peer) return ok ? ok() : input.description;
				refusedCalls++;
				if (refusedCalls > 3) return new Promise<never>(() => {});
				throw Object.assign(new Error(`refused by Peer ${peer}`), { name: 'OperationError' });
			});
			const machine = fakeLab().provide({ actors: { [name]: refusing } as never });
			const actor = createActor(machine, { input: { delayMs: 0 } }).start();
			actor.send({ type: 'lab.run' });
			await waitFor(actor, (s) => leafState(s.value) === 'failed');
			// Every pending callback has run: a machine that retried would have called again.
			await new Promise((resolve) => setTimeout(resolve));
			expect(refusedCalls).toBe(1);
			expect(stateOf(actor)).toBe('failed');
			expect(actor.getSnapshot().context.error).toEqual({
				step,
				name: 'OperationError',
				message: `refused by Peer ${peer}`
			});
			expect(actor.getSnapshot().context.autoRun).toBe(false);
			actor.send({ type: 'lab.reset' });
			expect(stateOf(actor)).toBe('idle');
			expect(actor.getSnapshot().context.error).toBeNull();
		});
	}

	it('a candidate addIceCandidate refused is a note on its peer; the session goes on', async () => {
		const actor = createActor(fakeLab(), { input: { delayMs: 0 } }).start();
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'iceChecking');
		actor.send({
			type: 'pc.candidaterefused',
			peer: 'B',
			candidate: 'candidate:1 1 udp 1 192.0.2.1 9 typ host',
			name: 'OperationError',
			message: 'Error processing ICE candidate',
			atMs: 4
		});
		expect(stateOf(actor)).toBe('iceChecking');
		expect(actor.getSnapshot().context.log.at(-1)).toEqual({
			from: 'B',
			to: 'B',
			label: {
				id: 'candidateRefused',
				name: 'OperationError',
				candidate: { id: 'candidate', type: 'host', protocol: 'udp' }
			},
			kind: 'note',
			atMs: 4
		});
	});

	it('a refused ICE restart is a stated failure, made once', async () => {
		let calls = 0;
		const machine = fakeLab().provide({
			actors: {
				renegotiate: fromPromise(async (): Promise<Renegotiation> => {
					calls++;
					if (calls > 3) return new Promise(() => {});
					throw Object.assign(new Error('no restart'), { name: 'InvalidStateError' });
				})
			}
		});
		const actor = createActor(machine, { input: { delayMs: 0 } }).start();
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'iceChecking');
		actor.send(connect('A'));
		actor.send(connect('B'));
		actor.send({ type: 'lab.restartIce' });
		await waitFor(actor, (s) => leafState(s.value) === 'failed');
		await new Promise((resolve) => setTimeout(resolve));
		expect(calls).toBe(1);
		expect(actor.getSnapshot().context.error?.step).toBe('restartingIce');
	});

	it('keeps every description version, and an ICE restart adds a new offer and answer', async () => {
		const actor = createActor(fakeLab(), { input: { delayMs: 0 } }).start();
		actor.send({ type: 'lab.run' });
		await waitFor(actor, (s) => leafState(s.value) === 'iceChecking');
		actor.send(connect('A'));
		actor.send(connect('B'));
		expect(actor.getSnapshot().context.history.map((v) => [v.n, v.from, v.reason])).toEqual([
			[1, 'A', 'createOffer()'],
			[2, 'B', 'createAnswer()']
		]);
		actor.send({ type: 'lab.restartIce' });
		expect(stateOf(actor)).toBe('restartingIce');
		// The peers stay connected through an ICE restart, so the lab is straight back to connected.
		await waitFor(actor, (s) => leafState(s.value) === 'connected');
		const { history, offer } = actor.getSnapshot().context;
		expect(offer).toEqual(restartOffer);
		expect(history.slice(2).map((v) => [v.n, v.from, v.reason])).toEqual([
			[3, 'A', 'ICE restart'],
			[4, 'B', 'ICE restart']
		]);
	});

	it('hang up closes both peers and lands in closed', async () => {
		const commands: string[] = [];
		const actor = createActor(fakeLab(commands), { input: {} }).start();
		actor.send({ type: 'lab.step' });
		actor.send({ type: 'lab.hangup' });
		expect(stateOf(actor)).toBe('closed');
		expect(commands).toContain('close');
	});
});

// ---------------------------------------------------------------------------------------------
// Every transition of the statechart — event, timer, actor done/error and eventless ones, every
// guarded branch — taken somewhere in xstate/graph's enumeration of reachable states, and landing
// where the definition says. The list comes from the machine itself: a transition added without
// a way to reach it fails here.

const nodes = (root: AnyStateNode): AnyStateNode[] => [
	root,
	...Object.values(root.states).flatMap((child) => nodes(child))
];

const isActive = (snapshot: { matches(value: never): boolean }, node: AnyStateNode) =>
	node.path.length === 0 || snapshot.matches(node.path.join('.') as never);

/** Every transition the definition declares, named "<state id> <event or always> #<branch>". */
function definedTransitions(all: AnyStateNode[]): Map<AnyTransitionDefinition, string> {
	const named = new Map<AnyTransitionDefinition, string>();
	for (const node of all) {
		for (const [eventType, branches] of node.transitions)
			branches.forEach((t, i) => named.set(t, `${node.id} ${eventType} #${i}`));
		(node.always ?? []).forEach((t, i) => named.set(t, `${node.id} always #${i}`));
	}
	return named;
}

type LabSnapshot = ReturnType<ReturnType<typeof fakeLab>['getInitialSnapshot']>;

const readsPcStates = (snapshot: LabSnapshot) =>
	['iceChecking', 'connected'].includes(leafState(snapshot.value));

/** Concrete events for an event type, as the actors or the learner would send them. */
function eventsFor(type: string, snapshot: LabSnapshot): LabEvent[] {
	if (type.startsWith('xstate.')) {
		if (type.startsWith('xstate.done.actor.')) {
			if (type.includes('changingMedia'))
				return [
					{ type, output: null } as unknown as LabEvent,
					{ type, output: { offer: restartOffer, answer: restartAnswer } } as unknown as LabEvent
				];
			if (type.includes('restartingIce'))
				return [
					{ type, output: { offer: restartOffer, answer: restartAnswer } } as unknown as LabEvent
				];
			const output = type.includes('Answer')
				? fakeAnswer
				: type.includes('Media')
					? { A: fakeStream, B: fakeStream }
					: fakeOffer;
			return [{ type, output } as unknown as LabEvent];
		}
		if (type.startsWith('xstate.error.actor.'))
			return [{ type, error: new Error('fake failure') } as unknown as LabEvent];
		return [{ type } as unknown as LabEvent];
	}
	switch (type) {
		case 'lab.configure':
			return [
				{ type, config: { mode: 'media' } },
				{ type, config: { trickle: false } }
			];
		case 'lab.delay':
			return [
				{ type, delayMs: 0 },
				{ type, delayMs: 200 }
			];
		case 'lab.statsInterval':
			return [{ type, ms: 500 }];
		case 'lab.hold': {
			// Release, or hold the very step the lab waits before (a lesson's prediction is due).
			const next = (STEP_LEADS_TO as Record<string, readonly string[]>)[
				leafState(snapshot.value)
			]?.[0];
			return next
				? [
						{ type, states: [] },
						{ type, states: [next] }
					]
				: [{ type, states: [] }];
		}
		case 'media.change':
			return [
				{ type, change: { kind: 'mute', media: 'video', muted: true } },
				{ type, change: { kind: 'codec', media: 'video', mimeType: 'video/VP9' } }
			];
		case 'chat.send':
			return [{ type, from: 'A', text: 'hi' }];
		case 'pc.created':
			return [{ type, peers: { kind: 'peers' } }];
		// Only ICE checking and the connected call read these states (their eventless moves): other
		// states get a change that decides nothing, which keeps the enumeration small.
		case 'pc.connectionstatechange':
			return readsPcStates(snapshot)
				? (['A', 'B'] as const).flatMap((peer) => [connect(peer), connect(peer, 'failed')])
				: [connect('A', 'connecting')];
		case 'pc.icegatheringstatechange':
			return readsPcStates(snapshot)
				? (['A', 'B'] as const).map((peer) => ({ type, peer, value: 'complete', atMs: 1 }))
				: [{ type, peer: 'A', value: 'gathering', atMs: 1 }];
		case 'pc.signalingstatechange':
		case 'pc.iceconnectionstatechange':
			return [{ type, peer: 'A', value: 'x', atMs: 1 }];
		case 'pc.icecandidate':
			return [{ type, peer: 'A', candidate: null, sdpMid: null, sdpMLineIndex: null, atMs: 1 }];
		case 'pc.track':
			return [{ type, peer: 'B', stream: fakeStream }];
		case 'pc.closed':
			return [{ type, atMs: 1 }];
		case 'dc.statechange':
			return [{ type, peer: 'A', value: 'open' }];
		case 'dc.message':
			return [{ type, peer: 'B', text: 'hi', atMs: 1 }];
		case 'stats.report': {
			const summary = { selectedPair: null, foundBy: null };
			return [{ type, summaries: { A: summary, B: summary } }];
		}
		case 'lab.iceServers':
			return [{ type, iceServers: [] }];
		case 'pc.icecandidateerror':
			return [{ type, peer: 'A', url: 'turn:x', errorCode: 701, errorText: 'x', atMs: 1 }];
		default:
			return [{ type } as LabEvent];
	}
}

// Enumerating every reachable state takes a few seconds; allow for a busy CI machine.
describe('lab machine graph', { timeout: 60_000 }, () => {
	const machine = fakeLab();
	const allNodes = nodes(machine.root);
	const defined = definedTransitions(allNodes);

	// Every microstep the traversal computes is checked as it happens: xstate reports each one (the
	// transitions it took and the snapshot after them) to the actor system's inspector.
	const taken = new Set<AnyTransitionDefinition>();
	const misplaced: string[] = [];
	const recording = Object.create(machine) as typeof machine;
	recording.transition = (snapshot, event, scope) => {
		let before: LabSnapshot = snapshot;
		// xstate reports microsteps through the system's (internal) _sendInspectionEvent.
		const system = Object.create(scope.system) as typeof scope.system & {
			_sendInspectionEvent: (inspection: { type: string }) => void;
		};
		system._sendInspectionEvent = (inspection) => {
			if (inspection.type !== '@xstate.microstep') return;
			const { snapshot: after, _transitions } = inspection as unknown as {
				snapshot: LabSnapshot;
				_transitions: AnyTransitionDefinition[];
			};
			for (const t of _transitions) {
				taken.add(t);
				const name = defined.get(t) ?? `(undeclared) ${t.eventType}`;
				const lands = t.target
					? t.target.every((target) => isActive(after, target))
					: JSON.stringify(after.value) === JSON.stringify(before.value);
				if (!lands) misplaced.push(`${name}: ${JSON.stringify(after.value)}`);
			}
			before = after;
		};
		return machine.transition(snapshot, event, { ...scope, system });
	};

	const traversal = {
		events: (snapshot: LabSnapshot) => {
			const active = allNodes.filter((node) => isActive(snapshot, node));
			const types = new Set(active.flatMap((node) => [...node.transitions.keys()]));
			return [...types].flatMap((type) => eventsFor(type, snapshot));
		},
		serializeState: (snapshot: LabSnapshot) => {
			const c = snapshot.context;
			// The polling period changes no path (the stepped tests cover it).
			const { statsIntervalMs: _period, ...config } = c.config;
			return JSON.stringify([
				snapshot.value,
				config,
				c.autoRun,
				c.delayMs === 0,
				c.holdBefore,
				// What the guards read: connected or failed, and gathering complete.
				(['A', 'B'] as const).map((peer) => [
					lastState(c.peer[peer], 'connectionState') === 'connected',
					lastState(c.peer[peer], 'connectionState') === 'failed',
					lastState(c.peer[peer], 'iceGatheringState') === 'complete'
				])
			]);
		}
	};
	let paths: ReturnType<typeof shortestPaths> = [];
	const shortestPaths = () => getShortestPaths(recording, traversal);
	beforeAll(() => {
		paths = shortestPaths();
	}, 60_000);

	it('every declared transition (events, timers, actors, eventless, each guarded branch) is taken', () => {
		const missing = [...defined].filter(([t]) => !taken.has(t)).map(([, name]) => name);
		expect(missing).toEqual([]);
		// A sanity check of the bookkeeping: the branches the audit found never taken are among them.
		const names = new Set([...taken].map((t) => defined.get(t)));
		for (const name of [
			'lab.session.peersCreated lab.step #0',
			'lab.session.offerCreated always #0',
			'lab.session.iceChecking always #2',
			'lab.session.connected chat.send #0'
		])
			expect(names, name).toContain(name);
	});

	it('every transition taken lands on its declared target (or stays put when it has none)', () => {
		expect(taken.size).toBeGreaterThan(0);
		expect(misplaced).toEqual([]);
	});

	it('shortest paths reach connected, failed and closed in both modes, and failed with nothing to check', () => {
		const reached = (leaf: string, mode: string) =>
			paths.some((p) => leafState(p.state.value) === leaf && p.state.context.config.mode === mode);
		for (const mode of ['datachannel', 'media']) {
			for (const leaf of ['connected', 'failed', 'closed'])
				expect(reached(leaf, mode), `${leaf} ${mode}`).toBe(true);
		}
		expect(
			paths.some((p) => p.state.context.error?.name === 'NoCandidatePairs'),
			'nothing-to-check'
		).toBe(true);
	});
});
