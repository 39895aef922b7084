import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filteringKnowledge, mappingKnowledge, natKnowledge } from './knowledge';
import {
	behaviourOf,
	createNat,
	dependences,
	inbound,
	natBehaviourIds,
	outbound,
	sameEndpoint,
	type Dependence,
	type Endpoint,
	type Nat,
	type NatBehaviourId,
	type Packet
} from './model';

const PUBLIC = '203.0.113.1';
const X: Endpoint = { ip: '192.168.1.10', port: 5000 };
const Y1: Endpoint = { ip: '198.51.100.1', port: 3478 };
const Y1b: Endpoint = { ip: '198.51.100.1', port: 3479 };
const Y2: Endpoint = { ip: '198.51.100.2', port: 3478 };

const udp = (src: Endpoint, dst: Endpoint): Packet => ({ protocol: 'udp', src, dst });

/** Send from X to each destination in turn; return the external port each packet left from. */
function externalPorts(id: NatBehaviourId, destinations: Endpoint[]): number[] {
	let nat = createNat(id, PUBLIC);
	return destinations.map((dst) => {
		const result = outbound(nat, udp(X, dst));
		if (!result.delivered) throw new Error('dropped');
		nat = result.nat;
		return result.packet.src.port;
	});
}

const byMapping: Record<Dependence, NatBehaviourId> = {
	'endpoint-independent': 'eim-apdf',
	'address-dependent': 'adm-apdf',
	'address-and-port-dependent': 'apdm-apdf'
};
const byFiltering: Record<Dependence, NatBehaviourId> = {
	'endpoint-independent': 'eim-eif',
	'address-dependent': 'eim-adf',
	'address-and-port-dependent': 'eim-apdf'
};

describe('mapping behaviour (RFC 4787 §4.1)', () => {
	// X sends to Y1:3478, Y1:3479, Y2:3478, then Y1:3478 again.
	const table: [Dependence, number[]][] = [
		['endpoint-independent', [40000, 40000, 40000, 40000]],
		['address-dependent', [40000, 40000, 40001, 40000]],
		['address-and-port-dependent', [40000, 40001, 40002, 40000]]
	];
	it.each(table)('%s reuses external ports as the table says', (mapping, ports) => {
		expect(externalPorts(byMapping[mapping], [Y1, Y1b, Y2, Y1])).toEqual(ports);
	});

	it('rewrites only the source, to the public IP', () => {
		const result = outbound(createNat('apdm-apdf', PUBLIC), udp(X, Y1));
		expect(result).toMatchObject({
			delivered: true,
			created: true,
			packet: { protocol: 'udp', src: { ip: PUBLIC, port: 40000 }, dst: Y1 }
		});
	});

	it('reports whether the mapping was created or reused', () => {
		const first = outbound(createNat('eim-eif', PUBLIC), udp(X, Y1));
		expect(first.delivered && first.created).toBe(true);
		const second = outbound(first.nat, udp(X, Y2));
		expect(second.delivered && second.created).toBe(false);
		expect(second.nat.mappings).toHaveLength(1);
		expect(second.nat.mappings[0]?.sentTo).toEqual([Y1, Y2]);
	});

	it('allocates ports sequentially from firstPort, or preserves the internal port when asked', () => {
		const seq = outbound(createNat('apdm-apdf', PUBLIC, { firstPort: 50000 }), udp(X, Y1));
		expect(seq.delivered && seq.packet.src.port).toBe(50000);
		let nat = createNat('apdm-apdf', PUBLIC, { portPreservation: true });
		const ports: number[] = [];
		for (const dst of [Y1, Y2]) {
			const r = outbound(nat, udp(X, dst));
			if (!r.delivered) throw new Error('dropped');
			nat = r.nat;
			ports.push(r.packet.src.port);
		}
		// The internal port is taken by the first mapping, so the second one is sequential.
		expect(ports).toEqual([5000, 40000]);
	});

	it('never changes the NAT it was given (pure)', () => {
		const nat = createNat('eim-eif', PUBLIC);
		const copy = structuredClone(nat);
		outbound(nat, udp(X, Y1));
		expect(nat).toEqual(copy);
	});
});

