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

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Quality under CPU throttling</title>
    <script type="module" src="/dist/observatory.min.js"></script>
  </head>
  <body>
    <obs-perf></obs-perf>
    <obs-stream id="feed" rate="${STREAM_RATE}" buffer-size="2000000">${charts}</obs-stream>
  </body>
</html>`;

interface PerfState {
  level: string;
  fps: number | null;
}

type PerfElement = HTMLElement & { level: string; metrics: { fps: number | null } | null };
type StreamElement = HTMLElement & {
  receivedCount: number;
  disconnect(): void;
  store: { size: number; duplicates: number; capacity: number };
};

function readPerf(page: Page): Promise<PerfState> {
  return page.evaluate(() => {
    const perf = document.querySelector('obs-perf') as PerfElement;
    return { level: perf.level, fps: perf.metrics?.fps ?? null };
  });
}

describe('quality under CPU throttling', () => {
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
    const url = new URL('perf-throttle.html', server.url).href;
    await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: PAGE }));
    await page.exposeFunction('recordLevel', (level: string) => levels.push(level));
    await page.goto(url);
    await page.waitForFunction(() => {
      const perf = document.querySelector('obs-perf') as PerfElement | null;
      return perf?.metrics?.fps !== undefined && perf.metrics.fps !== null;
    });
    await page.evaluate(() => {
      const record = (window as unknown as { recordLevel(level: string): void }).recordLevel;
      document.addEventListener('obs-quality-change', (event) => record(event.detail.level));
    });
    cdp = await page.context().newCDPSession(page);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('runs at high without throttling', async () => {
    // Page start-up can cost a few slow frames; the level recovers from those within seconds.
    await page.waitForFunction(
      () => (document.querySelector('obs-perf') as PerfElement).level === 'high',
      undefined,
      { timeout: 30_000, polling: 500 },
    );
    levels.length = 0;
    const { level } = await readPerf(page);

    assert.equal(level, 'high');
  });

  it('lowers the level when the CPU is throttled', async () => {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE_RATE });

    await page.waitForFunction(
      () => (document.querySelector('obs-perf') as PerfElement).level !== 'high',
      undefined,
      { timeout: 30_000, polling: 500 },
    );

    assert.ok(levels.length > 0, 'no obs-quality-change event was fired');
  });

  it('brings the frame rate back above 30 while throttled', async () => {
    await page.waitForFunction(
      () => {
        const perf = document.querySelector('obs-perf') as PerfElement;
        return perf.level !== 'high' && (perf.metrics?.fps ?? 0) > 30;
      },
      undefined,
      { timeout: 60_000, polling: 500 },
    );
    const state = await readPerf(page);

    assert.ok(state.fps! > 30, `frame rate ${state.fps}`);
    assert.notEqual(state.level, 'high');
  });

  it('keeps every received point in the store', async () => {
    const counts = await page.evaluate(() => {
      const stream = document.getElementById('feed') as StreamElement;
      // Disconnecting appends the points still queued, so the counts can be compared exactly.
      stream.disconnect();
      const { size, duplicates, capacity } = stream.store;
      return { received: stream.receivedCount, size, duplicates, capacity };
    });

    assert.ok(counts.received > STREAM_RATE * 5, `only ${counts.received} points were received`);
    assert.ok(counts.received < counts.capacity, 'the test stream outgrew the store');
    assert.equal(counts.duplicates, 0);
    assert.equal(counts.size, counts.received);
  });

  it('returns to high when the load goes away', async () => {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

    await page.waitForFunction(
      () => (document.querySelector('obs-perf') as PerfElement).level === 'high',
      undefined,
      { timeout: 90_000, polling: 500 },
    );

    assert.equal(levels.at(-1), 'high');
  });

  it('logs no errors', () => {
    assert.deepEqual(errors, []);
  });
});
