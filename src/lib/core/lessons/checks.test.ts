import { describe, expect, it } from 'vitest';
import {
	evaluateCheck,
	latch,
	lessonComplete,
	lessonCounts,
	lessonStanding,
	remoteLabSnapshot,
	requiredChecks,
	type LabSnapshotLike,
	type NatOutcomeLike
} from './checks';
import type { Check, Condition } from './types';

const HOST = 'candidate:1 1 udp 2122260223 192.168.1.10 50000 typ host generation 0';
const MDNS = 'candidate:2 1 udp 2122260223 6b0c7c2e-1d2f-4c43-9d8e-1b2c3d4e5f60.local 50001 typ host';
const RELAY = 'candidate:3 1 udp 41885439 203.0.113.7 50002 typ relay raddr 0.0.0.0 rport 0';

type Overrides = Partial<Omit<LabSnapshotLike['context'], 'peer'>> & {
	state?: string;
	A?: Partial<LabSnapshotLike['context']['peer']['A']>;
	B?: Partial<LabSnapshotLike['context']['peer']['B']>;
};

const history = (...values: string[]) => values.map((value) => ({ value }));
const emptyPeer = (): LabSnapshotLike['context']['peer']['A'] => ({
	states: { signalingState: [], iceGatheringState: [], iceConnectionState: [], connectionState: [] },
	candidates: [],
	remoteStream: null,
	dataChannelState: null
});
const tracks = (...kinds: string[]) => ({
	getTracks: () => kinds.map((kind) => ({ kind, readyState: 'live' }))
});

/** A handcrafted lab snapshot: idle, nothing happened, unless overridden. */
function lab({ state = 'idle', A, B, ...context }: Overrides = {}): LabSnapshotLike {
	return {
		state,
		context: {
			config: { mode: 'datachannel', source: 'synthetic', trickle: true },
			peer: { A: { ...emptyPeer(), ...A }, B: { ...emptyPeer(), ...B } },
			offer: null,
			answer: null,
			history: [],
			chat: [],
			stats: null,
			error: null,
			...context
		}
	};
}

const check = (condition: Condition, extra: Partial<Check> = {}): Check => ({
	id: 'c',
	description: { en: 'c', 'zh-CN': 'c' },
	condition,
	when: null,
	optional: false,
	requires: [],
	...extra
});

const offerRound = lab({
	state: 'iceChecking',
	A: { states: { ...emptyPeer().states, signalingState: history('stable', 'have-local-offer', 'stable') } },
	B: {
		states: { ...emptyPeer().states, signalingState: history('stable', 'have-remote-offer', 'stable') },
		candidates: [
			{ candidate: HOST },
			{ candidate: MDNS },
			{ candidate: null }
		]
	},
	offer: { sdp: 'v=0\r\na=group:BUNDLE 0\r\na=setup:actpass\r\n' },
	answer: { sdp: 'v=0\r\na=setup:active\r\n' },
	history: [{ reason: 'createOffer()' }, { reason: 'createAnswer()' }, { reason: 'ICE restart' }]
});

const connected = lab({
	state: 'connected',
	A: { dataChannelState: 'open', candidates: [{ candidate: RELAY }] },
	B: { dataChannelState: 'open', remoteStream: tracks('audio', 'video') },
	chat: [
		{ from: 'A', text: 'hello' },
		{ from: 'B', text: 'hi there' }
	],
	stats: {
		A: {
			selectedPair: {
				local: { candidateType: 'relay', protocol: 'udp' },
				remote: { candidateType: 'relay', protocol: 'udp' },
				rttMs: 12,
				bytesSent: 2000,
				bytesReceived: 150_000
			}
		},
		B: {
			selectedPair: {
				local: { candidateType: 'relay', protocol: 'udp' },
				remote: { candidateType: 'host', protocol: 'udp' },
				rttMs: null,
				bytesSent: 0,
				bytesReceived: 0
			}
		}
	}
});

