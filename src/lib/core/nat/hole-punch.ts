/**
 * ICE between two peers behind simulated NATs, one packet at a time (RFC 8445, RFC 4787,
 * RFC 8489 STUN, RFC 8656 TURN).
 *
 *   Peer A 192.168.1.10 ─ NAT A 203.0.113.1 ─┬─ STUN 198.18.0.1:3478
 *                                             ├─ TURN 198.18.0.2:3478
 *   Peer B 10.0.0.20    ─ NAT B 203.0.113.2 ─┘
 *
 * The story: each peer asks STUN for its server-reflexive address and TURN for a relay address
 * (gathering), the candidates cross over signaling, then connectivity checks run in both
 * directions, host and srflx first (hole punching), with one retransmission round; relay pairs
 * are tried only when no direct check got an answer. Every packet is a `Step` that records how
 * each NAT rewrote it and the mapping tables afterwards.
 *
 * Simplified on purpose: no timers or loss, checks run one after another instead of paced in
 * parallel, the TURN 401 challenge and CreatePermission requests are not drawn, and a check that
 * succeeds ends the run (the controlling peer A would nominate that pair).
 */
import type { CandidateType } from '../ice/candidate';
import type { Participant, SequenceEvent } from '../diagrams/sequence';
import type { Localized } from '../locale';
import { dropReasonName, dropReasonText, filteringKnowledge } from './knowledge';
import {
	behaviourOf,
	createNat,
	formatEndpoint,
	inbound,
	isNatBehaviourId,
	natBehaviourIds,
	outbound,
	sameEndpoint,
	type DropReason,
	type Endpoint,
	type Mapping,
	type Nat,
	type NatBehaviourId,
	type Packet,
	type Protocol
} from './model';

export type PeerId = 'A' | 'B';

/** Lanes of the sequence diagram, left to right. */
export type Lane = 'A' | 'NA' | 'STUN' | 'TURN' | 'NB' | 'B';

export const NAT_LANES: readonly Lane[] = ['A', 'NA', 'STUN', 'TURN', 'NB', 'B'];

/** The diagram's lanes; the page names the peers in the UI language (boxes keep their names). */
export function natParticipants(peerName: (id: PeerId) => string): Participant[] {
	return NAT_LANES.map((id) => ({
		id,
		label:
			id === 'A' || id === 'B' ? peerName(id) : id === 'NA' ? 'NAT A' : id === 'NB' ? 'NAT B' : id
	}));
}

export const STUN_SERVER: Endpoint = { ip: '198.18.0.1', port: 3478 };
export const TURN_SERVER: Endpoint = { ip: '198.18.0.2', port: 3478 };
/** Relay addresses are handed out from here, in the order Allocate requests arrive. */
export const FIRST_RELAY_PORT = 49152;

/** Where each peer lives. Private LANs are RFC 1918; public addresses are documentation ranges. */
export const PEERS: Record<
	PeerId,
	{ lanIp: string; publicIp: string; udpPort: number; tcpPort: number; firstNatPort: number }
> = {
	A: {
		lanIp: '192.168.1.10',
		publicIp: '203.0.113.1',
		udpPort: 5000,
		tcpPort: 5001,
		firstNatPort: 40000
	},
	B: {
		lanIp: '10.0.0.20',
		publicIp: '203.0.113.2',
		udpPort: 6000,
		tcpPort: 6001,
		firstNatPort: 50000
	}
};

export interface Candidate {
	type: CandidateType;
	address: Endpoint;
}

/** A TURN allocation (RFC 8656 §2.2): the client's public 5-tuple and its relayed address. */
export interface Allocation {
	owner: PeerId;
	transport: Protocol;
	/** The client's address as the TURN server sees it (after its NAT). */
	client: Endpoint;
	relay: Endpoint;
	/** Peer IPs allowed to send to the relayed address (RFC 8656 §9: IP only, no port). */
	permissions: readonly string[];
}

/** What happened to a packet at one box on its way. */
export interface Hop {
	at: Lane;
	action: 'translated' | 'passed' | 'relayed' | 'dropped';
	before: Packet;
	after: Packet | null;
	/** For a translation on the way out: whether the NAT made a new mapping. */
	mapping?: 'created' | 'reused';
	reason?: DropReason;
}

export type StepKind =
	| 'stun-request'
	| 'stun-response'
	| 'allocate-request'
	| 'allocate-response'
	| 'signaling'
	| 'check'
	| 'check-response';

export type Phase = 'gathering' | 'signaling' | 'checks' | 'relay-checks';

export interface CandidateLists {
	local: readonly Candidate[];
	remote: readonly Candidate[];
}

