import { afterEach, describe, expect, it } from 'vitest';
import { baseLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import type { DumpWarning } from '$lib/core/stats/dump';
import type { DumpFailure } from './dump-messages';
import { failureText, warningText } from './dump-words';

// Every problem the dump readers can name is worded in both languages, from its id and
// parameters; the Chinese sentence keeps no English prose (identifiers and the file's own names
// stay as they are).

const failures: DumpFailure[] = [
	{ id: 'empty' },
	{ id: 'notJson', detail: 'Unexpected token h' },
	{ id: 'notObject', found: 'list' },
	{ id: 'noPeerConnections', keys: ['name', 'version'] },
	{ id: 'noPeerConnections', keys: [] },
	{ id: 'peerConnectionsNotObject', found: 'string' },
	{ id: 'connectionNotObject', connection: '1-1', found: 'number' },
	{ id: 'updateLogNotList', connection: '1-1', found: 'object' },
	{ id: 'eventWithoutType', connection: '1-1', index: 3 },
	{ id: 'statsNotObject', connection: '1-1', found: 'boolean' },
	{ id: 'seriesNotObject', connection: '1-1', key: 'T-bytesSent', found: 'null' },
	{ id: 'seriesValuesNotList', connection: '1-1', key: 'T-bytesSent' },
	{ id: 'badGzip', bytes: 10, detail: 'incorrect header check' },
	{ id: 'rtcstatsHeader', line: 2 },
	{ id: 'rtcstatsNotJson', line: 4, detail: 'Unexpected end of JSON input' },
	{ id: 'rtcstatsNotList', line: 4 },
	{ id: 'rtcstatsStatsNotObject', line: 5 },
	{ id: 'rtcstatsReportNotObject', line: 6, report: 'OT01' },
	{ id: 'unexpected', detail: 'out of memory' }
];
const warnings: DumpWarning[] = [
	{ id: 'noTimestamps', connection: '1-1' },
	{ id: 'rtcstatsFormat', found: '2' }
];

/** Three English words in a row, once identifiers (PeerConnections["1-1"].updateLog) are out. */
const prose = (text: string) =>
	/\b[A-Za-z][a-z]+[\s,]+[A-Za-z][a-z]+[\s,]+[A-Za-z][a-z]+\b/.test(
		text.replace(/"[^"]*"|\S*[A-Z]\S*[a-z]\S*|\bnull\b/g, ' ')
	);

afterEach(() => overwriteGetLocale(() => baseLocale));

describe('dump problems in the learner’s language', () => {
	it('English names each problem and where it is', () => {
		overwriteGetLocale(() => 'en');
		expect(failureText({ id: 'noPeerConnections', keys: ['name', 'version'] }).text).toBe(
			'This is not a webrtc-internals dump: there is no "PeerConnections" object (its keys: name, version).'
		);
		expect(failureText({ id: 'eventWithoutType', connection: '1-1', index: 3 }).text).toBe(
			'This is not a webrtc-internals dump: PeerConnections["1-1"].updateLog[3] has no "type".'
		);
	});

	it('Chinese words every problem and warning, with its parameters and without English prose', () => {
		overwriteGetLocale(() => 'zh-CN');
		for (const failure of failures) {
			const { text, detail } = failureText(failure);
			expect(text, failure.id).toMatch(/[\u4e00-\u9fff]/);
			expect(prose(text), `${failure.id}: ${text}`).toBe(false);
			for (const value of ['connection', 'key', 'line', 'index', 'report'] as const)
				if (value in failure)
					expect(text).toContain(String(failure[value as keyof typeof failure]));
			// A parser's own words travel apart, to be shown as code.
			if (failure.id === 'notJson' || failure.id === 'unexpected')
				expect(detail).toBe(failure.detail);
		}
		expect(failureText({ id: 'notObject', found: 'list' }).text).toBe(
			'这不是 webrtc-internals 转储：文件里是列表，而不是含有 "PeerConnections" 的对象。'
		);
		for (const warning of warnings) {
			const text = warningText(warning);
			expect(text).toMatch(/[\u4e00-\u9fff]/);
			expect(prose(text), text).toBe(false);
		}
	});
});
