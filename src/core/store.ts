import {
  checkColumns,
  ColumnAppender,
  type AppendResult,
  type ColumnOutcome,
  type ColumnStrings,
  type PointColumns,
  type RejectedRow,
} from './column-append.js';
import { pointProblem } from './point-check.js';
import { parseCriteria, type FilterCriteria } from './criteria.js';
import { FilterEngine, type FilterHost } from './filter-engine.js';
import type { RowReader } from './filter.js';
import { PointRing } from './point-ring.js';
import { storeStats } from './store-stats.js';
import type { SeriesIndex } from './series-index.js';
import { distinctValues, latestRows, rowsOf, type QuerySource } from './store-queries.js';
import type {
  AppendDetail,
  DistinctValue,
  EvictDetail,
  FilterDetail,
  Metadata,
  Point,
  StoreStats,
} from './types.js';

export const DEFAULT_CAPACITY = 100_000;
export const MAX_CAPACITY = 10_000_000;

/** Names of the events a Store dispatches. Every one is a CustomEvent. */
export type StoreEventName = 'append' | 'evict' | 'reset' | 'filter';

export interface StoreOptions {
  /** Most points held; the oldest are evicted first. 1 to 10,000,000. */
  capacity?: number;
  /** Clock of relative time conditions, in epoch milliseconds. Defaults to `Date.now`. */
  now?: () => number;
  /**
   * Minimum milliseconds between two automatic refreshes of relative time
   * conditions. Defaults to 1000.
   */
  refreshInterval?: number;
  /**
   * Whether a timer refreshes relative time conditions as time passes. Defaults
   * to true; without it, call `refreshFilter()`.
   */
  autoRefresh?: boolean;
}

/** The filtered rows, in arrival order, as logical row numbers. */
export interface StoreView {
  readonly length: number;
  rowAt(index: number): number;
}

/** Options of the query helpers that can read the filtered view instead of every held row. */
export interface QueryOptions {
  /** Read only rows that pass the current filter. Defaults to false. */
  filtered?: boolean;
}

function checkCapacity(capacity: number): number {
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY) {
    throw new RangeError(
      `Store capacity must be an integer from 1 to ${MAX_CAPACITY}, got ${String(capacity)}`,
    );
  }
  return capacity;
}

/** Index of the oldest of the newest `capacity` valid points, the first that may stay. */
function newestValid(points: readonly Point[], capacity: number): number {
  let valid = 0;
  for (let i = points.length - 1; i >= 0; i--) {
    if (pointProblem(points[i]) === null && ++valid === capacity) return i;
  }
  return 0;
}

/**
 * A columnar ring buffer of points and the event bus of one stream.
 *
 * Rows are addressed by logical row number, a running counter: row `r` lives
 * in slot `r % capacity` while `start <= r < end`. Time and value are float64
 * columns; category and source are dictionary codes. Views and series indices
 * hold logical rows, so eviction only drops a prefix of them.
 */
export class Store extends EventTarget implements RowReader {
  #ring: PointRing;
  readonly #columns = new ColumnAppender();
  #duplicates = 0;
  #muted = false;
  readonly #filter: FilterEngine;

  /** Filtered rows in arrival order. Without a filter it covers every held row. */
  readonly view: StoreView;

