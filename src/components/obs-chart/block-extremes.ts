/** Rows per level-0 block, and child blocks per block on the levels above. */
export const FANOUT = 16;

/** Blocks of one size: the position and value of each block's finite minimum and maximum. */
interface Level {
  size: number;
  /** Array position of the minimum finite value, or -1 when the block has none. */
  min: Int32Array;
  max: Int32Array;
  minValue: Float64Array;
  maxValue: Float64Array;
  /** 1 when the block holds a non-finite value. */
  gap: Uint8Array;
}

/**
 * Minimum and maximum of aligned blocks of 16, 256, 4096, ... positions of an
 * array, so the extremes of any range come from O(16 * levels) blocks rather
 * than from every position. The array is a window [head, tail) of a larger
 * buffer, as in a queue; a block covers only its positions inside the window.
 *
 * A block is identified by a code, `block * 8 + level`, which keeps lookups
 * free of allocation.
 */
export class BlockExtremes {
  readonly #values: () => Float64Array;
  #levels: Level[] = [];

  /** `values` returns the array of values by position; it may return a new array after growth. */
  constructor(values: () => Float64Array) {
    this.#values = values;
  }

  /**
   * Recomputes every block that contains a position from `staleFrom` on,
   * level by level from the bottom. `capacity` is the buffer length, which
   * sets the number of blocks.
   */
  refresh(head: number, tail: number, staleFrom: number, capacity: number): void {
    this.#reserve(capacity);
    if (tail <= head) return;
    for (let level = 0; level < this.#levels.length; level++) {
      const size = this.#levels[level].size;
      const first = Math.floor(Math.max(staleFrom, head) / size);
      const last = Math.floor((tail - 1) / size);
      for (let block = first; block <= last; block++) this.#compute(level, block, head, tail);
    }
  }

  /** Recomputes the block at each level that contains `head`, after the head moved forward. */
  refreshHead(head: number, tail: number): void {
    if (tail <= head) return;
    for (let level = 0; level < this.#levels.length; level++) {
      this.#compute(level, Math.floor(head / this.#levels[level].size), head, tail);
    }
  }

  /**
   * Returns the code of the largest block that starts at `position` and ends
   * by `end`, skipping blocks with a gap unless `allowGap`, or -1 when none
   * fits. The search climbs from the smallest blocks and stops at the first
   * level that fails: a block that fails to start at `position`, to end by
   * `end` or to be free of gaps has a parent that fails too.
   */
  find(position: number, end: number, head: number, tail: number, allowGap: boolean): number {
    let found = -1;
    for (let level = 0; level < this.#levels.length; level++) {
      const { size, gap } = this.#levels[level];
      const block = Math.floor(position / size);
      if (Math.max(block * size, head) !== position) break;
      if (Math.min((block + 1) * size, tail) > end) break;
      if (!allowGap && gap[block] === 1) break;
      found = block * 8 + level;
    }
    return found;
  }

  /** Array position one past the end of the block `code`. */
  end(code: number, tail: number): number {
    const level = this.#levels[code & 7];
    return Math.min(((code >>> 3) + 1) * level.size, tail);
  }

  /** Array position of the block's minimum finite value, or -1 when it has none. */
  minPosition(code: number): number {
    return this.#levels[code & 7].min[code >>> 3];
  }

  maxPosition(code: number): number {
    return this.#levels[code & 7].max[code >>> 3];
  }

  minValue(code: number): number {
    return this.#levels[code & 7].minValue[code >>> 3];
  }

  maxValue(code: number): number {
    return this.#levels[code & 7].maxValue[code >>> 3];
  }

  /** Sizes the levels for a buffer of `capacity` positions: the top level is one block. */
  #reserve(capacity: number): void {
    const bottom = this.#levels[0];
    if (bottom !== undefined && bottom.min.length * FANOUT >= capacity) return;
    const levels: Level[] = [];
    for (let size = FANOUT; ; size *= FANOUT) {
      const count = Math.ceil(capacity / size);
      levels.push({
        size,
        min: new Int32Array(count),
        max: new Int32Array(count),
        minValue: new Float64Array(count),
        maxValue: new Float64Array(count),
        gap: new Uint8Array(count),
      });
      if (count <= 1) break;
    }
    this.#levels = levels;
  }

  #compute(levelIndex: number, block: number, head: number, tail: number): void {
    const level = this.#levels[levelIndex];
    const start = Math.max(block * level.size, head);
    const end = Math.min((block + 1) * level.size, tail);
    let min = -1;
    let max = -1;
    let minValue = Infinity;
    let maxValue = -Infinity;
    let gap = 0;
    if (levelIndex === 0) {
      const values = this.#values();
      for (let position = start; position < end; position++) {
        const value = values[position];
        if (!Number.isFinite(value)) {
          gap = 1;
          continue;
        }
        if (value < minValue) {
          minValue = value;
          min = position;
        }
        if (value > maxValue) {
          maxValue = value;
          max = position;
        }
      }
    } else {
      const below = this.#levels[levelIndex - 1];
      const first = Math.floor(start / below.size);
      const last = Math.floor((end - 1) / below.size);
      // Children in order, with strict comparisons, so the earliest extreme wins a tie.
      for (let child = first; child <= last; child++) {
        gap |= below.gap[child];
        if (below.min[child] < 0) continue;
        if (below.minValue[child] < minValue) {
          minValue = below.minValue[child];
          min = below.min[child];
        }
        if (below.maxValue[child] > maxValue) {
          maxValue = below.maxValue[child];
          max = below.max[child];
        }
      }
    }
    level.min[block] = min;
    level.max[block] = max;
    level.minValue[block] = minValue;
    level.maxValue[block] = maxValue;
    level.gap[block] = gap;
  }
}
