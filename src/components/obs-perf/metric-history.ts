/** Samples kept per metric for its sparkline: one minute at the default interval. */
export const HISTORY_LENGTH = 60;

/** The latest values of one metric, oldest first; null marks a sample without a value. */
export class MetricHistory {
  readonly #values: (number | null)[] = [];

  push(value: number | null): void {
    this.#values.push(value !== null && Number.isFinite(value) ? value : null);
    if (this.#values.length > HISTORY_LENGTH) this.#values.shift();
  }

  values(): readonly (number | null)[] {
    return this.#values;
  }
}

/** Width and height of the sparkline's view box, in its own units. */
export const SPARK_WIDTH = 60;
export const SPARK_HEIGHT = 16;

/**
 * Returns the `points` of an SVG polyline for `values`, scaled from 0 (or the
 * lowest value when negative) to the highest value, with the newest value at
 * the right edge. Nulls break the line into separate runs; an empty list
 * means there is nothing to draw.
 */
export function sparklineRuns(values: readonly (number | null)[]): string[] {
  let max = 0;
  let min = 0;
  for (const value of values) {
    if (value === null) continue;
    max = Math.max(max, value);
    min = Math.min(min, value);
  }
  const span = max - min || 1;
  const offset = HISTORY_LENGTH - values.length;
  const runs: string[] = [];
  let run = '';
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (value === null) {
      if (run !== '') runs.push(run);
      run = '';
      continue;
    }
    // Panels redraw every sample, so x labels come from a table and each run is one string.
    const x = X_LABELS[offset + index] ?? String(round((offset + index) * X_STEP));
    const y = round(SPARK_HEIGHT - ((value - min) / span) * SPARK_HEIGHT);
    run += run === '' ? `${x},${y}` : ` ${x},${y}`;
  }
  if (run !== '') runs.push(run);
  return runs;
}

/** Distance between two samples along the view box. */
const X_STEP = SPARK_WIDTH / Math.max(1, HISTORY_LENGTH - 1);

/** The x coordinate of each history slot, as it appears in `points`. */
const X_LABELS: readonly string[] = Array.from({ length: HISTORY_LENGTH }, (_, slot) =>
  String(round(slot * X_STEP)),
);

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
