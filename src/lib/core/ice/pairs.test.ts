import { describe, expect, it } from 'vitest';
import chromeDataChannel from '../stats/fixtures/chrome-datachannel-stats.json';
import { candidatePairPriority } from './candidate';
import { candidatePairs, whySelected } from './pairs';

type Report = { id: string; type: string } & Record<string, unknown>;
const reports = chromeDataChannel as Report[];

describe('candidate-pair grid', () => {
	it('lists every pair from a captured Chromium report, the selected one first', () => {
		const rows = candidatePairs(reports, true);
		expect(rows).toHaveLength(2);
		expect(rows[0]).toMatchObject({
			id: 'CP+3TOteEL_kNSZdq6l',
			selected: true,
			nominated: true,
			state: 'succeeded',
			local: { candidateType: 'host', protocol: 'udp' },
			remote: { candidateType: 'host' }
		});
		expect(rows[1]?.selected).toBe(false);
		expect(whySelected(rows)?.en).toMatch(/^host ↔ host: /);
	});

	it('computes the pair priority from the controlling side (RFC 8445 §6.1.2.3)', () => {
		const local = { id: 'L', type: 'local-candidate', candidateType: 'host', priority: 2122260223 };
		const remote = {
			id: 'R',
			type: 'remote-candidate',
			candidateType: 'relay',
			priority: 41885439
		};
		const pair = { id: 'P', type: 'candidate-pair', localCandidateId: 'L', remoteCandidateId: 'R' };
		const controlling = candidatePairs([local, remote, pair], true)[0]!;
		const controlled = candidatePairs([local, remote, pair], false)[0]!;
		expect(controlling.pairPriority).toBe(candidatePairPriority(2122260223, 41885439));
		expect(controlled.pairPriority).toBe(candidatePairPriority(41885439, 2122260223));
		// The formula is asymmetric only in its last bit: G > D adds 1.
		expect(controlling.pairPriority! - controlled.pairPriority!).toBe(1n);
	});

	it('survives junk and reports nothing selected before ICE picks', () => {
		expect(candidatePairs([], true)).toEqual([]);
		const rows = candidatePairs(
			[{ id: 'P', type: 'candidate-pair', bytesSent: 'x', currentRoundTripTime: NaN }],
			true
		);
		expect(rows[0]).toMatchObject({ local: null, bytesSent: 0, rttMs: null, pairPriority: null });
		expect(whySelected(rows)).toBeNull();
	});
});
