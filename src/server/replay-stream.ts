import { allocateFrameBatch, type ColumnBatch } from '../stream/binary-frame.js';
import type { ClientConnection } from './client-connection.js';
import type { PointSource } from './point-source.js';
import type { ReplayPlan } from './replay-files.js';

/** How often a replay checks for due points and for its end, in milliseconds. */
export const REPLAY_TICK_MS = 50;

export interface ReplayOptions {
  plan: ReplayPlan;
  /** Multiple of real time, or 'max' to send as fast as the client reads. */
  speed: number | 'max';
  /** Start again after the last point, with later timestamps and new ids. */
  loop: boolean;
}

/**
 * Returns the time between loops of a replay. Point `i` of loop `k` (both from 0) has sequence
 * number `k * count + i + 1` and its timestamp moves by `k * period`. Its id changes so every
 * loop has ids of its own: a number that ends the id grows by `k * step` (see `idSteps`), and
 * an id without one gets `@loop<k>` appended.
 * NOTE: an id of the file that already ends in `@loop<k>`, such as `x@loop1`, meets the id that
 * loop `k` makes of `x`, and the store drops the later one as a duplicate.
 */
function loopPeriod(plan: ReplayPlan): number {
  const times = plan.columns.timestamp;
  const span = times[plan.count - 1] - times[0];
  // One mean step after the last point, so the next loop does not start on the same instant.
  const step = plan.count > 1 ? span / (plan.count - 1) : 1000;
  return span + (step > 0 ? step : 1000);
}

/**
 * Returns, by id prefix code, how much a loop adds to the numbers that end the ids: the point
 * count, or more when the numbers of one prefix span more than it. The numbers of a prefix in
 * loop `k` then lie above those of loop `k - 1`, so two loops never make the same id.
 */
function idSteps(plan: ReplayPlan): Map<number, number> {
  const ranges = new Map<number, [number, number]>();
  const { idNumber, idPrefix } = plan.columns;
  for (let i = 0; i < plan.count; i++) {
    const number = idNumber[i];
    if (Number.isNaN(number)) continue;
    const range = ranges.get(idPrefix[i]);
    if (range === undefined) ranges.set(idPrefix[i], [number, number]);
    else {
      range[0] = Math.min(range[0], number);
      range[1] = Math.max(range[1], number);
    }
  }
  const steps = new Map<number, number>();
  for (const [prefix, [min, max]] of ranges) steps.set(prefix, Math.max(plan.count, max - min + 1));
  return steps;
}

/** Returns how many points of one pass have timestamps at or before `time`. */
function countUntil(times: Float64Array, count: number, time: number): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (times[middle] <= time) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * One client's view of a replay. With a numeric speed a point becomes readable once
 * `(timestamp - first timestamp) / speed` milliseconds have passed since the replay started at
 * this client's first point. With 'max' every point is readable at once.
 */
export class ReplayCursor implements PointSource {
  readonly #plan: ReplayPlan;
  readonly #options: ReplayOptions;
  readonly #period: number;
  readonly #startedAt: number;
  readonly #startPlayTime: number;
  /** Codes of `<prefix>@loop` by the code of the prefix, for ids without a number. */
  readonly #loopPrefixes = new Map<number, number>();
  /** Amount each loop adds to the id numbers of a prefix, by prefix code. */
  readonly #idSteps: Map<number, number>;

  constructor(options: ReplayOptions, startAfter: number, now = Date.now()) {
    this.#plan = options.plan;
    this.#options = options;
    this.#period = loopPeriod(options.plan);
    this.#idSteps = options.loop ? idSteps(options.plan) : new Map();
    this.#startedAt = now;
    this.#startPlayTime = this.#playTimeOf(startAfter);
  }

  get table() {
    return this.#plan.table;
  }

  get firstSeq(): number {
    return 1;
  }

  /** Number of points in all when the replay does not loop. */
  get total(): number | undefined {
    return this.#options.loop ? undefined : this.#plan.count;
  }

