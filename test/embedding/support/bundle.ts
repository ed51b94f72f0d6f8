// Loads the shipped module bundle, dist/observatory.min.js, into the test page.
import type * as Observatory from '../../../src/index.js';

export const BUNDLE_URL = '/dist/observatory.min.js';

/** Imports a module by URL, so the type check does not look for files made by the build. */
function importUrl(url: string): Promise<unknown> {
  return import(/* @vite-ignore */ url);
}

/**
 * Imports the module bundle, which registers its elements, and returns its exports. Fails
 * with a hint when the bundle has not been built.
 */
export async function importBundle(): Promise<typeof Observatory> {
  const head = await fetch(BUNDLE_URL, { method: 'HEAD' });
  if (!head.ok) throw new Error(`${BUNDLE_URL} is missing; run npm run build first.`);
  return (await importUrl(BUNDLE_URL)) as typeof Observatory;
}

/** Messages of the errors and rejections that nothing caught; tests empty it after each test. */
export const uncaught: string[] = [];
window.addEventListener('error', (event) => uncaught.push(event.message));
window.addEventListener('unhandledrejection', (event) => uncaught.push(String(event.reason)));
