import { describe, expect, it } from 'vitest';
import { anonymiseDump, isIPv4, isIPv6 } from './anonymise';
import {
	deriveConnection,
	exportDump,
	importDump,
	serialiseDump,
	type DumpConnection,
	type InternalsDump
} from './dump';
import {
	estimateEpoch,
	labSessionDump,
	noteCalls,
	peerUpdateLog,
	rtcConfigurationText,
	StatsRecorder,
	type LabSessionRecord
} from './session';
import { capture, captureNames } from './test-fixtures';
import type { StatsReportLike } from './summary';

const report = (
	id: string,
	timestamp: number,
	fields: Record<string, unknown>
): StatsReportLike => ({
	id,
	type: 'outbound-rtp',
	timestamp,
	...fields
});

describe('StatsRecorder', () => {
	it('keeps one column per field, null where a field was absent, and skips cached repeats', () => {
		const r = new StatsRecorder();
		r.add([report('OT1', 1000, { bytesSent: 10 })]);
		r.add([report('OT1', 1000, { bytesSent: 10 })]); // Chrome's 50 ms cache: same result
		r.add([report('OT1', 2000, { bytesSent: 20, framesPerSecond: 30 })]);
		r.add([report('OT1', 3000, { framesPerSecond: 29 })]);
		const [s] = r.series();
		expect(s!.timestamps).toEqual([1000, 2000, 3000]);
		expect(s!.fields).toEqual({ bytesSent: [10, 20, null], framesPerSecond: [null, 30, 29] });
		expect(r.ticks).toBe(3);
	});

	it('keeps only the last maxAgeMs, and forgets reports that stopped before it', () => {
		const r = new StatsRecorder(10_000);
		for (let t = 0; t <= 60_000; t += 1000) {
			r.add([report('OT1', t, { bytesSent: t }), ...(t < 20_000 ? [report('OLD', t, {})] : [])]);
		}
		const series = r.series();
		expect(series.map((s) => s.id)).toEqual(['OT1']);
		expect(series[0]!.timestamps[0]).toBe(50_000);
		expect(series[0]!.timestamps).toHaveLength(11);
		expect(series[0]!.fields.bytesSent![0]).toBe(50_000);
	});

	it('gives copies: recording more does not change an export already taken', () => {
		const r = new StatsRecorder();
		r.add([report('OT1', 1000, { bytesSent: 1 })]);
		const before = r.series();
		r.add([report('OT1', 2000, { bytesSent: 2 })]);
		expect(before[0]!.timestamps).toEqual([1000]);
	});
});

describe('estimateEpoch', () => {
	it('takes the tightest seenAt − atMs (nothing is seen before it happens)', () => {
		expect(
			estimateEpoch([
				{ atMs: 0, seenAt: 5_010 },
				{ atMs: 100, seenAt: 5_105 },
				{ atMs: 250, seenAt: 5_300 },
				{ seenAt: 9_999 }
			])
		).toBe(5_005);
		expect(estimateEpoch([{ seenAt: 1 }])).toBeNull();
	});
});

