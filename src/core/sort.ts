/**
 * Stable multi-key sorting of logical rows, for tables that sort a window of
 * streaming points.
 *
 * Ordering rules, the same for every caller:
 * - Rows whose keys are all equal keep the order they were given in (stable).
 *   Callers that want another tie order add a final key, such as the row number.
 * - Missing values (`undefined`, `null`, NaN, Infinity and -Infinity) go last,
 *   in ascending and in descending order alike, so gaps never crowd the top.
 * - Numbers compare numerically. Strings compare with an English collator in
 *   numeric mode, so `host-2` comes before `host-10`. Booleans compare as the
 *   strings `false` and `true`. In a key that mixes kinds, every number comes
 *   before every string.
 *
 * A full sort reads each key once per row into a Float64Array (text becomes its
 * rank among the distinct values). Small lists then use a comparison sort and
 * large ones a radix sort over the bits of those numbers. `sortRowsInSteps`
 * does the same work in slices of about STEP_ROWS rows, so a caller can spread
 * a large sort over several tasks and keep the page responsive.
 */

export type SortDirection = 'asc' | 'desc';

export interface SortKey {
  /** Reads the key of a logical row. */
  read(row: number): unknown;
  direction: SortDirection;
}

/** Rows of work between two yields of the step generators. */
export const STEP_ROWS = 16_384;

/** Row count from which sortRows uses a radix sort; below it a comparison sort is faster. */
export const RADIX_MIN_ROWS = 4096;

/** A sort in slices: each `next()` does about STEP_ROWS rows of work; the last returns the rows. */
export type SortSteps = Generator<void, Float64Array, void>;

/** Compares text with numbers in it by value, so `cpu-2` sorts before `cpu-10`. */
export const collator = new Intl.Collator('en', { numeric: true });

/** True for values that sort last: anything but a finite number, a string or a boolean. */
export function isMissing(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  return typeof value !== 'string' && typeof value !== 'boolean';
}

/**
 * Compares two present values in ascending order: numbers before text, numbers
 * numerically, text by collation. Both values must pass `!isMissing`.
 */
function comparePresent(a: unknown, b: unknown): number {
  const aNumber = typeof a === 'number';
  const bNumber = typeof b === 'number';
  if (aNumber && bNumber) return (a as number) - (b as number);
  if (aNumber) return -1;
  if (bNumber) return 1;
  return collator.compare(String(a), String(b));
}

/**
 * Compares two key values for `direction`, with missing values last in both
 * directions. Returns a negative number when `a` sorts first, 0 on a tie.
 */
export function compareSortValues(a: unknown, b: unknown, direction: SortDirection): number {
  const aMissing = isMissing(a);
  const bMissing = isMissing(b);
  if (aMissing || bMissing) return Number(aMissing) - Number(bMissing);
  const order = comparePresent(a, b);
  return direction === 'desc' ? -order : order;
}

/**
 * Compares two rows by `keys`, first key first. Returns 0 only when every key
 * ties, so callers that need a total order end `keys` with the row number.
 */
export function compareRows(a: number, b: number, keys: readonly SortKey[]): number {
  for (const key of keys) {
    const order = compareSortValues(key.read(a), key.read(b), key.direction);
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * Drains a step generator and returns its result. Sorting a million rows this
 * way blocks the thread for the whole sort; use the generator directly to
 * spread the work.
 */
export function runSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const result = steps.next();
    if (result.done === true) return result.value;
  }
}

/**
 * Returns a new array of `rows` sorted stably by `keys`, first key first.
 * `rows` is not changed. With no keys the copy keeps the given order.
 */
export function sortRows(rows: ArrayLike<number>, keys: readonly SortKey[]): Float64Array {
  return runSteps(sortRowsInSteps(rows, keys));
}

/**
 * Sorts like `sortRows`, yielding after every slice of about STEP_ROWS rows of
 * work. Keys are read in slices too, so `rows` must stay readable until the
 * generator finishes. A row that stops being readable on the way sorts by
 * whatever its key reads return, so a caller should drop such rows afterwards.
 */
export function* sortRowsInSteps(rows: ArrayLike<number>, keys: readonly SortKey[]): SortSteps {
  const count = rows.length;
  const columns: Float64Array[] = [];
  for (const key of keys) {
    const ordinals = yield* readOrdinalsInSteps(rows, key);
    // One signed ordinal per key: negated for descending, +Infinity when
    // missing, so a plain numeric comparison orders every key as documented.
    const sign = key.direction === 'desc' ? -1 : 1;
    for (let i = 0; i < count; i++) {
      ordinals[i] = Number.isNaN(ordinals[i]) ? Infinity : sign * ordinals[i];
    }
    columns.push(ordinals);
    yield;
  }
  const order =
    count < RADIX_MIN_ROWS ? comparisonOrder(columns, count) : yield* radixOrder(columns, count);
  const sorted = new Float64Array(count);
  for (let from = 0; from < count; from += 4 * STEP_ROWS) {
    const to = Math.min(count, from + 4 * STEP_ROWS);
    for (let i = from; i < to; i++) sorted[i] = rows[order[i]];
    yield;
  }
  return sorted;
}

