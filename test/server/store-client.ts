import { WebSocket } from 'ws';
import { validatePoints } from '../../src/core/point-schema.js';
import { Store } from '../../src/core/store.js';
import type { Encoding } from '../../src/stream/protocol.js';
import type { GapInfo } from '../../src/stream/stream-reader.js';
import {
  WebSocketSource,
  type ConnectionStatus,
  type WebSocketSourceOptions,
} from '../../src/stream/websocket-source.js';

/**
 * The client side of <obs-stream> without the element: a WebSocketSource that resumes and
 * reconnects, feeding a real Store. It records every applied sequence range, gap, close code
 * and connection time, so tests can check that every point arrived exactly once.
 */
export class StoreClient {
  readonly store = new Store({ capacity: 2_000_000 });
  readonly source: WebSocketSource;
  readonly gaps: GapInfo[] = [];
  readonly closeCodes: number[] = [];
  readonly openedAt: number[] = [];
  readonly statuses: ConnectionStatus[] = [];
  /** Epoch milliseconds at which each status was reported. */
  readonly statusTimes: number[] = [];
  /** Sequence numbers applied more than once; must stay empty. */
  readonly reapplied: number[] = [];
  invalid = 0;
  #applied = 0;

  constructor(url: string, encoding: Encoding, options: Partial<WebSocketSourceOptions> = {}) {
    this.source = new WebSocketSource({
      url,
      encoding,
      onData: (rows, seq) => {
        const { points, invalid } = validatePoints(rows, () => 'missing-id');
        this.invalid += invalid.length;
        this.#apply(seq, rows.length);
        this.store.append(points);
      },
      // Columnar and binary data take the element's path: checked and appended as columns.
      onColumns: (columns, strings, start, seq) => {
        this.#apply(seq, columns.count - start);
        this.invalid += this.store.appendColumns(columns, strings, start).invalid.length;
      },
      onGap: (gap) => this.gaps.push(gap),
      onProtocolError: () => this.invalid++,
      onStatus: (status) => {
        this.statuses.push(status);
        this.statusTimes.push(Date.now());
      },
      createSocket: (socketUrl) => this.#createSocket(socketUrl),
      ...options,
    });
  }

  get lastSeq(): number {
    return this.source.lastSeq;
  }

  get state(): ConnectionStatus['state'] {
    return this.source.status.state;
  }

  open(): void {
    this.source.open();
  }

  close(): void {
    this.source.close();
  }

  #apply(seq: number, count: number): void {
    const first = seq - count + 1;
    for (let s = first; s <= Math.min(seq, this.#applied); s++) this.reapplied.push(s);
    this.#applied = Math.max(this.#applied, seq);
  }

  #createSocket(url: string): globalThis.WebSocket {
    const socket = new WebSocket(url);
    socket.on('open', () => this.openedAt.push(Date.now()));
    socket.on('close', (code) => this.closeCodes.push(code));
    // A refused connection also emits 'error'; the source learns of it from 'close'.
    socket.on('error', () => {});
    return socket as unknown as globalThis.WebSocket;
  }
}

/** Returns the ids of the store's points, oldest first. */
export function storedIds(store: Store): string[] {
  const ids: string[] = [];
  for (let row = store.start; row < store.end; row++) ids.push(store.idAt(row));
  return ids;
}
