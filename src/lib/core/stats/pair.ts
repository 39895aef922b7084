// What a candidate pair is, for titling its charts: its two candidates (type, protocol, address,
// port) and whether ICE selected it. Definitions: W3C webrtc-stats RTCIceCandidatePairStats
// (localCandidateId, remoteCandidateId, nominated, state), RTCTransportStats
// (selectedCandidatePairId) and RTCIceCandidateStats.
//
//   CP+3TOteEL_kNSZdq6l -> host udp 192.0.2.1:38096 → host udp 192.0.2.2:32979, selected
import type { StatsReportLike } from './summary';

export interface PairEnd {
	/** host, srflx, prflx or relay (RFC 8445 §5.1.1). */
	candidateType: string;
	/** udp or tcp. */
	protocol: string;
	/** Empty when the browser hides it (an mDNS host candidate). */
	address: string;
	port: number | null;
	/** For a relay candidate: how this side reaches its TURN server (udp, tcp, tls). */
	relayProtocol?: string;
}

export interface PairInfo {
	id: string;
	local: PairEnd | null;
	remote: PairEnd | null;
	state: string;
	nominated: boolean;
	/** The pair carrying the traffic: nominated, and the one its transport uses. */
	selected: boolean;
}

interface ReportsLike {
	byId: ReadonlyMap<string, StatsReportLike>;
	byType: ReadonlyMap<string, readonly StatsReportLike[]>;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number | null =>
	typeof value === 'number' && Number.isFinite(value) ? value : null;

function endOf(report: StatsReportLike | undefined): PairEnd | null {
	if (!report) return null;
	const relayProtocol = str(report.relayProtocol);
	return {
		candidateType: str(report.candidateType) || '?',
		protocol: str(report.protocol) || '?',
		// `address` is the current name; older browsers used `ip`.
		address: str(report.address) || str(report.ip),
		port: num(report.port),
		...(relayProtocol ? { relayProtocol } : {})
	};
}

/** The candidate pair `pairId` of one getStats() result, or null if it has no such pair. */
export function candidatePairInfo(reports: ReportsLike, pairId: string): PairInfo | null {
	const pair = reports.byId.get(pairId);
	if (!pair || pair.type !== 'candidate-pair') return null;
	const named = (reports.byType.get('transport') ?? [])
		.map((t) => str(t.selectedCandidatePairId))
		.filter(Boolean);
	const nominated = pair.nominated === true;
	const state = str(pair.state);
	// Chrome and Safari name the pair on the transport; Firefox flags it `selected` itself.
	const selected = named.length
		? named.includes(pairId)
		: pair.selected === true || (pair.selected === undefined && nominated && state === 'succeeded');
	return {
		id: pairId,
		local: endOf(reports.byId.get(str(pair.localCandidateId))),
		remote: endOf(reports.byId.get(str(pair.remoteCandidateId))),
		state,
		nominated,
		selected
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
