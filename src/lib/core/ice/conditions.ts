// "Network conditions": presets a teacher picks to make ICE take a particular path. Each preset
// says what it simulates and how that differs from a real network, in English and Simplified
// Chinese. The engine below is small: which ICE servers and transport policy to use, and which
// candidate types the simulated network drops on their way through signaling.

import type { Localized } from '../locale';
import { parseCandidate, type CandidateType } from './candidate';

export type ConditionId =
	| 'all'
	| 'host-only'
	| 'reflexive-only'
	| 'relay-only'
	| 'symmetric-nat'
	| 'symmetric-nat-no-turn'
	| 'turn-tcp-only'
	| 'broken-turn';

export interface NetworkCondition {
	id: ConditionId;
	label: Localized;
	/** What the preset does to the connection. */
	simulates: Localized;
	/** Why a real network of that kind would behave differently, or the same. */
	differsFromReal: Localized;
	/** Which servers the peers get: none, STUN only, TURN (over UDP or TCP), or TURN with a bad password. */
	servers: 'none' | 'stun' | 'turn' | 'turn-tcp' | 'turn-wrong-credential';
	/** RTCConfiguration.iceTransportPolicy: 'relay' gathers relay candidates only. */
	iceTransportPolicy: RTCIceTransportPolicyLike;
	/** Candidate types dropped at the signaling step, as a firewall would drop their packets. */
	drop: readonly CandidateType[];
}

type RTCIceTransportPolicyLike = 'all' | 'relay';

