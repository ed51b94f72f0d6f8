// Builds dist/ with rollup and regenerates custom-elements.json from the element sources.
import { spawnSync } from 'node:child_process';

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

run('npx', ['rollup', '--config', 'rollup.config.mjs', '--silent']);
run('npx', ['cem', 'analyze', '--globs', 'src/components/**/*.ts', '--litelement', '--quiet']);
