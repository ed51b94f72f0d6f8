import { downsamplePixelGrid, Polyline } from '../../core/downsample.js';
import type { Store } from '../../core/store.js';
import type { ChartType, SeriesBy } from './chart-options.js';
import { timeDomain } from './chart-scales.js';
import { SERIES_COLOR_COUNT } from './chart-theme.js';
import { FULL_SCOPE, SeriesRegistry, type SeriesScope } from './series-registry.js';
import { PLAIN_SCAN_POINTS_PER_COLUMN, type SeriesSummary } from './series-summary.js';

/** One chart series in one frame: its filtered points and downsampled line. */
export interface FrameSeries {
  key: string;
  summary: SeriesSummary;
  colorSlot: number;
  line: Polyline;
}

/** The time domain of one frame and every series with points passing the filter. */
export interface ChartFrame {
  domain: [number, number];
  series: FrameSeries[];
  /** Extent of the finite values of visible series inside the domain; Infinity/-Infinity when none. */
  min: number;
  max: number;
}

/**
 * Colour slots by series name, shared by the charts of one store that name series the same way,
 * so that a source or category drawn in several charts of a dashboard keeps one colour in all
 * of them. Charts of another `series-by` keep their own order, and with it the first colours.
 */
const sharedSlots = new WeakMap<Store, Map<SeriesBy, Map<string, number>>>();

/** Returns the shared slots of the charts of `store` that name series by `seriesBy`. */
function slotsOf(store: Store, seriesBy: SeriesBy): Map<string, number> {
  let tables = sharedSlots.get(store);
  if (tables === undefined) sharedSlots.set(store, (tables = new Map()));
  let names = tables.get(seriesBy);
  if (names === undefined) tables.set(seriesBy, (names = new Map()));
  return names;
}

/**
 * Collects the series of a store for drawing and keeps per-series buffers and
 * colour slots between frames, so steady frames allocate nothing per point
 * and a series keeps its colour while others come and go.
 */
export class FrameBuilder {
  readonly #registry = new SeriesRegistry();
  readonly #lines = new Map<string, Polyline>();
  readonly #colorSlots = new Map<string, number>();

  /** Forgets the series and their colour slots, for a new store or a new `series-by`. */
  reset(): void {
    this.#registry.markStale();
    this.#lines.clear();
    this.#colorSlots.clear();
  }

  /** Rebuilds the series on the next collect; call it when the store fires `reset`. */
  markStale(): void {
    this.#registry.markStale();
  }

  /** Drops evicted rows from the series of the last frame; see SeriesRegistry.trim. */
  trim(store: Store): void {
    this.#registry.trim(store);
  }

