import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { chromiumArgs, findChromium } from './scripts/chromium.mjs';
import { wsTestServer } from './test/support/ws-test-server.mjs';

/** Counts passed and failed tests into the file named by OBS_TEST_SUMMARY, for scripts/test.mjs. */
function summaryReporter() {
  const count = (suite, totals) => {
    for (const test of suite?.tests ?? []) {
      if (test.skipped) totals.skipped++;
      else if (test.passed) totals.passed++;
      else totals.failed++;
    }
    for (const child of suite?.suites ?? []) count(child, totals);
  };
  return {
    onTestRunFinished({ sessions }) {
      const totals = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        count(session.testResults, totals);
        // A file that fails to load or throws outside a test counts as one failure.
        if (!session.passed && (session.errors?.length ?? 0) > 0) totals.failed++;
      }
      if (process.env.OBS_TEST_SUMMARY) {
        writeFileSync(process.env.OBS_TEST_SUMMARY, JSON.stringify(totals));
      }
    },
  };
}

export default {
  files: ['test/**/*.test.ts', '!test/**/*.node.test.ts', '!test/e2e/**'],
  nodeResolve: true,
  concurrency: 1,
  testsFinishTimeout: 240_000,
  testFramework: { config: { timeout: 20_000 } },
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
    wsTestServer(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findChromium(), headless: true, args: chromiumArgs() },
    }),
  ],
  reporters: [defaultReporter(), summaryReporter()],
};
