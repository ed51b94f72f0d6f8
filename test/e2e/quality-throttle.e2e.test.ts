import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  openThrottleSession,
  THROTTLE_RATE,
  throttlePage,
  type ThrottleSession,
} from './throttle-support.js';

// No <obs-perf>: the page reads the level from the exported pageQuality.
const PAGE = throttlePage(
  'Quality without a performance panel',
  `<script type="module">
      import { pageQuality } from '/dist/observatory.min.js';
      window.pageQuality = pageQuality;
      pageQuality.addEventListener('change', (event) => window.recordLevel(event.detail.level));
    </script>`,
);

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
  let session: ThrottleSession;
  let page: Page;

  before(async () => {
    session = await openThrottleSession('quality-throttle.html', PAGE);
    page = session.page;
    await page.waitForFunction(
      () => (window as unknown as QualityWindow).pageQuality.fps !== null,
      undefined,
      { timeout: 30_000 },
    );
  });

  after(async () => {
    await session?.close();
  });

  it('has no performance panel', async () => {
    const panels = await page.evaluate(() => document.querySelectorAll('obs-perf').length);

    assert.equal(panels, 0);
  });

  it('runs at high without throttling', async () => {
    // Page start-up can cost a few slow frames; the level recovers from those within seconds.
    await waitForLevel(page, 'high', 30_000);
    session.levels.length = 0;
  });

  it('lowers the level when the CPU is throttled', async () => {
    await session.throttle(THROTTLE_RATE);

    await waitForLevel(page, 'high', 30_000, true);

    assert.ok(session.levels.length > 0, 'no change event was fired');
    assert.notEqual(session.levels[0], 'high');
  });

  it('returns to high when the load goes away', async () => {
    await session.throttle(1);

    await waitForLevel(page, 'high', 90_000);

    assert.equal(session.levels.at(-1), 'high');
  });

  it('logs no errors', () => {
    assert.deepEqual(session.errors, []);
  });
});
