/**
 * A lesson's checks evaluated against the live loopback lab. Pure: the lab's snapshot comes in as
 * plain data (the shapes below are what src/lib/lab/machine.ts's LabContext already holds), a
 * status comes out. The condition vocabulary is lessons/README.md's table, one evaluator per kind.
 *
 * A check passes the first moment its condition holds and then stays passed (`latch`): "reach
 * have-local-offer" is written as "signalingState equals have-local-offer".
 */

import { parseCandidate } from '../ice/candidate';
import type { Check, Condition, LessonLab } from './types';

/** A getStats() report as the lab keeps it (src/lib/core/stats/summary.ts). */
type Report = { id: string; type: string } & Record<string, unknown>;

/** The last run of the NAT simulator beside a lesson (src/lib/core/nat/hole-punch.ts). */
export interface NatOutcomeLike {
	result: 'connected' | 'failed';
	via: 'direct' | 'relay' | null;
	/** RFC 4787 behaviours of each side's NAT; null when the side has no NAT (or blocks UDP). */
	mappingA: string | null;
	filteringA: string | null;
	mappingB: string | null;
	filteringB: string | null;
}

export type CheckStatus = 'passed' | 'pending' | 'unavailable';

type PeerKey = 'A' | 'B';

/** What a check may look at: the machine's innermost state and the lab's context. */
export interface LabSnapshotLike {
	state: string;
	context: {
		config: { mode: string; source: string; trickle: boolean; network?: string };
		peer: Record<
			PeerKey,
			{
				states: Record<string, readonly { value: string }[]>;
				candidates: readonly { candidate: string | null }[];
				remoteStream: { getTracks(): readonly { kind: string; readyState: string }[] } | null;
				dataChannelState: string | null;
			}
		>;
		offer: { sdp: string } | null;
		answer: { sdp: string } | null;
		history: readonly { reason: string }[];
		chat: readonly { from: string; text: string }[];
		stats: Partial<
			Record<
				PeerKey,
				{
					selectedPair: {
						local: { candidateType: string; protocol: string } | null;
						remote: { candidateType: string; protocol: string } | null;
						rttMs: number | null;
						bytesSent: number;
						bytesReceived: number;
					} | null;
				}
			>
		> | null;
		error: { name: string } | null;
		/** The latest raw getStats() reports of each peer (while connected). */
		reports?: Partial<Record<PeerKey, readonly Report[]>>;
		/** icecandidateerror events: a STUN/TURN server that could not be used. */
		iceErrors?: readonly { peer: string; errorCode: number; url: string }[];
		/**
		 * The remote lab: this page's peer is `you` (kept as peer A), and every signaling message
		 * it sent or received is listed (the `signal` checks).
		 */
		remote?: boolean;
		signals?: readonly { direction: string; type: string; code?: string }[];
	};
	/** The NAT simulator's last finished run, on lessons whose instrument is /nat. */
	nat?: NatOutcomeLike | null;
}

/** Features that exist today (lessons/README.md, "Feature ids"); the rest are "coming soon". */
export const AVAILABLE_FEATURES: ReadonlySet<string> = new Set<string>([
	// Network conditions presets with the lab's own STUN/TURN server (GET /api/ice-servers).
	'turn',
	// The NAT model of src/lib/core/nat, at /nat and beside the NAT lesson.
	'nat-simulator',
	// Raw getStats() reports of every type in the lab's context, and live charts.
	'stats-dashboard'
]);

const PEERS: readonly PeerKey[] = ['A', 'B'];
type Verdict = boolean | 'unavailable';
type Evaluator = (condition: Condition, lab: LabSnapshotLike) => Verdict;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** The peers a condition is about: the one named, or all of them. */
function peersOf(condition: Condition, lab?: LabSnapshotLike): PeerKey[] | 'unavailable' {
	const peer = condition.peer;
	// The remote lab has one peer of its own: `you`, kept as A.
	if (lab?.context.remote) return peer === undefined || peer === 'you' ? ['A'] : 'unavailable';
	if (peer === undefined) return [...PEERS];
	// `you` belongs to the remote lab.
	return peer === 'A' || peer === 'B' ? [peer] : 'unavailable';
}

const stateHistory = (lab: LabSnapshotLike, peer: PeerKey, name: string): string[] | undefined => {
	const view = lab.context.peer[peer];
	// The data channel's state has no history in the lab, only its current value.
	if (name === 'dataChannelState') return view.dataChannelState ? [view.dataChannelState] : [];
	return view.states[name]?.map((change) => change.value);
};

