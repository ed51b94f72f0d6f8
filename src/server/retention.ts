import type { Point } from '../core/types.js';
import { allocateBatch, NO_METADATA, type ColumnBatch } from '../stream/binary-frame.js';
import type { ServerStringTable } from './string-table.js';

/** Default number of points kept for clients that resume. */
export const DEFAULT_RETAIN = 100_000;
/** Bytes of memory per retained point: three Float64 and four Uint32 columns. */
export const RETAINED_BYTES_PER_POINT = 40;

/** Maximum length of a numeric id suffix stored as a number; longer ones would lose digits as a float. */
const MAX_ID_DIGITS = 15;

/**
 * Splits an id into a prefix and a trailing number, such as `g7-1042` into `g7-` and 1042, so
 * numbered ids cost one number per point. An id without a plain trailing number (none, a leading
 * zero, or more than 15 digits) is all prefix, with NaN as the number.
 */
export function splitId(id: string): { prefix: string; number: number } {
  let start = id.length;
  while (start > 0) {
    const char = id.charCodeAt(start - 1);
    if (char < 48 || char > 57) break;
    start--;
  }
  const digits = id.length - start;
  if (digits === 0 || digits > MAX_ID_DIGITS || (digits > 1 && id.charCodeAt(start) === 48)) {
    return { prefix: id, number: NaN };
  }
  return { prefix: id.slice(0, start), number: Number(id.slice(start)) };
}

/**
 * The newest points of the live stream, numbered by a sequence that starts at 1 and never
 * restarts while the stream exists. A ring of typed columns holds them, 40 bytes per point
 * plus the shared string table, so the memory is bounded by `capacity`.
 */
export class Retention {
  readonly capacity: number;
  readonly table: ServerStringTable;
  readonly #columns: ColumnBatch;
  #lastSeq: number;
  #size = 0;

  constructor(capacity: number, table: ServerStringTable, lastSeq = 0) {
    this.capacity = capacity;
    this.table = table;
    this.#columns = allocateBatch(capacity);
    this.#lastSeq = lastSeq;
  }

  /** Sequence number of the newest point, 0 before the first. */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** Sequence number of the oldest point kept; `lastSeq + 1` while none is kept. */
  get firstSeq(): number {
    return this.#lastSeq - this.#size + 1;
  }

  get size(): number {
    return this.#size;
  }

  /** Numbers and keeps points; returns the sequence numbers of the first and the last. */
  append(points: readonly Point[]): { from: number; to: number } {
    const from = this.#lastSeq + 1;
    const columns = this.#columns;
    const table = this.table;
    for (const point of points) {
      const slot = this.#lastSeq % this.capacity;
      const { prefix, number } = splitId(point.id);
      columns.timestamp[slot] = point.timestamp;
      columns.value[slot] = point.value;
      columns.idNumber[slot] = number;
      columns.idPrefix[slot] = table.code(prefix);
      columns.category[slot] = table.code(point.category);
      columns.source[slot] = table.code(point.source);
      columns.metadata[slot] =
        point.metadata === undefined ? NO_METADATA : table.metadataCode(point.metadata);
      this.#lastSeq++;
    }
    this.#size = Math.min(this.capacity, this.#size + points.length);
    return { from, to: this.#lastSeq };
  }

  /**
   * Copies up to `max` points from sequence number `from` on into a new batch. `from` must lie
   * between firstSeq and lastSeq.
   */
  read(from: number, max: number): ColumnBatch {
    if (from < this.firstSeq || from > this.#lastSeq) {
      throw new RangeError(
        `sequence number ${from} is outside the retention ${this.firstSeq}-${this.#lastSeq}`,
      );
    }
    const count = Math.min(max, this.#lastSeq - from + 1);
    const batch = allocateBatch(count);
    batch.seq = from + count - 1;
    const source = this.#columns;
    let done = 0;
    while (done < count) {
      const slot = (from - 1 + done) % this.capacity;
      const run = Math.min(count - done, this.capacity - slot);
      for (const name of COLUMN_NAMES) {
        batch[name].set(source[name].subarray(slot, slot + run), done);
      }
      done += run;
    }
    return batch;
  }
}

const COLUMN_NAMES = [
  'timestamp',
  'value',
  'idNumber',
  'category',
  'source',
  'idPrefix',
  'metadata',
] as const;
