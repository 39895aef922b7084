// A lab session as a chrome://webrtc-internals dump. The labs record while they run: every
// getStats() result (StatsRecorder, the last 10 minutes, like the charts), the sequence-diagram
// log, each peer's state changes and candidates, and every SDP version. `labSessionDump` turns
// that record into one dump connection per peer, so the file opens here at /stats and in
// rtcstats' importer like a dump saved from chrome://webrtc-internals:
//
//   updateLog  {time, timestamp, type, value}, oldest first:
//     setLocalDescription    "type: offer, sdp: v=0\r\n…"        (our SDP history)
//     setRemoteDescription   "type: answer, sdp: v=0\r\n…"
//     icecandidate           "sdpMid: 0, sdpMLineIndex: 0, candidate: candidate:…"
//     signalingstatechange   "have-local-offer"                   (and the other three states)
//     createOffer            ""                                   (a note "createOffer()" in the log)
//     canvas.captureStream   ""      (one entry per call of a note "canvas.captureStream() + addTrack()")
//     signalingSend          "offer"                              (an arrow to the signaling lane)
//   stats      `<reportId>-<field>` -> {startTime, endTime, statsType, values: "[…]"} (dump.ts)
//
// The lab's own clock: state changes and candidates carry `atMs`, milliseconds since the peers
// were created (performance.now()); other entries have no time. The page notes when it first
// saw each entry (`seenAt`, ms since the epoch); the clock's epoch is estimated as the smallest
// `seenAt - atMs` (an entry is never seen before it happened), and entries without `atMs` take
// their `seenAt`.
import { toStatValue, type DumpConnection, type DumpEvent, type ReportSeries } from './dump';
import { descriptionsOf, type StatsDump, type StatValue } from './dump';
import type { StatsReportLike } from './summary';

/** Ten minutes: what the live charts keep, and what an export holds. */
export const SESSION_MAX_AGE_MS = 600_000;

/**
 * Accumulates getStats() results as one column per field (what a dump stores), dropping ticks
 * older than `maxAgeMs` before the newest. Repeated results (Chrome caches stats for ~50 ms:
 * same report timestamp) are recorded once.
 */
export class StatsRecorder {
	readonly maxAgeMs: number;
	readonly #series = new Map<string, ReportSeries>();
	#newest = -Infinity;
	/** How many results added something. */
	ticks = 0;

	constructor(maxAgeMs = SESSION_MAX_AGE_MS) {
		this.maxAgeMs = maxAgeMs;
	}

	/** Adds one getStats() result; returns false when it held nothing new. */
	add(reports: Iterable<StatsReportLike>): boolean {
		let added = false;
		for (const report of reports) {
			const t = report.timestamp;
			if (typeof t !== 'number' || !Number.isFinite(t)) continue;
			let series = this.#series.get(report.id);
			if (!series) {
				series = { id: report.id, type: report.type, timestamps: [], fields: {} };
				this.#series.set(report.id, series);
			}
			const last = series.timestamps[series.timestamps.length - 1];
			if (last !== undefined && t <= last) continue;
			const i = series.timestamps.length;
			series.timestamps.push(t);
			for (const name in report) {
				if (name === 'id' || name === 'type' || name === 'timestamp') continue;
				let column = series.fields[name];
				if (!column) {
					column = new Array<StatValue>(i).fill(null);
					series.fields[name] = column;
				}
				column.push(toStatValue(report[name]));
			}
			for (const name in series.fields) {
				const column = series.fields[name]!;
				if (column.length <= i) column.push(null);
			}
			if (t > this.#newest) this.#newest = t;
			added = true;
		}
		if (added) {
			this.ticks++;
			this.#prune(false);
		}
		return added;
	}

	/** Drops old ticks; lazily (in slices of 5 % of the window) unless `exact`. */
	#prune(exact: boolean): void {
		const cutoff = this.#newest - this.maxAgeMs;
		const slack = exact ? 0 : this.maxAgeMs * 0.05;
		for (const [id, series] of this.#series) {
			const oldest = series.timestamps[0];
			if (oldest === undefined || oldest >= cutoff - slack) continue;
			let drop = 0;
			while (drop < series.timestamps.length && series.timestamps[drop]! < cutoff) drop++;
			if (drop === series.timestamps.length) {
				this.#series.delete(id);
				continue;
			}
			series.timestamps.splice(0, drop);
			for (const name in series.fields) {
				const column = series.fields[name]!;
				column.splice(0, drop);
				// A field that only existed in the dropped ticks has nothing left to say.
				if (column.every((v) => v === null)) delete series.fields[name];
			}
		}
	}