/**
 * Reads one key of every row as ordinals (see ordinalsInSteps). Numeric keys
 * go straight into a Float64Array, because a million boxed numbers in a plain
 * array would cost allocations and a garbage collection pause; the first value
 * of another kind switches to collecting the values for ranking.
 */
function* readOrdinalsInSteps(
  rows: ArrayLike<number>,
  key: SortKey,
): Generator<void, Float64Array, void> {
  const count = rows.length;
  const ordinals = new Float64Array(count);
  let values: unknown[] | null = null;
  for (let from = 0; from < count; from += STEP_ROWS) {
    const to = Math.min(count, from + STEP_ROWS);
    for (let i = from; i < to; i++) {
      const value = key.read(rows[i]);
      if (values === null) {
        if (typeof value === 'number') {
          ordinals[i] = Number.isFinite(value) ? value : NaN;
          continue;
        }
        if (isMissing(value)) {
          ordinals[i] = NaN;
          continue;
        }
        values = new Array<unknown>(count);
        for (let j = 0; j < i; j++) values[j] = Number.isNaN(ordinals[j]) ? undefined : ordinals[j];
      }
      values[i] = value;
    }
    yield;
  }
  return values === null ? ordinals : yield* ordinalsInSteps(values);
}

/**
 * Converts one key of every row into numbers that sort the same way. All
 * numbers keep their values. Ids such as `g7-1017` that share one prefix
 * become their numbers. Anything else becomes its rank among the distinct
 * present values. Missing values become NaN.
 */
function* ordinalsInSteps(values: unknown[]): Generator<void, Float64Array, void> {
  const ordinals = new Float64Array(values.length);
  let numeric = true;
  for (let from = 0; numeric && from < values.length; from += 4 * STEP_ROWS) {
    const to = Math.min(values.length, from + 4 * STEP_ROWS);
    for (let i = from; i < to; i++) {
      const value = values[i];
      if (typeof value === 'number') {
        ordinals[i] = Number.isFinite(value) ? value : NaN;
      } else if (isMissing(value)) {
        ordinals[i] = NaN;
      } else {
        numeric = false;
        break;
      }
    }
    yield;
  }
  if (numeric) return ordinals;
  yield;

  if (numberedOrdinals(values, ordinals)) return ordinals;
  yield;

  const unique = new Set<unknown>();
  for (let from = 0; from < values.length; from += STEP_ROWS) {
    const to = Math.min(values.length, from + STEP_ROWS);
    for (let i = from; i < to; i++) if (!isMissing(values[i])) unique.add(values[i]);
    yield;
  }
  const distinct = yield* mergeSortInSteps([...unique], comparePresent);

  // Values that collate equal, such as `true` and 'true', share a rank so they tie.
  const ranks = new Map<unknown, number>();
  let rank = 0;
  distinct.forEach((value, index) => {
    if (index > 0 && comparePresent(distinct[index - 1], value) !== 0) rank++;
    ranks.set(value, rank);
  });
  yield;
  for (let i = 0; i < values.length; i++) ordinals[i] = ranks.get(values[i]) ?? NaN;
  return ordinals;
}

const NUMBERED = /^(.*\D)?(0|[1-9]\d{0,14})$/;
const DIGITS = /^(0|[1-9]\d{0,14})$/;

/**
 * Writes the numbers of ids such as `g7-1017` when every value is a string of
 * one shared prefix (not ending in a digit) plus a number without leading
 * zeros. Numeric collation orders such strings by that number, and skipping
 * the collator saves most of the time on a million distinct ids. Returns false,
 * with `out` partly written, when some value does not fit.
 */
function numberedOrdinals(values: unknown[], out: Float64Array): boolean {
  if (values.length === 0 || typeof values[0] !== 'string') return false;
  const first = NUMBERED.exec(values[0]);
  if (first === null) return false;
  const prefix = first[1] ?? '';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== 'string' || !value.startsWith(prefix)) return false;
    const digits = value.slice(prefix.length);
    if (!DIGITS.test(digits)) return false;
    out[i] = Number(digits);
  }
  return true;
}

/** Length of the runs that the first pass of mergeSortInSteps sorts with Array.prototype.sort. */
const RUN_LENGTH = 2048;

/**
 * Sorts `items` in place with a stable bottom-up merge sort, yielding between
 * slices of work, and returns them. Sorting a million distinct strings with a
 * collator takes seconds, which must not block the page in one piece.
 */
