// Runs the core benchmarks in Node and in headless Chromium and writes
// bench/results/latest.json. The flat `metrics` hold Chromium's numbers under
// the plain names and Node's under `node_` names.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { runChromiumBenchmarks } from './chromium-bench.mjs';

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

const node = runNode();
const chromium = await runChromiumBenchmarks();
const metrics = { ...chromium.metrics };
for (const [name, value] of Object.entries(node)) metrics[`node_${name}`] = value;

const report = {
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
    node: process.version,
    chromium: chromium.version,
  },
  metrics,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', `${JSON.stringify(report, null, 2)}\n`);
console.log(JSON.stringify(report, null, 2));
