import type { Polyline } from '../../core/downsample.js';

/**
 * The M4 points one series produced in the last frame drawn on a fixed grid
 * of columns, so the next frame on the same grid copies the columns whose
 * points did not change rather than reducing them again. A column is
 * identified by `Math.floor(time / width)`, which is the same in every frame
 * of the grid. A following chart appends at the end and evicts at the start,
 * so all but a few columns at each end can be copied.
 */
export class ColumnCache {
  #times = new Float64Array(0);
  #values = new Float64Array(0);
  #length = 0;
  /** Milliseconds per column of the kept points, or NaN when nothing is kept. */
  #width = NaN;
  /** The kept points cover every point of columns [#first, #end). */
  #first = 0;
  #end = 0;

  /** Forgets the kept points. */
  clear(): void {
    this.#width = NaN;
  }

  /** Marks the column holding `time` and every later one as changed, after a point was added there. */
  changedAt(time: number): void {
    if (Number.isNaN(this.#width)) return;
    this.#end = Math.min(this.#end, Math.floor(time / this.#width));
  }

  /**
   * Returns the columns [first, end) whose kept points can be copied into a
   * frame on the grid `width` that needs columns [from, to), as a pair with
   * first >= end when none can.
   */
  reusable(width: number, from: number, to: number): [number, number] {
    if (width !== this.#width) return [0, 0];
    return [Math.max(from, this.#first), Math.min(to, this.#end)];
  }

  /** Appends the kept points of columns [first, end) to `output`. */
  copyTo(output: Polyline, first: number, end: number): void {
    const times = this.#times;
    const values = this.#values;
    for (let index = this.#search(first); index < this.#length; index++) {
      const time = times[index];
      if (Math.floor(time / this.#width) >= end) break;
      const value = values[index];
      if (Number.isNaN(value)) output.pushGap(time);
      else output.push(time, value);
    }
  }

  /**
   * Keeps the points of `output`, which covers every point of columns
   * [first, end) on the grid `width`. Columns from `end` on are not complete:
   * the newest point's column can still gain points.
   */
  keep(output: Polyline, width: number, first: number, end: number): void {
    if (this.#times.length < output.length) {
      this.#times = new Float64Array(output.times.length);
      this.#values = new Float64Array(output.times.length);
    }
    this.#times.set(output.times.subarray(0, output.length));
    this.#values.set(output.values.subarray(0, output.length));
    this.#length = output.length;
    this.#width = width;
    this.#first = first;
    this.#end = end;
  }

  /** Index of the first kept point in column `column` or later. */
  #search(column: number): number {
    let low = 0;
    let high = this.#length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (Math.floor(this.#times[middle] / this.#width) < column) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
