// Builds dist/: the script-tag bundles, the npm modules with their .d.ts files and the server,
// then regenerates custom-elements.json from the element sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/**
 * Writes the .d.ts files. tsc writes them even when the sources have type errors, which it
 * prints here and `npm run typecheck` fails on. The build goes on, so a type error does not
 * stop the bundles that the server and the end-to-end tests need.
 */
function writeDeclarations() {
  const result = spawnSync('npx', ['tsc', '--project', 'scripts/tsconfig.declarations.json'], {
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    console.warn('The .d.ts files in dist/types were written despite the type errors above.');
  }
}

/**
 * Deletes the files under `folder` that this build did not write, such as the modules of a
 * renamed source file, which would otherwise stay importable from the package. Rollup and tsc
 * rewrite every output, so an older modification time marks a stale file. Deleting after the
 * build, not before, keeps dist/ whole for tests that read it while another build runs.
 */
function removeStaleFiles(folder, buildStart) {
  if (!existsSync(folder)) return;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      removeStaleFiles(path, buildStart);
      if (readdirSync(path).length === 0) rmSync(path, { recursive: true });
    } else if (statSync(path).mtimeMs < buildStart) {
      rmSync(path);
    }
  }
}

const buildStart = Date.now();
run('npx', ['rollup', '--config', 'rollup.config.mjs', '--silent']);
writeDeclarations();
for (const folder of ['dist/npm', 'dist/npm-dev', 'dist/types']) {
  removeStaleFiles(folder, buildStart);
}
run('node', ['scripts/manifest.mjs']);
