/**
 * Sets of held rows during filter evaluation. Rows are written as offsets from
 * the oldest held row (`offset = row - store.start`), which fit in 32 bits
 * because the store holds at most 10,000,000 rows. Offsets are always in
 * ascending order, which is arrival order.
 */

/** Every offset in `[from, to)`. */
export interface RangeSelection {
  readonly kind: 'range';
  readonly from: number;
  readonly to: number;
}

/** The first `length` entries of `offsets`, ascending and without repeats. */
export interface ListSelection {
  readonly kind: 'list';
  readonly offsets: Uint32Array;
  readonly length: number;
}

export type Selection = RangeSelection | ListSelection;

export const EMPTY: ListSelection = { kind: 'list', offsets: new Uint32Array(0), length: 0 };

export function range(from: number, to: number): RangeSelection {
  return { kind: 'range', from, to: Math.max(from, to) };
}

export function list(offsets: Uint32Array, length: number): ListSelection {
  return length === 0 ? EMPTY : { kind: 'list', offsets, length };
}

export function sizeOf(selection: Selection): number {
  return selection.kind === 'range' ? selection.to - selection.from : selection.length;
}

/** The offsets of `selection` as a list, sharing storage when it already is one. */
export function toList(selection: Selection): ListSelection {
  if (selection.kind === 'list') return selection;
  const length = selection.to - selection.from;
  const offsets = new Uint32Array(length);
  for (let i = 0; i < length; i++) offsets[i] = selection.from + i;
  return list(offsets, length);
}

/** Offsets in `a` or in `b`. */
export function union(a: Selection, b: Selection): Selection {
  if (sizeOf(a) === 0) return b;
  if (sizeOf(b) === 0) return a;
  if (a.kind === 'range' && b.kind === 'range' && a.from <= b.to && b.from <= a.to) {
    return range(Math.min(a.from, b.from), Math.max(a.to, b.to));
  }
  const left = toList(a);
  const right = toList(b);
  const out = new Uint32Array(left.length + right.length);
  const x = left.offsets;
  const y = right.offsets;
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < left.length && j < right.length) {
    const p = x[i];
    const q = y[j];
    if (p < q) {
      out[n++] = p;
      i++;
    } else if (q < p) {
      out[n++] = q;
      j++;
    } else {
      out[n++] = p;
      i++;
      j++;
    }
  }
  while (i < left.length) out[n++] = x[i++];
  while (j < right.length) out[n++] = y[j++];
  return list(out, n);
}

/** Offsets of `input` that are not in `removed`. */
export function difference(input: Selection, removed: Selection): Selection {
  if (sizeOf(removed) === 0) return input;
  const out = new Uint32Array(sizeOf(input));
  let n = 0;
  const drop = toList(removed);
  let j = 0;
  const keep = (offset: number) => {
    while (j < drop.length && drop.offsets[j] < offset) j++;
    if (j === drop.length || drop.offsets[j] !== offset) out[n++] = offset;
  };
  if (input.kind === 'range') {
    for (let offset = input.from; offset < input.to; offset++) keep(offset);
  } else {
    for (let i = 0; i < input.length; i++) keep(input.offsets[i]);
  }
  return list(out, n);
}

/**
 * Merges ascending runs of `buffer`, given by their end positions, into one
 * ascending list. Runs are merged in pairs, so k runs of n offsets cost O(n log k).
 */
export function mergeRuns(buffer: Uint32Array, ends: number[]): ListSelection {
  let runs = ends.slice();
  let source: Uint32Array = buffer;
  let target: Uint32Array = new Uint32Array(buffer.length);
  while (runs.length > 1) {
    const merged: number[] = [];
    let begin = 0;
    for (let r = 0; r < runs.length; r += 2) {
      const middle = runs[r];
      const end = r + 1 < runs.length ? runs[r + 1] : middle;
      mergeTwo(source, begin, middle, end, target);
      merged.push(end);
      begin = end;
    }
    runs = merged;
    [source, target] = [target, source];
  }
  return list(source, runs.length === 0 ? 0 : runs[0]);
}

function mergeTwo(
  source: Uint32Array,
  begin: number,
  middle: number,
  end: number,
  target: Uint32Array,
): void {
  let i = begin;
  let j = middle;
  let n = begin;
  while (i < middle && j < end) {
    target[n++] = source[i] <= source[j] ? source[i++] : source[j++];
  }
  while (i < middle) target[n++] = source[i++];
  while (j < end) target[n++] = source[j++];
}

/**
 * Bitsets over a range of offsets: bit `i` of word `i >>> 5` stands for offset
 * `from + i`. Dense intermediate results are cheaper as bitsets, because AND,
 * OR and NOT become one operation per 32 rows and need no merging.
 */
export function emptyBits(length: number): Uint32Array {
  return new Uint32Array((length + 31) >>> 5);
}

/** Sets bits `[a, b)`. */
export function setBits(words: Uint32Array, a: number, b: number): void {
  for (let i = a; i < b && i & 31; i++) words[i >>> 5] |= 1 << (i & 31);
  let i = Math.max(a, (a + 31) & ~31);
  for (; i + 32 <= b; i += 32) words[i >>> 5] = 0xffffffff;
  for (; i < b; i++) words[i >>> 5] |= 1 << (i & 31);
}

/** Clears the bits at and past `length` in the last word, as after a complement. */
export function trimBits(words: Uint32Array, length: number): void {
  if (length & 31) words[words.length - 1] &= (1 << (length & 31)) - 1;
}

/** The offsets whose bits are set, as a list; `from` is the offset of bit 0. */
export function bitsToList(words: Uint32Array, from: number): ListSelection {
  let count = 0;
  for (let w = 0; w < words.length; w++) count += bitCount(words[w]);
  const offsets = new Uint32Array(count);
  let n = 0;
  for (let w = 0; w < words.length; w++) {
    let word = words[w];
    const base = from + (w << 5);
    while (word !== 0) {
      const lowest = word & -word;
      offsets[n++] = base + 31 - Math.clz32(lowest);
      word ^= lowest;
    }
  }
  return list(offsets, n);
}

/** Number of set bits in a 32-bit word (SWAR population count). */
function bitCount(word: number): number {
  let c = word - ((word >>> 1) & 0x55555555);
  c = (c & 0x33333333) + ((c >>> 2) & 0x33333333);
  return Math.imul((c + (c >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}
