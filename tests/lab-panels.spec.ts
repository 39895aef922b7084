import { expect, lab, openLab, peer, showTab, test } from './fixtures';

// "Run to connected" at full speed (delay 0): the panels hold still while it plays, the lab shows
// "connected" as soon as it is reached, and the panels catch up right after (one painted frame).
test('a full-speed run holds the panels, shows "connected" first, then every panel catches up', async ({
	page
}) => {
	await openLab(page);
	await page.getByLabel('Step delay').fill('0');
	await expect(lab(page)).toHaveAttribute('data-panels', 'live');
	// Everything the lab's root says while the run plays, in order.
	await page.evaluate(() => {
		const root = document.querySelector('.lab')!;
		const seen: string[] = [];
		(window as unknown as { seen: string[] }).seen = seen;
		new MutationObserver(() =>
			seen.push(`${root.getAttribute('data-state')}/${root.getAttribute('data-panels')}`)
		).observe(root, { attributes: true, attributeFilter: ['data-state', 'data-panels'] });
	});
	await page.getByRole('button', { name: 'Run to connected' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	await expect(lab(page)).toHaveAttribute('data-panels', 'live');
	const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
	// Held from the first step on, still held when "connected" is first shown, live at the end.
	expect(seen.find((entry) => !entry.startsWith('idle/'))).toMatch(/\/held$/);
	expect(seen.find((entry) => entry.startsWith('connected/'))).toBe('connected/held');
	expect(seen.at(-1)).toBe('connected/live');
	// The panels show the finished exchange: both descriptions, both peers' candidates.
	await showTab(page, 'SDP');
	await expect(page.getByRole('heading', { name: /Offer \(Peer A\)/ })).toBeVisible();
	await showTab(page, 'SDP');
	await expect(page.getByRole('heading', { name: /Answer \(Peer B\)/ })).toBeVisible();
	for (const id of ['A', 'B'] as const) {
		await showTab(page, 'Peers');
		await expect(peer(page, id).getByTestId('connectionState')).toHaveText('connected');
		await showTab(page, 'Peers');
		await expect(peer(page, id).getByRole('table')).toContainText('host');
	}
});

test('stepping one step at a time never holds the panels', async ({ page }) => {
	await openLab(page);
	await page.evaluate(() => {
		const root = document.querySelector('.lab')!;
		const seen: string[] = [];
		(window as unknown as { seen: string[] }).seen = seen;
		new MutationObserver(() => seen.push(root.getAttribute('data-panels') ?? '')).observe(root, {
			attributes: true,
			attributeFilter: ['data-panels']
		});
	});
	for (let i = 0; i < 4; i++) {
		await page.getByRole('button', { name: 'Next step' }).click();
		await expect(page.getByRole('button', { name: 'Next step' })).toBeEnabled();
	}
	await expect(page.getByTestId('machine-state')).toHaveText('localOfferSet');
	await showTab(page, 'Peers');
	await expect(peer(page, 'A').getByRole('table')).toContainText('host');
	expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual([]);
	await expect(lab(page)).toHaveAttribute('data-panels', 'live');
});