  constructor(options: StoreOptions = {}) {
    super();
    this.#ring = new PointRing(checkCapacity(options.capacity ?? DEFAULT_CAPACITY));
    this.#filter = new FilterEngine(
      this.#filterHost(),
      {
        now: options.now ?? Date.now,
        refreshInterval: options.refreshInterval ?? 1000,
        autoRefresh: options.autoRefresh ?? true,
        onRefresh: () => this.#emitFilter(true),
      },
      this.#ring.capacity,
    );
    const filter = this.#filter;
    const rowAt = (index: number) =>
      filter.active ? filter.rows.at(index) : this.#ring.start + index;
    const view = { rowAt } as { rowAt: typeof rowAt; length: number };
    Object.defineProperty(view, 'length', {
      get: () => (filter.active ? filter.rows.length : this.size),
    });
    this.view = view;
  }

  get capacity(): number {
    return this.#ring.capacity;
  }

  /** Number of points held. */
  get size(): number {
    return this.#ring.size;
  }

  /** Logical row number of the oldest held point. */
  get start(): number {
    return this.#ring.start;
  }

  /** Logical row number one past the newest point. */
  get end(): number {
    return this.#ring.end;
  }

  /** Points dropped because a point with the same id was already held. */
  get duplicates(): number {
    return this.#duplicates;
  }

  get filter(): FilterCriteria | null {
    return this.#filter.criteria;
  }

  /**
   * Appends points in arrival order, evicting the oldest rows when the buffer is full. A point
   * whose id is already held is dropped and counted. A point with a missing or wrong-typed
   * field, an infinite value, or an empty or overlong name is skipped and returned with its
   * reason in `invalid`. Metadata values are not checked. Of more valid points than the
   * capacity, only the newest stay. Points from a stream pass `validatePoints` first.
   */
  append(points: readonly Point[]): AppendResult {
    const ring = this.#ring;
    const capacity = ring.capacity;
    const from = ring.end;
    const invalid: RejectedRow[] = [];
    let duplicates = 0;
    ring.reserve(Math.min(capacity, ring.size + points.length));
    const first = points.length > capacity ? newestValid(points, capacity) : 0;
    let evicted = 0;
    for (let i = 0; i < points.length; i++) {
      const point = points[i];
      const problem = pointProblem(point);
      if (problem !== null) {
        invalid.push({ index: i, reason: problem });
        continue;
      }
      // Valid points older than the newest `capacity` valid ones cannot stay.
      if (i < first) continue;
      if (ring.ids.has(point.id)) {
        duplicates++;
        continue;
      }
      if (ring.end - ring.start === capacity) {
        ring.evictOne();
        evicted++;
      }
      ring.write(point);
    }
    return { ...this.#afterAppend(from, duplicates, evicted), invalid };
  }

  /**
   * Appends points given as columns, such as a decoded binary frame, without a point object
   * per row. Rows from `start` on are checked as the point schema checks points. Invalid rows
   * are skipped and returned with their reasons. Valid rows are appended exactly as `append`
   * would append them as points, with the same events. Throws a RangeError when a
   * column is shorter than `columns.count` or `start` is not a row index.
   */
  appendColumns(columns: PointColumns, strings: ColumnStrings, start = 0): AppendResult {
    checkColumns(columns, start);
    const from = this.#ring.end;
    const outcome: ColumnOutcome = { duplicates: 0, evicted: 0, invalid: [] };
    try {
      this.#columns.append(this.#ring, columns, strings, start, outcome);
    } finally {
      // Rows written before a throwing string table still reach the filter and the events.
      this.#afterAppend(from, outcome.duplicates, outcome.evicted);
    }
    const end = this.#ring.end;
    const added = end - from;
    return { from, to: end, added, duplicates: outcome.duplicates, invalid: outcome.invalid };
  }

  /** Drops every point and the string tables; fires `reset`. The filter stays. */
  clear(): void {
    this.#ring.clear();
    this.#duplicates = 0;
    this.#filter.reset();
    this.#emit('reset', {});
  }

  /**
   * Changes the capacity, keeping the newest points that fit. Fires `reset`,
   * because logical row numbers start again from zero.
   */
  resize(capacity: number): void {
    checkCapacity(capacity);
    if (capacity === this.capacity) return;
    const kept: Point[] = [];
    for (let row = Math.max(this.start, this.end - capacity); row < this.end; row++) {
      kept.push(this.pointAt(row));
    }
    const events = this.#muted;
    this.#muted = true;
    this.#ring = new PointRing(capacity);
    this.clear();
    this.append(kept);
    this.#muted = events;
    this.#emit('reset', {});
  }

  /**
   * Validates and applies criteria, or removes the filter when given null.
   * Throws FilterValidationError on invalid criteria and keeps the previous filter.
   */
  setFilter(criteria: unknown): void {
    const parsed = criteria === null || criteria === undefined ? null : parseCriteria(criteria);
    this.#filter.apply(parsed);
    this.#emitFilter(false);
  }

  /**
   * Tests every held row again against the clock when the filter has relative
   * time conditions, and fires `filter` when the view changed. A timer does this
   * unless the store was made with `autoRefresh: false`. Returns whether the view changed.
   */
  refreshFilter(): boolean {
    const changed = this.#filter.refresh();
    if (changed) this.#emitFilter(true);
    return changed;
  }

  /** Forgets cached filter results, so the next `setFilter` evaluates from scratch. */
  clearFilterCache(): void {
    this.#filter.clearCache();
  }

  /** True when the row passes the current filter (every row passes without one). */
  matches(row: number): boolean {
    return this.#filter.matches(row);
  }

  /** Returns whether `row` is still held. */
  holds(row: number): boolean {
    return row >= this.#ring.start && row < this.#ring.end;
  }

  timeAt(row: number): number {
    const ring = this.#ring;
    return ring.time[row % ring.capacity];
  }

  valueAt(row: number): number {
    const ring = this.#ring;
    return ring.value[row % ring.capacity];
  }

  /**
   * Copies the times or values of logical rows [from, to) to `output` from
   * index `offset`, in arrival order, and returns the number of rows copied.
   * It reads a contiguous run of rows with one or two typed-array copies
   * rather than a `timeAt` or `valueAt` call per row. Throws a RangeError
   * when the rows are not all held or `output` has no room for them.
   */
  copyColumn(
    column: 'time' | 'value',
    from: number,
    to: number,
    output: Float64Array,
    offset = 0,
  ): number {
    const ring = this.#ring;
    if (column !== 'time' && column !== 'value') {
      throw new RangeError(`invalid column ${String(column)}: expected 'time' or 'value'`);
    }
    if (!Number.isInteger(from) || !Number.isInteger(to) || from > to) {
      throw new RangeError(
        `invalid rows [${String(from)}, ${String(to)}): expected integers with from <= to`,
      );
    }
    if (from < ring.start || to > ring.end) {
      throw new RangeError(
        `rows [${from}, ${to}) are outside the held rows [${ring.start}, ${ring.end})`,
      );
    }
    if (!Number.isInteger(offset) || offset < 0 || offset + (to - from) > output.length) {
      throw new RangeError(
        `output of length ${output.length} is too short for ${to - from} rows at offset ${String(offset)}`,
      );
    }
    ring.copyColumn(column, from, to, output, offset);
    return to - from;
  }

  categoryAt(row: number): string {
    return this.#ring.categoryAt(row);
  }

  sourceAt(row: number): string {
    return this.#ring.sourceAt(row);
  }

  idAt(row: number): string {
    return this.#ring.idAt(row);
  }

  /**
   * Metadata of a row. Rows with equal metadata share one object, so treat it
   * as read-only.
   */
  metadataAt(row: number): Metadata | undefined {
    return this.#ring.metadataAt(row);
  }

  /** Returns the point at a logical row as a new object, for cells and tooltips rather than loops. */
  pointAt(row: number): Point {
    const point: Point = {
      id: this.idAt(row),
      timestamp: this.timeAt(row),
      value: this.valueAt(row),
      category: this.categoryAt(row),
      source: this.sourceAt(row),
    };
    const metadata = this.metadataAt(row);
    if (metadata !== undefined) point.metadata = metadata;
    return point;
  }

  /** Returns every held series, each with its rows in time order. */
  series(): SeriesIndex[] {
    return [...this.#ring.series.values()].filter((series) => series.rows.length > 0);
  }

  /** Returns every category seen since the last `clear()`, including ones whose rows were evicted. */
  categories(): readonly string[] {
    return this.#ring.categories.values();
  }

  /** Returns every source seen since the last `clear()`, including ones whose rows were evicted. */
  sources(): readonly string[] {
    return this.#ring.sources.values();
  }

  /** Earliest and latest timestamp held, or null when empty. */
  timeRange(): [number, number] | null {
    const ring = this.#ring;
    if (ring.size === 0) return null;
    if (ring.timeSorted) return [ring.timeAt(ring.start), ring.timeAt(ring.end - 1)];
    let min = Infinity;
    let max = -Infinity;
    for (const series of ring.series.values()) {
      if (series.rows.length === 0) continue;
      min = Math.min(min, this.timeAt(series.rows.first()));
      max = Math.max(max, this.timeAt(series.rows.last()));
    }
    return min <= max ? [min, max] : null;
  }

  /**
   * Logical rows of the `count` points with the latest timestamps, oldest
   * first; points with equal timestamps count as later when they arrived later.
   */
  latestRows(count: number, options: QueryOptions = {}): Float64Array {
    return latestRows(this.#querySource(), count, options.filtered === true);
  }

  /** Returns the `count` points with the latest timestamps, oldest first, as new objects. */
  latest(count: number, options: QueryOptions = {}): Point[] {
    return Array.from(this.latestRows(count, options), (row) => this.pointAt(row));
  }

  /** Logical rows of one category or source in time order (arrival order on equal times). */
  rowsOf(field: 'category' | 'source', name: string, options: QueryOptions = {}): Float64Array {
    return rowsOf(this.#querySource(), field, name, options.filtered === true);
  }

  /** Points of one category or source in time order, as new objects. */
  pointsOf(field: 'category' | 'source', name: string, options: QueryOptions = {}): Point[] {
    return Array.from(this.rowsOf(field, name, options), (row) => this.pointAt(row));
  }

  /**
   * Distinct values of a field among the held rows, with how many rows hold
   * each, most frequent first and then by value. `field` is a criteria field:
   * `id`, `timestamp`, `value`, `category`, `source` or `metadata.<key>`. Gaps and
   * absent metadata keys are not counted; a metadata null is.
   */
  distinct(field: string, options: QueryOptions & { limit?: number } = {}): DistinctValue[] {
    const values = distinctValues(this.#querySource(), field, options.filtered === true);
    return options.limit === undefined ? values : values.slice(0, Math.max(0, options.limit));
  }

  /** Sizes, filter timings and cache counters. */
  stats(): StoreStats {
    return storeStats(this.#ring, this.#filter, this.#duplicates, this.series().length);
  }

  #emit(name: StoreEventName, detail: object): void {
    if (this.#muted) return;
    this.dispatchEvent(new CustomEvent(name, { detail }));
  }

  #emitFilter(refreshed: boolean): void {
    const detail: FilterDetail = { criteria: this.#filter.criteria, refreshed };
    this.#emit('filter', detail);
  }

  #filterHost(): FilterHost {
    // The ring is replaced on resize, so the host reads it on every access.
    const ring = () => this.#ring;
    return {
      get start() {
        return ring().start;
      },
      get end() {
        return ring().end;
      },
      get categoryCodes() {
        return ring().categories;
      },
      get sourceCodes() {
        return ring().sources;
      },
      frame: () => this.#ring.frame(),
      allSeries: () => this.#ring.series.values(),
      seriesWith: (field, code) => this.#ring.seriesWith(field, code),
      timeAt: (row) => this.timeAt(row),
      valueAt: (row) => this.valueAt(row),
      categoryAt: (row) => this.categoryAt(row),
      sourceAt: (row) => this.sourceAt(row),
      idAt: (row) => this.idAt(row),
      metadataAt: (row) => this.metadataAt(row),
    };
  }

  #querySource(): QuerySource {
    return {
      store: this,
      ring: this.#ring,
      filtered: this.#filter.active ? this.#filter.rows : null,
    };
  }

  #afterAppend(from: number, duplicates: number, evicted: number): AppendDetail {
    const end = this.#ring.end;
    this.#duplicates += duplicates;
    if (evicted > 0) this.#afterEvict(evicted);
    const detail: AppendDetail = { from, to: end, added: end - from, duplicates };
    this.#filter.afterAppend(from);
    if (detail.added > 0 || duplicates > 0) this.#emit('append', detail);
    return detail;
  }

  #afterEvict(count: number): void {
    const start = this.start;
    this.#filter.afterEvict(start);
    const detail: EvictDetail = { count, start };
    this.#emit('evict', detail);
  }
}
