import { downsampleM4, M4Bucket, Polyline, type SampleSource } from '../../core/downsample.js';
import type { RowList } from '../../core/row-list.js';
import type { Store } from '../../core/store.js';
import { BlockExtremes, FANOUT } from './block-extremes.js';
/**
 * Points per pixel column below which M4 reads every point: block lookups
 * and a binary search per column cost more than a plain scan of a few points.
 */
const PLAIN_SCAN_POINTS_PER_COLUMN = 32;
/** Rows scanned on each side of a hovered time to step over gaps. */
const MAX_GAP_SCAN = 1000;

/** Row offsets must stay below this, the range of a Uint32Array element. */
const OFFSET_LIMIT = 2 ** 32;

/**
 * The rows of one chart series that pass the store's filter, kept in time
 * order as points arrive, with the extremes of nested blocks of rows.
 * Downsampling, value extents and hover read blocks and binary search, so
 * their cost grows with the plot width and only with the logarithm of the
 * number of points shown.
 *
 * Only the logical rows are kept, as 4-byte offsets from a base row, and
 * times and values are read from the store, which never changes a held
 * point. Copying times and values as well would triple the fresh memory a
 * rebuild writes, which cost about 10 ms per million points in headless
 * Chromium 156 on a 2-core virtual machine.
 *
 * Indices in the public methods are positions in time order, 0 = oldest.
 */
export class SeriesSummary implements SampleSource {
  readonly #store: Store;
  /** Logical row of each point minus `#base`. */
  #rows: Uint32Array = new Uint32Array(256);
  /** A row no larger than any held row. */
  #base: number;
  #head = 0;
  #tail = 0;
  /** True once rows are no longer in arrival order, after a late point or a merge of sources. */
  #reordered = false;
  /** Array index from which block extremes are stale. */
  #staleFrom = 0;
  readonly #blocks = new BlockExtremes((from, to, output) => this.#readValues(from, to, output));

  constructor(store: Store) {
    this.#store = store;
    this.#base = store.start;
  }

  get length(): number {
    return this.#tail - this.#head;
  }

  rowAt(index: number): number {
    return this.#base + this.#rows[this.#head + index];
  }

  timeAt(index: number): number {
    return this.#store.timeAt(this.#base + this.#rows[this.#head + index]);
  }

  valueAt(index: number): number {
    return this.#store.valueAt(this.#base + this.#rows[this.#head + index]);
  }