export interface Step {
	/** 0-based. */
	index: number;
	phase: Phase;
	kind: StepKind;
	/** Short name, e.g. "Binding request" or "Check (retransmission)", in each language. */
	message: Localized;
	from: Lane;
	/** The lane the packet was meant for. */
	to: Lane;
	/** The packet as its sender wrote it (`null` for the signaling step). */
	sent: Packet | null;
	/** The packet as its receiver got it, or `null` if it was dropped (or for signaling). */
	received: Packet | null;
	dropped: { at: Lane; reason: DropReason } | null;
	hops: readonly Hop[];
	/** Arrows and notes for the sequence diagram, labelled in each language. */
	segments: readonly SequenceEvent<Localized>[];
	/** Mapping tables of both NATs after this step. */
	mappings: Record<PeerId, readonly Mapping[]>;
	allocations: readonly Allocation[];
	candidates: Record<PeerId, CandidateLists>;
	text: Localized;
}

/** A candidate pair seen from peer A, the controlling agent. */
export interface CandidatePair {
	local: Candidate;
	remote: Candidate;
}

export type Verdict =
	| {
			path: 'direct' | 'relay';
			pair: CandidatePair;
			/** How the relaying peer reaches TURN (only for `relay`). */
			turnTransport?: Protocol;
			why: Localized;
	  }
	| { path: 'failed'; pair: null; why: Localized };

export interface Simulation {
	natA: NatBehaviourId;
	natB: NatBehaviourId;
	steps: Step[];
	verdict: Verdict;
}

type Via = 'host' | 'relay';

type Outcome =
	| {
			delivered: true;
			to: Lane;
			packet: Packet;
			/** Set when a peer received it: the source as the peer's ICE agent sees it. */
			peer?: PeerId;
			peerAddress?: Endpoint;
			viaRelay?: boolean;
	  }
	| { delivered: false; at: Lane; reason: DropReason };

interface Trip {
	message: Localized;
	from: Lane;
	to: Lane;
	sent: Packet;
	hops: Hop[];
	segments: SequenceEvent<Localized>[];
	outcome: Outcome;
}

const other = (id: PeerId): PeerId => (id === 'A' ? 'B' : 'A');
const peerLane = (id: PeerId): Lane => id;
const natLane = (id: PeerId): Lane => (id === 'A' ? 'NA' : 'NB');

const laneName: Record<Lane, Localized> = {
	A: { en: 'Peer A', 'zh-CN': '对端 A' },
	NA: { en: 'NAT A', 'zh-CN': 'NAT A' },
	STUN: { en: 'STUN server', 'zh-CN': 'STUN 服务器' },
	TURN: { en: 'TURN server', 'zh-CN': 'TURN 服务器' },
	NB: { en: 'NAT B', 'zh-CN': 'NAT B' },
	B: { en: 'Peer B', 'zh-CN': '对端 B' }
};

export const candidateTypeNames: Record<CandidateType, Localized> = {
	host: { en: 'host', 'zh-CN': '主机（host）' },
	srflx: { en: 'server-reflexive (srflx)', 'zh-CN': '服务器反射（srflx）' },
	prflx: { en: 'peer-reflexive (prflx)', 'zh-CN': '对端反射（prflx）' },
	relay: { en: 'relay', 'zh-CN': '中继（relay）' }
};

const fmt = formatEndpoint;

/** The packets' short names (STUN/TURN method names stay as the RFCs write them). */
const PACKET = {
	bindingRequest: { en: 'Binding request', 'zh-CN': 'Binding 请求' },
	allocateRequest: { en: 'Allocate request', 'zh-CN': 'Allocate 请求' },
	candidates: { en: 'Candidates via signaling', 'zh-CN': '经信令交换候选' },
	check: { en: 'Check', 'zh-CN': '连通性检查' },
	retransmission: { en: 'Check (retransmission)', 'zh-CN': '连通性检查（重传）' },
	triggeredCheck: { en: 'Triggered check', 'zh-CN': '触发式检查' },
	checkResponse: { en: 'Check response', 'zh-CN': '检查响应' }
} as const satisfies Record<string, Localized>;

export function formatPacket(p: Packet): string {
	return `${p.protocol.toUpperCase()} ${fmt(p.src)} → ${fmt(p.dst)}`;
}

function formatCandidate(c: Candidate): string {
	return `${c.type} ${fmt(c.address)}`;
}

/** Join localized sentences: a space in English, nothing in Chinese (sentences end in 。). */
function join(parts: readonly Localized[]): Localized {
	return {
		en: parts.map((p) => p.en).join(' '),
		'zh-CN': parts.map((p) => p['zh-CN']).join('')
	};
}

function keyText(m: Mapping): Localized {
	if (m.destination === null) return { en: '', 'zh-CN': '' };
	const d =
		m.destination.port === undefined
			? m.destination.ip
			: `${m.destination.ip}:${m.destination.port}`;
	return { en: ` for destination ${d}`, 'zh-CN': `（目的地 ${d}）` };
}

