import { describe, expect, it } from 'vitest';
import { candidateTypes, tcpTypes } from './candidate';
import {
	candidateTypeKnowledge,
	candidateTypeLabels,
	componentKnowledge,
	endOfCandidatesKnowledge,
	mdnsKnowledge,
	tcpTypeKnowledge,
	type IceExplanation
} from './knowledge';

const entries: [string, IceExplanation][] = [
	...candidateTypes.map((t): [string, IceExplanation] => [t, candidateTypeKnowledge[t]]),
	...tcpTypes.map((t): [string, IceExplanation] => [`tcptype ${t}`, tcpTypeKnowledge[t]]),
	['component 1', componentKnowledge[1]],
	['component 2', componentKnowledge[2]],
	['mdns', mdnsKnowledge],
	['end-of-candidates', endOfCandidatesKnowledge]
];

describe('ICE knowledge table', () => {
	it.each(entries)('%s has English and Chinese text and a reference', (_name, entry) => {
		for (const field of [entry.title, entry.text]) {
			expect(field.en.trim()).not.toBe('');
			expect(field['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
		}
		expect(entry.ref).toMatch(/^(RFC \d+|draft-)/);
	});

	it('labels every candidate type in both languages', () => {
		for (const t of candidateTypes) {
			expect(candidateTypeLabels[t].en).not.toBe('');
			expect(candidateTypeLabels[t]['zh-CN']).not.toBe('');
		}
	});

	it('tells how to see raw host IPs', () => {
		expect(mdnsKnowledge.text.en).toContain('--disable-features=WebRtcHideLocalIpsWithMdns');
		expect(mdnsKnowledge.text['zh-CN']).toContain('getUserMedia');
	});
});
