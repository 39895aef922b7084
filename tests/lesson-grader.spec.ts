import { readdirSync } from 'node:fs';
import type { Browser, Locator, Page } from '@playwright/test';
import { expect, lab, showTab, test } from './fixtures';

// The auto-grader: every lesson page renders in both languages with no console error (the
// fixture fails a test on any), and for every lesson a grader completes each available check by
// driving the real lab in Chromium, answering the predictions first, until the page says the
// lesson is complete. What the grader does for each check kind is the table ACTIONS below; the
// checks themselves are read from the page (data-condition, data-when), so a new lesson is graded
// without touching this file.

const LESSONS = readdirSync('lessons', { withFileTypes: true })
	.filter((entry) => entry.isDirectory() && /^\d+-/.test(entry.name))
	.map((entry) => entry.name.replace(/^\d+-/, ''));

/**
 * Lessons whose exercises happen in the remote lab (two browsers): the lesson links to a room that
 * shows and saves its checks (`?lesson=<slug>`), and the lesson page counts them.
 */
const ON_REMOTE = new Set(['signaling']);

interface Condition {
	kind: string;
	[field: string]: unknown;
}
interface LabWhen {
	mode?: 'datachannel' | 'media';
	source?: string;
	trickle?: boolean;
	network?: string;
}
interface PendingCheck {
	id: string;
	condition: Condition;
	when: LabWhen;
}

/**
 * How to satisfy each kind: `session` says how far the lab must run (to connected, or only until
 * the check passes because the run cannot connect), `after` is what to do on the connected lab.
 */
const ACTIONS: Record<
	string,
	{ session: 'connect' | 'attempt' | 'none'; after?: (page: Page, c: Condition) => Promise<void> }
> = {
	machine: { session: 'connect' },
	state: { session: 'connect' },
	candidateSeen: { session: 'connect' },
	selectedPair: { session: 'connect' },
	stat: { session: 'connect' },
	sdp: { session: 'connect' },
	remoteTrack: { session: 'connect' },
	dataChannel: { session: 'connect' },
	dataChannelMessage: { session: 'connect', after: sendMessages },
	historyVersions: { session: 'connect', after: restartIce },
	iceCandidateError: { session: 'attempt' },
	failed: { session: 'attempt' },
	natOutcome: { session: 'none', after: runNatSimulation }
};

async function sendMessages(page: Page, condition: Condition) {
	const from = condition.from === 'B' ? 'B' : 'A';
	const count = typeof condition.minCount === 'number' ? condition.minCount : 1;
	const text = typeof condition.contains === 'string' ? condition.contains : 'hello';
	await showTab(page, 'Chat');
	for (let n = 0; n < count; n++) {
		await page.getByLabel(`Message from Peer ${from}`).fill(`${text} ${n}`);
		await page.getByRole('button', { name: `Send from Peer ${from}` }).click();
		await showTab(page, 'Chat');
		await expect(page.getByRole('list', { name: 'Chat messages' })).toContainText(`${text} ${n}`);
	}
}

async function restartIce(page: Page) {
	await page.getByRole('button', { name: 'Restart ICE' }).click();
	// The restart shows in the description history; then ICE connects again.
	await showTab(page, 'SDP');
	await expect(page.getByRole('region', { name: 'Description history' })).toContainText(
		'ICE restart'
	);
	await expect(lab(page)).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
}

