import { describe, expect, it } from 'vitest';
import chromeDataChannel from './fixtures/chrome-datachannel-stats.json';
import { summarizeStats, type StatsReportLike } from './summary';

const chrome = chromeDataChannel as StatsReportLike[];

describe('summarizeStats', () => {
	it('finds the selected pair through the transport report (Chromium, captured)', () => {
		const { selectedPair, foundBy } = summarizeStats(chrome);
		expect(foundBy).toBe('transport');
		expect(selectedPair).toMatchObject({
			id: 'CP+3TOteEL_kNSZdq6l',
			state: 'succeeded',
			local: { candidateType: 'host', protocol: 'udp' },
			remote: { candidateType: 'host', protocol: 'udp' },
			bytesSent: 3230
		});
		expect(selectedPair?.rttMs).toBeCloseTo(1);
	});

	it('finds it through the selected flag when there is no transport report (Firefox)', () => {
		const firefoxLike = chrome
			.filter((r) => r.type !== 'transport')
			.map((r) => (r.id === 'CP+3TOteEL_kNSZdq6l' ? { ...r, selected: true } : r));
		const summary = summarizeStats(firefoxLike);
		expect(summary.foundBy).toBe('selected-flag');
		expect(summary.selectedPair?.id).toBe('CP+3TOteEL_kNSZdq6l');
	});

	it('falls back to the nominated, succeeded pair', () => {
		const summary = summarizeStats(chrome.filter((r) => r.type !== 'transport'));
		expect(summary.foundBy).toBe('nominated-succeeded');
	});

	it('reports no pair before ICE has chosen one, and survives junk', () => {
		expect(summarizeStats([])).toEqual({ selectedPair: null, foundBy: null });
		const junk = [
			{ id: 'T', type: 'transport', selectedCandidatePairId: 'missing' },
			{
				id: 'CP',
				type: 'candidate-pair',
				bytesSent: 'lots',
				currentRoundTripTime: NaN,
				selected: true
			}
		] as StatsReportLike[];
		expect(summarizeStats(junk).selectedPair).toMatchObject({
			bytesSent: 0,
			rttMs: null,
			local: null
		});
	});
});
