import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  openThrottleSession,
  STREAM_RATE,
  THROTTLE_RATE,
  throttlePage,
  type ThrottleSession,
} from './throttle-support.js';

const PAGE = throttlePage(
  'Quality under CPU throttling',
  '<script type="module" src="/dist/observatory.min.js"></script>',
  '<obs-perf></obs-perf>',
);

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
  let session: ThrottleSession;
  let page: Page;

  before(async () => {
    session = await openThrottleSession('perf-throttle.html', PAGE);
    page = session.page;
    await page.waitForFunction(() => {
      const perf = document.querySelector('obs-perf') as PerfElement | null;
      return perf?.metrics?.fps !== undefined && perf.metrics.fps !== null;
    });
    await page.evaluate(() => {
      const record = (window as unknown as { recordLevel(level: string): void }).recordLevel;
      document.addEventListener('obs-quality-change', (event) => record(event.detail.level));
    });
  });

  after(async () => {
    await session?.close();
  });

  it('runs at high without throttling', async () => {
    // Page start-up can cost a few slow frames; the level recovers from those within seconds.
    await page.waitForFunction(
      () => (document.querySelector('obs-perf') as PerfElement).level === 'high',
      undefined,
      { timeout: 30_000, polling: 500 },
    );
    session.levels.length = 0;
    const { level } = await readPerf(page);

    assert.equal(level, 'high');
  });

  it('lowers the level when the CPU is throttled', async () => {
    await session.throttle(THROTTLE_RATE);

    await page.waitForFunction(
      () => (document.querySelector('obs-perf') as PerfElement).level !== 'high',
      undefined,
      { timeout: 30_000, polling: 500 },
    );

    assert.ok(session.levels.length > 0, 'no obs-quality-change event was fired');
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
    await session.throttle(1);

    await page.waitForFunction(
      () => (document.querySelector('obs-perf') as PerfElement).level === 'high',
      undefined,
      { timeout: 90_000, polling: 500 },
    );

    assert.equal(session.levels.at(-1), 'high');
  });

  it('logs no errors', () => {
    assert.deepEqual(session.errors, []);
  });
});
