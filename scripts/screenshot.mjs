// Saves a full-page screenshot of a page, for looking at what a change did:
// node scripts/screenshot.mjs URL OUTPUT.png [WAIT_MS]
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from './chromium.mjs';

const [url, output, wait = '4000'] = process.argv.slice(2);
if (!url || !output) {
  console.error('usage: node scripts/screenshot.mjs URL OUTPUT.png [WAIT_MS]');
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs() });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.on('console', (message) => {
  if (message.type() === 'error' || message.type() === 'warning') {
    console.log(`${message.type()}: ${message.text()}`);
  }
});
page.on('pageerror', (error) => console.log(`pageerror: ${error.message}`));
await page.goto(url);
await page.waitForTimeout(Number(wait));
await page.screenshot({ path: output, fullPage: true });
await browser.close();
