// node shot.mjs <url-path> <out-prefix> [steps] [w] [h] [lang] [projector] [tab]
import { chromium } from '@playwright/test';
import { executablePath, chromiumArgs } from '/work/main/scripts/chromium.js';
const [path = '/lab', out = 'lab', steps = '3', w = '1280', h = '720', lang = 'en', proj = '0', tab = ''] = process.argv.slice(2);
const base = process.env.BASE ?? 'http://127.0.0.1:5173';
const browser = await chromium.launch({ executablePath, args: chromiumArgs });
const context = await browser.newContext({ viewport: { width: +w, height: +h } });
await context.addInitScript(([p, l]) => {
	localStorage.setItem('webrtc-lab.projector.v1', p === '1' ? 'on' : 'off');
	localStorage.setItem('PARAGLIDE_LOCALE', l);
}, [proj, lang]);
const page = await context.newPage();
page.on('pageerror', (e) => console.log('pageerror', e.message));
page.on('console', (m) => m.type() === 'error' && console.log('console', m.text()));
await page.goto(base + path);
await page.waitForSelector('.lab[data-state="idle"]');
await page.waitForTimeout(1500);
for (let i = 0; i < +steps; i++) {
	await page.locator('.lab .controls button').first().click();
	await page.waitForTimeout(700);
}
if (tab) await page.getByRole('tab', { name: new RegExp(tab) }).click();
await page.waitForTimeout(500);
await page.screenshot({ path: `/work/wt/_notes/shots/${out}.png` });
const height = await page.evaluate(() => document.documentElement.scrollHeight);
console.log(out, 'page height', height, 'state', await page.locator('.lab').getAttribute('data-state'));
await browser.close();
