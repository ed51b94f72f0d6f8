import type { RowList } from '../../core/row-list.js';

/** Row offsets must stay below this, the range of a Uint32Array element. */
const OFFSET_LIMIT = 2 ** 32;

/**
 * The logical store rows of one chart series by array position, in a window
 * [head, tail) of a buffer used as a queue. Rows are kept as 4-byte offsets
 * from a base row. While the row at each position is `base + position`, as
 * for a store with one series and no filter, no array is kept at all, so a
 * rebuild of such a series writes no memory per point.
 */
export class RowOffsets {
  head = 0;
  tail = 0;
  /** True once rows are no longer in arrival order, after a late point or a merge of sources. */
  reordered = false;
  /** A row no larger than any held row. */
  #base: number;
  /** Row minus base by position, or null while that difference is the position itself. */
  #offsets: Uint32Array | null = null;
  #capacity = 256;

  constructor(base: number) {
    this.#base = base;
  }

  get length(): number {
    return this.tail - this.head;
  }

  /** Positions the buffer has room for; block extremes are sized by it. */
  get capacity(): number {
    return this.#capacity;
  }

  /** Returns the logical row at array position `position`. */
  rowAt(position: number): number {
    const offsets = this.#offsets;
    return this.#base + (offsets === null ? position : offsets[position]);
  }

  /**
   * Returns the row at position `from` when positions [from, to) hold
   * consecutive rows in arrival order, so the store can copy their columns in
   * bulk, or -1 when they do not. Without reordering, rows only increase
   * along the positions, so equal spans of positions and rows mean no row was
   * skipped.
   */
  runStart(from: number, to: number): number {
    const offsets = this.#offsets;
    if (offsets === null) return this.#base + from;
    if (this.reordered || to <= from) return -1;
    return offsets[to - 1] - offsets[from] === to - 1 - from ? this.#base + offsets[from] : -1;
  }

  /** Makes room for `count` more rows at the tail. Returns true when positions moved. */
  reserve(count: number): boolean {
    const needed = this.length + count;
    if (this.#capacity - this.head >= needed) return false;
    let capacity = this.#capacity;
    while (capacity < needed) capacity *= 2;
    this.#resize(capacity);
    return true;
  }

  /**
   * Makes room for one more row at the tail, by moving the rows to the front
   * or into a buffer twice as large. Positions move, except when an implicit
   * buffer only grows, but the caller must treat every position as changed.
   */
  makeRoom(): void {
    if (this.head > 0 && this.head >= this.#capacity / 2) this.#resize(this.#capacity);
    else this.#resize(this.#capacity * 2);
  }

  /** Appends `row` at the tail, into room that `reserve` or `makeRoom` made. */
  push(row: number): void {
    const tail = this.tail;
    if (this.#offsets === null) {
      if (row === this.#base + tail) {
        this.tail = tail + 1;
        return;
      }
      this.#materialize();
    }
    const offset = this.#offsetOf(row);
    const offsets = this.#offsets!;
    // Merged sources can put a row before an older one, so eviction can no longer drop a prefix.
    if (tail > this.head && offset < offsets[tail - 1]) this.reordered = true;
    offsets[tail] = offset;
    this.tail = tail + 1;
  }

  /** Inserts `row` at array position `position`, moving later rows back by one. */
  insert(position: number, row: number): void {
    if (this.#offsets === null) this.#materialize();
    const offset = this.#offsetOf(row);
    const offsets = this.#offsets!;
    offsets.copyWithin(position + 1, position, this.tail);
    offsets[position] = offset;
    this.tail++;
    this.reordered = true;
  }

  /**
   * Appends every row of `list`, whose rows lie in the store's window
   * [start, end). `inArrivalOrder` is false when late points put some rows of
   * the list before older ones. Consecutive rows that continue the tail stay
   * implicit, and other rows are copied in one pass.
   */
  appendList(list: RowList, inArrivalOrder: boolean, start: number, end: number): void {
    const count = list.length;
    if (count === 0) return;
    this.reserve(count);
    const first = list.first();
    if (!inArrivalOrder || (this.length > 0 && first < this.rowAt(this.tail - 1))) {
      this.reordered = true;
    }
    const consecutive = inArrivalOrder && list.last() - first === count - 1;
    if (this.#offsets === null && consecutive && first === this.#base + this.tail) {
      this.tail += count;
      return;
    }
    if (this.#offsets === null) this.#materialize();
    if (end - this.#base >= OFFSET_LIMIT) this.#rebase(start);
    this.tail = list.copyOffsets(0, count, this.#base, this.#offsets!, this.tail);
  }

  /**
   * Removes every row older than `start`. Returns `prefix` when the removed
   * rows were the first ones, `compacted` when rows after the head moved
   * forward, or `none`.
   */
  dropBefore(start: number): 'none' | 'prefix' | 'compacted' {
    const limit = start - this.#base;
    const offsets = this.#offsets;
    if (offsets === null) {
      const count = Math.min(this.length, Math.max(0, limit - this.head));
      return this.#dropFront(count);
    }
    if (this.reordered) {
      let write = this.head;
      for (let read = this.head; read < this.tail; read++) {
        const offset = offsets[read];
        if (offset >= limit) offsets[write++] = offset;
      }
      const dropped = write !== this.tail;
      this.tail = write;
      return dropped ? 'compacted' : 'none';
    }
    // In arrival order, evicted rows are a prefix.
    let count = 0;
    while (count < this.length && offsets[this.head + count] < limit) count++;
    return this.#dropFront(count);
  }

  #dropFront(count: number): 'none' | 'prefix' {
    if (count === 0) return 'none';
    this.head += count;
    if (this.head === this.tail) {
      // An implicit buffer keeps its mapping, so its base moves with the reset positions.
      if (this.#offsets === null) this.#base += this.head;
      this.head = 0;
      this.tail = 0;
    }
    return 'prefix';
  }

  /** Moves the rows to the front of a buffer of `capacity` positions. */
  #resize(capacity: number): void {
    const offsets = this.#offsets;
    if (offsets === null) {
      this.#base += this.head;
    } else if (capacity === offsets.length) {
      offsets.copyWithin(0, this.head, this.tail);
    } else {
      const grown = new Uint32Array(capacity);
      grown.set(offsets.subarray(this.head, this.tail));
      this.#offsets = grown;
    }
    this.#capacity = capacity;
    this.tail -= this.head;
    this.head = 0;
  }

  /** Writes the implicit offsets into an array, before rows that break the pattern arrive. */
  #materialize(): void {
    const offsets = new Uint32Array(this.#capacity);
    for (let position = this.head; position < this.tail; position++) offsets[position] = position;
    this.#offsets = offsets;
  }

  /** Returns the offset of `row`, moving the base up first when the offset would not fit. */
  #offsetOf(row: number): number {
    if (row - this.#base >= OFFSET_LIMIT) this.#rebase(row);
    return row - this.#base;
  }

  /**
   * Moves the base up to the smaller of `row` and the smallest held row.
   * Held rows span less than the store's capacity of at most 10 million
   * rows, so every held row fits again.
   */
  #rebase(row: number): void {
    const offsets = this.#offsets!;
    let smallest = row - this.#base;
    for (let i = this.head; i < this.tail; i++) smallest = Math.min(smallest, offsets[i]);
    for (let i = this.head; i < this.tail; i++) offsets[i] -= smallest;
    this.#base += smallest;
  }
}
