import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alignRows, axisTicks, chartRows, chartTitle, formatValue, rowIdentity } from './chart';
import { metricRules, type MetricUnit } from './derived';

/** A round tick: 1, 2, 2.5 or 5 × 10^n (2.5 appears once a prefix divides a step of 5 or 25). */
function isRound(step: number): boolean {
	const mantissa = step / 10 ** Math.floor(Math.log10(step));
	return [1, 2, 2.5, 5].some((m) => Math.abs(mantissa - m) < 1e-9);
}

describe('axisTicks', () => {
	it('gives round values in one readable unit, from 0 to at least the largest value', () => {
		expect(axisTicks(0, 2.48e9, 'bit/s')).toEqual({
			low: 0,
			high: 2.5e9,
			values: [0, 5e8, 1e9, 1.5e9, 2e9, 2.5e9],
			labels: ['0.0 Gbit/s', '0.5 Gbit/s', '1.0 Gbit/s', '1.5 Gbit/s', '2.0 Gbit/s', '2.5 Gbit/s']
		});
		expect(axisTicks(120_000, 312_400, 'bit/s').labels).toEqual([
			'0 kbit/s',
			'100 kbit/s',
			'200 kbit/s',
			'300 kbit/s',
			'400 kbit/s'
		]);
		expect(axisTicks(1.2e6, 2.7e6, 'bit/s').labels).toEqual([
			'0 Mbit/s',
			'1 Mbit/s',
			'2 Mbit/s',
			'3 Mbit/s'
		]);
		expect(axisTicks(0.4, 37.5, 'ms').labels).toEqual(['0 ms', '10 ms', '20 ms', '30 ms', '40 ms']);
		expect(axisTicks(0, 1.3, '%').labels).toEqual(['0.0 %', '0.5 %', '1.0 %', '1.5 %']);
		expect(axisTicks(0, 0.42, 'level').labels).toEqual(['0.0', '0.1', '0.2', '0.3', '0.4', '0.5']);
		expect(axisTicks(0, 30, 'frames/s').labels).toEqual([
			'0 frames/s',
			'10 frames/s',
			'20 frames/s',
			'30 frames/s'
		]);
		expect(axisTicks(0, 48_000, 'packets/s').labels.at(-1)).toBe('50k packets/s');
	});

	it('draws a flat or empty series on a 0 … 1 axis', () => {
		for (const [min, max] of [
			[0, 0],
			[Infinity, -Infinity],
			[NaN, NaN]
		]) {
			const axis = axisTicks(min!, max!, 'bit/s');
			expect(axis.low).toBe(0);
			expect(axis.high).toBe(1);
			expect(axis.labels[0]).toBe('0.0 bit/s');
			expect(axis.labels.at(-1)).toBe('1.0 bit/s');
		}
	});

	it('tells tiny values apart', () => {
		expect(axisTicks(0, 0.00042, 'ms').labels).toEqual([
			'0.0000 ms',
			'0.0001 ms',
			'0.0002 ms',
			'0.0003 ms',
			'0.0004 ms',
			'0.0005 ms'
		]);
	});

	it('for any data range: round, evenly spaced values that cover the data, labels all distinct', () => {
		// Measurements: zero, or from a millionth (a jitter in ms) to a terabit per second.
		const value = fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 1e12, noNaN: true }));
		const units: MetricUnit[] = ['bit/s', 'B/s', 'ms', '%', 'frames/s', 'level', 'packets/s'];
		fc.assert(
			fc.property(value, value, fc.constantFrom(...units), (a, b, unit) => {
				const [min, max] = a <= b ? [a, b] : [b, a];
				const axis = axisTicks(min, max, unit);
				expect(axis.values[0]).toBe(axis.low);
				expect(axis.values.at(-1)).toBe(axis.high);
				expect(axis.low).toBeLessThanOrEqual(Math.min(0, min));
				expect(axis.high).toBeGreaterThanOrEqual(max);
				expect(axis.values.length).toBeGreaterThanOrEqual(2);
				expect(axis.values.length).toBeLessThanOrEqual(11);
				const step = axis.values[1]! - axis.values[0]!;
				expect(isRound(step)).toBe(true);
				for (let i = 1; i < axis.values.length; i++) {
					expect(axis.values[i]! - axis.values[i - 1]!).toBeCloseTo(step, 6);
				}
				expect(new Set(axis.labels).size).toBe(axis.labels.length);
				// Short enough for the chart's left margin (measured in the browser test too).
				for (const label of axis.labels) expect(label.length).toBeLessThanOrEqual(20);
			})
		);
	});
});

