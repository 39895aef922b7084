import { describe, expect, it } from 'vitest';
import chromeDataChannel from './fixtures/chrome-datachannel-stats.json';
import { normaliseReports, reportList, statsTypeOrder } from './reports';
import type { StatsReportLike } from './summary';

const reports = chromeDataChannel as StatsReportLike[];

describe('normaliseReports', () => {
	it('accepts a Map (RTCStatsReport), an array, Map entries and an object keyed by id alike', () => {
		const map = new Map(reports.map((r) => [r.id, r]));
		const object = Object.fromEntries(reports.map((r) => [r.id, r]));
		const fromArray = normaliseReports(reports);
		for (const input of [map, map.entries(), object]) {
			const n = normaliseReports(input);
			expect([...n.byId.keys()]).toEqual([...fromArray.byId.keys()]);
			expect([...n.byType.keys()]).toEqual([...fromArray.byType.keys()]);
		}
	});

	it('groups by type in the spec order, unknown types last', () => {
		const n = normaliseReports([...reports, { id: 'x', type: 'zz-new', timestamp: 1 }]);
		const types = [...n.byType.keys()];
		const known = types.filter((t) => (statsTypeOrder as readonly string[]).includes(t));
		expect(known).toEqual(statsTypeOrder.filter((t) => types.includes(t)));
		expect(types[types.length - 1]).toBe('zz-new');
		expect(n.byType.get('candidate-pair')).toHaveLength(2);
		expect(n.timestamp).toBe(reports[0]?.timestamp);
	});

	it('skips junk without throwing', () => {
		expect(reportList(null)).toEqual([]);
		expect(reportList([1, 'x', null, { id: 3, type: 'codec' }, { id: 'a' }])).toEqual([]);
		expect(normaliseReports({ a: { type: 'codec' } }).byId.get('a')?.type).toBe('codec');
	});
});
