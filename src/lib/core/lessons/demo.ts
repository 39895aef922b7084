// The NAT/TURN fallback demo as data: three scenarios, each one run of the loopback lab with the
// network preset it needs, the outcome it waits for and the caption the room reads (en + zh-CN).
// The judge below reads a lab snapshot and says how the current run ended; the demo page plays one
// scenario at a time and numbers them itself (a title carries no number).

import { conditionById, passesCondition, type ConditionId } from '../ice/conditions';
import type { Localized } from '../locale';

export type DemoOutcome = 'running' | 'connected-direct' | 'connected-relay' | 'no-path' | 'failed';

export interface DemoStep {
	id: string;
	network: ConditionId;
	/** The outcomes that end this step of the story as told. */
	expect: readonly Exclude<DemoOutcome, 'running'>[];
	title: Localized;
	/** Shown while the step runs. */
	caption: Localized;
	/** Shown once the expected outcome happened: why it ended that way. */
	why: Localized;
}

export const FALLBACK_DEMO: readonly DemoStep[] = [
	{
		id: 'direct',
		network: 'host-only',
		expect: ['connected-direct'],
		title: { en: 'A direct path', 'zh-CN': '直连路径' },
		caption: {
			en: 'No NAT between the peers: each offers its host address and ICE connects them directly.',
			'zh-CN': '两端之间没有 NAT：各自提供 host 地址，ICE 直接把它们连起来。'
		},
		why: {
			en: 'Connected host ↔ host: the shortest path, no server in the middle.',
			'zh-CN': '已连通，host ↔ host：最短的路径，中间没有任何服务器。'
		}
	},
	{
		id: 'no-turn',
		network: 'symmetric-nat-no-turn',
		// Chrome either reports failed or, with no pair at all, waits: both end the story here.
		expect: ['no-path', 'failed'],
		title: { en: 'Symmetric NAT, no TURN', 'zh-CN': '对称型 NAT，没有 TURN' },
		caption: {
			en: 'Now a simulated symmetric NAT drops every host and server-reflexive candidate, and the TURN server is removed.',
			'zh-CN': '现在模拟的对称型 NAT 丢弃了所有 host 和 srflx 候选，TURN 服务器也被拿掉了。'
		},
		// Short: the lab's own reasons ("Why ICE failed") are shown beside it.
		why: {
			en: 'ICE failed: every direct candidate was dropped and, without TURN, no peer has a relay candidate. No candidate pair can form.',
			'zh-CN':
				'ICE 失败：直连候选全被丢弃，而没有 TURN 就没有 relay 候选。连一个候选对都组不成。'
		}
	},
	{
		id: 'relay',
		network: 'symmetric-nat',
		expect: ['connected-relay'],
		title: { en: 'Same NAT, with TURN', 'zh-CN': '同样的 NAT，加上 TURN' },
		caption: {
			en: 'The same symmetric NAT, but the TURN server is back: each peer also gathers a relay candidate on the TURN server.',
			'zh-CN': '同样的对称型 NAT，但 TURN 服务器回来了：每一端还会在 TURN 服务器上获得一个 relay 候选。'
		},
		why: {
			en: 'Connected through the relay: one end of the selected candidate pair is a relay candidate on the TURN server. TURN is the fallback that always works, at the cost of a detour through the server.',
			'zh-CN':
				'经中继连通：选中的候选对至少有一端是 TURN 服务器上的 relay 候选。TURN 是总能奏效的后备方案，代价是数据要绕经服务器。'
		}
	}
];

/** What the judge needs from the lab's snapshot (src/lib/lab/machine.ts, LabContext). */
export interface DemoLabLike {
	state: string;
	context: {
		config: { network?: string };
		peer: Record<
			'A' | 'B',
			{
				states: Record<string, readonly { value: string }[]>;
				candidates: readonly { candidate: string | null }[];
			}
		>;
		stats: Partial<
			Record<
				'A' | 'B',
				{
					selectedPair: {
						local: { candidateType: string } | null;
						remote: { candidateType: string } | null;
					} | null;
				}
			>
		> | null;
	};
}

const last = (lab: DemoLabLike, peer: 'A' | 'B', name: string) =>
	lab.context.peer[peer].states[name]?.at(-1)?.value;

/** How the current run has ended so far. */
export function judgeDemo(lab: DemoLabLike): DemoOutcome {
	if (lab.state === 'connected') {
		const pair = lab.context.stats?.A?.selectedPair;
		if (!pair?.local) return 'running';
		// Relayed when either end is a TURN allocation: A's srflx talking to B's relay (which B
		// sees as prflx) goes through the server as surely as relay ↔ relay.
		const relayed = [pair.local, pair.remote].some((end) => end?.candidateType === 'relay');
		return relayed ? 'connected-relay' : 'connected-direct';
	}
	if (lab.state === 'failed') return 'failed';
	if (lab.state !== 'iceChecking') return 'running';
	// ICE has nothing to check when gathering is over on both sides and the simulated network let
	// no candidate through: no pair can form. (The specification then says failed; Chrome waits.)
	const condition = conditionById(lab.context.config.network ?? 'all');
	const peers = ['A', 'B'] as const;
	const gathered = peers.every((peer) => last(lab, peer, 'iceGatheringState') === 'complete');
	const through = peers.some((peer) =>
		lab.context.peer[peer].candidates.some(
			(entry) => entry.candidate !== null && passesCondition(condition, entry.candidate)
		)
	);
	return gathered && !through ? 'no-path' : 'running';
}