	/** A copy of the recorded window (exactly the last `maxAgeMs`), one series per stats object. */
	series(): ReportSeries[] {
		this.#prune(true);
		return [...this.#series.values()].map((s) => ({
			id: s.id,
			type: s.type,
			timestamps: [...s.timestamps],
			fields: Object.fromEntries(Object.entries(s.fields).map(([k, v]) => [k, [...v]]))
		}));
	}

	/** Ticks per stats object, e.g. for a "n samples recorded" line. */
	get size(): number {
		let n = 0;
		for (const s of this.#series.values()) n = Math.max(n, s.timestamps.length);
		return n;
	}

	clear(): void {
		this.#series.clear();
		this.#newest = -Infinity;
		this.ticks = 0;
	}
}

// ---------------------------------------------------------------------------------------------
// The lab's record -> dump connections

/** When the page first saw an entry, ms since the epoch. */
export interface Seen {
	seenAt?: number;
}

/** One arrow or note of the lab's sequence diagram (src/lib/core/diagrams/sequence.ts). */
export interface LabLogEntry extends Seen {
	from: string;
	to: string;
	label: string;
	kind?: 'message' | 'note' | 'self';
	/** ms on the lab's clock, when the lab knows. */
	atMs?: number;
}

export interface LabStateChange extends Seen {
	value: string;
	atMs: number;
}

export interface LabCandidate extends Seen {
	/** `candidate:…` (RFC 8839 §5.1), or null for end-of-candidates. */
	candidate: string | null;
	sdpMid: string | null;
	sdpMLineIndex?: number | null;
	atMs: number;
}

/** One version of a session description, and which peer (log lane) produced it. */
export interface LabDescription extends Seen {
	from: string;
	type: string;
	sdp: string;
}

/** The four RTCPeerConnection state attributes and the event each change fires. */
export const STATE_EVENTS = {
	signalingState: 'signalingstatechange',
	iceGatheringState: 'icegatheringstatechange',
	iceConnectionState: 'iceconnectionstatechange',
	connectionState: 'connectionstatechange'
} as const;

export interface LabPeerRecord {
	/** The peer's lane in the log ('A', 'B'). */
	lane: string;
	/** The dump's connection id (Chrome writes `<pid>-<lid>`; any unique text works). */
	connectionId: string;
	/** RTCConfiguration as text (see `rtcConfigurationText`). */
	rtcConfiguration: string;
	/** Each state's history, oldest first; the first entry is the initial value. */
	states?: Partial<Record<keyof typeof STATE_EVENTS, readonly LabStateChange[]>>;
	/** The peer's own candidates (its `icecandidate` events). */
	candidates?: readonly LabCandidate[];
	stats: ReportSeries[];
}

export interface LabSessionRecord {
	userAgent: string;
	userAgentData?: unknown[];
	/** The page, for each connection's `url`. */
	url: string;
	getUserMedia?: unknown[];
	/** The signaling lane of the log ('S'): arrows to it are messages sent through it. */
	signalingLane: string;
	log: readonly LabLogEntry[];
	/** Every SDP version, oldest first. */
	history: readonly LabDescription[];
	peers: readonly LabPeerRecord[];
	/** The time to give entries that have no time at all (the moment of export). */
	exportedAt: number;
}

/** The lab clock's epoch: min(seenAt − atMs) over entries that have both; null if none do. */
export function estimateEpoch(
	entries: Iterable<{ atMs?: number; seenAt?: number }>
): number | null {
	let epoch: number | null = null;
	for (const e of entries) {
		if (typeof e.atMs !== 'number' || typeof e.seenAt !== 'number') continue;
		const guess = e.seenAt - e.atMs;
		if (epoch === null || guess < epoch) epoch = guess;
	}
	return epoch;
}

