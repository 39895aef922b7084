import { describe, expect, it } from 'vitest';
import { emptyPeerView, remember, withStateChange } from './peer-view';
import {
	changedAnything,
	descriptionOfState,
	peerMoment,
	stepChanges,
	type ChangeSource
} from './step-changes';
import type { PeerView } from './types';
import { callLabel, type LogEvent } from './log-labels';

const OFFER = {
	type: 'offer' as const,
	sdp: 'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\nm=application 9\r\n'
};
const GATHERED = {
	type: 'offer' as const,
	sdp: OFFER.sdp + 'a=candidate:1 1 udp 1 192.0.2.1 5000 typ host\r\n'
};

const source = (over: Partial<ChangeSource> = {}): ChangeSource => ({
	peers: { A: emptyPeerView(), B: emptyPeerView() },
	offer: null,
	answer: null,
	history: [],
	log: [],
	...over
});

const moved = (view: PeerView, type: string, value: string) =>
	withStateChange(view, { type, value, atMs: 1 } as { type: string });

describe('stepChanges', () => {
	it('names each state a peer moved through, from its old value', () => {
		const before = source();
		let a = moved(before.peers.A!, 'pc.signalingstatechange', 'stable');
		const start = source({ peers: { A: a, B: before.peers.B! } });
		a = moved(a, 'pc.signalingstatechange', 'have-local-offer');
		a = moved(a, 'pc.icegatheringstatechange', 'gathering');
		const changes = stepChanges(start, source({ peers: { A: a, B: before.peers.B! } }), 'x');
		expect(changes.peers.A!.states).toEqual([
			{ name: 'signalingState', from: 'stable', through: ['have-local-offer'] },
			{ name: 'iceGatheringState', from: null, through: ['gathering'] }
		]);
		expect(changes.peers.B!.states).toEqual([]);
	});

	it('lists the candidates gathered and the arrows drawn during the step', () => {
		const entry = {
			candidate: 'candidate:1 1 udp 1 192.0.2.1 5000 typ host',
			sdpMid: '0',
			atMs: 3
		};
		const arrow: LogEvent = {
			from: 'A',
			to: 'B',
			label: { id: 'candidate', type: 'host', protocol: 'udp' }
		};
		const before = source({ log: [{ from: 'A', to: 'A', label: callLabel('createOffer()') }] });
		const after = source({
			peers: { A: { ...emptyPeerView(), candidates: [entry] }, B: emptyPeerView() },
			log: [...before.log, arrow]
		});
		const changes = stepChanges(before, after, 'localOfferSet');
		expect(changes.peers.A!.candidates).toEqual([entry]);
		expect(changes.arrows).toEqual([arrow]);
		expect(changedAnything(changes)).toBe(true);
	});

	it('marks every line of a new description as added, and only the new lines of a new version', () => {
		const created = source({ offer: OFFER, history: remember([], 'A', OFFER, 'createOffer()') });
		const first = stepChanges(source(), created, 'offerCreated').description!;
		expect(first).toMatchObject({ type: 'offer', from: 'A', created: true });
		expect(first.lines.every((line) => line.added)).toBe(true);

		const after = source({
			offer: GATHERED,
			history: remember([...created.history], 'A', GATHERED, 'after gathering')
		});
		const second = stepChanges(created, after, 'localOfferSet').description!;
		expect(second.lines.filter((line) => line.added).map((line) => line.text)).toEqual([
			'a=candidate:1 1 udp 1 192.0.2.1 5000 typ host'
		]);
	});

	it('shows the description a step applied, with nothing marked new', () => {
		const created = source({ offer: OFFER, history: remember([], 'A', OFFER, 'createOffer()') });
		const applied = stepChanges(created, created, 'remoteOfferSet').description!;
		expect(applied).toMatchObject({ type: 'offer', from: 'A', created: false });
		expect(applied.lines.some((line) => line.added)).toBe(false);
		expect(stepChanges(created, created, 'peersCreated').description).toBeNull();
		expect(changedAnything(stepChanges(created, created, 'remoteOfferSet'))).toBe(false);
	});

	it('after a Reset compares against nothing, not against the old call', () => {
		const old = source({
			peers: {
				A: { ...emptyPeerView(), candidates: [{ candidate: null, sdpMid: null, atMs: 1 }] },
				B: emptyPeerView()
			},
			log: [{ from: 'A', to: 'A', label: callLabel('createOffer()') }]
		});
		const fresh = source({
			log: [{ from: 'A', to: 'A', label: callLabel('new RTCPeerConnection()') }]
		});
		const changes = stepChanges(old, fresh, 'peersCreated');
		expect(changes.arrows).toHaveLength(1);
		expect(changes.peers.A!.candidates).toEqual([]);
	});

	it('with no earlier snapshot, everything so far is the change', () => {
		expect(stepChanges(null, source({ offer: OFFER }), 'offerCreated').description?.type).toBe(
			'offer'
		);
	});
});

describe('descriptionOfState', () => {
	it('reads the description from the step names', () => {
		expect(descriptionOfState('settingLocalOffer')).toBe('offer');
		expect(descriptionOfState('answerSignaled')).toBe('answer');
		expect(descriptionOfState('iceChecking')).toBeNull();
	});
});

describe('peerMoment', () => {
	it('names a gathered candidate by the event and its type, no English words', () => {
		const entry = {
			candidate: 'candidate:1 1 udp 1 192.0.2.1 5000 typ host',
			sdpMid: '0',
			atMs: 3
		};
		const before = { A: emptyPeerView(), B: emptyPeerView() };
		const after = { ...before, B: { ...emptyPeerView(), candidates: [entry] } };
		expect(peerMoment(before, after)).toBe('B icecandidate (host udp)');
		const end = {
			...before,
			A: { ...emptyPeerView(), candidates: [{ ...entry, candidate: null }] }
		};
		expect(peerMoment(before, end)).toBe('A icecandidate (null)');
		expect(peerMoment(before, before)).toBeNull();
	});
});
