/**
 * Runs a callback at most once per interval. A request inside the interval is
 * deferred to its end, so the callback sees the state after the last request
 * unless `cancel` is called first.
 */
export class Throttle {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #last = -Infinity;

  constructor(
    private readonly callback: () => void,
    private readonly interval: number,
  ) {}

  request(): void {
    if (this.#timer !== undefined) return;
    const wait = Math.max(0, this.#last + this.interval - performance.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#last = performance.now();
      this.callback();
    }, wait);
  }

  cancel(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
