// Runs the core benchmarks in headless Chromium: bundles bench/browser-entry.ts
// with esbuild, loads it into a blank page and measures heap growth over CDP.
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from '../scripts/chromium.mjs';

async function bundle() {
  const result = await build({
    entryPoints: ['bench/browser-entry.ts'],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/**
 * JS heap plus array buffer backing stores, after two forced collections.
 * Typed arrays live outside the JS heap, so the heap alone would hide most of
 * the store.
 */
async function heapBytes(page, cdp) {
  await page.evaluate(() => {
    globalThis.gc();
    globalThis.gc();
  });
  const usage = await cdp.send('Runtime.getHeapUsage');
  return { heap: usage.usedSize, backing: usage.backingStorageSize ?? 0 };
}

async function bytesPerPoint(page, cdp, kind) {
  // A first fill compiles the code and creates one-time tables, so the measured
  // fill only adds what the store holds.
  await page.evaluate((k) => globalThis.observatoryBench.fill(k), kind);
  await page.evaluate(() => globalThis.observatoryBench.release());
  const before = await heapBytes(page, cdp);
  const count = await page.evaluate((k) => globalThis.observatoryBench.fill(k), kind);
  const after = await heapBytes(page, cdp);
  await page.evaluate(() => globalThis.observatoryBench.release());
  const heap = (after.heap - before.heap) / count;
  const backing = (after.backing - before.backing) / count;
  return { heap, backing, total: heap + backing };
}

/** Returns Chromium's metrics and its version. */
export async function runChromiumBenchmarks() {
  const executablePath = findChromium();
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [...chromiumArgs(), '--js-flags=--expose-gc'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><title>core benchmark</title>');
    await page.addScriptTag({ content: await bundle() });
    const cdp = await page.context().newCDPSession(page);
    const store = await bytesPerPoint(page, cdp, 'store');
    const peer = await bytesPerPoint(page, cdp, 'peer');
    const metrics = await page.evaluate(() => globalThis.observatoryBench.runCoreBenchmarks());
    Object.assign(metrics, {
      bytes_per_point_1m: store.total,
      bytes_per_point_1m_js_heap: store.heap,
      bytes_per_point_1m_array_buffers: store.backing,
      peer_bytes_per_point_1m: peer.total,
    });
    return { metrics, version: browser.version() };
  } finally {
    await browser.close();
  }
}
