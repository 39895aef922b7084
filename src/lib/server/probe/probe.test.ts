// The probe (`npm run probe`) against a lab assembled in this process: the real signaling endpoint
// and the real embedded TURN server (hardened, relaying IPv4 on 127.0.0.1 and IPv6 on ::1, with
// small allocation quotas), behind a small site that stands in for SvelteKit's pages and
// GET /api/ice-servers (answering as the lab is meant to). Every case must lose nothing — case 1
// sends its port-0 ChannelData to the TURN server running in this very process, which must survive
// it. Case 4 runs against a signaling endpoint with a short join timeout, the rest against the
// defaults (with a fast heartbeat, so case 6 sees the dropped callee at once). And against a site
// that answers as the lab did before issue 12, to show the probe counts what gets through as lost.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachSignaling, type SignalingOptions, type SignalingServer } from '../signaling';
import { startEmbeddedTurn, type EmbeddedTurn, type EmbeddedTurnOptions } from '../turn/embedded';
import { iceServersResponse } from '../turn/ice-servers';
import { CASES, formatTable, runProbe, type CaseResult, type ProbeOptions } from './probe';

const ALL = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const secret = 'probe-test-secret';
/** The hardened TURN's quotas: case 5 asks for 12 allocations with one credential. */
const QUOTAS = { perUsername: 4, perClientAddress: 40, total: 100 };
/** The probe's counts, smaller than a run against a real lab, and case 4's wait. */
const SMALL: Partial<ProbeOptions> = {
	floodSockets: 100,
	allocations: 12,
	upgrades: 40,
	idleWaitMs: 10_000
};

interface Site {
	url: string;
	close(): Promise<void>;
}

type Page = (req: IncomingMessage, res: ServerResponse, port: number, turnPort: number) => void;

/** A site on an ephemeral port with the real /signal; `page` answers everything else. */
async function startSite(
	page: Page,
	turnPort = 0,
	signalingOptions: SignalingOptions = {}
): Promise<Site> {
	let port = 0;
	const http: Server = createServer((req, res) => page(req, res, port, turnPort));
	const signaling: SignalingServer = attachSignaling(http, signalingOptions);
	const sockets = new Set<Socket>();
	http.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	port = (http.address() as AddressInfo).port;
	return {
		url: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				signaling.close();
				http.close(() => resolve());
				for (const socket of sockets) socket.destroy();
			})
	};
}

/** An embedded TURN server on a free port in 20000–39999. */
async function startTurn(options: Omit<EmbeddedTurnOptions, 'port' | 'secret'>) {
	for (let attempt = 0; attempt < 20; attempt++) {
		const port = 20000 + Math.floor(Math.random() * 20000);
		try {
			return await startEmbeddedTurn({ ...options, port, secret, minPort: 50000, maxPort: 59999 });
		} catch {
			// Port taken by someone else: try another.
		}
	}
	throw new Error('no free port for the TURN server');
}

const iceServers = (hostname: string, turnPort: number) =>
	JSON.stringify(
		iceServersResponse({
			hostname,
			env: { TURN_SECRET: secret, TURN_PORT: String(turnPort), TURN_SERVER_KIND: 'embedded' }
		})
	);

/** As the lab is meant to answer: own Host only, frame-ancestors, 4xx for a malformed path. */
const intended: Page = (req, res, port, turnPort) => {
	if (req.url === '/api/ice-servers') {
		if (req.headers.host !== `127.0.0.1:${port}`) return res.writeHead(403).end('Forbidden');
		return res
			.writeHead(200, { 'content-type': 'application/json' })
			.end(iceServers('127.0.0.1', turnPort));
	}
	if (req.url === '/remote/%%') return res.writeHead(400).end('Malformed URI');
	res
		.writeHead(200, {
			'content-type': 'text/html',
			'content-security-policy': "default-src 'self'; frame-ancestors 'self'"
		})
		.end('<!doctype html><title>lab</title>');
};

/** As the lab answered before issue 12. */
const before: Page = (req, res, _port, turnPort) => {
	if (req.url === '/api/ice-servers')
		return res
			.writeHead(200)
			.end(iceServers(String(req.headers.host).split(':')[0] ?? '', turnPort));
	if (req.url === '/remote/%%') return res.writeHead(500).end('Internal Error');
	res.writeHead(200, { 'content-security-policy': "default-src 'self'" }).end('lab');
};

let hardened: EmbeddedTurn;
let classroom: EmbeddedTurn;
beforeAll(async () => {
	hardened = await startTurn({
		listeningIps: ['127.0.0.1', '::1'],
		profile: 'hardened',
		quotas: QUOTAS
	});
	classroom = await startTurn({ listeningIps: ['127.0.0.1'], profile: 'classroom' });
});
afterAll(async () => {
	await hardened?.stop();
	await classroom?.stop();
});

const byId = (results: CaseResult[], id: number) => results.find((r) => r.id === id)!;

