import type { Page } from '@playwright/test';
import { expect, lab, openLab, showTab, test } from './fixtures';

// Network conditions presets and "Force TURN now", against this lab's own TURN server (started
// by `npm start`, credentials from GET /api/ice-servers).

async function openWithServers(page: Page) {
	await openLab(page);
	// The preset list warns when the lab's servers did not answer; they must have.
	await expect(page.getByText("This lab's STUN/TURN servers did not answer")).toHaveCount(0);
}

async function run(page: Page) {
	await page.getByLabel('Step delay').fill('0');
	await page.getByRole('button', { name: 'Run to connected' }).click();
}

const selectedTypes = (page: Page, peer: 'A' | 'B') => {
	const row = page.getByTestId(`stats-${peer}`);
	return [row.getByTestId('local-type'), row.getByTestId('remote-type')];
};

test('"Relay only" connects through the TURN server on both sides', async ({ page }) => {
	await openWithServers(page);
	await page.getByLabel('Network conditions').selectOption('relay-only');
	await expect(page.getByText('iceTransportPolicy "relay"')).toBeVisible();
	await run(page);
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	for (const peer of ['A', 'B'] as const) {
		for (const cell of selectedTypes(page, peer)) await expect(cell).toContainText('relay');
	}
	await expect(page.getByTestId('why-selected').first()).toContainText('relay ↔ relay');
});

test('"Simulate symmetric NAT" drops host and srflx at signaling, so ICE falls back to TURN', async ({
	page
}) => {
	await openWithServers(page);
	await page.getByLabel('Network conditions').selectOption('symmetric-nat');
	await run(page);
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	for (const cell of selectedTypes(page, 'A')) await expect(cell).toContainText('relay');
	await showTab(page, 'Sequence');
	await expect(page.getByRole('img', { name: /Sequence/ })).toContainText(
		'dropped by the simulated network'
	);
});

test('symmetric NAT without a TURN server: ICE has nothing to try, the lab stops in failed and says why', async ({
	page
}) => {
	await openWithServers(page);
	await page.getByLabel('Network conditions').selectOption('symmetric-nat-no-turn');
	await run(page);
	await expect(lab(page)).toHaveAttribute('data-state', 'failed');
	const why = page.getByRole('region', { name: 'Why ICE failed' });
	await expect(why.locator('[data-reason="nothing-delivered"]')).toContainText(
		'No candidate reached either peer'
	);
	await expect(why.locator('[data-reason="dropped-by-preset"]')).toContainText('host');
	await expect(why.locator('[data-reason="no-turn"]')).toContainText('Add a TURN server');
	await page.getByLabel('Explanations').selectOption('zh-CN');
	await expect(page.getByRole('region', { name: 'ICE 为什么失败' })).toContainText('TURN');
});

test('"Host only" uses no server and connects host to host', async ({ page }) => {
	await openWithServers(page);
	await page.getByLabel('Network conditions').selectOption('host-only');
	await run(page);
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	for (const cell of selectedTypes(page, 'A')) await expect(cell).toContainText('host');
});

test('"Broken TURN" shows the 401 the TURN server answered, explained', async ({ page }) => {
	await openWithServers(page);
	await page.getByLabel('Network conditions').selectOption('broken-turn');
	await run(page);
	const errors = page.getByRole('region', { name: 'ICE server errors (icecandidateerror)' });
	await expect(errors).toContainText('401');
	await expect(errors).toContainText('refused the credential');
	// Relay-only with no relay candidate: nothing to check, and the lab says why.
	await expect(lab(page)).toHaveAttribute('data-state', 'failed');
	await expect(
		page.getByRole('region', { name: 'Why ICE failed' }).locator('[data-reason="turn-refused"]')
	).toContainText('401');
});

test('"Force TURN now" restarts ICE with relay-only gathering; the data channel keeps working', async ({
	page
}) => {
	await openWithServers(page);
	await run(page);
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	for (const cell of selectedTypes(page, 'A')) await expect(cell).toContainText('host');
	await page.getByRole('button', { name: 'Force TURN now' }).click();
	// New relay candidates are gathered from the lab's TURN server after the restart.
	await showTab(page, 'Peers');
	await expect(page.getByRole('table', { name: 'Candidates of Peer A' })).toContainText('relay');
	// The restart is visible: new ICE credentials in the description history.
	await showTab(page, 'SDP');
	await expect(page.getByRole('region', { name: 'Description history' })).toContainText(
		'ICE restart'
	);
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	// The restart's relay pairs are in the grid; Chromium keeps the working host pair, and says so.
	await showTab(page, 'Candidates & pairs');
	await expect(
		page.getByRole('table', { name: 'Candidate pairs of Peer A (controlling)' })
	).toContainText('relay');
	await expect(page.getByTestId('forced-turn-kept')).toContainText('keeps carrying data');
	await showTab(page, 'Chat');
	await page.getByLabel('Message from Peer B').fill('after the restart');
	await page.getByRole('button', { name: 'Send from Peer B' }).click();
	await expect(page.getByRole('list', { name: 'Chat messages' })).toContainText(
		'after the restart'
	);
});