connected.context.reports = {
	A: [
		{ id: 'T1', type: 'transport', dtlsState: 'connected', selectedCandidatePairId: 'CP1' },
		{ id: 'CP1', type: 'candidate-pair', bytesReceived: 150_000, currentRoundTripTime: 0.012, availableOutgoingBitrate: 3e6 },
		{ id: 'CP2', type: 'candidate-pair', bytesReceived: 0, availableOutgoingBitrate: 3e6 }
	],
	B: [
		{ id: 'IA', type: 'inbound-rtp', kind: 'audio', jitter: 0.002 },
		{ id: 'IV', type: 'inbound-rtp', kind: 'video', jitter: 0.01, framesDecoded: 0 }
	]
};
connected.context.iceErrors = [{ peer: 'A', errorCode: 401, url: 'turn:127.0.0.1:3478' }];

/** The NAT lesson: no loopback lab, only the simulator's last run. */
const natLab = (nat: NatOutcomeLike | null): LabSnapshotLike => ({ ...lab(), nat });
const symmetricFailed: NatOutcomeLike = {
	result: 'failed',
	via: null,
	mappingA: 'address-and-port-dependent',
	filteringA: 'address-and-port-dependent',
	mappingB: 'address-and-port-dependent',
	filteringB: 'address-and-port-dependent'
};
const punched: NatOutcomeLike = {
	result: 'connected',
	via: 'direct',
	mappingA: 'endpoint-independent',
	filteringA: 'address-and-port-dependent',
	mappingB: 'endpoint-independent',
	filteringB: 'address-and-port-dependent'
};

const failedIce = lab({ state: 'failed' });
const failedError = lab({ state: 'failed', error: { name: 'NotAllowedError' } });

