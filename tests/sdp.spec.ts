import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures';

const fixtureDir = fileURLToPath(new URL('../src/lib/core/sdp/fixtures/', import.meta.url));
const fixtureNames = readdirSync(fixtureDir)
	.filter((name) => name.endsWith('.sdp'))
	.sort();
const fixture = (name: string) => readFileSync(join(fixtureDir, name), 'utf8');

/** Lines as the inspector lists them: CRLF or LF, trailing whitespace dropped. */
function linesOf(text: string): string[] {
	const lines = text.split(/\r?\n/).map((line) => line.replace(/\s+$/, ''));
	if (lines[lines.length - 1] === '') lines.pop();
	return lines;
}

const offerBox = (page: Page) => page.getByLabel('SDP', { exact: true });
const answerBox = (page: Page) => page.getByLabel('Answer SDP', { exact: true });
const firstLines = (page: Page) => page.getByTestId('first-view').getByTestId('line-text');

/** Opens the inspector and waits until it is interactive (hydrated). */
async function openInspector(page: Page, hash = '') {
	await page.goto(`/sdp${hash}`);
	await expect(offerBox(page)).toBeEnabled();
}

async function paste(box: Locator, text: string) {
	await box.evaluate((element: HTMLTextAreaElement, value) => {
		element.value = value;
		element.dispatchEvent(new Event('input', { bubbles: true }));
	}, text);
}

async function loadExample(page: Page, label: string) {
	await page.getByRole('button', { name: label }).click();
	await expect(offerBox(page)).not.toHaveValue('');
}

// Other work on the same tree makes Vite's dev server reload open pages; a reload mid-test
// would empty the inspector. Its "vite-hmr" socket simply never opens in these tests (as in
// scripts/bench-stats.js); against the built site there is no such socket anyway.
test.beforeEach(async ({ page }) => {
	await page.addInitScript(() => {
		const NativeWebSocket = window.WebSocket;
		const Quiet = function (url: string | URL, protocols?: string | string[]) {
			const hmr =
				protocols === 'vite-hmr' || (Array.isArray(protocols) && protocols.includes('vite-hmr'));
			if (hmr) return Object.assign(new EventTarget(), { readyState: 0, send() {}, close() {} });
			return new NativeWebSocket(url, protocols);
		} as unknown as typeof WebSocket;
		Object.assign(Quiet, NativeWebSocket);
		Quiet.prototype = NativeWebSocket.prototype;
		window.WebSocket = Quiet;
	});
});

for (const name of fixtureNames) {
	test(`${name}: every input line appears in the annotated view`, async ({ page }) => {
		await openInspector(page);
		const text = fixture(name);
		await offerBox(page).fill(text);
		await expect(firstLines(page)).toHaveText(linesOf(text));
		// Real SDPs are fully understood: no line is marked as not recognised.
		await expect(page.getByTestId('first-view').getByText(/Not recognised/)).toHaveCount(0);
	});
}

test('an offer and its answer: the answer is explained against the offer', async ({ page }) => {
	await openInspector(page);
	await loadExample(page, 'Example: Chrome audio+video offer/answer');
	const diff = page.getByRole('region', { name: 'Offer ↔ answer' });
	await expect(diff.getByTestId('diff-summary')).toContainText('0 error(s)');
	await expect(diff).toContainText('the answerer is the DTLS client');
	await expect(diff).toContainText('Offer sendrecv, answer recvonly');
	await expect(diff).toContainText('BUNDLE accepted');
	await expect(diff).toContainText('RFC 9429 §5.3.1');
	await expect(
		diff.getByRole('table', { name: 'Codecs of m-section 0: offered vs answered' })
	).toContainText('opus/48000/2');
	// Both sides are annotated, with the API that controls a line and the munging note.
	const offer = page.getByRole('region', { name: 'Offer', exact: true });
	await expect(offer).toContainText('RTCRtpTransceiver.direction');
	await expect(offer).toContainText('setCodecPreferences');
	await expect(offer).toContainText('RFC 9429 §5.4');
	await expect(offer.getByRole('heading', { name: /m-section 1 \(mid 1\): video/ })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Answer', exact: true })).toContainText(
		'a=setup:active'
	);
});

