import type { ClientConnection } from './client-connection.js';
import type { ReplayPlan } from './replay-files.js';

/** Maximum number of points in one replay data message. */
export const REPLAY_BATCH_POINTS = 1000;
/** How often a timed replay (a numeric `--speed`) checks for due points, in milliseconds. */
export const REPLAY_TICK_MS = 50;
/**
 * Bytes queued for one client above which the replay waits for the socket to drain. A slow
 * client therefore costs at most this much plus one batch of queued memory, not the whole replay.
 */
export const REPLAY_MAX_BUFFERED_BYTES = 1024 * 1024;
/** Maximum wait for a write callback before the replay checks the buffer again, in milliseconds. */
const DRAIN_RECHECK_MS = 100;

/** The part of a client connection a replay uses. */
export type ReplayClient = Pick<
  ClientConnection,
  'isOpen' | 'bufferedAmount' | 'sendPoints' | 'sendEnd'
>;

/**
 * Plays a replay plan to one client from its first point. With speed 'max' it sends batches
 * as fast as the socket drains; with a number it sends each point when
 * `(timestamp - first timestamp) / speed` milliseconds have passed. After the last point it
 * sends `end` with the number of points sent.
 */
export class ReplayStream {
  readonly #plan: ReplayPlan;
  readonly #speed: number | 'max';
  readonly #client: ReplayClient;
  readonly #onEnd: () => void;
  #index = 0;
  #startedAt = 0;
  #stopped = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(plan: ReplayPlan, speed: number | 'max', client: ReplayClient, onEnd: () => void) {
    this.#plan = plan;
    this.#speed = speed;
    this.#client = client;
    this.#onEnd = onEnd;
  }

  start(): void {
    this.#startedAt = Date.now();
    this.#pump();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #pump = (): void => {
    clearTimeout(this.#timer);
    if (this.#stopped || !this.#client.isOpen) return;
    const due = this.#dueCount();
    while (this.#index < due && this.#client.bufferedAmount < REPLAY_MAX_BUFFERED_BYTES) {
      this.#sendBatch(due);
    }
    if (this.#index >= this.#plan.json.length) {
      this.#finish();
      return;
    }
    // Either the socket is full, and the next write callback resumes the replay, or the next
    // points are not due yet. The timer covers both, in case no callback is outstanding.
    const wait = this.#index < due ? DRAIN_RECHECK_MS : REPLAY_TICK_MS;
    this.#timer = setTimeout(this.#pump, wait);
  };

  /** Returns the index one past the last point due now. */
  #dueCount(): number {
    const { times } = this.#plan;
    if (this.#speed === 'max') return times.length;
    const playedUntil = times[0] + (Date.now() - this.#startedAt) * this.#speed;
    let due = this.#index;
    while (due < times.length && times[due] <= playedUntil) due++;
    return due;
  }

  #sendBatch(due: number): void {
    const end = Math.min(due, this.#index + REPLAY_BATCH_POINTS);
    const json = `[${this.#plan.json.slice(this.#index, end).join(',')}]`;
    const count = end - this.#index;
    this.#index = end;
    this.#client.sendPoints(json, count, this.#onWritten);
  }

  #onWritten = (error?: Error | null): void => {
    // ws passes null, not undefined, when the write succeeded.
    if (error instanceof Error) {
      this.stop();
      return;
    }
    if (!this.#stopped && this.#client.bufferedAmount < REPLAY_MAX_BUFFERED_BYTES) {
      setImmediate(this.#pump);
    }
  };

  #finish(): void {
    this.stop();
    this.#client.sendEnd();
    this.#onEnd();
  }
}
