import { chromium } from '@playwright/test';
import { executablePath, chromiumArgs } from '/work/main/scripts/chromium.js';
const browser = await chromium.launch({ executablePath, args: chromiumArgs });
const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
await context.addInitScript(() => { localStorage.setItem('webrtc-lab.projector.v1', 'on'); });
const page = await context.newPage();
await page.goto('http://127.0.0.1:5173/lab');
await page.waitForSelector('.lab[data-state="idle"]');
await page.waitForTimeout(1500);
for (const sel of ['.where', '.machine-state', '[data-testid=state-strip]', '[role=tablist]', '.panel.fit'])
  console.log(sel, JSON.stringify(await page.locator(sel).first().boundingBox()));
await browser.close();
