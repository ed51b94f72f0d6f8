import type { Store } from '../../core/store.js';
import type { AppendDetail } from '../../core/types.js';

/** Members of `<obs-stream>` that the tracker reads. */
export interface StreamSource extends HTMLElement {
  readonly store: Store;
  readonly receivedCount: number;
  readonly invalidCount: number;
}

/** Counters of one stream; `received` and `dropped` count from when tracking began. */
export interface IngestCounts {
  received: number;
  /** Points received since the last append to the store, which are still queued. */
  backlog: number;
  /** Duplicates the store dropped plus points the stream's queue dropped when it outgrew the store. */
  dropped: number;
  /** Invalid points and messages since the stream was created. */
  invalid: number;
}

/**
 * Counts what one stream received and what reached its store, from the
 * stream's running counters and the store's `append` events.
 *
 * A stream appends everything it has queued in one batch, so at each
 * `append` event its queue is empty: points received since then are the
 * backlog, and points received before it that the batch did not hold were
 * dropped.
 */
export class IngestTracker {
  readonly stream: StreamSource;
  #store: Store | null = null;
  #receivedAtStart = 0;
  #receivedAtAppend = 0;
  #dropped = 0;
  #busyMs = 0;
  readonly #onAppend = (event: Event) => {
    const start = performance.now();
    const { added, duplicates } = (event as CustomEvent<AppendDetail>).detail;
    const received = this.stream.receivedCount;
    // Points received since the last batch that this batch did not carry. Negative when it carried
    // points queued before tracking began, or points appended by other code.
    const overflow = received - this.#receivedAtAppend - added - duplicates;
    this.#dropped += duplicates + Math.max(0, overflow);
    this.#receivedAtAppend = received;
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
    const received = this.stream.receivedCount;
    return {
      received: received - this.#receivedAtStart,
      backlog: Math.max(0, received - this.#receivedAtAppend),
      dropped: this.#dropped,
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
    this.#receivedAtAppend = this.#receivedAtStart;
    this.#dropped = 0;
  }
}