  get lastSeq(): number {
    const { count } = this.#plan;
    const { speed, loop } = this.#options;
    if (speed === 'max') return loop ? Number.MAX_SAFE_INTEGER : count;
    const playTime = this.#startPlayTime + (Date.now() - this.#startedAt) * speed;
    const loops = Math.floor(playTime / this.#period);
    const times = this.#plan.columns.timestamp;
    const within = countUntil(times, count, times[0] + playTime - loops * this.#period);
    const due = loops * count + within;
    return loop ? due : Math.min(count, due);
  }

  /**
   * Copies the points in runs that each lie within one pass of the file, column by column, into
   * a batch laid out as a binary frame, so a binary client's frame needs no second copy.
   */
  read(from: number, max: number): ColumnBatch {
    const { count } = this.#plan;
    const size = Math.max(0, Math.min(max, this.lastSeq - from + 1));
    const batch = allocateFrameBatch(size);
    batch.seq = from + size - 1;
    let at = 0;
    while (at < size) {
      const seq = from + at;
      const loop = Math.floor((seq - 1) / count);
      const index = (seq - 1) % count;
      const run = Math.min(size - at, count - index);
      this.#copyRun(batch, at, index, run, loop);
      at += run;
    }
    return batch;
  }

  /** Copies `run` points of the file from `index` on, as they read in pass `loop`, to `at`. */
  #copyRun(batch: ColumnBatch, at: number, index: number, run: number, loop: number): void {
    const { columns } = this.#plan;
    const end = index + run;
    batch.value.set(columns.value.subarray(index, end), at);
    batch.category.set(columns.category.subarray(index, end), at);
    batch.source.set(columns.source.subarray(index, end), at);
    batch.metadata.set(columns.metadata.subarray(index, end), at);
    if (loop === 0) {
      batch.timestamp.set(columns.timestamp.subarray(index, end), at);
      batch.idNumber.set(columns.idNumber.subarray(index, end), at);
      batch.idPrefix.set(columns.idPrefix.subarray(index, end), at);
      return;
    }
    const shift = loop * this.#period;
    let lastPrefix = -1;
    let idShift = 0;
    for (let i = 0; i < run; i++) {
      const k = index + i;
      batch.timestamp[at + i] = columns.timestamp[k] + shift;
      const prefix = columns.idPrefix[k];
      const number = columns.idNumber[k];
      if (Number.isNaN(number)) {
        batch.idNumber[at + i] = loop;
        batch.idPrefix[at + i] = this.#loopPrefix(prefix);
        continue;
      }
      // Runs of one prefix are common, so the step is looked up when the prefix changes.
      if (prefix !== lastPrefix) {
        lastPrefix = prefix;
        idShift = loop * this.#step(prefix);
      }
      batch.idNumber[at + i] = number + idShift;
      batch.idPrefix[at + i] = prefix;
    }
  }

  #step(prefix: number): number {
    return this.#idSteps.get(prefix) ?? this.#plan.count;
  }

  #loopPrefix(code: number): number {
    let loopCode = this.#loopPrefixes.get(code);
    if (loopCode === undefined) {
      loopCode = this.table.code(`${this.table.at(code)}@loop`);
      this.#loopPrefixes.set(code, loopCode);
    }
    return loopCode;
  }

  /** Returns the play time, in milliseconds after the first timestamp, of the point after `seq`. */
  #playTimeOf(seq: number): number {
    if (seq <= 0) return 0;
    const { count, columns } = this.#plan;
    const loop = Math.floor(seq / count);
    const index = seq % count;
    const times = columns.timestamp;
    // The previous point's time, so the point after `seq` is the next one due.
    const time = index === 0 ? times[count - 1] - this.#period : times[index - 1];
    return loop * this.#period + time - times[0];
  }
}

/**
 * Drives one client's replay: pumps due points every tick and, unless the replay loops, sends
 * `end` with the total once the client has every point.
 */
export class ReplayPlayer {
  readonly #client: ClientConnection;
  readonly #cursor: ReplayCursor;
  readonly #onEnd: () => void;
  #timer: NodeJS.Timeout | undefined;

  constructor(client: ClientConnection, cursor: ReplayCursor, onEnd: () => void) {
    this.#client = client;
    this.#cursor = cursor;
    this.#onEnd = onEnd;
  }

  start(): void {
    this.#tick();
    if (this.#timer === undefined && !this.#finished()) {
      this.#timer = setInterval(() => this.#tick(), REPLAY_TICK_MS);
    }
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #finished(): boolean {
    const total = this.#cursor.total;
    return total !== undefined && this.#client.lastSeq >= total;
  }

  #tick(): void {
    this.#client.pump();
    const total = this.#cursor.total;
    if (total === undefined || !this.#finished()) return;
    this.stop();
    this.#client.sendEnd(total);
    this.#onEnd();
  }
}
