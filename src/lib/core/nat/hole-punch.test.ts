import { inLocale, LOCALES } from '../locale';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mermaidParse } from '../diagrams/mermaid-parse.fixture';
import { sequenceDiagram } from '../diagrams/sequence';
import {
	compatibilityMatrix,
	natParticipants,
	simulate,
	STUN_SERVER,
	TURN_SERVER,
	type Simulation
} from './hole-punch';
import { behaviourOf, natBehaviourIds, type NatBehaviourId } from './model';

const CONE: NatBehaviourId[] = ['eim-eif', 'eim-adf', 'eim-apdf'];
const SYMMETRIC: NatBehaviourId = 'apdm-apdf';

/** The matrix every NAT traversal guide shows (RFC 3489 names). */
const known: [NatBehaviourId, NatBehaviourId, 'direct' | 'relay', string][] = [
	['apdm-apdf', 'apdm-apdf', 'relay', 'symmetric ↔ symmetric'],
	['eim-eif', 'eim-eif', 'direct', 'full cone ↔ full cone'],
	['eim-adf', 'eim-apdf', 'direct', 'restricted cone ↔ port-restricted cone'],
	['eim-apdf', 'eim-apdf', 'direct', 'port-restricted cone ↔ port-restricted cone'],
	['apdm-apdf', 'eim-apdf', 'relay', 'symmetric ↔ port-restricted cone'],
	['eim-apdf', 'apdm-apdf', 'relay', 'port-restricted cone ↔ symmetric'],
	['apdm-apdf', 'eim-eif', 'direct', 'symmetric ↔ full cone'],
	['eim-eif', 'apdm-apdf', 'direct', 'full cone ↔ symmetric'],
	['apdm-apdf', 'eim-adf', 'direct', 'symmetric ↔ restricted cone'],
	['none', 'apdm-apdf', 'direct', 'no NAT ↔ symmetric'],
	['none', 'none', 'direct', 'no NAT ↔ no NAT'],
	['udp-blocked', 'none', 'relay', 'UDP blocked ↔ no NAT'],
	['udp-blocked', 'udp-blocked', 'relay', 'UDP blocked ↔ UDP blocked']
];

describe('verdicts against the known matrix', () => {
	it.each(known)('%s ↔ %s: %s (%s)', (a, b, path) => {
		expect(simulate(a, b).verdict.path).toBe(path);
	});

	it('cone ↔ cone connects srflx ↔ srflx, without TURN', () => {
		for (const a of CONE) {
			for (const b of CONE) {
				const { verdict } = simulate(a, b);
				expect(verdict.path, `${a} ↔ ${b}`).toBe('direct');
				expect(verdict.pair).toMatchObject({ local: { type: 'srflx' }, remote: { type: 'srflx' } });
			}
		}
	});

	it('symmetric ↔ full cone connects through a peer-reflexive candidate', () => {
		const { verdict } = simulate(SYMMETRIC, 'eim-eif');
		expect(verdict.pair).toMatchObject({ local: { type: 'prflx' }, remote: { type: 'srflx' } });
	});

	it('anything ↔ UDP blocked needs TURN over TCP', () => {
		for (const id of natBehaviourIds) {
			for (const [a, b] of [
				[id, 'udp-blocked'],
				['udp-blocked', id]
			] as const) {
				const { verdict } = simulate(a, b);
				expect(verdict.path, `${a} ↔ ${b}`).toBe('relay');
				expect(verdict.path === 'relay' && verdict.turnTransport).toBe('tcp');
			}
		}
	});

	it('no NAT ↔ anything except UDP blocked connects directly, to the public host candidate', () => {
		for (const id of natBehaviourIds.filter((x) => x !== 'udp-blocked')) {
			for (const [a, b] of [
				['none', id],
				[id, 'none']
			] as const) {
				const { verdict } = simulate(a, b);
				expect(verdict.path, `${a} ↔ ${b}`).toBe('direct');
				const types = [verdict.pair?.local.type, verdict.pair?.remote.type];
				expect(types).toContain('host');
			}
		}
	});

	it('symmetric ↔ symmetric explains the relay with the filtering that dropped the checks', () => {
		const { verdict } = simulate(SYMMETRIC, SYMMETRIC);
		expect(verdict.why.en).toMatch(/^TURN needed/);
		expect(verdict.why.en).toMatch(/address and port-dependent filtering/);
		expect(verdict.why['zh-CN']).toMatch(/需要 TURN/);
		expect(verdict.pair?.remote.type).toBe('relay');
	});
});

