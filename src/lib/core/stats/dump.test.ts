import { describe, expect, it } from 'vitest';
import {
	DumpError,
	type DumpProblem,
	exportDump,
	importDump,
	importDumpAsync,
	deriveConnection,
	serialiseDump,
	splitStatsKey,
	type StatsDump
} from './dump';
import { capture, captureNames, dumpFromCapture, fixtureText, largeDump } from './test-fixtures';
import { dumpParticipants, dumpSequence } from './timeline';
import { sequenceDiagram } from '../diagrams/sequence';

const lanes = dumpParticipants({ signaling: 'Signaling', page: 'Page (JavaScript)' });

/** A dump built with our exporter from a captured run (both peers). */
const dumpOfCapture = (name: (typeof captureNames)[number]): StatsDump =>
	dumpFromCapture(capture(name));

const errorOf = (text: string): DumpError => {
	try {
		importDump(text);
	} catch (error) {
		if (error instanceof DumpError) return error;
		throw error;
	}
	throw new Error('expected a DumpError');
};

describe('the hand-written Chrome-format dump', () => {
	const dump = importDump(fixtureText('webrtc-internals-dump.json'));
	const [pc] = dump.connections;

	it('gives the config, the event log and the SDPs', () => {
		expect(dump.userAgent).toMatch(/Chrome\/126/);
		expect(dump.connections).toHaveLength(1);
		expect(pc!.id).toBe('4242-1');
		expect(pc!.rtcConfiguration).toContain('bundlePolicy: max-bundle');
		expect(pc!.events[0]!.type).toBe('transceiverAdded');
		expect(pc!.events.every((e) => typeof e.timestamp === 'number')).toBe(true);
		expect(pc!.descriptions.map((d) => `${d.event} ${d.sdpType} ${d.side}`)).toEqual([
			'createOfferOnSuccess offer local',
			'setLocalDescription offer local',
			'setRemoteDescription answer remote'
		]);
		expect(pc!.descriptions[0]!.sdp.startsWith('v=0\r\n')).toBe(true);
		expect(dump.warnings).toEqual([]);
	});

	it('aligns a field that starts late with the report timestamps', () => {
		const out = pc!.reports.find((r) => r.id === 'OT01V1111')!;
		expect(out.type).toBe('outbound-rtp');
		expect(out.timestamps).toHaveLength(5);
		expect(out.fields.framesPerSecond).toEqual([null, 19, 20, 20, 19]);
		expect(out.fields['[bytesSent_in_bits/s]']).toHaveLength(5);
		expect(out.fields.active).toEqual([true, true, true, true, true]);
	});

	it('derives the same bitrate chrome://webrtc-internals computed', () => {
		const series = deriveConnection(pc!);
		const bitrate = series.find((s) => s.reportId === 'OT01V1111' && s.metric === 'bitrate')!;
		const chrome = pc!.reports.find((r) => r.id === 'OT01V1111')!.fields[
			'[bytesSent_in_bits/s]'
		] as number[];
		bitrate.points.forEach((p, i) => expect(p.v).toBeCloseTo(chrome[i + 1]!, -3));
	});

	it('turns the event log into a sequence diagram', () => {
		const text = sequenceDiagram(lanes, dumpSequence(pc!.events));
		expect(text).toContain('App->>PC: setLocalDescription (offer)');
		expect(text).toContain('PC->>App: icecandidate (srflx udp)');
		expect(text).toContain('Note over PC: iceconnectionstatechange#58; connected');
	});
});

describe('export -> import round trip', () => {
	for (const name of captureNames) {
		it(`keeps every event, SDP and stats value (${name})`, () => {
			const original = dumpOfCapture(name);
			const again = importDump(serialiseDump(original));
			expect(again.userAgent).toBe(original.userAgent);
			expect(again.connections.map((c) => c.id)).toEqual(original.connections.map((c) => c.id));
			again.connections.forEach((c, i) => {
				const o = original.connections[i]!;
				expect(c.events).toEqual(o.events);
				expect(c.descriptions).toEqual(o.descriptions);
				expect(c.rtcConfiguration).toBe(o.rtcConfiguration);
				expect(c.reports).toEqual(o.reports);
				expect(deriveConnection(c)).toEqual(deriveConnection(o));
			});
			// Law: export ∘ import ∘ export = export.
			expect(serialiseDump(again)).toBe(serialiseDump(original));
		});
	}

	it('writes what rtcstats reads: a -timestamp series per report, values as JSON text', () => {
		const exported = exportDump(dumpOfCapture('chrome-audio-video-capture'));
		const pc = Object.values(exported.PeerConnections)[0]!;
		const keys = Object.keys(pc.stats);
		const ids = new Set(keys.map((k) => splitStatsKey(k)[0]));
		for (const id of ids) expect(keys).toContain(`${id}-timestamp`);
		for (const entry of Object.values(pc.stats)) {
			expect(Array.isArray(JSON.parse(entry.values))).toBe(true);
			expect(new Date(entry.startTime).getTime()).not.toBeNaN();
			expect(entry.statsType).not.toBe('');
		}
		expect(pc.updateLog.some((e) => e.type === 'setLocalDescription')).toBe(true);
	});

	it('the captured session keeps its SDPs and derives a non-zero outbound bitrate', () => {
		const dump = dumpOfCapture('chrome-audio-video-capture');
		const caller = dump.connections[0]!;
		expect(caller.descriptions.map((d) => d.event)).toEqual([
			'createOfferOnSuccess',
			'setLocalDescription',
			'setRemoteDescription'
		]);
		const series = deriveConnection(caller);
		const video = series.find(
			(s) => s.reportType === 'outbound-rtp' && s.kind === 'video' && s.metric === 'bitrate'
		)!;
		expect(video.points.at(-1)!.v).toBeGreaterThan(0);
	});
});

