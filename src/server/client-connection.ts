import { WebSocket } from 'ws';
import type { Encoding, GapReason, HelloMessage, ServerMessage } from '../stream/protocol.js';
import {
  encodeBatch,
  MAX_POINTS_PER_MESSAGE,
  stringsMessage,
  type Frame,
} from './frame-encoder.js';
import type { PointSource, SharedBatch } from './point-source.js';

/**
 * Bytes queued for one client above which the server stops sending it data. The client then
 * catches up from the retention once its queue drains, or learns in a `gap` message which
 * points fell out of the retention meanwhile. So a client that reads slower than the feed
 * produces costs at most this much plus one batch of queued memory.
 */
export const MAX_CLIENT_BUFFERED_BYTES = 1024 * 1024;

/**
 * The bound for a binary client instead. A binary frame of 8,192 points is 327,704 bytes, so
 * 1 MiB queues only three, and a fast reader on a loaded machine often waited for the server's
 * next turn on the CPU. `bench/ingest-bench.mjs` measured about 0.5 to 0.7 million binary points
 * per second with 1 MiB and about 1 million with 4 MiB, at a load average of 6 to 10 on 2 cores.
 */
export const MAX_BINARY_CLIENT_BUFFERED_BYTES = 4 * 1024 * 1024;

/** Data messages one call of `pump()` sends before it lets other work run. */
const MAX_MESSAGES_PER_PUMP = 16;

/** Reports a range of points a client will never receive, for logs and metrics. */
export type GapListener = (client: ClientConnection, count: number, reason: GapReason) => void;

export interface ClientConnectionOptions {
  id: number;
  socket: WebSocket;
  remoteAddress: string;
  encoding: Encoding;
  /** True when the client reads binary frames with compact columns. */
  compactColumns?: boolean;
  source: PointSource;
  /** Sequence number after which this client's data starts. */
  startAfter: number;
  /** True when the first catch-up was asked for by a resume; its gap then counts as retention. */
  onGap?: GapListener;
}

/**
 * One WebSocket client and its position in the stream. Data goes out in sequence order: live
 * batches while the client keeps up, and reads from the point source while it catches up
 * after a resume or after its queue filled.
 */
export class ClientConnection {
  readonly id: number;
  readonly remoteAddress: string;
  readonly encoding: Encoding;
  readonly compactColumns: boolean;
  /** True once the client may run commands. */
  control = false;
  /** Epoch milliseconds of the last message or pong from the client. */
  lastActivityAt = Date.now();
  readonly #socket: WebSocket;
  readonly #source: PointSource;
  readonly #onGap: GapListener | undefined;
  #nextSeq: number;
  #sentStrings = 0;
  #sentPoints = 0;
  #lostPoints = 0;
  #lagging = false;
  #pumpQueued = false;
  /** Bytes queued for this client above which it gets no more data until half drains. */
  readonly #maxBuffered: number;

  constructor(options: ClientConnectionOptions) {
    this.id = options.id;
    this.#socket = options.socket;
    this.remoteAddress = options.remoteAddress;
    this.encoding = options.encoding;
    this.compactColumns = options.compactColumns === true;
    this.#source = options.source;
    this.#nextSeq = options.startAfter + 1;
    this.#onGap = options.onGap;
    this.#maxBuffered =
      options.encoding === 'binary' ? MAX_BINARY_CLIENT_BUFFERED_BYTES : MAX_CLIENT_BUFFERED_BYTES;
  }

  get isOpen(): boolean {
    return this.#socket.readyState === WebSocket.OPEN;
  }

  /** Bytes queued for this client and not yet handed to the operating system. */
  get bufferedAmount(): number {
    return this.#socket.bufferedAmount;
  }

  /** Points sent on this connection so far. */
  get sentPoints(): number {
    return this.#sentPoints;
  }

  /** Points this client will never receive, counted in its `gap` messages. */
  get lostPoints(): number {
    return this.#lostPoints;
  }

  /** Sequence number of the last point sent or announced as lost. */
  get lastSeq(): number {
    return this.#nextSeq - 1;
  }