export const NETWORK_CONDITIONS: readonly NetworkCondition[] = [
	{
		id: 'all',
		label: { en: 'All candidates', 'zh-CN': '全部候选' },
		simulates: {
			en: 'Nothing is blocked: host, server-reflexive and relay candidates are all gathered and exchanged, and ICE picks the best pair that works.',
			'zh-CN': '不做任何拦截：收集并交换主机、服务器反射和中继候选，ICE 选出可用的最佳候选对。'
		},
		differsFromReal: {
			en: 'On one machine the host pair always wins, because both peers share the loopback network.',
			'zh-CN': '在同一台机器上总是主机候选对胜出，因为双方共享回环网络。'
		},
		servers: 'turn',
		iceTransportPolicy: 'all',
		drop: []
	},
	{
		id: 'host-only',
		label: { en: 'Host only', 'zh-CN': '仅主机候选' },
		simulates: {
			en: 'No STUN or TURN server: only the addresses of the machine itself. Works on one LAN, fails across NATs.',
			'zh-CN': '没有 STUN 或 TURN 服务器：只有本机地址。在同一局域网内可行，跨 NAT 会失败。'
		},
		differsFromReal: {
			en: 'Real peers on different networks would never reach each other this way; here they share a machine, so they do.',
			'zh-CN': '处在不同网络的真实对端无法以此互通；这里双方在同一台机器上，所以能连通。'
		},
		servers: 'none',
		iceTransportPolicy: 'all',
		drop: []
	},
	{
		id: 'reflexive-only',
		label: { en: 'Reflexive only', 'zh-CN': '仅反射候选' },
		simulates: {
			en: 'Host candidates are dropped at signaling, so only the addresses a STUN server saw (srflx) are offered: what two peers behind friendly NATs would use.',
			'zh-CN':
				'主机候选在信令环节被丢弃，只提供 STUN 服务器看到的地址（srflx）：这正是位于“友好”NAT 之后的两端会使用的方式。'
		},
		differsFromReal: {
			en: 'The lab’s STUN server runs on this machine, so the srflx address equals the host address, and ICE may also find peer-reflexive (prflx) candidates from the checks.',
			'zh-CN':
				'实验的 STUN 服务器运行在本机，srflx 地址与主机地址相同，ICE 还可能从连通性检查中发现对端反射（prflx）候选。'
		},
		servers: 'stun',
		iceTransportPolicy: 'all',
		drop: ['host']
	},
	{
		id: 'relay-only',
		label: { en: 'Relay only', 'zh-CN': '仅中继' },
		simulates: {
			en: 'iceTransportPolicy "relay": the browser gathers only TURN relay candidates, so every packet goes through the TURN server.',
			'zh-CN':
				'iceTransportPolicy 设为 "relay"：浏览器只收集 TURN 中继候选，所有数据包都经过 TURN 服务器。'
		},
		differsFromReal: {
			en: 'This is the real mechanism, not a simulation: it is how applications force TURN, for privacy or to test their relays.',
			'zh-CN': '这就是真实机制而非模拟：应用正是这样强制使用 TURN，以保护隐私或测试中继。'
		},
		servers: 'turn',
		iceTransportPolicy: 'relay',
		drop: []
	},
	{
		id: 'symmetric-nat',
		label: { en: 'Simulate symmetric NAT / firewall', 'zh-CN': '模拟对称型 NAT / 防火墙' },
		simulates: {
			en: 'Host and srflx candidates are dropped at the signaling step, as if a symmetric NAT made them useless: only relay can work, so ICE falls back to TURN.',
			'zh-CN':
				'主机和 srflx 候选在信令环节被丢弃，就像对称型 NAT 让它们失效一样：只剩中继可用，ICE 回退到 TURN。'
		},
		differsFromReal: {
			en: 'A real symmetric NAT lets the candidates through but drops the checks; peer-reflexive discovery can still help one side. Here the candidates simply never arrive.',
			'zh-CN':
				'真实的对称型 NAT 会放行候选，但丢弃连通性检查，对端反射发现仍可能帮上一方；这里则是候选根本不会到达。'
		},
		servers: 'turn',
		iceTransportPolicy: 'all',
		drop: ['host', 'srflx', 'prflx']
	},
	{
		id: 'symmetric-nat-no-turn',
		label: {
			en: 'Simulate symmetric NAT, no TURN server',
			'zh-CN': '模拟对称型 NAT，且没有 TURN 服务器'
		},
		simulates: {
			en: 'The symmetric-NAT simulation with the TURN server taken away (STUN only): host and srflx candidates are dropped at signaling and no relay candidate exists, so ICE has no pair that can work and fails. This is the case TURN exists for.',
			'zh-CN':
				'同样模拟对称型 NAT，但拿掉 TURN 服务器（只有 STUN）：主机和 srflx 候选在信令环节被丢弃，又没有中继候选，ICE 找不到任何可用的候选对，最终失败。TURN 正是为这种情况而存在的。'
		},
		differsFromReal: {
			en: 'Behind two real symmetric NATs the candidates do arrive and the checks are sent, but every check is dropped by the NATs, so ICE fails after its timeouts (tens of seconds) rather than at once.',
			'zh-CN':
				'在两个真实的对称型 NAT 之后，候选会送达、检查也会发出，但每个检查都被 NAT 丢弃，所以 ICE 要等超时（几十秒）才失败，而不是立刻失败。'
		},
		servers: 'stun',
		iceTransportPolicy: 'all',
		drop: ['host', 'srflx', 'prflx']
	},
	{
		id: 'turn-tcp-only',
		label: { en: 'TURN over TCP only', 'zh-CN': '仅经 TCP 的 TURN' },
		simulates: {
			en: 'As behind a firewall that blocks UDP: the peers reach the TURN server over TCP only (turn:…?transport=tcp) and relay through it.',
			'zh-CN':
				'如同位于封锁 UDP 的防火墙之后：对端只能通过 TCP 连接 TURN 服务器（turn:…?transport=tcp）并经它中继。'
		},
		differsFromReal: {
			en: 'The relay still forwards to the other peer over UDP, exactly as in a real network; only the client-to-TURN leg uses TCP.',
			'zh-CN': '中继到另一端仍使用 UDP，与真实网络完全一样；只有客户端到 TURN 这一段使用 TCP。'
		},
		servers: 'turn-tcp',
		iceTransportPolicy: 'relay',
		drop: []
	},
	{
		id: 'broken-turn',
		label: { en: 'Broken TURN (wrong credential)', 'zh-CN': 'TURN 故障（凭据错误）' },
		simulates: {
			en: 'The TURN credential is wrong: the server answers the Allocate request with 401 Unauthorized, the browser fires icecandidateerror, and with relay-only policy ICE has nothing to try and fails.',
			'zh-CN':
				'TURN 凭据错误：服务器对 Allocate 请求回复 401 Unauthorized，浏览器触发 icecandidateerror；在仅中继策略下 ICE 无候选可试，最终失败。'
		},
		differsFromReal: {
			en: 'Exactly what happens with an expired or mistyped credential in production.',
			'zh-CN': '与生产环境中凭据过期或输错时发生的情况完全相同。'
		},
		servers: 'turn-wrong-credential',
		iceTransportPolicy: 'relay',
		drop: []
	}
];

