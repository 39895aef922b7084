/**
 * A lesson's checks evaluated against the live loopback lab. Pure: the lab's snapshot comes in as
 * plain data (the shapes below are what src/lib/lab/machine.ts's LabContext already holds), a
 * status comes out. The condition vocabulary is lessons/README.md's table, one evaluator per kind.
 *
 * A check passes the first moment its condition holds and then stays passed (`latch`): "reach
 * have-local-offer" is written as "signalingState equals have-local-offer".
 */

import { parseCandidate } from '../ice/candidate';
import { AVAILABLE_FEATURES } from './features';
import type { Check, Condition, ConditionKind, LessonLab } from './types';

export { AVAILABLE_FEATURES };

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

const PEERS: readonly PeerKey[] = ['A', 'B'];
type Verdict = boolean | 'unavailable';
type ConditionOf<K extends ConditionKind> = Extract<Condition, { kind: K }>;
/** One evaluator per kind this module can evaluate today; the others are "coming soon". */
type Evaluators = {
	[K in ConditionKind]?: (condition: ConditionOf<K>, lab: LabSnapshotLike) => Verdict;
};

/** The peers a condition is about: the one named, or all of them. */
function peersOf(
	condition: { peer?: 'A' | 'B' | 'you' },
	lab?: LabSnapshotLike
): PeerKey[] | 'unavailable' {
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
function inOrder(values: readonly string[], wanted: readonly string[]): boolean {
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

const within = (value: number, bounds: { min?: number; max?: number }) =>
	value >= (bounds.min ?? -Infinity) && value <= (bounds.max ?? Infinity);

const EVALUATORS: Evaluators = {
	// { kind: machine, equals: connected }
	machine: (condition, lab) => lab.state === condition.equals,

	// { kind: state, peer: A, name: signalingState, seenInOrder: [have-local-offer, stable] }
	state: (condition, lab) => {
		const peers = peersOf(condition, lab);
		if (peers === 'unavailable') return 'unavailable';
		return peers.some((peer) => {
			const values = stateHistory(lab, peer, condition.name);
			if (values === undefined) return false;
			if (condition.equals !== undefined) return values.at(-1) === condition.equals;
			if (condition.seen !== undefined) return values.includes(condition.seen);
			if (condition.seenInOrder !== undefined) return inOrder(values, condition.seenInOrder);
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
			return count >= (condition.minCount ?? 1);
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
		if (peers === 'unavailable') return 'unavailable';
		return peers.some((peer) =>
			reportsOf(lab, peer, condition.report).some((report) => {
				const value = report[condition.field];
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
		const contains = condition.contains;
		const count = lab.context.chat.filter(
			(message) =>
				(condition.from === undefined || message.from === condition.from) &&
				(contains === undefined || message.text.includes(contains))
		).length;
		return count >= (condition.minCount ?? 1);
	},

	// { kind: dataChannel, minCount: 1 } — the lab opens one ordered, reliable channel ("chat").
	dataChannel: (condition, lab) => {
		const options =
			(condition.ordered !== undefined && condition.ordered !== true) ||
			condition.maxRetransmits !== undefined ||
			condition.maxPacketLifeTime !== undefined;
		if (options || condition.minCount > 1) return 'unavailable';
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
			return live.length >= (condition.minCount ?? 1);
		});
	},

	// { kind: sdp, description: answer, contains: "a=setup:active" }
	sdp: (condition, lab) => {
		const description = condition.description === 'offer' ? lab.context.offer : lab.context.answer;
		if (description === null) return false;
		const { contains, lacks } = condition;
		return (
			(contains === undefined || description.sdp.includes(contains)) &&
			(lacks === undefined || !description.sdp.includes(lacks))
		);
	},

	// { kind: historyVersions, reason: "ICE restart", min: 2 }
	historyVersions: (condition, lab) => {
		const reason = condition.reason;
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
		return count >= (condition.minCount ?? 1);
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

function evaluateCondition(condition: Condition, lab: LabSnapshotLike): Verdict {
	// EVALUATORS[condition.kind] takes exactly this kind's conditions; TypeScript cannot relate the
	// two unions on its own (a "correlated union"), hence the one widening here.
	const evaluate = EVALUATORS[condition.kind] as
		| ((condition: Condition, lab: LabSnapshotLike) => Verdict)
		| undefined;
	return evaluate ? evaluate(condition, lab) : 'unavailable';
}

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
	const verdict = evaluateCondition(check.condition, lab);
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

/** Required checks that cannot be done yet: their feature (or kind) is "coming soon". */
export function comingSoonChecks(
	checks: readonly Check[],
	features: ReadonlySet<string> = AVAILABLE_FEATURES
): Check[] {
	return checks.filter((check) => !check.optional && !checkAvailable(check, features));
}

/** How a lesson's checks count: the ids that can be done today, and those coming soon. */
export interface LessonCounts {
	/** Required checks that can be passed today: completion counts only these. */
	required: string[];
	/** Required checks whose exercise is not built yet. */
	comingSoon: string[];
}

/**
 * A lesson's checks count where the lab that passes them is seen: beside the text (/lab, /nat)
 * or on a page that saves them with the learner's progress (/remote). Elsewhere none count.
 */
export function lessonCounts(
	lesson: { lab: Pick<LessonLab, 'page'>; checks: readonly Check[] },
	features: ReadonlySet<string> = AVAILABLE_FEATURES
): LessonCounts {
	const page = lesson.lab.page;
	if (!CHECKED_PAGES.has(page) && !SELF_CHECKED_PAGES.has(page))
		return { required: [], comingSoon: [] };
	return {
		required: requiredChecks(lesson.checks, features).map((check) => check.id),
		comingSoon: comingSoonChecks(lesson.checks, features).map((check) => check.id)
	};
}

/**
 * Where a learner stands in a lesson, for the index and the lesson page to word:
 * - `complete`: every required check passed and none is coming soon;
 * - `doneForNow`: every check that can be done passed, `soon` more are coming soon (not complete);
 * - `progress`: `done` of `total` checks that can be done have passed (`soon` are coming soon);
 * - `soon`: nothing can be done yet, so the lesson can never be complete; `read` once the learner
 *   opened it.
 */
export type LessonStanding =
	| { kind: 'complete' }
	| { kind: 'doneForNow'; soon: number }
	| { kind: 'progress'; done: number; total: number; soon: number }
	| { kind: 'soon'; read: boolean };

export function lessonStanding(
	counts: LessonCounts,
	passed: ReadonlySet<string> | readonly string[],
	read = false
): LessonStanding {
	const has = (id: string) => ('has' in passed ? passed.has(id) : passed.includes(id));
	const { required, comingSoon } = counts;
	if (required.length === 0) return { kind: 'soon', read };
	const done = required.filter(has).length;
	const soon = comingSoon.length;
	if (done < required.length) return { kind: 'progress', done, total: required.length, soon };
	return soon === 0 ? { kind: 'complete' } : { kind: 'doneForNow', soon };
}

/** Complete: something to do, every required check passed, and nothing left "coming soon". */
export function lessonComplete(
	counts: LessonCounts,
	passed: ReadonlySet<string> | readonly string[]
): boolean {
	return lessonStanding(counts, passed).kind === 'complete';
}
