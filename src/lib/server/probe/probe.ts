// `npm run probe` (scripts/probe.js): replays the abuse cases of issue 12 against a running lab on
// this machine and says, per case, how many abusive attempts it tried, how many the lab refused,
// whether the lab still answered afterwards (site, /signal, TURN) and how many were lost — an
// attempt that got through, or a check the lab no longer answered. A healthy lab loses none.
//
// "Refused" is any refusal, whatever its code (an HTTP 4xx, a WebSocket closed by the server, a
// TURN error response): servers differ in the exact code (coturn and the embedded TURN, 403 or
// 443 for a peer the relay may not reach), and the probe judges the outcome, not the wording.
// Everything goes to loopback (or the lab's own address); each case is bounded in count and time.
// TURN on the wire is ../turn/client.ts, the client the TURN servers' tests use.

import { randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { WebSocket } from 'ws';
import { parseIceUrl } from '../../core/ice/ice-servers';
import {
	channelBindRequest,
	channelData,
	createPermissionRequest,
	openSession,
	releaseSession,
	stillServes,
	type AllocateResponse,
	type TurnSession
} from '../turn/client';

export interface ProbeOptions {
	/** The lab: `http://127.0.0.1:3000`. */
	url: string;
	/** Which cases to run (1–10). Default all. */
	cases?: number[];
	/** How long an idle socket may live before case 4 counts it as lost. Default 45 s. */
	idleWaitMs?: number;
	/** Signaling connections opened at once by case 3. Default 300. */
	floodSockets?: number;
	/** Allocations with one credential in case 5. Default 100. */
	allocations?: number;
	/** Upgrades with an 8 KB Origin in case 9. Default 200. */
	upgrades?: number;
	/** TURN profile for case 2; `auto` asks the relay for a loopback peer. Default `auto`. */
	profile?: 'auto' | 'classroom' | 'hardened';
	/** Progress lines. */
	log?: (line: string) => void;
}

export interface CaseResult {
	id: number;
	name: string;
	/** Abusive attempts sent. */
	tried: number;
	/** Attempts the lab refused (any refusal). */
	refused: number;
	/** Health checks after the case that answered, of `checks`. */
	survived: number;
	checks: number;
	/** Attempts that got through, plus health checks the lab did not answer. */
	lost: number;
	note?: string;
}

interface Lab {
	base: URL;
	signalUrl: string;
	turn: { host: string; port: number; username: string; password: string } | null;
	options: Required<Omit<ProbeOptions, 'log' | 'cases'>> & { log: (line: string) => void };
}

interface Outcome {
	tried: number;
	refused: number;
	lost: number;
	note?: string;
}

interface Case {
	id: number;
	name: string;
	needsTurn?: boolean;
	run(lab: Lab): Promise<Outcome>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const randomRoom = () => `probe-${randomBytes(6).toString('hex')}`;

interface HttpAnswer {
	status: number;
	headers: IncomingHttpHeaders;
	body: string;
}

/** One HTTP GET with raw headers (fetch refuses to set Host); null when nothing answered. */
export function httpGet(
	base: URL,
	path: string,
	headers: Record<string, string> = {},
	timeoutMs = 5_000
): Promise<HttpAnswer | null> {
	const request = base.protocol === 'https:' ? httpsRequest : httpRequest;
	return new Promise((resolve) => {
		const req = request(
			{
				host: base.hostname.replace(/^\[|\]$/g, ''),
				port: base.port || (base.protocol === 'https:' ? 443 : 80),
				path,
				method: 'GET',
				headers,
				rejectUnauthorized: false,
				timeout: timeoutMs
			},
			(res) => {
				let body = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => {
					if (body.length < 1_000_000) body += chunk;
				});
				res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
				res.on('error', () => resolve(null));
			}
		);
		req.on('timeout', () => req.destroy());
		req.on('error', () => resolve(null));
		req.end();
	});
}

/** A WebSocket attempt: whether it opened, and how it closed (by the server or by us). */
interface Socketed {
	ws: WebSocket;
	opened: Promise<boolean>;
	closed: Promise<{ code: number; byServer: boolean }>;
	close(): void;
}

function openSocket(url: string, headers: Record<string, string> = {}): Socketed {
	const ws = new WebSocket(url, { headers, handshakeTimeout: 5_000 });
	let closing = false;
	// A refused handshake (HTTP 403, 429, 503…) is an 'error' followed by 'close'.
	ws.on('error', () => {});
	const opened = new Promise<boolean>((resolve) => {
		ws.once('open', () => resolve(true));
		ws.once('close', () => resolve(false));
	});
	const closed = new Promise<{ code: number; byServer: boolean }>((resolve) =>
		ws.once('close', (code) => resolve({ code, byServer: !closing }))
	);
	return {
		ws,
		opened,
		closed,
		close() {
			closing = true;
			if (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.OPEN)
				ws.terminate();
		}
	};
}

/** Closes and waits (at most 2 s) until the socket is gone. */
const closeAndWait = (socket: Socketed) => {
	socket.close();
	return Promise.race([socket.closed, sleep(2_000)]);
};

/** Waits for the first message that matches, or null after `timeoutMs`. */
function nextMessage(
	ws: WebSocket,
	match: (message: Record<string, unknown>) => boolean,
	timeoutMs = 3_000
): Promise<Record<string, unknown> | null> {
	return new Promise((resolve) => {
		const done = (value: Record<string, unknown> | null) => {
			clearTimeout(timer);
			ws.off('message', listen);
			ws.off('close', gone);
			resolve(value);
		};
		const listen = (data: unknown) => {
			try {
				const message = JSON.parse(String(data)) as Record<string, unknown>;
				if (match(message)) done(message);
			} catch {
				// not JSON: not ours
			}
		};
		const gone = () => done(null);
		const timer = setTimeout(() => done(null), timeoutMs);
		ws.on('message', listen);
		ws.on('close', gone);
	});
}

/** The lab still answers: its site, its signaling (a join) and its TURN server (a challenge). */
async function health(lab: Lab): Promise<{ survived: number; checks: number; down: string[] }> {
	const down: string[] = [];
	const site = await httpGet(lab.base, '/');
	if (!site || site.status >= 500) down.push('site');
	if (!(await within3s(() => signalAnswers(lab)))) down.push('/signal');
	let checks = 2;
	if (lab.turn) {
		checks++;
		const { host, port, username, password } = lab.turn;
		// A Binding answered, and an Allocate with the lab's credential granted (then released).
		if (!(await within3s(() => stillServes(host, port, 'udp', { username, password }))))
			down.push('TURN');
	}
	return { survived: checks - down.length, checks, down };
}

/** A new socket opens and its join gets an answer (any: the lab may limit rooms per address). */
async function signalAnswers(lab: Lab): Promise<boolean> {
	const socket = openSocket(lab.signalUrl);
	let answered = false;
	if (await socket.opened) {
		socket.ws.send(JSON.stringify({ type: 'join', room: randomRoom() }));
		const reply = await nextMessage(socket.ws, (m) => m.type === 'joined' || m.type === 'error');
		answered = reply !== null;
	}
	await closeAndWait(socket);
	return answered;
}

/**
 * A check passes if it passes within 3 s: right after a flood the server may still be closing
 * the probe's sockets or freeing its allocations, and counts them against this address a moment
 * longer. A lab that is down stays down.
 */
async function within3s(check: () => Promise<boolean>): Promise<boolean> {
	for (let attempt = 0; attempt < 3; attempt++) {
		if (attempt) await sleep(1_000);
		if (await check()) return true;
	}
	return false;
}

/** An allocated UDP session with the lab's credential (on `host`, default the lab's TURN host). */
async function allocation(
	lab: Lab,
	host = lab.turn!.host
): Promise<(TurnSession & { auth: NonNullable<TurnSession['auth']> }) | null> {
	const { port, username, password } = lab.turn!;
	const session = await openSession(host, port, 'udp', { username, password }).catch(() => null);
	if (session?.allocation.success && session.auth) return { ...session, auth: session.auth };
	session?.close();
	return null;
}

/** The answer to a request, or null when none came in time. */
const ask = (session: TurnSession, request: Buffer): Promise<AllocateResponse | null> =>
	session.request(request).catch(() => null);

/** 127.0.0.1 in every spelling a relay might take for another address (issue 12 §2), and ::1. */
const LOOPBACK_PEERS = [
	'127.0.0.1',
	'::1',
	'0:0:0:0:0:ffff:7f00:1',
	'::7f00:1',
	'64:ff9b::7f00:1',
	'2002:7f00:1::'
];
const familyOf = (address: string) => (address.includes(':') ? 'IPv6' : 'IPv4');
/** RFC 6156 §6.2: 443 Peer Address Family Mismatch — the relay cannot reach that family at all. */
const FAMILY_MISMATCH = 443;

export const CASES: Case[] = [
	{
		// Issue 12 §1: node-turn relayed ChannelData to port 0 outside its try/catch: the process
		// exited. The server should answer the ChannelBind 400 (coturn does), or 403.
		id: 1,
		name: 'TURN ChannelBind to port 0 + ChannelData',
		needsTurn: true,
		async run(lab) {
			const session = await allocation(lab);
			if (!session) return { tried: 0, refused: 0, lost: 0, note: 'no allocation: not tried' };
			let peer = '127.0.0.1';
			let bind = await ask(session, channelBindRequest(0x4000, peer, 0, session.auth));
			if (bind?.errorCode === 403) {
				// The hardened profile denies loopback whatever the port: ask for port 0 of an address
				// it allows. TEST-NET-1 (RFC 5737) is never routed, and nothing can be sent to port 0.
				peer = '192.0.2.1';
				bind = await ask(session, channelBindRequest(0x4000, peer, 0, session.auth));
			}
			session.send(channelData(0x4000, Buffer.from('probe')));
			// The datagram has no answer; give the server a moment to handle (or choke on) it.
			await sleep(300);
			await releaseSession(session);
			return {
				tried: 1,
				refused: bind !== null && !bind.success ? 1 : 0,
				lost: bind?.success ? 1 : 0,
				note: !bind
					? 'no answer'
					: bind.success
						? `ChannelBind accepted ${peer}:0`
						: `${peer}:0 refused (${bind.errorCode})`
			};
		}
	},
	{
		// Issue 12 §2: the hardened deny list missed IPv4 written as IPv6 (mapped, compatible,
		// NAT64, 6to4). Only the hardened profile promises to refuse loopback peers. A relay reaches
		// peers of its own family only: an IPv4 relay answers an IPv6 peer 443 (a refusal, but not
		// the deny list's), so the spellings meet the deny list (403) only on an IPv6 relay. The
		// probe asks for one at the TURN host's other loopback ([::1] for 127.0.0.1) and says when
		// there is none (a lab on HOST=127.0.0.1 relays IPv4 only: nothing reaches an IPv6 peer).
		id: 2,
		name: 'TURN (hardened) permission to IPv4-in-IPv6 loopback',
		needsTurn: true,
		async run(lab) {
			const host = lab.turn!.host;
			const other = host === '127.0.0.1' ? '::1' : host === '::1' ? '127.0.0.1' : null;
			const sessions = [await allocation(lab), other ? await allocation(lab, other) : null];
			const relays = new Map<string, NonNullable<(typeof sessions)[number]>>();
			for (const session of sessions) {
				const relayed = session?.allocation.relayed?.address;
				if (session && relayed && !relays.has(familyOf(relayed)))
					relays.set(familyOf(relayed), session);
				else if (session) await releaseSession(session);
			}
			try {
				if (!relays.size)
					return { tried: 0, refused: 0, lost: 0, note: 'no allocation: not tried' };
				let profile = lab.options.profile;
				if (profile === 'auto') {
					// Loopback of the relay's own family: granted only in the classroom profile.
					const [family, session] = [...relays][0]!;
					const loopback = family === 'IPv4' ? '127.0.0.1' : '::1';
					const answer = await ask(session, createPermissionRequest(loopback, session.auth));
					profile = answer?.success ? 'classroom' : 'hardened';
				}
				if (profile === 'classroom')
					return {
						tried: 0,
						refused: 0,
						lost: 0,
						note: 'classroom profile (the relay may reach loopback): skipped; run against TURN_PROFILE=hardened'
					};
				let refused = 0;
				const notes: string[] = [];
				const through: string[] = [];
				for (const [family, session] of relays) {
					const codes = new Map<string, string[]>();
					for (const peer of LOOPBACK_PEERS) {
						const answer = await ask(session, createPermissionRequest(peer, session.auth));
						if (answer?.success) through.push(`${peer} (${family} relay)`);
						else if (answer) refused++;
						const code = answer ? String(answer.errorCode ?? 'granted') : 'no answer';
						codes.set(code, [...(codes.get(code) ?? []), peer]);
					}
					const byCode = [...codes].map(([code, peers]) =>
						Number(code) === FAMILY_MISMATCH
							? `${peers.length} ${familyOf(peers[0]!)} ${code} (family)`
							: `${peers.length === 1 ? peers[0] : peers.length} ${code}`
					);
					notes.push(`${family} relay: ${byCode.join(', ')}`);
				}
				if (!relays.has('IPv6'))
					notes.push('no IPv6 relay: the IPv6 spellings never met the deny list');
				return {
					tried: LOOPBACK_PEERS.length * relays.size,
					refused,
					lost: through.length,
					note: [through.length ? `permitted ${through.join(', ')}` : '', ...notes]
						.filter(Boolean)
						.join('; ')
				};
			} finally {
				await Promise.all([...relays.values()].map(releaseSession));
			}
		}
	},
	{
		// Issue 12 §4: one client filled every signaling connection.
		id: 3,
		name: 'signaling connection flood from one address',
		async run(lab) {
			const count = lab.options.floodSockets;
			const sockets = Array.from({ length: count }, () => openSocket(lab.signalUrl));
			const opened = await Promise.all(sockets.map((s) => s.opened));
			// A server may accept, then close over-limit sockets: that is a refusal too.
			await sleep(500);
			const open = sockets.filter((s) => s.ws.readyState === WebSocket.OPEN).length;
			const accepted = opened.filter(Boolean).length;
			await Promise.all(sockets.map(closeAndWait));
			const refused = count - open;
			return {
				tried: count,
				refused,
				lost: refused === 0 ? open : 0,
				note: `${accepted} accepted, ${open} still open`
			};
		}
	},
	{
		// Issue 12 §4: `ws` answers pings by itself, so a socket that joins nothing lived forever.
		id: 4,
		name: 'idle signaling socket (joins nothing)',
		async run(lab) {
			const socket = openSocket(lab.signalUrl);
			if (!(await socket.opened)) return { tried: 1, refused: 1, lost: 0, note: 'refused at once' };
			const wait = lab.options.idleWaitMs;
			const closed = await Promise.race([socket.closed, sleep(wait).then(() => null)]);
			await closeAndWait(socket);
			// A close without a close frame (1006) is the lab going away, not a refusal.
			const refused = closed !== null && closed.byServer && closed.code !== 1006;
			return {
				tried: 1,
				refused: refused ? 1 : 0,
				lost: refused ? 0 : 1,
				note: refused ? `closed (${closed!.code})` : `still open after ${wait / 1000} s`
			};
		}
	},
	{
		// Issue 12 §4: one credential took 14,354 allocations (19,023 file descriptors).
		id: 5,
		name: 'TURN allocation flood with one credential',
		needsTurn: true,
		async run(lab) {
			const { host, port, username, password } = lab.turn!;
			const count = lab.options.allocations;
			let refused = 0;
			let unanswered = 0;
			const held: TurnSession[] = [];
			for (let i = 0; i < count; i += 10) {
				const batch = Array.from({ length: Math.min(10, count - i) }, async () => {
					const session = await openSession(host, port, 'udp', { username, password }).catch(
						() => null
					);
					if (session?.allocation.success) held.push(session);
					else {
						if (session) refused++;
						else unanswered++;
						session?.close();
					}
				});
				await Promise.all(batch);
			}
			await Promise.all(held.map(releaseSession));
			return {
				tried: count,
				refused,
				lost: refused === 0 ? held.length : 0,
				note: `${held.length} granted${unanswered ? `, ${unanswered} unanswered` : ''}`
			};
		}
	},
	{
		// Issue 12 §5: a stranger asking for the callee's freed seat was told `resumed: true`.
		id: 6,
		name: 'seat theft (callee seat without its resume token)',
		async run(lab) {
			const room = randomRoom();
			const caller = openSocket(lab.signalUrl);
			const callee = openSocket(lab.signalUrl);
			const stranger: Socketed[] = [];
			try {
				if (!(await caller.opened) || !(await callee.opened))
					return { tried: 0, refused: 0, lost: 0, note: 'could not open two sockets' };
				caller.ws.send(JSON.stringify({ type: 'join', room }));
				await nextMessage(caller.ws, (m) => m.type === 'joined');
				callee.ws.send(JSON.stringify({ type: 'join', room }));
				const seated = await nextMessage(callee.ws, (m) => m.type === 'joined');
				if (seated?.role !== 'callee')
					return { tried: 0, refused: 0, lost: 0, note: 'the callee was not seated' };
				await nextMessage(caller.ws, (m) => m.type === 'peer-joined');
				// Gone without a close frame.
				callee.ws.terminate();
				const announced = nextMessage(caller.ws, (m) => m.type === 'peer-joined', 30_000);
				// The stranger asks for the callee's seat until it gets it (the server may hold the
				// seat until its heartbeat notices) or 30 s pass.
				const deadline = Date.now() + 30_000;
				let joined: Record<string, unknown> | null = null;
				while (!joined && Date.now() < deadline) {
					const attempt = openSocket(lab.signalUrl);
					stranger.push(attempt);
					if (!(await attempt.opened)) break;
					attempt.ws.send(JSON.stringify({ type: 'join', room, role: 'callee' }));
					const reply = await nextMessage(
						attempt.ws,
						(m) => m.type === 'joined' || m.type === 'error'
					);
					if (reply?.type === 'joined') joined = reply;
					else {
						await closeAndWait(attempt);
						await sleep(1_000);
					}
				}
				const told = joined ? await announced : null;
				const fooled = [
					joined?.resumed === true ? 'the stranger' : '',
					told?.resumed === true ? 'the caller' : ''
				].filter(Boolean);
				return {
					tried: 1,
					refused: fooled.length ? 0 : 1,
					lost: fooled.length ? 1 : 0,
					note: !joined
						? 'the seat stayed taken'
						: fooled.length
							? `${fooled.join(' and ')} told resumed: true`
							: 'seated as a new peer'
				};
			} finally {
				await Promise.all([caller, callee, ...stranger].map(closeAndWait));
			}
		}
	},
	{
		// Issue 12 §6: a DNS-rebinding page got a TURN credential on the attacker's name.
		id: 7,
		name: '/api/ice-servers with a foreign Host',
		async run(lab) {
			const answer = await httpGet(lab.base, '/api/ice-servers', {
				host: `rebind.example:${lab.base.port || 80}`
			});
			if (!answer) return { tried: 1, refused: 0, lost: 0, note: 'no answer' };
			// Refused: any 4xx (403 is meant), or an answer without a credential in it.
			const credential = /"credential"\s*:/.test(answer.body);
			const lost = credential || answer.status >= 500;
			return {
				tried: 1,
				refused: lost ? 0 : 1,
				lost: lost ? 1 : 0,
				note: `HTTP ${answer.status}${credential ? ' with a credential' : ''}`
			};
		}
	},
	{
		// Issue 12 §7: any origin could frame the lab's pages.
		id: 8,
		name: "pages carry CSP frame-ancestors 'self'",
		async run(lab) {
			const paths = ['/', `/remote/${randomRoom()}`];
			let refused = 0;
			const open: string[] = [];
			for (const path of paths) {
				const answer = await httpGet(lab.base, path);
				const csp = String(answer?.headers['content-security-policy'] ?? '');
				const ancestors = /(?:^|;)\s*frame-ancestors\s+([^;]*)/i.exec(csp)?.[1]?.trim() ?? '';
				if (/^('self'|'none')$/i.test(ancestors)) refused++;
				else open.push(`${path}: ${ancestors || 'no frame-ancestors'}`);
			}
			return {
				tried: paths.length,
				refused,
				lost: paths.length - refused,
				note: open.length ? open.join('; ') : undefined
			};
		}
	},
	{
		// Issue 12 §8: each rejected upgrade logged its whole Origin (24 MB in 2.2 s).
		id: 9,
		name: 'rejected upgrades with 8 KB Origins',
		async run(lab) {
			const count = lab.options.upgrades;
			const origin = `http://${'a'.repeat(8_180)}.example`;
			let refused = 0;
			let accepted = 0;
			for (let i = 0; i < count; i += 20) {
				const batch = Array.from({ length: Math.min(20, count - i) }, async () => {
					const socket = openSocket(lab.signalUrl, { origin });
					if (await socket.opened) accepted++;
					else refused++;
					await closeAndWait(socket);
				});
				await Promise.all(batch);
			}
			return { tried: count, refused, lost: accepted };
		}
	},
	{
		// Issue 12 "real inputs": a malformed path threw in the page (500 and a stack trace).
		id: 10,
		name: 'GET /remote/%% (malformed path)',
		async run(lab) {
			const answer = await httpGet(lab.base, '/remote/%%');
			if (!answer) return { tried: 1, refused: 0, lost: 0, note: 'no answer' };
			// 400 or 404 is meant; a redirect or a page that says what is wrong is handled too. A 5xx
			// is the page throwing.
			const lost = answer.status >= 500;
			return {
				tried: 1,
				refused: lost ? 0 : 1,
				lost: lost ? 1 : 0,
				note: `HTTP ${answer.status}`
			};
		}
	}
];

/** The order the cases run in: the one that could take the lab down last. */
const RUN_ORDER = [8, 7, 10, 9, 6, 3, 4, 2, 5, 1];

/** Finds the lab's TURN server and a credential through its own GET /api/ice-servers. */
async function findTurn(base: URL): Promise<Lab['turn']> {
	const answer = await httpGet(base, '/api/ice-servers');
	if (!answer || answer.status !== 200) return null;
	try {
		const { iceServers } = JSON.parse(answer.body) as {
			iceServers: { urls: string | string[]; username?: string; credential?: string }[];
		};
		for (const server of iceServers) {
			for (const url of [server.urls].flat()) {
				const parsed = parseIceUrl(url);
				if (!parsed.ok || !parsed.value.relay || parsed.value.transport === 'tcp') continue;
				if (!server.username || !server.credential) continue;
				return {
					host: parsed.value.host,
					port: parsed.value.port,
					username: server.username,
					password: server.credential
				};
			}
		}
	} catch {
		// not the lab's answer
	}
	return null;
}

/** Runs the chosen cases; each is followed by the health checks. */
export async function runProbe(options: ProbeOptions): Promise<CaseResult[]> {
	const base = new URL(options.url);
	const log = options.log ?? (() => {});
	const wanted = new Set(options.cases ?? CASES.map((c) => c.id));
	if (!(await httpGet(base, '/')))
		throw new Error(`Nothing answers at ${base.origin}: start the lab first (npm start).`);
	const turn = await findTurn(base);
	const lab: Lab = {
		base,
		signalUrl: `${base.protocol === 'https:' ? 'wss' : 'ws'}://${base.host}/signal`,
		turn,
		options: {
			url: options.url,
			idleWaitMs: options.idleWaitMs ?? 45_000,
			floodSockets: options.floodSockets ?? 300,
			allocations: options.allocations ?? 100,
			upgrades: options.upgrades ?? 200,
			profile: options.profile ?? 'auto',
			log
		}
	};
	if (!turn) log('No TURN server or credential from /api/ice-servers: TURN cases are skipped.');
	const results: CaseResult[] = [];
	for (const id of RUN_ORDER) {
		const probeCase = CASES.find((c) => c.id === id)!;
		if (!wanted.has(id)) continue;
		log(`case ${id}: ${probeCase.name}…`);
		let outcome: Outcome;
		if (probeCase.needsTurn && !turn)
			outcome = { tried: 0, refused: 0, lost: 0, note: 'no TURN server: skipped' };
		else
			outcome = await probeCase.run(lab).catch((error: Error) => ({
				tried: 0,
				refused: 0,
				lost: 1,
				note: `the probe failed: ${error.message}`
			}));
		const checked = await health(lab);
		results.push({
			id,
			name: probeCase.name,
			...outcome,
			survived: checked.survived,
			checks: checked.checks,
			lost: outcome.lost + checked.down.length,
			note: [outcome.note, checked.down.length ? `down: ${checked.down.join(', ')}` : '']
				.filter(Boolean)
				.join('; ')
		});
	}
	return results.sort((a, b) => a.id - b.id);
}

/** The table the script prints. */
export function formatTable(results: CaseResult[]): string {
	const rows = [
		['case', 'tried', 'refused', 'survived', 'lost', 'note'],
		...results.map((r) => [
			`${r.id}. ${r.name}`,
			String(r.tried),
			String(r.refused),
			`${r.survived}/${r.checks}`,
			String(r.lost),
			r.note ?? ''
		])
	];
	const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
	const line = (row: string[]) =>
		row
			.map((cell, column) =>
				column === 0 || column === 5 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)
			)
			.join('  ')
			.trimEnd();
	return [line(rows[0]!), line(widths.map((w) => '-'.repeat(w))), ...rows.slice(1).map(line)].join(
		'\n'
	);
}
