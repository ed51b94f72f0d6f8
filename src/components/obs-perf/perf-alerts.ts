import type { AlertKind, AlertThresholds, PerfAlert } from './perf-types.js';

export const DEFAULT_THRESHOLDS: Readonly<AlertThresholds> = {
  minFps: 30,
  fpsDurationMs: 2000,
  maxHeapMb: 1024,
  maxBacklog: 5000,
};

/** Consecutive samples in which the backlog must grow before it counts as growing. */
const BACKLOG_GROWTH_SAMPLES = 3;

/** The heap alert ends below this share of its threshold, so a heap near it does not flap. */
const HEAP_CLEAR_RATIO = 0.9;

/** Measurements of one sample that the alerts read. */
export interface AlertInput {
  /** End of the sample, in milliseconds on any steady clock. */
  time: number;
  /** Frames per second over the sample, or null when unknown (hidden tab). */
  fps: number | null;
  /** Length of the sample in milliseconds. */
  durationMs: number;
  /** Used heap in megabytes, or null when the browser does not report it. */
  heapMb: number | null;
  /** Points received but not yet in the store. */
  backlog: number;
}

/**
 * Starts and ends alerts from successive samples. It is pure, so tests feed
 * it samples: the frame-rate alert starts after the rate stays under
 * `minFps` for `fpsDurationMs`, the heap alert when the heap passes
 * `maxHeapMb`, and the backlog alert when the backlog passes `maxBacklog`
 * while it has grown in each of the last three samples.
 */
export class AlertMonitor {
  readonly #active = new Map<AlertKind, PerfAlert>();
  #fpsLowSince: number | null = null;
  #backlogs: number[] = [];

  /** The active alerts, with the values of the latest sample. */
  get active(): PerfAlert[] {
    return [...this.#active.values()];
  }

  /** Feeds one sample and returns the alerts that started or ended with it. */
  update(input: AlertInput, thresholds: AlertThresholds): PerfAlert[] {
    const changes: PerfAlert[] = [];
    const record = (change: PerfAlert | null) => {
      if (change !== null) changes.push(change);
    };
    record(this.#checkFps(input, thresholds));
    record(this.#checkHeap(input, thresholds));
    record(this.#checkBacklog(input, thresholds));
    return changes;
  }

  /** Ends every alert without reporting, for example when monitoring stops. */
  clear(): void {
    this.#active.clear();
    this.#fpsLowSince = null;
    this.#backlogs = [];
  }

  #checkFps(input: AlertInput, { minFps, fpsDurationMs }: AlertThresholds): PerfAlert | null {
    const { fps } = input;
    if (fps === null || !Number.isFinite(fps)) {
      this.#fpsLowSince = null;
      return null;
    }
    const low = fps < minFps;
    if (low) this.#fpsLowSince ??= input.time - input.durationMs;
    else this.#fpsLowSince = null;
    const held = this.#fpsLowSince !== null && input.time - this.#fpsLowSince >= fpsDurationMs;
    const seconds = Math.round(fpsDurationMs / 100) / 10;
    const message = low
      ? `Frame rate ${Math.round(fps)} fps has stayed under ${minFps} fps for ${seconds} s or more.`
      : `Frame rate is back at ${Math.round(fps)} fps.`;
    return this.#set('fps', held, fps, minFps, message);
  }

  #checkHeap(input: AlertInput, { maxHeapMb }: AlertThresholds): PerfAlert | null {
    const { heapMb } = input;
    if (heapMb === null || !Number.isFinite(heapMb)) return null;
    const above = heapMb > maxHeapMb;
    const stillAbove = this.#active.has('heap') && heapMb >= maxHeapMb * HEAP_CLEAR_RATIO;
    const message = above
      ? `JS heap ${Math.round(heapMb)} MB is above ${maxHeapMb} MB.`
      : `JS heap is back at ${Math.round(heapMb)} MB.`;
    return this.#set('heap', above || stillAbove, heapMb, maxHeapMb, message);
  }

  #checkBacklog(input: AlertInput, { maxBacklog }: AlertThresholds): PerfAlert | null {
    const backlog = Number.isFinite(input.backlog) ? input.backlog : 0;
    this.#backlogs.push(backlog);
    if (this.#backlogs.length > BACKLOG_GROWTH_SAMPLES + 1) this.#backlogs.shift();
    const growing =
      this.#backlogs.length > BACKLOG_GROWTH_SAMPLES &&
      this.#backlogs.every((value, index) => index === 0 || value > this.#backlogs[index - 1]);
    const above = backlog > maxBacklog;
    const active = above && (growing || this.#active.has('backlog'));
    const message = above
      ? `Ingest backlog of ${backlog} points is above ${maxBacklog} and growing.`
      : `Ingest backlog is back at ${backlog} points.`;
    return this.#set('backlog', active, backlog, maxBacklog, message);
  }

  /** Makes alert `kind` active or not, with the latest value, and returns it when that changed. */
  #set(
    kind: AlertKind,
    active: boolean,
    value: number,
    threshold: number,
    message: string,
  ): PerfAlert | null {
    const alert: PerfAlert = { kind, active, value, threshold, message };
    const wasActive = this.#active.has(kind);
    if (active) {
      this.#active.set(kind, alert);
      return wasActive ? null : alert;
    }
    if (!wasActive) return null;
    this.#active.delete(kind);
    return alert;
  }
}
