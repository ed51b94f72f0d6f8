const warned = new Set<string>();

/** Prints a warning once per code, so misuse is visible without flooding the console. */
export function warnOnce(code: string, message: string): void {
  if (warned.has(code)) return;
  warned.add(code);
  console.warn(`[observatory:${code}] ${message}`);
}