/** `values` contains `wanted` in that order, other values allowed in between. */
function inOrder(values: readonly string[], wanted: readonly unknown[]): boolean {
	let next = 0;
	for (const value of values) if (value === wanted[next]) next++;
	return next >= wanted.length;
}

/**
 * The reports of one type a `stat` check reads. For `candidate-pair` only the selected pair
 * counts: the one the transport report names (RTCTransportStats.selectedCandidatePairId); with no
 * raw reports yet, the lab's own summary of it stands in.
 */
function reportsOf(lab: LabSnapshotLike, peer: PeerKey, type: string): Report[] {
	const reports = lab.context.reports?.[peer] ?? [];
	if (type !== 'candidate-pair') return reports.filter((report) => report.type === type);
	const ids = reports
		.filter((report) => report.type === 'transport')
		.map((report) => report.selectedCandidatePairId);
	const selected = reports.filter(
		(report) => report.type === 'candidate-pair' && ids.includes(report.id)
	);
	if (selected.length > 0) return selected;
	const pair = lab.context.stats?.[peer]?.selectedPair;
	if (!pair) return [];
	return [
		{
			id: 'summary',
			type,
			// The lab keeps milliseconds; getStats reports seconds.
			currentRoundTripTime: pair.rttMs === null ? undefined : pair.rttMs / 1000,
			bytesSent: pair.bytesSent,
			bytesReceived: pair.bytesReceived
		}
	];
}

const within = (value: number, condition: Condition) =>
	value >= (num(condition.min) ?? -Infinity) && value <= (num(condition.max) ?? Infinity);