test('two versions of one side: an ICE restart is detected', async ({ page }) => {
	await openInspector(page);
	await loadExample(page, 'Example: ICE restart (two versions of an offer)');
	await expect(page.getByLabel('two versions of one side')).toBeChecked();
	const diff = page.getByRole('region', { name: 'Changes between two versions' });
	await expect(diff.getByTestId('ice-restart')).toHaveText('ICE restart: yes (mid 0)');
	await expect(diff).toContainText('a=ice-ufrag:kC7e');
});

test('the language switch shows the explanations in Simplified Chinese', async ({ page }) => {
	await openInspector(page);
	await loadExample(page, 'Example: Chrome data channel offer/answer');
	await page.getByLabel('Language').selectOption('zh-CN');
	await expect(page.getByRole('region', { name: 'Offer ↔ 应答' })).toContainText(
		'应答方是 DTLS 客户端'
	);
	await expect(page.getByTestId('first-view')).toContainText('协议版本');
});

test('malformed SDP: problems point at their lines, the rest is still explained', async ({
	page
}) => {
	await openInspector(page);
	await loadExample(page, 'Example: a broken SDP');
	const view = page.getByTestId('first-view');
	const problems = view.locator('.problems');
	await expect(problems).toContainText('line 3 o= comes after s=');
	await expect(problems).toContainText('line 9 Unexpected value');
	await expect(problems).toContainText('line 11 Not an SDP line');
	await expect(view).toContainText('Not recognised');
	await expect(view).toContainText('Maps an RTP payload type number to a codec');
	await expect(firstLines(page)).toHaveCount(13);
});

test('a megabyte of junk: the page stays usable and points at the problems', async ({ page }) => {
	// 70,000 lines, each with a problem, cross from the worker to the page: seconds on a busy machine.
	test.slow();
	await openInspector(page);
	const junk = 'this is not sdp\n'.repeat(70_000);
	// As a paste would: one input event with the whole text (typing it in would take minutes).
	await paste(offerBox(page), junk);
	const view = page.getByTestId('first-view');
	await expect(view).toContainText('Showing lines 1–1000 of 70000.');
	await expect(view.locator('.problems')).toContainText('line 1 The first line must be v=0');
	await expect(view.getByRole('button', { name: /Show all \d+ problems/ })).toBeVisible();
	await expect(offerBox(page)).toBeEditable();
	// Binary junk and a line too long are reported too; nothing throws.
	const binary = Array.from({ length: 3000 }, (_, i) =>
		String.fromCharCode(1 + ((i * 7919) % 250))
	).join('');
	await offerBox(page).fill(`v=0\na=${binary}\nm=audio 9 RTP/AVP 0\na=${'x'.repeat(20_000)}`);
	await expect(view.locator('.problems')).toContainText('control or binary characters');
	await expect(view.locator('.problems')).toContainText('Line longer than 16384 characters');
});

/** 2,000 lines: a real offer, then host candidates (as a large gathering would give). */
function twoThousandLines(): string {
	const base = linesOf(fixture('chrome-audio-video-offer.sdp'));
	const candidates = Array.from(
		{ length: 2000 - base.length },
		(_, i) =>
			`a=candidate:${i} 1 udp 2122260223 192.0.2.${i % 250} ${10_000 + i} typ host generation 0`
	);
	return [...base, ...candidates].join('\n');
}

