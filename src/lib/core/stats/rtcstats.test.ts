import { describe, expect, it } from 'vitest';
import { sequenceDiagram } from '../diagrams/sequence';
import { DumpError, deriveConnection, importDump, type DumpProblem, type StatsDump } from './dump';
import { fixtureText } from './test-fixtures';
import { dumpParticipants, dumpSequence } from './timeline';

const lanes = dumpParticipants({ signaling: 'Signaling', page: 'Page (JavaScript)' });

// The two files chrome://webrtc-internals saved from one call (scripts/capture-dumps.js).
const internals = importDump(fixtureText('chromium-internals-dump.txt'));
const rtcstats = importDump(fixtureText('chromium-rtcstats-dump'));

const errorOf = (text: string): DumpError => {
	try {
		importDump(text);
	} catch (error) {
		if (error instanceof DumpError) return error;
		throw error;
	}
	throw new Error('expected a DumpError');
};

/** webrtc-internals writes numeric-looking strings ("mid": "0") as numbers; rtcstats keeps them. */
const loose = (values: readonly unknown[]) => values.map((v) => (v === null ? null : String(v)));

describe('the captured Chromium dumps, one call saved in both formats', () => {
	it('give the same connections, URLs and configurations', () => {
		const ids = internals.connections.map((c) => c.id);
		expect(ids).toEqual(['8-1', '8-2']);
		expect(rtcstats.connections.map((c) => c.id)).toEqual(ids);
		rtcstats.connections.forEach((c, i) => {
			const o = internals.connections[i]!;
			expect(c.url).toBe(o.url);
			expect(JSON.parse(c.rtcConfiguration)).toEqual(JSON.parse(o.rtcConfiguration));
		});
		expect(rtcstats.userAgentData).toEqual(
			expect.arrayContaining([{ brand: 'Chromium', version: '156' }])
		);
		expect(rtcstats.warnings).toEqual([]);
	});

	it('give the same SDPs', () => {
		rtcstats.connections.forEach((c, i) => {
			const o = internals.connections[i]!;
			const strip = (d: (typeof c.descriptions)[number]) => [d.event, d.sdpType, d.side, d.sdp];
			expect(c.descriptions.map(strip)).toEqual(o.descriptions.map(strip));
			expect(c.descriptions.length).toBe(3);
			expect(c.descriptions[0]!.sdp.startsWith('v=0\r\n')).toBe(true);
		});
	});

	it('give the same event log, at the same times', () => {
		rtcstats.connections.forEach((c, i) => {
			const o = internals.connections[i]!;
			expect(c.events.map((e) => e.type)).toEqual(o.events.map((e) => e.type));
			c.events.forEach((e, j) => {
				expect(Math.abs((e.timestamp ?? 0) - (o.events[j]!.timestamp ?? 0))).toBeLessThan(1);
			});
		});
	});

	it('give the same stats series, value for value', () => {
		rtcstats.connections.forEach((c, i) => {
			const o = internals.connections[i]!;
			expect(c.reports.map((r) => r.id).sort()).toEqual(o.reports.map((r) => r.id).sort());
			for (const report of c.reports) {
				const other = o.reports.find((r) => r.id === report.id)!;
				expect(report.type).toBe(other.type);
				expect(report.timestamps).toEqual(other.timestamps);
				expect(Object.keys(report.fields).sort()).toEqual(Object.keys(other.fields).sort());
				for (const [name, column] of Object.entries(report.fields)) {
					expect(loose(column)).toEqual(loose(other.fields[name]!));
				}
			}
			expect(deriveConnection(c)).toEqual(deriveConnection(o));
		});
	});

	it('derive a non-zero video bitrate and draw the event log', () => {
		const caller = rtcstats.connections[0]!;
		const video = deriveConnection(caller).find(
			(s) => s.reportType === 'outbound-rtp' && s.kind === 'video' && s.metric === 'bitrate'
		)!;
		expect(video.points.at(-1)!.v).toBeGreaterThan(0);
		const text = sequenceDiagram(lanes, dumpSequence(caller.events));
		expect(text).toContain('App->>PC: setLocalDescription (offer)');
		expect(text).toContain('PC->>App: onicecandidate (host udp)');
		expect(text).toContain('Note over PC: onconnectionstatechange#58; connected');
	});
});

