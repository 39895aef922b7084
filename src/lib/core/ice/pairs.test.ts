import { describe, expect, it } from 'vitest';
import chromeDataChannel from '../stats/fixtures/chrome-datachannel-stats.json';
import { candidatePairPriority } from './candidate';
import { candidatePairs, pairEndText, whySelected, type PairRow } from './pairs';

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

const byId = (rows: PairRow[], id: string) => rows.find((r) => r.id === id) ?? null;

describe('a pair by its id, as the charts title it', () => {
	it('names both candidates of a pair and marks the one the transport selected (Chromium capture)', () => {
		const rows = candidatePairs(reports, true);
		const selected = byId(rows, 'CP+3TOteEL_kNSZdq6l')!;
		expect(selected).toMatchObject({ selected: true, nominated: true, state: 'succeeded' });
		expect(pairEndText(selected.local)).toBe('host udp …:38096');
		expect(pairEndText(selected.remote)).toBe('host udp …:32979');
		const other = byId(rows, 'CPfCI217MV_TgaCRQAE')!;
		expect(other).toMatchObject({ selected: false, nominated: false, state: 'waiting' });
		expect(byId(rows, 'T01')).toBeNull();
		expect(byId(rows, 'nope')).toBeNull();
	});

	it('without transport stats, the pair says itself (Firefox: selected; else nominated and succeeded)', () => {
		const pair = (id: string, fields: Record<string, unknown>): Report => ({
			id,
			type: 'candidate-pair',
			localCandidateId: 'L',
			remoteCandidateId: 'R',
			...fields
		});
		const rows = candidatePairs(
			[
				pair('P1', { selected: true, nominated: true, state: 'succeeded' }),
				pair('P2', { selected: false, nominated: true, state: 'succeeded' }),
				pair('P3', { nominated: true, state: 'succeeded' }),
				{
					id: 'L',
					type: 'local-candidate',
					candidateType: 'relay',
					protocol: 'udp',
					address: 'fd00::1',
					port: 5000,
					relayProtocol: 'tcp'
				},
				{
					id: 'R',
					type: 'remote-candidate',
					candidateType: 'srflx',
					protocol: 'udp',
					ip: '203.0.113.9',
					port: 6000
				}
			],
			true
		);
		expect(byId(rows, 'P1')!.selected).toBe(true);
		expect(byId(rows, 'P2')!.selected).toBe(false);
		expect(byId(rows, 'P3')!.selected).toBe(true);
		const info = byId(rows, 'P1')!;
		expect(pairEndText(info.local)).toBe('relay udp [fd00::1]:5000 (TURN tcp)');
		expect(pairEndText(info.remote)).toBe('srflx udp 203.0.113.9:6000');
	});
});
