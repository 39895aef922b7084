// Proof under real NATs: the remote lab between two Chromiums, each in its own private network
// namespace behind an iptables NAT router, with the lab's web server, STUN and TURN in a "public"
// namespace (topology and NAT kinds: tests/netns.ts). Asserts what the NAT simulator (/nat)
// predicts: cone ↔ cone connects directly (srflx/prflx, no relay); symmetric ↔ symmetric connects
// only through TURN; and without TURN the symmetric case fails, with the lab saying so.
// Needs root, ip and iptables (CI has them); elsewhere the suite is skipped and says why.

import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { showTab } from './fixtures';
import { chromiumArgs } from '../playwright.config';
import {
	createNatLab,
	netnsUnavailable,
	PUBLIC_IP,
	ROUTER_WAN,
	type NatKind,
	type NatLab
} from './netns';

const unavailable = netnsUnavailable();
const root = join(import.meta.dirname, '..');
const port = 3000;
const base = `http://${PUBLIC_IP}:${port}`;

test.describe('remote lab behind real NATs', () => {
	test.skip(
		unavailable !== null,
		`The real-NAT suite needs root and iptables (network namespaces): ${unavailable}`
	);
	test.describe.configure({ mode: 'serial' });

	let nat: NatLab;
	let server: ChildProcess | null = null;
	let serverLog = '';
	let wrappers = '';
	const browsers: Partial<Record<'p1' | 'p2', Browser>> = {};

	test.beforeAll(async () => {
		test.setTimeout(120_000);
		nat = createNatLab();
		server = await startLabServer(nat, (chunk) => (serverLog += chunk));
		wrappers = mkdtempSync(join(tmpdir(), 'webrtc-lab-netns-chromium-'));
		for (const host of ['p1', 'p2'] as const) {
			browsers[host] = await chromium.launch({
				executablePath: chromiumIn(nat, host, wrappers),
				// Raw host addresses (no mDNS names), so the candidate tables show the private IPs.
				args: [...chromiumArgs, '--disable-features=WebRtcHideLocalIpsWithMdns']
			});
		}
	});

	test.afterAll(async () => {
		await Promise.all(Object.values(browsers).map((browser) => browser?.close()));
		if (server && server.exitCode === null) {
			const exited = new Promise((resolve) => server!.once('exit', resolve));
			server.kill('SIGTERM');
			await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
		}
		nat?.destroy();
		if (wrappers) rmSync(wrappers, { recursive: true, force: true });
	});

	test.afterEach(async () => {
		const info = test.info();
		if (info.status !== info.expectedStatus) {
			await info.attach('lab server log', { body: serverLog, contentType: 'text/plain' });
			// What each side gathered and checked, to tell a NAT problem from a lab problem.
			for (const [i, page] of openPages.entries()) {
				const text = await page
					.locator('table')
					.allInnerTexts()
					.catch((error: Error) => [error.message]);
				await info.attach(`page ${i + 1}: tables`, { body: text.join('\n\n') });
			}
		}
		openPages.length = 0;
		for (const browser of Object.values(browsers)) {
			for (const context of browser?.contexts() ?? []) await context.close();
		}
		const errors = pageErrors.splice(0);
		expect(errors, 'console errors in the pages').toEqual([]);
	});

	test('cone NATs on both sides: a direct pair through the NATs (srflx/prflx), no relay', async () => {
		setNats(nat, 'cone');
		// Server-reflexive candidates only: with a relay candidate too, a relay pair could win the
		// race to connected, and whether Chromium then moves to the direct pair within the test's
		// time depended on the machine's load (a full CI run failed on it).
		const { caller, callee } = await connectPair('cone', 'reflexive-only');
		for (const [page, other] of [
			[caller, ROUTER_WAN.r2],
			[callee, ROUTER_WAN.r1]
		] as const) {
			await expect(lab(page)).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
			const { local, remote } = await selectedPair(page);
			expect(local.type, `local ${local.text}`).not.toBe('relay');
			expect(['srflx', 'prflx'], `remote ${remote.text}`).toContain(remote.type);
			// The other side as its NAT router presents it on the "internet".
			expect(remote.address).toBe(other);
		}
		await chat(caller, callee, 'through two cone NATs');
	});

	test('symmetric NATs on both sides: only a pair through the TURN relay connects', async () => {
		setNats(nat, 'symmetric');
		const { caller, callee } = await connectPair('symmetric');
		for (const page of [caller, callee]) {
			await expect(lab(page)).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
			const { local, remote } = await selectedPair(page);
			expect([local.type, remote.type], `${local.text} ↔ ${remote.text}`).toContain('relay');
			// No pair without a relay candidate ever succeeded: hole punching failed.
			const direct = await succeededPairs(page);
			expect(direct.filter((row) => !/\brelay\b/.test(row))).toEqual([]);
		}
		await chat(caller, callee, 'through the TURN relay');
	});

	test('symmetric NATs without TURN (STUN only): ICE fails and the lab says why', async () => {
		test.setTimeout(90_000);
		setNats(nat, 'symmetric');
		// "Reflexive only" gives the peers STUN and no TURN: the srflx candidates exist, but each
		// NAT maps the checks to new ports the other side never heard of.
		const { caller, callee } = await connectPair('stun-only', 'reflexive-only');
		for (const page of [caller, callee]) {
			// Chromium gives up on the unanswered checks after about 15 s.
			await expect(lab(page)).toHaveAttribute('data-state', 'failed', { timeout: 60_000 });
			await showTab(page, 'You');
			const you = page.getByRole('region', { name: 'You', exact: true });
			await expect(you.getByTestId('connectionState')).toHaveText('failed');
			// A srflx candidate was there (STUN worked through the NAT); no relay was.
			const candidates = page.getByRole('table', { name: 'Candidates of You' });
			await expect(candidates).toContainText('srflx');
			await expect(candidates).not.toContainText('relay');
			await showTab(page, 'Step');
			const why = page.getByRole('region', { name: 'Why ICE failed' });
			await expect(why.locator('[data-reason="no-turn"]')).toContainText('Add a TURN server');
		}
	});

	/** Opens the room on both sides (caller in p1, callee in p2) and runs both to connected. */
	async function connectPair(name: string, network?: string) {
		const room = `nat-${name}-${Date.now().toString(36)}`;
		const caller = await openSide(browsers.p1!, room, network);
		await expect(caller.getByTestId('role')).toContainText('caller');
		const callee = await openSide(browsers.p2!, room, network);
		await expect(callee.getByTestId('role')).toContainText('callee');
		for (const page of [caller, callee]) {
			await page.getByRole('button', { name: 'Run to connected' }).click();
		}
		return { caller, callee };
	}
});

