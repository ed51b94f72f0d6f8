import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { collectErrors, launchBrowser, startServer, type RunningServer } from './support.js';

/** Generated points per second: heavy enough that four charts drawing every frame miss 30 fps. */
const STREAM_RATE = 2000;
/** CPU slowdown factor of Chromium's DevTools CPU throttling. */
const THROTTLE_RATE = 4;
const CHART_COUNT = 4;

const charts = Array.from(
  { length: CHART_COUNT },
  (_, index) =>
    `<obs-chart series-by="source" label="chart ${index + 1}" style="height: 180px"></obs-chart>`,
).join('\n');

// No <obs-perf>: the page reads the level from the exported pageQuality.
const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Quality without a performance panel</title>
    <script type="module">
      import { pageQuality } from '/dist/observatory.min.js';
      window.pageQuality = pageQuality;
      pageQuality.addEventListener('change', (event) => window.recordLevel(event.detail.level));
    </script>
  </head>
  <body>
    <obs-stream id="feed" rate="${STREAM_RATE}" buffer-size="2000000">${charts}</obs-stream>
  </body>
</html>`;

type QualityWindow = Window & { pageQuality: { level: string; fps: number | null } };

/** Waits until the page's level is `level`, or any other level when `other` is set. */
function waitForLevel(page: Page, level: string, timeout: number, other = false): Promise<unknown> {
  return page.waitForFunction(
    ({ level, other }) => {
      const current = (window as unknown as QualityWindow).pageQuality.level;
      return other ? current !== level : current === level;
    },
    { level, other },
    { timeout, polling: 500 },
  );
}

describe('quality under CPU throttling without <obs-perf>', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let cdp: CDPSession;
  let errors: string[];
  const levels: string[] = [];

  before(async () => {
    server = await startServer(['--no-host-metrics']);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    errors = collectErrors(page);
    const url = new URL('quality-throttle.html', server.url).href;
    await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: PAGE }));
    await page.exposeFunction('recordLevel', (level: string) => levels.push(level));
    await page.goto(url);
    await page.waitForFunction(
      () => (window as unknown as QualityWindow).pageQuality.fps !== null,
      undefined,
      {
        timeout: 30_000,
      },
    );
    cdp = await page.context().newCDPSession(page);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('has no performance panel', async () => {
    const panels = await page.evaluate(() => document.querySelectorAll('obs-perf').length);

    assert.equal(panels, 0);
  });

  it('runs at high without throttling', async () => {
    // Page start-up can cost a few slow frames; the level recovers from those within seconds.
    await waitForLevel(page, 'high', 30_000);
    levels.length = 0;
  });

  it('lowers the level when the CPU is throttled', async () => {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE_RATE });

    await waitForLevel(page, 'high', 30_000, true);

    assert.ok(levels.length > 0, 'no change event was fired');
    assert.notEqual(levels[0], 'high');
  });

  it('returns to high when the load goes away', async () => {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

    await waitForLevel(page, 'high', 90_000);

    assert.equal(levels.at(-1), 'high');
  });

  it('logs no errors', () => {
    assert.deepEqual(errors, []);
  });
});
