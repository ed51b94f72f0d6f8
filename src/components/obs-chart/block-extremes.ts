import type { M4Bucket } from '../../core/downsample.js';

/** Rows per level-0 block, and child blocks per block on the levels above. */
export const FANOUT = 16;
/** Values read at once when level-0 blocks are recomputed: 256 blocks, 32 KiB. */
const CHUNK = FANOUT * 256;

/** Values of the chunk being recomputed, shared because recomputing never nests. */
const chunk = new Float64Array(CHUNK);

/** Writes the values at array positions [from, to) to `output` from index 0. */
export type ValueReader = (from: number, to: number, output: Float64Array) => void;

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
  readonly #read: ValueReader;
  #levels: Level[] = [];

  /** `read` copies values by array position, in runs of at most 4,096. */
  constructor(read: ValueReader) {
    this.#read = read;
  }

  /**
   * Recomputes every block that contains a position from `staleFrom` on,
   * level by level from the bottom. `capacity` is the buffer length, which
   * sets the number of blocks.
   */
  refresh(head: number, tail: number, staleFrom: number, capacity: number): void {
    this.#reserve(capacity);
    if (tail <= head) return;
    this.#computeBottom(Math.max(staleFrom, head), head, tail);
    for (let level = 1; level < this.#levels.length; level++) {
      const size = this.#levels[level].size;
      const first = Math.floor(Math.max(staleFrom, head) / size);
      const last = Math.floor((tail - 1) / size);
      for (let block = first; block <= last; block++) this.#compute(level, block, head, tail);
    }
  }

  /** Recomputes the block at each level that contains `head`, after the head moved forward. */
  refreshHead(head: number, tail: number): void {
    // Before the first refresh there are no levels, and that refresh computes every block.
    if (tail <= head || this.#levels.length === 0) return;
    this.#computeBottom(head, head, Math.min(tail, (Math.floor(head / FANOUT) + 1) * FANOUT));
    for (let level = 1; level < this.#levels.length; level++) {
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

  /**
   * Adds whole gap-free blocks from `position` on to `bucket`, each the
   * largest that starts there, until the next one would pass `end` or
   * contain a gap. Returns the position where it stopped. Bucket indices are
   * array positions minus `head`.
   */
  addBlocks(
    bucket: M4Bucket,
    column: number,
    position: number,
    end: number,
    head: number,
    tail: number,
  ): number {
    const levels = this.#levels;
    while (position < end) {
      let found: Level | null = null;
      let foundBlock = 0;
      let foundEnd = 0;
      for (const level of levels) {
        const { size } = level;
        const block = Math.floor(position / size);
        const start = block * size;
        if (Math.max(start, head) !== position) break;
        const blockEnd = Math.min(start + size, tail);
        if (blockEnd > end || level.gap[block] === 1) break;
        found = level;
        foundBlock = block;
        foundEnd = blockEnd;
      }
      if (found === null) return position;
      bucket.addRange(
        position - head,
        foundEnd - 1 - head,
        column,
        found.min[foundBlock] - head,
        found.minValue[foundBlock],
        found.max[foundBlock] - head,
        found.maxValue[foundBlock],
      );
      position = foundEnd;
    }
    return position;
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

  /**
   * Recomputes the level-0 blocks that contain positions [from, tail),
   * reading their values in chunks rather than with a call per value.
   */
  #computeBottom(from: number, head: number, tail: number): void {
    const { min, max, minValue, maxValue, gap } = this.#levels[0];
    let start = Math.max(Math.floor(from / FANOUT) * FANOUT, head);
    while (start < tail) {
      const end = Math.min(tail, start - (start % CHUNK) + CHUNK);
      this.#read(start, end, chunk);
      let blockStart = start;
      while (blockStart < end) {
        const block = Math.floor(blockStart / FANOUT);
        const blockEnd = Math.min(end, (block + 1) * FANOUT);
        let low = Infinity;
        let high = -Infinity;
        let lowAt = -1;
        let highAt = -1;
        let hasGap = 0;
        for (let position = blockStart; position < blockEnd; position++) {
          const value = chunk[position - start];
          // A finite value minus itself is 0, and NaN or an infinity gives NaN, so no call is needed.
          if (value - value !== 0) {
            hasGap = 1;
            continue;
          }
          // Strict comparisons keep the earliest position on a tie.
          if (value < low) {
            low = value;
            lowAt = position;
          }
          if (value > high) {
            high = value;
            highAt = position;
          }
        }
        min[block] = lowAt;
        max[block] = highAt;
        minValue[block] = low;
        maxValue[block] = high;
        gap[block] = hasGap;
        blockStart = blockEnd;
      }
      start = end;
    }
  }

  /** Recomputes one block of a level above 0 from its children. */
  #compute(levelIndex: number, block: number, head: number, tail: number): void {
    const level = this.#levels[levelIndex];
    const start = Math.max(block * level.size, head);
    const end = Math.min((block + 1) * level.size, tail);
    let min = -1;
    let max = -1;
    let minValue = Infinity;
    let maxValue = -Infinity;
    let gap = 0;
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
    level.min[block] = min;
    level.max[block] = max;
    level.minValue[block] = minValue;
    level.maxValue[block] = maxValue;
    level.gap[block] = gap;
  }
}