describe('evaluateCheck', () => {
	it.each<[string, Condition, LabSnapshotLike, 'passed' | 'pending' | 'unavailable']>([
		['machine equals', { kind: 'machine', equals: 'connected' }, connected, 'passed'],
		['machine not yet', { kind: 'machine', equals: 'connected' }, offerRound, 'pending'],
		['state equals now', { kind: 'state', peer: 'A', name: 'signalingState', equals: 'stable' }, offerRound, 'passed'],
		['state equals: only the current value counts', { kind: 'state', peer: 'A', name: 'signalingState', equals: 'have-local-offer' }, offerRound, 'pending'],
		['state seen', { kind: 'state', peer: 'A', name: 'signalingState', seen: 'have-local-offer' }, offerRound, 'passed'],
		['state seen on the other peer only', { kind: 'state', peer: 'A', name: 'signalingState', seen: 'have-remote-offer' }, offerRound, 'pending'],
		['state seenInOrder', { kind: 'state', peer: 'A', name: 'signalingState', seenInOrder: ['have-local-offer', 'stable'] }, offerRound, 'passed'],
		['state seenInOrder, wrong order', { kind: 'state', peer: 'B', name: 'signalingState', seenInOrder: ['have-local-offer', 'have-remote-offer', 'stable'] }, offerRound, 'pending'],
		['state of any peer', { kind: 'state', name: 'signalingState', seen: 'have-remote-offer' }, offerRound, 'passed'],
		['dataChannelState', { kind: 'state', peer: 'B', name: 'dataChannelState', equals: 'open' }, connected, 'passed'],
		['state of the remote lab peer', { kind: 'state', peer: 'you', name: 'connectionState', equals: 'connected' }, connected, 'unavailable'],
		['candidate host on A: none yet', { kind: 'candidateSeen', peer: 'A', type: 'host' }, offerRound, 'pending'],
		['candidate host on any peer', { kind: 'candidateSeen', type: 'host', minCount: 2 }, offerRound, 'passed'],
		['candidate mdns host', { kind: 'candidateSeen', type: 'host', address: 'mdns' }, offerRound, 'passed'],
		['candidate ipv6: none', { kind: 'candidateSeen', address: 'ipv6' }, offerRound, 'pending'],
		['end of candidates', { kind: 'candidateSeen', peer: 'B', end: true }, offerRound, 'passed'],
		['relay candidate', { kind: 'candidateSeen', type: 'relay' }, connected, 'passed'],
		['selected pair relay on A', { kind: 'selectedPair', peer: 'A', localType: 'relay', remoteType: 'relay' }, connected, 'passed'],
		['selected pair relay on every peer', { kind: 'selectedPair', localType: 'relay', remoteType: 'relay' }, connected, 'pending'],
		['selected pair before stats', { kind: 'selectedPair' }, offerRound, 'pending'],
		['stat rtt in seconds', { kind: 'stat', peer: 'A', report: 'candidate-pair', field: 'currentRoundTripTime', min: 0, max: 0.05 }, connected, 'passed'],
		['stat bytesReceived', { kind: 'stat', peer: 'B', report: 'candidate-pair', field: 'bytesReceived', min: 100000 }, connected, 'pending'],
		['stat inbound-rtp jitter', { kind: 'stat', peer: 'B', report: 'inbound-rtp', field: 'jitter', min: 0 }, connected, 'passed'],
		['stat inbound-rtp, audio has no such field', { kind: 'stat', peer: 'B', report: 'inbound-rtp', field: 'framesDecoded', min: 1 }, connected, 'pending'],
		['stat of a string field', { kind: 'stat', peer: 'A', report: 'transport', field: 'dtlsState', equals: 'connected' }, connected, 'passed'],
		['stat of a string field, other value', { kind: 'stat', peer: 'A', report: 'transport', field: 'dtlsState', equals: 'failed' }, connected, 'pending'],
		['stat of the selected pair from raw reports', { kind: 'stat', peer: 'A', report: 'candidate-pair', field: 'availableOutgoingBitrate', min: 1e6 }, connected, 'passed'],
		['stat of a pair that is not selected', { kind: 'stat', peer: 'A', report: 'candidate-pair', field: 'bytesReceived', max: 10 }, connected, 'pending'],
		['stat before any report', { kind: 'stat', peer: 'B', report: 'inbound-rtp', field: 'jitter', min: 0 }, offerRound, 'pending'],
		['icecandidateerror 401', { kind: 'iceCandidateError', errorCode: 401 }, connected, 'passed'],
		['icecandidateerror 701 (none)', { kind: 'iceCandidateError', errorCode: 701 }, connected, 'pending'],
		['icecandidateerror on B (none)', { kind: 'iceCandidateError', peer: 'B' }, connected, 'pending'],
		['messages', { kind: 'dataChannelMessage', minCount: 2 }, connected, 'passed'],
		['messages from B', { kind: 'dataChannelMessage', from: 'B', contains: 'hi' }, connected, 'passed'],
		['too few messages', { kind: 'dataChannelMessage', minCount: 3 }, connected, 'pending'],
		['the chat channel open on both sides', { kind: 'dataChannel', minCount: 1 }, connected, 'passed'],
		['an unordered channel', { kind: 'dataChannel', minCount: 1, ordered: false }, connected, 'unavailable'],
		['remote video on B', { kind: 'remoteTrack', peer: 'B', media: 'video' }, connected, 'passed'],
		['remote audio on A', { kind: 'remoteTrack', peer: 'A', media: 'audio' }, connected, 'pending'],
		['sdp contains', { kind: 'sdp', description: 'answer', contains: 'a=setup:active' }, offerRound, 'passed'],
		['sdp lacks', { kind: 'sdp', description: 'offer', lacks: 'm=audio' }, offerRound, 'passed'],
		['sdp before any offer', { kind: 'sdp', description: 'offer', contains: 'v=0' }, connected, 'pending'],
		['history versions', { kind: 'historyVersions', min: 3 }, offerRound, 'passed'],
		['history versions too many', { kind: 'historyVersions', max: 2 }, offerRound, 'pending'],
		['history versions by reason', { kind: 'historyVersions', reason: 'ICE restart', min: 2 }, offerRound, 'pending'],
		['failed because of ICE', { kind: 'failed', cause: 'ice' }, failedIce, 'passed'],
		['failed because of ICE, but it was an error', { kind: 'failed', cause: 'ice' }, failedError, 'pending'],
		['failed with NotAllowedError', { kind: 'failed', cause: 'error', errorName: 'NotAllowedError' }, failedError, 'passed'],
		['not failed', { kind: 'failed' }, connected, 'pending'],
		['remote-lab signal', { kind: 'signal', direction: 'received', type: 'joined' }, connected, 'unavailable'],
		['NAT simulator beside the loopback lab', { kind: 'natOutcome', result: 'connected' }, connected, 'unavailable'],
		['NAT simulator, not run yet', { kind: 'natOutcome', result: 'failed' }, natLab(null), 'pending'],
		['NAT simulator, symmetric both sides fails', { kind: 'natOutcome', result: 'failed', mappingA: 'address-and-port-dependent', mappingB: 'address-and-port-dependent' }, natLab(symmetricFailed), 'passed'],
		['NAT simulator, wrong behaviour', { kind: 'natOutcome', result: 'failed', mappingA: 'endpoint-independent' }, natLab(symmetricFailed), 'pending'],
		['NAT simulator, direct', { kind: 'natOutcome', result: 'connected', via: 'direct' }, natLab(punched), 'passed'],
		['NAT simulator, direct but relayed', { kind: 'natOutcome', result: 'connected', via: 'direct' }, natLab({ ...punched, via: 'relay' }), 'pending'],
		['a kind not built yet', { kind: 'fileTransfer', minBytes: 1 }, connected, 'unavailable']
	])('%s', (_name, condition, snapshot, expected) => {
		expect(evaluateCheck(check(condition), snapshot)).toBe(expected);
	});

	it('is "coming soon" while a required feature is missing, and works once it exists', () => {
		const files = check({ kind: 'machine', equals: 'connected' }, { requires: ['file-transfer'] });
		expect(evaluateCheck(files, connected)).toBe('unavailable');
		expect(evaluateCheck(files, connected, new Set(['file-transfer']))).toBe('passed');
		// Features that exist today.
		for (const feature of ['turn', 'nat-simulator', 'stats-dashboard', 'device-picker'] as const) {
			const needs = check({ kind: 'machine', equals: 'connected' }, { requires: [feature] });
			expect(evaluateCheck(needs, connected)).toBe('passed');
		}
	});

	it('counts a check with `when` only in a lab configured that way', () => {
		const noTrickle = check({ kind: 'machine', equals: 'connected' }, { when: { trickle: false } });
		expect(evaluateCheck(noTrickle, connected)).toBe('pending');
		const withoutTrickle = lab({ state: 'connected' });
		withoutTrickle.context.config.trickle = false;
		expect(evaluateCheck(noTrickle, withoutTrickle)).toBe('passed');
		const relayOnly = check({ kind: 'machine', equals: 'connected' }, { when: { network: 'relay-only' } });
		expect(evaluateCheck(relayOnly, connected)).toBe('pending');
		const throughTurn = lab({ state: 'connected' });
		throughTurn.context.config.network = 'relay-only';
		expect(evaluateCheck(relayOnly, throughTurn)).toBe('passed');
	});
});

