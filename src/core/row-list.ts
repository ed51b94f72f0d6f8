const DELTA_LIMIT = 2 ** 32;

/**
 * A growable list of logical row numbers with cheap removal from the front,
 * used for the filtered view and the per-series indices.
 *
 * Logical rows are a running counter that can pass 2^32, but the rows one list
 * holds at a time span less than the store's capacity. So each row is kept as
 * a 4-byte distance from a base row, and the base moves forward on the rare
 * occasion a distance would not fit.
 */
export class RowList {
  #deltas: Uint32Array;
  #base = 0;
  #head = 0;
  #tail = 0;

  constructor(initialCapacity = 256) {
    this.#deltas = new Uint32Array(Math.max(16, initialCapacity));
  }

  /**
   * A list holding `base + offsets[i]` for the first `length` offsets, which
   * must be non-negative integers below 2^32.
   */
  static fromOffsets(base: number, offsets: Uint32Array, length: number): RowList {
    const list = new RowList(length);
    list.#deltas.set(offsets.subarray(0, length));
    list.#base = base;
    list.#tail = length;
    return list;
  }

  get length(): number {
    return this.#tail - this.#head;
  }

  at(index: number): number {
    return this.#base + this.#deltas[this.#head + index];
  }

  first(): number {
    return this.#base + this.#deltas[this.#head];
  }

  last(): number {
    return this.#base + this.#deltas[this.#tail - 1];
  }

  push(row: number): void {
    if (this.#tail === this.#deltas.length) this.#makeRoom(1);
    if (this.#tail === this.#head) this.#base = row;
    else if (row - this.#base >= DELTA_LIMIT) this.#rebase(row);
    this.#deltas[this.#tail++] = row - this.#base;
  }

  /**
   * Inserts `row` at `index` (0 = front), shifting later rows back. `row` must
   * not be smaller than the list's smallest row, as holds for rows that arrive later.
   */
  insertAt(index: number, row: number): void {
    if (this.#tail === this.#deltas.length) this.#makeRoom(1);
    if (this.#tail === this.#head) this.#base = row;
    else if (row - this.#base >= DELTA_LIMIT) this.#rebase(row);
    const position = this.#head + index;
    this.#deltas.copyWithin(position + 1, position, this.#tail);
    this.#deltas[position] = row - this.#base;
    this.#tail++;
  }

  /** Index of `row`, searching from the front, or -1. */
  indexOf(row: number): number {
    const delta = row - this.#base;
    for (let i = this.#head; i < this.#tail; i++) {
      if (this.#deltas[i] === delta) return i - this.#head;
    }
    return -1;
  }

  /** Removes the row at `index`, moving the rows before it; cheap near the front. */
  removeAt(index: number): void {
    const position = this.#head + index;
    this.#deltas.copyWithin(this.#head + 1, this.#head, position);
    this.dropFront(1);
  }

  /** Drops the first `count` rows. */
  dropFront(count: number): void {
    this.#head = Math.min(this.#tail, this.#head + count);
    if (this.#head === this.#tail) {
      this.#head = 0;
      this.#tail = 0;
    }
  }

  /** Keeps only the rows for which `keep` returns true, in order. */
  retain(keep: (row: number) => boolean): void {
    let write = this.#head;
    const base = this.#base;
    for (let read = this.#head; read < this.#tail; read++) {
      const delta = this.#deltas[read];
      if (keep(base + delta)) this.#deltas[write++] = delta;
    }
    this.#tail = write;
  }

  /** Keeps only rows at or after `start`; cheaper than `retain` because it needs no callback. */
  dropBelow(start: number): void {
    const limit = start - this.#base;
    if (limit <= 0) return;
    let write = this.#head;
    for (let read = this.#head; read < this.#tail; read++) {
      const delta = this.#deltas[read];
      if (delta >= limit) this.#deltas[write++] = delta;
    }
    this.#tail = write;
  }

  /** Index of the first row at or after `row`, for a list in ascending row order. */
  lowerBound(row: number): number {
    const target = row - this.#base;
    let low = this.#head;
    let high = this.#tail;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#deltas[middle] < target) low = middle + 1;
      else high = middle;
    }
    return low - this.#head;
  }

  /**
   * Writes `rows[from..to)` as offsets from `origin` into `out` at `at`, and
   * returns the next write position. Every row in the range must be at least `origin`.
   */
  copyOffsets(from: number, to: number, origin: number, out: Uint32Array, at: number): number {
    const shift = this.#base - origin;
    let write = at;
    for (let read = this.#head + from; read < this.#head + to; read++) {
      out[write++] = this.#deltas[read] + shift;
    }
    return write;
  }

  clear(): void {
    this.#head = 0;
    this.#tail = 0;
  }

  /** A copy of the rows as a plain typed array. */
  toArray(): Float64Array {
    const rows = new Float64Array(this.length);
    for (let i = 0; i < rows.length; i++) rows[i] = this.#base + this.#deltas[this.#head + i];
    return rows;
  }

  /** Bytes held by the backing array, for memory statistics. */
  get byteLength(): number {
    return this.#deltas.byteLength;
  }

  /** Moves the base up to the smallest held row, so that `row` fits in 32 bits again. */
  #rebase(row: number): void {
    let smallest = Infinity;
    for (let i = this.#head; i < this.#tail; i++) smallest = Math.min(smallest, this.#deltas[i]);
    if (row - (this.#base + smallest) >= DELTA_LIMIT) {
      // Unreachable while the list only holds rows of one store window.
      throw new RangeError('RowList rows span 2^32 or more logical rows');
    }
    for (let i = this.#head; i < this.#tail; i++) this.#deltas[i] -= smallest;
    this.#base += smallest;
  }

  #makeRoom(extra: number): void {
    const length = this.length;
    // Reuse the space freed at the front before growing.
    if (this.#head > 0 && this.#head >= this.#deltas.length / 2) {
      this.#deltas.copyWithin(0, this.#head, this.#tail);
    } else {
      // Growing by half, not double, keeps the unused tail of large lists smaller.
      const grown = new Uint32Array(Math.max(Math.ceil(this.#deltas.length * 1.5), length + extra));
      grown.set(this.#deltas.subarray(this.#head, this.#tail));
      this.#deltas = grown;
    }
    this.#head = 0;
    this.#tail = length;
  }
}
