import { describe, expect, it } from 'vitest';
import { candidatePairInfo, pairEndText } from './pair';
import { normaliseReports } from './reports';
import type { StatsReportLike } from './summary';
import { fixtureText } from './test-fixtures';

const reports = JSON.parse(fixtureText('chrome-datachannel-stats.json')) as StatsReportLike[];

describe('candidatePairInfo', () => {
	it('names both candidates of a pair and marks the one the transport selected (Chromium capture)', () => {
		const normalised = normaliseReports(reports);
		const selected = candidatePairInfo(normalised, 'CP+3TOteEL_kNSZdq6l')!;
		expect(selected).toMatchObject({ selected: true, nominated: true, state: 'succeeded' });
		expect(pairEndText(selected.local)).toBe('host udp …:38096');
		expect(pairEndText(selected.remote)).toBe('host udp …:32979');
		const other = candidatePairInfo(normalised, 'CPfCI217MV_TgaCRQAE')!;
		expect(other).toMatchObject({ selected: false, nominated: false, state: 'waiting' });
		expect(candidatePairInfo(normalised, 'T01')).toBeNull();
		expect(candidatePairInfo(normalised, 'nope')).toBeNull();
	});

	it('without transport stats, the pair says itself (Firefox: selected; else nominated and succeeded)', () => {
		const pair = (id: string, fields: Record<string, unknown>): StatsReportLike => ({
			id,
			type: 'candidate-pair',
			localCandidateId: 'L',
			remoteCandidateId: 'R',
			...fields
		});
		const normalised = normaliseReports([
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
		]);
		expect(candidatePairInfo(normalised, 'P1')!.selected).toBe(true);
		expect(candidatePairInfo(normalised, 'P2')!.selected).toBe(false);
		expect(candidatePairInfo(normalised, 'P3')!.selected).toBe(true);
		const info = candidatePairInfo(normalised, 'P1')!;
		expect(pairEndText(info.local)).toBe('relay udp [fd00::1]:5000 (TURN tcp)');
		expect(pairEndText(info.remote)).toBe('srflx udp 203.0.113.9:6000');
	});
});