/** NAT ids of the simulator by RFC 4787 behaviour (src/lib/core/nat/model.ts). */
const NAT_IDS: Record<string, string> = {
	'endpoint-independent': 'eim',
	'address-dependent': 'adm',
	'address-and-port-dependent': 'apdm'
};
async function runNatSimulation(page: Page, condition: Condition) {
	for (const side of ['A', 'B'] as const) {
		const mapping = NAT_IDS[String(condition[`mapping${side}`])] ?? 'eim';
		const filtering = (NAT_IDS[String(condition[`filtering${side}`])] ?? 'apdm').replace(/m$/, 'f');
		await page.getByLabel(`NAT of peer ${side}`).selectOption(`${mapping}-${filtering}`);
	}
	await page.getByRole('button', { name: 'Run the simulation' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toBeVisible();
}

/** The lesson page is hydrated (its controls and hash links work). */
const mounted = (page: Page) => page.locator('.lesson-page[data-mounted="true"]');

const checkItem = (page: Page, id: string): Locator => page.locator(`li[data-check="${id}"]`);

async function answerPredictions(page: Page) {
	const forms = page.locator('form.prediction');
	for (let i = 0; i < (await forms.count()); i++) {
		const form = forms.nth(i);
		const commit = form.getByRole('button', { name: 'Commit my answer' });
		if ((await commit.count()) === 0) continue;
		await form.getByRole('radio').first().check();
		await commit.click();
		await expect(form.getByRole('status')).toBeVisible();
	}
}

async function configure(page: Page, when: LabWhen) {
	if (when.mode) {
		const label = when.mode === 'media' ? 'Audio + video' : 'Data channel only';
		await page.getByRole('radio', { name: label }).check();
	}
	if (when.trickle !== undefined) {
		const label = when.trickle ? /^Trickle ICE/ : 'Wait for gathering to complete';
		await page.getByRole('radio', { name: label }).check();
	}
	if (when.network) await page.getByLabel('Network conditions').selectOption(when.network);
}

/** One lab session per distinct `when`: the lesson's own configuration first. */
function sessions(checks: PendingCheck[]): { when: LabWhen; checks: PendingCheck[] }[] {
	const groups = new Map<string, { when: LabWhen; checks: PendingCheck[] }>();
	for (const check of checks) {
		const key = JSON.stringify(check.when);
		if (!groups.has(key)) groups.set(key, { when: check.when, checks: [] });
		groups.get(key)!.checks.push(check);
	}
	return [...groups.values()].sort(
		(a, b) => Object.keys(a.when).length - Object.keys(b.when).length
	);
}

async function readChecks(page: Page): Promise<PendingCheck[]> {
	const items = page.locator('li[data-check][data-optional="false"]');
	const checks: PendingCheck[] = [];
	for (let i = 0; i < (await items.count()); i++) {
		const item = items.nth(i);
		if ((await item.getAttribute('data-status')) === 'unavailable') continue;
		checks.push({
			id: (await item.getAttribute('data-check'))!,
			condition: JSON.parse((await item.getAttribute('data-condition'))!),
			when: JSON.parse((await item.getAttribute('data-when'))!)
		});
	}
	return checks;
}

for (const slug of LESSONS) {
	test(`lesson "${slug}" renders in English and Chinese with no console error`, async ({
		page
	}) => {
		test.slow();
		// The Chinese text opens from its link (the hash), then the switch goes back to English.
		await page.goto(`/lessons/${slug}#lesson=${slug}&lang=zh-CN`);
		await expect(mounted(page)).toBeAttached();
		const text = page.locator('article.text');
		await expect(text).toHaveAttribute('lang', 'zh-CN');
		await expect(page.getByRole('heading', { name: '检查项', exact: true })).toBeVisible();
		const title = page.getByRole('heading', { level: 1 });
		const chinese = await title.textContent();
		await page.getByRole('link', { name: 'English' }).click();
		await expect(text).toHaveAttribute('lang', 'en');
		await expect(page.getByRole('heading', { name: 'Checks', exact: true })).toBeVisible();
		await expect(title).not.toHaveText(chinese ?? '');
	});

	test(`grader: lesson "${slug}" is completed by driving the lab`, async ({ page, browser }) => {
		test.slow();
		await page.goto(`/lessons/${slug}`);
		await expect(mounted(page)).toBeAttached();
		if (ON_REMOTE.has(slug)) {
			await gradeOnRemote(page, browser, slug);
			return;
		}
		const onLab = (await lab(page).count()) > 0;
		if (onLab) {
			await expect(lab(page)).toHaveAttribute('data-state', 'idle');
			await page.getByLabel('Step delay').fill('0');
		} else {
			await expect(page.getByRole('button', { name: 'Run the simulation' })).toBeEnabled();
		}
		await answerPredictions(page);
		if (onLab) {
			// No prediction holds the lab any more.
			await expect(page.getByTestId('held')).toHaveCount(0);
			await expect(page.getByRole('button', { name: 'Run to connected' })).toBeEnabled();
		}

		const checks = await readChecks(page);
		expect(checks.length, 'the lesson has something to grade').toBeGreaterThan(0);
		for (const check of checks)
			expect(ACTIONS, check.condition.kind).toHaveProperty(check.condition.kind);

		for (const session of sessions(checks)) {
			const kinds = session.checks.map((check) => ACTIONS[check.condition.kind]!);
			if (onLab) {
				await page.getByRole('button', { name: 'Reset' }).click();
				await expect(lab(page)).toHaveAttribute('data-state', 'idle');
				await configure(page, session.when);
				await page.getByRole('button', { name: 'Run to connected' }).click();
				if (kinds.some((action) => action.session === 'connect')) {
					await expect(lab(page)).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
				}
			}
			for (const check of session.checks) {
				await ACTIONS[check.condition.kind]!.after?.(page, check.condition);
				await expect(checkItem(page, check.id), check.id).toHaveAttribute('data-status', 'passed', {
					timeout: 20_000
				});
			}
		}
		await expectFinished(page);
	});
}

/**
 * Every check that can be done has passed: the lesson is complete, unless some of its required
 * checks are still coming soon (then it is only done for now, never "complete").
 */
async function expectFinished(page: Page) {
	const soon = page.locator('li[data-check][data-optional="false"][data-status="unavailable"]');
	if ((await soon.count()) === 0) {
		await expect(page.getByText('Lesson complete: every check has passed.')).toBeVisible();
		return;
	}
	await expect(page.locator('p.progress')).toHaveText(
		`Every check you can do today has passed. ${await soon.count()} more need features that are coming soon, so the lesson is not complete yet.`
	);
	await expect(page.getByText('Lesson complete')).toHaveCount(0);
}

/**
 * A /remote lesson: its checks wait on the lesson page ("elsewhere"); the lesson's room link opens
 * a room with the checks on it, a second browser joins, the two connect and chat, and the checks
 * pass there and then on the lesson page (saved progress).
 */
async function gradeOnRemote(page: Page, browser: Browser, slug: string) {
	await expect(page.locator('li[data-check]').first()).toHaveAttribute('data-status', 'elsewhere');
	await answerPredictions(page);
	const link = page.getByTestId('lesson-room-link');
	const href = await link.getAttribute('href');
	expect(href).toMatch(new RegExp(`^/remote/[\\w-]+\\?lesson=${slug}$`));
	await link.click();
	const panel = page.getByTestId('lesson-checks');
	await expect(panel).toBeVisible();
	await expect(page.getByTestId('signaling-status')).toHaveText('connected, room joined');
	// The other browser: a context of its own (another laptop), same room, no lesson.
	const other = await (await browser.newContext()).newPage();
	await other.goto(href!.replace(/\?.*$/, ''));
	await expect(other.getByTestId('signaling-status')).toHaveText('connected, room joined');
	for (const side of [page, other]) {
		await side.getByLabel('Step delay').fill('0');
		await side.getByRole('button', { name: 'Run to connected' }).click();
	}
	for (const side of [page, other])
		await expect(lab(side)).toHaveAttribute('data-state', 'connected');
	await showTab(page, 'Chat');
	await page.getByLabel('Message from You').fill('graded through the server');
	await page.getByRole('button', { name: 'Send from You' }).click();
	// The lesson's checks are on the step stage.
	await showTab(page, 'Step');
	for (const item of await panel.locator('li[data-check]').all()) {
		await expect(item).toHaveAttribute('data-status', 'passed');
	}
	await expect(panel.getByRole('status')).toHaveText(/Lesson complete: every check has passed\./);
	await other.context().close();
	// Back on the lesson page, the saved checks count.
	await page.goto(`/lessons/${slug}`);
	await expect(mounted(page)).toBeAttached();
	await expect(page.getByText('Lesson complete: every check has passed.')).toBeVisible();
}
