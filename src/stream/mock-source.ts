import type { Point } from '../core/types.js';
import type { ScenarioGenerator } from '../generator/index.js';

export const DEFAULT_MOCK_INTERVAL_MS = 100;

export interface MockSourceOptions {
  generator: ScenarioGenerator;
  onPoints(points: Point[]): void;
  /** Milliseconds between ticks. */
  intervalMs?: number;
  /** Clock in epoch milliseconds; tests pass a fake one. */
  now?: () => number;
}

/**
 * Runs a generator on a timer: every tick hands over the points due since the
 * previous tick. Starting again after a stop skips the stopped time instead of
 * generating it all at once.
 */
export class MockSource {
  readonly #options: MockSourceOptions;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(options: MockSourceOptions) {
    this.#options = options;
  }

  get running(): boolean {
    return this.#timer !== undefined;
  }

  start(): void {
    if (this.#timer !== undefined) return;
    const { generator } = this.#options;
    generator.skipTo(this.#now());
    this.tick();
    this.#timer = setInterval(
      () => this.tick(),
      this.#options.intervalMs ?? DEFAULT_MOCK_INTERVAL_MS,
    );
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Generates the points due now and hands them over; the timer calls it. */
  tick(): void {
    const points = this.#options.generator.next(this.#now());
    if (points.length > 0) this.#options.onPoints(points);
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }
}