  /** Makes room for `count` more points at once, so a rebuild grows the arrays once. */
  reserve(count: number): void {
    const needed = this.length + count;
    if (this.#rows.length - this.#head >= needed) return;
    let capacity = this.#rows.length;
    while (capacity < needed) capacity *= 2;
    this.#rows = grow(this.#rows, this.#head, this.#tail, capacity);
    this.#tail -= this.#head;
    this.#head = 0;
    this.#staleFrom = 0;
  }

  /**
   * Appends a logical row that is not earlier in time than the last one, into
   * room that `reserve` made. A rebuild adds every row this way, without the
   * checks of `add`. The row must be held by the store.
   */
  appendOrdered(row: number): void {
    const tail = this.#tail;
    const offset = this.#offsetOf(row);
    // Merged sources can put a row before an older one, so eviction can no longer drop a prefix.
    if (tail > this.#head && offset < this.#rows[tail - 1]) this.#reordered = true;
    this.#rows[tail] = offset;
    this.#tail = tail + 1;
  }

  /**
   * Appends every row of `list`, which must be in time order and not earlier
   * than the last point, as the rows of a store series are. It copies the
   * rows in one pass, so it suits a rebuild. `inArrivalOrder` is false when
   * late points put some rows before older ones.
   */
  appendList(list: RowList, inArrivalOrder: boolean): void {
    if (list.length === 0) return;
    this.reserve(list.length);
    if (!inArrivalOrder || (this.length > 0 && list.first() < this.rowAt(this.length - 1))) {
      this.#reordered = true;
    }
    // Every row of the list is held, so from the store's start to before its end.
    if (this.#store.end - this.#base >= OFFSET_LIMIT) this.#rebase(this.#store.start);
    this.#tail = list.copyOffsets(0, list.length, this.#base, this.#rows, this.#tail);
  }

  /** Adds a logical row at its place in time; equal times keep arrival order. */
  add(row: number): void {
    const time = this.#store.timeAt(row);
    if (this.#tail === this.#rows.length) this.#makeRoom();
    const offset = this.#offsetOf(row);
    const rows = this.#rows;
    if (this.#tail === this.#head || this.timeAt(this.length - 1) <= time) {
      rows[this.#tail] = offset;
      this.#tail++;
      this.#staleFrom = Math.min(this.#staleFrom, this.#tail - 1);
      return;
    }
    const position = this.#head + this.upperBound(time);
    rows.copyWithin(position + 1, position, this.#tail);
    rows[position] = offset;
    this.#tail++;
    this.#reordered = true;
    this.#staleFrom = Math.min(this.#staleFrom, position);
  }

  /** Removes every row older than the logical row `start`, as the store evicted them. */
  dropBefore(start: number): void {
    const limit = start - this.#base;
    if (this.#reordered) {
      let write = this.#head;
      for (let read = this.#head; read < this.#tail; read++) {
        const offset = this.#rows[read];
        if (offset < limit) continue;
        this.#rows[write++] = offset;
      }
      if (write !== this.#tail) this.#staleFrom = this.#head;
      this.#tail = write;
      return;
    }
    // In arrival order, evicted rows are a prefix.
    let count = 0;
    while (count < this.length && this.#rows[this.#head + count] < limit) count++;
    if (count === 0) return;
    this.#head += count;
    if (this.#head === this.#tail) {
      this.#head = 0;
      this.#tail = 0;
      this.#staleFrom = 0;
      return;
    }
    // The first blocks now start at the new head. Recomputing just them keeps
    // every later block valid.
    this.#blocks.refreshHead(this.#head, this.#tail);
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
    const head = this.#head;
    const tail = this.#tail;
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
   */
  downsample(domain: readonly [number, number], columns: number, output: Polyline): Polyline {
    const [t0, t1] = domain;
    const from = Math.max(0, this.lowerBound(t0) - 1);
    const to = Math.min(this.length, this.upperBound(t1) + 1);
    const span = t1 - t0;
    const usable = Number.isFinite(span) && span > 0 && Number.isFinite(columns) && columns > 0;
    if (!usable || to - from <= columns * PLAIN_SCAN_POINTS_PER_COLUMN) {
      return downsampleM4(this.#slice(from, to), domain, columns, output);
    }
    this.#refreshBlocks();
    output.clear();
    const perMs = columns / span;
    const columnOf = (index: number) => Math.floor((this.timeAt(index) - t0) * perMs);
    const bucket = new M4Bucket(this, output);
    let start = from;
    while (start < to) {
      const column = columnOf(start);
      // A search finds the next column's first point; the loops correct rounding at its edge.
      let end = this.#searchTime(start, to, t0 + (column + 1) / perMs);
      while (end < to && columnOf(end) === column) end++;
      while (end > start + 1 && columnOf(end - 1) !== column) end--;
      this.#addColumn(bucket, output, start, end, column);
      bucket.flush();
      start = end;
    }
    return output;
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
    const head = this.#head;
    const tail = this.#tail;
    let index = start;
    while (index < end) {
      const block = this.#blocks.find(head + index, head + end, head, tail, false);
      if (block >= 0) {
        const last = this.#blocks.end(block, tail) - head - 1;
        const min = this.#blocks.minPosition(block) - head;
        const max = this.#blocks.maxPosition(block) - head;
        const minValue = this.#blocks.minValue(block);
        const maxValue = this.#blocks.maxValue(block);
        bucket.addRange(index, last, column, min, minValue, max, maxValue);
        index = last + 1;
        continue;
      }
      // No whole block starts here: scan single points up to the next block boundary.
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
    if (this.#staleFrom >= this.#tail) return;
    this.#blocks.refresh(this.#head, this.#tail, this.#staleFrom, this.#rows.length);
    this.#staleFrom = this.#tail;
  }

  /** Moves the rows to the front, or into a larger array; block positions change, so all go stale. */
  #makeRoom(): void {
    const length = this.length;
    if (this.#head > 0 && this.#head >= this.#rows.length / 2) {
      this.#rows.copyWithin(0, this.#head, this.#tail);
    } else {
      this.#rows = grow(this.#rows, this.#head, this.#tail, this.#rows.length * 2);
    }
    this.#head = 0;
    this.#tail = length;
    this.#staleFrom = 0;
  }

  #valueAtPosition(position: number): number {
    return this.#store.valueAt(this.#base + this.#rows[position]);
  }

  #readValues(from: number, to: number, output: Float64Array): void {
    const store = this.#store;
    const rows = this.#rows;
    const base = this.#base;
    for (let position = from; position < to; position++) {
      output[position - from] = store.valueAt(base + rows[position]);
    }
  }

  /** Returns the offset of `row`, moving the base up first when the offset would not fit. */
  #offsetOf(row: number): number {
    if (row - this.#base >= OFFSET_LIMIT) this.#rebase(row);
    return row - this.#base;
  }

  /**
   * Moves the base up to the smaller of `row` and the smallest held row.
   * Held rows span less than the store's capacity of at most 10 million
   * rows, so every held row fits again.
   */
  #rebase(row: number): void {
    let smallest = row - this.#base;
    for (let i = this.#head; i < this.#tail; i++) smallest = Math.min(smallest, this.#rows[i]);
    for (let i = this.#head; i < this.#tail; i++) this.#rows[i] -= smallest;
    this.#base += smallest;
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

/** Returns a new array of `capacity` holding `array[head..tail)` at its start. */
function grow(array: Uint32Array, head: number, tail: number, capacity: number): Uint32Array {
  const grown = new Uint32Array(capacity);
  grown.set(array.subarray(head, tail));
  return grown;
}
