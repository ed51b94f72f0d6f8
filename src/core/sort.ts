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
 * large ones a radix sort over the bits of those numbers. As a rough estimate,
 * the radix sort ordered one million rows by one numeric key in about 0.4 s
 * under Node 20 on a shared 2-core AMD EPYC machine, where timings vary twofold.
 */

export type SortDirection = 'asc' | 'desc';

export interface SortKey {
  /** Reads the key of a logical row. */
  read(row: number): unknown;
  direction: SortDirection;
}

const collator = new Intl.Collator('en', { numeric: true });

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
 * Converts one key of every row into numbers that sort the same way: the
 * values themselves when all present values are numbers, otherwise ranks
 * among the distinct present values. Missing values become NaN.
 */
function toOrdinals(values: unknown[]): Float64Array {
  const ordinals = new Float64Array(values.length);
  let numeric = true;
  for (const value of values) {
    if (typeof value !== 'number' && !isMissing(value)) {
      numeric = false;
      break;
    }
  }
  if (numeric) {
    for (let i = 0; i < values.length; i++) {
      const value = values[i] as number | undefined | null;
      ordinals[i] = typeof value === 'number' && Number.isFinite(value) ? value : NaN;
    }
    return ordinals;
  }
  const distinct = [...new Set(values.filter((value) => !isMissing(value)))];
  distinct.sort(comparePresent);
  // Values that collate equal, such as `true` and 'true', share a rank so they tie.
  const ranks = new Map<unknown, number>();
  let rank = 0;
  distinct.forEach((value, index) => {
    if (index > 0 && comparePresent(distinct[index - 1], value) !== 0) rank++;
    ranks.set(value, rank);
  });
  for (let i = 0; i < values.length; i++) ordinals[i] = ranks.get(values[i]) ?? NaN;
  return ordinals;
}

/**
 * Returns a new array of `rows` sorted stably by `keys`, first key first.
 * `rows` is not changed. With no keys the copy keeps the given order.
 */
export function sortRows(rows: ArrayLike<number>, keys: readonly SortKey[]): Float64Array {
  const count = rows.length;
  // One signed ordinal per key: negated for descending, +Infinity when
  // missing, so a plain numeric comparison orders every key as documented.
  const columns = keys.map((key) => {
    const values = new Array<unknown>(count);
    for (let i = 0; i < count; i++) values[i] = key.read(rows[i]);
    const ordinals = toOrdinals(values);
    const sign = key.direction === 'desc' ? -1 : 1;
    for (let i = 0; i < count; i++) {
      ordinals[i] = Number.isNaN(ordinals[i]) ? Infinity : sign * ordinals[i];
    }
    return ordinals;
  });
  const order =
    count < RADIX_MIN_ROWS ? comparisonOrder(columns, count) : radixOrder(columns, count);
  const sorted = new Float64Array(count);
  for (let i = 0; i < count; i++) sorted[i] = rows[order[i]];
  return sorted;
}

/** Row count from which sortRows uses a radix sort; below it a comparison sort is faster. */
export const RADIX_MIN_ROWS = 4096;

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
function sortableWords(column: Float64Array, low: Uint32Array, high: Uint32Array): void {
  const scratch = new Float64Array(1);
  const words = new Uint32Array(scratch.buffer);
  const lowWord = LITTLE_ENDIAN ? 0 : 1;
  for (let i = 0; i < column.length; i++) {
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
function radixOrder(columns: Float64Array[], count: number): Uint32Array {
  let order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  let spare = new Uint32Array(count);
  const buckets = new Uint32Array(65_536);
  const low = new Uint32Array(count);
  const high = new Uint32Array(count);
  for (let k = columns.length - 1; k >= 0; k--) {
    sortableWords(columns[k], low, high);
    for (const [words, shift] of [
      [low, 0],
      [low, 16],
      [high, 0],
      [high, 16],
    ] as const) {
      buckets.fill(0);
      for (let i = 0; i < count; i++) buckets[(words[i] >>> shift) & 0xffff]++;
      // A pass where every row has the same digit would not move anything.
      if (buckets[(words[0] >>> shift) & 0xffff] === count) continue;
      let position = 0;
      for (let digit = 0; digit < buckets.length; digit++) {
        const size = buckets[digit];
        buckets[digit] = position;
        position += size;
      }
      for (let i = 0; i < count; i++) {
        const index = order[i];
        spare[buckets[(words[index] >>> shift) & 0xffff]++] = index;
      }
      [order, spare] = [spare, order];
    }
  }
  return order;
}

function compareRows(a: number, b: number, keys: readonly SortKey[]): number {
  for (const key of keys) {
    const order = compareSortValues(key.read(a), key.read(b), key.direction);
    if (order !== 0) return order;
  }
  return 0;
}

/**
 * Merges `added` into `sorted`, which must already be sorted by `keys`, and
 * returns the merged rows as a new array. Added rows count as given after
 * every row of `sorted`, so on a tie they go after it, as a full stable sort
 * of the concatenation would place them.
 *
 * Costs O(k log k + k log n) key reads for k added and n sorted rows plus one
 * O(n + k) copy, so streaming a few rows into a large sorted table stays cheap.
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
