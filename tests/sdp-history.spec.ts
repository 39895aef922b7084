// The loopback lab keeps every description version; any two can be compared. After "Restart
// ICE", the first offer against the restart offer shows the new ICE credentials, the ICE-restart
// flag and a higher o= version; an offer against its answer is explained as offer ↔ answer.
import type { Locator, Page } from '@playwright/test';
import { expect, lab, openLab, peerState, showTab, test } from './fixtures';

async function runToConnected(page: Page) {
	await page.getByLabel('Step delay').fill('0');
	await page.getByRole('button', { name: 'Run to connected' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	for (const id of ['A', 'B'] as const) {
		await showTab(page, 'Peers');
		await expect(peerState(page, id, 'connectionState')).toHaveText('connected');
	}
}

/** The row of the version diff's table that shows `key` changing, e.g. `a=ice-ufrag`. */
const changedRow = (history: Locator, key: string) =>
	history
		.getByRole('row')
		.filter({ has: history.page().getByRole('cell', { name: 'changed', exact: true }) })
		.filter({ hasText: key });

/** `o=- 4611731400430051336 2 IN IP4 127.0.0.1` → 2. */
const sessionVersion = (line: string) => Number(/^o=\S+ \S+ (\d+)/.exec(line.trim())?.[1]);

test('history: the first offer against the ICE-restart offer shows new credentials and a new o= version', async ({
	page
}) => {
	await openLab(page);
	await runToConnected(page);
	await showTab(page, 'SDP');
	const history = page.getByRole('region', { name: 'Description history' });
	await expect(history.getByRole('listitem')).toHaveCount(2);
	await page.getByRole('button', { name: 'Restart ICE' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	await expect(history.getByRole('listitem')).toHaveCount(4);
	// #1 A's offer, #2 B's answer, #3 A's ICE-restart offer, #4 B's answer to it.
	await expect(history.getByRole('listitem').nth(0)).toContainText(/#1 offer/);
	await expect(history.getByRole('listitem').nth(2)).toContainText(/#3 offer.*ICE restart/);

	await history.getByLabel('Compare version').selectOption('1');
	await history.getByLabel('with version').selectOption('3');
	const diff = history.getByRole('region', { name: 'Changes between two versions' });
	// The columns are the two versions picked (the default would be #2 against #4).
	const columns = diff.getByRole('table').first().getByRole('columnheader');
	await expect(columns.nth(2)).toHaveText('#1');
	await expect(columns.nth(3)).toHaveText('#3');
	await expect(diff.getByTestId('ice-restart')).toHaveText(/ICE restart: yes \(mid 0\)/);
	for (const key of ['a=ice-ufrag', 'a=ice-pwd']) {
		const row = changedRow(diff, key);
		await expect(row).toHaveCount(1);
		const [before, after] = await row
			.getByRole('cell')
			.allInnerTexts()
			.then((c) => c.slice(1));
		// Both columns show the key with a different value.
		expect(before).toContain(`${key}:`);
		expect(after).toContain(`${key}:`);
		expect(before?.replace(/^line \d+\s*/, '')).not.toBe(after?.replace(/^line \d+\s*/, ''));
	}
	// The o= session version went up (RFC 8866 §5.2; JSEP RFC 9429 §5.2.2).
	const origin = changedRow(diff, 'o=');
	await expect(origin).toHaveCount(1);
	const [oBefore = '', oAfter = ''] = (await origin.getByRole('cell').allInnerTexts())
		.slice(1)
		.map((cell) => cell.replace(/^line \d+\s*/, ''));
	expect(sessionVersion(oAfter)).toBeGreaterThan(sessionVersion(oBefore));
	const versions = await diff
		.getByText('o= version', { exact: false })
		.locator('code')
		.allInnerTexts();
	expect(Number(versions[1])).toBeGreaterThan(Number(versions[0]));

	// The same pick the other way round is still a comparison of two versions, now of a
	// restart back (the flag does not depend on the order).
	await history.getByLabel('Compare version').selectOption('3');
	await history.getByLabel('with version').selectOption('1');
	await expect(columns.nth(2)).toHaveText('#3');
	await expect(columns.nth(3)).toHaveText('#1');
	await expect(diff.getByTestId('ice-restart')).toHaveText(/ICE restart: yes/);
});

test('history: an offer and its answer picked together are explained as offer ↔ answer', async ({
	page
}) => {
	await openLab(page);
	await runToConnected(page);
	await showTab(page, 'SDP');
	const history = page.getByRole('region', { name: 'Description history' });
	await expect(history.getByRole('listitem')).toHaveCount(2);
	await history.getByLabel('Compare version').selectOption('1');
	await history.getByLabel('with version').selectOption('2');
	const diff = history.getByRole('region', { name: 'Answer #2 explained against offer #1' });
	await expect(diff.getByTestId('diff-summary')).toContainText('0 error(s)');
	await expect(diff).toContainText('BUNDLE accepted');
	await expect(history.getByRole('region', { name: 'Changes between two versions' })).toHaveCount(
		0
	);
});