describe('rtcstats dumps written by the rtcstats library', () => {
	const dump = (lines: unknown[][]): StatsDump =>
		importDump(
			['RTCStatsDump', '{"fileFormat":3}', ...lines.map((l) => JSON.stringify(l))].join('\n')
		);

	it('delta-compressed getStats: unchanged fields and reports carry over, null removes', () => {
		const { connections } = dump([
			['create', null, { userAgent: 'UA/1' }, 1_000_000],
			['create', '1-1', { iceServers: [] }, 'https://example.test/', 1],
			[
				'getStats',
				'1-1',
				{
					OT: { type: 'outbound-rtp', timestamp: 1_000_001, bytesSent: 0, kind: 'video' },
					CP: { type: 'candidate-pair', timestamp: 1_000_001, bytesSent: 0 }
				},
				0
			],
			['getStats', '1-1', { OT: { bytesSent: 1000 }, timestamp: 1_001_001 }, 1000],
			['getStats', '1-1', { OT: { bytesSent: 3000 }, CP: null, timestamp: 1_002_001 }, 1000]
		]);
		const [pc] = connections;
		expect(pc!.url).toBe('https://example.test/');
		const ot = pc!.reports.find((r) => r.id === 'OT')!;
		expect(ot.timestamps).toEqual([1_000_001, 1_001_001, 1_002_001]);
		expect(ot.fields.bytesSent).toEqual([0, 1000, 3000]);
		expect(ot.fields.kind).toEqual(['video', 'video', 'video']);
		const cp = pc!.reports.find((r) => r.id === 'CP')!;
		expect(cp.timestamps).toEqual([1_000_001, 1_001_001]);
	});

	it('a report without a timestamp is dated by its line', () => {
		const { connections } = dump([
			['create', null, {}, 2_000_000],
			['getStats', '1-1', { DC: { type: 'data-channel', messagesSent: 1 } }, 500],
			['getStats', '1-1', { DC: { type: 'data-channel', messagesSent: 3 } }, 1000]
		]);
		const dc = connections[0]!.reports[0]!;
		expect(dc.timestamps).toEqual([2_000_500, 2_001_500]);
		expect(dc.fields.messagesSent).toEqual([1, 3]);
	});

	it('times are deltas from the line before, the first absolute', () => {
		const { connections, userAgent } = dump([
			['create', null, { userAgent: 'UA/1' }, 1_000_000],
			['create', '1-1', {}, 'u', 5],
			['createOffer', '1-1', {}, 10],
			['onsignalingstatechange', '1-1', '"have-local-offer"', 2.5]
		]);
		expect(userAgent).toBe('UA/1');
		expect(connections[0]!.events.map((e) => [e.type, e.timestamp, e.value])).toEqual([
			['createOffer', 1_000_015, '{}'],
			['onsignalingstatechange', 1_000_017.5, '"have-local-offer"']
		]);
	});
});

describe('malformed rtcstats dumps', () => {
	const cases: [string, string, DumpProblem][] = [
		['line 2 not JSON', 'RTCStatsDump\nnot json', { id: 'rtcstatsHeader', line: 2 }],
		[
			'an object line',
			'RTCStatsDump\n{"fileFormat":3}\n{"method":"create"}',
			{ id: 'rtcstatsNotList', line: 3 }
		],
		[
			'getStats not an object',
			'RTCStatsDump\n{"fileFormat":3}\n["getStats","1-1",[1,2],1]',
			{ id: 'rtcstatsStatsNotObject', line: 3 }
		],
		[
			'a report not an object',
			'RTCStatsDump\n{"fileFormat":3}\n["getStats","1-1",{"OT":3},1]',
			{ id: 'rtcstatsReportNotObject', line: 3, report: 'OT' }
		]
	];
	for (const [what, text, problem] of cases) {
		it(`names the line: ${what}`, () => {
			expect(errorOf(text).problem).toEqual(problem);
		});
	}

	it("names a line cut short, with the parser's own detail", () => {
		const { problem } = errorOf(
			'RTCStatsDump\n{"fileFormat":3}\n["create","1-1",{},"u",1]\n["getStats","1-1",{"OT":'
		);
		expect(problem).toMatchObject({ id: 'rtcstatsNotJson', line: 4 });
	});

	it('warns about a file format it does not know, and reads on', () => {
		const dump = importDump('RTCStatsDump\n{"fileFormat":2}\n["createOffer","1-1",{},1]');
		expect(dump.warnings).toEqual([{ id: 'rtcstatsFormat', found: '2' }]);
		expect(dump.connections[0]!.events[0]!.type).toBe('createOffer');
	});
});
