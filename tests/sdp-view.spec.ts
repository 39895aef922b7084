import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const offerBox = (page: Page) => page.getByLabel('SDP', { exact: true });
const view = (page: Page) => page.getByTestId('first-view');

async function open(page: Page) {
	await page.goto('/sdp');
	await expect(offerBox(page)).toBeEnabled();
}
async function paste(page: Page, text: string) {
	await offerBox(page).evaluate((element: HTMLTextAreaElement, value) => {
		element.value = value;
		element.dispatchEvent(new Event('input', { bubbles: true }));
	}, text);
}

test('a problem links to its line: the line opens (view switched) and takes the focus', async ({
	page
}) => {
	await open(page);
	await page.getByRole('button', { name: 'Example: a broken SDP' }).click();
	await view(page).getByRole('button', { name: 'Structured' }).click();
	await expect(view(page).locator('.structured')).toBeVisible();
	await view(page)
		.locator('.problems')
		.getByRole('button', { name: 'line 9', exact: true })
		.click();
	const line = view(page).locator('li[value="9"]');
	await expect(line).toBeFocused();
	await expect(line.getByTestId('line-text')).toHaveText('a=setup:maybe');
	// Screen readers get the number too (the visible one is aria-hidden).
	await expect(line.locator('.visually-hidden')).toHaveText('line 9');
});

test('the munging note is in the structured view too', async ({ page }) => {
	await open(page);
	await page.getByRole('button', { name: 'Example: Chrome audio+video offer/answer' }).click();
	await view(page).getByRole('button', { name: 'Structured' }).click();
	await expect(view(page).locator('.note')).toContainText('RFC 9429 §5.4');
});

test('a known key with an unknown value says "value not recognised"', async ({ page }) => {
	await open(page);
	await paste(
		page,
		'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\na=extmap:1 urn:example:made-up\r\n'
	);
	await expect(view(page)).toContainText(
		'Value not recognised (not in the knowledge table, shown as written): urn:example:made-up'
	);
});

test('"Show more lines" is forgotten when the SDP changes', async ({ page }) => {
	test.setTimeout(120_000);
	await open(page);
	const lines = (n: number) =>
		['v=0', 'o=- 1 1 IN IP4 0.0.0.0', 's=-', 't=0 0', 'm=audio 9 RTP/AVP 0']
			.concat(Array.from({ length: n - 5 }, (_, i) => `a=x-line:${i}`))
			.join('\n');
	await paste(page, lines(6000));
	await expect(view(page)).toContainText('Showing lines 1–1000 of 6000.', { timeout: 30_000 });
	await view(page).getByRole('button', { name: 'Show more lines' }).click();
	await expect(view(page)).toContainText('Showing lines 1–2000 of 6000.', { timeout: 30_000 });
	await paste(page, lines(5500));
	await expect(view(page)).toContainText('Showing lines 1–1000 of 5500.', { timeout: 30_000 });
	await expect(view(page).getByTestId('line-text')).toHaveCount(1000);
});

test('API notes follow the UI language, identifiers as code', async ({ page }) => {
	await open(page);
	await page.getByRole('button', { name: 'Example: Chrome data channel offer/answer' }).click();
	await page.getByLabel('Language').selectOption('zh-CN');
	const answer = page.getByTestId('second-view');
	const setup = answer.locator('li', { has: page.getByText('a=setup:active', { exact: true }) });
	await expect(setup.locator('.api')).toContainText('没有 API');
	await expect(setup.locator('.api code').first()).toHaveText('actpass');
});