// "createOffer()" / "setLocalDescription(offer)" -> the API call and its argument.
const CALL = /^([A-Za-z][\w.]*)\(([^()]*)\)$/;

/**
 * What the lab's notes say in words where the page made a call: the add-media note reads
 * "canvas.captureStream() + WebAudio tone + addTrack()", the tone being an oscillator played into
 * `AudioContext.createMediaStreamDestination()` (lab/actors.ts syntheticTone).
 */
const NOTE_CALLS: Readonly<Record<string, { type: string; value: string }>> = {
	'WebAudio tone': { type: 'AudioContext.createMediaStreamDestination', value: '' }
};

/**
 * A note's calls: "restartIce() + setLocalDescription()" made two, each `{type, value}` with the
 * call's name and its argument; text that is no call ("connected (ICE + DTLS)") stays one note.
 * Only a ` + ` outside parentheses joins calls.
 */
export function noteCalls(label: string): { type: string; value: string }[] {
	const text = label.trim();
	const parts: string[] = [];
	let depth = 0;
	let start = 0;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (ch === '(') depth++;
		else if (ch === ')') depth = Math.max(0, depth - 1);
		else if (depth === 0 && text.startsWith(' + ', i)) {
			parts.push(text.slice(start, i).trim());
			start = i + 3;
			i += 2;
		}
	}
	parts.push(text.slice(start).trim());
	const calls = parts.map((part) => {
		const call = CALL.exec(part);
		return call ? { type: call[1]!, value: call[2]!.trim() } : (NOTE_CALLS[part] ?? null);
	});
	return calls.every((c) => c !== null) ? calls : [{ type: 'note', value: label }];
}

/** The calls that apply a description: their entries carry the SDP (webrtc-internals' form). */
const DESCRIPTION_CALLS = new Set(['setLocalDescription', 'setRemoteDescription']);

interface Draft {
	time: number | null;
	/** The causal order of entries at one instant (see `rankOf`). */
	rank: number;
	order: number;
	type: string;
	value: string;
}

/**
 * Entries logged at one instant, in causal order: what arrives from outside (a message received)
 * makes the page call the API; the call makes the connection fire events (a state change, an
 * `icecandidate`); the page then sends what they gave (the candidate, through signaling).
 */
function rankOf(type: string): number {
	if (type.endsWith('Receive')) return 0;
	if (type.endsWith('Send')) return 3;
	if (type === 'icecandidate' || type.endsWith('statechange')) return 2;
	return 1;
}

function logEntryEvents(
	entry: LabLogEntry,
	lane: string,
	signaling: string
): { type: string; value: string }[] {
	if (entry.from !== lane && entry.to !== lane) return [];
	const note = entry.kind === 'note' || entry.kind === 'self' || entry.from === entry.to;
	if (note) return noteCalls(entry.label);
	const outgoing = entry.from === lane;
	const other = outgoing ? entry.to : entry.from;
	// Arrows straight between the peers are data-channel messages; the rest cross signaling.
	const channel = other === signaling ? 'signaling' : 'dataChannel';
	return [{ type: `${channel}${outgoing ? 'Send' : 'Receive'}`, value: entry.label }];
}

const candidateValue = (c: LabCandidate): string => {
	const line = (c.candidate ?? '').replace(/^a=/, '');
	const index = c.sdpMLineIndex ?? (/^\d+$/.test(c.sdpMid ?? '') ? Number(c.sdpMid) : 0);
	return `sdpMid: ${c.sdpMid ?? ''}, sdpMLineIndex: ${index}, candidate: ${line}`;
};

const iso = (ms: number) => {
	const date = new Date(ms);
	return Number.isNaN(date.getTime()) ? '' : date.toISOString();
};

