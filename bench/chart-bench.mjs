// Runs the chart benchmark in headless Chromium: <obs-chart> against uPlot on
// the same data and canvas size in one page. As a script it writes
// bench/results/chart.json; bench/run.mjs can import runChartBenchmarks.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from '../scripts/chromium.mjs';

const require = createRequire(import.meta.url);

/** Both charts draw on a 1200 x 400 CSS pixel canvas; the legend of <obs-chart> sits below it. */
const PAGE_CSS = `
  body { margin: 0; }
  obs-chart { width: 1200px; height: auto; }
  obs-chart::part(plot) { flex: none; height: 400px; }
`;

async function bundle() {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./chart-entry.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
  });
  return result.outputFiles[0].text;
}

/**
 * Runs every chart benchmark and returns `{metrics, version}`: medians of
 * first render and update at 1,000,000 and 100,000 points for both charts,
 * streaming frame rates, and the cost of a pointer move.
 */
export async function runChartBenchmarks({ runs = 7, streamSeconds = 10, moves = 200 } = {}) {
  const browser = await chromium.launch({
    executablePath: findChromium(),
    headless: true,
    args: chromiumArgs(),
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.on('pageerror', (error) => console.error(`pageerror: ${error.message}`));
    await page.setContent('<!doctype html><title>chart benchmark</title><body></body>');
    await page.addStyleTag({
      content: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
    });
    await page.addStyleTag({ content: PAGE_CSS });
    await page.addScriptTag({ content: await bundle() });
    const metrics = {};
    for (const count of [100_000, 1_000_000]) {
      Object.assign(
        metrics,
        await page.evaluate(([n, r]) => globalThis.chartBench.renderAndUpdate(n, r), [count, runs]),
      );
    }
    Object.assign(metrics, await page.evaluate(() => globalThis.chartBench.idleFrames(3)));
    Object.assign(
      metrics,
      await page.evaluate(
        ([seconds]) => globalThis.chartBench.stream(1_000_000, 10_000, seconds),
        [streamSeconds],
      ),
    );
    Object.assign(
      metrics,
      await page.evaluate(([m]) => globalThis.chartBench.hover(1_000_000, m), [moves]),
    );
    metrics.chart_update_1m_ratio = metrics.chart_update_1m_ms / metrics.uplot_update_1m_ms;
    metrics.chart_first_render_1m_ratio =
      metrics.chart_first_render_1m_ms / metrics.uplot_first_render_1m_ms;
    return { metrics, version: browser.version() };
  } finally {
    await browser.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { metrics, version } = await runChartBenchmarks();
  const report = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
      node: process.version,
      chromium: version,
    },
    metrics,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/chart.json', `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
}
