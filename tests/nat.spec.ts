import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Opens the NAT simulator and waits until it is interactive (hydrated). */
async function openNat(page: Page) {
	await page.goto('/nat');
	await expect(page.getByRole('button', { name: 'Next packet' })).toBeEnabled();
}

async function chooseNats(page: Page, natA: string, natB: string) {
	await page.getByLabel('NAT of peer A', { exact: true }).selectOption(natA);
	await page.getByLabel('NAT of peer B', { exact: true }).selectOption(natB);
}

const verdict = (page: Page) => page.getByRole('region', { name: 'Verdict' });
const counter = (page: Page) => page.getByTestId('step-counter');
const mappingRows = (page: Page, nat: 'A' | 'B') =>
	page.getByRole('table', { name: `NAT ${nat} mapping table` }).locator('tbody tr');

test('symmetric ↔ symmetric: "Run all" ends with TURN relaying', async ({ page }) => {
	await openNat(page);
	await chooseNats(page, 'apdm-apdf', 'apdm-apdf');
	await expect(verdict(page)).toContainText('The verdict appears after the last packet');
	await page.getByRole('button', { name: 'Run all' }).click();
	await expect(verdict(page)).toContainText('TURN needed');
	await expect(page.getByTestId('selected-pair')).toContainText('↔ remote relay 198.18.0.2:');
	await expect(verdict(page)).toContainText('address and port-dependent filtering');
	await expect(page.getByRole('button', { name: 'Next packet' })).toBeDisabled();
	await expect(page.getByRole('button', { name: 'Run all' })).toBeDisabled();
});

test('port-restricted cone ↔ port-restricted cone: a direct srflx ↔ srflx path', async ({
	page
}) => {
	await openNat(page);
	await chooseNats(page, 'eim-apdf', 'eim-apdf');
	await page.getByRole('button', { name: 'Run all' }).click();
	await expect(verdict(page)).toContainText('Direct path');
	await expect(page.getByTestId('selected-pair')).toHaveText(
		"Selected pair (peer A's view): local server-reflexive (srflx) 203.0.113.1:40000 ↔ remote server-reflexive (srflx) 203.0.113.2:50000"
	);
	await expect(verdict(page)).not.toContainText('TURN needed');
});

test('"Next packet" sends one packet at a time and the mapping tables follow', async ({ page }) => {
	await openNat(page);
	// A symmetric NAT A makes a new mapping for TURN, so the table visibly grows at step 3.
	await chooseNats(page, 'apdm-apdf', 'eim-apdf');
	const next = page.getByRole('button', { name: 'Next packet' });
	await expect(counter(page)).toHaveText(/^Step 0 of \d+$/);
	await expect(mappingRows(page, 'A')).toHaveText(['No mappings yet.']);

	// 1: Peer A's STUN Binding request creates the first mapping on NAT A.
	await next.click();
	await expect(counter(page)).toHaveText(/^Step 1 of \d+: Binding request$/);
	const current = page.getByTestId('current-step');
	await expect(current).toContainText('Peer A → STUN: Binding request');
	await expect(current).toContainText('192.168.1.10:5000'); // before translation
	await expect(current).toContainText('203.0.113.1:40000'); // after translation
	await expect(mappingRows(page, 'A')).toHaveCount(1);
	await expect(mappingRows(page, 'A').first()).toContainText('203.0.113.1:40000');
	await expect(mappingRows(page, 'B')).toHaveText(['No mappings yet.']);

	// 2: the Binding response comes back through the same mapping; nothing new.
	await next.click();
	await expect(counter(page)).toHaveText(/^Step 2 of \d+: Binding response/);
	await expect(mappingRows(page, 'A')).toHaveCount(1);
	await expect(page.getByRole('region', { name: 'Mapping tables' })).toContainText(
		'Peer A candidates: local host 192.168.1.10:5000, srflx 203.0.113.1:40000'
	);

	// 3: the Allocate request to TURN gets its own mapping on a symmetric NAT.
	await next.click();
	await expect(counter(page)).toHaveText(/^Step 3 of \d+: Allocate request$/);
	await expect(mappingRows(page, 'A')).toHaveCount(2);
	await expect(mappingRows(page, 'A').nth(1)).toContainText('203.0.113.1:40001');
	await expect(mappingRows(page, 'A').nth(1)).toContainText('new');
	await expect(verdict(page)).not.toContainText('TURN needed');

	// The sequence diagram shows the packets so far.
	await expect(page.getByRole('img', { name: 'Sequence of packets so far' })).toBeAttached();

	await page.getByRole('button', { name: 'Reset' }).click();
	await expect(counter(page)).toHaveText(/^Step 0 of \d+$/);
	await expect(mappingRows(page, 'A')).toHaveText(['No mappings yet.']);
});

