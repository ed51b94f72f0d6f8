// Builds dist/: the script-tag bundles, the npm modules with their .d.ts files and the server,
// then regenerates custom-elements.json from the element sources.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

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

// Stale modules of a renamed source file would otherwise stay importable from the package.
for (const folder of ['dist/npm', 'dist/npm-dev', 'dist/types']) {
  rmSync(folder, { recursive: true, force: true });
}
run('npx', ['rollup', '--config', 'rollup.config.mjs', '--silent']);
writeDeclarations();
run('node', ['scripts/manifest.mjs']);
