import type { Point } from '../core/types.js';
import { decodeBinaryFrame, type ColumnBatch } from './binary-frame.js';
import {
  batchFromColumnar,
  pointsFromBatch,
  StringTable,
  type RejectedPoint,
} from './column-points.js';
import { decodeServerMessage, type ProtocolError } from './decode.js';
import type {
  ColumnarDataMessage,
  DataMessage,
  GapReason,
  HelloMessage,
  ServerMessage,
} from './protocol.js';

/** Points that will never arrive. `count` is null when the server could not tell. */
export interface GapInfo {
  from: number;
  to: number;
  count: number | null;
  reason: GapReason | 'stream-changed' | 'unannounced';
}

export interface StreamReaderCallbacks {
  /** JSON rows of a `data` message, not yet validated, with the sequence number of the last. */
  onRows(rows: unknown[], seq: number): void;
  /** Points decoded from columnar or binary data, already checked, and the rejected ones. */
  onPoints(points: Point[], invalid: RejectedPoint[], seq: number): void;
  /**
   * Columnar or binary data as columns, unchecked, with the connection's string table that
   * their codes refer to. Rows before `start` were already applied. When given, it is called
   * instead of `onPoints`, so no point objects are built; `Store.appendColumns` takes the
   * arguments as they are.
   */
  onColumns?(columns: ColumnBatch, strings: StringTable, start: number, seq: number): void;
  onGap(gap: GapInfo): void;
  /** Every message other than data, strings and gap. */
  onMessage(message: ServerMessage): void;
  onProtocolError(error: ProtocolError): void;
}

/**
 * The client's protocol state. Per connection it keeps the string table and the protocol
 * version; across connections it keeps the stream id and the last applied sequence number,
 * which the next connection requests to resume after. Points whose sequence number was already
 * applied are dropped here, so a resume never applies a point twice.
 */
export class StreamReader {
  readonly #callbacks: StreamReaderCallbacks;
  #table = new StringTable();
  #protocol = 0;
  #stream: string | undefined;
  #lastSeq = 0;
  /** False until the position of this connection's data is known. */
  #anchored = true;

  constructor(callbacks: StreamReaderCallbacks) {
    this.#callbacks = callbacks;
  }

  /** Sequence number of the last point handed over, 0 before the first. */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** Id of the stream the sequence numbers belong to, once a version 2 hello arrived. */
  get stream(): string | undefined {
    return this.#stream;
  }

  /** Continues a stream another reader applied up to `seq`, so the next connection resumes it. */
  restore(stream: string, seq: number): void {
    this.#stream = stream;
    this.#lastSeq = seq;
  }

  /** Forgets the per-connection state; call before each new connection. */
  startConnection(): void {
    this.#table = new StringTable();
    this.#protocol = 0;
  }

  /** Query parameters that ask the server to resume after the last applied point. */
  resumeParameters(): Record<string, string> {
    if (this.#stream === undefined || this.#lastSeq === 0) return {};
    return { stream: this.#stream, resume: String(this.#lastSeq) };
  }

  /** Handles one frame: text, or an ArrayBuffer with the binary encoding. */
  read(frame: unknown): void {
    if (frame instanceof ArrayBuffer) {
      this.#readBinary(frame);
      return;
    }
    const result = decodeServerMessage(frame);
    if ('error' in result) {
      this.#callbacks.onProtocolError(result.error);
      return;
    }
    const { message } = result;
    switch (message.type) {
      case 'hello':
        this.#readHello(message);
        break;
      case 'data':
        if ('encoding' in message) this.#readColumnar(message);
        else this.#readRows(message);
        break;
      case 'strings': {
        const problem = this.#table.extend(message.base, message.strings);
        if (problem !== null) this.#fail('invalid-message', problem);
        break;
      }
      case 'gap':
        this.#readGap(message.from, message.to, message.count, message.reason);
        break;
      default:
        this.#callbacks.onMessage(message);
    }
  }

  #readHello(hello: HelloMessage): void {
    this.#protocol = hello.protocol;
    if (hello.protocol >= 2) {
      const changed = this.#stream !== undefined && hello.stream !== this.#stream;
      if (changed) {
        // Sequence numbers of another stream do not show what this client missed.
        this.#callbacks.onGap({ from: 0, to: 0, count: null, reason: 'stream-changed' });
      }
      if (changed || this.#lastSeq === 0) {
        // Without resumeFrom the first data message sets where this connection starts.
        this.#anchored = hello.resumeFrom !== undefined;
        this.#lastSeq = hello.resumeFrom ?? 0;
      }
      this.#stream = hello.stream;
    }
    this.#callbacks.onMessage(hello);
  }

  #readGap(from: number, to: number, count: number, reason: string): void {
    if (to <= this.#lastSeq) return;
    this.#lastSeq = to;
    this.#callbacks.onGap({ from, to, count, reason: reason as GapReason });
  }

  /**
   * Returns how many leading points of a batch ending at `seq` were already applied, after
   * recording an unannounced gap before it. Version 1 servers number messages, not points,
   * so their numbers are not checked.
   */
  #skipApplied(seq: number, count: number): number {
    if (this.#protocol < 2) return 0;
    const first = seq - count + 1;
    if (!this.#anchored) {
      this.#anchored = true;
      this.#lastSeq = first - 1;
    }
    const expected = this.#lastSeq + 1;
    if (first > expected) {
      this.#callbacks.onGap({
        from: expected,
        to: first - 1,
        count: first - expected,
        reason: 'unannounced',
      });
    }
    return Math.max(0, Math.min(count, expected - first));
  }

  #readRows(message: DataMessage): void {
    const { points, seq } = message;
    const skip = this.#skipApplied(seq, points.length);
    if (skip >= points.length && points.length > 0) return;
    if (this.#protocol >= 2) this.#lastSeq = seq;
    this.#callbacks.onRows(skip > 0 ? points.slice(skip) : points, seq);
  }

  #readColumnar(message: ColumnarDataMessage): void {
    this.#readBatch(batchFromColumnar(message));
  }

  #readBinary(buffer: ArrayBuffer): void {
    const batch = decodeBinaryFrame(buffer);
    if (typeof batch === 'string') {
      this.#fail('invalid-message', batch);
      return;
    }
    this.#readBatch(batch);
  }

  #readBatch(batch: ColumnBatch): void {
    const skip = this.#skipApplied(batch.seq, batch.count);
    if (skip >= batch.count && batch.count > 0) return;
    const { onColumns } = this.#callbacks;
    if (onColumns !== undefined) {
      if (this.#protocol >= 2) this.#lastSeq = batch.seq;
      onColumns(batch, this.#table, skip, batch.seq);
      return;
    }
    const { points, invalid } = pointsFromBatch(batch, this.#table, skip);
    if (this.#protocol >= 2) this.#lastSeq = batch.seq;
    this.#callbacks.onPoints(points, invalid, batch.seq);
  }

  #fail(kind: ProtocolError['kind'], reason: string): void {
    this.#callbacks.onProtocolError({ kind, reason });
  }
}
