import { describe, expect, it } from 'vitest';
import {
	ERROR_CODES,
	GENERATED_ROOM_ID_LENGTH,
	ROOM_ID_PATTERN,
	createRoomId,
	isRoomId,
	parseClientMessage,
	roomIdProblem,
	parseServerMessage
} from './protocol';

const candidate = {
	candidate: 'candidate:842163049 1 udp 1677729535 192.0.2.3 54321 typ srflx raddr 0.0.0.0 rport 0',
	sdpMid: '0',
	sdpMLineIndex: 0
};

// [frame, expected message] — what the browser, the Node peer and users' scripts send.
const valid: [string, unknown][] = [
	['{"type":"join","room":"class-3"}', { type: 'join', room: 'class-3' }],
	['{"type":"join","room":"a"}', { type: 'join', room: 'a' }],
	[`{"type":"join","room":"${'x'.repeat(64)}"}`, { type: 'join', room: 'x'.repeat(64) }],
	['{"type":"offer","sdp":"v=0\\r\\n"}', { type: 'offer', sdp: 'v=0\r\n' }],
	['{"type":"answer","sdp":""}', { type: 'answer', sdp: '' }],
	[JSON.stringify({ type: 'candidate', candidate }), { type: 'candidate', candidate }],
	['{"type":"candidate","candidate":null}', { type: 'candidate', candidate: null }],
	[
		'{"type":"candidate","candidate":{"candidate":"","sdpMid":null,"sdpMLineIndex":null}}',
		{ type: 'candidate', candidate: { candidate: '', sdpMid: null, sdpMLineIndex: null } }
	],
	[
		// RTCIceCandidate.toJSON() in Chromium adds usernameFragment.
		JSON.stringify({ type: 'candidate', candidate: { ...candidate, usernameFragment: 'Ab1c' } }),
		{ type: 'candidate', candidate: { ...candidate, usernameFragment: 'Ab1c' } }
	],
	['{"type":"bye"}', { type: 'bye' }],
	['{"type":"ping"}', { type: 'ping' }],
	[
		'{"type":"join","room":"r","resume":"3q2-7wEAAQ_x8Vf1nEu0Ag","role":"callee"}',
		{ type: 'join', room: 'r', resume: '3q2-7wEAAQ_x8Vf1nEu0Ag', role: 'callee' }
	],
	[
		'{"type":"candidate","candidate":{"candidate":"candidate:1 1 udp 1 192.0.2.1 9 typ host","sdpMLineIndex":0}}',
		{
			type: 'candidate',
			candidate: { candidate: 'candidate:1 1 udp 1 192.0.2.1 9 typ host', sdpMLineIndex: 0 }
		}
	],
	// Unknown keys are dropped: a client cannot forge `from`.
	['{"type":"bye","from":"someone-else","extra":1}', { type: 'bye' }]
];

// [frame, expected error code]
const invalid: [string, string][] = [
	['', 'invalid-json'],
	['{', 'invalid-json'],
	['join', 'invalid-json'],
	["{'type':'join'}", 'invalid-json'],
	['null', 'invalid-message'],
	['[]', 'invalid-message'],
	['42', 'invalid-message'],
	['"offer"', 'invalid-message'],
	['{}', 'unknown-type'],
	['{"type":"hello"}', 'unknown-type'],
	['{"type":"JOIN","room":"a"}', 'unknown-type'],
	['{"type":"joined","room":"a"}', 'unknown-type'],
	['{"type":"__proto__"}', 'unknown-type'],
	['{"type":7}', 'unknown-type'],
	['{"type":"join"}', 'invalid-room'],
	['{"type":"join","room":""}', 'invalid-room'],
	['{"type":"join","room":"has space"}', 'invalid-room'],
	['{"type":"join","room":"../etc"}', 'invalid-room'],
	['{"type":"join","room":"ünïcode"}', 'invalid-room'],
	[`{"type":"join","room":"${'x'.repeat(65)}"}`, 'invalid-room'],
	['{"type":"join","room":123}', 'invalid-room'],
	['{"type":"offer"}', 'invalid-message'],
	['{"type":"offer","sdp":42}', 'invalid-message'],
	[`{"type":"offer","sdp":"${'a'.repeat(60_001)}"}`, 'invalid-message'],
	['{"type":"answer","sdp":null}', 'invalid-message'],
	['{"type":"candidate"}', 'invalid-message'],
	['{"type":"candidate","candidate":"candidate:1 1 udp 1 1.2.3.4 5 typ host"}', 'invalid-message'],
	['{"type":"candidate","candidate":{}}', 'invalid-message'],
	['{"type":"candidate","candidate":{"candidate":"x","sdpMLineIndex":-1}}', 'invalid-message'],
	['{"type":"candidate","candidate":{"candidate":"x","sdpMLineIndex":1.5}}', 'invalid-message'],
	['{"type":"candidate","candidate":{"candidate":"x","sdpMid":0}}', 'invalid-message'],
	[
		JSON.stringify({ type: 'candidate', candidate: { candidate: 'c'.repeat(1025) } }),
		'invalid-message'
	],
	// No media section named: the receiving browser's addIceCandidate() would throw.
	[
		'{"type":"candidate","candidate":{"candidate":"candidate:1 1 udp 1 192.0.2.1 9 typ host"}}',
		'invalid-message'
	],
	[
		'{"type":"candidate","candidate":{"candidate":"candidate:1 1 udp 1 192.0.2.1 9 typ host","sdpMid":null,"sdpMLineIndex":null}}',
		'invalid-message'
	],
	['{"type":"join","room":"r","resume":"short"}', 'invalid-message'],
	['{"type":"join","room":"r","role":"boss"}', 'invalid-message']
];

