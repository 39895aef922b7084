/**
 * A NAT as RFC 4787 describes it: a mapping behaviour (which outbound packets share one external
 * port) and a filtering behaviour (which inbound packets reach the mapped internal endpoint).
 *
 *   internal 192.168.1.10:5000 ──▶ NAT 203.0.113.1 ──▶ 198.18.0.1:3478
 *                                  mapping: 192.168.1.10:5000 (+ destination key) ⇄ 203.0.113.1:40000
 *
 * Pure and immutable: every function returns a new `Nat`; nothing here touches a socket. Never
 * throws. The knowledge about each behaviour (names, nicknames, RFC sections, English and
 * Simplified Chinese explanations) lives in `knowledge.ts`.
 */

export type Protocol = 'udp' | 'tcp';

export interface Endpoint {
	ip: string;
	port: number;
}

export interface Packet {
	protocol: Protocol;
	src: Endpoint;
	dst: Endpoint;
}

/**
 * RFC 4787 §4.1 (mapping) and §5 (filtering) use the same three degrees of dependence on the
 * remote endpoint: none, its IP address, or its IP address and port.
 */
export type Dependence =
	'endpoint-independent' | 'address-dependent' | 'address-and-port-dependent';

export type MappingBehaviour = Dependence;
export type FilteringBehaviour = Dependence;

export const dependences: readonly Dependence[] = [
	'endpoint-independent',
	'address-dependent',
	'address-and-port-dependent'
];

/**
 * Every behaviour the simulator knows: no NAT (a public address, no firewall), the nine
 * mapping × filtering combinations (`eim` = endpoint-independent mapping, `adm` =
 * address-dependent, `apdm` = address-and-port-dependent; `eif`/`adf`/`apdf` the same for
 * filtering), and a firewall that drops all UDP.
 */
export type NatBehaviourId =
	| 'none'
	| 'eim-eif'
	| 'eim-adf'
	| 'eim-apdf'
	| 'adm-eif'
	| 'adm-adf'
	| 'adm-apdf'
	| 'apdm-eif'
	| 'apdm-adf'
	| 'apdm-apdf'
	| 'udp-blocked';

export interface NatBehaviour {
	id: NatBehaviourId;
	/** `none`: the host owns a public address; `udp-blocked`: a firewall drops every UDP packet. */
	kind: 'none' | 'nat' | 'udp-blocked';
	/** How outbound packets are translated (for `udp-blocked`: TCP connections only). */
	mapping: MappingBehaviour | null;
	filtering: FilteringBehaviour | null;
}

const short: Record<Dependence, string> = {
	'endpoint-independent': 'ei',
	'address-dependent': 'ad',
	'address-and-port-dependent': 'apd'
};

function natBehaviour(mapping: Dependence, filtering: Dependence): NatBehaviour {
	return {
		id: `${short[mapping]}m-${short[filtering]}f` as NatBehaviourId,
		kind: 'nat',
		mapping,
		filtering
	};
}

/** In the order the simulator lists them: from the most open to the most closed. */
export const natBehaviours: readonly NatBehaviour[] = [
	{ id: 'none', kind: 'none', mapping: null, filtering: null },
	...dependences.flatMap((mapping) =>
		dependences.map((filtering) => natBehaviour(mapping, filtering))
	),
	// A corporate firewall: no UDP at all; TCP connections are tracked like a symmetric NAT.
	{
		id: 'udp-blocked',
		kind: 'udp-blocked',
		mapping: 'address-and-port-dependent',
		filtering: 'address-and-port-dependent'
	}
];

export const natBehaviourIds: readonly NatBehaviourId[] = natBehaviours.map((b) => b.id);

export function isNatBehaviourId(value: unknown): value is NatBehaviourId {
	return typeof value === 'string' && (natBehaviourIds as readonly string[]).includes(value);
}

export function behaviourOf(id: NatBehaviourId): NatBehaviour {
	return natBehaviours.find((b) => b.id === id) ?? natBehaviours[0]!;
}