/** A loopback session: A offers, B answers, both connect; stats from a real Chromium capture. */
function loopbackSession(name: (typeof captureNames)[number] = 'chrome-audio-video-capture') {
	const c = capture(name);
	const t0 = c.peers.caller.snapshots[0]!.timestamp - 2000;
	const record = (who: 'caller' | 'callee') => {
		const r = new StatsRecorder();
		for (const s of c.peers[who].snapshots) r.add(s.reports);
		return r.series();
	};
	const offer = c.peers.caller.updateLog.find((e) => e.type === 'setLocalDescription')!;
	const answer = c.peers.callee.updateLog.find((e) => e.type === 'setLocalDescription')!;
	const sdpOf = (value: string) => value.replace(/^type: \w+, sdp: /, '');
	// State changes and candidates carry the lab clock (atMs) and are seen at once.
	const states = (changes: [string, number][]) =>
		changes.map(([value, atMs]) => ({ value, atMs, seenAt: t0 + atMs }));
	const session: LabSessionRecord = {
		userAgent: c.userAgent,
		userAgentData: [{ brand: 'Chromium', version: '138' }],
		url: 'http://192.168.1.23:3000/lab',
		signalingLane: 'S',
		log: [
			{ from: 'A', to: 'A', label: 'createOffer()', kind: 'note', seenAt: t0 + 10 },
			{ from: 'A', to: 'S', label: 'offer', seenAt: t0 + 20 },
			{ from: 'S', to: 'B', label: 'offer', seenAt: t0 + 21 },
			{ from: 'A', to: 'S', label: 'candidate host udp', atMs: 30, seenAt: t0 + 31 },
			{ from: 'S', to: 'B', label: 'candidate host udp', atMs: 30, seenAt: t0 + 31 },
			{ from: 'B', to: 'S', label: 'answer', seenAt: t0 + 60 },
			{ from: 'S', to: 'A', label: 'answer', seenAt: t0 + 61 },
			{ from: 'A', to: 'B', label: 'data channel: hi', atMs: 900, seenAt: t0 + 905 }
		],
		history: [
			{ from: 'A', type: 'offer', sdp: sdpOf(offer.value), seenAt: t0 + 12 },
			{ from: 'B', type: 'answer', sdp: sdpOf(answer.value), seenAt: t0 + 58 }
		],
		peers: (['A', 'B'] as const).map((lane) => ({
			lane,
			connectionId: `loopback-${lane}`,
			rtcConfiguration: rtcConfigurationText({
				iceServers: [
					{ urls: 'stun:192.168.1.23:3478' },
					{ urls: ['turn:192.168.1.23:3478'], username: 'u', credential: 'secret' }
				]
			}),
			states: {
				signalingState:
					lane === 'A'
						? states([
								['stable', 0],
								['have-local-offer', 12],
								['stable', 62]
							])
						: states([
								['stable', 0],
								['have-remote-offer', 22],
								['stable', 59]
							]),
				connectionState: states([
					['new', 0],
					['connecting', 70],
					['connected', 80]
				])
			},
			candidates: [
				{
					candidate: `candidate:1 1 udp 2122260223 192.168.1.${lane === 'A' ? 23 : 24} 5000${lane === 'A' ? 0 : 1} typ host generation 0`,
					sdpMid: '0',
					atMs: 30,
					seenAt: t0 + 31
				},
				{ candidate: null, sdpMid: null, atMs: 45, seenAt: t0 + 46 }
			],
			stats: record(lane === 'A' ? 'caller' : 'callee')
		})),
		exportedAt: t0 + 60_000
	};
	return { session, t0, capture: c };
}