describe('parseClientMessage', () => {
	it.each(valid)('accepts %s', (frame, expected) => {
		expect(parseClientMessage(frame)).toEqual({ ok: true, message: expected });
	});

	it.each(invalid)('rejects %s with %s', (frame, code) => {
		const result = parseClientMessage(frame);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.error.code).toBe(code);
			expect(result.error.type).toBe('error');
			expect(result.error.message).toContain(ERROR_CODES[result.error.code]);
		}
	});

	it('names the offending field', () => {
		const result = parseClientMessage('{"type":"offer","sdp":42}');
		expect(!result.ok && result.error.message).toMatch(/sdp/);
	});
});

describe('parseServerMessage', () => {
	it.each([
		{ type: 'joined', room: 'r', peerId: 'p1', role: 'caller', peers: [] },
		{ type: 'joined', room: 'r', peerId: 'p2', role: 'callee', peers: ['p1'] },
		{ type: 'peer-joined', peerId: 'p2' },
		{ type: 'peer-joined', peerId: 'p2', resumed: true },
		{
			type: 'joined',
			room: 'r',
			peerId: 'p1',
			role: 'caller',
			peers: ['p2'],
			resume: '3q2-7wEAAQ_x8Vf1nEu0Ag',
			resumed: true
		},
		{ type: 'peer-left', peerId: 'p2' },
		{ type: 'offer', sdp: 'v=0', from: 'p1' },
		{ type: 'answer', sdp: 'v=0', from: 'p2' },
		{ type: 'candidate', candidate, from: 'p1' },
		{ type: 'candidate', candidate: null, from: 'p1' },
		{ type: 'bye', from: 'p1' },
		{ type: 'error', code: 'room-full', message: 'The room already holds two peers.' },
		{ type: 'error', code: 'some-future-code', message: 'text' }
	])('accepts $type', (message) => {
		expect(parseServerMessage(JSON.stringify(message))).toEqual(message);
	});

	it.each([
		'nope',
		'{"type":"offer","sdp":"v=0"}',
		'{"type":"joined","room":"r","peerId":"p","role":"boss","peers":[]}',
		'{"type":"peer-left"}',
		'{"type":"error","code":"x"}'
	])('rejects %s', (frame) => {
		expect(parseServerMessage(frame)).toBeNull();
	});
});

describe('room ids', () => {
	it('generates 16 base32 characters = 80 random bits, valid as typed ids', () => {
		const ids = new Set(Array.from({ length: 1000 }, () => createRoomId()));
		expect(ids.size).toBe(1000);
		for (const id of ids) {
			expect(id).toMatch(/^[a-z2-7]{16}$/);
			expect(isRoomId(id)).toBe(true);
		}
		expect(GENERATED_ROOM_ID_LENGTH * Math.log2(32)).toBeGreaterThanOrEqual(64);
	});

	it('uses every character of the alphabet uniformly (low 5 bits of each byte)', () => {
		const counter = (n: number) => Uint8Array.from({ length: n }, (_, i) => i * 8 + 3);
		expect(createRoomId(counter)).toBe('dlt3dlt3dlt3dlt3');
	});

	it('accepts short typed ids and refuses the rest', () => {
		expect(['class-3', 'A_b-9', '1'].every(isRoomId)).toBe(true);
		expect(['', ' a', 'a/b', 'a.b', 'x'.repeat(65), 3].some(isRoomId)).toBe(false);
		expect(ROOM_ID_PATTERN.source).toBe('^[A-Za-z0-9_-]{1,64}$');
	});
});

describe('roomIdProblem', () => {
	it.each([
		['class-3', null],
		['', { kind: 'empty' }],
		['x'.repeat(65), { kind: 'too-long', length: 65, max: 64 }],
		['a\nb', { kind: 'control', codePoint: 'U+000A' }],
		['a\u009bb', { kind: 'control', codePoint: 'U+009B' }],
		['%%', { kind: 'percent' }],
		['%E0%A4%A', { kind: 'percent' }],
		['café', { kind: 'character', character: 'é' }],
		['a b', { kind: 'character', character: ' ' }],
		['😀', { kind: 'character', character: '😀' }]
	] as const)('%j -> %j', (value, problem) => {
		expect(roomIdProblem(value)).toEqual(problem);
	});
});
