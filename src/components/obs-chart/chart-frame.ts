import { downsampleM4, downsamplePixelGrid, Polyline } from '../../core/downsample.js';
import type { SeriesIndex } from '../../core/series-index.js';
import type { Store } from '../../core/store.js';
import type { ChartType, SeriesBy } from './chart-options.js';
import { timeDomain } from './chart-scales.js';
import { SERIES_COLOR_COUNT } from './chart-theme.js';
import { groupSeries, SeriesRows } from './series-rows.js';

/** One chart series in one frame: its store series, filtered rows and downsampled line. */
export interface FrameSeries {
  key: string;
  indices: SeriesIndex[];
  colorSlot: number;
  rows: SeriesRows;
  line: Polyline;
}

/** What one frame draws: the time domain and every series with rows in it. */
export interface ChartFrame {
  domain: [number, number];
  series: FrameSeries[];
  /** Extent of the finite values of visible series inside the domain; Infinity/-Infinity when none. */
  min: number;
  max: number;
}

/**
 * Collects the series of a store for drawing and keeps per-series buffers and
 * colour slots between frames, so steady frames allocate nothing per point
 * and a series keeps its colour while others come and go.
 */
export class FrameBuilder {
  readonly #buffers = new Map<string, { rows: SeriesRows; line: Polyline }>();
  readonly #colorSlots = new Map<string, number>();

  /** Forgets colour slots, for a new store or a new `series-by`. */
  reset(): void {
    this.#buffers.clear();
    this.#colorSlots.clear();
  }

  /**
   * Gathers the rows of every series that has points passing the filter,
   * over `fixedDomain` when the user zoomed or panned, otherwise over the
   * window ending at the newest point. `hidden` series are gathered (the
   * legend lists them) but left out of the value extent. Returns null when
   * nothing passes.
   */
  collect(
    store: Store,
    seriesBy: SeriesBy,
    windowSeconds: number,
    hidden: ReadonlySet<string>,
    fixedDomain: readonly [number, number] | null = null,
  ): ChartFrame | null {
    const range = store.timeRange();
    if (range === null) return null;
    const domain: [number, number] =
      fixedDomain === null ? timeDomain(range, windowSeconds) : [fixedDomain[0], fixedDomain[1]];
    const series: FrameSeries[] = [];
    let min = Infinity;
    let max = -Infinity;
    const seen = new Set<string>();
    for (const [key, indices] of groupSeries(store, seriesBy)) {
      seen.add(key);
      const buffers = this.#buffersFor(key);
      buffers.rows.collect(store, indices, domain);
      if (buffers.rows.length === 0) continue;
      series.push({ key, indices, colorSlot: this.#colorSlot(key), ...buffers });
      if (hidden.has(key)) continue;
      min = Math.min(min, buffers.rows.min);
      max = Math.max(max, buffers.rows.max);
    }
    for (const key of this.#buffers.keys()) {
      if (!seen.has(key)) this.#buffers.delete(key);
    }
    return series.length === 0 ? null : { domain, series, min, max };
  }

  #buffersFor(key: string): { rows: SeriesRows; line: Polyline } {
    let buffers = this.#buffers.get(key);
    if (buffers === undefined) {
      buffers = { rows: new SeriesRows(), line: new Polyline() };
      this.#buffers.set(key, buffers);
    }
    return buffers;
  }

  #colorSlot(key: string): number {
    let slot = this.#colorSlots.get(key);
    if (slot === undefined) {
      slot = this.#colorSlots.size % SERIES_COLOR_COUNT;
      this.#colorSlots.set(key, slot);
    }
    return slot;
  }
}

/** Size of the plot in device pixels, and its value range, that downsampling reduces to. */
export interface PixelGrid {
  columns: number;
  rows: number;
  values: readonly [number, number];
}

/**
 * Downsamples every series of `frame` to the plot's pixels: M4 per pixel
 * column for lines, areas and bars, and one point per pixel for scatter.
 */
export function downsampleFrame(frame: ChartFrame, type: ChartType, grid: PixelGrid): void {
  for (const series of frame.series) {
    if (type === 'scatter') {
      const { columns, values, rows } = grid;
      downsamplePixelGrid(series.rows, frame.domain, columns, values, rows, series.line);
    } else {
      downsampleM4(series.rows, frame.domain, grid.columns, series.line);
    }
  }
}