/**
 * One row of a NAT's mapping table (RFC 4787 §4.1). The mapping is looked up by the internal
 * endpoint plus a destination key that depends on the mapping behaviour: nothing (EIM), the
 * destination IP (ADM) or the destination IP and port (APDM).
 */
export interface Mapping {
	protocol: Protocol;
	internal: Endpoint;
	/** `null` for endpoint-independent mapping; `port` is only set for APDM. */
	destination: { ip: string; port?: number } | null;
	external: Endpoint;
	/** Remote endpoints this mapping has sent to, oldest first: what filtering looks at. */
	sentTo: readonly Endpoint[];
}

export interface NatOptions {
	/** First external port the sequential allocator hands out. Default 40000. */
	firstPort?: number;
	/**
	 * Port preservation (RFC 4787 §4.1, "port preservation"): reuse the internal port as the
	 * external one when it is free. Off by default so translations are easy to see.
	 */
	portPreservation?: boolean;
}

export interface Nat {
	behaviour: NatBehaviourId;
	/** The public address (203.0.113.0/24 in this lab); for `none`, the host's own address. */
	publicIp: string;
	portPreservation: boolean;
	/** Next port the sequential allocator tries. */
	nextPort: number;
	mappings: readonly Mapping[];
}

/** Why a packet did not get through. */
export type DropReason =
	| 'udp-blocked'
	| 'no-mapping'
	| 'address-dependent-filtering'
	| 'address-and-port-dependent-filtering'
	| 'not-this-nat'
	| 'unroutable'
	| 'no-turn-permission';

export type OutboundResult =
	| {
			delivered: true;
			nat: Nat;
			/** The packet as it leaves the NAT (source translated). */
			packet: Packet;
			/** `null` when there is no NAT (nothing to translate). */
			mapping: Mapping | null;
			created: boolean;
	  }
	| { delivered: false; nat: Nat; reason: DropReason };

export type InboundResult =
	| { delivered: true; nat: Nat; packet: Packet; mapping: Mapping | null }
	| { delivered: false; nat: Nat; reason: DropReason };

const DEFAULT_FIRST_PORT = 40000;
const MAX_PORT = 65535;

export function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
	return a.ip === b.ip && a.port === b.port;
}

export function formatEndpoint(e: Endpoint): string {
	return `${e.ip}:${e.port}`;
}

export function createNat(
	behaviour: NatBehaviourId,
	publicIp: string,
	options: NatOptions = {}
): Nat {
	const first = options.firstPort;
	return {
		behaviour: isNatBehaviourId(behaviour) ? behaviour : 'none',
		publicIp,
		portPreservation: options.portPreservation === true,
		nextPort:
			typeof first === 'number' && Number.isInteger(first) && first >= 1024 && first <= MAX_PORT
				? first
				: DEFAULT_FIRST_PORT,
		mappings: []
	};
}

/** The destination key of a mapping under a mapping behaviour (RFC 4787 §4.1). */
function destinationKey(behaviour: MappingBehaviour, dst: Endpoint): Mapping['destination'] {
	if (behaviour === 'endpoint-independent') return null;
	if (behaviour === 'address-dependent') return { ip: dst.ip };
	return { ip: dst.ip, port: dst.port };
}

function sameKey(a: Mapping['destination'], b: Mapping['destination']): boolean {
	if (a === null || b === null) return a === b;
	return a.ip === b.ip && a.port === b.port;
}

/** Sequential allocation, skipping ports in use; with port preservation the internal port first. */
function allocatePort(nat: Nat, protocol: Protocol, internalPort: number): [number, number] {
	const used = new Set(
		nat.mappings.filter((m) => m.protocol === protocol).map((m) => m.external.port)
	);
	if (nat.portPreservation && !used.has(internalPort)) return [internalPort, nat.nextPort];
	let port = nat.nextPort;
	// At most 64k tries; the lab never comes near exhausting the range.
	for (let i = 0; i <= MAX_PORT && used.has(port); i++) port = port >= MAX_PORT ? 1024 : port + 1;
	return [port, port >= MAX_PORT ? 1024 : port + 1];
}

