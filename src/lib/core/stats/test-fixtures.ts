// Fixture access for the stats unit tests (Node only; not imported by the app).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DumpEvent } from './dump';
import type { StatsReportLike } from './summary';

export const fixtureDir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const fixtureText = (name: string) => readFileSync(join(fixtureDir, name), 'utf8');

export interface Capture {
	userAgent: string;
	rtcConfiguration: unknown;
	getUserMedia: unknown[];
	url: string;
	peers: Record<
		'caller' | 'callee',
		{ updateLog: DumpEvent[]; snapshots: { timestamp: number; reports: StatsReportLike[] }[] }
	>;
}

export const captureNames = ['chrome-audio-video-capture', 'chrome-datachannel-capture'] as const;
export const capture = (name: (typeof captureNames)[number]): Capture =>
	JSON.parse(fixtureText(`${name}.json`)) as Capture;
