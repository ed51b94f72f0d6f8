import { pageQuality } from '../shared/page-quality.js';
import { renderMetrics, type TimingRecord } from '../shared/render-metrics.js';
import { IngestTracker, type StreamSource } from './ingest-tracker.js';
import type { ElementMetrics, IngestMetrics, LongTaskMetrics, PerfMetrics } from './perf-types.js';

/** `performance.memory`, which only Chromium-based browsers provide. */
interface MemoryInfo {
  usedJSHeapSize: number;
  jsHeapSizeLimit: number;
}

/** A sample without the parts the element adds: alerts and its own overhead. */
export type PerfSample = Omit<PerfMetrics, 'alerts' | 'overheadMs'>;

interface TimingTotals {
  count: number;
  totalMs: number;
}

/**
 * Takes the samples that `<obs-perf>` shows: frame rate, long tasks, heap,
 * ingest of the given streams, and the render and filter times the page's
 * elements report. Each sample covers the time since the previous one.
 */
export class PerfSampler {
  readonly #trackers = new Map<StreamSource, IngestTracker>();
  readonly #previousTimings = new WeakMap<TimingRecord, TimingTotals>();
  #observer: PerformanceObserver | null = null;
  #longTasks: LongTaskMetrics = { count: 0, totalMs: 0, maxMs: 0 };
  #lastTime = 0;
  #lastReceived = 0;
  #lastInvalid: number | null = null;
  #busyMs = 0;

  /** Whether the browser reports long tasks (Chromium does; Firefox and Safari do not). */
  static get longTasksSupported(): boolean {
    return PerformanceObserver.supportedEntryTypes?.includes('longtask') ?? false;
  }

  /**
   * Main-thread milliseconds spent so far in the sampler's observer and event
   * listeners, which run between samples; `sample()` itself is not included.
   */
  get busyMs(): number {
    let total = this.#busyMs;
    for (const tracker of this.#trackers.values()) total += tracker.busyMs;
    return total;
  }

  start(): void {
    this.#lastTime = performance.now();
    if (this.#observer !== null || !PerfSampler.longTasksSupported) return;
    this.#observer = new PerformanceObserver((list) => {
      const start = performance.now();
      for (const entry of list.getEntries()) {
        this.#longTasks.count++;
        this.#longTasks.totalMs += entry.duration;
        this.#longTasks.maxMs = Math.max(this.#longTasks.maxMs, entry.duration);
      }
      this.#busyMs += performance.now() - start;
    });
    this.#observer.observe({ type: 'longtask' });
  }

  stop(): void {
    this.#observer?.disconnect();
    this.#observer = null;
    for (const tracker of this.#trackers.values()) tracker.stop();
    this.#trackers.clear();
    this.#lastInvalid = null;
    this.#lastReceived = 0;
  }

  /** Takes one sample of `streams` and of every element that reports timings. */
  sample(streams: readonly StreamSource[]): PerfSample {
    const now = performance.now();
    const seconds = Math.max(1e-3, (now - this.#lastTime) / 1000);
    this.#lastTime = now;
    const longTasks = this.#observer === null ? null : this.#takeLongTasks();
    const hidden = document.visibilityState === 'hidden';
    return {
      time: Date.now(),
      fps: hidden ? null : pageQuality.fps,
      idle: !hidden && pageQuality.idle,
      quality: pageQuality.level,
      qualityPinned: pageQuality.pinned !== null,
      longTasks,
      heap: readHeap(),
      ingest: this.#ingest(streams, seconds),
      elements: this.#elements(seconds),
    };
  }

  #takeLongTasks(): LongTaskMetrics {
    const counted = this.#longTasks;
    this.#longTasks = { count: 0, totalMs: 0, maxMs: 0 };
    return counted;
  }

  #ingest(streams: readonly StreamSource[], seconds: number): IngestMetrics {
    for (const [stream, tracker] of this.#trackers) {
      if (!streams.includes(stream)) {
        this.#busyMs += tracker.busyMs;
        tracker.stop();
        this.#trackers.delete(stream);
      }
    }
    let received = 0;
    let backlog = 0;
    let dropped = 0;
    let invalid = 0;
    for (const stream of streams) {
      let tracker = this.#trackers.get(stream);
      if (tracker === undefined) {
        tracker = new IngestTracker(stream);
        this.#trackers.set(stream, tracker);
      }
      const counts = tracker.counts();
      received += counts.received;
      backlog += counts.backlog;
      dropped += counts.dropped;
      invalid += counts.invalid;
    }
    // A stream that left the page takes its counts along, so a rate never goes negative.
    const pointsPerSecond = Math.max(0, received - this.#lastReceived) / seconds;
    const invalidPerSecond = Math.max(0, invalid - (this.#lastInvalid ?? invalid)) / seconds;
    this.#lastReceived = received;
    this.#lastInvalid = invalid;
    return {
      streams: streams.length,
      pointsPerSecond,
      received,
      backlog,
      invalid,
      invalidPerSecond,
      dropped,
    };
  }

  #elements(seconds: number): ElementMetrics[] {
    const byElement = new Map<HTMLElement, ElementMetrics>();
    const perTag = new Map<string, number>();
    const names = new Set<string>();
    for (const record of renderMetrics.records()) {
      let metrics = byElement.get(record.element);
      if (metrics === undefined) {
        const tag = record.element.localName;
        const position = (perTag.get(tag) ?? 0) + 1;
        perTag.set(tag, position);
        metrics = {
          name: uniqueName(elementName(record.element, position), names),
          tag,
          renderMs: null,
          rendersPerSecond: 0,
          renderMsPerSecond: 0,
          filterMs: null,
        };
        byElement.set(record.element, metrics);
      }
      const { count, totalMs } = this.#delta(record);
      const meanMs = count > 0 ? totalMs / count : null;
      if (record.kind === 'filter') {
        metrics.filterMs = meanMs;
      } else {
        metrics.renderMs = meanMs;
        metrics.rendersPerSecond = count / seconds;
        metrics.renderMsPerSecond = totalMs / seconds;
      }
    }
    return [...byElement.values()];
  }

  #delta(record: TimingRecord): TimingTotals {
    const previous = this.#previousTimings.get(record) ?? { count: 0, totalMs: 0 };
    this.#previousTimings.set(record, { count: record.count, totalMs: record.totalMs });
    return { count: record.count - previous.count, totalMs: record.totalMs - previous.totalMs };
  }
}

function readHeap(): PerfMetrics['heap'] {
  const memory = (performance as Performance & { memory?: MemoryInfo }).memory;
  if (memory === undefined || !Number.isFinite(memory.usedJSHeapSize)) return null;
  return { usedBytes: memory.usedJSHeapSize, limitBytes: memory.jsHeapSizeLimit };
}

/** Returns `name`, or `name (2)`, `name (3)`... when it is taken, and marks the result taken. */
function uniqueName(name: string, taken: Set<string>): string {
  let unique = name;
  for (let copy = 2; taken.has(unique); copy++) unique = `${name} (${copy})`;
  taken.add(unique);
  return unique;
}

/** Names an element for the panel: `obs-chart#cpu`, `obs-chart "CPU load"`, or `obs-chart 2`. */
export function elementName(element: HTMLElement, position: number): string {
  const tag = element.localName;
  if (element.id !== '') return `${tag}#${element.id}`;
  const label = element.getAttribute('label')?.trim() || element.getAttribute('aria-label')?.trim();
  if (label) return `${tag} "${label.length > 40 ? `${label.slice(0, 39)}…` : label}"`;
  return `${tag} ${position}`;
}
