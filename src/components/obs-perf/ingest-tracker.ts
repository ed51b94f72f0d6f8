import type { Store } from '../../core/store.js';
import type { AppendDetail } from '../../core/types.js';

/** Members of `<obs-stream>` that the tracker reads. */
export interface StreamSource extends HTMLElement {
  readonly store: Store;
  readonly receivedCount: number;
  readonly invalidCount: number;
  readonly droppedCount: number;
  readonly queuedCount: number;
}

/** Counters of one stream; `received` and `dropped` count from when tracking began. */
export interface IngestCounts {
  received: number;
  /** Points received and still queued for the store. */
  backlog: number;
  /** Duplicates the store dropped plus points the stream's queue dropped when it outgrew the store. */
  dropped: number;
  /** Invalid points and messages since the stream was created. */
  invalid: number;
}

/**
 * Counts what one stream received and what reached its store, from the
 * stream's running counters and the duplicates of the store's `append` events.
 * The stream counts its own queue drops, because a stream may append in
 * several batches per frame and the counters alone cannot tell a later batch
 * from a lost one.
 */
export class IngestTracker {
  readonly stream: StreamSource;
  #store: Store | null = null;
  #receivedAtStart = 0;
  #droppedAtStart = 0;
  #duplicates = 0;
  #busyMs = 0;
  readonly #onAppend = (event: Event) => {
    const start = performance.now();
    this.#duplicates += (event as CustomEvent<AppendDetail>).detail.duplicates;
    this.#busyMs += performance.now() - start;
  };

  constructor(stream: StreamSource) {
    this.stream = stream;
    this.#attach();
  }

  /** Main-thread milliseconds spent in this tracker's event listener so far. */
  get busyMs(): number {
    return this.#busyMs;
  }

  /** Current counters; follows the stream to a new store if it has one. */
  counts(): IngestCounts {
    if (this.stream.store !== this.#store) this.#attach();
    return {
      received: this.stream.receivedCount - this.#receivedAtStart,
      backlog: this.stream.queuedCount,
      dropped: this.#duplicates + this.stream.droppedCount - this.#droppedAtStart,
      invalid: this.stream.invalidCount,
    };
  }

  stop(): void {
    this.#store?.removeEventListener('append', this.#onAppend);
    this.#store = null;
  }

  #attach(): void {
    this.stop();
    this.#store = this.stream.store ?? null;
    this.#store?.addEventListener('append', this.#onAppend);
    this.#receivedAtStart = this.stream.receivedCount;
    this.#droppedAtStart = this.stream.droppedCount;
    this.#duplicates = 0;
  }
}