describe('filtering behaviour (RFC 4787 §5)', () => {
	// After X sent to Y1:3478, which sources may send back to the mapping?
	const sources: [string, Endpoint][] = [
		['the same IP and port', Y1],
		['the same IP, another port', Y1b],
		['another IP', Y2]
	];
	const admitted: Record<Dependence, boolean[]> = {
		'endpoint-independent': [true, true, true],
		'address-dependent': [true, true, false],
		'address-and-port-dependent': [true, false, false]
	};
	for (const filtering of dependences) {
		it(`${filtering} filtering admits ${admitted[filtering].map(String).join('/')}`, () => {
			const out = outbound(createNat(byFiltering[filtering], PUBLIC), udp(X, Y1));
			if (!out.delivered) throw new Error('dropped');
			const results = sources.map(([, src]) => inbound(out.nat, udp(src, out.packet.src)));
			expect(results.map((r) => r.delivered)).toEqual(admitted[filtering]);
			for (const r of results) {
				if (r.delivered) expect(r.packet.dst).toEqual(X);
				else expect(r.reason).toBe(`${filtering}-filtering`);
			}
		});
	}

	it('drops packets to a port without a mapping, and packets for another address', () => {
		const nat = createNat('eim-eif', PUBLIC);
		expect(inbound(nat, udp(Y1, { ip: PUBLIC, port: 40000 }))).toMatchObject({
			delivered: false,
			reason: 'no-mapping'
		});
		expect(inbound(nat, udp(Y1, { ip: '203.0.113.9', port: 40000 }))).toMatchObject({
			delivered: false,
			reason: 'not-this-nat'
		});
	});

	it('filters per mapping: a packet to one mapping is not admitted for what another sent', () => {
		let nat = createNat('apdm-apdf', PUBLIC);
		const first = outbound(nat, udp(X, Y1));
		if (!first.delivered) throw new Error('dropped');
		const second = outbound(first.nat, udp(X, Y2));
		if (!second.delivered) throw new Error('dropped');
		nat = second.nat;
		// Y2 may answer to the mapping X used towards Y2, not to the one towards Y1.
		expect(inbound(nat, udp(Y2, second.packet.src)).delivered).toBe(true);
		expect(inbound(nat, udp(Y2, first.packet.src)).delivered).toBe(false);
	});
});

describe('no NAT and UDP blocked', () => {
	it('no NAT passes packets unchanged both ways and keeps no table', () => {
		const host: Endpoint = { ip: PUBLIC, port: 5000 };
		const nat = createNat('none', PUBLIC);
		const out = outbound(nat, udp(host, Y1));
		expect(out).toMatchObject({ delivered: true, mapping: null, packet: udp(host, Y1) });
		expect(inbound(nat, udp(Y2, host))).toMatchObject({ delivered: true, packet: udp(Y2, host) });
		expect(out.nat.mappings).toEqual([]);
	});

	it('UDP blocked drops UDP both ways but lets TCP connections out and their answers in', () => {
		const nat = createNat('udp-blocked', PUBLIC);
		expect(outbound(nat, udp(X, Y1))).toMatchObject({ delivered: false, reason: 'udp-blocked' });
		expect(inbound(nat, udp(Y1, { ip: PUBLIC, port: 40000 }))).toMatchObject({
			delivered: false,
			reason: 'udp-blocked'
		});
		const tcp = outbound(nat, { protocol: 'tcp', src: X, dst: Y1 });
		if (!tcp.delivered) throw new Error('dropped');
		expect(tcp.packet.src).toEqual({ ip: PUBLIC, port: 40000 });
		expect(inbound(tcp.nat, { protocol: 'tcp', src: Y1, dst: tcp.packet.src }).delivered).toBe(
			true
		);
		expect(inbound(tcp.nat, { protocol: 'tcp', src: Y2, dst: tcp.packet.src }).delivered).toBe(
			false
		);
	});
});

