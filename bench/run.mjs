// Runs the benchmarks and writes bench/results/latest.json.
//
// Usage: node bench/run.mjs [core] [chart] [grid] [perf] [ingest]   (default: all of them)
//
// The core benchmarks run in Node and in headless Chromium; their flat
// `metrics` hold Chromium's numbers under the plain names and Node's under
// `node_` names. The chart, grid and perf benchmarks (bench/chart-bench.mjs,
// bench/grid-bench.mjs, bench/perf-overhead.mjs) run in Chromium and add
// their metrics as they name them.
// A suite that fails is reported under `errors`, and the others still run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { runChromiumBenchmarks } from './chromium-bench.mjs';

const SUITES = {
  core: runCore,
  chart: () => runElementSuite('./chart-bench.mjs', 'runChartBenchmarks'),
  grid: () => runElementSuite('./grid-bench.mjs', 'runGridBenchmarks'),
  perf: () => runElementSuite('./perf-overhead.mjs', 'runPerfBenchmarks'),
  ingest: runIngest,
};

/** Runs the server-to-store ingest benchmark (10 s per encoding) and reads its results file. */
function runIngest() {
  const result = spawnSync(process.execPath, ['bench/ingest-bench.mjs', '10'], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    throw new Error(`The ingest benchmark failed with exit code ${result.status}.`);
  }
  return JSON.parse(readFileSync('bench/results/ingest.json', 'utf8'));
}

function runNode() {
  const script = `
    const { runNodeBenchmarks } = await import('./bench/node-bench.ts');
    process.stdout.write(JSON.stringify(runNodeBenchmarks()));
  `;
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--expose-gc', '--input-type=module', '-e', script],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.status !== 0) {
    console.error(result.stderr);
    throw new Error(`The Node benchmarks failed with exit code ${result.status}.`);
  }
  return JSON.parse(result.stdout);
}

async function runCore() {
  const node = runNode();
  const chromium = await runChromiumBenchmarks();
  const metrics = { ...chromium.metrics };
  for (const [name, value] of Object.entries(node)) metrics[`node_${name}`] = value;
  return { metrics, version: chromium.version };
}

/** Runs an element benchmark module when it exists, or returns null. */
async function runElementSuite(path, exportName) {
  if (!existsSync(new URL(path, import.meta.url))) return null;
  const module = await import(path);
  return module[exportName]();
}

const requested = process.argv.slice(2);
for (const name of requested) {
  if (!(name in SUITES)) {
    console.error(`Unknown benchmark suite '${name}'; use ${Object.keys(SUITES).join(', ')}.`);
    process.exit(2);
  }
}

const metrics = {};
const errors = [];
let chromiumVersion;
for (const name of requested.length > 0 ? requested : Object.keys(SUITES)) {
  try {
    const result = await SUITES[name]();
    if (result === null) continue;
    chromiumVersion ??= result.version;
    for (const [metric, value] of Object.entries(result.metrics)) {
      // A name another suite already wrote keeps both values apart.
      metrics[metric in metrics ? `${name}_${metric}` : metric] = value;
    }
  } catch (error) {
    console.error(`The ${name} benchmarks failed:`, error);
    errors.push({ suite: name, message: String(error?.message ?? error) });
  }
}

const report = {
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
    node: process.version,
    chromium: chromiumVersion,
  },
  metrics,
};
if (errors.length > 0) report.errors = errors;
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', `${JSON.stringify(report, null, 2)}\n`);
console.log(JSON.stringify(report, null, 2));
if (errors.length > 0) process.exitCode = 1;
