import type { RowList } from './row-list.js';

/** Maximum number of results kept. */
const MAX_ENTRIES = 16;

interface Entry {
  rows: RowList;
  /** Logical row one past the last row the result covers. */
  end: number;
}

/**
 * Filter results of recently used criteria by canonical key, least recently
 * used first out. A result covers the rows below its `end`; before reusing it
 * the store drops the rows evicted since and tests the rows appended since.
 * Total cached rows stay under `maxRows` so the cache cannot outgrow the store.
 */
export class FilterCache {
  readonly #entries = new Map<string, Entry>();
  #rows = 0;
  hits = 0;
  misses = 0;

  constructor(readonly maxRows: number) {}

  get size(): number {
    return this.#entries.size;
  }

  /** Removes and returns the result for `key`, counting a hit or a miss. */
  take(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.#entries.delete(key);
    this.#rows -= entry.rows.length;
    return entry;
  }

  put(key: string, rows: RowList, end: number): void {
    const old = this.#entries.get(key);
    if (old !== undefined) {
      this.#entries.delete(key);
      this.#rows -= old.rows.length;
    }
    if (rows.length > this.maxRows) return;
    this.#entries.set(key, { rows, end });
    this.#rows += rows.length;
    for (const [oldest, entry] of this.#entries) {
      if (this.#rows <= this.maxRows && this.#entries.size <= MAX_ENTRIES) break;
      this.#entries.delete(oldest);
      this.#rows -= entry.rows.length;
    }
  }

  /** Forgets every result, as after `clear()` logical rows start again. */
  clear(): void {
    this.#entries.clear();
    this.#rows = 0;
  }
}
