import type { ColumnBatch } from '../stream/binary-frame.js';
import type { Encoding } from '../stream/protocol.js';
import { encodeBatch, type Frame } from './frame-encoder.js';
import type { ServerStringTable } from './string-table.js';

/** Numbered points a client can read: the live retention, or its own replay. */
export interface PointSource {
  readonly table: ServerStringTable;
  /** Oldest sequence number still readable; `lastSeq + 1` when nothing is. */
  readonly firstSeq: number;
  /** Newest sequence number readable now. */
  readonly lastSeq: number;
  /** Copies up to `max` points from `from` on, which must lie in [firstSeq, lastSeq]. */
  read(from: number, max: number): ColumnBatch;
}

/**
 * A live batch that every up-to-date client receives. Each encoding is built once, on first
 * use, however many clients read it.
 */
export class SharedBatch {
  readonly batch: ColumnBatch;
  readonly #table: ServerStringTable;
  readonly #frames = new Map<string, Frame[]>();

  constructor(batch: ColumnBatch, table: ServerStringTable) {
    this.batch = batch;
    this.#table = table;
  }

  /** Sequence number of the first point. */
  get from(): number {
    return this.batch.seq - this.batch.count + 1;
  }

  frames(encoding: Encoding, compactColumns = false): Frame[] {
    const key = compactColumns && encoding === 'binary' ? 'binary-compact' : encoding;
    let frames = this.#frames.get(key);
    if (frames === undefined) {
      frames = encodeBatch(this.batch, encoding, this.#table, compactColumns);
      this.#frames.set(key, frames);
    }
    return frames;
  }
}
