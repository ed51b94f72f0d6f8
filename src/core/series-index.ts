import { RowList } from './row-list.js';

/**
 * The rows of one series (one category and source pair), kept in time order.
 * Points that arrive late are inserted at their place by binary search.
 */
export class SeriesIndex {
  readonly rows = new RowList(64);
  /** True once a late point was inserted, so eviction can no longer drop a plain prefix. */
  #reordered = false;
  /** Rows evicted from the store but still listed, in a series with late points. */
  #pending = 0;

  constructor(
    readonly key: number,
    readonly category: string,
    readonly source: string,
  ) {}

  add(row: number, time: number, timeOf: (row: number) => number): void {
    const rows = this.rows;
    if (rows.length === 0 || timeOf(rows.last()) <= time) {
      rows.push(row);
      return;
    }
    // Late point: find the first row with a later time and insert before it,
    // so equal times keep their arrival order.
    let low = 0;
    let high = rows.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (timeOf(rows.at(middle)) <= time) low = middle + 1;
      else high = middle;
    }
    rows.insertAt(low, row);
    this.#reordered = true;
  }

  /** True when the rows are in arrival order too, as they are unless a late point came in. */
  get inArrivalOrder(): boolean {
    return !this.#reordered;
  }

  /** Rows the store evicted that `evictBefore` has yet to remove. */
  get pendingEvictions(): number {
    return this.#pending;
  }

  /**
   * Removes the row of this series that arrived first, as the store evicts it.
   * In a series with late points that row can sit anywhere, so it is only
   * counted, and the next `evictBefore` removes it.
   */
  evictOldest(): void {
    if (this.#reordered) this.#pending++;
    else this.rows.dropFront(1);
  }

  /** Removes every row older than the logical row `start`. */
  evictBefore(start: number): void {
    const rows = this.rows;
    this.#pending = 0;
    if (!this.#reordered) {
      rows.dropFront(rows.lowerBound(start));
      return;
    }
    // NOTE: a series that received late points costs a pass over its rows per eviction.
    rows.dropBelow(start);
    this.#reordered = false;
    for (let i = 1; i < rows.length; i++) {
      if (rows.at(i) < rows.at(i - 1)) {
        this.#reordered = true;
        break;
      }
    }
  }

  /** Index of the first row whose time is at least `time`. */
  lowerBound(time: number, timeOf: (row: number) => number): number {
    let low = 0;
    let high = this.rows.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (timeOf(this.rows.at(middle)) < time) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
