/** Parameters of exponential backoff with full jitter. Times are milliseconds. */
export interface BackoffOptions {
  base: number;
  factor: number;
  cap: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { base: 1000, factor: 1.5, cap: 30_000 };

/** Returns the upper bound of the delay before retry `attempt` (0 for the first retry). */
export function backoffCeiling(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  return Math.min(options.cap, options.base * options.factor ** Math.max(0, attempt));
}

/**
 * Returns the delay before retry `attempt`: uniform in [0, min(cap, base *
 * factor^attempt)). Full jitter spreads clients that lost the same server
 * over the whole window, so they do not return in one burst.
 */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  return random() * backoffCeiling(attempt, options);
}
