import { describe, expect, it } from 'vitest';
import { fromCallback, fromPromise } from 'xstate';
import { loopbackLabMachine, remoteLabMachine } from './actors';
import { labMachine } from './machine';
import {
	rehearseLoopback,
	rehearseRemote,
	replayLoopback,
	replayRemote,
	warmUpLoopback,
	warmUpRemote
} from './rehearsal';

// The rehearsals warm up the code of a real run; they are worth it only while they still walk
// the whole way. Node has no RTCPeerConnection and no WebSocket to /signal: a rehearsal that
// reached for either would throw here.
describe('rehearsals (the lab machines played with pretend actors)', () => {
	it('the loopback machine reaches connected', async () => {
		await expect(rehearseLoopback()).resolves.toBe('connected');
	});

	for (const role of ['caller', 'callee'] as const)
		it(`the remote machine reaches connected as the ${role}`, async () => {
			await expect(rehearseRemote(role)).resolves.toBe('connected');
		});
});

describe("replays (the runs as pure transitions on the labs' own machines)", () => {
	it('the loopback machine reaches connected', () => {
		expect(replayLoopback(loopbackLabMachine)).toBe('connected');
	});

	for (const role of ['caller', 'callee'] as const)
		it(`the remote machine reaches connected as the ${role}`, () => {
			expect(replayRemote(remoteLabMachine, role)).toBe('connected');
		});

	it('starts no actor: steps that would throw if run are only worked out', () => {
		const started: string[] = [];
		const refuse = <Output, Input>(name: string) =>
			fromPromise<Output, Input>(async () => {
				started.push(name);
				throw new Error(`${name} ran`);
			});
		const machine = labMachine.provide({
			actors: {
				peerConnections: fromCallback(() => {
					started.push('peerConnections');
				}),
				createDataChannel: refuse('createDataChannel'),
				createOffer: refuse('createOffer'),
				createAnswer: refuse('createAnswer'),
				setLocalDescription: refuse('setLocalDescription'),
				setRemoteDescription: refuse('setRemoteDescription'),
				signal: refuse('signal')
			}
		});
		expect(replayLoopback(machine)).toBe('connected');
		expect(started).toEqual([]);
	});
});

describe('warm-ups (what a lab page runs when idle after opening)', () => {
	it('ask before each run whether the learner has started, and stop if so', async () => {
		let asked = 0;
		// Idle for the caller's run only: the learner clicks during it.
		await warmUpRemote(remoteLabMachine, () => ++asked === 1);
		expect(asked).toBe(2);
		asked = 0;
		await warmUpLoopback(loopbackLabMachine, () => (++asked, false));
		expect(asked).toBe(1);
	});
});