/** One peer's updateLog, oldest first. */
export function peerUpdateLog(
	session: Pick<LabSessionRecord, 'log' | 'history' | 'signalingLane' | 'exportedAt'>,
	peer: Pick<LabPeerRecord, 'lane' | 'states' | 'candidates'>,
	epoch: number | null
): DumpEvent[] {
	const drafts: Draft[] = [];
	const timeOf = (e: { atMs?: number; seenAt?: number }) =>
		epoch !== null && typeof e.atMs === 'number'
			? epoch + e.atMs
			: typeof e.seenAt === 'number'
				? e.seenAt
				: null;
	const push = (e: { atMs?: number; seenAt?: number }, type: string, value: string) =>
		drafts.push({ time: timeOf(e), rank: rankOf(type), order: drafts.length, type, value });
	const descriptionValue = (v: LabDescription) => `type: ${v.type}, sdp: ${v.sdp}`;

	// One description is one offer or answer as its `o=` line names it (RFC 8866 §5.2: the
	// session version changes with each new offer or answer). The lab keeps several versions of
	// one (what createOffer gave, the local description after setLocalDescription, what crossed
	// signaling); each description is applied once: by the note of the call that applied it
	// ("setLocalDescription(offer)", "restartIce() + setLocalDescription()"), else on its own.
	const groups = new Map<string, LabDescription[]>();
	for (const v of session.history) {
		const key = `${v.from}\n${v.type}\n${/^o=.*$/m.exec(v.sdp)?.[0] ?? v.sdp}`;
		const group = groups.get(key);
		if (group) group.push(v);
		else groups.set(key, [v]);
	}
	const applied = new Set<LabDescription[]>();
	/** The last version of a description made by `at` (its first one if none has a time). */
	const versionAt = (group: LabDescription[], at: number | null) =>
		group.findLast((v) => at === null || (timeOf(v) ?? Infinity) <= at) ?? group[0]!;
	/** The description a note's call applied: the latest of its side and type made by then. */
	const descriptionFor = (call: string, sdpType: string, at: number | null) => {
		const local = call === 'setLocalDescription';
		const fits = [...groups.values()].filter(
			(g) =>
				!applied.has(g) &&
				(g[0]!.from === peer.lane) === local &&
				(sdpType === '' || g[0]!.type === sdpType)
		);
		if (at === null) return fits[0];
		return fits.findLast((g) => (timeOf(g[0]!) ?? -Infinity) <= at) ?? fits[0];
	};
	// The lab notes a call when it has finished; the events it caused were fired meanwhile. A call
	// that applies a description is placed at the first state change since the lane's entry
	// before it, if there is one (it comes first at one instant, see rankOf).
	const changeTimes = Object.keys(STATE_EVENTS)
		.flatMap((name) => peer.states?.[name as keyof typeof STATE_EVENTS]?.slice(1) ?? [])
		.map((change) => timeOf(change))
		.filter((t): t is number => t !== null)
		.sort((a, b) => a - b);
	const started = (after: number | null, done: number | null) =>
		done === null
			? null
			: (changeTimes.find((t) => (after === null || t > after) && t <= done) ?? done);

	let before: number | null = null;
	for (const entry of session.log) {
		const events = logEntryEvents(entry, peer.lane, session.signalingLane);
		const at = timeOf(entry);
		for (const event of events) {
			const group = DESCRIPTION_CALLS.has(event.type)
				? descriptionFor(event.type, event.value, at)
				: undefined;
			if (!group) {
				push(entry, event.type, event.value);
				continue;
			}
			applied.add(group);
			const value = descriptionValue(versionAt(group, at));
			push({ seenAt: started(before, at) ?? undefined }, event.type, value);
		}
		if (events.length && at !== null) before = at;
	}
	for (const group of groups.values()) {
		if (applied.has(group)) continue;
		const first = group[0]!;
		if (first.from === peer.lane) {
			push(first, 'setLocalDescription', descriptionValue(group.at(-1)!));
			continue;
		}
		// The other peer's description is applied here once it has crossed signaling: the first
		// arrow from the signaling lane to this peer labelled with its type, if the log has one.
		const made = timeOf(first);
		const arrival = session.log.find(
			(e) =>
				e.from === session.signalingLane &&
				e.to === peer.lane &&
				e.label.startsWith(first.type) &&
				(made === null || (timeOf(e) ?? -Infinity) >= made)
		);
		const when = arrival && timeOf(arrival) !== null ? arrival : first;
		push(when, 'setRemoteDescription', descriptionValue(versionAt(group, timeOf(when))));
	}
	for (const [name, type] of Object.entries(STATE_EVENTS)) {
		const changes = peer.states?.[name as keyof typeof STATE_EVENTS] ?? [];
		// The first entry is the value the connection started with: no event fired for it.
		changes.slice(1).forEach((change) => push(change, type, change.value));
	}
	for (const c of peer.candidates ?? []) {
		if (c.candidate) push(c, 'icecandidate', candidateValue(c));
	}

	// Entries with no time keep their place after the one before them in the list they came from.
	let carry: number | null = null;
	for (const d of drafts) {
		if (d.time === null) d.time = carry;
		else carry = d.time;
	}
	const end = session.exportedAt;
	drafts.sort((a, b) => (a.time ?? end) - (b.time ?? end) || a.rank - b.rank || a.order - b.order);
	return drafts.map((d) => {
		const time = d.time ?? end;
		return { time: iso(time), timestamp: time, type: d.type, value: d.value };
	});
}