describe('latch', () => {
	const checks = [
		check({ kind: 'state', peer: 'A', name: 'signalingState', equals: 'have-local-offer' }, { id: 'offer' }),
		check({ kind: 'machine', equals: 'connected' }, { id: 'connected' }),
		check({ kind: 'dataChannelMessage', minCount: 1 }, { id: 'bonus', optional: true }),
		check({ kind: 'selectedPair', localType: 'relay' }, { id: 'relay', requires: ['turn'] }),
		check({ kind: 'fileTransfer', minBytes: 1 }, { id: 'file', requires: ['file-transfer'] })
	];
	const haveLocalOffer = lab({
		state: 'localOfferSet',
		A: { states: { ...emptyPeer().states, signalingState: history('stable', 'have-local-offer') } }
	});

	it('keeps a check passed after its condition stops holding, and returns the same set when nothing changes', () => {
		const none: ReadonlySet<string> = new Set();
		const afterOffer = latch(none, checks, haveLocalOffer);
		expect([...afterOffer]).toEqual(['offer']);
		// Later A is stable again: the check stays passed.
		const later = latch(afterOffer, checks, offerRound);
		expect(later).toBe(afterOffer);
		const end = latch(later, checks, connected);
		expect([...end].sort()).toEqual(['bonus', 'connected', 'offer', 'relay']);
	});

	it('completes the lesson when every required check has passed and none is coming soon', () => {
		const required = requiredChecks(checks).map((c) => c.id);
		expect(required).toEqual(['offer', 'connected', 'relay']);
		const counts = { required, comingSoon: [] };
		expect(lessonComplete(counts, new Set(['offer']))).toBe(false);
		expect(lessonComplete(counts, new Set(['offer', 'connected']))).toBe(false);
		expect(lessonComplete(counts, new Set(['offer', 'connected', 'relay']))).toBe(true);
		expect(lessonComplete({ required: [], comingSoon: [] }, new Set())).toBe(false);
	});

	it('never calls a lesson complete while a required check is coming soon', () => {
		const counts = lessonCounts({ lab: { page: '/lab' }, checks });
		expect(counts).toEqual({ required: ['offer', 'connected', 'relay'], comingSoon: ['file'] });
		const all = ['offer', 'connected', 'relay', 'bonus'];
		expect(lessonComplete(counts, all)).toBe(false);
		expect(lessonStanding(counts, all)).toEqual({ kind: 'doneForNow', soon: 1 });
		expect(lessonStanding(counts, ['offer'])).toEqual({ kind: 'progress', done: 1, total: 3, soon: 1 });
		// A lesson with nothing to do today: never complete, "read" once opened.
		const nothing = lessonCounts({ lab: { page: '/lab' }, checks: checks.slice(4) });
		expect(nothing).toEqual({ required: [], comingSoon: ['file'] });
		expect(lessonStanding(nothing, ['file'], true)).toEqual({ kind: 'soon', read: true });
		expect(lessonStanding(nothing, [])).toEqual({ kind: 'soon', read: false });
		// Checks on a page whose lab the lesson does not see do not count.
		expect(lessonCounts({ lab: { page: '/sdp' }, checks })).toEqual({ required: [], comingSoon: [] });
		expect(lessonCounts({ lab: { page: '/remote' }, checks }).required).toEqual(counts.required);
	});
});

