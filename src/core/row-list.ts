/**
 * A growable list of logical row numbers with cheap removal from the front,
 * used for the filtered view and the per-series indices. Rows are float64
 * because logical row numbers are a running counter that can pass 2^32.
 */
export class RowList {
  #rows: Float64Array;
  #head = 0;
  #tail = 0;

  constructor(initialCapacity = 256) {
    this.#rows = new Float64Array(Math.max(16, initialCapacity));
  }

  get length(): number {
    return this.#tail - this.#head;
  }

  at(index: number): number {
    return this.#rows[this.#head + index];
  }

  first(): number {
    return this.#rows[this.#head];
  }

  last(): number {
    return this.#rows[this.#tail - 1];
  }

  push(row: number): void {
    if (this.#tail === this.#rows.length) this.#makeRoom(1);
    this.#rows[this.#tail++] = row;
  }

  /** Inserts `row` at `index` (0 = front), shifting later rows back. */
  insertAt(index: number, row: number): void {
    if (this.#tail === this.#rows.length) this.#makeRoom(1);
    const position = this.#head + index;
    this.#rows.copyWithin(position + 1, position, this.#tail);
    this.#rows[position] = row;
    this.#tail++;
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
    for (let read = this.#head; read < this.#tail; read++) {
      const row = this.#rows[read];
      if (keep(row)) this.#rows[write++] = row;
    }
    this.#tail = write;
  }

  clear(): void {
    this.#head = 0;
    this.#tail = 0;
  }

  /** A copy of the rows as a plain typed array. */
  toArray(): Float64Array {
    return this.#rows.slice(this.#head, this.#tail);
  }

  #makeRoom(extra: number): void {
    const length = this.length;
    // Reuse the space freed at the front before growing.
    if (this.#head > 0 && this.#head >= this.#rows.length / 2) {
      this.#rows.copyWithin(0, this.#head, this.#tail);
    } else {
      const grown = new Float64Array(Math.max(this.#rows.length * 2, length + extra));
      grown.set(this.#rows.subarray(this.#head, this.#tail));
      this.#rows = grown;
    }
    this.#head = 0;
    this.#tail = length;
  }
}
