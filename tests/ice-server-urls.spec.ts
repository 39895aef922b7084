// The ICE servers editor names what is wrong in a typed URL (RFC 7064/7065), as typed: a space
// inside the host is a space, not a second URL without a scheme; a second colon after the port is
// a bad port, not an IPv6 address without brackets (issue 12).

import { expect, test } from './fixtures';

test('a typed URL with a space or an extra colon is explained as such', async ({ page }) => {
	await page.goto('/ice-servers');
	await page.waitForLoadState('networkidle');
	const url = page.getByLabel('STUN or TURN URL');
	await url.fill('stun:ex ample.org');
	await page.getByRole('button', { name: 'Add server' }).click();
	await expect(page.getByText('"ex ample.org": a host name cannot contain spaces.')).toBeVisible();
	await expect(page.getByText(/must start with/)).toHaveCount(0);

	await url.fill('stun:host:3478:1');
	await expect(page.getByText('Port "3478:1" is not a number from 1 to 65535.')).toBeVisible();
	await expect(page.getByText(/square brackets/)).toHaveCount(0);

	// Two URLs typed on one line are still two.
	await url.fill('stun:a.example stun:b.example:3479');
	await expect(page.getByRole('alert')).toHaveCount(0);
	await expect(page.getByText('No ICE servers')).toBeVisible();
});
