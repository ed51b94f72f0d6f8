// Runs the <obs-grid> benchmark in headless Chromium and, as a script, writes
// bench/results/grid.json. bench/run.mjs can import runGridBenchmarks instead.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from '../scripts/chromium.mjs';

const MILLION = 1_000_000;
const TEN_MILLION = 10_000_000;

async function bundle() {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./grid-entry.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
  });
  return result.outputFiles[0].text;
}

/** JS heap plus array buffers after two forced collections, in bytes. */
async function heapBytes(page, cdp) {
  await page.evaluate(() => {
    globalThis.gc();
    globalThis.gc();
  });
  const usage = await cdp.send('Runtime.getHeapUsage');
  return usage.usedSize + (usage.backingStorageSize ?? 0);
}

/** Drags the scrollbar thumb of the grid from the top to past the bottom with the mouse. */
async function dragScrollbar(page) {
  const bar = await page.evaluate(() => globalThis.gridBench.scrollbar());
  if (bar.width === 0) throw new Error('The grid shows no scrollbar to drag.');
  // Classic scrollbars may have an arrow button above the thumb.
  await page.mouse.move(bar.x, bar.top + bar.width + 3);
  await page.mouse.down();
  for (let step = 1; step <= 10; step++) {
    await page.mouse.move(bar.x, bar.top + ((bar.bottom + 200 - bar.top) * step) / 10);
  }
  await page.mouse.up();
  return page.evaluate(() => globalThis.gridBench.settle());
}

/**
 * Runs every grid benchmark and returns `{metrics, version}`. Over 1,000,000
 * rows it measures scroll frame times and row elements, sorting time and its
 * longest frame, and heap growth over a long scroll and over re-adding the
 * grid. Over 10,000,000 rows it records the highest row reached by scrollbar
 * drag, End and scrollToIndex.
 */
export async function runGridBenchmarks({ scrollSeconds = 5, pixelsPerSecond = 3000 } = {}) {
  const browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: [...chromiumArgs(), '--js-flags=--expose-gc'],
    // Headless Chromium hides scrollbars by default, and the drag needs one.
    ignoreDefaultArgs: ['--hide-scrollbars'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => console.error(`pageerror: ${error.message}`));
    await page.setContent('<!doctype html><title>grid benchmark</title><body></body>');
    await page.addScriptTag({ content: await bundle() });
    const cdp = await page.context().newCDPSession(page);
    const metrics = {};

    await page.evaluate((n) => globalThis.gridBench.mount(n), MILLION);
    await page.evaluate(() => globalThis.gridBench.scroll(0.5, 3000));
    Object.assign(metrics, await page.evaluate((s) => globalThis.gridBench.idle(s), scrollSeconds));
    const beforeScroll = await heapBytes(page, cdp);
    Object.assign(
      metrics,
      await page.evaluate(
        ([seconds, speed]) => globalThis.gridBench.scroll(seconds, speed),
        [scrollSeconds, pixelsPerSecond],
      ),
    );
    metrics.grid_heap_growth_scroll_kb = ((await heapBytes(page, cdp)) - beforeScroll) / 1024;
    await page.evaluate(() => globalThis.gridBench.remount(5));
    const beforeRemount = await heapBytes(page, cdp);
    await page.evaluate(() => globalThis.gridBench.remount(50));
    metrics.grid_heap_growth_remount_50_kb = ((await heapBytes(page, cdp)) - beforeRemount) / 1024;
    Object.assign(metrics, await page.evaluate(() => globalThis.gridBench.sort()));
    await page.evaluate(() => globalThis.gridBench.unmount());

    await page.evaluate((n) => globalThis.gridBench.mount(n), TEN_MILLION);
    const last = TEN_MILLION - 1;
    metrics.grid_max_row_reached_drag = await dragScrollbar(page);
    await page.evaluate(() => globalThis.gridBench.top());
    metrics.grid_max_row_reached_end = await page.evaluate(() => globalThis.gridBench.end());
    await page.evaluate(() => globalThis.gridBench.top());
    metrics.grid_max_row_reached_scroll_to_index = await page.evaluate(
      (index) => globalThis.gridBench.scrollToIndex(index),
      last,
    );
    metrics.grid_max_row_reached = Math.min(
      metrics.grid_max_row_reached_drag,
      metrics.grid_max_row_reached_end,
      metrics.grid_max_row_reached_scroll_to_index,
    );
    await page.evaluate(() => globalThis.gridBench.unmount());
    return { metrics, version: browser.version() };
  } finally {
    await browser.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { metrics, version } = await runGridBenchmarks();
  const report = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
      node: process.version,
      chromium: version,
    },
    metrics,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/grid.json', `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
}
