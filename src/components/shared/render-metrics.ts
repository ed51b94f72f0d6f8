/** What a timing measures: drawing or updating an element, or applying a filter. */
export type TimingKind = 'render' | 'filter';

/**
 * Running totals of one element's render or filter times. The totals only
 * grow, so any number of readers can take differences between two reads
 * without resetting each other's view.
 */
export class TimingRecord {
  readonly element: HTMLElement;
  readonly kind: TimingKind;
  /** Number of measured runs. */
  count = 0;
  /** Sum of their durations, in milliseconds. */
  totalMs = 0;
  /** Duration of the latest run, in milliseconds. */
  lastMs = 0;

  constructor(element: HTMLElement, kind: TimingKind) {
    this.element = element;
    this.kind = kind;
  }

  /** Adds one run that took `durationMs`; negative or non-finite durations are ignored. */
  record(durationMs: number): void {
    if (!Number.isFinite(durationMs) || durationMs < 0) return;
    this.count++;
    this.totalMs += durationMs;
    this.lastMs = durationMs;
  }

  /** Runs `work`, adds its duration, and returns its result; the duration counts even when it throws. */
  measure<T>(work: () => T): T {
    const start = performance.now();
    try {
      return work();
    } finally {
      this.record(performance.now() - start);
    }
  }
}

/**
 * The timing records of the elements on the page, which `<obs-perf>` reads.
 * Elements add their records while connected and remove them when removed.
 */
export class RenderMetrics {
  readonly #records = new Set<TimingRecord>();

  /** Adds `record` to the page's records; adding it twice keeps one. */
  add(record: TimingRecord): void {
    this.#records.add(record);
  }

  delete(record: TimingRecord): void {
    this.#records.delete(record);
  }

  /** The current records, in the order they were added. */
  records(): TimingRecord[] {
    return [...this.#records];
  }
}

/** The one registry of the page. */
export const renderMetrics = new RenderMetrics();