const EVALUATORS: Record<string, Evaluator> = {
	// { kind: machine, equals: connected }
	machine: (condition, lab) => lab.state === condition.equals,

	// { kind: state, peer: A, name: signalingState, seenInOrder: [have-local-offer, stable] }
	state: (condition, lab) => {
		const peers = peersOf(condition, lab);
		const name = str(condition.name);
		if (peers === 'unavailable' || name === undefined) return 'unavailable';
		return peers.some((peer) => {
			const values = stateHistory(lab, peer, name);
			if (values === undefined) return false;
			if (condition.equals !== undefined) return values.at(-1) === condition.equals;
			if (condition.seen !== undefined) return values.includes(String(condition.seen));
			if (Array.isArray(condition.seenInOrder)) return inOrder(values, condition.seenInOrder);
			return false;
		});
	},

	// { kind: candidateSeen, peer: A, type: host, address: mdns, protocol: udp, minCount: 1 }
	candidateSeen: (condition, lab) => {
		const peers = peersOf(condition, lab);
		if (peers === 'unavailable') return 'unavailable';
		return peers.some((peer) => {
			const entries = lab.context.peer[peer].candidates;
			if (condition.end === true) return entries.some((entry) => entry.candidate === null);
			let count = 0;
			for (const entry of entries) {
				if (entry.candidate === null) continue;
				const parsed = parseCandidate(entry.candidate);
				if (!parsed.ok) continue;
				const c = parsed.candidate;
				if (condition.type !== undefined && c.type !== condition.type) continue;
				if (condition.address !== undefined && c.addressKind !== condition.address) continue;
				if (condition.protocol !== undefined && c.protocol !== condition.protocol) continue;
				count++;
			}
			return count >= (num(condition.minCount) ?? 1);
		});
	},

	// { kind: selectedPair, localType: relay, remoteType: relay } (every peer when none is named)
	selectedPair: (condition, lab) => {
		const peers = peersOf(condition, lab);
		if (peers === 'unavailable') return 'unavailable';
		return peers.every((peer) => {
			const pair = lab.context.stats?.[peer]?.selectedPair;
			if (!pair?.local || !pair.remote) return false;
			if (condition.localType !== undefined && pair.local.candidateType !== condition.localType)
				return false;
			if (condition.remoteType !== undefined && pair.remote.candidateType !== condition.remoteType)
				return false;
			if (condition.protocol !== undefined && pair.local.protocol !== condition.protocol)
				return false;
			return true;
		});
	},

	// { kind: stat, peer: A, report: candidate-pair, field: currentRoundTripTime, min: 0 }
	// { kind: stat, peer: A, report: transport, field: dtlsState, equals: connected }
	stat: (condition, lab) => {
		const peers = peersOf(condition, lab);
		const type = str(condition.report);
		const field = str(condition.field);
		if (peers === 'unavailable' || type === undefined || field === undefined) return 'unavailable';
		return peers.some((peer) =>
			reportsOf(lab, peer, type).some((report) => {
				const value = report[field];
				if (condition.equals !== undefined) return value === condition.equals;
				return typeof value === 'number' && within(value, condition);
			})
		);
	},

	// { kind: iceCandidateError, errorCode: 401 } — a STUN/TURN server refused or did not answer.
	iceCandidateError: (condition, lab) => {
		const peers = peersOf(condition, lab);
		if (peers === 'unavailable') return 'unavailable';
		return (lab.context.iceErrors ?? []).some(
			(error) =>
				(peers as string[]).includes(error.peer) &&
				(condition.errorCode === undefined || error.errorCode === condition.errorCode)
		);
	},

	// { kind: natOutcome, result: failed, mappingA: address-and-port-dependent }
	natOutcome: (condition, lab) => {
		const nat = lab.nat;
		if (nat === undefined) return 'unavailable';
		if (nat === null) return false;
		const fields = ['result', 'via', 'mappingA', 'filteringA', 'mappingB', 'filteringB'] as const;
		return fields.every((key) => condition[key] === undefined || condition[key] === nat[key]);
	},

	// { kind: dataChannelMessage, from: B, minCount: 1, contains: hello }
	dataChannelMessage: (condition, lab) => {
		const contains = str(condition.contains);
		const count = lab.context.chat.filter(
			(message) =>
				(condition.from === undefined || message.from === condition.from) &&
				(contains === undefined || message.text.includes(contains))
		).length;
		return count >= (num(condition.minCount) ?? 1);
	},

	// { kind: dataChannel, minCount: 1 } — the lab opens one ordered, reliable channel ("chat").
	dataChannel: (condition, lab) => {
		const options =
			(condition.ordered !== undefined && condition.ordered !== true) ||
			condition.maxRetransmits !== undefined ||
			condition.maxPacketLifeTime !== undefined;
		const minCount = num(condition.minCount) ?? 1;
		if (options || minCount > 1) return 'unavailable';
		return PEERS.every((peer) => lab.context.peer[peer].dataChannelState === 'open');
	},

	// { kind: remoteTrack, peer: B, media: video, minCount: 1 }
	remoteTrack: (condition, lab) => {
		const peers = peersOf(condition, lab);
		if (peers === 'unavailable') return 'unavailable';
		return peers.some((peer) => {
			const tracks = lab.context.peer[peer].remoteStream?.getTracks() ?? [];
			const live = tracks.filter(
				(track) => track.kind === condition.media && track.readyState === 'live'
			);
			return live.length >= (num(condition.minCount) ?? 1);
		});
	},

	// { kind: sdp, description: answer, contains: "a=setup:active" }
	sdp: (condition, lab) => {
		const description =
			condition.description === 'offer'
				? lab.context.offer
				: condition.description === 'answer'
					? lab.context.answer
					: undefined;
		if (description === undefined) return 'unavailable';
		if (description === null) return false;
		const contains = str(condition.contains);
		const lacks = str(condition.lacks);
		return (
			(contains === undefined || description.sdp.includes(contains)) &&
			(lacks === undefined || !description.sdp.includes(lacks))
		);
	},

	// { kind: historyVersions, reason: "ICE restart", min: 2 }
	historyVersions: (condition, lab) => {
		const reason = str(condition.reason);
		const count = lab.context.history.filter(
			(version) => reason === undefined || version.reason.includes(reason)
		).length;
		return within(count, condition);
	},

	// { kind: signal, direction: received, type: candidate, minCount: 2 } — /remote only.
	signal: (condition, lab) => {
		const signals = lab.context.signals;
		if (!lab.context.remote || !signals) return 'unavailable';
		const count = signals.filter(
			(s) =>
				s.direction === condition.direction &&
				s.type === condition.type &&
				(condition.code === undefined || s.code === condition.code)
		).length;
		return count >= (num(condition.minCount) ?? 1);
	},

	// { kind: failed, cause: ice } or { kind: failed, cause: error, errorName: NotAllowedError }
	failed: (condition, lab) => {
		if (lab.state !== 'failed') return false;
		const error = lab.context.error;
		if (condition.cause === 'ice') return error === null;
		if (condition.cause === 'error') {
			return error !== null && (condition.errorName === undefined || error.name === condition.errorName);
		}
		return true;
	}
};