describe('labSessionDump', () => {
	it('writes each peer its own updateLog: API calls, signaling, SDPs, states and candidates, in time order', () => {
		const { session, t0 } = loopbackSession();
		const dump = labSessionDump(session);
		expect(dump.connections.map((c) => c.id)).toEqual(['loopback-A', 'loopback-B']);
		const [a, b] = dump.connections;
		expect(a!.events.map((e) => `${(e.timestamp ?? NaN) - t0} ${e.type}`)).toEqual([
			'10 createOffer',
			'12 setLocalDescription',
			'12 signalingstatechange',
			'20 signalingSend',
			// The candidate is found, then sent: the same instant, in causal order.
			'30 icecandidate',
			'30 signalingSend',
			'61 signalingReceive',
			// Applied when the answer arrived, not when B created it (58).
			'61 setRemoteDescription',
			'62 signalingstatechange',
			'70 connectionstatechange',
			'80 connectionstatechange',
			'900 dataChannelSend'
		]);
		expect(b!.events.map((e) => `${(e.timestamp ?? NaN) - t0} ${e.type}`)).toEqual([
			'21 signalingReceive',
			'21 setRemoteDescription',
			'22 signalingstatechange',
			'30 signalingReceive',
			'30 icecandidate',
			'58 setLocalDescription',
			'59 signalingstatechange',
			'60 signalingSend',
			'70 connectionstatechange',
			'80 connectionstatechange',
			'900 dataChannelReceive'
		]);
		const connected = a!.events.filter((e) => e.type === 'connectionstatechange').at(-1)!;
		expect(connected).toMatchObject({ value: 'connected', timestamp: t0 + 80 });
		expect(connected.time).toBe(new Date(t0 + 80).toISOString());
		// Our own importer finds the SDPs on the right side.
		expect(a!.descriptions.map((d) => `${d.event} ${d.sdpType} ${d.side}`)).toEqual([
			'setLocalDescription offer local',
			'setRemoteDescription answer remote'
		]);
		expect(a!.events.find((e) => e.type === 'icecandidate')!.value).toBe(
			'sdpMid: 0, sdpMLineIndex: 0, candidate: candidate:1 1 udp 2122260223 192.168.1.23 50000 typ host generation 0'
		);
		expect(a!.rtcConfiguration).toBe(
			'{ iceServers: [stun:192.168.1.23:3478, turn:192.168.1.23:3478], iceTransportPolicy: all, bundlePolicy: balanced, rtcpMuxPolicy: require, iceCandidatePoolSize: 0 }'
		);
		expect(a!.rtcConfiguration).not.toContain('secret');
	});

	it('entries with no time at all keep their place and take the export time only when nothing precedes them', () => {
		const events = peerUpdateLog(
			{
				signalingLane: 'S',
				exportedAt: 99,
				log: [{ from: 'A', to: 'A', label: 'createOffer()', kind: 'note' }],
				history: []
			},
			{ lane: 'A' },
			null
		);
		expect(events).toEqual([
			{ time: new Date(99).toISOString(), timestamp: 99, type: 'createOffer', value: '' }
		]);
	});

	it('a note of several calls gives one entry per real call, with its argument', () => {
		expect(noteCalls('canvas.captureStream() + WebAudio tone + addTrack()')).toEqual([
			{ type: 'canvas.captureStream', value: '' },
			{ type: 'AudioContext.createMediaStreamDestination', value: '' },
			{ type: 'addTrack', value: '' }
		]);
		expect(noteCalls('getUserMedia() + addTrack()')).toEqual([
			{ type: 'getUserMedia', value: '' },
			{ type: 'addTrack', value: '' }
		]);
		expect(noteCalls('setLocalDescription(offer)')).toEqual([
			{ type: 'setLocalDescription', value: 'offer' }
		]);
		expect(noteCalls("createDataChannel('chat')")).toEqual([
			{ type: 'createDataChannel', value: "'chat'" }
		]);
		// Not calls: one note, word for word.
		for (const text of ['connected (ICE + DTLS)', 'new RTCPeerConnection()', 'a + b()']) {
			expect(noteCalls(text)).toEqual([{ type: 'note', value: text }]);
		}
	});

	it('the log as the lab machine writes it: real calls, each description applied once, a candidate found before it is sent', () => {
		const { session, t0 } = loopbackSession();
		const note = (from: string, label: string, at: number) => ({
			from,
			to: from,
			label,
			kind: 'note' as const,
			seenAt: t0 + at
		});
		const AB = (label: string, at: number) => ({ ...note('A', label, at), to: 'B' });
		const offer = session.history[0]!;
		const answer = session.history[1]!;
		const log = [
			AB('new RTCPeerConnection()', 1),
			AB('canvas.captureStream() + WebAudio tone + addTrack()', 2),
			note('A', 'createOffer()', 10),
			note('A', 'setLocalDescription(offer)', 13),
			{ from: 'A', to: 'S', label: 'offer', seenAt: t0 + 20 },
			{ from: 'S', to: 'B', label: 'offer', seenAt: t0 + 21 },
			note('B', 'setRemoteDescription(offer)', 21),
			{ from: 'A', to: 'S', label: 'candidate host udp', atMs: 30, seenAt: t0 + 31 },
			{ from: 'S', to: 'B', label: 'candidate host udp', atMs: 30, seenAt: t0 + 31 },
			note('B', 'createAnswer()', 40),
			note('B', 'setLocalDescription(answer)', 59),
			{ from: 'B', to: 'S', label: 'answer', seenAt: t0 + 60 },
			{ from: 'S', to: 'A', label: 'answer', seenAt: t0 + 61 },
			note('A', 'setRemoteDescription(answer)', 61),
			// An ICE restart: a new offer and answer, each applied by its own note.
			note('A', 'restartIce() + setLocalDescription()', 500),
			{ from: 'A', to: 'S', label: 'offer (ICE restart)', seenAt: t0 + 500 },
			{ from: 'S', to: 'B', label: 'offer (ICE restart)', seenAt: t0 + 500 },
			note('B', 'setRemoteDescription() + setLocalDescription()', 500),
			{ from: 'B', to: 'S', label: 'answer', seenAt: t0 + 500 },
			{ from: 'S', to: 'A', label: 'answer', seenAt: t0 + 500 }
		];
		const restart = [
			{ ...offer, sdp: offer.sdp.replace('o=', 'o=restart '), seenAt: t0 + 500 },
			{ ...answer, sdp: answer.sdp.replace('o=', 'o=restart '), seenAt: t0 + 500 }
		];
		const dump = labSessionDump({ ...session, log, history: [...session.history, ...restart] });
		const [a, b] = dump.connections;
		const types = (c: DumpConnection) => c.events.map((e) => e.type);
		for (const c of [a!, b!]) {
			// What is no call stays a note, word for word.
			expect(c.events.filter((e) => e.type === 'note').map((e) => e.value)).toEqual([
				'new RTCPeerConnection()'
			]);
			expect(types(c).filter((t) => t === 'setLocalDescription')).toHaveLength(2);
			expect(types(c).filter((t) => t === 'setRemoteDescription')).toHaveLength(2);
			for (const e of c.events.filter((e) => /Description$/.test(e.type))) {
				expect(e.value).toMatch(/^type: (offer|answer), sdp: v=0\r\n/);
			}
			// The calls the add-media step made, in order, for each peer.
			expect(types(c).slice(1, 4)).toEqual([
				'canvas.captureStream',
				'AudioContext.createMediaStreamDestination',
				'addTrack'
			]);
		}
		const line = (e: DumpConnection['events'][number]) =>
			`${(e.timestamp ?? NaN) - t0} ${e.type} ${/^type: (\w+)/.exec(e.value)?.[1] ?? ''}`.trim();
		expect(a!.events.map(line).slice(4, 10)).toEqual([
			'10 createOffer',
			// Noted when it finished (13): it started before the state change it caused (12).
			'12 setLocalDescription offer',
			'12 signalingstatechange',
			'20 signalingSend',
			'30 icecandidate',
			'30 signalingSend'
		]);
		// The restart applies the restart's descriptions, not the first ones again.
		expect(a!.events.filter((e) => e.value.includes('o=restart')).map((e) => e.type)).toEqual([
			'setLocalDescription',
			'setRemoteDescription'
		]);
		expect(b!.events.filter((e) => e.value.includes('o=restart')).map((e) => e.type)).toEqual([
			'setRemoteDescription',
			'setLocalDescription'
		]);
	});

	it('several versions of one description (created, applied, signaled) are one call; a renegotiation between is its own', () => {
		const { session, t0 } = loopbackSession();
		const offer = session.history[0]!;
		const answer = session.history[1]!;
		const withCandidates =
			offer.sdp + 'a=candidate:1 1 udp 2122260223 192.168.1.23 50000 typ host\r\n';
		const renegotiated = offer.sdp.replace(/^(o=\S+ \S+ )(\d+)/m, '$1999');
		const note = (from: string, label: string, at: number) => ({
			from,
			to: from,
			label,
			kind: 'note' as const,
			seenAt: t0 + at
		});
		const dump = labSessionDump({
			...session,
			log: [
				note('A', 'createOffer()', 10),
				note('A', 'setLocalDescription(offer)', 13),
				{ from: 'A', to: 'S', label: 'offer (SDP)', seenAt: t0 + 20 },
				{ from: 'S', to: 'B', label: 'offer (SDP)', seenAt: t0 + 20 },
				note('B', 'setRemoteDescription(offer)', 22),
				note('B', 'setLocalDescription(answer)', 59),
				{ from: 'B', to: 'S', label: 'answer (SDP)', seenAt: t0 + 60 },
				{ from: 'S', to: 'A', label: 'answer (SDP)', seenAt: t0 + 60 },
				note('A', 'setRemoteDescription(answer)', 61),
				note('A', 'setCodecPreferences([opus])', 300),
				{ from: 'A', to: 'S', label: 'offer (renegotiation)', seenAt: t0 + 300 },
				{ from: 'S', to: 'B', label: 'offer (renegotiation)', seenAt: t0 + 300 }
			],
			history: [
				{ ...offer, seenAt: t0 + 10 },
				{ ...offer, sdp: withCandidates, seenAt: t0 + 13 },
				{ ...offer, sdp: offer.sdp, seenAt: t0 + 20 },
				{ ...answer, seenAt: t0 + 59 },
				{ ...offer, sdp: renegotiated, seenAt: t0 + 300 }
			]
		});
		const [a, b] = dump.connections;
		const applied = (c: DumpConnection) =>
			c.events
				.filter((e) => /Description$/.test(e.type))
				.map(
					(e) =>
						`${(e.timestamp ?? NaN) - t0} ${e.type}${e.value.includes('a=candidate') ? ' +candidates' : ''}${e.value.includes(' 999 ') ? ' renegotiated' : ''}`
				);
		expect(applied(a!)).toEqual([
			// What setLocalDescription made of it (its candidates), when it was applied.
			'12 setLocalDescription +candidates',
			'61 setRemoteDescription',
			'300 setLocalDescription renegotiated'
		]);
		expect(applied(b!)).toEqual([
			// What crossed signaling.
			'22 setRemoteDescription',
			'59 setLocalDescription',
			'300 setRemoteDescription renegotiated'
		]);
	});

	for (const name of captureNames) {
		it(`export -> import gives back every recorded series and its derived charts (${name})`, () => {
			const { session } = loopbackSession(name);
			const dump = labSessionDump(session);
			const again = importDump(serialiseDump(dump));
			expect(again.userAgentData).toEqual([{ brand: 'Chromium', version: '138' }]);
			again.connections.forEach((c, i) => {
				const original = dump.connections[i]!;
				expect(c.id).toBe(original.id);
				expect(c.events).toEqual(original.events);
				expect(c.reports).toEqual(original.reports);
				const derived = deriveConnection(c);
				expect(derived.map((s) => [s.key, s.points.length])).toEqual(
					deriveConnection(original).map((s) => [s.key, s.points.length])
				);
			});
		});
	}

	it('anonymised: no IPv4 or IPv6 address left anywhere in the file, the same host named alike', () => {
		const { session } = loopbackSession();
		const dump = anonymiseDump(labSessionDump(session));
		// The User-Agent is kept on purpose; its "Chrome/156.0.0.0" reads like an address.
		const text = serialiseDump({ ...dump, userAgent: '' });
		const words = text.split(/[^0-9A-Fa-f.:]+/).filter(Boolean);
		expect(words.filter((w) => isIPv4(w) || isIPv6(w))).toEqual([]);
		expect(text).not.toContain('192.168.1.23');
		const parsed = JSON.parse(text) as InternalsDump;
		const a = parsed.PeerConnections['loopback-A']!;
		const host = /candidate:1 1 udp \d+ (\S+) /.exec(
			a.updateLog.find((e) => e.type === 'icecandidate')!.value
		)![1];
		expect(host).toMatch(/^ip4-\d+\.hidden$/);
		expect(a.rtcConfiguration).toContain('stun:');
		expect(parsed.PeerConnections['loopback-A']!.url).toMatch(
			/^http:\/\/ip4-\d+\.hidden:3000\/lab$/
		);
	});
});

