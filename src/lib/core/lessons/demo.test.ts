import { describe, expect, it } from 'vitest';
import { FALLBACK_DEMO, judgeDemo, type DemoLabLike } from './demo';

const HOST = 'candidate:1 1 udp 2122260223 192.168.1.10 50000 typ host';
const RELAY = 'candidate:3 1 udp 41885439 203.0.113.7 50002 typ relay raddr 0.0.0.0 rport 0';

function lab(
	state: string,
	network: string,
	options: { gathered?: boolean; candidates?: string[]; selected?: string; remote?: string } = {}
): DemoLabLike {
	const peer = () => ({
		states: { iceGatheringState: [{ value: options.gathered ? 'complete' : 'gathering' }] },
		candidates: [...(options.candidates ?? []), null].map((candidate) => ({ candidate }))
	});
	return {
		state,
		context: {
			config: { network },
			peer: { A: peer(), B: peer() },
			stats: options.selected
				? {
						A: {
							selectedPair: {
								local: { candidateType: options.selected },
								remote: { candidateType: options.remote ?? options.selected }
							}
						}
					}
				: null
		}
	};
}

describe('the NAT/TURN fallback demo', () => {
	it('tells every step in both languages, each with its own preset', () => {
		expect(FALLBACK_DEMO.map((step) => step.network)).toEqual([
			'host-only',
			'symmetric-nat-no-turn',
			'symmetric-nat'
		]);
		for (const step of FALLBACK_DEMO) {
			for (const text of [step.title, step.caption, step.why]) {
				expect(text.en).not.toBe('');
				expect(text['zh-CN']).not.toBe('');
			}
		}
	});

	it('numbers nothing itself: the page numbers the scenarios (once)', () => {
		for (const step of FALLBACK_DEMO) {
			expect(step.title.en).not.toMatch(/^\s*\d/);
			expect(step.title['zh-CN']).not.toMatch(/^\s*\d/);
		}
	});

	it('judges a run: direct, relay, no possible pair, still running', () => {
		expect(judgeDemo(lab('connected', 'host-only', { selected: 'host' }))).toBe('connected-direct');
		expect(judgeDemo(lab('connected', 'symmetric-nat', { selected: 'relay' }))).toBe(
			'connected-relay'
		);
		// Through B's relay: A's end is srflx (B sees it as prflx), the path is the relay's.
		expect(
			judgeDemo(lab('connected', 'symmetric-nat', { selected: 'srflx', remote: 'relay' }))
		).toBe('connected-relay');
		expect(judgeDemo(lab('connected', 'symmetric-nat', { selected: 'relay', remote: 'prflx' }))).toBe(
			'connected-relay'
		);
		// Connected, but no stats yet: not judged.
		expect(judgeDemo(lab('connected', 'host-only'))).toBe('running');
		// Every candidate was dropped and gathering is over: no pair can form.
		expect(
			judgeDemo(lab('iceChecking', 'symmetric-nat-no-turn', { gathered: true, candidates: [HOST] }))
		).toBe('no-path');
		// Still gathering: a relay candidate may yet come.
		expect(
			judgeDemo(lab('iceChecking', 'symmetric-nat-no-turn', { candidates: [HOST] }))
		).toBe('running');
		// A relay candidate went through: ICE can still succeed.
		expect(
			judgeDemo(lab('iceChecking', 'symmetric-nat', { gathered: true, candidates: [HOST, RELAY] }))
		).toBe('running');
		expect(judgeDemo(lab('failed', 'symmetric-nat-no-turn'))).toBe('failed');
	});
});
