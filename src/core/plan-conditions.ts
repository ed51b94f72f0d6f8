import { TIME_UNITS, type FilterCondition } from './criteria.js';
import type { Dictionary } from './dictionary.js';
import { normalizeOperand, type FilterClock, type RowPredicate, type ValueTest } from './filter.js';
import type { ColumnFrame, PlanNode, PlanSource } from './filter-plan.js';
import type { SeriesIndex } from './series-index.js';
import {
  EMPTY,
  emptyBits,
  list,
  mergeRuns,
  range,
  setBits,
  sizeOf,
  type Selection,
} from './selection.js';

/** Tests each row with a compiled predicate: ids, metadata and numeric lists. */
export class PredicatePlan implements PlanNode {
  constructor(readonly predicate: RowPredicate) {}

  estimate(): number {
    return Infinity;
  }

  select(input: Selection, frame: ColumnFrame): Selection {
    const { predicate } = this;
    const start = frame.start;
    const out = new Uint32Array(sizeOf(input));
    let n = 0;
    if (input.kind === 'range') {
      for (let offset = input.from; offset < input.to; offset++) {
        if (predicate(start + offset)) out[n++] = offset;
      }
    } else {
      const offsets = input.offsets;
      for (let i = 0; i < input.length; i++) {
        if (predicate(start + offsets[i])) out[n++] = offsets[i];
      }
    }
    return list(out, n);
  }

  mark(from: number, to: number, frame: ColumnFrame): Uint32Array {
    const words = emptyBits(to - from);
    const first = frame.start + from;
    for (let i = 0; i < to - from; i++) {
      if (this.predicate(first + i)) words[i >>> 5] |= 1 << (i & 31);
    }
    return words;
  }
}

/** The double just above `x`, so `v > x` is `v >= nextUp(x)`. */
function nextUp(x: number): number {
  if (x === 0) return Number.MIN_VALUE;
  const bits = new Float64Array([x]);
  const words = new BigInt64Array(bits.buffer);
  words[0] += x > 0 ? 1n : -1n;
  return bits[0];
}

function nextDown(x: number): number {
  return -nextUp(-x);
}

type Bounds = (clock: FilterClock) => [number, number];

/** Compiles a condition on `timestamp` or `value` other than `in` and `not_in`. */
export function numericPlan(
  condition: FilterCondition,
  column: 'time' | 'value',
  clock: FilterClock,
): IntervalPlan {
  const { op } = condition;
  if (op === 'within_last') {
    const span = (condition.value as number) * TIME_UNITS[condition.unit ?? 'seconds'];
    return new IntervalPlan(column, (now) => [now.now - span, Infinity], false, clock);
  }
  const raw = Array.isArray(condition.value) ? condition.value : [condition.value ?? 0];
  const [x, y] = raw.map((v) => normalizeOperand(condition.field, v) as number);
  const fixed =
    (lo: number, hi: number): Bounds =>
    () => [lo, hi];
  switch (op) {
    case 'eq':
      return new IntervalPlan(column, fixed(x, x), false, clock);
    case 'neq':
      return new IntervalPlan(column, fixed(x, x), true, clock);
    case 'gt':
      return new IntervalPlan(column, fixed(nextUp(x), Infinity), false, clock);
    case 'gte':
      return new IntervalPlan(column, fixed(x, Infinity), false, clock);
    case 'lt':
      return new IntervalPlan(column, fixed(-Infinity, nextDown(x)), false, clock);
    case 'lte':
      return new IntervalPlan(column, fixed(-Infinity, x), false, clock);
    case 'between':
      return new IntervalPlan(column, fixed(x, y), false, clock);
    default:
      // exists: any number at all, so only NaN (a gap) fails.
      return new IntervalPlan(column, fixed(-Infinity, Infinity), false, clock);
  }
}

/**
 * Selects rows whose time or value lies in `[lo, hi]` (outside it with
 * `negate`); NaN lies in neither. On time in arrival order it binary searches.
 */
export class IntervalPlan implements PlanNode {
  constructor(
    readonly column: 'time' | 'value',
    readonly bounds: Bounds,
    readonly negate: boolean,
    readonly clock: FilterClock,
  ) {}