/** Run the whole scenario. Deterministic: the same NATs give the same steps. */
export function simulate(natA: NatBehaviourId, natB: NatBehaviourId): Simulation {
	const ids: Record<PeerId, NatBehaviourId> = {
		A: isNatBehaviourId(natA) ? natA : 'none',
		B: isNatBehaviourId(natB) ? natB : 'none'
	};
	const hostIp = (id: PeerId) =>
		behaviourOf(ids[id]).kind === 'none' ? PEERS[id].publicIp : PEERS[id].lanIp;
	const socket = (id: PeerId, protocol: Protocol): Endpoint => ({
		ip: hostIp(id),
		port: protocol === 'udp' ? PEERS[id].udpPort : PEERS[id].tcpPort
	});
	const blocksUdp = (id: PeerId) => behaviourOf(ids[id]).kind === 'udp-blocked';

	const nat: Record<PeerId, Nat> = {
		A: createNat(ids.A, PEERS.A.publicIp, { firstPort: PEERS.A.firstNatPort }),
		B: createNat(ids.B, PEERS.B.publicIp, { firstPort: PEERS.B.firstNatPort })
	};
	let allocations: Allocation[] = [];
	const local: Record<PeerId, Candidate[]> = {
		A: [{ type: 'host', address: socket('A', 'udp') }],
		B: [{ type: 'host', address: socket('B', 'udp') }]
	};
	const remote: Record<PeerId, Candidate[]> = { A: [], B: [] };
	const steps: Step[] = [];

	// ── Moving packets ──────────────────────────────────────────────────────────────────────

	function newTrip(message: Localized, from: Lane, to: Lane, sent: Packet): Trip {
		return {
			message,
			from,
			to,
			sent,
			hops: [],
			segments: [],
			outcome: { delivered: false, at: from, reason: 'unroutable' }
		};
	}

	function arrow(trip: Trip, from: Lane, to: Lane, packet: Packet): void {
		const what = formatPacket(packet);
		trip.segments.push({
			from,
			to,
			label: { en: `${trip.message.en}: ${what}`, 'zh-CN': `${trip.message['zh-CN']}：${what}` }
		});
	}

	function drop(trip: Trip, at: Lane, reason: DropReason, packet: Packet): Trip {
		trip.hops.push({ at, action: 'dropped', before: packet, after: null, reason });
		const why = dropReasonName[reason];
		trip.segments.push({
			from: at,
			to: at,
			kind: 'note',
			label: { en: `✗ dropped: ${why.en}`, 'zh-CN': `✗ 丢弃：${why['zh-CN']}` }
		});
		trip.outcome = { delivered: false, at, reason };
		return trip;
	}

	/** A packet from the internet reaches peer `id`'s NAT. */
	function routeInbound(
		trip: Trip,
		id: PeerId,
		packet: Packet,
		fromLane: Lane,
		peerAddress?: Endpoint
	): Trip {
		const natL = natLane(id);
		arrow(trip, fromLane, natL, packet);
		const result = inbound(nat[id], packet);
		nat[id] = result.nat;
		if (!result.delivered) return drop(trip, natL, result.reason, packet);
		trip.hops.push({
			at: natL,
			action: result.mapping ? 'translated' : 'passed',
			before: packet,
			after: result.packet
		});
		arrow(trip, natL, peerLane(id), result.packet);
		trip.outcome = {
			delivered: true,
			to: peerLane(id),
			packet: result.packet,
			peer: id,
			peerAddress: peerAddress ?? result.packet.src,
			viaRelay: peerAddress !== undefined
		};
		return trip;
	}

	/** A packet on the public internet, last handled at `fromLane`. */
	function routePublic(trip: Trip, packet: Packet, fromLane: Lane): Trip {
		if (sameEndpoint(packet.dst, STUN_SERVER) || sameEndpoint(packet.dst, TURN_SERVER)) {
			const to: Lane = sameEndpoint(packet.dst, STUN_SERVER) ? 'STUN' : 'TURN';
			arrow(trip, fromLane, to, packet);
			trip.outcome = { delivered: true, to, packet };
			return trip;
		}
		const allocation = allocations.find((a) => sameEndpoint(a.relay, packet.dst));
		if (allocation) {
			arrow(trip, fromLane, 'TURN', packet);
			if (!allocation.permissions.includes(packet.src.ip)) {
				return drop(trip, 'TURN', 'no-turn-permission', packet);
			}
			// RFC 8656 §11.6: a Data indication from the server to the client, naming the peer.
			const data: Packet = {
				protocol: allocation.transport,
				src: { ...TURN_SERVER },
				dst: { ...allocation.client }
			};
			trip.hops.push({ at: 'TURN', action: 'relayed', before: packet, after: data });
			return routeInbound(trip, allocation.owner, data, 'TURN', packet.src);
		}
		const owner = (['A', 'B'] as const).find((id) => nat[id].publicIp === packet.dst.ip);
		if (owner) return routeInbound(trip, owner, packet, fromLane);
		return drop(trip, fromLane, 'unroutable', packet);
	}

	/** Peer `id` sends from its own socket. */
	function sendFromHost(
		id: PeerId,
		protocol: Protocol,
		dst: Endpoint,
		message: Localized,
		to: Lane
	): Trip {
		const sent: Packet = { protocol, src: socket(id, protocol), dst: { ...dst } };
		const trip = newTrip(message, peerLane(id), to, sent);
		const natL = natLane(id);
		arrow(trip, peerLane(id), natL, sent);
		const result = outbound(nat[id], sent);
		nat[id] = result.nat;
		if (!result.delivered) return drop(trip, natL, result.reason, sent);
		trip.hops.push({
			at: natL,
			action: result.mapping ? 'translated' : 'passed',
			before: sent,
			after: result.packet,
			...(result.mapping ? { mapping: result.created ? 'created' : 'reused' } : {})
		});
		return routePublic(trip, result.packet, natL);
	}

	/** Peer `id` sends through its TURN allocation (a Send indication, RFC 8656 §11.3). */
	function sendViaRelay(id: PeerId, dst: Endpoint, message: Localized, to: Lane): Trip {
		const index = allocations.findIndex((a) => a.owner === id);
		const allocation = allocations[index]!;
		// A TURN client installs a permission before sending to a new peer IP (CreatePermission).
		if (!allocation.permissions.includes(dst.ip)) {
			allocations = allocations.map((a, i) =>
				i === index ? { ...a, permissions: [...a.permissions, dst.ip] } : a
			);
		}
		const sent: Packet = {
			protocol: allocation.transport,
			src: socket(id, allocation.transport),
			dst: { ...TURN_SERVER }
		};
		const trip = newTrip(
			{ en: `${message.en} via TURN`, 'zh-CN': `${message['zh-CN']}（经 TURN）` },
			peerLane(id),
			to,
			sent
		);
		const natL = natLane(id);
		arrow(trip, peerLane(id), natL, sent);
		const result = outbound(nat[id], sent);
		nat[id] = result.nat;
		if (!result.delivered) return drop(trip, natL, result.reason, sent);
		trip.hops.push({
			at: natL,
			action: result.mapping ? 'translated' : 'passed',
			before: sent,
			after: result.packet,
			...(result.mapping ? { mapping: result.created ? 'created' : 'reused' } : {})
		});
		arrow(trip, natL, 'TURN', result.packet);
		const relayed: Packet = { protocol: 'udp', src: { ...allocation.relay }, dst: { ...dst } };
		trip.hops.push({ at: 'TURN', action: 'relayed', before: result.packet, after: relayed });
		return routePublic(trip, relayed, 'TURN');
	}

	// ── Recording steps ─────────────────────────────────────────────────────────────────────

	function hopText(hop: Hop): Localized {
		const at = laneName[hop.at];
		if (hop.action === 'dropped') {
			const reason = dropReasonText[hop.reason ?? 'unroutable'];
			return {
				en: `Dropped at ${at.en}: ${reason.en}.`,
				'zh-CN': `在 ${at['zh-CN']} 被丢弃：${reason['zh-CN']}。`
			};
		}
		const after = hop.after ?? hop.before;
		if (hop.action === 'passed') {
			return {
				en: `No NAT on this side (${at.en}): the packet passes unchanged.`,
				'zh-CN': `这一侧（${at['zh-CN']}）没有 NAT：数据包原样通过。`
			};
		}
		if (hop.action === 'relayed') {
			return {
				en: `${at.en} relays it as ${formatPacket(after)}.`,
				'zh-CN': `${at['zh-CN']} 将其中继为 ${formatPacket(after)}。`
			};
		}
		const id: PeerId = hop.at === 'NA' ? 'A' : 'B';
		if (hop.mapping) {
			const m = nat[id].mappings.find(
				(x) => x.protocol === hop.before.protocol && sameEndpoint(x.external, after.src)
			);
			const key = m ? keyText(m) : { en: '', 'zh-CN': '' };
			return hop.mapping === 'created'
				? {
						en: `${at.en} creates mapping ${fmt(hop.before.src)} ⇄ ${fmt(after.src)}${key.en} and rewrites the source.`,
						'zh-CN': `${at['zh-CN']} 新建映射 ${fmt(hop.before.src)} ⇄ ${fmt(after.src)}${key['zh-CN']}，并改写源地址。`
					}
				: {
						en: `${at.en} reuses mapping ${fmt(hop.before.src)} ⇄ ${fmt(after.src)}${key.en}.`,
						'zh-CN': `${at['zh-CN']} 复用映射 ${fmt(hop.before.src)} ⇄ ${fmt(after.src)}${key['zh-CN']}。`
					};
		}
		const filtering = behaviourOf(nat[id].behaviour).filtering;
		const rule = filtering ? filteringKnowledge[filtering].abbreviation : '';
		return {
			en: `${at.en} admits it (${rule}) and rewrites the destination ${fmt(hop.before.dst)} → ${fmt(after.dst)}.`,
			'zh-CN': `${at['zh-CN']} 放行（${rule}），并把目的地址 ${fmt(hop.before.dst)} 改写为 ${fmt(after.dst)}。`
		};
	}

	function snapshot(): Pick<Step, 'mappings' | 'allocations' | 'candidates'> {
		return {
			mappings: { A: nat.A.mappings, B: nat.B.mappings },
			allocations: allocations.map((a) => ({ ...a, permissions: [...a.permissions] })),
			candidates: {
				A: { local: local.A.map(copyCandidate), remote: remote.A.map(copyCandidate) },
				B: { local: local.B.map(copyCandidate), remote: remote.B.map(copyCandidate) }
			}
		};
	}

	function record(trip: Trip, phase: Phase, kind: StepKind, extra: Localized[] = []): void {
		const title: Localized = {
			en: `${laneName[trip.from].en} → ${laneName[trip.to].en}: ${trip.message.en}.`,
			'zh-CN': `${laneName[trip.from]['zh-CN']} → ${laneName[trip.to]['zh-CN']}：${trip.message['zh-CN']}。`
		};
		steps.push({
			index: steps.length,
			phase,
			kind,
			message: trip.message,
			from: trip.from,
			to: trip.to,
			sent: trip.sent,
			received: trip.outcome.delivered ? trip.outcome.packet : null,
			dropped: trip.outcome.delivered ? null : { at: trip.outcome.at, reason: trip.outcome.reason },
			hops: trip.hops,
			segments: trip.segments,
			...snapshot(),
			text: join([title, ...trip.hops.map(hopText), ...extra])
		});
	}

	// ── Gathering (RFC 8445 §5.1.1) ─────────────────────────────────────────────────────────

	function gatherSrflx(id: PeerId): void {
		const request = sendFromHost(id, 'udp', STUN_SERVER, PACKET.bindingRequest, 'STUN');
		if (!request.outcome.delivered) {
			record(request, 'gathering', 'stun-request', [
				{
					en: `No answer will come: ${laneName[id].en} gets no server-reflexive candidate.`,
					'zh-CN': `不会有应答：${laneName[id]['zh-CN']} 得不到服务器反射候选。`
				}
			]);
			return;
		}
		const mapped = request.outcome.packet.src;
		record(request, 'gathering', 'stun-request', [
			{
				en: `The STUN server sees the request coming from ${fmt(mapped)}.`,
				'zh-CN': `STUN 服务器看到请求来自 ${fmt(mapped)}。`
			}
		]);
		const response = routePublic(
			newTrip(
				{
					en: `Binding response (mapped ${fmt(mapped)})`,
					'zh-CN': `Binding 响应（映射地址 ${fmt(mapped)}）`
				},
				'STUN',
				peerLane(id),
				{
					protocol: 'udp',
					src: { ...STUN_SERVER },
					dst: { ...mapped }
				}
			),
			{ protocol: 'udp', src: { ...STUN_SERVER }, dst: { ...mapped } },
			'STUN'
		);
		const extra: Localized[] = [];
		if (response.outcome.delivered) {
			if (sameEndpoint(mapped, socket(id, 'udp'))) {
				extra.push({
					en: `XOR-MAPPED-ADDRESS equals the host address: there is no NAT, so the srflx candidate is redundant and dropped (RFC 8445 §5.1.3).`,
					'zh-CN': `XOR-MAPPED-ADDRESS 与主机地址相同：没有 NAT，因此 srflx 候选是冗余的，被丢弃（RFC 8445 §5.1.3）。`
				});
			} else {
				local[id].push({ type: 'srflx', address: { ...mapped } });
				extra.push({
					en: `${laneName[id].en} learns its server-reflexive candidate srflx ${fmt(mapped)} from XOR-MAPPED-ADDRESS.`,
					'zh-CN': `${laneName[id]['zh-CN']} 从 XOR-MAPPED-ADDRESS 得知自己的服务器反射候选 srflx ${fmt(mapped)}。`
				});
			}
		}
		record(response, 'gathering', 'stun-response', extra);
	}

	function gatherRelay(id: PeerId): void {
		const transport: Protocol = blocksUdp(id) ? 'tcp' : 'udp';
		const request = sendFromHost(id, transport, TURN_SERVER, PACKET.allocateRequest, 'TURN');
		const extra: Localized[] =
			transport === 'tcp'
				? [
						{
							en: 'UDP is blocked, so the browser uses its TURN-over-TCP URL (turn:…?transport=tcp, RFC 6062).',
							'zh-CN':
								'UDP 被封锁，所以浏览器改用 TCP 连接 TURN（turn:…?transport=tcp，RFC 6062）。'
						}
					]
				: [
						{
							en: 'It leaves from the same socket as the STUN request (libwebrtc shares one UDP socket). The 401 challenge and the authenticated retry are left out.',
							'zh-CN':
								'它与 STUN 请求使用同一个套接字发出（libwebrtc 共享一个 UDP 套接字）。这里省略了 401 质询和带认证的重试。'
						}
					];
		record(request, 'gathering', 'allocate-request', extra);
		if (!request.outcome.delivered) return;
		const client = request.outcome.packet.src;
		const relay: Endpoint = { ip: TURN_SERVER.ip, port: FIRST_RELAY_PORT + allocations.length };
		allocations = [
			...allocations,
			{ owner: id, transport, client: { ...client }, relay, permissions: [] }
		];
		const packet: Packet = { protocol: transport, src: { ...TURN_SERVER }, dst: { ...client } };
		const response = routePublic(
			newTrip(
				{
					en: `Allocate success (relayed ${fmt(relay)})`,
					'zh-CN': `Allocate 成功（中继地址 ${fmt(relay)}）`
				},
				'TURN',
				peerLane(id),
				packet
			),
			packet,
			'TURN'
		);
		const more: Localized[] = [];
		if (response.outcome.delivered) {
			local[id].push({ type: 'relay', address: { ...relay } });
			more.push({
				en: `${laneName[id].en} gets the relay candidate ${fmt(relay)}: anything sent there reaches it through TURN.`,
				'zh-CN': `${laneName[id]['zh-CN']} 得到中继候选 ${fmt(relay)}：发往这个地址的数据都会经 TURN 转给它。`
			});
		}
		record(response, 'gathering', 'allocate-response', more);
	}

	// ── Signaling ───────────────────────────────────────────────────────────────────────────

	function exchangeCandidates(): void {
		remote.A = local.B.map(copyCandidate);
		remote.B = local.A.map(copyCandidate);
		// Each TURN client allows the other side's candidate IPs to send to its relay.
		allocations = allocations.map((a) => ({
			...a,
			permissions: [...new Set(remote[a.owner].map((c) => c.address.ip))]
		}));
		const list = (id: PeerId) => local[id].map(formatCandidate).join(', ');
		steps.push({
			index: steps.length,
			phase: 'signaling',
			kind: 'signaling',
			message: PACKET.candidates,
			from: 'A',
			to: 'B',
			sent: null,
			received: null,
			dropped: null,
			hops: [],
			segments: [
				{
					from: 'A',
					to: 'B',
					kind: 'note',
					label: { en: `A's candidates → B: ${list('A')}`, 'zh-CN': `A 的候选 → B：${list('A')}` }
				},
				{
					from: 'B',
					to: 'A',
					kind: 'note',
					label: { en: `B's candidates → A: ${list('B')}`, 'zh-CN': `B 的候选 → A：${list('B')}` }
				}
			],
			...snapshot(),
			text: {
				en: `Offer and answer cross the signaling server with the candidates. A sends ${list('A')}; B sends ${list('B')}. Each TURN client installs permissions for the other side's IPs (CreatePermission). No packet goes through the NATs.`,
				'zh-CN': `offer 和 answer 带着候选经信令服务器交换。A 发送 ${list('A')}；B 发送 ${list('B')}。双方的 TURN 客户端为对方的 IP 安装许可（CreatePermission）。这一步没有数据包经过 NAT。`
			}
		});
	}

	// ── Connectivity checks (RFC 8445 §7.2) ─────────────────────────────────────────────────

	interface Success {
		peer: PeerId;
		pair: CandidatePair;
		via: Via;
	}
	const successes: Success[] = [];
	const failures: Failure[] = [];

	function localTypeOf(id: PeerId, address: Endpoint): CandidateType {
		return local[id].find((c) => sameEndpoint(c.address, address))?.type ?? 'prflx';
	}

	/**
	 * One STUN transaction: request from `x` to `target`, the response, and the receiver's
	 * triggered check back (RFC 8445 §7.3.1.4). Returns what stopped the request, if anything.
	 */
	function check(
		x: PeerId,
		via: Via,
		target: Candidate,
		phase: Phase,
		label: Localized,
		triggered = false
	): DropReason | 'ok' | 'failed' {
		const y = other(x);
		const request =
			via === 'host'
				? sendFromHost(x, 'udp', target.address, label, peerLane(y))
				: sendViaRelay(x, target.address, label, peerLane(y));
		const outcome = request.outcome;
		if (!outcome.delivered || outcome.peer !== y || !outcome.peerAddress) {
			const reason = outcome.delivered ? 'unroutable' : outcome.reason;
			failures.push(reason);
			record(request, phase, 'check');
			return reason;
		}
		const seen = outcome.peerAddress;
		const yVia: Via = outcome.viaRelay ? 'relay' : 'host';
		const known = remote[y].find((c) => sameEndpoint(c.address, seen));
		const extra: Localized[] = [];
		if (!known) {
			remote[y].push({ type: 'prflx', address: { ...seen } });
			extra.push({
				en: `${laneName[y].en} has never heard of ${fmt(seen)}: it becomes a peer-reflexive (prflx) remote candidate (RFC 8445 §7.3.1.3).`,
				'zh-CN': `${laneName[y]['zh-CN']} 从未听说过 ${fmt(seen)}：它成为一个对端反射（prflx）远端候选（RFC 8445 §7.3.1.3）。`
			});
		} else {
			extra.push({
				en: `${laneName[y].en} sees it come from ${fmt(seen)}, its remote ${known.type} candidate.`,
				'zh-CN': `${laneName[y]['zh-CN']} 看到它来自 ${fmt(seen)}，即远端 ${known.type} 候选。`
			});
		}
		record(request, phase, 'check', extra);

		const response =
			yVia === 'host'
				? sendFromHost(y, 'udp', seen, PACKET.checkResponse, peerLane(x))
				: sendViaRelay(y, seen, PACKET.checkResponse, peerLane(x));
		let result: 'ok' | 'failed' = 'failed';
		const after: Localized[] = [];
		const r = response.outcome;
		if (!r.delivered) {
			failures.push(r.reason);
		} else if (r.peer === x && r.peerAddress && !sameEndpoint(r.peerAddress, target.address)) {
			failures.push('asymmetric-response');
			// RFC 8445 §7.2.5.2.1: the response must come from where the request went.
			after.push({
				en: `The response comes from ${fmt(r.peerAddress)}, but the request went to ${fmt(target.address)}: the addresses are not symmetric, so the check fails (RFC 8445 §7.2.5.2.1).`,
				'zh-CN': `响应来自 ${fmt(r.peerAddress)}，而请求发往 ${fmt(target.address)}：地址不对称，检查失败（RFC 8445 §7.2.5.2.1）。`
			});
		} else if (r.peer === x) {
			const type = localTypeOf(x, seen);
			if (type === 'prflx') local[x].push({ type: 'prflx', address: { ...seen } });
			const pair: CandidatePair = {
				local: { type, address: { ...seen } },
				remote: { type: target.type, address: { ...target.address } }
			};
			successes.push({ peer: x, pair, via });
			result = 'ok';
			after.push({
				en: `Check succeeded for ${laneName[x].en}: local ${type} ${fmt(seen)} ↔ remote ${target.type} ${fmt(target.address)} works both ways.${type === 'prflx' ? ` XOR-MAPPED-ADDRESS ${fmt(seen)} is new to ${laneName[x].en}, so its local candidate is peer-reflexive.` : ''}`,
				'zh-CN': `${laneName[x]['zh-CN']} 的检查成功：本地 ${type} ${fmt(seen)} ↔ 远端 ${target.type} ${fmt(target.address)} 双向可达。${type === 'prflx' ? `XOR-MAPPED-ADDRESS ${fmt(seen)} 对 ${laneName[x]['zh-CN']} 来说是新的，所以它的本地候选是对端反射候选。` : ''}`
			});
		}
		record(response, phase, 'check-response', after);

		if (!triggered) {
			const back: Candidate = known ? { ...known } : { type: 'prflx', address: { ...seen } };
			check(y, yVia, back, phase, PACKET.triggeredCheck, true);
		}
		return result;
	}

	// ── The scenario ────────────────────────────────────────────────────────────────────────

	for (const id of ['A', 'B'] as const) {
		gatherSrflx(id);
		gatherRelay(id);
	}
	exchangeCandidates();

	const done = () => successes.length > 0;
	const filteringDrops: readonly string[] = [
		'no-mapping',
		'address-dependent-filtering',
		'address-and-port-dependent-filtering'
	];

	// Direct pairs first: host and srflx remote candidates, both directions, then one round of
	// retransmissions for checks a NAT filtered (the other side may have opened a hole since).
	const plan: [PeerId, Candidate][] = [];
	for (const type of ['host', 'srflx'] as const) {
		for (const x of ['A', 'B'] as const) {
			const target = remote[x].find((c) => c.type === type);
			if (target) plan.push([x, target]);
		}
	}
	const retry: [PeerId, Candidate][] = [];
	for (const [x, target] of plan) {
		if (done()) break;
		const result = check(x, 'host', target, 'checks', PACKET.check);
		if (result === 'failed' || filteringDrops.includes(result)) retry.push([x, target]);
	}
	for (const [x, target] of retry) {
		if (done()) break;
		check(x, 'host', target, 'checks', PACKET.retransmission);
	}

	// Relay pairs (lowest priority, RFC 8445 §5.1.2.2): host → the other's relay, then relay ↔ relay.
	const relayOf = (id: PeerId) => local[id].find((c) => c.type === 'relay');
	if (!done()) {
		for (const x of ['A', 'B'] as const) {
			const target = relayOf(other(x));
			if (done() || !target || blocksUdp(x)) continue;
			check(x, 'host', target, 'relay-checks', PACKET.check);
		}
	}
	if (!done()) {
		const target = relayOf('B');
		if (relayOf('A') && target) check('A', 'relay', target, 'relay-checks', PACKET.check);
	}

	return { natA: ids.A, natB: ids.B, steps, verdict: verdictOf(successes, failures, allocations) };
}

