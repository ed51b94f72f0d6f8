/**
 * Stable sorting of positions by float64 keys with an LSD radix sort, which
 * runs in O(n) passes over typed arrays instead of O(n log n) comparator calls.
 */

const DIGIT_BITS = 16;
const BUCKETS = 1 << DIGIT_BITS;

/**
 * Returns the positions `0..n-1` ordered by `keys`, first key first, each
 * ascending, with NaN last. Positions with equal keys keep their order, so the
 * sort is stable. Callers encode direction and missing values into the keys:
 * negate a key for descending order and use NaN for a missing value.
 */
export function stableOrder(keys: readonly Float64Array[], n: number): Uint32Array {
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let scratch = new Uint32Array(n);
  const high = new Uint32Array(n);
  const low = new Uint32Array(n);
  const counts = new Uint32Array(BUCKETS);
  // Sorting by the last key first and by each earlier key stably leaves the
  // first key deciding, with ties broken by the next.
  for (let k = keys.length - 1; k >= 0; k--) {
    toSortableBits(keys[k], n, high, low);
    for (const words of [low, high]) {
      for (let shift = 0; shift < 32; shift += DIGIT_BITS) {
        if (scatter(order, scratch, words, shift, counts)) [order, scratch] = [scratch, order];
      }
    }
  }
  return order;
}

/**
 * Writes each key as two 32-bit words whose unsigned order is the numeric
 * order of the key: positive numbers get their sign bit set, negative numbers
 * have every bit flipped, -0 counts as 0 and NaN sorts after everything.
 */
function toSortableBits(key: Float64Array, n: number, high: Uint32Array, low: Uint32Array): void {
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  // Typed arrays use the platform's byte order; on little-endian machines word 1 holds the sign.
  const top = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
  const bottom = 1 - top;
  for (let i = 0; i < n; i++) {
    const value = key[i];
    if (value !== value) {
      high[i] = 0xffffffff;
      low[i] = 0xffffffff;
      continue;
    }
    bits[0] = value === 0 ? 0 : value;
    const h = words[top];
    const l = words[bottom];
    if (h & 0x80000000) {
      high[i] = ~h >>> 0;
      low[i] = ~l >>> 0;
    } else {
      high[i] = (h | 0x80000000) >>> 0;
      low[i] = l;
    }
  }
}

/**
 * One counting-sort pass over the 16-bit digit of `words` at `shift`, from
 * `order` into `target`. Returns false, writing nothing, when every position
 * has the same digit, because the pass would not change the order.
 */
function scatter(
  order: Uint32Array,
  target: Uint32Array,
  words: Uint32Array,
  shift: number,
  counts: Uint32Array,
): boolean {
  const n = order.length;
  counts.fill(0);
  for (let i = 0; i < n; i++) counts[(words[i] >>> shift) & 0xffff]++;
  if (n === 0 || counts[(words[0] >>> shift) & 0xffff] === n) return false;
  let total = 0;
  for (let digit = 0; digit < BUCKETS; digit++) {
    const count = counts[digit];
    counts[digit] = total;
    total += count;
  }
  for (let i = 0; i < n; i++) {
    const position = order[i];
    target[counts[(words[position] >>> shift) & 0xffff]++] = position;
  }
  return true;
}