  /**
   * Gathers every series that has points passing the filter, over
   * `fixedDomain` when the user zoomed or panned, otherwise over the window
   * ending at the newest point. `hidden` series are gathered (the legend
   * lists them) but left out of the value extent. Returns null when nothing
   * passes.
   */
  collect(
    store: Store,
    seriesBy: SeriesBy,
    windowSeconds: number,
    hidden: ReadonlySet<string>,
    fixedDomain: readonly [number, number] | null = null,
    scope: SeriesScope = FULL_SCOPE,
  ): ChartFrame | null {
    const summaries = this.#registry.sync(store, seriesBy, scope);
    const range = store.timeRange();
    if (range === null || summaries.size === 0) return null;
    const domain: [number, number] =
      fixedDomain === null ? timeDomain(range, windowSeconds) : [fixedDomain[0], fixedDomain[1]];
    const series: FrameSeries[] = [];
    let min = Infinity;
    let max = -Infinity;
    for (const [key, summary] of summaries) {
      const colorSlot = this.#colorSlot(store, seriesBy, key);
      series.push({ key, summary, colorSlot, line: this.#lineFor(key) });
      if (hidden.has(key)) continue;
      const [low, high] = summary.extent(
        summary.lowerBound(domain[0]),
        summary.upperBound(domain[1]),
      );
      min = Math.min(min, low);
      max = Math.max(max, high);
    }
    for (const key of this.#lines.keys()) {
      if (!summaries.has(key)) this.#lines.delete(key);
    }
    return { domain, series, min, max };
  }

  #lineFor(key: string): Polyline {
    let line = this.#lines.get(key);
    if (line === undefined) {
      line = new Polyline();
      this.#lines.set(key, line);
    }
    return line;
  }

  /**
   * Returns the slot that the charts of `store` and `seriesBy` gave `key`. When another series
   * of this chart already has that colour, returns the next free slot instead, while one is free.
   */
  #colorSlot(store: Store, seriesBy: SeriesBy, key: string): number {
    let slot = this.#colorSlots.get(key);
    if (slot !== undefined) return slot;
    const names = slotsOf(store, seriesBy);
    let shared = names.get(key);
    if (shared === undefined) {
      shared = names.size % SERIES_COLOR_COUNT;
      names.set(key, shared);
    }
    slot = shared;
    if (this.#colorSlots.size < SERIES_COLOR_COUNT) {
      const used = new Set(this.#colorSlots.values());
      while (used.has(slot)) slot = (slot + 1) % SERIES_COLOR_COUNT;
    }
    this.#colorSlots.set(key, slot);
    return slot;
  }
}

/** Size of the plot in device pixels, and its value range, that downsampling reduces to. */
export interface PixelGrid {
  columns: number;
  rows: number;
  values: readonly [number, number];
}

/** Narrowest column of `gridDomain`, in ms, so that rounding it up to whole ms adds under 1%. */
const MIN_GRID_COLUMN_MS = 100;

/**
 * Returns the domain a following chart shows on `columns` pixel columns, or
 * null when its columns would be under MIN_GRID_COLUMN_MS wide. The domain
 * is `columns` columns of the whole milliseconds that put `domain` in
 * `columns - 1` of them, and starts on a multiple of that width. While the
 * span stays the same, as in a full store or a fixed window, the columns keep
 * their times from frame to frame. SeriesSummary.downsample then reuses the
 * M4 points of the columns that gained no points. The domain moves in
 * steps of one pixel column, and the newest and oldest points lie at most
 * one column inside its ends.
 */
export function gridDomain(
  domain: readonly [number, number],
  columns: number,
): [number, number] | null {
  const exact = (domain[1] - domain[0]) / Math.max(1, columns - 1);
  if (!(exact >= MIN_GRID_COLUMN_MS) || !Number.isFinite(exact)) return null;
  const width = Math.ceil(exact);
  const start = Math.floor(domain[0] / width) * width;
  const end = start + columns * width;
  // Past 2^53 ms the sums round, and the columns would not be whole milliseconds.
  return Number.isSafeInteger(start) && Number.isSafeInteger(end) ? [start, end] : null;
}

/** True when some series of `frame` has enough points in its domain for block-based M4. */
export function needsGrid(frame: ChartFrame, columns: number): boolean {
  const [t0, t1] = frame.domain;
  return frame.series.some(
    ({ summary }) =>
      summary.upperBound(t1) - summary.lowerBound(t0) > columns * PLAIN_SCAN_POINTS_PER_COLUMN,
  );
}

/**
 * Downsamples every series of `frame` to the plot's pixels: M4 per pixel
 * column for lines, areas and bars, and one point per pixel for scatter.
 * `aligned` is true when the frame's domain came from `gridDomain`.
 */
export function downsampleFrame(
  frame: ChartFrame,
  type: ChartType,
  grid: PixelGrid,
  aligned = false,
): void {
  for (const series of frame.series) {
    const { summary, line } = series;
    if (type === 'scatter') {
      // NOTE: scatter reads every point in the domain each frame, unlike M4,
      // which reads block extremes; dense scatter windows cost more per frame.
      const from = summary.lowerBound(frame.domain[0]);
      const to = summary.upperBound(frame.domain[1]);
      const points = {
        length: to - from,
        timeAt: (index: number) => summary.timeAt(from + index),
        valueAt: (index: number) => summary.valueAt(from + index),
      };
      downsamplePixelGrid(points, frame.domain, grid.columns, grid.values, grid.rows, line);
    } else {
      summary.downsample(frame.domain, grid.columns, line, aligned);
    }
  }
}
