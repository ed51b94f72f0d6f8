import { downsampleM4, M4Bucket, Polyline, type SampleSource } from '../../core/downsample.js';
import type { RowList } from '../../core/row-list.js';
import type { Store } from '../../core/store.js';
import { BlockExtremes, FANOUT } from './block-extremes.js';
import { ColumnCache } from './column-cache.js';
import { RowOffsets } from './row-offsets.js';
/**
 * Points per pixel column below which M4 reads every point: block lookups
 * and a binary search per column cost more than a plain scan of a few points.
 */
export const PLAIN_SCAN_POINTS_PER_COLUMN = 32;
/** Rows scanned on each side of a hovered time to step over gaps. */
const MAX_GAP_SCAN = 1000;

/**
 * Times and values of the points of one plain M4 run, shared by every
 * summary because downsampling never nests. They grow to the largest run,
 * at most 32 points per pixel column plus two.
 */
let plainTimes = new Float64Array(0);
let plainValues = new Float64Array(0);

/**
 * The rows of one chart series that pass the store's filter, kept in time
 * order as points arrive, with the extremes of nested blocks of rows.
 * Downsampling, value extents and hover read blocks and binary search, so
 * their cost grows with the plot width and only with the logarithm of the
 * number of points shown.
 *
 * Only the logical rows are kept (see RowOffsets), and times and values are
 * read from the store, which never changes a held point. Copying times and
 * values as well would add 16 bytes a point of fresh memory to each
 * rebuild. Writing fresh memory was most of a rebuild's cost in headless
 * Chromium 156 on a 2-core virtual machine.
 *
 * Indices in the public methods are positions in time order, 0 = oldest.
 */
export class SeriesSummary implements SampleSource {
  readonly #store: Store;
  readonly #rows: RowOffsets;
  /** Array index from which block extremes are stale. */
  #staleFrom = 0;
  readonly #blocks = new BlockExtremes((from, to, output) => this.#readValues(from, to, output));
  readonly #columns = new ColumnCache();

  constructor(store: Store) {
    this.#store = store;
    this.#rows = new RowOffsets(store.start);
  }

  get length(): number {
    return this.#rows.length;
  }

  rowAt(index: number): number {
    return this.#rows.rowAt(this.#rows.head + index);
  }

  timeAt(index: number): number {
    return this.#store.timeAt(this.#rows.rowAt(this.#rows.head + index));
  }

  valueAt(index: number): number {
    return this.#store.valueAt(this.#rows.rowAt(this.#rows.head + index));
  }