describe('against the lab as intended', { timeout: 120_000 }, () => {
	let sites: Site[] = [];
	let results: CaseResult[];
	beforeAll(async () => {
		const site = await startSite(intended, hardened.port, { heartbeatMs: 200 });
		const impatient = await startSite(intended, hardened.port, { joinTimeoutMs: 300 });
		sites = [site, impatient];
		const options = { ...SMALL, profile: 'hardened' as const };
		results = [
			...(await runProbe({ ...options, url: site.url, cases: ALL.filter((id) => id !== 4) })),
			...(await runProbe({ ...options, url: impatient.url, cases: [4] }))
		].sort((a, b) => a.id - b.id);
	}, 120_000);
	afterAll(() => Promise.all(sites.map((site) => site.close())));

	it.each(ALL)('case %i loses nothing and the lab keeps answering', (id) => {
		const result = byId(results, id);
		expect(result, formatTable(results)).toMatchObject({ lost: 0, checks: 3, survived: 3 });
	});

	it('sees each defence refuse its case', () => {
		const table = formatTable(results);
		// 1: 400 for peer port 0 (and this process, which runs the TURN server, is still here).
		expect(byId(results, 1), table).toMatchObject({ tried: 1, refused: 1 });
		expect(byId(results, 1).note).toMatch(/127\.0\.0\.1:0 refused \(400\)/);
		// 2: on the IPv4 relay 127.0.0.1 meets the deny list and the IPv6 spellings the family
		// check (443); on the IPv6 relay the spellings meet the deny list (403).
		expect(byId(results, 2), table).toMatchObject({ tried: 12, refused: 12 });
		expect(byId(results, 2).note).toMatch(/IPv4 relay: 127\.0\.0\.1 403, 5 IPv6 443 \(family\)/);
		expect(byId(results, 2).note).toMatch(/IPv6 relay: 1 IPv4 443 \(family\), 5 403/);
		// 3: 64 connections per address, the rest 429.
		expect(byId(results, 3).refused, table).toBeGreaterThanOrEqual(100 - 64);
		// 4: closed for joining nothing.
		expect(byId(results, 4), table).toMatchObject({ tried: 1, refused: 1, note: 'closed (4001)' });
		// 5: the per-username quota, then 486.
		expect(byId(results, 5), table).toMatchObject({
			tried: 12,
			refused: 12 - QUOTAS.perUsername,
			note: `${QUOTAS.perUsername} granted`
		});
		// 6: the stranger is seated as a new peer.
		expect(byId(results, 6), table).toMatchObject({ tried: 1, refused: 1 });
		expect(byId(results, 7), table).toMatchObject({ tried: 1, refused: 1 });
		expect(byId(results, 8), table).toMatchObject({ tried: 2, refused: 2 });
		expect(byId(results, 9), table).toMatchObject({ tried: 40, refused: 40 });
		expect(byId(results, 10), table).toMatchObject({ tried: 1, refused: 1 });
	});

	it('prints one row per case with the four counts', () => {
		const table = formatTable(results).split('\n');
		expect(table[0]).toMatch(/^case\s+tried\s+refused\s+survived\s+lost\s+note$/);
		expect(table).toHaveLength(2 + ALL.length);
		expect(table[2]).toMatch(/^1\. TURN .*\s1\s+1\s+3\/3\s+0\s+127\.0\.0\.1:0 refused/);
	});
});

it('refuses port 0 and skips case 2 against a classroom TURN', { timeout: 60_000 }, async () => {
	const site = await startSite(intended, classroom.port);
	try {
		const results = await runProbe({ url: site.url, cases: [1, 2] });
		expect(byId(results, 1), formatTable(results)).toMatchObject({ refused: 1, lost: 0 });
		expect(byId(results, 2)).toMatchObject({
			tried: 0,
			lost: 0,
			survived: 3,
			note: expect.stringMatching(/classroom/)
		});
	} finally {
		await site.close();
	}
});

describe('against the lab as it was', { timeout: 60_000 }, () => {
	let site: Site;
	beforeAll(async () => {
		site = await startSite(before, classroom.port);
	});
	afterAll(() => site.close());

	it('counts a credential for a foreign Host, a frameable page and a 500 as lost', async () => {
		const results = await runProbe({ url: site.url, cases: [7, 8, 10] });
		expect(results.map((r) => [r.id, r.refused, r.lost])).toEqual([
			[7, 0, 1],
			[8, 0, 2],
			[10, 0, 1]
		]);
		expect(byId(results, 10).note).toBe('HTTP 500');
	});

	it('says when nothing answers', async () => {
		const { url } = site;
		await site.close();
		await expect(runProbe({ url, cases: [10] })).rejects.toThrow(/Nothing answers at/);
		site = await startSite(before, classroom.port);
	});
});

it('counts any refusal as refused, whatever its code', async () => {
	// No credential for a foreign Host (but 200), 404 for a malformed path, frame-ancestors 'none'.
	const site = await startSite((req, res) => {
		if (req.url === '/api/ice-servers') return res.writeHead(200).end('{"iceServers":[]}');
		if (req.url === '/remote/%%') return res.writeHead(404).end('Not Found');
		res.writeHead(200, { 'content-security-policy': "frame-ancestors 'none'" }).end('lab');
	});
	try {
		const results = await runProbe({ url: site.url, cases: [7, 8, 10] });
		expect(results.map((r) => [r.id, r.refused, r.lost])).toEqual([
			[7, 1, 0],
			[8, 2, 0],
			[10, 1, 0]
		]);
	} finally {
		await site.close();
	}
});

it('has the ten cases of issue 12, numbered 1 to 10', () => {
	expect(CASES.map((c) => c.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
});
