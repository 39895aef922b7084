import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	conditionById,
	filterSdpCandidates,
	NETWORK_CONDITIONS,
	passesCondition,
	serversFor
} from './conditions';

const host = 'candidate:1 1 udp 2122260223 192.0.2.2 50000 typ host generation 0';
const srflx =
	'candidate:2 1 udp 1686052607 203.0.113.7 50000 typ srflx raddr 192.0.2.2 rport 50000';
const relay = 'candidate:3 1 udp 41885439 198.18.0.2 60000 typ relay raddr 203.0.113.7 rport 50000';
const lab = [
	{ urls: ['stun:127.0.0.1:3478'] },
	{
		urls: ['turn:127.0.0.1:3478?transport=udp', 'turn:127.0.0.1:3478?transport=tcp'],
		username: '1700000000:lab',
		credential: 'c'
	}
];

describe('network conditions', () => {
	it('every preset explains itself in both languages', () => {
		for (const c of NETWORK_CONDITIONS) {
			for (const text of [c.label, c.simulates, c.differsFromReal]) {
				expect(text.en.length, c.id).toBeGreaterThan(3);
				expect(text['zh-CN'].length, c.id).toBeGreaterThan(1);
			}
		}
	});

	it('the simulated symmetric NAT lets only relay candidates (and end-of-candidates) through', () => {
		const nat = conditionById('symmetric-nat');
		expect([host, srflx, relay, null].map((c) => passesCondition(nat, c))).toEqual([
			false,
			false,
			true,
			true
		]);
		expect(passesCondition(conditionById('reflexive-only'), host)).toBe(false);
		expect(passesCondition(conditionById('all'), host)).toBe(true);
	});

	it('strips dropped candidates from an SDP and keeps every other line', () => {
		const sdp = readFileSync(
			new URL('../sdp/fixtures/chrome-gathered-offer.sdp', import.meta.url),
			'utf8'
		);
		const filtered = filterSdpCandidates(sdp, conditionById('symmetric-nat'));
		expect(filtered).not.toMatch(/typ host/);
		expect(filtered.split('\n').filter((l) => !l.startsWith('a=candidate')).length).toBe(
			sdp.split('\n').filter((l) => !l.startsWith('a=candidate')).length
		);
		expect(filterSdpCandidates(sdp, conditionById('all'))).toBe(sdp);
	});

	it('gives each preset the servers it needs', () => {
		expect(serversFor(conditionById('host-only'), lab)).toEqual([]);
		expect(serversFor(conditionById('reflexive-only'), lab)).toEqual([lab[0]]);
		expect(serversFor(conditionById('turn-tcp-only'), lab)[0]?.urls).toEqual([
			'turn:127.0.0.1:3478?transport=tcp'
		]);
		expect(serversFor(conditionById('broken-turn'), lab)[0]?.credential).toBe('wrong-credential');
		expect(conditionById('nonsense').id).toBe('all');
	});
});