  /** Makes room for `count` more points at once, so a rebuild grows the arrays once. */
  reserve(count: number): void {
    if (this.#rows.reserve(count)) this.#staleFrom = 0;
  }

  /**
   * Appends a logical row that is not earlier in time than the last one, into
   * room that `reserve` made. A rebuild adds every row this way, without the
   * checks of `add`. The row must be held by the store.
   */
  appendOrdered(row: number): void {
    this.#rows.push(row);
  }

  /**
   * Appends every row of `list`, which must be in time order and not earlier
   * than the last point, as the rows of a store series are, in one pass. It
   * suits a rebuild. `inArrivalOrder` is false when late points put some
   * rows before older ones.
   */
  appendList(list: RowList, inArrivalOrder: boolean): void {
    // Growing the buffer resizes the block levels too, so reserve here marks every block stale.
    this.reserve(list.length);
    this.#rows.appendList(list, inArrivalOrder, this.#store.start, this.#store.end);
  }

  /** Adds a logical row at its place in time; equal times keep arrival order. */
  add(row: number): void {
    const rows = this.#rows;
    const time = this.#store.timeAt(row);
    if (rows.tail === rows.capacity) {
      rows.makeRoom();
      this.#staleFrom = 0;
    }
    if (rows.length === 0 || this.timeAt(this.length - 1) <= time) {
      rows.push(row);
      this.#staleFrom = Math.min(this.#staleFrom, rows.tail - 1);
      return;
    }
    const position = rows.head + this.upperBound(time);
    rows.insert(position, row);
    this.#columns.changedAt(time);
    this.#staleFrom = Math.min(this.#staleFrom, position);
  }

  /** Removes every row older than the logical row `start`, as the store evicted them. */
  dropBefore(start: number): void {
    const rows = this.#rows;
    const change = rows.dropBefore(start);
    if (change === 'compacted') {
      this.#staleFrom = Math.min(this.#staleFrom, rows.head);
      // Evicted rows can lie anywhere in time once late points reordered the series.
      this.#columns.clear();
    } else if (change === 'prefix') {
      if (rows.length === 0) {
        this.#staleFrom = 0;
        return;
      }
      // The first blocks now start at the new head. Recomputing just them keeps
      // every later block valid.
      this.#blocks.refreshHead(rows.head, rows.tail);
    }
  }

  /** Index of the first point whose time is at least `time`. */
  lowerBound(time: number): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.timeAt(middle) < time) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Index of the first point whose time is after `time`. */
  upperBound(time: number): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.timeAt(middle) <= time) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Returns the minimum and maximum finite value of points [from, to), or [Infinity, -Infinity]. */
  extent(from: number, to: number): [number, number] {
    this.#refreshBlocks();
    const { head, tail } = this.#rows;
    let min = Infinity;
    let max = -Infinity;
    let position = head + from;
    const end = head + to;
    while (position < end) {
      const block = this.#blocks.find(position, end, head, tail, true);
      if (block >= 0) {
        if (this.#blocks.minPosition(block) >= 0) {
          min = Math.min(min, this.#blocks.minValue(block));
          max = Math.max(max, this.#blocks.maxValue(block));
        }
        position = this.#blocks.end(block, tail);
        continue;
      }
      const value = this.#valueAtPosition(position);
      if (value < min) min = value;
      if (value > max) max = value;
      position++;
    }
    return [min, max];
  }

  /**
   * Writes the M4 reduction of the points in `domain`, plus the nearest point
   * on each side, to `output` and returns it. The result equals
   * `downsampleM4` over those points; whole blocks inside a column are taken
   * from their precomputed extremes.
   *
   * With `grid`, the caller promises that the columns are a whole number of
   * milliseconds wide and that `domain` starts on a multiple of that width,
   * as a following chart's domain does (see `gridDomain`). Columns are then
   * counted from time 0, so they are the same from frame to frame, and the
   * columns whose points did not change since the last call are copied from
   * it. A point on a column's edge belongs to that column, as in
   * `downsampleM4`, which can round such a point into the column before.
   */
  downsample(
    domain: readonly [number, number],
    columns: number,
    output: Polyline,
    grid = false,
  ): Polyline {
    const [t0, t1] = domain;
    const from = Math.max(0, this.lowerBound(t0) - 1);
    const to = Math.min(this.length, this.upperBound(t1) + 1);
    const span = t1 - t0;
    const usable = Number.isFinite(span) && span > 0 && Number.isFinite(columns) && columns > 0;
    if (!usable || to - from <= columns * PLAIN_SCAN_POINTS_PER_COLUMN) {
      this.#columns.clear();
      if (!usable) return downsampleM4(this.#slice(from, to), domain, columns, output);
      return downsampleM4(this.#copiedSlice(from, to), domain, columns, output);
    }
    this.#refreshBlocks();
    output.clear();
    const bucket = new M4Bucket(this, output);
    if (!grid) {
      const perMs = columns / span;
      this.#columns.clear();
      const columnOf = (index: number) => Math.floor((this.timeAt(index) - t0) * perMs);
      this.#reduce(bucket, output, from, to, columnOf, (column) => t0 + column / perMs);
      return output;
    }
    // Whole milliseconds per column, so dividing by it places a point on an edge exactly.
    const width = span / columns;
    const origin = Math.round(t0 / width);
    const columnOf = (index: number) => Math.floor(this.timeAt(index) / width) - origin;
    const edge = (column: number) => (origin + column) * width;
    // The oldest point's column may have lost evicted points, and the first column has the one before.
    const oldest = Math.floor(this.timeAt(0) / width);
    const [first, end] = this.#columns.reusable(
      width,
      Math.max(origin, oldest) + 1,
      origin + columns,
    );
    if (first < end) {
      const split = this.#firstInColumn(first - origin, from, to, columnOf, edge);
      const resume = this.#firstInColumn(end - origin, split, to, columnOf, edge);
      this.#reduce(bucket, output, from, split, columnOf, edge);
      this.#columns.copyTo(output, first, end);
      this.#reduce(bucket, output, resume, to, columnOf, edge);
    } else {
      this.#reduce(bucket, output, from, to, columnOf, edge);
    }
    const newest = Math.floor(this.timeAt(this.length - 1) / width);
    // The first column can lack a gap marker, which an empty line drops, so it is not kept.
    this.#columns.keep(output, width, origin + 1, Math.min(newest, origin + columns));
    return output;
  }

  /**
   * Reduces points [start, to) column by column. `columnOf` gives a point's
   * column and `edge` the time where a column starts.
   */
  #reduce(
    bucket: M4Bucket,
    output: Polyline,
    start: number,
    to: number,
    columnOf: (index: number) => number,
    edge: (column: number) => number,
  ): void {
    while (start < to) {
      const column = columnOf(start);
      // A search finds the next column's first point; the loops correct rounding at its edge.
      let end = this.#searchTime(start, to, edge(column + 1));
      while (end < to && columnOf(end) === column) end++;
      while (end > start + 1 && columnOf(end - 1) !== column) end--;
      this.#addColumn(bucket, output, start, end, column);
      bucket.flush();
      start = end;
    }
  }

  /** Index of the first point in [from, to) whose column is `column` or later, or `to`. */
  #firstInColumn(
    column: number,
    from: number,
    to: number,
    columnOf: (index: number) => number,
    edge: (column: number) => number,
  ): number {
    if (from >= to || columnOf(from) >= column) return from;
    let index = this.#searchTime(from, to, edge(column));
    while (index < to && columnOf(index) < column) index++;
    while (index > from + 1 && columnOf(index - 1) >= column) index--;
    return index;
  }

  /**
   * Returns the first index in (start, to] whose time is at least `time`,
   * where the point at `start` is earlier. Columns hold similar numbers of
   * points, so the search first probes where a straight line between the
   * bounds puts `time`. That takes two or three reads on evenly spaced points
   * against about 20 for a binary search over a million. A probe that does
   * not halve the range is followed by a halving step, which bounds the reads
   * at twice those of a binary search.
   */
  #searchTime(start: number, to: number, time: number): number {
    let low = start;
    let high = to;
    let lowTime = this.timeAt(low);
    let highTime = high < this.length ? this.timeAt(high) : Infinity;
    let bisect = !Number.isFinite(highTime);
    while (high - low > 1) {
      let middle: number;
      if (bisect) {
        middle = (low + high) >>> 1;
      } else {
        const guess = low + Math.floor(((time - lowTime) / (highTime - lowTime)) * (high - low));
        middle = Math.min(high - 1, Math.max(low + 1, guess));
      }
      const span = high - low;
      const middleTime = this.timeAt(middle);
      if (middleTime < time) {
        low = middle;
        lowTime = middleTime;
      } else {
        high = middle;
        highTime = middleTime;
      }
      bisect = high - low > span / 2;
    }
    return high;
  }

  /** Index of the newest point with a finite value, or -1. */
  latestFinite(): number {
    for (let index = this.length - 1; index >= 0; index--) {
      if (Number.isFinite(this.valueAt(index))) return index;
    }
    return -1;
  }

  /**
   * Index of the point with a finite value nearest in time to `time` and
   * inside `domain`, or -1. On a tie the earlier point wins.
   */
  nearest(time: number, domain: readonly [number, number]): number {
    const first = this.lowerBound(domain[0]);
    const end = this.upperBound(domain[1]);
    const middle = Math.min(Math.max(this.lowerBound(time), first), end);
    let after = -1;
    for (let i = middle; i < end && i < middle + MAX_GAP_SCAN; i++) {
      if (Number.isFinite(this.valueAt(i))) {
        after = i;
        break;
      }
    }
    let before = -1;
    for (let i = middle - 1; i >= first && i >= middle - MAX_GAP_SCAN; i--) {
      if (Number.isFinite(this.valueAt(i))) {
        before = i;
        break;
      }
    }
    if (before < 0) return after;
    if (after < 0) return before;
    return this.timeAt(after) - time < time - this.timeAt(before) ? after : before;
  }

  #addColumn(bucket: M4Bucket, output: Polyline, start: number, end: number, column: number) {
    const { head, tail } = this.#rows;
    let index = start;
    while (index < end) {
      index = this.#blocks.addBlocks(bucket, column, head + index, head + end, head, tail) - head;
      if (index >= end) break;
      // No whole gap-free block starts here: scan single points up to the next block boundary.
      const boundary = (Math.floor((head + index) / FANOUT) + 1) * FANOUT - head;
      index = this.#addPoints(bucket, output, index, Math.min(end, boundary), column);
    }
  }

  /**
   * Adds points [from, to) of one column to `bucket` in a plain loop over the
   * values, breaking the line at non-finite values. Returns `to`.
   */
  #addPoints(bucket: M4Bucket, output: Polyline, from: number, to: number, column: number) {
    let run = from;
    let min = -1;
    let max = -1;
    let minValue = Infinity;
    let maxValue = -Infinity;
    for (let index = from; index < to; index++) {
      const value = this.valueAt(index);
      if (!Number.isFinite(value)) {
        if (index > run) bucket.addRange(run, index - 1, column, min, minValue, max, maxValue);
        bucket.flush();
        output.pushGap(this.timeAt(index));
        run = index + 1;
        minValue = Infinity;
        maxValue = -Infinity;
        continue;
      }
      // Strict comparisons keep the earliest point on a tie, as M4Bucket does.
      if (value < minValue) {
        minValue = value;
        min = index;
      }
      if (value > maxValue) {
        maxValue = value;
        max = index;
      }
    }
    if (to > run) bucket.addRange(run, to - 1, column, min, minValue, max, maxValue);
    return to;
  }

  #refreshBlocks(): void {
    const { head, tail, capacity } = this.#rows;
    if (this.#staleFrom >= tail) return;
    this.#blocks.refresh(head, tail, this.#staleFrom, capacity);
    this.#staleFrom = tail;
  }

  #valueAtPosition(position: number): number {
    return this.#store.valueAt(this.#rows.rowAt(position));
  }

  #readValues(from: number, to: number, output: Float64Array): void {
    const store = this.#store;
    const rows = this.#rows;
    const first = rows.runStart(from, to);
    // Between an eviction and the next sync the run can start at an evicted row, so read per row.
    if (first >= 0 && to > from && store.holds(first) && store.holds(first + to - from - 1)) {
      store.copyColumn('value', first, first + to - from, output);
      return;
    }
    for (let position = from; position < to; position++) {
      output[position - from] = store.valueAt(rows.rowAt(position));
    }
  }

  /**
   * Points [from, to) for plain M4, copied in bulk into shared arrays when
   * they are consecutive held rows, which saves a row lookup and a store call
   * per read. Other points are read through the store.
   */
  #copiedSlice(from: number, to: number): SampleSource {
    const count = to - from;
    const store = this.#store;
    const head = this.#rows.head;
    const first = this.#rows.runStart(head + from, head + to);
    if (count === 0 || first < 0 || !store.holds(first) || !store.holds(first + count - 1)) {
      return this.#slice(from, to);
    }
    if (plainTimes.length < count) {
      plainTimes = new Float64Array(count);
      plainValues = new Float64Array(count);
    }
    store.copyColumn('time', first, first + count, plainTimes);
    store.copyColumn('value', first, first + count, plainValues);
    const times = plainTimes;
    const values = plainValues;
    return { length: count, timeAt: (index) => times[index], valueAt: (index) => values[index] };
  }

  /** A view of points [from, to) for plain M4. */
  #slice(from: number, to: number): SampleSource {
    return {
      length: to - from,
      timeAt: (index) => this.timeAt(from + index),
      valueAt: (index) => this.valueAt(from + index),
    };
  }
}
