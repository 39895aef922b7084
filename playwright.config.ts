import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

// Tests use the machine's Chromium: CHROMIUM_PATH wins, then Debian's /usr/bin/chromium, then
// Playwright's own downloaded browser (on machines where `npx playwright install` works).
const executablePath =
	process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export const chromiumArgs = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--use-fake-device-for-media-stream',
	'--use-fake-ui-for-media-stream',
	'--autoplay-policy=no-user-gesture-required'
];

const port = Number(process.env.TEST_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests',
	testMatch: '**/*.spec.ts',
	fullyParallel: true,
	workers: 2,
	retries: 0,
	timeout: 30_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? 'list' : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		launchOptions: { executablePath, args: chromiumArgs },
		trace: 'retain-on-failure'
	},
	// TEST_DEV=1 runs against `vite dev` instead of the production build: quicker while working,
	// and it leaves build/ alone. CI always tests the build.
	webServer: {
		command: process.env.TEST_DEV
			? `npx vite dev --port ${port} --strictPort --host 127.0.0.1`
			: 'node scripts/start.js',
		env: { PORT: String(port), HOST: '127.0.0.1' },
		url: `http://127.0.0.1:${port}/`,
		reuseExistingServer: !process.env.CI,
		timeout: 180_000
	}
});
