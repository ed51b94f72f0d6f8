import type { QualityLevel } from '../shared/quality.js';

/** Render and filter times of one element over the last sample interval. */
export interface ElementMetrics {
  /** Tag plus `#id`, the `label` attribute, or a position among elements of that tag. */
  name: string;
  tag: string;
  /** Mean milliseconds per render or draw, or null when it did not render. */
  renderMs: number | null;
  /** Renders and draws per second. */
  rendersPerSecond: number;
  /** Milliseconds per second spent rendering: a share of the main thread. */
  renderMsPerSecond: number;
  /** Mean milliseconds per filter application, or null when it applied none. */
  filterMs: number | null;
}

/** Points arriving in the streams on the page over the last sample interval. */
export interface IngestMetrics {
  /** Number of `<obs-stream>` elements measured. */
  streams: number;
  /** Valid points received per second. */
  pointsPerSecond: number;
  /** Valid points received since measuring began. */
  received: number;
  /**
   * Points received but not in the store: queued for the next frame, or
   * dropped because the queue outgrew the store's capacity.
   */
  backlog: number;
  /** Points and messages rejected as invalid since the streams were created. */
  invalid: number;
  /** Invalid points and messages per second. */
  invalidPerSecond: number;
  /** Points the stores dropped as duplicates since measuring began. */
  dropped: number;
}

/** Tasks that kept the main thread busy for more than 50 ms, over the last sample interval. */
export interface LongTaskMetrics {
  count: number;
  totalMs: number;
  maxMs: number;
}

/** One sample of the page's performance, as `metrics` and `obs-perf-metrics` carry it. */
export interface PerfMetrics {
  /** When the sample was taken, in epoch milliseconds. */
  time: number;
  /**
   * Frames per second while the page draws, or null before the first
   * measurement, while the page is idle and while the tab is hidden.
   */
  fps: number | null;
  /**
   * Whether the page drew no continuous frames for the last second, so it has
   * no frame rate to show. The frame rate is measured only from frames the
   * page draws anyway, and after slow frames.
   */
  idle: boolean;
  /** Quality level the elements follow. */
  quality: QualityLevel;
  /** Whether the level is pinned by a `quality` attribute rather than automatic. */
  qualityPinned: boolean;
  /** Null where the browser does not report long tasks. */
  longTasks: LongTaskMetrics | null;
  /** Used and maximum JS heap in bytes; null where the browser does not report them. */
  heap: { usedBytes: number; limitBytes: number } | null;
  ingest: IngestMetrics;
  elements: ElementMetrics[];
  /** Alerts active after this sample. */
  alerts: PerfAlert[];
  /**
   * Main-thread milliseconds per second that `<obs-perf>` spent in its own
   * code: sampling, updating its panel, and its long-task and append
   * listeners, plus the page-wide frame-rate measurement, which runs without
   * it too while elements that render are on the page. The browser's style, layout and paint of the panel
   * are not included.
   */
  overheadMs: number;
}

/** Metric an alert watches. */
export type AlertKind = 'fps' | 'heap' | 'backlog';

/** An alert as `obs-perf-alert` reports it when it starts (`active`) or ends. */
export interface PerfAlert {
  kind: AlertKind;
  active: boolean;
  /** The measured value: frames per second, heap megabytes or backlog points. */
  value: number;
  /** The threshold it crossed, in the same unit. */
  threshold: number;
  message: string;
}

/** Thresholds of the alerts. */
export interface AlertThresholds {
  /** Frames per second under which, held for `fpsDurationMs`, the frame-rate alert starts. */
  minFps: number;
  fpsDurationMs: number;
  /** Heap megabytes above which the heap alert starts. */
  maxHeapMb: number;
  /** Backlog in points above which, while it grows, the backlog alert starts. */
  maxBacklog: number;
}
