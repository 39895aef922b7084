// Why ICE failed, in plain words. Pure: the lab hands over what each side gathered, what reached
// the other side, which servers were configured and the icecandidateerror codes; the reasons come
// out in English and Simplified Chinese, most specific first. The texts are data (REASONS).

import type { Localized } from '../locale';
import { parseCandidate, type CandidateType } from './candidate';
import { passesCondition, type NetworkCondition } from './conditions';

export type FailureReasonId =
	| 'nothing-delivered'
	| 'dropped-by-preset'
	| 'turn-refused'
	| 'turn-unreachable'
	| 'no-turn'
	| 'relay-failed'
	| 'checks-failed';

/** One reason per id; `{types}` is replaced by the candidate types a side had. */
export const FAILURE_REASONS: Record<FailureReasonId, Localized> = {
	'nothing-delivered': {
		en: 'No candidate reached either peer, so ICE has no pair to check. A browser would wait in "new" forever (it never reports failed without a pair to try), so the lab stops here.',
		'zh-CN':
			'双方都没有收到任何候选，ICE 没有可检查的候选对。浏览器会一直停在 "new"（没有候选对可试时它永远不会报告 failed），所以实验在这里停下。'
	},
	'dropped-by-preset': {
		en: 'The Network conditions preset dropped the {types} candidates at the signaling step, as a symmetric NAT or firewall would make them useless.',
		'zh-CN': '"网络条件"预设在信令环节丢弃了 {types} 候选，就像对称型 NAT 或防火墙让它们失效一样。'
	},
	'turn-refused': {
		en: 'The TURN server refused the credential (401): no relay candidate could be gathered. Check the username/credential, or that the short-lived credential has not expired.',
		'zh-CN':
			'TURN 服务器拒绝了凭据（401）：无法收集到中继候选。请检查用户名/凭据，或者短期凭据是否已经过期。'
	},
	'turn-unreachable': {
		en: 'A STUN/TURN server could not be reached (701): wrong address or port, or UDP/TCP blocked on the way.',
		'zh-CN': '无法连接 STUN/TURN 服务器（701）：地址或端口错误，或者途中 UDP/TCP 被封锁。'
	},
	'no-turn': {
		en: 'No TURN server was configured, so neither side had a relay candidate. When both sides sit behind NATs that give every destination a new port (symmetric NATs), no direct pair can work: only a relay gets through. Add a TURN server.',
		'zh-CN':
			'没有配置 TURN 服务器，所以双方都没有中继候选。当双方都在"对每个目的地分配新端口"的 NAT（对称型 NAT）之后时，任何直连候选对都无法工作，只有中继能通。请添加 TURN 服务器。'
	},
	'relay-failed': {
		en: 'Relay candidates existed but their checks failed too: the TURN server could not reach the other side (its peer policy or a firewall denied the permission).',
		'zh-CN':
			'中继候选是有的，但它们的检查也失败了：TURN 服务器无法到达另一端（它的对端策略或防火墙拒绝了许可）。'
	},
	'checks-failed': {
		en: 'Candidates were exchanged ({types}) but every connectivity check went unanswered: the paths between the two sides are blocked.',
		'zh-CN': '候选已经交换（{types}），但每个连通性检查都没有回应：双方之间的路径被阻断了。'
	}
};

export interface IceFailureInput {
	/** Every local candidate line each side gathered (null = end of candidates). */
	gathered: Readonly<Record<string, readonly (string | null)[]>>;
	/**
	 * How many candidates reached each side (after the simulated network), when the lab knows
	 * (the loopback lab sees both sides; the remote lab only its own).
	 */
	delivered?: Readonly<Record<string, number>>;
	/** Whether the configuration had a TURN server at all. */
	turnConfigured: boolean;
	/** icecandidateerror codes seen (401, 701 …). */
	errorCodes: readonly number[];
	/** The preset in force: its `drop` list explains missing candidates. */
	condition: Pick<NetworkCondition, 'drop'>;
}

export interface IceFailureReason {
	id: FailureReasonId;
	text: Localized;
}

const fill = (text: Localized, types: string): Localized => ({
	en: text.en.replace('{types}', types),
	'zh-CN': text['zh-CN'].replace('{types}', types)
});

function typesOf(lines: readonly (string | null)[]): Set<CandidateType> {
	const types = new Set<CandidateType>();
	for (const line of lines) {
		if (line === null) continue;
		const parsed = parseCandidate(line);
		if (parsed.ok) types.add(parsed.candidate.type);
	}
	return types;
}

/** The reasons ICE failed (or could not start), most specific first; never empty. */
export function explainIceFailure(input: IceFailureInput): IceFailureReason[] {
	const reasons: IceFailureReason[] = [];
	const add = (id: FailureReasonId, types = '') =>
		reasons.push({ id, text: fill(FAILURE_REASONS[id], types) });
	const all = Object.values(input.gathered).flat();
	const types = typesOf(all);
	const nothingDelivered =
		input.delivered !== undefined && Object.values(input.delivered).every((n) => n === 0);

	if (nothingDelivered) add('nothing-delivered');
	const dropped = [...types].filter((t) => input.condition.drop.includes(t));
	if (dropped.length) add('dropped-by-preset', dropped.join(', '));
	if (input.errorCodes.includes(401)) add('turn-refused');
	if (input.errorCodes.includes(701)) add('turn-unreachable');
	if (!types.has('relay')) {
		if (!input.turnConfigured) add('no-turn');
	} else if (!nothingDelivered) add('relay-failed');
	if (!reasons.length) add('checks-failed', [...types].join(', ') || '—');
	return reasons;
}

/** Candidates a simulated network lets through, of those a side gathered. */
export function deliveredCount(
	lines: readonly (string | null)[],
	condition: Pick<NetworkCondition, 'drop'>
): number {
	return lines.filter((line) => line !== null && passesCondition(condition, line)).length;
}

/** Candidate lines inside a description (`a=candidate:…`), as the other side receives them. */
export function sdpCandidates(sdp: string | undefined): string[] {
	if (!sdp) return [];
	return sdp
		.split(/\r?\n/)
		.filter((line) => line.startsWith('a=candidate:'))
		.map((line) => line.slice(2));
}
