import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { PROGRESS_KEY } from '../src/lib/core/lessons/progress';
import { expect, lab, openSetup, peerState, showTab, test } from './fixtures';

const LESSON = '/lessons/offer-and-answer';

/** Opens a lesson and waits until the lab is interactive (hydrated). */
async function openLesson(page: Page, hash = '') {
	// A lesson page loads the lab and mermaid's diagrams: several seconds per load under `vite dev`.
	test.slow();
	await page.goto(LESSON + hash);
	await expect(lab(page)).toHaveAttribute('data-state', 'idle');
	await expect(page.getByRole('button', { name: 'Next step' })).toBeEnabled();
}

const check = (page: Page, description: string) =>
	page.getByRole('listitem').filter({ hasText: description });

async function answer(page: Page, question: RegExp, choice: string) {
	const form = page.locator('form.prediction').filter({ hasText: question });
	await form.getByRole('radio', { name: choice, exact: true }).check();
	await form.getByRole('button', { name: 'Commit my answer' }).click();
	await expect(form.getByRole('status')).toBeVisible();
}

test('the offer-and-answer lesson: predict, step to have-local-offer, run to connected, complete', async ({
	page
}) => {
	await openLesson(page);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Offer and answer');
	await expect(check(page, 'Reach have-local-offer on Peer A.')).toContainText('Pending');

	// Two steps to dataChannelCreated; the next one (createOffer) waits for the first prediction.
	const nextStep = page.getByRole('button', { name: 'Next step' });
	await nextStep.click();
	await expect(lab(page)).toHaveAttribute('data-state', 'peersCreated');
	await nextStep.click();
	await expect(lab(page)).toHaveAttribute('data-state', 'dataChannelCreated');
	await expect(page.getByText('The lab waits for your prediction')).toBeVisible();
	// The lab holds the step (holdBefore): "Next step" and "Run to connected" stay disabled.
	await expect(page.getByTestId('held')).toContainText('offerCreated');
	await expect(nextStep).toBeDisabled();
	await expect(page.getByRole('button', { name: 'Run to connected' })).toBeDisabled();

	await answer(page, /right after it/, 'stable');
	await expect(page.getByText('createOffer() only writes a proposal')).toBeVisible();
	await expect(page.getByText('The lab waits for your prediction')).toBeHidden();
	await expect(nextStep).toBeEnabled();

	await nextStep.click();
	await expect(lab(page)).toHaveAttribute('data-state', 'offerCreated');
	await nextStep.click();
	await expect(lab(page)).toHaveAttribute('data-state', 'localOfferSet');
	await showTab(page, 'Peers');
	await expect(peerState(page, 'A', 'signalingState')).toHaveText('have-local-offer');
	await expect(check(page, 'Reach have-local-offer on Peer A.')).toContainText('Passed');

	await answer(page, /after setRemoteDescription\(offer\)/, 'have-remote-offer');
	await answer(page, /Which state does A end in/, 'connected');
	await expect(page.getByText('Not quite: the answer is “stable”.')).toBeVisible();

	await page.getByLabel('Step delay').fill('0');
	await page.getByRole('button', { name: 'Run to connected' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	for (const description of [
		'Reach have-remote-offer on Peer B.',
		'Peer A went from have-local-offer back to stable.',
		'Finish the exchange: the machine reaches connected.'
	]) {
		await expect(check(page, description)).toContainText('Passed');
	}
	await expect(page.getByText('Lesson complete: every check has passed.')).toBeVisible();

	// A passed check stays passed after Reset.
	await page.getByRole('button', { name: 'Reset' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'idle');
	await expect(check(page, 'Reach have-local-offer on Peer A.')).toContainText('Passed');

	await page.goto('/');
	await page.reload();
	const item = page.locator('li[data-lesson="offer-and-answer"]');
	await expect(item).toContainText('Complete');
	await expect(page.locator('li[data-lesson="ice-candidates"]')).toContainText('Not started');
	await item.getByRole('link', { name: 'Offer and answer' }).click();
	await expect(page).toHaveURL(LESSON);
	await expect(page.getByText('Lesson complete: every check has passed.')).toBeVisible();
});

test('the language switch shows the Chinese text, and the permalink carries lesson and language', async ({
	page
}) => {
	await openLesson(page);
	await page.getByRole('link', { name: '简体中文' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Offer 与 answer');
	await expect(page).toHaveURL(`${LESSON}#lesson=offer-and-answer&lang=zh-CN`);
	await expect(page.getByRole('heading', { name: '九个步骤' })).toBeVisible();

	await page.goto('/');
	await page.goto(`${LESSON}#lesson=offer-and-answer&lang=zh-CN`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Offer 与 answer');
	await page.getByRole('link', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Offer and answer');
});

test('lesson text is rendered as text, with tables, code and lazy mermaid diagrams', async ({
	page
}) => {
	await openLesson(page);
	await expect(page.getByRole('cell', { name: 'pcA.createOffer()' })).toBeVisible();
	await expect(page.locator('pre code.language-js').first()).toContainText(
		'await pc.setLocalDescription(offer);'
	);
	await expect(page.getByRole('img', { name: 'Diagram 1' }).locator('svg')).toBeVisible();
	await expect(page.getByRole('link', { name: /Next: Reading SDP/ })).toBeVisible();
	await page.getByRole('link', { name: /Previous: Capturing media/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Capturing media/);
});

test('a lesson whose exercises are on another page links there and marks its checks', async ({
	page
}) => {
	await page.goto('/lessons/signaling');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Open it /remote' })).toBeVisible();
	await expect(page.locator('.checks li').first()).toContainText('Do this on /remote');
	await expect(lab(page)).toHaveCount(0);
});

test('the NAT lesson runs the simulator beside the text and its checks follow the outcome', async ({
	page
}) => {
	await page.goto('/lessons/nat-and-stun');
	await expect(page.locator('.lesson-page[data-mounted="true"]')).toBeAttached();
	await expect(lab(page)).toHaveCount(0);
	const punch = check(page, 'connect two peers directly through two NATs');
	await expect(punch).toContainText('Pending');
	// Both sides endpoint-independent mapping: hole punching works.
	await page.getByLabel('NAT of peer A').selectOption('eim-apdf');
	await page.getByLabel('NAT of peer B').selectOption('eim-apdf');
	await page.getByRole('button', { name: 'Run the simulation' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('Connected, directly.');
	await expect(punch).toContainText('Passed');
	await expect(page.getByText('Lesson complete')).toHaveCount(0);
	// Symmetric on both sides: only the relay connects.
	await page.getByLabel('NAT of peer A').selectOption('apdm-apdf');
	await page.getByLabel('NAT of peer B').selectOption('apdm-apdf');
	await page.getByRole('button', { name: 'Run the simulation' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText(
		'through the TURN relay'
	);
	await expect(page.getByText('Lesson complete: every check has passed.')).toBeVisible();
});

test('a lesson permalink configures the lab and runs it to the step, stopping first for a prediction', async ({
	page
}) => {
	test.slow();
	await page.goto(
		`${LESSON}#lesson=offer-and-answer&step=localOfferSet&trickle=0&network=host-only`
	);
	// The run stops before createOffer: the prediction due there is not answered yet.
	await expect(lab(page)).toHaveAttribute('data-state', 'dataChannelCreated');
	await expect(page.getByTestId('held')).toContainText('offerCreated');
	await openSetup(page);
	await expect(page.getByRole('radio', { name: 'Wait for gathering to complete' })).toBeChecked();
	await answer(page, /right after it/, 'stable');
	// Answered: the run goes on and stops at the linked step.
	await expect(lab(page)).toHaveAttribute('data-state', 'localOfferSet');
	await expect(page.getByRole('button', { name: 'Next step' })).toBeEnabled();
	await expect(page.getByTestId('permalink')).toHaveAttribute(
		'href',
		'#lesson=offer-and-answer&lang=en&step=localOfferSet&mode=datachannel&source=synthetic&trickle=0&network=host-only'
	);
	// The lab stays there: nothing holds it now, it simply waits for "Next step".
	await page.getByRole('button', { name: 'Next step' }).click();
	await expect(lab(page)).toHaveAttribute('data-state', 'offerSignaled');
});

test('a /lab permalink opens the lab configured and run to that step', async ({ page }) => {
	test.slow();
	await page.goto('/lab#step=remoteOfferSet&mode=media&trickle=1&network=relay-only');
	await expect(lab(page)).toHaveAttribute('data-state', 'remoteOfferSet');
	await openSetup(page);
	await expect(page.getByRole('radio', { name: 'Audio + video' })).toBeChecked();
	await expect(page.getByLabel('Network conditions')).toHaveValue('relay-only');
	await expect(page.getByTestId('permalink')).toHaveAttribute(
		'href',
		'#step=remoteOfferSet&mode=media&source=synthetic&trickle=1&network=relay-only'
	);
	// Relay only: Peer A offered relay candidates from the lab's TURN server.
	await showTab(page, 'Peers');
	await expect(page.getByRole('table', { name: 'Candidates of Peer A' })).toContainText('relay');
});

test('projector mode: a labelled switch, remembered; presenter keys step the lab but not while typing', async ({
	page
}) => {
	test.slow();
	await page.goto('/lab');
	await expect(lab(page)).toHaveAttribute('data-state', 'idle');
	await expect(page.getByRole('button', { name: 'Next step' })).toBeEnabled();
	await page.getByRole('checkbox', { name: 'Projector mode' }).check();
	await expect(page.locator('html')).toHaveAttribute('data-projector', 'on');
	const keys = page.getByRole('complementary', { name: 'Presenter keys' });
	await expect(keys).toContainText('N next step');
	await page.reload();
	await expect(page.getByRole('checkbox', { name: 'Projector mode' })).toBeChecked();
	await expect(page.locator('html')).toHaveAttribute('data-projector', 'on');
	await expect(page.getByRole('button', { name: 'Next step' })).toBeEnabled();

	await page.keyboard.press('n');
	await expect(lab(page)).toHaveAttribute('data-state', 'peersCreated');
	await expect(keys.getByRole('status')).toHaveText('Pressed: next step');
	// Typing in a form control is typing, not presenting.
	await page.getByLabel('Step delay').fill('0');
	await page.getByLabel('Step delay').press('n');
	await expect(lab(page)).toHaveAttribute('data-state', 'peersCreated');
	// Focus leaves the form control (a click on the page; its heading is hidden in Projector
	// mode), and the keys work again.
	await page.getByText('Machine state:').click();
	await page.keyboard.press('r');
	await expect(lab(page)).toHaveAttribute('data-state', 'connected');
	await page.keyboard.press('Escape');
	await expect(lab(page)).toHaveAttribute('data-state', 'idle');

	await page.getByRole('checkbox', { name: 'Projector mode' }).uncheck();
	await expect(page.locator('html')).not.toHaveAttribute('data-projector', 'on');
	await page.keyboard.press('n');
	await expect(keys).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Next step' })).toBeEnabled();
	await expect(lab(page)).toHaveAttribute('data-state', 'idle');
});

test('axe finds no serious violation on a lesson page and the index', async ({ page }) => {
	// axe walks the whole page: seconds per run, more on a busy machine.
	test.slow();
	const serious = async () =>
		(await new AxeBuilder({ page }).analyze()).violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	await openLesson(page);
	await expect(page.getByRole('img', { name: 'Diagram 1' }).locator('svg')).toBeVisible();
	expect(await serious()).toEqual([]);
	await page.goto('/');
	await expect(page.locator('li[data-lesson="offer-and-answer"]')).toBeVisible();
	expect(await serious()).toEqual([]);
});

test('a lesson whose exercises are coming soon is never complete, in both languages', async ({
	page
}) => {
	test.slow();
	// What an earlier version saved once the one check of lesson 9 (and of lesson 11) that can be
	// done had passed: `complete: true`, although the other exercises are still coming soon.
	const saved = {
		'data-channels': { answers: {}, passed: ['three-messages'], complete: true },
		'recording-and-sharing': { answers: {}, passed: ['remote-audio'], complete: true }
	};
	await page.addInitScript(([key, value]) => localStorage.setItem(key, value), [
		PROGRESS_KEY,
		JSON.stringify(saved)
	] as const);

	await page.goto('/');
	const progress = (slug: string) => page.locator(`li[data-lesson="${slug}"] .progress`);
	await expect(progress('data-channels')).toHaveText('Done for now · 2 coming soon');
	await expect(progress('recording-and-sharing')).toHaveText('Done for now · 2 coming soon');
	await expect(progress('data-channels')).not.toHaveClass(/complete/);
	await expect(progress('offer-and-answer')).toHaveText('Not started');
	// The signaling lesson's checks are passed in a remote room and count too.
	await expect(progress('signaling')).toHaveText('Not started');

	await page.goto('/lessons/data-channels');
	await expect(page.locator('.lesson-page[data-mounted="true"]')).toBeAttached();
	await expect(page.locator('p.progress')).toHaveText(
		'Every check you can do today has passed. 2 more need features that are coming soon, so the lesson is not complete yet.'
	);
	await expect(page.getByText('Lesson complete')).toHaveCount(0);
	// The notice names what is missing, in words.
	await expect(page.getByTestId('coming-soon')).toHaveText(
		'Some exercises need features that are coming soon: extra data channels with their own options (ordered, maxRetransmits, maxPacketLifeTime) and sending a file over a data channel.'
	);

	await page.getByTestId('ui-language').selectOption('zh-CN');
	await expect(page.locator('p.progress')).toHaveText(
		'目前能做的检查项都已通过。另有 2 项需要即将推出的功能，所以本课还没有完成。'
	);
	await expect(page.getByTestId('coming-soon')).toHaveText(
		'部分练习需要的功能即将推出：带独立选项（ordered、maxRetransmits、maxPacketLifeTime）的额外数据通道和通过数据通道发送文件。'
	);
	await page.goto('/');
	await expect(progress('data-channels')).toHaveText('现有练习已完成 · 2 项即将推出');
	await page.getByTestId('ui-language').selectOption('en');
	await expect(progress('data-channels')).toHaveText('Done for now · 2 coming soon');
});

test('the coming-soon notice lists only features that are missing', async ({ page }) => {
	test.slow();
	// Lesson 8 needs TURN, which the lab has: no notice.
	await page.goto('/lessons/turn-and-fallback');
	await expect(page.locator('.lesson-page[data-mounted="true"]')).toBeAttached();
	await expect(page.getByTestId('coming-soon')).toHaveCount(0);
	// Lesson 12 needs the stats dashboard (there) and certificate choice (missing).
	await page.goto('/lessons/security');
	await expect(page.locator('.lesson-page[data-mounted="true"]')).toBeAttached();
	await expect(page.getByTestId('coming-soon')).toHaveText(
		'Some exercises need features that are coming soon: choosing the certificate (generateCertificate).'
	);
});

test('no page carries the YAML parser: lessons are parsed on the server', async ({ page }) => {
	test.slow();
	const scripts: Promise<string>[] = [];
	page.on('response', (response) => {
		if (response.headers()['content-type']?.includes('javascript'))
			scripts.push(response.text().catch(() => ''));
	});
	await page.goto('/');
	await expect(page.locator('li[data-lesson="offer-and-answer"]')).toBeVisible();
	await openLesson(page);
	const bodies = await Promise.all(scripts);
	expect(bodies.length).toBeGreaterThan(3);
	// yaml's error class, by the name it gives itself (a string literal survives minifying).
	expect(bodies.filter((body) => body.includes('YAMLParseError'))).toEqual([]);
});

test('a lesson names the buttons by the words the lab shows, in Chinese and in English', async ({
	page,
	baseURL
}) => {
	test.slow();
	// Chinese from the first response: the cookie the header switch sets, and its localStorage twin.
	await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'zh-CN', url: baseURL }]);
	await page.addInitScript(() => localStorage.setItem('PARAGLIDE_LOCALE', 'zh-CN'));
	await page.goto('/lessons/what-is-webrtc');
	await expect(lab(page)).toHaveAttribute('data-state', 'idle');
	const text = page.locator('article.text');
	const labels = text.locator('strong.ui-label');

	// The lesson's {ui:lab_next_step} is the lab's own button label, set apart (the button waits
	// for the first prediction).
	await expect(page.getByRole('button', { name: '下一步', exact: true })).toBeVisible();
	await expect(labels.filter({ hasText: /^下一步$/ })).toHaveCount(1);
	await expect(labels.filter({ hasText: /^运行到连通$/ })).toHaveCount(1);
	await expect(labels.filter({ hasText: /^步骤间隔$/ })).toHaveCount(1);
	await expect(labels.filter({ hasText: /^只用数据通道$/ })).toHaveCount(1);
	for (const english of [
		'Next step',
		'Run to connected',
		'Step delay',
		'Data channel only',
		'Reset'
	]) {
		await expect(text).not.toContainText(english);
	}
	// The lesson's own words around the text are Chinese too: tables, specification names.
	await expect(text.getByRole('region', { name: '表 1', exact: true })).toBeVisible();
	await expect(text).toContainText('W3C《媒体捕获与流》');
	await expect(text).not.toContainText('Media Capture and Streams');

	// State names in check and prediction texts are code, as in the lesson text.
	await page.goto('/lessons/offer-and-answer');
	await expect(page.locator('[data-check="a-have-local-offer"] code')).toHaveText(
		'have-local-offer'
	);
	await expect(page.locator('form.prediction').first().locator('label code').first()).toHaveText(
		'stable'
	);

	// A check text names its control too, in quotes (lesson 6, with "Wait for gathering to complete").
	await page.goto('/lessons/ice-candidates');
	await expect(page.locator('[data-check="no-trickle-connected"]')).toContainText(
		'用“等待收集完成后再发送”方式连接一次。'
	);
	// A network preset by the menu's own words (lesson 8).
	await page.goto('/lessons/turn-and-fallback');
	await expect(text.locator('strong.ui-label[data-ui="{network:relay-only}"]')).toHaveText(
		'仅中继'
	);
	await expect(page.getByLabel('网络条件')).toHaveValue('relay-only');
	await expect(text).not.toContainText('Relay only');

	// Switching the language rewords the labels with everything else.
	await page.goto('/lessons/what-is-webrtc');
	await expect(lab(page)).toHaveAttribute('data-state', 'idle');
	await page.getByRole('link', { name: 'English' }).click();
	await expect(page.getByRole('button', { name: 'Next step', exact: true })).toBeVisible();
	await expect(labels.filter({ hasText: /^Next step$/ })).toHaveCount(1);
	await expect(labels.filter({ hasText: /^Run to connected$/ })).toHaveCount(1);
	await expect(text).not.toContainText('下一步');
	await expect(text.getByRole('region', { name: 'Table 1', exact: true })).toBeVisible();
});
