import type { FilterCondition, FilterNode } from './criteria.js';
import { isGroup, TIME_UNITS } from './criteria.js';
import type { Dictionary } from './dictionary.js';
import {
  compileCondition,
  compileValueTest,
  normalizeOperand,
  type FilterClock,
  type RowPredicate,
  type RowReader,
  type ValueTest,
} from './filter.js';
import type { SeriesIndex } from './series-index.js';
import {
  difference,
  EMPTY,
  list,
  mergeRuns,
  range,
  sizeOf,
  union,
  type Selection,
} from './selection.js';

/** The store's columns as one evaluation sees them. */
export interface ColumnFrame {
  readonly time: Float64Array;
  readonly value: Float64Array;
  readonly category: Uint16Array | Uint32Array;
  readonly source: Uint16Array | Uint32Array;
  readonly capacity: number;
  /** Logical row of offset 0. */
  readonly start: number;
  readonly size: number;
  /** Ring slot of offset 0. */
  readonly startSlot: number;
  /** True when the held rows' times never decrease in arrival order. */
  readonly timeSorted: boolean;
}

/** What a plan reads from the store besides the columns. */
export interface PlanSource extends RowReader {
  readonly categoryCodes: Dictionary;
  readonly sourceCodes: Dictionary;
  /** The series whose category (or source) has code `code`. */
  seriesWith(field: 'category' | 'source', code: number): readonly SeriesIndex[];
}

/**
 * A compiled filter node that selects matching rows from a set of held rows.
 * `estimate` is an upper bound on the matching held rows, or Infinity when
 * only a scan can tell; AND evaluates its cheapest child first.
 */
export interface PlanNode {
  estimate(frame: ColumnFrame): number;
  select(input: Selection, frame: ColumnFrame): Selection;
}

const NUMERIC_OPS = new Set(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'exists']);

/** Compiles validated criteria into a plan over the store's columns and indices. */
export function compilePlan(node: FilterNode, source: PlanSource, clock: FilterClock): PlanNode {
  if (isGroup(node)) {
    const children = node.conditions.map((child) => compilePlan(child, source, clock));
    let plan: PlanNode;
    if (children.length === 0) plan = ALL;
    else if (children.length === 1) plan = children[0];
    else plan = node.logic === 'and' ? new AndPlan(children) : new OrPlan(children);
    return node.not === true ? new NotPlan(plan) : plan;
  }
  const { field, op } = node;
  if (
    (field === 'timestamp' || field === 'value') &&
    (NUMERIC_OPS.has(op) || op === 'within_last')
  ) {
    return numericPlan(node, field === 'timestamp' ? 'time' : 'value', clock);
  }
  if (field === 'category' || field === 'source') {
    const codes = field === 'category' ? source.categoryCodes : source.sourceCodes;
    return new CodePlan(field, compileValueTest(node, clock), codes, source);
  }
  return new PredicatePlan(compileCondition(node, source, clock));
}

const ALL: PlanNode = {
  estimate: (frame) => frame.size,
  select: (input) => input,
};

class AndPlan implements PlanNode {
  constructor(readonly children: PlanNode[]) {}

  estimate(frame: ColumnFrame): number {
    return Math.min(...this.children.map((child) => child.estimate(frame)));
  }

  select(input: Selection, frame: ColumnFrame): Selection {
    let selection = input;
    for (const child of byEstimate(this.children, frame)) {
      if (sizeOf(selection) === 0) break;
      selection = child.select(selection, frame);
    }
    return selection;
  }
}

class OrPlan implements PlanNode {
  constructor(readonly children: PlanNode[]) {}

  estimate(frame: ColumnFrame): number {
    let total = 0;
    for (const child of this.children) total += child.estimate(frame);
    return Math.min(total, frame.size);
  }

  select(input: Selection, frame: ColumnFrame): Selection {
    let matched: Selection = EMPTY;
    for (const child of byEstimate(this.children, frame)) {
      // A child that must scan skips the rows an earlier child already matched.
      const indexed = child.estimate(frame) !== Infinity;
      const rest = indexed || sizeOf(matched) === 0 ? input : difference(input, matched);
      matched = union(matched, child.select(rest, frame));
      if (sizeOf(matched) === sizeOf(input)) break;
    }
    return matched;
  }
}

class NotPlan implements PlanNode {
  constructor(readonly inner: PlanNode) {}

  estimate(frame: ColumnFrame): number {
    return frame.size;
  }

  select(input: Selection, frame: ColumnFrame): Selection {
    return difference(input, this.inner.select(input, frame));
  }
}

function byEstimate(children: PlanNode[], frame: ColumnFrame): PlanNode[] {
  const estimates = children.map((child) => child.estimate(frame));
  const order = children.map((_, index) => index);
  order.sort((a, b) => estimates[a] - estimates[b] || a - b);
  return order.map((index) => children[index]);
}

/** Tests each row with a compiled predicate: ids, metadata and numeric lists. */
class PredicatePlan implements PlanNode {
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

function numericPlan(condition: FilterCondition, column: 'time' | 'value', clock: FilterClock) {
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
class IntervalPlan implements PlanNode {
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

/**
 * A condition on category or source. Its result depends only on the dictionary
 * code, so each distinct string is tested once into a table. Selective
 * conditions gather rows from the per-series posting lists instead of scanning.
 */
class CodePlan implements PlanNode {
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

  /** Collects the matching rows in offsets `[from, to)` from the series' row lists. */
  #gather(from: number, to: number, frame: ColumnFrame): Selection {
    const first = frame.start + from;
    const last = frame.start + to;
    const lists: { series: SeriesIndex; begin: number; end: number }[] = [];
    let total = 0;
    for (const code of this.#matching) {
      for (const series of this.source.seriesWith(this.field, code)) {
        const rows = series.rows;
        const sorted = series.inArrivalOrder;
        const begin = sorted ? rows.lowerBound(first) : 0;
        const end = sorted ? rows.lowerBound(last) : rows.length;
        if (end > begin) lists.push({ series, begin, end });
        total += end - begin;
      }
    }
    const buffer = new Uint32Array(total);
    const ends: number[] = [];
    let n = 0;
    for (const { series, begin, end } of lists) {
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
