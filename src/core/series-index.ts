import { RowList } from './row-list.js';

/**
 * The rows of one series (one category and source pair), kept in time order.
 * Points that arrive late are inserted at their place by binary search.
 */
export class SeriesIndex {
  readonly rows = new RowList(64);
  /**
   * Newest row that was inserted before rows that arrived earlier, or -1. Rows
   * are evicted in arrival order, so the rows are in arrival order again once
   * this one is evicted.
   */
  #lastLate = -1;

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
    this.#lastLate = row;
  }

  /** True when the rows are in arrival order too, as they are unless a late point is held. */
  get inArrivalOrder(): boolean {
    return this.#lastLate < 0;
  }

  /**
   * Removes `row`, the row of this series that arrived first, as the store
   * evicts it. Without late points it is the first row. Otherwise it sits
   * after the late points that were inserted before it, so finding it costs a
   * scan over them.
   */
  evictOldest(row: number): void {
    const rows = this.rows;
    if (this.#lastLate < 0) {
      rows.dropFront(1);
      return;
    }
    const index = rows.indexOf(row);
    if (index >= 0) rows.removeAt(index);
    if (row >= this.#lastLate) this.#lastLate = -1;
  }

  /** Removes every row older than the logical row `start`. */
  evictBefore(start: number): void {
    const rows = this.rows;
    if (this.#lastLate < 0) rows.dropFront(rows.lowerBound(start));
    else rows.dropBelow(start);
    if (start > this.#lastLate) this.#lastLate = -1;
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