// How long a keystroke blocks the page is measured by scripts/bench-sdp.js (npm run bench: the
// longest task while typing into 2,000 lines), not here: wall-clock limits fail on a busy machine.
// These tests check that large inputs are shown completely (or paged, and said so), that editing
// them works, and that the parsing runs in a worker.
test.describe('large inputs', () => {
	test('a 2,000-line SDP: every line is shown, parsed in a worker, and edits show at once', async ({
		page
	}) => {
		test.slow();
		await openInspector(page);
		const results = page.getByTestId('results');
		await paste(offerBox(page), twoThousandLines());
		const view = page.getByTestId('first-view');
		// Every line, without "Show more".
		await expect(firstLines(page)).toHaveCount(2000);
		await expect(view.getByRole('button', { name: 'Show more lines' })).toHaveCount(0);
		await expect(results).toHaveAttribute('aria-busy', 'false');
		await expect(results).toHaveAttribute('data-runs-in', 'worker');

		// From here: typing at a person's pace, each pause answered by a parse and a re-render.
		await offerBox(page).press('Control+End');
		await offerBox(page).pressSequentially('\na=x-typed:1', { delay: 30 });
		await expect(offerBox(page)).toHaveValue(/a=x-typed:1$/);
		await expect(firstLines(page)).toHaveCount(2001);
		await expect(firstLines(page).last()).toHaveText('a=x-typed:1');
		await expect(results).toHaveAttribute('aria-busy', 'false');
		// One more edit in the middle of the text, and its re-render.
		await offerBox(page).evaluate((box: HTMLTextAreaElement) => box.setSelectionRange(3, 3));
		await offerBox(page).pressSequentially('9', { delay: 30 });
		await expect(firstLines(page).first()).toHaveText('v=09');
		await expect(results).toHaveAttribute('aria-busy', 'false');
		await expect(results).toHaveAttribute('data-runs-in', 'worker');
	});

	/** A megabyte of real SDP: the fixture's m-sections repeated (each copy with its own mids). */
	function megabyteOf(name: string): { text: string; sections: number } {
		const text = fixture(name);
		const start = text.indexOf('m=');
		const session = text.slice(0, start);
		const sections = text.slice(start);
		const perCopy = sections.split('m=').length - 1;
		const copies: string[] = [];
		let size = session.length;
		for (let k = 0; size < 1024 * 1024; k++) {
			const copy = sections.replace(/a=mid:(\S+)/g, (_, mid: string) => `a=mid:${k}-${mid}`);
			copies.push(copy);
			size += copy.length;
		}
		return { text: session + copies.join(''), sections: copies.length * perCopy };
	}

	test('a 1 MB real offer and answer: the page stays responsive and says how it shows them', async ({
		page
	}) => {
		test.slow();
		await openInspector(page);
		const offer = megabyteOf('chrome-audio-video-offer.sdp');
		const answer = megabyteOf('chrome-audio-video-answer.sdp');
		expect(offer.text.length).toBeGreaterThanOrEqual(1024 * 1024);
		await paste(offerBox(page), offer.text);
		await paste(answerBox(page), answer.text);
		const results = page.getByTestId('results');
		await expect(results.getByTestId('large')).toContainText(
			`This SDP has ${linesOf(offer.text).length} lines`,
			{ timeout: 30_000 }
		);
		await expect(results).toHaveAttribute('aria-busy', 'false');
		const diff = page.getByRole('region', { name: 'Offer ↔ answer' });
		await expect(diff.getByTestId('diff-more')).toContainText(
			`Showing 50 of ${offer.sections} m-sections.`
		);
		await expect(firstLines(page)).toHaveCount(1000);
		// Still usable: typing into the answer works, the worker parses, one page of each view.
		await answerBox(page).press('Control+End');
		await answerBox(page).pressSequentially('\na=x-more:1', { delay: 30 });
		await expect(answerBox(page)).toHaveValue(/a=x-more:1$/);
		await expect(results).toHaveAttribute('aria-busy', 'false', { timeout: 30_000 });
		await expect(results).toHaveAttribute('data-runs-in', 'worker');
		await expect(firstLines(page)).toHaveCount(1000);
		await diff.getByRole('button', { name: 'Show 50 more sections' }).click();
		await expect(diff.getByTestId('diff-more')).toContainText(
			`Showing 100 of ${offer.sections} m-sections.`
		);
	});
});

