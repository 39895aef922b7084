import { describe, expect, it } from 'vitest';
import {
	formatLabLink,
	linkConfig,
	parseLabLink,
	permalinkRunReady,
	permalinkStepReached
} from './permalink';

describe('lab permalinks', () => {
	it('round-trips a full link', () => {
		const link = {
			lesson: 'offer-and-answer',
			lang: 'zh-CN' as const,
			step: 'localOfferSet',
			mode: 'media' as const,
			source: 'synthetic' as const,
			trickle: false,
			network: 'relay-only' as const
		};
		const hash = formatLabLink(link);
		expect(hash).toBe(
			'#lesson=offer-and-answer&lang=zh-CN&step=localOfferSet&mode=media&source=synthetic&trickle=0&network=relay-only'
		);
		expect(parseLabLink(hash)).toEqual(link);
		expect(parseLabLink(hash.slice(1))).toEqual(link);
	});

	it('keeps only what it recognises', () => {
		expect(
			parseLabLink('#lesson=../etc&lang=fr&step=<script>&mode=video&trickle=yes&network=dial-up&x=1')
		).toEqual({});
		expect(parseLabLink('')).toEqual({});
		expect(formatLabLink({})).toBe('');
	});

	it('gives the lab only the configuration keys a link names', () => {
		expect(linkConfig(parseLabLink('#step=connected&trickle=1'))).toEqual({ trickle: true });
		expect(linkConfig(parseLabLink('#network=symmetric-nat&mode=datachannel'))).toEqual({
			network: 'symmetric-nat',
			mode: 'datachannel'
		});
	});
});

describe('a permalink run', () => {
	it('starts when its preset needs no server, the servers arrived, or the wait is over', () => {
		expect(permalinkRunReady('host-only', false, false)).toBe(true);
		expect(permalinkRunReady('relay-only', false, false)).toBe(false);
		expect(permalinkRunReady('relay-only', true, false)).toBe(true);
		expect(permalinkRunReady('relay-only', false, true)).toBe(true);
	});

	it('releases its hold at its step, or when the run ended before it', () => {
		expect(permalinkStepReached('remoteOfferSet', 'remoteOfferSet')).toBe(true);
		expect(permalinkStepReached('failed', 'remoteOfferSet')).toBe(true);
		expect(permalinkStepReached('offerCreated', 'remoteOfferSet')).toBe(false);
	});
});