  sendHello(hello: Omit<HelloMessage, 'type'>): void {
    this.#send({ type: 'hello', ...hello });
  }

  /** Sends a live batch when the client is up to date; otherwise lets it catch up in order. */
  deliver(shared: SharedBatch): void {
    if (!this.isOpen) return;
    if (shared.from === this.#nextSeq && !this.#lagging) {
      this.#sendFrames(shared.frames(this.encoding, this.compactColumns), shared.batch.count);
      // A batch larger than the queue's room is sent in part; the rest comes from the source.
      if (this.#nextSeq <= shared.batch.seq) this.#lagging = true;
      return;
    }
    this.pump();
  }

  /** Sends what the client has not received yet, until its queue reaches the bound. */
  pump(): void {
    const source = this.#source;
    let messages = 0;
    while (this.isOpen && this.#nextSeq <= source.lastSeq) {
      if (this.bufferedAmount >= this.#maxBuffered) {
        this.#lagging = true;
        return;
      }
      // A fast reader drains the socket as quickly as this loop fills it, so the loop must
      // yield now and then, or a looped replay would keep the server from everything else.
      if (messages++ >= MAX_MESSAGES_PER_PUMP) {
        this.#lagging = true;
        this.#queuePump();
        return;
      }
      if (this.#nextSeq < source.firstSeq) {
        this.#sendGap(source.firstSeq - 1, this.#lagging ? 'backpressure' : 'retention');
        continue;
      }
      const batch = source.read(this.#nextSeq, MAX_POINTS_PER_MESSAGE[this.encoding]);
      this.#sendFrames(
        encodeBatch(batch, this.encoding, source.table, this.compactColumns),
        batch.count,
      );
      if (batch.count === 0) break;
    }
    this.#lagging = false;
  }

  sendHeartbeat(): void {
    this.#send({ type: 'heartbeat', time: Date.now(), seq: this.lastSeq });
  }

  sendEnd(total: number): void {
    this.#send({ type: 'end', seq: this.lastSeq, total });
  }

  sendError(code: string, message: string, id?: string | number): void {
    this.#send(
      id === undefined ? { type: 'error', code, message } : { type: 'error', code, message, id },
    );
  }

  sendAck(id: string | number): void {
    this.#send({ type: 'ack', id });
  }

  close(code: number, reason: string): void {
    this.#socket.close(code, reason);
  }

  #sendGap(to: number, reason: GapReason): void {
    const from = this.#nextSeq;
    const count = to - from + 1;
    this.#nextSeq = to + 1;
    this.#lostPoints += count;
    this.#send({ type: 'gap', from, to, count, reason });
    this.#onGap?.(this, count, reason);
  }

  /**
   * Sends the frames of a batch of `count` points in order until the queue reaches its bound.
   * Every frame but the last contains MAX_POINTS_PER_MESSAGE points, so the points sent are known.
   */
  #sendFrames(frames: Frame[], count: number): void {
    const table = this.#source.table;
    if (this.encoding !== 'json' && this.#sentStrings < table.length) {
      this.#socket.send(stringsMessage(table, this.#sentStrings));
      this.#sentStrings = table.length;
    }
    const perFrame = MAX_POINTS_PER_MESSAGE[this.encoding];
    let left = count;
    for (const frame of frames) {
      if (this.bufferedAmount >= this.#maxBuffered) break;
      const points = Math.min(perFrame, left);
      this.#socket.send(frame, this.#onWritten);
      this.#nextSeq += points;
      this.#sentPoints += points;
      left -= points;
    }
  }

  // Resumes a lagging client once the operating system has taken half of its queue.
  readonly #onWritten = (): void => {
    if (!this.#lagging || this.bufferedAmount > this.#maxBuffered / 2) return;
    this.#queuePump();
  };

  #queuePump(): void {
    if (this.#pumpQueued) return;
    this.#pumpQueued = true;
    setImmediate(() => {
      this.#pumpQueued = false;
      this.pump();
    });
  }

  #send(message: ServerMessage): void {
    if (this.isOpen) this.#socket.send(JSON.stringify(message));
  }
}