describe('unit names', () => {
	it('the page names the units that are words, in its language; symbols stay', () => {
		const zh = { 'packets/s': '包/秒', 'frames/s': '帧/秒', 'messages/s': '条消息/秒' } as const;
		expect(axisTicks(0, 48_000, 'packets/s', 4, zh).labels.at(-1)).toBe('50k 包/秒');
		expect(axisTicks(0, 30, 'frames/s', 4, zh).labels.at(-1)).toBe('30 帧/秒');
		expect(formatValue(30, 'frames/s', zh)).toBe('30 帧/秒');
		expect(formatValue(2.5, 'messages/s', zh)).toBe('2.5 条消息/秒');
		expect(formatValue(2_500_000, 'bit/s', zh)).toBe('2.50 Mbit/s');
		expect(formatValue(12.34, 'ms', zh)).toBe('12.3 ms');
	});
});

describe('formatValue', () => {
	it('writes rates with k, M and G prefixes, and ms, %, levels', () => {
		expect(formatValue(312_449, 'bit/s')).toBe('312.4 kbit/s');
		expect(formatValue(2_500_000, 'bit/s')).toBe('2.50 Mbit/s');
		expect(formatValue(2.5e9, 'bit/s')).toBe('2.50 Gbit/s');
		expect(formatValue(800, 'B/s')).toBe('800 B/s');
		expect(formatValue(12.34, 'ms')).toBe('12.3 ms');
		expect(formatValue(1.5, '%')).toBe('1.50 %');
		expect(formatValue(0.0123, 'level')).toBe('0.012');
		expect(formatValue(30, 'frames/s')).toBe('30 frames/s');
	});
});

describe('chartTitle', () => {
	it('names the track and the direction of every chartable series', () => {
		for (const rule of metricRules) {
			for (const kind of ['audio', 'video']) {
				const title = chartTitle({ ...rule, reportType: rule.type, kind });
				expect(title.track).not.toBe('other');
				if (
					['outbound-rtp', 'inbound-rtp', 'remote-inbound-rtp', 'media-source'].includes(rule.type)
				)
					expect(title.track.startsWith(kind)).toBe(true);
			}
		}
		const video = { reportType: 'outbound-rtp', kind: 'video', direction: 'sent' } as const;
		expect(chartTitle({ ...video, metric: 'bitrate' })).toEqual({
			track: 'videoSent',
			measure: 'bitrate'
		});
		expect(
			chartTitle({
				reportType: 'inbound-rtp',
				kind: 'audio',
				metric: 'packetLoss',
				direction: 'received'
			})
		).toEqual({ track: 'audioReceived', measure: 'packetLoss' });
		expect(chartTitle({ reportType: 'remote-inbound-rtp', kind: 'video', metric: 'rtt' })).toEqual({
			track: 'videoSent',
			measure: 'rttRtcp'
		});
		expect(chartTitle({ reportType: 'candidate-pair', metric: 'rtt' })).toEqual({
			track: 'pair',
			measure: 'rttStun'
		});
	});
});

describe('rows', () => {
	const a = [
		{ reportType: 'candidate-pair', metric: 'rtt' },
		{ reportType: 'outbound-rtp', kind: 'video', metric: 'bitrate', direction: 'sent' },
		{ reportType: 'outbound-rtp', kind: 'audio', metric: 'bitrate', direction: 'sent' },
		{ reportType: 'inbound-rtp', kind: 'audio', metric: 'bitrate', direction: 'received' }
	] as const;
	const b = [
		{ reportType: 'inbound-rtp', kind: 'audio', metric: 'bitrate', direction: 'received' },
		{ reportType: 'remote-inbound-rtp', kind: 'audio', metric: 'rtt' },
		{ reportType: 'outbound-rtp', kind: 'audio', metric: 'bitrate', direction: 'sent' },
		{ reportType: 'candidate-pair', metric: 'rtt' }
	] as const;

	it('gives both peers one order: audio, video, then the connection; each metric once', () => {
		expect(alignRows(chartRows(a), chartRows(b))).toEqual([
			'audio|outbound-rtp|bitrate|sent',
			'audio|remote-inbound-rtp|rtt|',
			'audio|inbound-rtp|bitrate|received',
			'video|outbound-rtp|bitrate|sent',
			'|candidate-pair|rtt|'
		]);
		// Whichever peer comes first.
		expect(alignRows(chartRows(b), chartRows(a))).toEqual(alignRows(chartRows(a), chartRows(b)));
	});

	it('reads a row back as the series it stands for', () => {
		for (const s of [...a, ...b]) expect(rowIdentity(chartRows([s])[0]!)).toEqual(s);
	});

	it('numbers a second stream of the same kind', () => {
		expect(chartRows([a[1], a[1]])).toEqual([
			'video|outbound-rtp|bitrate|sent',
			'video|outbound-rtp|bitrate|sent#2'
		]);
	});
});
