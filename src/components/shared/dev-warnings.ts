// Set by the production builds (rollup `define`) so minifiers drop every warning. Source loaded
// without a bundler, as in tests, and the development builds leave it undefined.
declare const OBSERVATORY_DEV_BUILD: boolean | undefined;

/** True in development builds, which print misuse warnings; false in production builds. */
export const DEV_BUILD = typeof OBSERVATORY_DEV_BUILD === 'undefined' || OBSERVATORY_DEV_BUILD;

const warned = new Set<string>();

/**
 * Prints a warning once per code in development builds, so misuse is visible without
 * flooding the console. Production builds print nothing.
 */
export function warnOnce(code: string, message: string): void {
  if (!DEV_BUILD || warned.has(code)) return;
  warned.add(code);
  console.warn(`[observatory:${code}] ${message}`);
}