// The shapes an SDP is pasted in (core/sdp/normalise): each is read as the SDP it holds, with a
// note saying how.
const avOffer = fixture('chrome-audio-video-offer.sdp');
const pastedForms: [string, string, string][] = [
	[
		'JSON.stringify(pc.localDescription)',
		JSON.stringify({ type: 'offer', sdp: avOffer }),
		'Unwrapped from JSON {type: "offer"}'
	],
	['a quoted string', JSON.stringify(avOffer), 'Unwrapped from a quoted string literal'],
	['a one-liner with \\r\\n escapes', avOffer.replace(/\r\n/g, '\\r\\n'), 'written-out \\r\\n'],
	['text with a byte order mark', `\uFEFF${avOffer}`, 'Removed a byte order mark'],
	[
		'indented lines',
		linesOf(avOffer)
			.map((line) => `    ${line}`)
			.join('\n'),
		'Every line was indented by 4 spaces'
	],
	['a trailing blank line', `${avOffer}\r\n`, 'Ignored 1 blank line(s) at the end']
];

for (const [form, text, note] of pastedForms) {
	test(`pasted as ${form}: read as the SDP inside, with a note`, async ({ page }) => {
		await openInspector(page);
		await paste(offerBox(page), text);
		const notes = page.getByRole('region', { name: 'SDP: How the pasted text was read' });
		await expect(notes).toContainText(note);
		await expect(firstLines(page)).toHaveText(linesOf(avOffer));
		await expect(page.getByTestId('first-view').locator('.problems')).toHaveCount(0);
	});
}

test('CR-only line endings (they survive only in a link) are read as line breaks', async ({
	page
}) => {
	// A textarea turns a pasted CR into LF; a permalink keeps the text as it was.
	const json = JSON.stringify({ o: avOffer.replace(/\r\n/g, '\r') });
	await openInspector(page, `#p1.${Buffer.from(json).toString('base64url')}`);
	await expect(
		page.getByRole('region', { name: 'SDP: How the pasted text was read' })
	).toContainText('Lines end with CR alone');
	await expect(firstLines(page)).toHaveText(linesOf(avOffer));
});

test('JSON with type answer in the first box and offer in the second: compared the right way round', async ({
	page
}) => {
	await openInspector(page);
	const answer = fixture('chrome-audio-video-answer.sdp');
	await paste(offerBox(page), JSON.stringify({ type: 'answer', sdp: answer }));
	await paste(answerBox(page), JSON.stringify({ type: 'offer', sdp: avOffer }));
	await expect(page.getByTestId('swapped')).toContainText('compared the other way round');
	const diff = page.getByRole('region', { name: 'Offer ↔ answer' });
	await expect(diff.getByTestId('diff-summary')).toContainText('0 error(s)');
	await expect(diff).toContainText('the answerer is the DTLS client');
	await expect(page.getByRole('region', { name: 'Answer', exact: true })).toContainText(
		'a=setup:active'
	);
});

test('blank lines before the SDP: problems keep the line numbers of the pasted text', async ({
	page
}) => {
	await openInspector(page);
	const broken = `\n\n${linesOf(avOffer).join('\n').replace('a=mid:0', 'no equals sign here')}`;
	await paste(offerBox(page), broken);
	const line = broken.split('\n').indexOf('no equals sign here') + 1;
	const view = page.getByTestId('first-view');
	await expect(view.locator('.problems')).toContainText(`line ${line} Not an SDP line`);
	await expect(
		page.getByRole('region', { name: 'SDP: How the pasted text was read' })
	).toContainText('Skipped 2 blank line(s)');
});

test('whole-description lint: a SIP offer cut short says so', async ({ page }) => {
	await openInspector(page);
	const sip = fixture('sip-gateway-audio-offer.sdp');
	await paste(offerBox(page), sip.slice(0, sip.indexOf('a=rtpmap:101')));
	const problems = page.getByTestId('first-view').locator('.problems');
	await expect(problems).toContainText('The SDP seems to end early');
	await expect(problems).toContainText('Payload type 101 on the m= line');
	await expect(problems).toContainText('RFC 8866 §6.6');
});