describe('compatibilityMatrix', () => {
	const matrix = compatibilityMatrix();

	it('has one cell per combination, rows = peer A, columns = peer B', () => {
		expect(matrix).toHaveLength(natBehaviourIds.length);
		matrix.forEach((row, i) => {
			expect(row).toHaveLength(natBehaviourIds.length);
			row.forEach((cell, j) => {
				expect(cell.natA).toBe(natBehaviourIds[i]);
				expect(cell.natB).toBe(natBehaviourIds[j]);
			});
		});
	});

	it('is symmetric: who is peer A does not change whether a direct path forms', () => {
		matrix.forEach((row, i) =>
			row.forEach((cell, j) => {
				expect(cell.path, `${cell.natA} ↔ ${cell.natB}`).toBe(matrix[j]?.[i]?.path);
			})
		);
	});

	it('never fails outright: TURN (over TCP if need be) always works', () => {
		expect(matrix.flat().every((c) => c.path !== 'failed')).toBe(true);
	});
});

describe('steps', () => {
	it('starts with a STUN binding that creates NAT A’s first mapping', () => {
		const { steps } = simulate('eim-apdf', 'eim-apdf');
		const [request, response] = steps;
		expect(request).toMatchObject({
			kind: 'stun-request',
			from: 'A',
			to: 'STUN',
			sent: { protocol: 'udp', src: { ip: '192.168.1.10', port: 5000 }, dst: STUN_SERVER },
			received: { src: { ip: '203.0.113.1', port: 40000 }, dst: STUN_SERVER },
			dropped: null
		});
		expect(request?.mappings.A).toHaveLength(1);
		expect(request?.mappings.B).toHaveLength(0);
		expect(response?.candidates.A.local.map((c) => c.type)).toEqual(['host', 'srflx']);
		expect(request?.text.en).toMatch(/creates mapping 192\.168\.1\.10:5000 ⇄ 203\.0\.113\.1:40000/);
		expect(request?.text['zh-CN']).toMatch(/新建映射/);
	});

	it('goes gathering → signaling → checks, and stops at the first working pair', () => {
		const { steps } = simulate('eim-apdf', 'eim-apdf');
		const phases = [...new Set(steps.map((s) => s.phase))];
		expect(phases).toEqual(['gathering', 'signaling', 'checks']);
		expect(steps.at(-1)?.kind).toBe('check-response');
	});

	it('an endpoint-independent NAT reuses the STUN mapping for TURN; a symmetric one does not', () => {
		const cone = simulate('eim-apdf', 'none').steps.find((s) => s.kind === 'allocate-request');
		expect(cone?.hops[0]?.mapping).toBe('reused');
		const sym = simulate(SYMMETRIC, 'none').steps.find((s) => s.kind === 'allocate-request');
		expect(sym?.hops[0]?.mapping).toBe('created');
		expect(sym?.received?.dst).toEqual(TURN_SERVER);
	});

	it('UDP blocked: STUN is dropped by the firewall and TURN is reached over TCP', () => {
		const { steps } = simulate('udp-blocked', 'eim-eif');
		expect(steps[0]).toMatchObject({
			kind: 'stun-request',
			received: null,
			dropped: { at: 'NA', reason: 'udp-blocked' }
		});
		const allocate = steps.find((s) => s.kind === 'allocate-request');
		expect(allocate?.sent?.protocol).toBe('tcp');
		expect(allocate?.received).not.toBeNull();
	});

	it('symmetric ↔ symmetric: each check to the other srflx opens a new mapping and is filtered', () => {
		const { steps } = simulate(SYMMETRIC, SYMMETRIC);
		const toSrflx = steps.filter(
			(s) => s.kind === 'check' && s.from === 'A' && s.sent?.dst.ip === '203.0.113.2'
		);
		expect(toSrflx.length).toBeGreaterThan(0);
		for (const step of toSrflx) {
			expect(step.dropped).toEqual({ at: 'NB', reason: 'address-and-port-dependent-filtering' });
			expect(step.received).toBeNull();
		}
		expect(steps.some((s) => s.phase === 'relay-checks')).toBe(true);
	});

	it('draws sequence diagrams mermaid can parse', async () => {
		for (const [a, b] of [
			[SYMMETRIC, 'eim-eif'],
			[SYMMETRIC, SYMMETRIC],
			['udp-blocked', 'udp-blocked']
		] as const) {
			const { steps } = simulate(a, b);
			for (const locale of LOCALES) {
				const text = sequenceDiagram(
					natParticipants((id) => (locale === 'en' ? `Peer ${id}` : `对端 ${id}`)),
					steps.flatMap((s) => s.segments),
					{ highlightLast: true },
					{ label: (label) => inLocale(label, locale) }
				);
				await expect(mermaidParse(text)).resolves.toBeUndefined();
			}
		}
	});

	it('names packets and drops in each language, with no English prose in Chinese', () => {
		const { steps } = simulate(SYMMETRIC, SYMMETRIC);
		const labels = steps.flatMap((s) => [s.message, ...s.segments.map((e) => e.label)]);
		const en = labels.map((l) => l.en);
		expect(en).toContain('Binding request');
		expect(en.some((l) => l.startsWith('Binding response (mapped '))).toBe(true);
		expect(en).toContain('Check (retransmission)');
		expect(en.some((l) => l.startsWith('✗ dropped: '))).toBe(true);
		const zh = labels.map((l) => l['zh-CN']);
		expect(zh).toContain('Binding 请求');
		expect(zh.some((l) => l.startsWith('✗ 丢弃：'))).toBe(true);
		for (const text of zh) {
			expect(text).toMatch(/\p{Script=Han}/u);
			expect(text).not.toMatch(/\b[A-Za-z]{2,}\b[ ,]+\b[A-Za-z]{2,}\b[ ,]+\b[A-Za-z]{2,}\b/);
		}
		expect(natParticipants((id) => `对端 ${id}`).map((p) => p.label)).toEqual([
			'对端 A',
			'NAT A',
			'STUN',
			'TURN',
			'NAT B',
			'对端 B'
		]);
	});
});

