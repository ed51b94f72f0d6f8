import { parseCriteria, type FilterCriteria } from './criteria.js';
import { Dictionary } from './dictionary.js';
import { compileCriteria, type RowPredicate, type RowReader } from './filter.js';
import { RowList } from './row-list.js';
import { SeriesIndex } from './series-index.js';
import type { AppendDetail, EvictDetail, Metadata, Point } from './types.js';

export const DEFAULT_CAPACITY = 100_000;
export const MAX_CAPACITY = 10_000_000;

/** Names of the events a Store dispatches. Every one is a CustomEvent. */
export type StoreEventName = 'append' | 'evict' | 'reset' | 'filter';

export interface StoreOptions {
  /** Most points held; the oldest are evicted first. 1 to 10,000,000. */
  capacity?: number;
}

/** The filtered rows, in arrival order, as logical row numbers. */
export interface StoreView {
  readonly length: number;
  rowAt(index: number): number;
}

function checkCapacity(capacity: number): number {
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY) {
    throw new RangeError(
      `Store capacity must be an integer from 1 to ${MAX_CAPACITY}, got ${String(capacity)}`,
    );
  }
  return capacity;
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
  #capacity: number;
  #start = 0;
  #end = 0;
  #time = new Float64Array(0);
  #value = new Float64Array(0);
  #category = new Uint32Array(0);
  #source = new Uint32Array(0);
  #ids: string[] = [];
  #metadata: (Metadata | undefined)[] = [];
  #idRows = new Map<string, number>();
  readonly #categories = new Dictionary();
  readonly #sources = new Dictionary();
  readonly #series = new Map<number, SeriesIndex>();
  #duplicates = 0;

  #criteria: FilterCriteria | null = null;
  #predicate: RowPredicate | null = null;
  readonly #viewRows = new RowList(1024);

  /** Filtered rows in arrival order. Without a filter it covers every held row. */
  readonly view: StoreView;

  constructor(options: StoreOptions = {}) {
    super();
    this.#capacity = checkCapacity(options.capacity ?? DEFAULT_CAPACITY);
    const rowAt = (index: number) =>
      this.#predicate === null ? this.#start + index : this.#viewRows.at(index);
    const view = { rowAt } as { rowAt: typeof rowAt; length: number };
    Object.defineProperty(view, 'length', {
      get: () => (this.#predicate === null ? this.size : this.#viewRows.length),
    });
    this.view = view;
  }

  get capacity(): number {
    return this.#capacity;
  }

  /** Number of points held. */
  get size(): number {
    return this.#end - this.#start;
  }

  /** Logical row number of the oldest held point. */
  get start(): number {
    return this.#start;
  }

  /** Logical row number one past the newest point. */
  get end(): number {
    return this.#end;
  }

  /** Points dropped because a point with the same id was already held. */
  get duplicates(): number {
    return this.#duplicates;
  }

  get filter(): FilterCriteria | null {
    return this.#criteria;
  }

  /**
   * Appends validated points in arrival order, evicting the oldest rows when
   * the buffer is full. A point whose id is already held is dropped and counted.
   */
  append(points: readonly Point[]): AppendDetail {
    const from = this.#end;
    let duplicates = 0;
    this.#reserve(Math.min(this.#capacity, this.size + points.length));
    // When one batch is larger than the buffer, only its newest points can stay.
    const first = Math.max(0, points.length - this.#capacity);
    let evicted = 0;
    for (let i = first; i < points.length; i++) {
      const point = points[i];
      if (this.#idRows.has(point.id)) {
        duplicates++;
        continue;
      }
      if (this.size === this.#capacity) {
        this.#evictOne();
        evicted++;
      }
      this.#write(point);
    }
    this.#duplicates += duplicates;
    if (evicted > 0) this.#afterEvict(evicted);
    const detail: AppendDetail = { from, to: this.#end, added: this.#end - from, duplicates };
    if (this.#predicate !== null) {
      for (let row = Math.max(from, this.#start); row < this.#end; row++) {
        if (this.#predicate(row)) this.#viewRows.push(row);
      }
    }
    if (detail.added > 0 || duplicates > 0) this.#emit('append', detail);
    return detail;
  }

  /** Drops every point and the string tables; fires `reset`. The filter stays. */
  clear(): void {
    this.#start = 0;
    this.#end = 0;
    this.#ids = [];
    this.#metadata = [];
    this.#idRows.clear();
    this.#categories.clear();
    this.#sources.clear();
    this.#series.clear();
    this.#viewRows.clear();
    this.#duplicates = 0;
    this.#emit('reset', {});
  }

  /**
   * Changes the capacity, keeping the newest points that fit. Fires `reset`,
   * because logical row numbers start again from zero.
   */
  resize(capacity: number): void {
    checkCapacity(capacity);
    if (capacity === this.#capacity) return;
    const kept: Point[] = [];
    for (let row = Math.max(this.#start, this.#end - capacity); row < this.#end; row++) {
      kept.push(this.pointAt(row));
    }
    this.#capacity = capacity;
    this.#time = new Float64Array(0);
    this.#value = new Float64Array(0);
    this.#category = new Uint32Array(0);
    this.#source = new Uint32Array(0);
    const events = this.#muted;
    this.#muted = true;
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
    if (criteria === null || criteria === undefined) {
      this.#criteria = null;
      this.#predicate = null;
      this.#viewRows.clear();
      this.#emit('filter', { criteria: null });
      return;
    }
    const parsed = parseCriteria(criteria);
    const predicate = compileCriteria(parsed, this);
    this.#criteria = parsed;
    this.#predicate = predicate;
    this.#viewRows.clear();
    for (let row = this.#start; row < this.#end; row++) {
      if (predicate(row)) this.#viewRows.push(row);
    }
    this.#emit('filter', { criteria: parsed });
  }

  /** True when the row passes the current filter (every row passes without one). */
  matches(row: number): boolean {
    return this.#predicate === null || this.#predicate(row);
  }

  /** Whether `row` is still held. */
  holds(row: number): boolean {
    return row >= this.#start && row < this.#end;
  }

  timeAt(row: number): number {
    return this.#time[row % this.#capacity];
  }

  valueAt(row: number): number {
    return this.#value[row % this.#capacity];
  }

  categoryAt(row: number): string {
    return this.#categories.decode(this.#category[row % this.#capacity]);
  }

  sourceAt(row: number): string {
    return this.#sources.decode(this.#source[row % this.#capacity]);
  }

  idAt(row: number): string {
    return this.#ids[row % this.#capacity];
  }

  metadataAt(row: number): Metadata | undefined {
    return this.#metadata[row % this.#capacity];
  }

  /** The point at a logical row, as a new object. Meant for cells and tooltips, not loops. */
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

  /** Every series held, each with its rows in time order. */
  series(): SeriesIndex[] {
    return [...this.#series.values()].filter((series) => series.rows.length > 0);
  }

  categories(): readonly string[] {
    return this.#categories.values();
  }

  sources(): readonly string[] {
    return this.#sources.values();
  }

  /** Earliest and latest timestamp held, or null when empty. */
  timeRange(): [number, number] | null {
    let min = Infinity;
    let max = -Infinity;
    for (const series of this.#series.values()) {
      if (series.rows.length === 0) continue;
      min = Math.min(min, this.timeAt(series.rows.first()));
      max = Math.max(max, this.timeAt(series.rows.last()));
    }
    return min <= max ? [min, max] : null;
  }

  #muted = false;

  #emit(name: StoreEventName, detail: object): void {
    if (this.#muted) return;
    this.dispatchEvent(new CustomEvent(name, { detail }));
  }

  /** Grows the columns to hold `rows` rows; they start small so a large capacity costs nothing until used. */
  #reserve(rows: number): void {
    if (rows <= this.#time.length) return;
    const length = Math.min(this.#capacity, Math.max(rows, this.#time.length * 2, 1024));
    const grow = <T extends Float64Array | Uint32Array>(column: T, make: (n: number) => T): T => {
      const next = make(length);
      next.set(column);
      return next;
    };
    // Before the first wrap every held row r sits in slot r, so a plain copy keeps slots valid.
    this.#time = grow(this.#time, (n) => new Float64Array(n));
    this.#value = grow(this.#value, (n) => new Float64Array(n));
    this.#category = grow(this.#category, (n) => new Uint32Array(n));
    this.#source = grow(this.#source, (n) => new Uint32Array(n));
  }

  #write(point: Point): void {
    const row = this.#end;
    const slot = row % this.#capacity;
    const category = this.#categories.encode(point.category);
    const source = this.#sources.encode(point.source);
    this.#time[slot] = point.timestamp;
    this.#value[slot] = point.value;
    this.#category[slot] = category;
    this.#source[slot] = source;
    this.#ids[slot] = point.id;
    this.#metadata[slot] = point.metadata;
    this.#idRows.set(point.id, row);
    this.#end = row + 1;
    const key = category * 0x4000000 + source;
    let series = this.#series.get(key);
    if (series === undefined) {
      series = new SeriesIndex(key, point.category, point.source);
      this.#series.set(key, series);
    }
    series.add(row, point.timestamp, (r) => this.timeAt(r));
  }

  #evictOne(): void {
    const slot = this.#start % this.#capacity;
    this.#idRows.delete(this.#ids[slot]);
    this.#metadata[slot] = undefined;
    this.#start++;
  }

  #afterEvict(count: number): void {
    const start = this.#start;
    for (const series of this.#series.values()) series.evictBefore(start);
    if (this.#predicate !== null) {
      let drop = 0;
      while (drop < this.#viewRows.length && this.#viewRows.at(drop) < start) drop++;
      this.#viewRows.dropFront(drop);
    }
    const detail: EvictDetail = { count, start };
    this.#emit('evict', detail);
  }
}