// rtcstats' webrtc-internals importer (fippo/webrtc-dump-importer, now rtcstats/rtcstats:
// WebRTCInternalsDumpImporter with rtcstats-shared's createInternalsTimeSeries) reads, in order:
//  - the file with JSON.parse; `UserAgentData` must be there (it refuses dumps from before
//    Chrome 138 without it); `UserAgent` is shown as text;
//  - `getUserMedia`: a list; an entry without `origin` is the answer to an earlier request with
//    the same pid/rid/request_id (a lone answer throws);
//  - `PeerConnections[id]`: `url`, `rtcConfiguration`, `constraints`, and `updateLog` entries
//    whose `value` is a string (it calls value.startsWith / indexOf); the time is `timestamp`
//    or else `new Date(time)`; an SDP is `type: <type>, sdp: <sdp>` read as
//    value.substr(6).split(', sdp: '); an icecandidate is value.split(', ') with the candidate
//    in the third part after "candidate: " (substr(11));
//  - `stats[<id>-<property>]`: the property is what follows the last '-' (or starts at '['),
//    `values` is JSON text, every id needs `<id>-timestamp`, and values line up with the
//    timestamps FROM THE END (offset = timestamps.length − values.length).
// The reader below does the same, written for this test, and checks that every value lands on
// the timestamp it was recorded at.
function readLikeRtcstats(text: string) {
	const data = JSON.parse(text) as Record<string, unknown>;
	expect(Array.isArray(data.UserAgentData), 'UserAgentData').toBe(true);
	expect(typeof data.UserAgent).toBe('string');
	const gum = data.getUserMedia as Record<string, unknown>[];
	expect(Array.isArray(gum)).toBe(true);
	const requests = new Set<string>();
	for (const entry of gum) {
		const key = [entry.pid, entry.rid, entry.request_id].join('-');
		if (entry.origin) requests.add(key);
		else expect(requests.has(key), `getUserMedia answer ${key} without its request`).toBe(true);
	}
	const pcs = data.PeerConnections as Record<string, Record<string, unknown>>;
	const out: Record<
		string,
		{
			sdps: [string, string, string][];
			candidates: string[];
			series: Record<string, Record<string, [number, unknown][]>>;
		}
	> = {};
	for (const [id, pc] of Object.entries(pcs)) {
		expect(typeof pc.url).toBe('string');
		expect(pc).toHaveProperty('rtcConfiguration');
		expect(pc).toHaveProperty('constraints');
		const log = pc.updateLog as Record<string, unknown>[];
		const sdps: [string, string, string][] = [];
		const candidates: string[] = [];
		for (const e of log) {
			expect(typeof e.type).toBe('string');
			expect(typeof e.value).toBe('string');
			const value = e.value as string;
			const when =
				typeof e.timestamp === 'number' ? e.timestamp : new Date(e.time as string).getTime();
			expect(Number.isNaN(when)).toBe(false);
			if (value.indexOf(', sdp: ') !== -1) {
				const [type, sdp] = value.substr(6).split(', sdp: ');
				sdps.push([e.type as string, type!, sdp!]);
			}
			if (e.type === 'icecandidate' && value) {
				const parts = value.split(', ');
				candidates.push(parts[2]!.substr(11).trim());
			}
		}
		const stats = pc.stats as Record<
			string,
			{ statsType: string; values: string; startTime: string }
		>;
		const series: Record<string, Record<string, [number, unknown][]>> = {};
		for (const name of Object.keys(stats)) {
			let statsId: string;
			let property: string;
			if (name.includes('[')) {
				const at = name.indexOf('[');
				statsId = name.slice(0, at - 1);
				property = name.slice(at);
			} else {
				statsId = name.slice(0, name.lastIndexOf('-'));
				property = name.slice(name.lastIndexOf('-') + 1);
			}
			if (property === 'type') continue;
			const stamps = stats[`${statsId}-timestamp`];
			expect(stamps, `${statsId}-timestamp`).toBeDefined();
			const timestamps = JSON.parse(stamps!.values) as number[];
			const values = JSON.parse(stats[name]!.values) as unknown[];
			const offset = timestamps.length - values.length;
			expect(offset).toBeGreaterThanOrEqual(0);
			series[statsId] ??= {};
			series[statsId]![property] = values.map((v, i) => [timestamps[i + offset]!, v]);
		}
		out[id] = { sdps, candidates, series };
	}
	return out;
}

