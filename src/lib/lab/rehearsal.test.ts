import { describe, expect, it } from 'vitest';
import { rehearseLoopback, rehearseRemote } from './rehearsal';

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
