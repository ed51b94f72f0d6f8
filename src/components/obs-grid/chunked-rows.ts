/** Rows per chunk when a list is built or re-chunked; a chunk splits past twice this. */
export const CHUNK_ROWS = 2048;

/** Compares two logical rows; must be a total order, so distinct rows never tie. */
export type RowComparator = (a: number, b: number) => number;

/**
 * Logical rows in sorted order, stored as a list of chunks of about
 * CHUNK_ROWS rows.
 *
 * A flat array would copy every row for each streamed batch. Here an insert
 * moves the rows of one chunk, and dropping evicted rows skips every chunk
 * whose oldest row the store still contains. Positions come from a prefix sum of
 * chunk lengths, so `at` and `find` cost O(log n).
 */
export class ChunkedRowList {
  #chunks: number[][] = [];
  /** Smallest logical row of each chunk, to skip chunks that eviction does not reach. */
  #minRows: number[] = [];
  /** Display index of the first row of each chunk, and the total length at the end. */
  #offsets: number[] = [0];

  /** Builds a list from rows that are already in order. */
  static from(sorted: ArrayLike<number>): ChunkedRowList {
    const steps = ChunkedRowList.fromSteps(sorted);
    let result = steps.next();
    while (result.done !== true) result = steps.next();
    return result.value;
  }

  /** Builds a list like `from`, yielding after every 32 chunks so a caller can spread the work. */
  static *fromSteps(sorted: ArrayLike<number>): Generator<void, ChunkedRowList, void> {
    const list = new ChunkedRowList();
    for (let from = 0; from < sorted.length; from += CHUNK_ROWS) {
      const rows = Array.prototype.slice.call(sorted, from, from + CHUNK_ROWS) as number[];
      list.#chunks.push(rows);
      list.#minRows.push(Math.min(...rows));
      if (list.#chunks.length % 32 === 0) yield;
    }
    list.#rebuildOffsets();
    return list;
  }

  get length(): number {
    return this.#offsets[this.#chunks.length];
  }

  /** Logical row at display position `index`, or NaN when out of range. */
  at(index: number): number {
    if (!(index >= 0 && index < this.length)) return NaN;
    const chunk = this.#chunkOf(index);
    return this.#chunks[chunk][index - this.#offsets[chunk]];
  }

  /** Display position of `row`, found by binary search with `compare`, or -1. */
  find(row: number, compare: RowComparator): number {
    const chunk = this.#chunkFor(row, compare);
    if (chunk < 0) return -1;
    const rows = this.#chunks[chunk];
    let low = 0;
    let high = rows.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(rows[middle], row) < 0) low = middle + 1;
      else high = middle;
    }
    return rows[low] === row ? this.#offsets[chunk] + low : -1;
  }

  /** Inserts each of `rows` at its sorted position. */
  insert(rows: ArrayLike<number>, compare: RowComparator): void {
    if (rows.length === 0) return;
    if (this.#chunks.length === 0) {
      this.#rechunk(Array.from(rows).sort(compare));
      return;
    }
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const chunk = Math.max(0, this.#chunkFor(row, compare));
      const target = this.#chunks[chunk];
      let low = 0;
      let high = target.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        if (compare(target[middle], row) < 0) low = middle + 1;
        else high = middle;
      }
      target.splice(low, 0, row);
      if (row < this.#minRows[chunk]) this.#minRows[chunk] = row;
      if (target.length > 2 * CHUNK_ROWS) this.#split(chunk);
    }
    this.#rebuildOffsets();
  }

  /** Removes rows below `start`, which the store evicted. Returns whether any was removed. */
  dropBelow(start: number): boolean {
    let removed = false;
    for (let chunk = 0; chunk < this.#chunks.length; chunk++) {
      if (this.#minRows[chunk] >= start) continue;
      removed = this.#retainIn(chunk, (row) => row >= start) || removed;
    }
    if (removed) this.#afterRemoval();
    return removed;
  }

  /** Removes the rows for which `keep` returns false. Returns whether any was removed. */
  retain(keep: (row: number) => boolean): boolean {
    let removed = false;
    for (let chunk = 0; chunk < this.#chunks.length; chunk++) {
      removed = this.#retainIn(chunk, keep) || removed;
    }
    if (removed) this.#afterRemoval();
    return removed;
  }

  /** Copies the rows in order, for tests and exports. */
  toArray(): Float64Array {
    const out = new Float64Array(this.length);
    this.#chunks.forEach((rows, chunk) => out.set(rows, this.#offsets[chunk]));
    return out;
  }

  /** Index of the chunk that contains display position `index`, which must be in range. */
  #chunkOf(index: number): number {
    let low = 0;
    let high = this.#chunks.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.#offsets[middle] <= index) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** First chunk whose last row sorts at or after `row`; the last chunk when none does; -1 when empty. */
  #chunkFor(row: number, compare: RowComparator): number {
    const chunks = this.#chunks;
    if (chunks.length === 0) return -1;
    let low = 0;
    let high = chunks.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const rows = chunks[middle];
      if (compare(rows[rows.length - 1], row) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  #retainIn(chunk: number, keep: (row: number) => boolean): boolean {
    const rows = this.#chunks[chunk];
    let kept = 0;
    let minRow = Infinity;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (!keep(row)) continue;
      rows[kept++] = row;
      if (row < minRow) minRow = row;
    }
    this.#minRows[chunk] = minRow;
    if (kept === rows.length) return false;
    rows.length = kept;
    return true;
  }

  #split(chunk: number): void {
    const rows = this.#chunks[chunk];
    const tail = rows.splice(CHUNK_ROWS);
    this.#chunks.splice(chunk + 1, 0, tail);
    this.#minRows.splice(chunk + 1, 0, Math.min(...tail));
    this.#minRows[chunk] = Math.min(...rows);
  }

  /**
   * Drops empty chunks and, when removals left many small ones, builds the
   * chunks again, so lookups stay logarithmic in the number of rows.
   */
  #afterRemoval(): void {
    const chunks = this.#chunks.filter((rows) => rows.length > 0);
    const minRows = this.#minRows.filter((_, chunk) => this.#chunks[chunk].length > 0);
    let length = 0;
    for (const rows of chunks) length += rows.length;
    if (chunks.length > 2 * Math.ceil(length / CHUNK_ROWS) + 4) {
      this.#rechunk(chunks.flat());
      return;
    }
    this.#chunks = chunks;
    this.#minRows = minRows;
    this.#rebuildOffsets();
  }

  #rechunk(sorted: number[]): void {
    this.#chunks = [];
    this.#minRows = [];
    for (let from = 0; from < sorted.length; from += CHUNK_ROWS) {
      const rows = sorted.slice(from, from + CHUNK_ROWS);
      let minRow = Infinity;
      for (const row of rows) if (row < minRow) minRow = row;
      this.#chunks.push(rows);
      this.#minRows.push(minRow);
    }
    this.#rebuildOffsets();
  }

  #rebuildOffsets(): void {
    const offsets = [0];
    for (const rows of this.#chunks) offsets.push(offsets[offsets.length - 1] + rows.length);
    this.#offsets = offsets;
  }
}
