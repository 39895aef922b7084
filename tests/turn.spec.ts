// The ICE servers page against the lab's own TURN server (started by `npm start`, or by the dev
// plugin under TEST_DEV): loading the lab's servers, a relay candidate from a test, and a wrong
// credential explained as a 401.

import AxeBuilder from '@axe-core/playwright';
import { findTurnserver } from '../src/lib/server/turn/coturn';
import { expect, test } from './fixtures';

/**
 * Which TURN server the lab under test runs: TURN_SERVER when set; otherwise `npm start` runs
 * coturn when `turnserver` is on PATH, and the dev plugin (TEST_DEV) the embedded server.
 */
function expectedTurnServer(): 'coturn' | 'embedded' {
	const choice = process.env.TURN_SERVER?.trim();
	if (choice === 'embedded') return 'embedded';
	if (choice === 'coturn') return findTurnserver() ? 'coturn' : 'embedded';
	if (choice?.includes('/')) return 'coturn';
	return !process.env.TEST_DEV && findTurnserver() ? 'coturn' : 'embedded';
}

interface IceServersBody {
	iceServers: RTCIceServer[];
	ttl: number;
	turnServer: string | null;
}

test('GET /api/ice-servers returns STUN and TURN URLs on the page host with a REST credential', async ({
	request,
	baseURL
}) => {
	const response = await request.get('/api/ice-servers');
	expect(response.ok()).toBe(true);
	const body = (await response.json()) as IceServersBody;
	// `npm start` runs a TURN server; if its port was taken the endpoint says so and this fails.
	expect(body.turnServer, 'the lab runs a TURN server').not.toBeNull();
	expect(body.turnServer).toBe(expectedTurnServer());
	const host = new URL(baseURL!).host.split(':')[0];
	expect(body.ttl).toBe(3600);
	const [stun, turn] = body.iceServers;
	expect(stun?.urls[0]).toMatch(new RegExp(`^stun:${host}:\\d+$`));
	expect(turn?.urls).toEqual([
		expect.stringMatching(new RegExp(`^turn:${host}:\\d+\\?transport=udp$`)),
		expect.stringMatching(new RegExp(`^turn:${host}:\\d+\\?transport=tcp$`))
	]);
	const [expiry] = (turn?.username ?? '').split(':');
	expect(Number(expiry) - Date.now() / 1000).toBeGreaterThan(3500);
	expect(turn?.credential).toMatch(/^[A-Za-z0-9+/]{27}=$/);
});

test('"Test servers" shows a relay candidate from the lab\'s TURN server, and a wrong credential as 401', async ({
	page,
	request
}) => {
	const body = (await (await request.get('/api/ice-servers')).json()) as IceServersBody;
	expect(body.turnServer, 'the lab runs a TURN server').not.toBeNull();
	const turn = body.iceServers[1]!;

	await page.goto('/ice-servers');
	await page.waitForLoadState('networkidle');
	await page.getByRole('button', { name: "Load this lab's servers" }).click();
	const servers = page.getByRole('list', { name: 'Servers' });
	await expect(servers.getByRole('listitem')).toHaveCount(2);
	await expect(page.getByText(/Credentials valid for 1 h/)).toBeVisible();
	await expect(
		page.getByText(
			expectedTurnServer() === 'coturn'
				? 'The lab runs coturn.'
				: 'The lab runs its embedded TURN server.'
		)
	).toBeVisible();

	await page.getByRole('button', { name: 'Test servers' }).click();
	const results = page.getByRole('region', { name: 'Test results' });
	await expect(results.locator('.candidate[data-type="relay"]').first()).toContainText(
		/relay\s+\d+\.\d+\.\d+\.\d+:\d+/,
		{ timeout: 15_000 }
	);
	// The STUN server: a srflx candidate behind a NAT; with none in between (this test machine),
	// Chromium drops the srflx that equals its host address, and the page says why.
	await expect(results.locator('.candidate[data-type="srflx"], .nothing').first()).toContainText(
		/srflx|No server-reflexive candidate/
	);

	// The same TURN server with a wrong credential: the browser's icecandidateerror, explained.
	for (const name of ['Remove stun', 'Remove turn']) {
		await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
	}
	await expect(page.getByText('No ICE servers')).toBeVisible();
	await page.getByLabel('STUN or TURN URL').fill(turn.urls[0]!);
	await page.getByLabel('TURN username').fill(turn.username!);
	await page.getByLabel('TURN credential').fill('not-the-credential');
	await page.getByRole('button', { name: 'Add server' }).click();
	await page.getByRole('button', { name: 'Test servers' }).click();
	const error = results.locator('.error[data-error-code="401"]').first();
	await expect(error).toContainText('refused the username or credential', { timeout: 15_000 });
	await expect(results.locator('.candidate[data-type="relay"]')).toHaveCount(0);

	expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});

test('malformed URLs are explained before anything is sent', async ({ page }) => {
	await page.goto('/ice-servers');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('STUN or TURN URL').fill('stun://stun.example.org');
	await page.getByRole('button', { name: 'Add server' }).click();
	await expect(page.getByText(/No "\/\/" after the scheme/)).toBeVisible();
	await page.getByLabel('STUN or TURN URL').fill('turn:turn.example.org:99999');
	await expect(page.getByText(/Port "99999" is not a number from 1 to 65535/)).toBeVisible();
	await expect(page.getByText('A TURN server needs a username.')).toBeVisible();
	await expect(page.getByText('No ICE servers')).toBeVisible();
});
