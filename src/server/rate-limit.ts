/**
 * A token bucket: `burst` requests at once, refilled at `perSecond`. Each client gets its own,
 * so one client sending commands in a loop cannot starve the generator or the others.
 */
export class TokenBucket {
  readonly #perSecond: number;
  readonly #burst: number;
  #tokens: number;
  #updatedAt: number;

  constructor(perSecond: number, burst: number, now = Date.now()) {
    this.#perSecond = perSecond;
    this.#burst = burst;
    this.#tokens = burst;
    this.#updatedAt = now;
  }

  /** Takes one token; returns 0 when granted, else the milliseconds until one is available. */
  take(now = Date.now()): number {
    const elapsed = Math.max(0, now - this.#updatedAt);
    this.#tokens = Math.min(this.#burst, this.#tokens + (elapsed * this.#perSecond) / 1000);
    this.#updatedAt = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.#tokens) * 1000) / this.#perSecond);
  }
}