describe('checks on the remote lab (/remote?lesson=…)', () => {
	const remote = (state: string, extra: Partial<LabSnapshotLike['context']> = {}) =>
		remoteLabSnapshot(state, {
			config: { mode: 'datachannel', source: 'synthetic', trickle: true },
			you: { ...emptyPeer(), states: { ...emptyPeer().states, connectionState: history('new', 'connected') } },
			offer: null,
			answer: null,
			history: [],
			chat: [{ from: 'A', text: 'hi' }],
			stats: null,
			error: null,
			signals: [
				{ direction: 'sent', type: 'join' },
				{ direction: 'received', type: 'joined' },
				{ direction: 'received', type: 'candidate' },
				{ direction: 'received', type: 'error', code: 'room-full' }
			],
			...extra
		});

	it('`signal` counts the messages this page sent or received, by type and code', () => {
		const lab = remote('connected');
		expect(evaluateCheck(check({ kind: 'signal', direction: 'received', type: 'joined' }), lab)).toBe('passed');
		expect(evaluateCheck(check({ kind: 'signal', direction: 'received', type: 'candidate', minCount: 2 }), lab)).toBe('pending');
		expect(evaluateCheck(check({ kind: 'signal', direction: 'sent', type: 'offer' }), lab)).toBe('pending');
		expect(evaluateCheck(check({ kind: 'signal', direction: 'received', type: 'error', code: 'room-full' }), lab)).toBe('passed');
	});

	it('`you` is the page’s own peer; the loopback lab has no `you` and no signals', () => {
		const connectedYou = check({ kind: 'state', peer: 'you', name: 'connectionState', equals: 'connected' });
		expect(evaluateCheck(connectedYou, remote('connected'))).toBe('passed');
		expect(evaluateCheck(check({ kind: 'dataChannelMessage', minCount: 1 }), remote('connected'))).toBe('passed');
		expect(evaluateCheck(connectedYou, lab())).toBe('unavailable');
		expect(evaluateCheck(check({ kind: 'signal', direction: 'received', type: 'joined' }), lab())).toBe('unavailable');
		// Peer B does not exist on /remote.
		expect(evaluateCheck(check({ kind: 'state', peer: 'B', name: 'connectionState', equals: 'connected' }), remote('connected'))).toBe('unavailable');
	});
});
