// Runs every benchmark and writes bench/results/latest.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';

const script = `
  const { runCoreBenchmarks } = await import('./bench/core.bench.ts');
  process.stdout.write(JSON.stringify(runCoreBenchmarks()));
`;
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--expose-gc', '--input-type=module', '-e', script],
  { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
if (result.status !== 0) {
  console.error(result.stderr);
  process.exit(1);
}
const metrics = JSON.parse(result.stdout);
const report = {
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  },
  metrics,
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', `${JSON.stringify(report, null, 2)}\n`);
console.log(JSON.stringify(report, null, 2));