/**
 * An internal host sends `packet` (src = its own address) towards the internet. The NAT finds or
 * creates the mapping for it and rewrites the source to the mapping's external endpoint.
 */
export function outbound(nat: Nat, packet: Packet): OutboundResult {
	const behaviour = behaviourOf(nat.behaviour);
	if (behaviour.kind === 'udp-blocked' && packet.protocol === 'udp') {
		return { delivered: false, nat, reason: 'udp-blocked' };
	}
	if (behaviour.kind === 'none' || behaviour.mapping === null) {
		return { delivered: true, nat, packet, mapping: null, created: false };
	}
	const key = destinationKey(behaviour.mapping, packet.dst);
	const index = nat.mappings.findIndex(
		(m) =>
			m.protocol === packet.protocol &&
			sameEndpoint(m.internal, packet.src) &&
			sameKey(m.destination, key)
	);
	const existing = index >= 0 ? nat.mappings[index] : undefined;
	if (existing) {
		const known = existing.sentTo.some((e) => sameEndpoint(e, packet.dst));
		const mapping: Mapping = known
			? existing
			: { ...existing, sentTo: [...existing.sentTo, { ...packet.dst }] };
		const mappings = nat.mappings.map((m, i) => (i === index ? mapping : m));
		return {
			delivered: true,
			nat: { ...nat, mappings },
			packet: { ...packet, src: { ...mapping.external } },
			mapping,
			created: false
		};
	}
	const [port, nextPort] = allocatePort(nat, packet.protocol, packet.src.port);
	const mapping: Mapping = {
		protocol: packet.protocol,
		internal: { ...packet.src },
		destination: key,
		external: { ip: nat.publicIp, port },
		sentTo: [{ ...packet.dst }]
	};
	return {
		delivered: true,
		nat: { ...nat, nextPort, mappings: [...nat.mappings, mapping] },
		packet: { ...packet, src: { ...mapping.external } },
		mapping,
		created: true
	};
}

/**
 * A packet from the internet arrives at the NAT's public address. It reaches the internal host
 * only if a mapping exists for its destination port and the filtering rule admits its source
 * (RFC 4787 §5). Filtering looks at what was sent through *this* mapping, as connection-tracking
 * NATs do. RFC 4787 §5 words it per internal endpoint ("if X:x has not sent packets to Y:any
 * previously"), which is the same thing under endpoint-independent mapping; under the other
 * mappings a packet to one mapping is not let in because of a packet sent through another.
 */
export function inbound(nat: Nat, packet: Packet): InboundResult {
	const behaviour = behaviourOf(nat.behaviour);
	if (packet.dst.ip !== nat.publicIp) return { delivered: false, nat, reason: 'not-this-nat' };
	if (behaviour.kind === 'udp-blocked' && packet.protocol === 'udp') {
		return { delivered: false, nat, reason: 'udp-blocked' };
	}
	if (behaviour.kind === 'none' || behaviour.filtering === null) {
		return { delivered: true, nat, packet, mapping: null };
	}
	const mapping = nat.mappings.find(
		(m) => m.protocol === packet.protocol && sameEndpoint(m.external, packet.dst)
	);
	if (!mapping) return { delivered: false, nat, reason: 'no-mapping' };
	const sent = mapping.sentTo;
	if (behaviour.filtering === 'address-dependent' && !sent.some((e) => e.ip === packet.src.ip)) {
		return { delivered: false, nat, reason: 'address-dependent-filtering' };
	}
	if (
		behaviour.filtering === 'address-and-port-dependent' &&
		!sent.some((e) => sameEndpoint(e, packet.src))
	) {
		return { delivered: false, nat, reason: 'address-and-port-dependent-filtering' };
	}
	return {
		delivered: true,
		nat,
		packet: { ...packet, dst: { ...mapping.internal } },
		mapping
	};
}
