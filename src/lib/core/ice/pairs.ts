// The candidate-pair grid: every pair ICE formed, from getStats() candidate-pair reports, with
// its check state and the pair priority computed as RFC 8445 §6.1.2.3 defines it for the
// controlling and the controlled agent. Fields: W3C webrtc-stats RTCIceCandidatePairStats.

import { candidatePairPriority } from './candidate';

type Report = { id: string; type: string } & Record<string, unknown>;

export interface PairEnd {
	candidateType: string;
	protocol: string;
	address: string;
	port: number | null;
	/** The candidate's own priority (RFC 8445 §5.1.2). */
	priority: number | null;
	/** For a relay candidate: how this side reaches its TURN server (udp, tcp, tls). */
	relayProtocol?: string;
}

export interface PairRow {
	id: string;
	local: PairEnd | null;
	remote: PairEnd | null;
	/** frozen | waiting | in-progress | succeeded | failed */
	state: string;
	nominated: boolean;
	/** The pair the transport carries data on right now. */
	selected: boolean;
	requestsSent: number;
	responsesReceived: number;
	rttMs: number | null;
	bytesSent: number;
	bytesReceived: number;
	/** 2^32·MIN(G,D) + 2·MAX(G,D) + (G>D ? 1 : 0), G = controlling side's candidate priority. */
	pairPriority: bigint | null;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown, fallback = '') => (typeof v === 'string' ? v : fallback);

function end(report: Report | undefined): PairEnd | null {
	if (!report) return null;
	const relayProtocol = str(report.relayProtocol);
	return {
		candidateType: str(report.candidateType, 'unknown'),
		protocol: str(report.protocol),
		// `address` is the current name; older browsers used `ip`.
		address: str(report.address) || str(report.ip),
		port: num(report.port),
		priority: num(report.priority),
		...(relayProtocol ? { relayProtocol } : {})
	};
}

/** One end in the words of the API: `host udp 192.0.2.1:38096`, `relay udp [fd00::1]:3478`. */
export function pairEndText(end: PairEnd | null): string {
	if (!end) return '?';
	const host = end.address.includes(':') ? `[${end.address}]` : end.address || '…';
	const at = end.port === null ? host : `${host}:${end.port}`;
	const relay = end.relayProtocol ? ` (TURN ${end.relayProtocol})` : '';
	return `${end.candidateType} ${end.protocol} ${at}${relay}`;
}

/**
 * Rows for one peer's getStats() result, best first (selected, then by pair priority).
 * `controlling`: whether this peer is the controlling ICE agent (in JSEP, the offerer).
 */
export function candidatePairs(reports: Iterable<Report>, controlling: boolean): PairRow[] {
	const byId = new Map<string, Report>();
	for (const report of reports)
		if (report && typeof report.id === 'string') byId.set(report.id, report);
	const all = [...byId.values()];
	const selectedIds = new Set(
		all
			.filter((r) => r.type === 'transport' && typeof r.selectedCandidatePairId === 'string')
			.map((r) => r.selectedCandidatePairId as string)
	);
	const rows = all
		.filter((r) => r.type === 'candidate-pair')
		.map((pair): PairRow => {
			const local = end(byId.get(str(pair.localCandidateId)));
			const remote = end(byId.get(str(pair.remoteCandidateId)));
			const g = controlling ? local?.priority : remote?.priority;
			const d = controlling ? remote?.priority : local?.priority;
			const rtt = num(pair.currentRoundTripTime);
			return {
				id: pair.id,
				local,
				remote,
				state: str(pair.state, 'unknown'),
				nominated: pair.nominated === true,
				// Chrome and Safari name the pair on the transport; Firefox flags it `selected` itself.
				selected: selectedIds.size
					? selectedIds.has(pair.id)
					: pair.selected === true ||
						(pair.selected === undefined && pair.nominated === true && pair.state === 'succeeded'),
				requestsSent: num(pair.requestsSent) ?? 0,
				responsesReceived: num(pair.responsesReceived) ?? 0,
				rttMs: rtt === null ? null : rtt * 1000,
				bytesSent: num(pair.bytesSent) ?? 0,
				bytesReceived: num(pair.bytesReceived) ?? 0,
				pairPriority: g != null && d != null ? candidatePairPriority(g, d) : null
			};
		});
	return rows.sort((a, b) => {
		if (a.selected !== b.selected) return a.selected ? -1 : 1;
		const pa = a.pairPriority ?? -1n;
		const pb = b.pairPriority ?? -1n;
		return pa === pb ? 0 : pa > pb ? -1 : 1;
	});
}

/** Why the selected pair won, in words (English and Simplified Chinese). */
export function whySelected(rows: PairRow[]): { en: string; 'zh-CN': string } | null {
	const winner = rows.find((r) => r.selected);
	if (!winner) return null;
	const succeeded = rows.filter((r) => r.state === 'succeeded');
	const highest = succeeded.every((r) => (r.pairPriority ?? -1n) <= (winner.pairPriority ?? -1n));
	const kinds = `${winner.local?.candidateType ?? '?'} ↔ ${winner.remote?.candidateType ?? '?'}`;
	return highest
		? {
				en: `${kinds}: its connectivity checks succeeded, the controlling agent nominated it, and no other working pair has a higher priority (RFC 8445 §8.1.1).`,
				'zh-CN': `${kinds}：其连通性检查成功，控制方提名了它，且没有其他可用候选对的优先级更高（RFC 8445 §8.1.1）。`
			}
		: {
				en: `${kinds}: nominated because its checks succeeded first; a higher-priority pair also works, and ICE may switch to it (RFC 8445 §8.1.1).`,
				'zh-CN': `${kinds}：因其检查最先成功而被提名；另有优先级更高的候选对也可用，ICE 可能切换过去（RFC 8445 §8.1.1）。`
			};
}