describe('malformed and unrelated files', () => {
	// The problem by id, with where it is in the file; the page words it (no English here).
	const cases: [string, string, DumpProblem][] = [
		['empty', '  \n', { id: 'empty' }],
		['a list', '[1, 2]', { id: 'notObject', found: 'list' }],
		[
			'package.json',
			'{"name": "x", "version": "1"}',
			{ id: 'noPeerConnections', keys: ['name', 'version'] }
		],
		['an empty object', '{}', { id: 'noPeerConnections', keys: [] }],
		[
			'PeerConnections a list',
			'{"PeerConnections": []}',
			{ id: 'peerConnectionsNotObject', found: 'list' }
		],
		[
			'connection a string',
			'{"PeerConnections": {"1-1": "x"}}',
			{ id: 'connectionNotObject', connection: '1-1', found: 'string' }
		],
		[
			'updateLog an object',
			'{"PeerConnections": {"1-1": {"updateLog": {}}}}',
			{ id: 'updateLogNotList', connection: '1-1', found: 'object' }
		],
		[
			'event without type',
			'{"PeerConnections": {"1-1": {"updateLog": [{"value": 1}]}}}',
			{ id: 'eventWithoutType', connection: '1-1', index: 0 }
		],
		[
			'stats a number',
			'{"PeerConnections": {"1-1": {"stats": 3}}}',
			{ id: 'statsNotObject', connection: '1-1', found: 'number' }
		],
		[
			'a series null',
			'{"PeerConnections": {"1-1": {"stats": {"T-bytesSent": null}}}}',
			{ id: 'seriesNotObject', connection: '1-1', key: 'T-bytesSent', found: 'null' }
		],
		[
			'values not JSON',
			'{"PeerConnections": {"1-1": {"stats": {"T-bytesSent": {"values": "[1,"}}}}}',
			{ id: 'seriesValuesNotList', connection: '1-1', key: 'T-bytesSent' }
		]
	];
	for (const [what, text, problem] of cases) {
		it(`rejects ${what} naming the problem by id`, () => {
			expect(errorOf(text).problem).toEqual(problem);
		});
	}

	for (const [what, text] of [
		['not JSON', 'hello, world'],
		['truncated', fixtureText('webrtc-internals-dump.json').slice(0, 500)]
	] as const) {
		it(`rejects ${what}: not JSON, with the parser's own detail`, () => {
			const { problem } = errorOf(text);
			expect(problem.id).toBe('notJson');
			expect(problem.id === 'notJson' && problem.detail).toMatch(/JSON|token|Unexpected/);
		});
	}

	it('accepts a dump from before Chrome 117 (no -timestamp series) with a warning', () => {
		const text = JSON.stringify({
			PeerConnections: {
				'1-1': {
					stats: {
						'OT-bytesSent': {
							startTime: '2024-01-01T00:00:00.000Z',
							endTime: '2024-01-01T00:00:02.000Z',
							statsType: 'outbound-rtp',
							values: '[0,1000,2000]'
						}
					}
				}
			}
		});
		const dump = importDump(text);
		expect(dump.warnings).toEqual([{ id: 'noTimestamps', connection: '1-1' }]);
		const [series] = deriveConnection(dump.connections[0]!);
		expect(series!.points.map((p) => p.v)).toEqual([8000, 8000]);
	});
});

describe('large dumps', () => {
	// How the import time grows with the input is measured by scripts/bench-dump.js (npm run bench).
	it('parses a 50 MB dump, reporting progress', async () => {
		const text = largeDump(dumpOfCapture('chrome-audio-video-capture'), 50 * 1024 * 1024);
		expect(text.length).toBeGreaterThan(50 * 1024 * 1024);
		const progress: number[] = [];
		const dump = await importDumpAsync(text, (p) => progress.push(p.fraction));
		expect(dump.connections.length).toBeGreaterThan(1);
		expect(progress.at(-1)).toBe(1);
		expect(progress).toEqual([...progress].sort((a, b) => a - b));
	}, 120_000);
});