export function* mergeSortInSteps<T>(
  items: T[],
  compare: (a: T, b: T) => number,
): Generator<void, T[], void> {
  const count = items.length;
  for (let from = 0; from < count; from += RUN_LENGTH) {
    const run = items.slice(from, from + RUN_LENGTH).sort(compare);
    for (let i = 0; i < run.length; i++) items[from + i] = run[i];
    if (from % STEP_ROWS === 0) yield;
  }
  let source = items;
  let target = new Array<T>(count);
  for (let width = RUN_LENGTH; width < count; width *= 2) {
    let work = 0;
    for (let low = 0; low < count; low += 2 * width) {
      const middle = Math.min(low + width, count);
      const high = Math.min(low + 2 * width, count);
      let i = low;
      let j = middle;
      let n = low;
      while (i < middle && j < high) {
        // Taking from the left run on ties keeps the sort stable.
        target[n++] = compare(source[j], source[i]) < 0 ? source[j++] : source[i++];
        if (++work % STEP_ROWS === 0) yield;
      }
      while (i < middle) target[n++] = source[i++];
      while (j < high) target[n++] = source[j++];
    }
    [source, target] = [target, source];
    yield;
  }
  if (source !== items) for (let i = 0; i < count; i++) items[i] = source[i];
  return items;
}

/** Sorts indices by comparing ordinals, with the index as the last key so the sort is stable. */
function comparisonOrder(columns: Float64Array[], count: number): Uint32Array {
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  const keyCount = columns.length;
  order.sort((a, b) => {
    for (let k = 0; k < keyCount; k++) {
      const x = columns[k][a];
      const y = columns[k][b];
      if (x !== y) return x < y ? -1 : 1;
    }
    return a - b;
  });
  return order;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Writes each ordinal as two 32-bit words whose unsigned order is the numeric
 * order of the doubles: flip the sign bit of positives, every bit of negatives.
 */
function sortableWords(
  column: Float64Array,
  low: Uint32Array,
  high: Uint32Array,
  from: number,
  to: number,
): void {
  const scratch = new Float64Array(1);
  const words = new Uint32Array(scratch.buffer);
  const lowWord = LITTLE_ENDIAN ? 0 : 1;
  for (let i = from; i < to; i++) {
    // Adding 0 turns -0 into 0, which compares equal to it.
    scratch[0] = column[i] + 0;
    const hi = words[1 - lowWord];
    const lo = words[lowWord];
    const negative = hi >>> 31 === 1;
    high[i] = negative ? ~hi >>> 0 : (hi | 0x80000000) >>> 0;
    low[i] = negative ? ~lo >>> 0 : lo;
  }
}

/**
 * Sorts indices with a least-significant-digit radix sort, 16 bits per pass
 * and the last key first. Every pass is stable, so ties keep index order, and
 * the cost is O(keys * n) instead of O(n log n) comparisons.
 */
function* radixOrder(columns: Float64Array[], count: number): Generator<void, Uint32Array, void> {
  let order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  let spare = new Uint32Array(count);
  const buckets = new Uint32Array(65_536);
  const low = new Uint32Array(count);
  const high = new Uint32Array(count);
  for (let k = columns.length - 1; k >= 0; k--) {
    for (let from = 0; from < count; from += 4 * STEP_ROWS) {
      sortableWords(columns[k], low, high, from, Math.min(count, from + 4 * STEP_ROWS));
      yield;
    }
    for (const [words, shift] of [
      [low, 0],
      [low, 16],
      [high, 0],
      [high, 16],
    ] as const) {
      buckets.fill(0);
      for (let from = 0; from < count; from += 4 * STEP_ROWS) {
        const to = Math.min(count, from + 4 * STEP_ROWS);
        for (let i = from; i < to; i++) buckets[(words[i] >>> shift) & 0xffff]++;
        yield;
      }
      // A pass where every row has the same digit would not move anything.
      if (buckets[(words[0] >>> shift) & 0xffff] === count) continue;
      let position = 0;
      for (let digit = 0; digit < buckets.length; digit++) {
        const size = buckets[digit];
        buckets[digit] = position;
        position += size;
      }
      yield;
      for (let from = 0; from < count; from += 4 * STEP_ROWS) {
        const to = Math.min(count, from + 4 * STEP_ROWS);
        for (let i = from; i < to; i++) {
          const index = order[i];
          spare[buckets[(words[index] >>> shift) & 0xffff]++] = index;
        }
        yield;
      }
      [order, spare] = [spare, order];
    }
  }
  return order;
}

/**
 * Merges `added` into `sorted`, which must already be sorted by `keys`, and
 * returns the merged rows as a new array. Added rows count as given after
 * every row of `sorted`, so on a tie they go after it, as a full stable sort
 * of the concatenation would place them.
 *
 * Costs O(k log k + k log n) key reads for k added and n sorted rows plus one
 * O(n + k) copy.
 */
export function mergeSortedRows(
  sorted: Float64Array,
  added: ArrayLike<number>,
  keys: readonly SortKey[],
): Float64Array {
  const incoming = sortRows(added, keys);
  const merged = new Float64Array(sorted.length + incoming.length);
  let copied = 0;
  let written = 0;
  for (const row of incoming) {
    // Upper bound: the first sorted row that sorts strictly after `row`.
    let low = copied;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareRows(sorted[middle], row, keys) <= 0) low = middle + 1;
      else high = middle;
    }
    merged.set(sorted.subarray(copied, low), written);
    written += low - copied;
    copied = low;
    merged[written++] = row;
  }
  merged.set(sorted.subarray(copied), written);
  return merged;
}
