import { describe, expect, it } from 'vitest';
import { sequenceDiagram } from '$lib/core/diagrams/sequence';
import type { LogEvent, LogLabel } from '$lib/lab/log-labels';
import { logLabelText } from './sequence-words';

const host = { id: 'candidate', type: 'host', protocol: 'udp' } as const;

/** One label of each kind, with its English words (as the labs said them before they spoke data). */
const LABELS: [LogLabel, string][] = [
	[{ id: 'call', call: 'createOffer()' }, 'createOffer()'],
	[
		{ id: 'media', device: false, canvas: true, tone: true },
		'canvas.captureStream() + WebAudio tone + addTrack()'
	],
	[{ id: 'sdp', type: 'offer' }, 'offer (SDP)'],
	[{ id: 'sdp', type: 'offer', why: 'renegotiation' }, 'offer (renegotiation)'],
	[{ id: 'sdp', type: 'answer', why: 'restart' }, 'answer (ICE restart)'],
	[host, 'candidate host udp'],
	[{ id: 'endOfCandidates' }, 'end-of-candidates'],
	[
		{ id: 'candidateDropped', candidate: host },
		'candidate host udp (dropped by the simulated network)'
	],
	[
		{ id: 'candidateRefused', name: 'OperationError', candidate: host },
		'addIceCandidate refused (OperationError): candidate host udp'
	],
	[{ id: 'candidateRefused', candidate: host }, 'addIceCandidate refused: candidate host udp'],
	[{ id: 'descriptionRefused', type: 'offer' }, 'setRemoteDescription(offer) refused'],
	[{ id: 'descriptionIgnored', type: 'offer', why: 'known' }, 'already have this offer: ignored'],
	[
		{ id: 'descriptionIgnored', type: 'answer', why: 'refused' },
		'refused this answer before: ignored'
	],
	[{ id: 'connected' }, 'connected (ICE + DTLS)'],
	[{ id: 'chat', text: 'hello' }, 'data channel: hello'],
	[{ id: 'signal', type: 'join' }, 'join'],
	[{ id: 'joined', role: 'caller' }, 'joined (caller)'],
	[{ id: 'peerJoined', sameSeat: true }, 'peer-joined (same seat)'],
	[{ id: 'peerJoined', sameSeat: false }, 'peer-joined'],
	[{ id: 'serverError', code: 'room-full' }, 'error: room-full'],
	[{ id: 'connectionLost' }, 'connection lost'],
	[
		{ id: 'held', because: 'noPeer', label: { id: 'sdp', type: 'offer' } },
		'held, not sent (no remote peer in the room yet): offer (SDP)'
	],
	[
		{ id: 'held', because: 'signalingDown', label: host },
		'held, not sent (signaling is down): candidate host udp'
	],
	[{ id: 'resent', wasHeld: true, label: host }, 'candidate host udp (was held)'],
	[{ id: 'resent', wasHeld: false, label: host }, 'candidate host udp (sent again)']
];

/** Three English words in a row: prose the Chinese UI must not show (code and names aside). */
const PROSE = /\b[A-Za-z]{2,}\b[ ,]+\b[A-Za-z]{2,}\b[ ,]+\b[A-Za-z]{2,}\b/;

describe('logLabelText', () => {
	it.each(LABELS)('words %j in English as before', (label, english) => {
		expect(logLabelText(label, 'en')).toBe(english);
	});

	it.each(LABELS)('words %j in Chinese with no English prose', (label, english) => {
		const zh = logLabelText(label, 'zh-CN');
		// API calls and protocol messages stay as written; everything else reads in Chinese.
		if (['call', 'signal'].includes(label.id) || english === 'peer-joined') {
			expect(zh).toBe(english);
			return;
		}
		expect(zh).not.toBe(english);
		// "offer（SDP）": protocol words only, in Chinese punctuation.
		if (!(label.id === 'sdp' && !label.why)) expect(zh).toMatch(/\p{Script=Han}/u);
		expect(zh.replace(/\w+\([^)]*\)/g, '')).not.toMatch(PROSE);
	});

	it('draws a lab log in Chinese, untrusted text still escaped', () => {
		const log: LogEvent[] = [
			{ from: 'A', to: 'S', label: { id: 'sdp', type: 'offer' } },
			{ from: 'B', to: 'A', label: { id: 'chat', text: '<b>hi</b>; A->>B: x' } }
		];
		const text = sequenceDiagram(
			[{ id: 'A', label: '对端 A' }],
			log,
			{},
			{ label: (l) => logLabelText(l, 'zh-CN') }
		);
		expect(text).toContain('A->>S: offer#65288;SDP#65289;');
		expect(text).toContain('数据通道#65306;#60;b#62;hi#60;/b#62;#59; A#45;#62;#62;B#58; x');
	});
});
