import { describe, expect, it } from 'vitest';
import { dictionaries, fieldHelp, statsTypeHelp, statsTypes } from './knowledge';
import { statsTypeOrder } from './reports';
import { capture, captureNames } from './test-fixtures';

describe('stats knowledge table', () => {
	it('every entry has text in English and Simplified Chinese', () => {
		for (const dictionary of Object.values(dictionaries)) {
			for (const [field, info] of Object.entries(dictionary.fields)) {
				expect(info.en.trim(), `${dictionary.name}.${field}`).not.toBe('');
				expect(info['zh-CN'].trim(), `${dictionary.name}.${field}`).toMatch(/[\u4e00-\u9fff]/);
				if (info.note) {
					expect(info.note.en.trim()).not.toBe('');
					expect(info.note['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
				}
			}
		}
		for (const type of statsTypeOrder) {
			const info = statsTypeHelp(type);
			expect(info, type).toBeDefined();
			expect(info!['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
			for (const name of info!.chain) expect(dictionaries[name], name).toBeDefined();
		}
	});

	// Coverage loop: no field Chromium reported in our captures is left unexplained.
	it('explains every field of every report in the captured fixtures', () => {
		const missing = new Set<string>();
		for (const name of captureNames) {
			for (const peer of Object.values(capture(name).peers)) {
				for (const snapshot of peer.snapshots) {
					for (const report of snapshot.reports) {
						for (const field of Object.keys(report)) {
							if (!fieldHelp(report.type, field)) missing.add(`${report.type}.${field}`);
						}
					}
				}
			}
		}
		expect([...missing]).toEqual([]);
	});

	it('looks fields up along the inheritance chain and notes browser differences', () => {
		expect(fieldHelp('inbound-rtp', 'packetsLost')?.dictionary).toBe('RTCReceivedRtpStreamStats');
		expect(fieldHelp('outbound-rtp', 'frameWidth')?.en).toMatch(/encoded/);
		expect(fieldHelp('inbound-rtp', 'frameWidth')?.en).toMatch(/decoded/);
		expect(fieldHelp('transport', 'selectedCandidatePairId')?.note?.en).toMatch(/Firefox/);
		expect(statsTypes.transport?.note?.en).toMatch(/Firefox/);
		expect(fieldHelp('codec', 'constructor')).toBeUndefined();
		expect(fieldHelp('outbound-rtp', 'bytesSent')?.url).toBe(
			'https://w3c.github.io/webrtc-stats/#dom-rtcsentrtpstreamstats'
		);
	});
});
