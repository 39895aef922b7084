import { describe, expect, it } from 'vitest';
import { sequenceDiagram } from '../diagrams/sequence';
import { importDump, type DumpEvent } from './dump';
import { fixtureText } from './test-fixtures';
import { dumpParticipants, dumpEventKind, dumpSequence, dumpStatesAt } from './timeline';

const lanes = dumpParticipants({ signaling: 'Signaling', page: 'Page (JavaScript)' });

const event = (type: string, value = ''): DumpEvent => ({ time: '', timestamp: 0, type, value });

describe('dumpSequence', () => {
	it('draws signaling between the page and the signaling channel, never into the connection', () => {
		const lines = sequenceDiagram(
			lanes,
			dumpSequence([
				event('setLocalDescription', 'type: offer, sdp: v=0\r\n'),
				event('signalingSend', 'offer'),
				event('signalingReceive', 'answer'),
				event(
					'icecandidate',
					'sdpMid: 0, sdpMLineIndex: 0, candidate: candidate:1 1 udp 1 192.0.2.1 9 typ host'
				),
				event('signalingSend', 'candidate host udp')
			])
		).split('\n');
		expect(lines).toContain('  participant Sig as Signaling');
		expect(lines).toContain('  App->>PC: setLocalDescription (offer)');
		expect(lines).toContain('  App->>Sig: signalingSend (offer)');
		expect(lines).toContain('  Sig->>App: signalingReceive (answer)');
		expect(lines).toContain('  PC->>App: icecandidate (host udp)');
		expect(lines).toContain('  App->>Sig: signalingSend (candidate host udp)');
		expect(lines.filter((l) => /signaling(Send|Receive)/.test(l) && l.includes('PC'))).toEqual([]);
	});

	it('calls on other objects are notes on the page; data-channel messages come from the connection', () => {
		const sequence = dumpSequence([
			event('getUserMedia'),
			event('canvas.captureStream'),
			event('addTrack'),
			event('note', 'new RTCPeerConnection()'),
			event('dataChannelSend', 'data channel: hi'),
			event('dataChannelReceive', 'data channel: hello')
		]);
		expect(sequence.map((e) => `${e.from} ${e.kind ?? 'message'} ${e.to} ${e.label}`)).toEqual([
			'App note App getUserMedia',
			'App note App canvas.captureStream',
			'App message PC addTrack',
			'App note App new RTCPeerConnection()',
			'App message PC dataChannelSend (data channel: hi)',
			'PC message App dataChannelReceive (data channel: hello)'
		]);
	});

	it('names its lanes with the words the page gives, the connection by its API name', () => {
		const zh = dumpParticipants({ signaling: '信令', page: '页面（JavaScript）' });
		const text = sequenceDiagram(zh, dumpSequence([event('signalingSend', 'offer')]));
		expect(text).toContain('participant Sig as 信令');
		expect(text).toMatch(/participant App as 页面.+JavaScript/);
		expect(text).toContain('participant PC as RTCPeerConnection');
		expect(text).not.toMatch(/Signaling|Page/);
	});

	it('a dump without signaling entries has no signaling lane', () => {
		const text = sequenceDiagram(lanes, dumpSequence([event('createOffer')]));
		expect(text).not.toContain('Signaling');
	});
});

describe('time travel through a dump', () => {
	const [offerer] = importDump(fixtureText('chromium-internals-dump.txt')).connections;

	it('marks the JSEP calls as steps and the state changes as states', () => {
		const steps = offerer!.events.filter((e) => dumpEventKind(e.type) === 'step');
		expect(steps.map((e) => e.type)).toEqual([
			'createOffer',
			'setLocalDescription',
			'setRemoteDescription'
		]);
		expect(dumpEventKind('onsignalingstatechange')).toBe('state');
		expect(dumpEventKind('iceconnectionstatechange')).toBe('state');
		expect(dumpEventKind('onicecandidate')).toBe('event');
	});

	it('gives the four states as they were after an event (Chromium quotes them)', () => {
		const events = offerer!.events;
		expect(dumpStatesAt(events, 0)).toEqual({
			signalingState: 'stable',
			iceGatheringState: 'new',
			iceConnectionState: 'new',
			connectionState: 'new'
		});
		const afterSld = events.findIndex((e) => e.type === 'onsignalingstatechange') + 1;
		expect(dumpStatesAt(events, afterSld).signalingState).toBe('have-local-offer');
		expect(dumpStatesAt(events, events.length)).toEqual({
			signalingState: 'stable',
			iceGatheringState: 'complete',
			iceConnectionState: 'connected',
			connectionState: 'connected'
		});
		expect(dumpStatesAt(events, 10_000)).toEqual(dumpStatesAt(events, events.length));
	});
});
