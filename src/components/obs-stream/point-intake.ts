import { validatePoints } from '../../core/point-schema.js';
import type { ColumnStrings, PointColumns } from '../../core/column-append.js';
import type { Store } from '../../core/store.js';
import type { SeriesIndex } from '../../core/series-index.js';
import type { Point } from '../../core/types.js';
import type { GapInfo } from '../../stream/stream-reader.js';
import {
  MAX_INVALID_SAMPLES,
  type ObsGapDetail,
  type ObsInvalidDataDetail,
  type InvalidSample,
} from './events.js';
import { explainReason } from './reasons.js';
import { DEV_BUILD, warnOnce } from '../shared/dev-warnings.js';

/**
 * A page in a background tab gets no animation frames, so buffered points are
 * also flushed by a timer after this many milliseconds.
 */
const FLUSH_TIMEOUT_MS = 500;
/**
 * Milliseconds after a series' newest point at which its gap marker sits. One microsecond
 * keeps the marker before any later point at rates up to a million points per second per series.
 */
const GAP_MARKER_OFFSET_MS = 0.001;
/**
 * One gap appends at most the larger of these numbers of markers, so a store holding thousands
 * of series keeps its real points across repeated gaps. 16 marks all 15 series of the built-in
 * generator (5 metrics on 3 sources).
 */
const MIN_GAP_MARKERS = 16;
const GAP_MARKERS_CAPACITY_SHARE = 0.01;
/**
 * Epoch milliseconds from 1970-01-12 to 1973-03-03. Seconds from 2001 to 5138 fall here when
 * read as milliseconds, and real-time data from 1970 to 1973 is unlikely.
 */
const SECONDS_AS_MS_MIN = 1e9;
const SECONDS_AS_MS_MAX = 1e11;

/** Warns once when the newest point of `store` has a timestamp that looks like seconds. */
function warnIfSeconds(store: Store): void {
  if (!DEV_BUILD || store.size === 0) return;
  const time = store.timeAt(store.end - 1);
  if (time < SECONDS_AS_MS_MIN || time >= SECONDS_AS_MS_MAX) return;
  warnOnce(
    'stream-seconds',
    `<obs-stream> received timestamp ${time}, which as epoch milliseconds is ` +
      `${new Date(time).toISOString()}. Timestamps are milliseconds; multiply seconds by 1000.`,
  );
}

/** Returns the maximum number of gap markers one gap appends to a store of `capacity` points. */
export function gapMarkerLimit(capacity: number): number {
  return Math.max(MIN_GAP_MARKERS, Math.floor(capacity * GAP_MARKERS_CAPACITY_SHARE));
}

/**
 * Returns at most `limit` series of `store`, those whose newest point has the latest timestamp,
 * in the store's series order. Ties keep that order too.
 */
function latestSeries(store: Store, limit: number): SeriesIndex[] {
  const all = store.series();
  if (all.length <= limit) return all;
  const newest = new Float64Array(all.length);
  for (let i = 0; i < all.length; i++) newest[i] = store.timeAt(all[i].rows.last());
  // Array.prototype.sort is stable, so series with equal newest times keep the store's order.
  const byNewest = Array.from(all.keys()).sort((a, b) => newest[b] - newest[a]);
  const chosen = byNewest.slice(0, limit).sort((a, b) => a - b);
  return chosen.map((index) => all[index]);
}

/** Result of validating and queueing one batch of points, as `injectPoints()` returns it. */
export interface IntakeResult {
  /** Valid points of this call, queued for the store. */
  accepted: number;
  /** Invalid points of this call, or 1 for input that is not an array. */
  rejected: number;
  /**
   * Valid points, of this call or queued by earlier calls and messages, that this call pushed
   * out of the queue because it held more than the store's capacity. They never reach the store
   * and also count in `droppedCount`. Points the store evicts later, on the next frame, to make
   * room for this call's points are not counted, because every full store evicts its oldest.
   */
  dropped: number;
}