const lab = (page: Page) => page.locator('.lab');

/** Console errors and uncaught exceptions of the pages the current test opened. */
const pageErrors: string[] = [];
/** The pages the current test opened. */
const openPages: Page[] = [];

/** Both routers get the same NAT behaviour. */
function setNats(nat: NatLab, kind: NatKind) {
	nat.setNat('r1', kind);
	nat.setNat('r2', kind);
}

/** A new context (a fresh browser profile) on the remote lab, ready to run. */
async function openSide(browser: Browser, room: string, network?: string): Promise<Page> {
	const context = await browser.newContext();
	const page = await context.newPage();
	openPages.push(page);
	page.on('console', (m) => {
		if (m.type() === 'error') pageErrors.push(m.text());
	});
	page.on('pageerror', (e) => pageErrors.push(e.message));
	// The lab's STUN/TURN servers load after the page opens; the session must start with them.
	const servers = page.waitForResponse((r) => r.url().endsWith('/api/ice-servers'));
	await page.goto(`${base}/remote/${room}`);
	const body = (await (await servers).json()) as { iceServers: unknown[]; turnServer: string };
	expect(body.iceServers.length, 'the lab in the public namespace runs STUN/TURN').toBe(2);
	await expect(page.getByTestId('signaling-status')).toHaveText('connected, room joined');
	if (network) await page.getByLabel('Network conditions').selectOption(network);
	await page.getByLabel('Step delay').fill('0');
	return page;
}