test('permalink: the SDPs travel in the hash, never reach the server, and come back', async ({
	page,
	context
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	// Every request of both pages, with its body, and the HTML the server renders.
	const sent: string[] = [];
	context.on('request', (request) => sent.push(`${request.url()}\n${request.postData() ?? ''}`));
	await openInspector(page);
	await loadExample(page, 'Example: Chrome audio+video offer/answer');
	const marker = `x-marker-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
	await answerBox(page).press('Control+End');
	await answerBox(page).pressSequentially(`\na=${marker}:yes`);
	const offer = await offerBox(page).inputValue();
	const answer = await answerBox(page).inputValue();

	await page.getByRole('button', { name: 'Copy permalink' }).click();
	await expect(page.getByRole('status')).toHaveText('Link copied to the clipboard.');
	const link = await page.getByLabel('Permalink').inputValue();
	expect(new URL(link).hash).toMatch(/^#d1\.[A-Za-z0-9_-]+&lang=en$/);
	expect(page.url()).toBe(link);
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
	// Compressed: the link is much shorter than the text it carries.
	expect(link.length).toBeLessThan((offer.length + answer.length) / 2);

	const second = await context.newPage();
	await second.goto(link);
	await expect(offerBox(second)).toHaveValue(offer);
	await expect(answerBox(second)).toHaveValue(answer);
	await expect(firstLines(second)).toHaveCount(linesOf(offer).length);
	await expect(second.getByTestId('second-view').getByTestId('line-text').last()).toHaveText(
		`a=${marker}:yes`
	);
	// Neither the text nor any piece of the payload was sent anywhere, and the server's HTML
	// for the page cannot hold it.
	const payload = new URL(link).hash.slice('#d1.'.length).split('&')[0]!;
	const pieces = Array.from({ length: Math.floor(payload.length / 20) }, (_, i) =>
		payload.slice(i * 20, i * 20 + 20)
	);
	expect(sent.length).toBeGreaterThan(0);
	const leaks = sent.filter(
		(request) => request.includes(marker) || pieces.some((piece) => request.includes(piece))
	);
	expect(leaks).toEqual([]);
	const response = await page.request.get(link);
	const html = await response.text();
	expect(html).toContain('SDP');
	expect(html).not.toContain(marker);
	expect(pieces.filter((piece) => html.includes(piece))).toEqual([]);

	// Editing makes the link stale: the address bar drops it (the language stays).
	await answerBox(second).press('Control+End');
	await answerBox(second).pressSequentially('\na=x-after:1');
	await expect.poll(() => new URL(second.url()).hash).toBe('#lang=en');
	await second.reload();
	await expect(offerBox(second)).toBeEnabled();
	await expect(offerBox(second)).toHaveValue('');
	await second.close();
});

test('permalink: addresses can be hidden, and the link carries the language', async ({
	page,
	context,
	browser
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await openInspector(page);
	await loadExample(page, 'Example: Chrome audio+video offer/answer');
	await expect(offerBox(page)).toHaveValue(/127\.0\.0\.1/);
	await page.getByLabel('Language').selectOption('zh-CN');
	await page.getByLabel('在链接中隐藏 IP 地址').check();
	await page.getByRole('button', { name: '复制永久链接' }).click();
	const link = await page.getByLabel('永久链接').inputValue();
	expect(link).toMatch(/&lang=zh-CN$/);

	// A fresh browser (no stored language) opens it in Chinese, addresses hidden.
	const fresh = await browser.newContext();
	const other = await fresh.newPage();
	await other.goto(link);
	const box = other.getByLabel('SDP', { exact: true });
	await expect(box).toHaveValue(/o=- \d+ 2 IN IP4 ip4-1\.hidden/);
	await expect(box).not.toHaveValue(/127\.0\.0\.1/);
	await expect(other.getByRole('heading', { name: 'SDP 检查器' })).toBeVisible();
	await fresh.close();
});

test('/sdp#lang=zh-CN is a language choice, not a broken permalink', async ({ page }) => {
	await openInspector(page, '#lang=zh-CN');
	await expect(page.getByRole('heading', { name: 'SDP 检查器' })).toBeVisible();
	await expect(page.getByRole('alert')).toHaveCount(0);
	// Labels that used to stay English.
	await loadExample(page, '示例：Chrome 音视频 offer/answer');
	await expect(page.getByLabel('应答（answer）SDP', { exact: true })).not.toHaveValue('');
	await expect(page.getByRole('region', { name: '提议（offer）', exact: true })).toBeVisible();
	await expect(page.getByRole('region', { name: '应答（answer）', exact: true })).toBeVisible();
});

test('a damaged permalink is explained, not thrown', async ({ page }) => {
	await openInspector(page, '#d1.not-really-deflate');
	await expect(page.getByRole('alert')).toHaveText(
		'This link could not be opened: it is damaged or too large (decompression failed).'
	);
	await expect(offerBox(page)).toHaveValue('');
	await page.getByLabel('Language').selectOption('zh-CN');
	await expect(page.getByRole('alert')).toHaveText(
		'无法打开这个链接：链接已损坏或过大（解压失败）。'
	);
});

// Each payload calls __xss(n) if it ever runs; none may run, and each must show as text.
const xssPayloads = [
	'<script>__xss(1)</script>',
	'<img src=x onerror=__xss(2)>',
	'<svg onload=__xss(3)>',
	'"><img src=x onerror=__xss(4)>',
	"'><svg/onload=__xss(5)>",
	'<iframe srcdoc="<script>parent.__xss(6)</script>"></iframe>',
	'<body onload=__xss(7)>',
	'<details open ontoggle=__xss(8)>',
	'<a href="javascript:__xss(9)">click</a>',
	'<math><mtext><img src=x onerror=__xss(10)>',
	'{@html "<img src=x onerror=__xss(11)>"}',
	'{__xss(12)}',
	'${__xss(13)}',
	'{{constructor.constructor("__xss(14)")()}}',
	'<img src="x" onerror="__xss(15)">',
	'<input autofocus onfocus=__xss(16)>',
	'<video><source onerror=__xss(17)>',
	'<style>@import "javascript:__xss(18)"</style>',
	'<object data="javascript:__xss(19)">',
	'<embed src="javascript:__xss(20)">',
	'<marquee onstart=__xss(21)>',
	'<select autofocus onfocus=__xss(22)>',
	'<textarea autofocus onfocus=__xss(23)>',
	'</code></li></ol><img src=x onerror=__xss(24)>',
	'--><img src=x onerror=__xss(25)>',
	']]><img src=x onerror=__xss(26)>',
	'<img src=x onerror=&#95;&#95;xss(27)>',
	'<scr<script>ipt>__xss(28)</scr</script>ipt>',
	'<base href="javascript:__xss(29)//">',
	'<meta http-equiv="refresh" content="0;url=javascript:__xss(30)">',
	'<form><button formaction=javascript:__xss(31)>x</button></form>',
	'javascript:__xss(32)',
	'&lt;img src=x onerror=__xss(33)&gt;',
	'<img src=x onerror=alert(34)>'
];

// Where the payloads go: free text, every kind of structured value, unknown lines.
const noSpace = (p: string) => p.replace(/\s/g, '/');
const placements: ((p: string, n: number) => string)[] = [
	(p) => `i=${p}`,
	(p, n) => `a=x-unknown-${n}:${p}`,
	(p) => `a=msid:${noSpace(p)} ${noSpace(p)}`,
	(p, n) => `a=extmap:${n} ${noSpace(p)}`,
	(p) => `a=fmtp:111 ${noSpace(p)}`,
	(p) => `a=candidate:${noSpace(p)} 1 udp 2122194687 ${noSpace(p)} 9 typ host`,
	(p) => `a=ssrc:1 cname:${p}`,
	(p, n) => `a=rtpmap:${96 + n} ${noSpace(p)}/90000`,
	(p) => `a=rid:${noSpace(p)} send`,
	(p) => `y=${p}`,
	(p) => p
];

function xssSdp(): string {
	const lines = [
		'v=0',
		`o=${noSpace(xssPayloads[0]!)} 1 1 IN IP4 0.0.0.0`,
		`s=${xssPayloads[1]}`,
		't=0 0',
		`a=group:BUNDLE ${noSpace(xssPayloads[2]!)}`,
		`a=msid-semantic: WMS ${noSpace(xssPayloads[3]!)}`,
		`m=audio 9 UDP/TLS/RTP/SAVPF 111 ${noSpace(xssPayloads[4]!)}`,
		`a=mid:${noSpace(xssPayloads[2]!)}`,
		`a=ice-ufrag:${noSpace(xssPayloads[5]!)}`,
		`a=fingerprint:sha-256 ${noSpace(xssPayloads[6]!)}`,
		`a=setup:${xssPayloads[7]}`,
		`a=simulcast:send ${noSpace(xssPayloads[8]!)}`,
		`a=sctp-port:${noSpace(xssPayloads[9]!)}`
	];
	xssPayloads.forEach((payload, n) => lines.push(placements[n % placements.length]!(payload, n)));
	return lines.join('\n');
}

test(`XSS corpus (${xssPayloads.length} payloads in SDP values) executes nothing and shows as text`, async ({
	page
}) => {
	const calls: string[] = [];
	await page.exposeFunction('__xssHit', (n: string) => calls.push(n));
	await page.addInitScript(() => {
		const w = window as unknown as Record<string, unknown>;
		w.__xss = (n: unknown) => (w.__xssHit as (n: string) => void)(String(n));
	});
	const dialogs: string[] = [];
	page.on('dialog', (dialog) => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});

	await openInspector(page);
	const sdp = xssSdp();
	const answer = sdp.replace(/a=setup:[^\n]*/, 'a=setup:active');
	await offerBox(page).fill(sdp);
	await answerBox(page).fill(answer);
	await expect(firstLines(page)).toHaveText(linesOf(sdp));
	const results = page.getByTestId('results');
	await expect(results.getByRole('region', { name: 'Offer ↔ answer' })).toBeVisible();

	const injected =
		'img, svg, iframe, script, object, embed, video, source, marquee, math, base, meta, form, input, select, textarea, body, a, [onerror], [onload], [onfocus], [ontoggle], [onstart], [srcdoc]';
	await expect(results.locator(injected)).toHaveCount(0);

	// The structured and raw views render the same values in other places.
	for (const view of ['Structured', 'Raw']) {
		for (const id of ['first-view', 'second-view']) {
			await page.getByTestId(id).getByRole('button', { name: view }).click();
			await expect(page.getByTestId(id).getByRole('button', { name: view })).toHaveAttribute(
				'aria-pressed',
				'true'
			);
		}
		await expect(results.locator(injected)).toHaveCount(0);
	}
	await expect(page.getByTestId('first-view').locator('.raw')).toContainText(xssPayloads[1]!);

	expect(calls).toEqual([]);
	expect(dialogs).toEqual([]);
	expect(await page.evaluate(() => document.querySelectorAll('[onerror], [onload]').length)).toBe(
		0
	);
});

test('the SDP inspector has no serious accessibility violations', async ({ page }) => {
	// axe walks the whole page: seconds per run, more on a busy machine.
	test.slow();
	await openInspector(page);
	const serious = async () =>
		(await new AxeBuilder({ page }).analyze()).violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(await serious()).toEqual([]);
	await loadExample(page, 'Example: Chrome audio+video offer/answer');
	await expect(page.getByRole('region', { name: 'Offer ↔ answer' })).toBeVisible();
	expect(await serious()).toEqual([]);
	await loadExample(page, 'Example: a broken SDP');
	await expect(page.getByTestId('first-view').locator('.problems')).toBeVisible();
	expect(await serious()).toEqual([]);
});
