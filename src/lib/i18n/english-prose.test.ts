import { describe, expect, it } from 'vitest';
import { englishProse, hasChinese, isEnglishWord } from './english-prose';

describe('isEnglishWord', () => {
	it('counts ordinary words, capitalised or not, with apostrophes and hyphens', () => {
		for (const word of ['Next', 'step', 'caller’s', "caller's", 'well-known', 'A', 'a'])
			expect(isEnglishWord(word), word).toBe(true);
	});

	it('does not count protocol terms, API names, identifiers, addresses or units', () => {
		for (const word of [
			'ICE',
			'SDP',
			'STUN',
			'TURN',
			'RTP',
			'DTLS-SRTP',
			'SDPs',
			'setLocalDescription',
			'iceConnectionState',
			'iceChecking',
			'RTCPeerConnection',
			'WebRTC',
			'have-local-offer',
			'a=ice-ufrag',
			'https://example.com/x',
			'example.com',
			'192.168.1.2',
			'[::1]:3478',
			'opus/48000/2',
			'20ms',
			'ms',
			'kbps',
			'kHz',
			'sendrecv',
			'srflx',
			'udp',
			'stats_id',
			''
		])
			expect(isEnglishWord(word), word).toBe(false);
	});
});

describe('englishProse', () => {
	it('finds three or more consecutive English words', () => {
		expect(englishProse('Run to connected')).toEqual(['Run to connected']);
		expect(englishProse('按 Next step 继续，然后 Run to connected。')).toEqual([
			'Run to connected'
		]);
		expect(englishProse('用 “Wait for gathering to complete” 方式连接一次')).toEqual([
			'“Wait for gathering to complete”'
		]);
		expect(englishProse('no candidate reached either peer')).toEqual([
			'no candidate reached either peer'
		]);
		expect(englishProse('Peer A, Peer B')).toEqual(['Peer A, Peer B']);
		// A dash inside a sentence does not end it.
		expect(englishProse('from any stack — a browser')).toEqual(['from any stack — a browser']);
	});

	it('lets two English words pass, and anything that is not a word breaks a run', () => {
		expect(englishProse('Next step')).toEqual([]);
		expect(englishProse('对端 A → 对端 B')).toEqual([]);
		expect(englishProse('Peer A → Peer B')).toEqual([]);
		expect(englishProse('setLocalDescription 之后 iceGatheringState 变为 gathering')).toEqual([]);
		expect(englishProse('候选 host udp 10.0.0.2:5000（被模拟网络丢弃）')).toEqual([]);
		expect(englishProse('ICE + DTLS 已连通')).toEqual([]);
		expect(englishProse('a=group:BUNDLE 0 1')).toEqual([]);
		expect(englishProse('https://example.com/some/long/path turn:turn.example.org:3478')).toEqual(
			[]
		);
		expect(englishProse('比特率 120 kbps，抖动 3 ms')).toEqual([]);
		expect(englishProse('ICE SDP STUN TURN RTP DTLS')).toEqual([]);
		expect(englishProse('')).toEqual([]);
	});

	it('reads an SDP line as code, and an arrow as a break even without spaces', () => {
		expect(
			englishProse(
				'candidate:3948978594 1 udp 2122265343 fd00::2 56568 typ host generation 0 ufrag I+Xw'
			)
		).toEqual([]);
		expect(englishProse('a=msid-semantic: WMS stream one two')).toEqual([]);
		expect(englishProse('Signaling→对端 A: candidate host udp')).toEqual([]);
		expect(englishProse('Signaling→Peer A: candidate host udp')).toEqual(['Peer A: candidate']);
		expect(englishProse('Peer A: connected (ICE + DTLS)')).toEqual(['Peer A: connected']);
	});

	it('a capital letter alone continues a run but starts none', () => {
		expect(englishProse('第 16 步：对端 B → 对端 A: Check response —— 已送达')).toEqual([]);
		expect(englishProse('Peer A sends')).toEqual(['Peer A sends']);
		expect(englishProse('A B C')).toEqual([]);
	});

	it('RTCP feedback names are identifiers', () => {
		expect(englishProse('goog-remb, transport-cc, ccm fir, nack, nack pli')).toEqual([]);
	});

	it('a Chinese character between words ends the run', () => {
		expect(englishProse('Peer A的offer')).toEqual([]);
		expect(englishProse('one two三four five')).toEqual([]);
	});

	it('reports each run separately', () => {
		expect(englishProse('Bitrate sent on the pair 和 Audio level received')).toEqual([
			'Bitrate sent on the pair',
			'Audio level received'
		]);
	});
});

describe('hasChinese', () => {
	it('finds Chinese characters and CJK punctuation', () => {
		expect(hasChinese('下一步')).toBe(true);
		expect(hasChinese('Unauthorized.。')).toBe(true);
		expect(hasChinese('（')).toBe(true);
		expect(hasChinese('Next step → Peer B (controlled)')).toBe(false);
		expect(hasChinese('café – “quoted” …')).toBe(false);
	});
});
