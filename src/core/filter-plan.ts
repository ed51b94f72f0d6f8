import type { FilterNode } from './criteria.js';
import { isGroup } from './criteria.js';
import type { Dictionary } from './dictionary.js';
import { compileCondition, compileValueTest, type FilterClock, type RowReader } from './filter.js';
import { CodePlan, numericPlan, PredicatePlan } from './plan-conditions.js';
import type { SeriesIndex } from './series-index.js';
import {
  bitsToList,
  difference,
  EMPTY,
  emptyBits,
  setBits,
  sizeOf,
  trimBits,
  union,
  type Selection,
} from './selection.js';

/**
 * Ranges shorter than this are evaluated as offset lists; longer ones may use
 * bitsets. Below it the bitset setup costs more than it saves.
 */
const BITSET_MIN_ROWS = 4096;
/** AND narrows a list when its most selective child keeps at most this share of the rows. */
const NARROW_SHARE = 1 / 32;

/** The store's columns at the time of one evaluation. */
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

/** The store's row readers, dictionaries and series, as a plan uses them besides the columns. */
export interface PlanSource extends RowReader {
  readonly categoryCodes: Dictionary;
  readonly sourceCodes: Dictionary;
  /** The series whose category (or source) has code `code`. */
  seriesWith(field: 'category' | 'source', code: number): readonly SeriesIndex[];
}

/**
 * A compiled filter node. `select` returns the matching rows of a set of held
 * rows, and `mark` the matching rows of offsets `[from, to)` as a bitset.
 * `estimate` is an upper bound on the matching held rows, or Infinity when
 * only a scan can tell; AND evaluates its cheapest child first.
 */
export interface PlanNode {
  estimate(frame: ColumnFrame): number;
  select(input: Selection, frame: ColumnFrame): Selection;
  mark(from: number, to: number, frame: ColumnFrame): Uint32Array;
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
  mark: (from, to) => {
    const words = emptyBits(to - from);
    setBits(words, 0, to - from);
    return words;
  },
};

/** Returns whether the input is a range long enough to evaluate as bitsets. */
function wide(input: Selection): input is Extract<Selection, { kind: 'range' }> {
  return input.kind === 'range' && input.to - input.from >= BITSET_MIN_ROWS;
}

class AndPlan implements PlanNode {
  constructor(readonly children: PlanNode[]) {}

  estimate(frame: ColumnFrame): number {
    return Math.min(...this.children.map((child) => child.estimate(frame)));
  }

  select(input: Selection, frame: ColumnFrame): Selection {
    const children = byEstimate(this.children, frame);
    // Narrowing a list pays when the first child keeps few rows; otherwise every
    // child marks the range and the bitsets are ANDed.
    if (wide(input) && children[0].estimate(frame) > sizeOf(input) * NARROW_SHARE) {
      return bitsToList(this.mark(input.from, input.to, frame), input.from);
    }
    let selection = input;
    for (const child of children) {
      if (sizeOf(selection) === 0) break;
      selection = child.select(selection, frame);
    }
    return selection;
  }

  mark(from: number, to: number, frame: ColumnFrame): Uint32Array {
    const [first, ...rest] = byEstimate(this.children, frame);
    const words = first.mark(from, to, frame);
    for (const child of rest) {
      if (words.every((word) => word === 0)) break;
      const other = child.mark(from, to, frame);
      for (let w = 0; w < words.length; w++) words[w] &= other[w];
    }
    return words;
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
    if (wide(input)) return bitsToList(this.mark(input.from, input.to, frame), input.from);
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

  mark(from: number, to: number, frame: ColumnFrame): Uint32Array {
    const words = emptyBits(to - from);
    for (const child of this.children) {
      const other = child.mark(from, to, frame);
      for (let w = 0; w < words.length; w++) words[w] |= other[w];
    }
    return words;
  }
}

class NotPlan implements PlanNode {
  constructor(readonly inner: PlanNode) {}

  estimate(frame: ColumnFrame): number {
    return frame.size;
  }

  select(input: Selection, frame: ColumnFrame): Selection {
    if (wide(input)) return bitsToList(this.mark(input.from, input.to, frame), input.from);
    return difference(input, this.inner.select(input, frame));
  }

  mark(from: number, to: number, frame: ColumnFrame): Uint32Array {
    const words = this.inner.mark(from, to, frame);
    for (let w = 0; w < words.length; w++) words[w] = ~words[w];
    trimBits(words, to - from);
    return words;
  }
}

function byEstimate(children: PlanNode[], frame: ColumnFrame): PlanNode[] {
  const estimates = children.map((child) => child.estimate(frame));
  const order = children.map((_, index) => index);
  order.sort((a, b) => estimates[a] - estimates[b] || a - b);
  return order.map((index) => children[index]);
}