  #searchable(frame: ColumnFrame): boolean {
    return this.column === 'time' && frame.timeSorted && !this.negate;
  }

  estimate(frame: ColumnFrame): number {
    if (!this.#searchable(frame)) return Infinity;
    const [lo, hi] = this.bounds(this.clock);
    const first = lowerBound(frame, 0, frame.size, lo);
    return upperBound(frame, first, frame.size, hi) - first;
  }

  select(input: Selection, frame: ColumnFrame): Selection {
    const [lo, hi] = this.bounds(this.clock);
    if (this.#searchable(frame)) return this.#search(input, frame, lo, hi);
    const column = frame[this.column];
    const { capacity, startSlot } = frame;
    const out = new Uint32Array(sizeOf(input));
    let n = 0;
    const negate = this.negate;
    if (input.kind === 'range') {
      let slot = (startSlot + input.from) % capacity;
      for (let offset = input.from; offset < input.to; offset++) {
        const v = column[slot];
        if (++slot === capacity) slot = 0;
        if ((v >= lo && v <= hi) !== negate && v === v) out[n++] = offset;
      }
      return list(out, n);
    }
    const offsets = input.offsets;
    for (let i = 0; i < input.length; i++) {
      const offset = offsets[i];
      let slot = startSlot + offset;
      if (slot >= capacity) slot -= capacity;
      const v = column[slot];
      if ((v >= lo && v <= hi) !== negate && v === v) out[n++] = offset;
    }
    return list(out, n);
  }

  mark(from: number, to: number, frame: ColumnFrame): Uint32Array {
    const [lo, hi] = this.bounds(this.clock);
    const words = emptyBits(to - from);
    if (this.#searchable(frame)) {
      const first = lowerBound(frame, from, to, lo);
      setBits(words, first - from, upperBound(frame, first, to, hi) - from);
      return words;
    }
    const column = frame[this.column];
    const { capacity } = frame;
    const negate = this.negate;
    let slot = (frame.startSlot + from) % capacity;
    const length = to - from;
    // Whole words at a time: bits are gathered in a local and stored once per 32 rows.
    for (let w = 0; w < words.length; w++) {
      let word = 0;
      const end = Math.min(32, length - (w << 5));
      for (let bit = 0; bit < end; bit++) {
        const v = column[slot];
        if (++slot === capacity) slot = 0;
        if ((v >= lo && v <= hi) !== negate && v === v) word |= 1 << bit;
      }
      words[w] = word;
    }
    return words;
  }

  #search(input: Selection, frame: ColumnFrame, lo: number, hi: number): Selection {
    if (input.kind === 'range') {
      const first = lowerBound(frame, input.from, input.to, lo);
      return range(first, upperBound(frame, first, input.to, hi));
    }
    const { offsets, length } = input;
    const timeOf = (i: number) => timeAtOffset(frame, offsets[i]);
    let low = 0;
    let high = length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (timeOf(middle) < lo) low = middle + 1;
      else high = middle;
    }
    const first = low;
    high = length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (timeOf(middle) <= hi) low = middle + 1;
      else high = middle;
    }
    return list(offsets.subarray(first, low), low - first);
  }
}

function timeAtOffset(frame: ColumnFrame, offset: number): number {
  return frame.time[(frame.startSlot + offset) % frame.capacity];
}

