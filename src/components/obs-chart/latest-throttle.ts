/**
 * Runs the latest of a stream of actions at most every `interval` ms: the
 * first at once, later ones when the interval has passed, and the last one
 * requested always. Actions requested in between replace each other.
 */
export class LatestThrottle {
  readonly #interval: number;
  /** When an action last ran, from performance.now(). */
  #last = -Infinity;
  #pending: (() => void) | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(interval: number) {
    this.#interval = interval;
  }

  /** Runs `action` now when the interval has passed, else keeps it as the pending action. */
  run(action: () => void): void {
    const wait = this.#last + this.#interval - performance.now();
    if (wait <= 0 && this.#timer === null) {
      this.#call(action);
      return;
    }
    this.#pending = action;
    this.#timer ??= setTimeout(() => this.#flush(), Math.max(0, wait));
  }

  /** Runs `action` now and drops the pending one. */
  runNow(action: () => void): void {
    this.stop();
    this.#call(action);
  }

  /** Drops the pending action and lets the next one run at once. */
  reset(): void {
    this.stop();
    this.#last = -Infinity;
  }

  /** Drops the pending action; call it when the owner is disconnected. */
  stop(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#pending = null;
  }

  #flush(): void {
    this.#timer = null;
    const action = this.#pending;
    this.#pending = null;
    if (action !== null) this.#call(action);
  }

  #call(action: () => void): void {
    this.#last = performance.now();
    action();
  }
}
