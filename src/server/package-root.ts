import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'observatory';

/**
 * Finds the package root by walking up from this module's folder to the package.json named
 * `observatory`. The module runs from src/server/ during development and from dist/ once built,
 * so a fixed relative path would fit only one of them, and the working directory fits neither.
 */
export function findPackageRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let folder = start;
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest) && readName(manifest) === PACKAGE_NAME) return folder;
    const parent = dirname(folder);
    if (parent === folder) {
      throw new Error(
        `No package.json named '${PACKAGE_NAME}' found above ${start}; run the server from an installed observatory package.`,
      );
    }
    folder = parent;
  }
}

function readName(manifest: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name;
  } catch {
    return undefined;
  }
}