describe('determinism and consistency', () => {
	it('gives the same steps for the same NATs', () => {
		expect(simulate('adm-adf', SYMMETRIC)).toEqual(simulate('adm-adf', SYMMETRIC));
	});

	function checkSimulation(sim: Simulation): void {
		sim.steps.forEach((step, index) => {
			expect(step.index).toBe(index);
			expect(step.text.en.length).toBeGreaterThan(0);
			expect(step.text['zh-CN'].length).toBeGreaterThan(0);
			if (step.kind !== 'signaling') {
				expect(step.sent).not.toBeNull();
				expect(step.received === null).toBe(step.dropped !== null);
			}
			for (const peer of ['A', 'B'] as const) {
				const nat = peer === 'A' ? sim.natA : sim.natB;
				const table = step.mappings[peer];
				const publicIp = peer === 'A' ? '203.0.113.1' : '203.0.113.2';
				const externals = table.map((m) => `${m.protocol} ${m.external.port}`);
				expect(new Set(externals).size).toBe(externals.length);
				for (const m of table) {
					expect(m.external.ip).toBe(publicIp);
					const mapping = behaviourOf(nat).mapping;
					if (mapping === 'endpoint-independent') expect(m.destination).toBeNull();
					for (const to of m.sentTo) {
						if (mapping !== 'endpoint-independent') expect(m.destination?.ip).toBe(to.ip);
						if (mapping === 'address-and-port-dependent') expect(m.destination?.port).toBe(to.port);
					}
				}
				if (behaviourOf(nat).kind === 'none') expect(table).toEqual([]);
				// Tables only grow: every earlier mapping keeps its external port.
				const before = sim.steps[index - 1]?.mappings[peer] ?? [];
				expect(table.slice(0, before.length).map((m) => m.external)).toEqual(
					before.map((m) => m.external)
				);
			}
		});
	}

	it('never throws and keeps every step’s mapping tables consistent (property)', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...natBehaviourIds),
				fc.constantFrom(...natBehaviourIds),
				(a, b) => {
					const sim = simulate(a, b);
					checkSimulation(sim);
					expect(sim.verdict.path).not.toBe('failed');
				}
			),
			{ numRuns: 150 }
		);
	});

	it('treats an unknown behaviour as no NAT instead of throwing', () => {
		const sim = simulate('bogus' as NatBehaviourId, 'eim-eif');
		expect(sim.natA).toBe('none');
		expect(sim.verdict.path).toBe('direct');
	});
});
