/** Default milliseconds without a point after which a stream counts as stale. */
export const DEFAULT_STALE_AFTER_MS = 5000;
/** How often freshness is checked and its label refreshed, in milliseconds. */
const TICK_MS = 1000;

/** Returns a short age such as `just now`, `4 s ago` or `3 min ago`. */
export function describeAge(milliseconds: number): string {
  if (milliseconds < 1000) return 'just now';
  const seconds = Math.round(milliseconds / 1000);
  if (seconds < 120) return `${seconds} s ago`;
  const minutes = Math.round(seconds / 60);
  return minutes < 120 ? `${minutes} min ago` : `${Math.round(minutes / 60)} h ago`;
}

/**
 * Ticks once a second while the element is on the page, so its freshness label stays current,
 * and reports when the time since the last point crosses the stale threshold either way.
 */
export class FreshnessClock {
  readonly #onTick: () => void;
  readonly #onStaleChange: (stale: boolean) => void;
  #timer: ReturnType<typeof setInterval> | undefined;
  #stale = false;

  constructor(onTick: () => void, onStaleChange: (stale: boolean) => void) {
    this.#onTick = onTick;
    this.#onStaleChange = onStaleChange;
  }

  get stale(): boolean {
    return this.#stale;
  }

  start(): void {
    if (this.#timer === undefined) this.#timer = setInterval(this.#onTick, TICK_MS);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /**
   * Recomputes staleness. A null `age`, as before the first point, is never stale, and a
   * `staleAfter` of 0 turns staleness off.
   */
  update(age: number | null, staleAfter: number): void {
    const stale = age !== null && staleAfter > 0 && age > staleAfter;
    if (stale === this.#stale) return;
    this.#stale = stale;
    this.#onStaleChange(stale);
  }
}