/** The recorded session as our dump model (anonymise it with anonymiseDump, write it with exportDump). */
export function labSessionDump(session: LabSessionRecord): StatsDump {
	const epoch = estimateEpoch([
		...session.log,
		...session.peers.flatMap((p) => [
			...Object.values(p.states ?? {}).flat(),
			...(p.candidates ?? [])
		])
	]);
	const connections: DumpConnection[] = session.peers.map((peer) => {
		const events = peerUpdateLog(session, peer, epoch);
		return {
			id: peer.connectionId,
			url: session.url,
			rtcConfiguration: peer.rtcConfiguration,
			constraints: '',
			events,
			descriptions: descriptionsOf(events),
			reports: peer.stats
		};
	});
	return {
		userAgent: session.userAgent,
		userAgentData: session.userAgentData ?? [],
		getUserMedia: session.getUserMedia ?? [],
		connections,
		warnings: []
	};
}

export interface RtcConfigurationLike {
	iceServers?: readonly {
		urls: string | readonly string[];
		username?: string;
		credential?: string;
	}[];
	iceTransportPolicy?: string;
	bundlePolicy?: string;
	rtcpMuxPolicy?: string;
	iceCandidatePoolSize?: number;
}

/**
 * An RTCConfiguration written the way webrtc-internals shows it, with the browser's defaults
 * filled in (W3C webrtc-pc §4.2.1) and without credentials (a dump is made to be shared):
 *   { iceServers: [stun:192.0.2.1:3478, turn:192.0.2.1:3478?transport=udp], iceTransportPolicy: all, … }
 */
export function rtcConfigurationText(config: RtcConfigurationLike): string {
	const urls = (config.iceServers ?? []).flatMap((s) =>
		typeof s.urls === 'string' ? [s.urls] : [...s.urls]
	);
	return (
		`{ iceServers: [${urls.join(', ')}], ` +
		`iceTransportPolicy: ${config.iceTransportPolicy ?? 'all'}, ` +
		`bundlePolicy: ${config.bundlePolicy ?? 'balanced'}, ` +
		`rtcpMuxPolicy: ${config.rtcpMuxPolicy ?? 'require'}, ` +
		`iceCandidatePoolSize: ${config.iceCandidatePoolSize ?? 0} }`
	);
}

/** The file name for a lab export, e.g. `webrtc_internals_dump.loopback.2026-01-31T10-20-30Z.txt`. */
export function dumpFileName(lab: string, at: number, anonymised: boolean): string {
	const stamp = iso(at)
		.replace(/\.\d{3}Z$/, 'Z')
		.replace(/:/g, '-');
	return `webrtc_internals_dump.${lab}${anonymised ? '.anonymised' : ''}.${stamp}.json`;
}