describe('the export has exactly the structure rtcstats’ importer reads', () => {
	for (const name of captureNames) {
		it(`every recorded value is read back at the time it was recorded (${name})`, () => {
			const { session, capture: c } = loopbackSession(name);
			const read = readLikeRtcstats(serialiseDump(labSessionDump(session)));
			const caller = read['loopback-A']!;
			expect(caller.sdps.map(([event, type]) => `${event} ${type}`)).toEqual([
				'setLocalDescription offer',
				'setRemoteDescription answer'
			]);
			expect(caller.sdps.every(([, , sdp]) => sdp.startsWith('v=0\r\n'))).toBe(true);
			expect(caller.candidates).toEqual([
				'candidate:1 1 udp 2122260223 192.168.1.23 50000 typ host generation 0'
			]);
			// Every field of every snapshot, at its report's timestamp.
			let checked = 0;
			for (const snapshot of c.peers.caller.snapshots) {
				for (const r of snapshot.reports) {
					for (const [field, value] of Object.entries(r)) {
						if (field === 'id' || field === 'type') continue;
						const points = caller.series[r.id]?.[field];
						expect(points, `${r.id}-${field}`).toBeDefined();
						const point = points!.find(([t]) => t === r.timestamp);
						expect(point, `${r.id}-${field} at ${r.timestamp}`).toBeDefined();
						const expected =
							typeof value === 'object' && value !== null ? JSON.stringify(value) : value;
						expect(point![1]).toEqual(expected);
						checked++;
					}
				}
			}
			expect(checked).toBeGreaterThan(500);
		});
	}

	it('a field that disappears before its report does still lines up from the end', () => {
		const r = new StatsRecorder();
		r.add([report('OT1', 1000, { bytesSent: 1, targetBitrate: 300 })]);
		r.add([report('OT1', 2000, { bytesSent: 2, targetBitrate: 250 })]);
		r.add([report('OT1', 3000, { bytesSent: 3 })]);
		const text = serialiseDump({
			userAgent: 'test',
			getUserMedia: [],
			connections: [
				{
					id: '1-1',
					url: '',
					rtcConfiguration: '',
					constraints: '',
					events: [],
					descriptions: [],
					reports: r.series()
				}
			]
		});
		const read = readLikeRtcstats(text)['1-1']!;
		expect(read.series.OT1!.targetBitrate).toEqual([
			[1000, 300],
			[2000, 250],
			[3000, null]
		]);
		expect(
			exportDump(importDump(text)).PeerConnections['1-1']!.stats['OT1-targetBitrate']!.values
		).toBe('[300,250,null]');
	});
});