function copyCandidate(c: Candidate): Candidate {
	return { type: c.type, address: { ...c.address } };
}

/** Why a check failed: a drop, or a response from the wrong address. */
type Failure = DropReason | 'asymmetric-response';

const failureText: Record<Failure, Localized> = {
	...dropReasonText,
	'asymmetric-response': {
		en: 'a response came back from another address than the request went to, because a NAT gave the reply a new mapping (RFC 8445 §7.2.5.2.1)',
		'zh-CN': '响应来自与请求目的地不同的地址，因为 NAT 为回复分配了新的映射（RFC 8445 §7.2.5.2.1）'
	}
};

function verdictOf(
	successes: readonly { peer: PeerId; pair: CandidatePair }[],
	failures: readonly Failure[],
	allocations: readonly Allocation[]
): Verdict {
	const fromA = successes.find((s) => s.peer === 'A');
	const fromB = successes.find((s) => s.peer === 'B');
	const pair: CandidatePair | undefined =
		fromA?.pair ?? (fromB ? { local: fromB.pair.remote, remote: fromB.pair.local } : undefined);
	if (!pair) {
		return {
			path: 'failed',
			pair: null,
			why: {
				en: 'No check got an answer, not even through TURN.',
				'zh-CN': '没有任何检查得到响应，连经过 TURN 的也没有。'
			}
		};
	}
	const pairText = `A ${pair.local.type} ${fmt(pair.local.address)} ↔ B ${pair.remote.type} ${fmt(pair.remote.address)}`;
	// Host ↔ host always fails across two LANs; that is not what makes the difference.
	const reasons = [...new Set(failures)].filter(
		(r) => r !== 'no-turn-permission' && r !== 'unroutable'
	);
	const relayed = pair.local.type === 'relay' || pair.remote.type === 'relay';
	if (relayed) {
		const used = allocations.filter(
			(a) =>
				(pair.local.type === 'relay' && a.owner === 'A') ||
				(pair.remote.type === 'relay' && a.owner === 'B')
		);
		const turnTransport: Protocol = used.some((a) => a.transport === 'tcp') ? 'tcp' : 'udp';
		const because = reasons.map((r) => failureText[r]);
		return {
			path: 'relay',
			pair,
			turnTransport,
			why: {
				en: `TURN needed: no direct check got through${because.length ? ` (${because.map((b) => b.en).join('; ')})` : ''}. The pair that works is ${pairText}, and TURN relays every packet${turnTransport === 'tcp' ? ', over TCP' : ''}.`,
				'zh-CN': `需要 TURN：没有任何直连检查成功${because.length ? `（${because.map((b) => b['zh-CN']).join('；')}）` : ''}。可用的候选对是 ${pairText}，所有数据包都由 TURN 中继${turnTransport === 'tcp' ? '（经 TCP）' : ''}。`
			}
		};
	}
	const parts: Localized[] = [
		{ en: `Direct path: ${pairText}.`, 'zh-CN': `直连路径：${pairText}。` }
	];
	const types = [pair.local.type, pair.remote.type];
	if (types.includes('host')) {
		parts.push({
			en: 'A host candidate works because that peer has a public address: no NAT stands in the way on its side.',
			'zh-CN': '主机候选能用，是因为那一端拥有公网地址：它这一侧没有 NAT 阻挡。'
		});
	}
	if (types.includes('srflx')) {
		parts.push({
			en: 'A server-reflexive address works because that NAT keeps one mapping per socket (endpoint-independent mapping): the address STUN saw is the one the other peer reaches. Each side’s first check opened its own NAT for the other (hole punching).',
			'zh-CN':
				'服务器反射地址能用，是因为那个 NAT 为每个套接字只保留一个映射（与端点无关的映射）：STUN 看到的地址就是对端能到达的地址。双方的第一个检查包为对方打开了自己的 NAT（打洞）。'
		});
	}
	if (types.includes('prflx')) {
		parts.push({
			en: 'A peer-reflexive address appears because that NAT gave the checks a new external port, not the one STUN reported; the other side learned it from the check itself and answered it, which its own NAT allowed.',
			'zh-CN':
				'出现对端反射地址，是因为那个 NAT 为检查包分配了新的外部端口，而不是 STUN 报告的那个；另一端从检查包本身得知这个地址并作出回应，而它自己的 NAT 允许这样做。'
		});
	}
	return { path: 'direct', pair, why: join(parts) };
}

export interface MatrixCell {
	natA: NatBehaviourId;
	natB: NatBehaviourId;
	path: Verdict['path'];
	/** e.g. "srflx ↔ prflx"; empty when the run failed. */
	pair: string;
}

/** Every behaviour against every behaviour: rows are peer A's NAT, columns peer B's. */
export function compatibilityMatrix(
	behaviours: readonly NatBehaviourId[] = natBehaviourIds
): MatrixCell[][] {
	return behaviours.map((a) =>
		behaviours.map((b) => {
			const { verdict } = simulate(a, b);
			return {
				natA: a,
				natB: b,
				path: verdict.path,
				pair: verdict.pair ? `${verdict.pair.local.type} ↔ ${verdict.pair.remote.type}` : ''
			};
		})
	);
}