interface End {
	type: string;
	address: string;
	text: string;
}

/** The selected pair from the page's getStats() summary: "srflx 203.0.113.12:40000". */
async function selectedPair(page: Page): Promise<{ local: End; remote: End }> {
	await showTab(page, 'Stats');
	const row = page.getByTestId('stats-A');
	await expect(row.getByTestId('local-type')).toHaveText(/\S+ \S+:\d+/);
	const parse = (text: string): End => {
		const [type = '', endpoint = ''] = text.trim().split(/\s+/);
		return { type, address: endpoint.replace(/:\d+$/, ''), text: text.trim() };
	};
	return {
		local: parse(await row.getByTestId('local-type').innerText()),
		remote: parse(await row.getByTestId('remote-type').innerText())
	};
}

/** The text of every candidate pair that succeeded, from the pair grid. */
async function succeededPairs(page: Page): Promise<string[]> {
	await showTab(page, 'Candidates & pairs');
	const rows = page.getByTestId('pair-row').filter({ hasText: 'succeeded' });
	return (await rows.allInnerTexts()).map((text) => text.replace(/\s+/g, ' '));
}

async function chat(from: Page, to: Page, text: string) {
	await showTab(from, 'Chat');
	await showTab(to, 'Chat');
	await from.getByLabel('Message from You').fill(text);
	await from.getByRole('button', { name: 'Send from You' }).click();
	await expect(to.getByRole('list', { name: 'Chat messages' })).toContainText(text);
}

/** A wrapper that runs Chromium inside `host`'s namespace; Playwright drives it over a pipe. */
function chromiumIn(nat: NatLab, host: 'p1' | 'p2', dir: string): string {
	const real =
		process.env.CHROMIUM_PATH ??
		(existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : chromium.executablePath());
	const path = join(dir, `chromium-${host}.sh`);
	const argv = nat.exec(host, [real]).map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`);
	writeFileSync(path, `#!/bin/sh\nexec ${argv.join(' ')} "$@"\n`, { mode: 0o755 });
	return path;
}

/**
 * The lab's server (web, signaling, STUN/TURN) in the public namespace on 203.0.113.1: the built
 * site with `node scripts/start.js` (CI, after `npm run build`), or `vite dev` under TEST_DEV.
 * TURN_SERVER (coturn or embedded) is passed through.
 */
async function startLabServer(nat: NatLab, log: (chunk: string) => void): Promise<ChildProcess> {
	const command = process.env.TEST_DEV
		? [
				process.execPath,
				join(root, 'node_modules/vite/bin/vite.js'),
				'dev',
				'--host',
				PUBLIC_IP,
				'--port',
				String(port),
				'--strictPort'
			]
		: [process.execPath, join(root, 'scripts/start.js')];
	const [file, ...args] = nat.exec('pub', command);
	const child = spawn(file!, args, {
		cwd: root,
		env: {
			...process.env,
			HOST: PUBLIC_IP,
			PORT: String(port),
			TURN_PORT: '3478',
			TURN_SERVER: process.env.REAL_NAT_TURN_SERVER ?? process.env.TURN_SERVER ?? ''
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error('the lab server in the public namespace did not start in time')),
			100_000
		);
		const watch = (chunk: Buffer) => {
			const text = chunk.toString('utf8');
			log(text);
			if (/is running on|Local:.*203\.0\.113\.1/.test(text)) {
				clearTimeout(timer);
				resolve();
			}
		};
		child.stdout!.on('data', watch);
		child.stderr!.on('data', (chunk: Buffer) => log(chunk.toString('utf8')));
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`the lab server exited (${code}) while starting`));
		});
	});
	return child;
}
