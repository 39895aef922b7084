import { describe, expect, it } from 'vitest';
import { conditionById } from './conditions';
import { deliveredCount, explainIceFailure, FAILURE_REASONS, sdpCandidates } from './failure';

const host = 'candidate:1 1 udp 2122260223 192.0.2.10 50000 typ host generation 0';
const srflx =
	'candidate:2 1 udp 1686052607 203.0.113.5 61000 typ srflx raddr 192.0.2.10 rport 50000 generation 0';
const relay =
	'candidate:3 1 udp 41885439 198.51.100.7 3478 typ relay raddr 203.0.113.5 rport 61000 generation 0';

const ids = (input: Parameters<typeof explainIceFailure>[0]) =>
	explainIceFailure(input).map((r) => r.id);

describe('explainIceFailure', () => {
	it('symmetric NAT without TURN: nothing reached either side, the preset dropped host and srflx, no TURN', () => {
		const condition = conditionById('symmetric-nat-no-turn');
		const gathered = { A: [host, srflx, null], B: [host, srflx, null] };
		const delivered = {
			A: deliveredCount(gathered.B, condition),
			B: deliveredCount(gathered.A, condition)
		};
		expect(delivered).toEqual({ A: 0, B: 0 });
		const reasons = explainIceFailure({
			gathered,
			delivered,
			turnConfigured: false,
			errorCodes: [],
			condition
		});
		expect(reasons.map((r) => r.id)).toEqual(['nothing-delivered', 'dropped-by-preset', 'no-turn']);
		expect(reasons[1]?.text.en).toContain('host, srflx');
		expect(reasons[1]?.text['zh-CN']).toContain('host, srflx');
	});

	it('a refused TURN credential is named first after the missing pair', () => {
		expect(
			ids({
				gathered: { A: [null], B: [null] },
				delivered: { A: 0, B: 0 },
				turnConfigured: true,
				errorCodes: [401],
				condition: conditionById('broken-turn')
			})
		).toEqual(['nothing-delivered', 'turn-refused']);
	});

	it('relay candidates that still failed point at the relay, not at missing servers', () => {
		expect(
			ids({
				gathered: { A: [relay], B: [relay] },
				delivered: { A: 1, B: 1 },
				turnConfigured: true,
				errorCodes: [],
				condition: conditionById('relay-only')
			})
		).toEqual(['relay-failed']);
	});

	it('falls back to "checks failed" with the types that were exchanged', () => {
		const [reason] = explainIceFailure({
			gathered: { A: [host, srflx], B: [host] },
			delivered: { A: 1, B: 2 },
			turnConfigured: true,
			errorCodes: [],
			condition: conditionById('all')
		});
		expect(reason?.id).toBe('checks-failed');
		expect(reason?.text.en).toContain('host, srflx');
	});

	it('every reason is written in both languages', () => {
		for (const text of Object.values(FAILURE_REASONS)) {
			expect(text.en.length).toBeGreaterThan(20);
			expect(text['zh-CN'].length).toBeGreaterThan(10);
		}
	});
});

describe('sdpCandidates', () => {
	it('reads the candidate lines of a description, without the a=', () => {
		const sdp = `v=0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=${host}\r\na=${relay}\r\na=end-of-candidates\r\n`;
		expect(sdpCandidates(sdp)).toEqual([host, relay]);
		expect(sdpCandidates(undefined)).toEqual([]);
	});
});