describe('knowledge table', () => {
	it('explains every behaviour in English and Simplified Chinese', () => {
		for (const id of natBehaviourIds) {
			const k = natKnowledge[id];
			for (const text of [k.label, k.text]) {
				expect(text.en.length).toBeGreaterThan(0);
				expect(text['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
			}
			expect(k.ref).toMatch(/RFC/);
		}
		for (const d of dependences) {
			expect(mappingKnowledge[d].ref).toBe('RFC 4787 §4.1');
			expect(filteringKnowledge[d].ref).toBe('RFC 4787 §5');
		}
	});

	it('gives the RFC 3489 nicknames to the classic combinations', () => {
		const nickname = (id: NatBehaviourId) => natKnowledge[id].nicknames.map((n) => n.en);
		expect(nickname('eim-eif')).toContain('full cone');
		expect(nickname('eim-adf')).toContain('restricted cone');
		expect(nickname('eim-apdf')).toContain('port-restricted cone');
		expect(nickname('apdm-apdf')).toContain('symmetric');
	});

	it('lists each of the nine mapping × filtering combinations once, plus none and UDP blocked', () => {
		expect(natBehaviourIds).toHaveLength(11);
		expect(new Set(natBehaviourIds).size).toBe(11);
		expect(behaviourOf('adm-apdf')).toMatchObject({
			mapping: 'address-dependent',
			filtering: 'address-and-port-dependent'
		});
	});
});

/** Laws of the model, over random traffic through a random NAT. */
describe('properties', () => {
	const endpoint = fc.record({
		ip: fc.constantFrom('198.51.100.1', '198.51.100.2', '198.18.0.1'),
		port: fc.constantFrom(3478, 3479, 5000)
	});
	const internal = fc.record({
		ip: fc.constantFrom('192.168.1.10', '192.168.1.11'),
		port: fc.constantFrom(5000, 5001)
	});
	const action = fc.oneof(
		fc.record({
			dir: fc.constant('out' as const),
			protocol: fc.constantFrom('udp' as const, 'tcp' as const),
			src: internal,
			dst: endpoint
		}),
		fc.record({
			dir: fc.constant('in' as const),
			protocol: fc.constantFrom('udp' as const, 'tcp' as const),
			src: endpoint,
			port: fc.integer({ min: 39998, max: 40006 })
		})
	);

	function checkTable(nat: Nat): void {
		const behaviour = behaviourOf(nat.behaviour);
		const externals = nat.mappings.map((m) => `${m.protocol} ${m.external.port}`);
		expect(new Set(externals).size).toBe(externals.length);
		const keys = nat.mappings.map(
			(m) => `${m.protocol} ${m.internal.ip}:${m.internal.port} ${JSON.stringify(m.destination)}`
		);
		expect(new Set(keys).size).toBe(keys.length);
		for (const m of nat.mappings) {
			expect(m.external.ip).toBe(nat.publicIp);
			expect(m.sentTo.length).toBeGreaterThan(0);
			for (const to of m.sentTo) {
				if (behaviour.mapping === 'endpoint-independent') expect(m.destination).toBeNull();
				else expect(m.destination?.ip).toBe(to.ip);
				if (behaviour.mapping === 'address-and-port-dependent') {
					expect(m.destination?.port).toBe(to.port);
				}
			}
		}
		if (behaviour.kind === 'none') expect(nat.mappings).toEqual([]);
	}

	it('keeps every mapping table consistent and only admits what filtering allows', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(...natBehaviourIds),
				fc.boolean(),
				fc.array(action, { maxLength: 30 }),
				(id, portPreservation, actions) => {
					let nat = createNat(id, PUBLIC, { portPreservation });
					for (const a of actions) {
						if (a.dir === 'out') {
							const r = outbound(nat, { protocol: a.protocol, src: a.src, dst: a.dst });
							if (r.delivered && r.mapping) {
								expect(r.packet.src).toEqual(r.mapping.external);
								expect(r.mapping.sentTo.some((e) => sameEndpoint(e, a.dst))).toBe(true);
							}
							nat = r.nat;
						} else {
							const packet: Packet = {
								protocol: a.protocol,
								src: a.src,
								dst: { ip: PUBLIC, port: a.port }
							};
							const r = inbound(nat, packet);
							const filtering = behaviourOf(id).filtering;
							if (r.delivered && r.mapping) {
								const sent = r.mapping.sentTo;
								if (filtering === 'address-dependent') {
									expect(sent.some((e) => e.ip === a.src.ip)).toBe(true);
								}
								if (filtering === 'address-and-port-dependent') {
									expect(sent.some((e) => sameEndpoint(e, a.src))).toBe(true);
								}
							}
							// Inbound packets never create state.
							expect(r.nat).toBe(nat);
						}
						checkTable(nat);
					}
				}
			),
			{ numRuns: 300 }
		);
	});
});
