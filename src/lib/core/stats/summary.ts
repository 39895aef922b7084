// A one-glance summary of a getStats() result: which candidate pair carries the traffic, how far
// apart the peers are (RTT) and how many bytes crossed. Definitions: W3C webrtc-stats
// (RTCTransportStats.selectedCandidatePairId, RTCIceCandidatePairStats, RTCIceCandidateStats).

/** One report as getStats() yields it; fields are read defensively because browsers differ. */
export type StatsReportLike = { id: string; type: string; timestamp?: number } & Record<
	string,
	unknown
>;

export interface CandidateSide {
	candidateType: string;
	address: string;
	port: number | null;
	protocol: string;
}

export interface StatsSummary {
	/** The candidate pair in use, or null before ICE has selected one. */
	selectedPair: {
		id: string;
		state: string;
		local: CandidateSide | null;
		remote: CandidateSide | null;
		/** currentRoundTripTime in milliseconds, from STUN consent checks. */
		rttMs: number | null;
		bytesSent: number;
		bytesReceived: number;
	} | null;
	/** How the pair was found: Chrome/Safari name it on the transport; Firefox flags it `selected`. */
	foundBy: 'transport' | 'selected-flag' | 'nominated-succeeded' | null;
}

const str = (value: unknown, fallback = ''): string =>
	typeof value === 'string' ? value : fallback;
const num = (value: unknown): number | null =>
	typeof value === 'number' && Number.isFinite(value) ? value : null;

function candidateSide(report: StatsReportLike | undefined): CandidateSide | null {
	if (!report) return null;
	return {
		candidateType: str(report.candidateType, 'unknown'),
		// `address` is the current name; older browsers used `ip`.
		address: str(report.address, str(report.ip)),
		port: num(report.port),
		protocol: str(report.protocol)
	};
}

/** Accepts the Map-like RTCStatsReport's values, or a plain array of reports. */
export function summarizeStats(reports: Iterable<StatsReportLike>): StatsSummary {
	const byId = new Map<string, StatsReportLike>();
	for (const report of reports) {
		if (report && typeof report.id === 'string') byId.set(report.id, report);
	}
	const all = [...byId.values()];
	const pairs = all.filter((r) => r.type === 'candidate-pair');

	let pair: StatsReportLike | undefined;
	let foundBy: StatsSummary['foundBy'] = null;
	const transport = all.find(
		(r) => r.type === 'transport' && typeof r.selectedCandidatePairId === 'string'
	);
	if (transport) {
		pair = byId.get(str(transport.selectedCandidatePairId));
		if (pair) foundBy = 'transport';
	}
	if (!pair) {
		pair = pairs.find((r) => r.selected === true);
		if (pair) foundBy = 'selected-flag';
	}
	if (!pair) {
		pair = pairs.find((r) => r.nominated === true && r.state === 'succeeded');
		if (pair) foundBy = 'nominated-succeeded';
	}
	if (!pair) return { selectedPair: null, foundBy: null };

	const rtt = num(pair.currentRoundTripTime);
	return {
		foundBy,
		selectedPair: {
			id: pair.id,
			state: str(pair.state, 'unknown'),
			local: candidateSide(byId.get(str(pair.localCandidateId))),
			remote: candidateSide(byId.get(str(pair.remoteCandidateId))),
			rttMs: rtt === null ? null : rtt * 1000,
			bytesSent: num(pair.bytesSent) ?? 0,
			bytesReceived: num(pair.bytesReceived) ?? 0
		}
	};
}
