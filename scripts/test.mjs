// Runs every test of the project: lint, type check, manifest check, build, bundle size
// budget, consumer type tests, Node unit tests, browser tests and end-to-end tests. Ends
// with one line "N passed, M failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { findChromium } from './chromium.mjs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function filesUnder(folder, suffix) {
  if (!existsSync(folder)) return [];
  const out = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path, suffix));
    else if (entry.name.endsWith(suffix)) out.push(path);
  }
  return out.sort();
}

function run(command, args, options = {}) {
  console.log(`\n> ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  return result.status === 0;
}

/** A step without its own test count counts as one test. */
function step(name, command, args, options) {
  if (run(command, args, options)) {
    totals.passed++;
  } else {
    totals.failed++;
    failures.push(name);
  }
}

/** Runs node's test runner and reads the pass and fail counts from its TAP summary. */
function nodeTests(name, files, extraArgs = []) {
  if (files.length === 0) return;
  const args = ['--import', 'tsx', '--test', '--test-reporter=tap', ...extraArgs, ...files];
  console.log(`\n> node ${args.join(' ')}`);
  const result = spawnSync('node', args, {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: process.env,
  });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  const count = (label) => {
    const match = new RegExp(`^# ${label} (\\d+)$`, 'm').exec(result.stdout);
    return match ? Number(match[1]) : undefined;
  };
  const passed = count('pass');
  const failed = count('fail');
  if (passed === undefined || failed === undefined) {
    totals.failed++;
    failures.push(`${name} (no summary)`);
    return;
  }
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += (count('skipped') ?? 0) + (count('todo') ?? 0);
  if (failed > 0 || result.status !== 0) failures.push(name);
  if (failed === 0 && result.status !== 0) totals.failed++;
}

function browserTests() {
  const summary = join('test-results', 'browser-summary.json');
  rmSync(summary, { force: true });
  const ok = run('npx', ['web-test-runner', '--config', 'web-test-runner.config.mjs'], {
    env: { ...process.env, OBS_TEST_SUMMARY: summary },
  });
  if (!existsSync(summary)) {
    totals.failed++;
    failures.push('browser tests (no summary)');
    return;
  }
  const counts = JSON.parse(readFileSync(summary, 'utf8'));
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  if (!ok || counts.failed > 0) failures.push('browser tests');
  if (!ok && counts.failed === 0) totals.failed++;
}

mkdirSync('test-results', { recursive: true });
try {
  process.env.CHROME_PATH = findChromium();
} catch (error) {
  console.error(error.message);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

step('eslint', 'npx', ['eslint', '.']);
step('prettier', 'npx', ['prettier', '--check', '.']);
step('type check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
// Before the build, which rewrites custom-elements.json.
step('manifest up to date', 'node', ['scripts/manifest.mjs', '--check']);
step('build', 'npm', ['run', 'build', '--silent']);
step('bundle size budget', 'node', ['scripts/bundle-size.mjs']);
step('consumer type tests', 'node', ['scripts/embedding-apps.mjs', '--types']);
// The framework apps that the browser tests in test/embedding/ mount.
step('embedding apps', 'node', ['scripts/embedding-apps.mjs']);
nodeTests('node tests', filesUnder('test', '.node.test.ts'));
browserTests();
nodeTests('end-to-end tests', filesUnder(join('test', 'e2e'), '.e2e.test.ts'), [
  '--test-concurrency=1',
]);

if (failures.length > 0) console.log(`\nFailed: ${failures.join(', ')}`);
const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
console.log(`${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed > 0 ? 1 : 0);