/** First offset in `[from, to)` whose time is at least `time`, for times in arrival order. */
function lowerBound(frame: ColumnFrame, from: number, to: number, time: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (timeAtOffset(frame, middle) < time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** First offset in `[from, to)` whose time is above `time`. */
function upperBound(frame: ColumnFrame, from: number, to: number, time: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (timeAtOffset(frame, middle) <= time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** One series' rows in a range of logical rows, as positions in its row list. */
interface SeriesSpan {
  series: SeriesIndex;
  begin: number;
  end: number;
}

/**
 * A condition on category or source. Its result depends only on the dictionary
 * code, so each distinct string is tested once into a table. Selective
 * conditions read their rows from the per-series row lists (the posting lists
 * of each category and source) instead of scanning the code column.
 */
export class CodePlan implements PlanNode {
  #table = new Uint8Array(16);
  #tested = 0;
  #matching: number[] = [];

  constructor(
    readonly field: 'category' | 'source',
    readonly test: ValueTest,
    readonly codes: Dictionary,
    readonly source: PlanSource,
  ) {}

  estimate(): number {
    this.#update();
    let total = 0;
    for (const code of this.#matching) {
      for (const series of this.source.seriesWith(this.field, code)) total += series.rows.length;
    }
    return total;
  }

  select(input: Selection, frame: ColumnFrame): Selection {
    const estimate = this.estimate();
    if (input.kind === 'range' && estimate * 2 <= sizeOf(input)) {
      return this.#gather(input.from, input.to, frame);
    }
    const table = this.#table;
    const column = frame[this.field];
    const { capacity, startSlot } = frame;
    const out = new Uint32Array(sizeOf(input));
    let n = 0;
    if (input.kind === 'range') {
      let slot = (startSlot + input.from) % capacity;
      for (let offset = input.from; offset < input.to; offset++) {
        if (table[column[slot]] === 1) out[n++] = offset;
        if (++slot === capacity) slot = 0;
      }
      return list(out, n);
    }
    const offsets = input.offsets;
    for (let i = 0; i < input.length; i++) {
      let slot = startSlot + offsets[i];
      if (slot >= capacity) slot -= capacity;
      if (table[column[slot]] === 1) out[n++] = offsets[i];
    }
    return list(out, n);
  }

  mark(from: number, to: number, frame: ColumnFrame): Uint32Array {
    const words = emptyBits(to - from);
    // Setting bits from the row lists needs no merge, so it pays off well before a scan would.
    if (this.estimate() * 4 <= to - from) {
      const origin = frame.start + from;
      for (const { series, begin, end } of this.#spans(from, to, frame)) {
        for (let i = begin; i < end; i++) {
          const bit = series.rows.at(i) - origin;
          if (bit >= 0 && bit < to - from) words[bit >>> 5] |= 1 << (bit & 31);
        }
      }
      return words;
    }
    const table = this.#table;
    const column = frame[this.field];
    const { capacity } = frame;
    let slot = (frame.startSlot + from) % capacity;
    const length = to - from;
    for (let w = 0; w < words.length; w++) {
      let word = 0;
      const end = Math.min(32, length - (w << 5));
      for (let bit = 0; bit < end; bit++) {
        word |= table[column[slot]] << bit;
        if (++slot === capacity) slot = 0;
      }
      words[w] = word;
    }
    return words;
  }

  /** Tests the strings the dictionary gained since the last evaluation. */
  #update(): void {
    const size = this.codes.size;
    if (size > this.#table.length) {
      const table = new Uint8Array(Math.max(size, this.#table.length * 2));
      table.set(this.#table);
      this.#table = table;
    }
    for (let code = this.#tested; code < size; code++) {
      if (this.test(this.codes.decode(code))) {
        this.#table[code] = 1;
        this.#matching.push(code);
      }
    }
    this.#tested = size;
  }

  /**
   * The matching series' rows that may fall in offsets `[from, to)`: exactly
   * those for a series in arrival order, all rows for a series with late points.
   */
  #spans(from: number, to: number, frame: ColumnFrame): SeriesSpan[] {
    const first = frame.start + from;
    const last = frame.start + to;
    const spans: SeriesSpan[] = [];
    for (const code of this.#matching) {
      for (const series of this.source.seriesWith(this.field, code)) {
        const rows = series.rows;
        const sorted = series.inArrivalOrder;
        const begin = sorted ? rows.lowerBound(first) : 0;
        const end = sorted ? rows.lowerBound(last) : rows.length;
        if (end > begin) spans.push({ series, begin, end });
      }
    }
    return spans;
  }

  /** Collects the matching rows in offsets `[from, to)` from the series' row lists. */
  #gather(from: number, to: number, frame: ColumnFrame): Selection {
    const spans = this.#spans(from, to, frame);
    let total = 0;
    for (const span of spans) total += span.end - span.begin;
    const first = frame.start + from;
    const last = frame.start + to;
    const buffer = new Uint32Array(total);
    const ends: number[] = [];
    let n = 0;
    for (const { series, begin, end } of spans) {
      const runStart = n;
      if (series.inArrivalOrder) {
        n = series.rows.copyOffsets(begin, end, frame.start, buffer, n);
      } else {
        for (let i = begin; i < end; i++) {
          const row = series.rows.at(i);
          if (row >= first && row < last) buffer[n++] = row - frame.start;
        }
        buffer.subarray(runStart, n).sort();
      }
      if (n > runStart) ends.push(n);
    }
    if (ends.length === 1) return list(buffer, n);
    const merged = mergeRuns(buffer.subarray(0, n), ends);
    return merged.length === 0 ? EMPTY : merged;
  }
}