test('the controls work from the keyboard', async ({ page }) => {
	await openNat(page);
	await page.getByRole('button', { name: 'Next packet' }).focus();
	await page.keyboard.press('Enter');
	await expect(counter(page)).toHaveText(/^Step 1 of/);
	await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: 'Run all' })).toBeFocused();
	await page.keyboard.press('Space');
	await expect(verdict(page)).toContainText('Direct path');
});

test('the compatibility matrix has one cell per combination', async ({ page }) => {
	await openNat(page);
	const matrix = page.getByRole('table', { name: /Compatibility matrix/ });
	const behaviours = 11; // no NAT, 3 mappings × 3 filterings, UDP blocked
	await expect(matrix.getByRole('columnheader')).toHaveCount(behaviours + 1);
	await expect(matrix.getByRole('rowheader')).toHaveCount(behaviours);
	await expect(matrix.locator('tbody td')).toHaveCount(behaviours * behaviours);
	const cell = (row: number, column: number) =>
		matrix.locator('tbody tr').nth(row).locator('td').nth(column);
	await expect(cell(9, 9)).toContainText('relay'); // symmetric ↔ symmetric
	await expect(cell(1, 1)).toContainText('direct'); // full cone ↔ full cone
	await expect(cell(3, 9)).toContainText('relay'); // port-restricted cone ↔ symmetric
	await expect(cell(9, 1)).toContainText('direct'); // symmetric ↔ full cone
	await expect(cell(0, 10)).toContainText('relay'); // no NAT ↔ UDP blocked
	// The combination chosen above is marked in the matrix.
	await page.getByLabel('NAT of peer A', { exact: true }).selectOption('apdm-apdf');
	await expect(matrix.locator('td[aria-current="true"]')).toHaveCount(1);
	await expect(cell(9, 3)).toHaveAttribute('aria-current', 'true');
});

test('explanations switch to Simplified Chinese', async ({ page }) => {
	await openNat(page);
	await chooseNats(page, 'apdm-apdf', 'apdm-apdf');
	await page.getByRole('button', { name: 'Run all' }).click();
	await page.getByLabel('Explanations').selectOption('zh-CN');
	await expect(verdict(page)).toContainText('需要 TURN');
	await expect(page.getByRole('heading', { name: /Peer A’s NAT: 对称型/ })).toBeVisible();
});

test('the NAT simulator has no serious accessibility violations, idle and finished', async ({
	page
}) => {
	// axe walks the whole page: seconds per run, more on a busy machine.
	test.slow();
	await openNat(page);
	const serious = async () =>
		(await new AxeBuilder({ page }).analyze()).violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(await serious()).toEqual([]);
	await chooseNats(page, 'apdm-apdf', 'eim-eif');
	await page.getByRole('button', { name: 'Run all' }).click();
	await expect(verdict(page)).toContainText('Direct path');
	await expect(
		page.getByRole('img', { name: 'Sequence of packets so far' }).locator('svg')
	).toBeVisible();
	expect(await serious()).toEqual([]);
});
