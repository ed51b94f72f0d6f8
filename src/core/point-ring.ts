import { Dictionary } from './dictionary.js';
import type { ColumnFrame } from './filter-plan.js';
import { IdIndex } from './id-index.js';
import { MetadataTable } from './metadata-table.js';
import { SeriesIndex } from './series-index.js';
import type { Metadata, Point } from './types.js';

const UINT16_CODES = 0xffff;
/** Series key = category code * scale + source code, unique while source codes stay below it. */
const SERIES_KEY_SCALE = 0x4000000;

function growCodes(codes: Uint16Array | Uint32Array, length: number): Uint16Array | Uint32Array {
  const grown = codes instanceof Uint16Array ? new Uint16Array(length) : new Uint32Array(length);
  grown.set(codes);
  return grown;
}

/**
 * The columns, ids, metadata and per-series indices behind a Store, without
 * events or filtering. Row `r` lives in slot `r % capacity` while
 * `start <= r < end`. Category and source codes are 2 bytes each until a
 * dictionary passes 65,535 strings, then 4.
 */
export class PointRing {
  start = 0;
  end = 0;
  time = new Float64Array(0);
  value = new Float64Array(0);
  category: Uint16Array | Uint32Array = new Uint16Array(0);
  source: Uint16Array | Uint32Array = new Uint16Array(0);
  readonly ids: IdIndex;
  readonly metadata = new MetadataTable();
  readonly categories = new Dictionary();
  readonly sources = new Dictionary();
  readonly series = new Map<number, SeriesIndex>();
  readonly #seriesByCategory: SeriesIndex[][] = [];
  readonly #seriesBySource: SeriesIndex[][] = [];
  #lastSeries: SeriesIndex | null = null;
  readonly #categoryCache = new RecentCodes(this.categories);
  readonly #sourceCache = new RecentCodes(this.sources);
  /** Series by category code, then source code. */
  readonly #seriesGrid: (SeriesIndex | undefined)[][] = [];
  /** Latest row whose time is below its predecessor's (or NaN); rows are in time order when it is at most `start`. */
  #lastDescent = 0;

  constructor(readonly capacity: number) {
    this.ids = new IdIndex(capacity);
  }

  get size(): number {
    return this.end - this.start;
  }

  /** True when the held rows' times never decrease in arrival order. */
  get timeSorted(): boolean {
    return this.#lastDescent <= this.start;
  }

  /** Bytes of the typed arrays behind the columns and indices. */
  get byteLength(): number {
    let bytes = this.time.byteLength + this.value.byteLength;
    bytes += this.category.byteLength + this.source.byteLength;
    bytes += this.ids.byteLength + this.metadata.byteLength;
    for (const series of this.series.values()) bytes += series.rows.byteLength;
    return bytes;
  }

  timeAt(row: number): number {
    return this.time[row % this.capacity];
  }

  readonly timeOf = (row: number): number => this.time[row % this.capacity];

  categoryAt(row: number): string {
    return this.categories.decode(this.category[row % this.capacity]);
  }

  sourceAt(row: number): string {
    return this.sources.decode(this.source[row % this.capacity]);
  }

  idAt(row: number): string {
    return this.ids.idAt(row % this.capacity);
  }

  metadataAt(row: number): Metadata | undefined {
    return this.metadata.at(row % this.capacity);
  }

  /**
   * Copies the `column` entries of held rows [from, to) to `output` from
   * index `offset`, as at most two typed-array copies because the rows wrap
   * around the end of the slots at most once. The caller checks the range.
   */
  copyColumn(
    column: 'time' | 'value',
    from: number,
    to: number,
    output: Float64Array,
    offset: number,
  ): void {
    const source = column === 'time' ? this.time : this.value;
    const capacity = this.capacity;
    const slot = from % capacity;
    const count = to - from;
    const first = Math.min(count, capacity - slot);
    output.set(source.subarray(slot, slot + first), offset);
    if (first < count) output.set(source.subarray(0, count - first), offset + first);
  }

  frame(): ColumnFrame {
    return {
      time: this.time,
      value: this.value,
      category: this.category,
      source: this.source,
      capacity: this.capacity,
      start: this.start,
      size: this.size,
      startSlot: this.start % this.capacity,
      timeSorted: this.timeSorted,
    };
  }