/** Result of `acceptColumns`, whose rows skip the queue and so are never dropped from it. */
export type ColumnIntakeResult = Omit<IntakeResult, 'dropped'>;

let nextIntakeId = 0;

/**
 * Validates incoming points, counts rejections, and appends the valid points
 * to the store at most once per animation frame.
 */
export class PointIntake {
  readonly #store: Store;
  readonly #onInvalid: (detail: ObsInvalidDataDetail) => void;
  readonly #idPrefix = `obs-stream-${nextIntakeId++}-`;
  #pending: Point[] = [];
  #frame = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #generatedIds = 0;
  #invalidCount = 0;
  #receivedCount = 0;
  #droppedCount = 0;
  #lostCount = 0;
  #gapCount = 0;
  #lastPointAt: number | null = null;
  #spike: { until: number; multiplier: number } | undefined;

  constructor(store: Store, onInvalid: (detail: ObsInvalidDataDetail) => void) {
    this.#store = store;
    this.#onInvalid = onInvalid;
  }

  get invalidCount(): number {
    return this.#invalidCount;
  }

  get receivedCount(): number {
    return this.#receivedCount;
  }

  /** Points dropped from the queue because it outgrew the store before a flush. */
  get droppedCount(): number {
    return this.#droppedCount;
  }

  /** Points received and waiting for the next flush into the store. */
  get queuedCount(): number {
    return this.#pending.length;
  }

  get lastPointAt(): number | null {
    return this.#lastPointAt;
  }

  /** Points announced as lost in gaps whose size is known. */
  get lostCount(): number {
    return this.#lostCount;
  }

  get gapCount(): number {
    return this.#gapCount;
  }

  /**
   * Multiplies the value of every point queued in the next `durationMs` by `multiplier`.
   * Throws a RangeError unless the duration is positive and finite and the multiplier finite.
   */
  spike(durationMs: number, multiplier: number): void {
    if (!(durationMs > 0 && Number.isFinite(durationMs)) || !Number.isFinite(multiplier)) {
      throw new RangeError(
        `simulateSpike needs a positive duration in ms and a finite multiplier, got ${String(durationMs)} and ${String(multiplier)}`,
      );
    }
    this.#spike = { until: Date.now() + durationMs, multiplier };
  }

