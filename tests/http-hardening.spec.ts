import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

// The site's HTTP edges against a hostile page or client: who may get TURN credentials
// (Host/Origin, shared with /signal), who may frame the lab (CSP frame-ancestors), and what a
// malformed room address answers (a page naming the problem, never an exception).

const port = (baseURL: string | undefined) =>
	Number(new URL(baseURL ?? 'http://127.0.0.1:4173').port);

/** A GET with headers fetch() will not let a page set (Host), straight over TCP. */
function get(
	baseURL: string | undefined,
	path: string,
	headers: Record<string, string>
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
	return new Promise((resolve, reject) => {
		const req = httpRequest({ host: '127.0.0.1', port: port(baseURL), path, headers }, (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk: string) => (body += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
		});
		req.on('error', reject);
		req.end();
	});
}

/** Drops the console errors a test expects (a 400 document, a refused frame); keeps the rest. */
function expectOnly(errors: string[], expected: RegExp) {
	const unexpected = errors.filter((e) => !expected.test(e));
	errors.splice(0, errors.length, ...unexpected);
}

test('GET /api/ice-servers refuses a foreign Host or Origin (DNS rebinding) with 403 and serves its own names', async ({
	baseURL
}) => {
	const p = port(baseURL);
	const foreign = await get(baseURL, '/api/ice-servers', { Host: `evil.example:${p}` });
	expect(foreign.status).toBe(403);
	expect(foreign.body).toContain('Host');
	expect(foreign.body).not.toContain('turn:');
	const crossOrigin = await get(baseURL, '/api/ice-servers', {
		Host: `127.0.0.1:${p}`,
		Origin: 'https://evil.example'
	});
	expect(crossOrigin.status).toBe(403);
	for (const host of [`127.0.0.1:${p}`, `localhost:${p}`]) {
		const own = await get(baseURL, '/api/ice-servers', { Host: host });
		expect(own.status, host).toBe(200);
		expect(JSON.parse(own.body)).toHaveProperty('iceServers');
	}
});

test('another origin cannot frame a room page; the same origin can; every HTML response says frame-ancestors', async ({
	page,
	baseURL,
	consoleErrors
}) => {
	const p = port(baseURL);
	const target = `http://127.0.0.1:${p}/remote/framed-room`;
	// Static files get the header from scripts/start.js, which `vite dev` (TEST_DEV) does not run.
	const staticFiles = process.env.TEST_DEV ? [] : ['/bench/two-peers.html'];
	for (const path of ['/remote/framed-room', '/', '/no-such-page', ...staticFiles]) {
		const response = await get(baseURL, path, { Host: `127.0.0.1:${p}` });
		expect(response.headers['content-security-policy'], path).toContain("frame-ancestors 'self'");
	}

	// Another origin: a page on another port of this machine (a public page would meet Chrome's
	// local-network checks first) frames the room.
	const framerHtml = `<!doctype html><title>framer</title><iframe src="${target}" width="800" height="600"></iframe>`;
	const framer = createServer((_req, res) => {
		res.setHeader('content-type', 'text/html');
		res.end(framerHtml);
	});
	await new Promise<void>((resolve) => framer.listen(0, '127.0.0.1', resolve));
	try {
		const refused = page.waitForEvent('console', (m) => /frame-ancestors/.test(m.text()));
		await page.goto(`http://127.0.0.1:${(framer.address() as AddressInfo).port}/`);
		await refused;
		await expect(page.frameLocator('iframe').getByTestId('signaling-status')).toHaveCount(0);
		expectOnly(consoleErrors, /frame-ancestors/);
	} finally {
		framer.close();
	}

	// The control: the same page on the room's own origin shows it.
	await page.route(`http://127.0.0.1:${p}/framer-test-page`, (route) =>
		route.fulfill({ status: 200, contentType: 'text/html', body: framerHtml })
	);
	await page.goto(`http://127.0.0.1:${p}/framer-test-page`);
	await expect(page.frameLocator('iframe').getByTestId('signaling-status')).toBeVisible();
});

test('a malformed room address answers a 400 page that names the problem, and nothing throws', async ({
	page,
	consoleErrors
}) => {
	const cases: [path: string, text: RegExp][] = [
		['/remote/%%', /contains a “%” that does not start a valid percent-encoded character/],
		['/remote/%E0%A4%A', /contains a “%” that does not start a valid percent-encoded character/],
		['/remote/a%0Ab', /contains a control character \(U\+000A\)/],
		[`/remote/${'x'.repeat(100)}`, /is 100 characters long; at most 64 are allowed/],
		['/remote/caf%C3%A9', /contains “é”, which is not allowed/]
	];
	for (const [path, text] of cases) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(400);
		await expect(page.locator('main'), path).toContainText(text);
		await expect(page.locator('main'), path).toContainText('A room id is 1–64 characters');
	}
	// Only the documents' own 400 status is reported in the console; no exception.
	expectOnly(consoleErrors, /status of 400/);
});