  /** The series whose category (or source) has dictionary code `code`. */
  seriesWith(field: 'category' | 'source', code: number): readonly SeriesIndex[] {
    return (field === 'category' ? this.#seriesByCategory : this.#seriesBySource)[code] ?? [];
  }

  /** Grows the columns to hold `rows` rows; they start small so a large capacity costs nothing until used. */
  reserve(rows: number): void {
    if (rows <= this.time.length) return;
    const length = Math.min(this.capacity, Math.max(rows, this.time.length * 2, 1024));
    // Before the first wrap every held row r sits in slot r, so a plain copy keeps slots valid.
    const times = new Float64Array(length);
    times.set(this.time);
    this.time = times;
    const values = new Float64Array(length);
    values.set(this.value);
    this.value = values;
    this.category = growCodes(this.category, length);
    this.source = growCodes(this.source, length);
    this.ids.reserve(length);
    this.metadata.reserve(length);
  }

  /**
   * Writes a point as row `end`. The caller has checked with `ids.has` that its
   * id is new and evicted a row if the ring was full.
   */
  write(point: Point): void {
    const category = this.categoryCode(point.category);
    const source = this.sourceCode(point.source);
    this.writeCoded(point.timestamp, point.value, category, source, point.metadata);
  }

  /** Returns the dictionary code of a category, widening the code column when it passes 2 bytes. */
  categoryCode(name: string): number {
    const code = this.#categoryCache.encode(name);
    if (code > UINT16_CODES && this.category instanceof Uint16Array) {
      this.category = Uint32Array.from(this.category);
    }
    return code;
  }

  /** Returns the dictionary code of a source, widening the code column when it passes 2 bytes. */
  sourceCode(name: string): number {
    const code = this.#sourceCache.encode(name);
    if (code > UINT16_CODES && this.source instanceof Uint16Array) {
      this.source = Uint32Array.from(this.source);
    }
    return code;
  }

  /**
   * Writes a row as `write` does, with category and source given as codes from
   * `categoryCode` and `sourceCode`. The id is the one last given to `ids.has`
   * or `ids.hasNumbered`.
   */
  writeCoded(
    time: number,
    value: number,
    category: number,
    source: number,
    metadata: Metadata | undefined,
  ): void {
    const row = this.end;
    const capacity = this.capacity;
    const slot = row % capacity;
    // `!(a >= b)` also marks a NaN time, so binary search never meets one.
    if (row > this.start && !(time >= this.time[(row - 1) % capacity])) {
      this.#lastDescent = row;
    }
    this.time[slot] = time;
    this.value[slot] = value;
    this.category[slot] = category;
    this.source[slot] = source;
    this.ids.addChecked(slot);
    this.metadata.set(slot, metadata);
    this.end = row + 1;
    this.#seriesOf(category, source).add(row, time, this.timeOf);
  }

  /** Drops the oldest row from the columns and from its series. */
  evictOne(): void {
    const slot = this.start % this.capacity;
    this.#seriesGrid[this.category[slot]]?.[this.source[slot]]?.evictOldest(this.start);
    this.ids.remove(slot);
    this.metadata.release(slot);
    this.start++;
  }

  clear(): void {
    this.start = 0;
    this.end = 0;
    this.#lastDescent = 0;
    this.ids.clear();
    this.metadata.clear();
    this.categories.clear();
    this.sources.clear();
    this.series.clear();
    this.#seriesByCategory.length = 0;
    this.#seriesBySource.length = 0;
    this.#lastSeries = null;
    this.#categoryCache.clear();
    this.#sourceCache.clear();
    this.#seriesGrid.length = 0;
  }

  #seriesOf(category: number, source: number): SeriesIndex {
    const last = this.#lastSeries;
    if (last !== null && last.key === category * SERIES_KEY_SCALE + source) return last;
    const row = (this.#seriesGrid[category] ??= []);
    let series = row[source];
    if (series === undefined) {
      const key = category * SERIES_KEY_SCALE + source;
      series = new SeriesIndex(key, this.categories.decode(category), this.sources.decode(source));
      row[source] = series;
      this.series.set(key, series);
      (this.#seriesByCategory[category] ??= []).push(series);
      (this.#seriesBySource[source] ??= []).push(series);
    }
    this.#lastSeries = series;
    return series;
  }
}

/** Slots in the cache of recently coded strings. */
const RECENT = 8;

/**
 * The last few strings coded by a dictionary, checked before it. Streams
 * usually cycle through a handful of categories and sources, and comparing a
 * few strings (mostly the same string objects) is cheaper than a Map lookup.
 */
class RecentCodes {
  readonly #strings: (string | undefined)[] = new Array(RECENT).fill(undefined);
  readonly #codes = new Int32Array(RECENT);
  #next = 0;

  constructor(readonly dictionary: Dictionary) {}

  encode(text: string): number {
    const strings = this.#strings;
    for (let i = 0; i < RECENT; i++) if (strings[i] === text) return this.#codes[i];
    const code = this.dictionary.encode(text);
    strings[this.#next] = text;
    this.#codes[this.#next] = code;
    this.#next = (this.#next + 1) % RECENT;
    return code;
  }

  clear(): void {
    this.#strings.fill(undefined);
  }
}