/**
 * Lesson instruments whose state the lesson page sees, so their checks count: the loopback lab
 * and the NAT simulator beside the text. Checks of lessons on other pages are done there.
 */
export const CHECKED_PAGES: ReadonlySet<string> = new Set(['/lab', '/nat']);

/** Lesson instruments that evaluate the lesson's checks themselves (`?lesson=<slug>`). */
export const SELF_CHECKED_PAGES: ReadonlySet<string> = new Set(['/remote']);

type RemoteView = LabSnapshotLike['context']['peer']['A'];

/**
 * The remote lab's snapshot as checks read it: its own peer (`you`) is A; there is no B. The
 * context's other fields have the loopback lab's shapes already.
 */
export function remoteLabSnapshot(
	state: string,
	context: Omit<LabSnapshotLike['context'], 'peer' | 'remote'> & { you: RemoteView }
): LabSnapshotLike {
	const nobody: RemoteView = { states: {}, candidates: [], remoteStream: null, dataChannelState: null };
	const { you, ...rest } = context;
	return { state, context: { ...rest, peer: { A: you, B: nobody }, remote: true } };
}

/** Kinds this module can evaluate on the loopback lab today. */
export const EVALUATED_KINDS: ReadonlySet<string> = new Set(Object.keys(EVALUATORS));

/** The `when` keys: the lab configuration a check may insist on. */
const WHEN_KEYS = ['mode', 'source', 'trickle', 'network'] as const;

/** Whether a check can be passed on the loopback lab today, whatever the lab's state. */
export function checkAvailable(
	check: Pick<Check, 'condition' | 'requires' | 'when'>,
	features: ReadonlySet<string> = AVAILABLE_FEATURES
): boolean {
	if (!check.requires.every((feature) => features.has(feature))) return false;
	if (!EVALUATED_KINDS.has(check.condition.kind)) return false;
	const when = check.when ?? {};
	return Object.keys(when).every((key) => (WHEN_KEYS as readonly string[]).includes(key));
}

function whenHolds(when: Partial<LessonLab> | null, lab: LabSnapshotLike): boolean {
	if (!when) return true;
	const config = lab.context.config;
	// A lab that does not report its network runs the default preset.
	const actual = { ...config, network: config.network ?? 'all' };
	return WHEN_KEYS.every((key) => when[key] === undefined || when[key] === actual[key]);
}

/** The status of a check against one snapshot, without memory. */
export function evaluateCheck(
	check: Pick<Check, 'condition' | 'requires' | 'when'>,
	lab: LabSnapshotLike,
	features: ReadonlySet<string> = AVAILABLE_FEATURES
): CheckStatus {
	if (!checkAvailable(check, features)) return 'unavailable';
	const evaluate = EVALUATORS[check.condition.kind];
	if (!evaluate) return 'unavailable';
	const verdict = evaluate(check.condition, lab);
	if (verdict === 'unavailable') return 'unavailable';
	return verdict && whenHolds(check.when, lab) ? 'passed' : 'pending';
}

/**
 * The ids of passed checks after this snapshot: those passed before stay passed. Returns the same
 * set when nothing new passed, so callers can skip saving.
 */
export function latch(
	passed: ReadonlySet<string>,
	checks: readonly Check[],
	lab: LabSnapshotLike,
	features: ReadonlySet<string> = AVAILABLE_FEATURES
): ReadonlySet<string> {
	const newly = checks.filter(
		(check) => !passed.has(check.id) && evaluateCheck(check, lab, features) === 'passed'
	);
	if (newly.length === 0) return passed;
	return new Set([...passed, ...newly.map((check) => check.id)]);
}

/** The checks that count towards completing the lesson: required and available today. */
export function requiredChecks(
	checks: readonly Check[],
	features: ReadonlySet<string> = AVAILABLE_FEATURES
): Check[] {
	return checks.filter((check) => !check.optional && checkAvailable(check, features));
}

/** Complete when there is something to do and every required check has passed. */
export function lessonComplete(required: readonly string[], passed: ReadonlySet<string>): boolean {
	return required.length > 0 && required.every((id) => passed.has(id));
}
