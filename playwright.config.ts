import { defineConfig } from '@playwright/test';
// The machine's Chromium (CHROMIUM_PATH, /usr/bin/chromium, or Playwright's own) and its flags.
import { chromiumArgs, executablePath } from './scripts/chromium.js';

export { chromiumArgs };

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
