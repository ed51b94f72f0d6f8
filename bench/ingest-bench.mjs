// Measures how many points per second reach an <obs-stream>'s store in headless Chromium
// from observatory-server on loopback, for each encoding, and writes bench/results/ingest.json.
// The server replays a generated NDJSON file with --loop --speed max, so it sends as fast as
// the page reads. Run: node bench/ingest-bench.mjs [seconds per encoding, default 10]
// INGEST_DEBUG=1 also prints the server's log. INGEST_ENCODINGS=binary,columnar measures only
// those encodings, and INGEST_SERVER_FLAGS='--cpu-prof --cpu-prof-dir=DIR' passes Node flags to the
// server, for profiling it while the page reads.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from '../scripts/chromium.mjs';

const ENCODINGS = (process.env.INGEST_ENCODINGS ?? 'json,columnar,binary').split(',');
const SECONDS = Number(process.argv[2] ?? 10);
/** Points in the replayed file; the replay loops over them. */
const FILE_POINTS = 30_000;
const CATEGORIES = ['cpu', 'memory', 'network', 'latency', 'errors'];
const SOURCES = ['web-1', 'web-2', 'db-1'];

/** Writes an NDJSON replay file shaped like the generator's output. */
function writeReplayFile(folder) {
  const lines = [];
  const start = Date.UTC(2024, 4, 1);
  for (let i = 0; i < FILE_POINTS; i++) {
    const category = CATEGORIES[i % CATEGORIES.length];
    const source = SOURCES[Math.floor(i / CATEGORIES.length) % SOURCES.length];
    const point = {
      id: `bench-${i}`,
      timestamp: start + i * 10,
      value: Math.round(Math.abs(Math.sin(i / 500)) * 100_000) / 1000,
      category,
      source,
      metadata: { unit: category === 'cpu' ? 'percent' : 'count' },
    };
    lines.push(JSON.stringify(point));
  }
  const file = join(folder, 'bench.ndjson');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Starts the server from source and resolves with its port once it prints its URL. */
function startServer(file) {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.INGEST_SERVER_FLAGS ?? '').split(' ').filter((flag) => flag !== ''),
      '--import',
      'tsx',
      'src/server/cli.ts',
      '--port',
      '0',
      '--replay',
      file,
      '--loop',
      '--speed',
      'max',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    if (process.env.INGEST_DEBUG) process.stderr.write(chunk);
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /Observatory demo: http:\/\/[^:]+:(\d+)\//.exec(stdout);
      if (match !== null) resolve({ child, port: Number(match[1]) });
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${stderr}`)));
  });
}

async function bundle() {
  const result = await build({
    entryPoints: ['bench/ingest-entry.ts'],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return result.outputFiles[0].text;
}

/** Seconds the page's main thread spent running tasks, from the DevTools protocol. */
async function busySeconds(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? NaN;
}

/**
 * Runs one encoding in a fresh page. Besides points per second of wall time it records the
 * main thread's busy time, because on a shared machine the wall time also counts the time
 * other processes held the CPU.
 */
async function measure(browser, script, port, encoding) {
  const page = await browser.newPage();
  page.on('console', (message) => console.error(`[page] ${message.text()}`));
  try {
    await page.setContent('<!doctype html><title>ingest benchmark</title>');
    await page.addScriptTag({ content: script });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const busyBefore = await busySeconds(cdp);
    const result = await page.evaluate(
      ([url, name, ms]) => globalThis.observatoryIngest.run(url, name, ms),
      [`ws://127.0.0.1:${port}/ws`, encoding, SECONDS * 1000],
    );
    return { ...result, busySeconds: (await busySeconds(cdp)) - busyBefore };
  } finally {
    await page.close();
  }
}

const folder = mkdtempSync(join(os.tmpdir(), 'observatory-ingest-'));
const { child, port } = await startServer(writeReplayFile(folder));
const browser = await chromium.launch({
  executablePath: findChromium(),
  headless: true,
  args: chromiumArgs(),
});
try {
  const script = await bundle();
  const metrics = {};
  const details = {};
  for (const encoding of ENCODINGS) {
    const result = await measure(browser, script, port, encoding);
    metrics[`ingest_${encoding}_points_per_s`] = Math.round(result.points / result.seconds);
    metrics[`ingest_${encoding}_points_per_busy_s`] = Math.round(
      result.points / result.busySeconds,
    );
    details[encoding] = result;
  }
  const report = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model,
      loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
      node: process.version,
      chromium: browser.version(),
    },
    method: `observatory-server --replay (${FILE_POINTS} points) --loop --speed max on loopback; <obs-stream buffer-size=1000000> in headless Chromium; points appended to its store over ${SECONDS} s per encoding; per_busy_s divides by the seconds the page's main thread was busy, which also counts connecting and waiting for the first point`,
    metrics,
    details,
  };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync('bench/results/ingest.json', `${JSON.stringify(report, null, 2)}\n`);
  console.log(JSON.stringify(report, null, 2));
} finally {
  await browser.close();
  child.kill('SIGTERM');
  rmSync(folder, { recursive: true, force: true });
}
