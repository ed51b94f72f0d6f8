import type { SampleSource } from '../../core/downsample.js';
import type { SeriesIndex } from '../../core/series-index.js';
import type { Store } from '../../core/store.js';
import type { SeriesBy } from './chart-options.js';

/**
 * Groups the store's series (one per category and source pair) into chart
 * series keyed by the `seriesBy` field, in the order the store created them.
 */
export function groupSeries(store: Store, seriesBy: SeriesBy): Map<string, SeriesIndex[]> {
  const groups = new Map<string, SeriesIndex[]>();
  for (const index of store.series()) {
    const key = seriesBy === 'source' ? index.source : index.category;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [index]);
    else group.push(index);
  }
  return groups;
}

/**
 * The rows of one chart series that pass the store's filter and fall in a
 * time domain, merged from its store series into one time order. The rows
 * include the nearest passing row on each side of the domain, so lines run
 * to the plot edges. `min` and `max` are the extent of the finite values
 * inside the domain.
 *
 * Reused across frames, so collecting allocates only when the series grows.
 */
export class SeriesRows implements SampleSource {
  length = 0;
  min = Infinity;
  max = -Infinity;
  #rows = new Float64Array(256);
  #store: Store | null = null;

  timeAt(index: number): number {
    return this.#store!.timeAt(this.#rows[index]);
  }

  valueAt(index: number): number {
    return this.#store!.valueAt(this.#rows[index]);
  }

  /** Replaces the rows with those of `indices` around `domain` that `store.matches`. */
  collect(store: Store, indices: readonly SeriesIndex[], domain: readonly [number, number]): void {
    this.#store = store;
    this.length = 0;
    this.min = Infinity;
    this.max = -Infinity;
    const ranges = indices.map((index) => rowRange(store, index, domain));
    if (indices.length === 1) {
      const [from, to] = ranges[0];
      for (let i = from; i < to; i++) this.#add(indices[0].rows.at(i), domain);
      return;
    }
    this.#merge(indices, ranges, domain);
  }

  /** Merges sorted row ranges by time; a chart series has few store series, so a linear pick is enough. */
  #merge(
    indices: readonly SeriesIndex[],
    ranges: [number, number][],
    domain: readonly [number, number],
  ): void {
    const store = this.#store!;
    const cursors = ranges.map(([from]) => from);
    for (;;) {
      let pick = -1;
      let pickTime = Infinity;
      for (let k = 0; k < indices.length; k++) {
        if (cursors[k] >= ranges[k][1]) continue;
        const time = store.timeAt(indices[k].rows.at(cursors[k]));
        if (pick < 0 || time < pickTime) {
          pick = k;
          pickTime = time;
        }
      }
      if (pick < 0) return;
      this.#add(indices[pick].rows.at(cursors[pick]), domain);
      cursors[pick]++;
    }
  }

  #add(row: number, domain: readonly [number, number]): void {
    const store = this.#store!;
    if (!store.matches(row)) return;
    if (this.length === this.#rows.length) {
      const grown = new Float64Array(this.#rows.length * 2);
      grown.set(this.#rows);
      this.#rows = grown;
    }
    this.#rows[this.length++] = row;
    const time = store.timeAt(row);
    const value = store.valueAt(row);
    if (time < domain[0] || time > domain[1] || !Number.isFinite(value)) return;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }
}

/**
 * Returns the index range [from, to) of `index.rows` covering `domain` plus
 * the nearest row on each side that passes the filter.
 */
function rowRange(
  store: Store,
  index: SeriesIndex,
  domain: readonly [number, number],
): [number, number] {
  const rows = index.rows;
  const timeOf = (row: number) => store.timeAt(row);
  let from = index.lowerBound(domain[0], timeOf);
  let before = from - 1;
  while (before >= 0 && !store.matches(rows.at(before))) before--;
  if (before >= 0) from = before;

  let to = index.lowerBound(domain[1], timeOf);
  while (to < rows.length && store.timeAt(rows.at(to)) <= domain[1]) to++;
  let after = to;
  while (after < rows.length && !store.matches(rows.at(after))) after++;
  if (after < rows.length) to = after + 1;
  return [from, to];
}

/** Time and value of the newest finite point of a chart series that passes the filter. */
export interface LatestValue {
  time: number;
  value: number;
}

/** Finds the newest point with a finite value that passes the filter, or null. */
export function latestValue(store: Store, indices: readonly SeriesIndex[]): LatestValue | null {
  let latest: LatestValue | null = null;
  for (const index of indices) {
    for (let i = index.rows.length - 1; i >= 0; i--) {
      const row = index.rows.at(i);
      const value = store.valueAt(row);
      if (!Number.isFinite(value) || !store.matches(row)) continue;
      const time = store.timeAt(row);
      if (latest === null || time > latest.time) latest = { time, value };
      break;
    }
  }
  return latest;
}