export const conditionById = (id: string): NetworkCondition =>
	NETWORK_CONDITIONS.find((c) => c.id === id) ?? NETWORK_CONDITIONS[0]!;

/** Whether the simulated network lets this candidate through signaling (null = end-of-candidates). */
export function passesCondition(
	condition: Pick<NetworkCondition, 'drop'>,
	candidate: string | null
): boolean {
	if (candidate === null || condition.drop.length === 0) return true;
	const parsed = parseCandidate(candidate);
	return !parsed.ok || !condition.drop.includes(parsed.candidate.type);
}

/** The SDP with the dropped candidate lines removed (non-trickle: candidates ride in the SDP). */
export function filterSdpCandidates(sdp: string, condition: NetworkCondition): string {
	if (condition.drop.length === 0) return sdp;
	return sdp
		.split(/(?<=\r?\n)/)
		.filter((line) => !line.startsWith('a=candidate:') || passesCondition(condition, line.trim()))
		.join('');
}

export interface IceServerLike {
	urls: string | string[];
	username?: string;
	credential?: string;
}

/** The ICE servers a condition gives the peers, from the lab's own servers (GET /api/ice-servers). */
export function serversFor(
	condition: NetworkCondition,
	available: IceServerLike[]
): IceServerLike[] {
	const urls = (server: IceServerLike) =>
		Array.isArray(server.urls) ? server.urls : [server.urls];
	const stun = available.filter((s) => urls(s).some((u) => /^stuns?:/.test(u)));
	const turn = available.filter((s) => urls(s).some((u) => /^turns?:/.test(u)));
	switch (condition.servers) {
		case 'none':
			return [];
		case 'stun':
			return stun;
		case 'turn':
			return [...stun, ...turn];
		case 'turn-tcp':
			return turn.map((s) => ({ ...s, urls: urls(s).filter((u) => /transport=tcp/.test(u)) }));
		case 'turn-wrong-credential':
			return turn.map((s) => ({ ...s, credential: 'wrong-credential' }));
	}
}

/**
 * What "Force TURN now" (setConfiguration relay + restartIce on a live call) does, and the part
 * browsers do not: Chromium keeps using a pair that already works. Shown while that is the case.
 */
export const FORCED_TURN_KEPT_PATH: Localized = {
	en: 'The restart gathered relay candidates only (look for relay in the candidates and the pair grid), but Chromium keeps carrying data on the pair that already worked: a policy change stops new non-relay candidates, it does not tear down a working path, and relay pairs (lower priority) are pruned, not checked, while that path answers. A real network switches when the direct path stops answering; to see a relay-only connection from the start, use "Relay only" or "Simulate symmetric NAT".',
	'zh-CN':
		'这次重启只收集了中继候选（在候选列表和候选对表中找 relay），但 Chromium 仍在已经可用的那个候选对上传数据：策略变化只会阻止新的非中继候选，不会拆掉正在工作的路径；只要那条路径还有回应，优先级更低的中继候选对就会被裁剪，而不会被检查。真实网络中，直连路径不再回应时才会切换；想从一开始就看到只走中继的连接，请用"仅中继"或"模拟对称型 NAT"。'
};