  /** Validates untrusted points; keeps the valid ones and reports the rest. */
  acceptUntrusted(input: unknown, origin: ObsInvalidDataDetail['origin']): IntakeResult {
    if (!Array.isArray(input)) {
      this.rejectMessage(
        `points must be an array, got ${input === null ? 'null' : typeof input}`,
        origin,
      );
      return { accepted: 0, rejected: 1, dropped: 0 };
    }
    const { points, invalid } = validatePoints(input, () => this.#idPrefix + this.#generatedIds++);
    const dropped = this.#queue(points);
    if (invalid.length > 0) {
      const samples = invalid.slice(0, MAX_INVALID_SAMPLES).map(({ index, reason }) => ({
        index,
        reason: explainReason(input[index], reason),
      }));
      this.#report(invalid.length, samples, origin);
    }
    return { accepted: points.length, rejected: invalid.length, dropped };
  }

  /** Queues points that need no validation, such as the generator's. */
  acceptTrusted(points: Point[]): void {
    this.#queue(points);
  }

  /**
   * Appends rows that arrived as columns at once, after the points queued before them, and
   * reports the invalid ones. The store checks the rows as it appends them, so no point
   * objects are built. Rows before `start` are skipped.
   */
  acceptColumns(columns: PointColumns, strings: ColumnStrings, start: number): ColumnIntakeResult {
    // NOTE: columns reach the store when their message arrives, not batched per animation frame
    // like points. Elements still render at most once per frame. Deferring would need proof that
    // the decoder never reuses column buffers or resets string tables in place.
    this.flush();
    const spike = this.#spike;
    const now = Date.now();
    if (spike !== undefined && now < spike.until) {
      // The columns belong to this message alone, so they can be changed in place.
      const values = columns.value;
      for (let i = start; i < columns.count; i++) values[i] *= spike.multiplier;
    }
    const { invalid } = this.#store.appendColumns(columns, strings, start);
    const accepted = columns.count - start - invalid.length;
    if (accepted > 0) {
      this.#receivedCount += accepted;
      this.#lastPointAt = now;
      warnIfSeconds(this.#store);
    }
    if (invalid.length > 0) {
      this.#report(invalid.length, invalid.slice(0, MAX_INVALID_SAMPLES), 'network');
    }
    return { accepted, rejected: invalid.length };
  }

  /**
   * Records points that will never arrive. Series get a point with a NaN value just after their
   * newest point, so charts break their lines there instead of joining across the hole. One gap
   * marks at most `gapMarkerLimit(capacity)` series, those with the latest newest points, so one
   * gap evicts at most 1% of a store of 1,600 or more points. Lines of the other series join
   * across the hole. Returns the event detail, whose `series` is the number of markers appended.
   */
  markGap(gap: GapInfo): ObsGapDetail {
    this.flush();
    this.#gapCount++;
    if (gap.count !== null) this.#lostCount += gap.count;
    const store = this.#store;
    const gapNumber = this.#gapCount;
    const marked = latestSeries(store, gapMarkerLimit(store.capacity));
    const markers: Point[] = marked.map((series, index) => ({
      id: `${this.#idPrefix}gap-${gapNumber}-${index}`,
      timestamp: store.timeAt(series.rows.last()) + GAP_MARKER_OFFSET_MS,
      value: NaN,
      category: series.category,
      source: series.source,
      metadata: { gap: gap.reason, lost: gap.count },
    }));
    if (markers.length > 0) store.append(markers);
    return { ...gap, series: markers.length, lostTotal: this.#lostCount };
  }

  /** Counts and reports a message that carried no usable points. */
  rejectMessage(reason: string, origin: ObsInvalidDataDetail['origin'] = 'network'): void {
    this.#report(1, [{ index: -1, reason }], origin);
  }

  /** Appends every buffered point now. */
  flush(): void {
    this.#cancelSchedule();
    if (this.#pending.length === 0) return;
    const points = this.#pending;
    this.#pending = [];
    // NOTE: these points passed validatePoints or came from the generator, yet Store.append
    // checks their shape again, which costs a few percent of the append time.
    this.#store.append(points);
    warnIfSeconds(this.#store);
  }

  /** Queues points and returns how many queued points it dropped to stay within the capacity. */
  #queue(points: Point[]): number {
    if (points.length === 0) return 0;
    this.#receivedCount += points.length;
    const now = Date.now();
    this.#lastPointAt = now;
    const spike = this.#spike;
    if (spike !== undefined && now < spike.until) {
      for (const point of points)
        this.#pending.push({ ...point, value: point.value * spike.multiplier });
    } else {
      for (const point of points) this.#pending.push(point);
    }
    // The store keeps only its newest `capacity` points of a batch, so a backlog need not be longer.
    const excess = Math.max(0, this.#pending.length - this.#store.capacity);
    if (excess > 0) {
      this.#pending.splice(0, excess);
      this.#droppedCount += excess;
    }
    this.#schedule();
    return excess;
  }

  #schedule(): void {
    if (this.#frame !== 0 || this.#timer !== undefined) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.flush();
    });
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.flush();
    }, FLUSH_TIMEOUT_MS);
  }

  #cancelSchedule(): void {
    if (this.#frame !== 0) cancelAnimationFrame(this.#frame);
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#frame = 0;
    this.#timer = undefined;
  }

  #report(count: number, samples: InvalidSample[], origin: ObsInvalidDataDetail['origin']): void {
    this.#invalidCount += count;
    this.#onInvalid({ count, total: this.#invalidCount, samples, origin });
  }
}
