import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { warnOnce } from '../shared/dev-warnings.js';
import { pageQuality, type ObsQualityChangeDetail } from '../shared/page-quality.js';
import { parseQuality, QUALITY_SETTINGS, type QualityLevel } from '../shared/quality.js';
import type { StreamSource } from './ingest-tracker.js';
import { AlertMonitor, DEFAULT_THRESHOLDS } from './perf-alerts.js';
import { PerfSampler, type PerfSample } from './perf-sampler.js';
import { perfStyles } from './perf-styles.js';
import type { AlertThresholds, PerfAlert, PerfMetrics } from './perf-types.js';
import {
  createPageHistories,
  recordPageHistories,
  renderPerf,
  type ElementHistories,
} from './perf-view.js';
import { MetricHistory } from './metric-history.js';

export type * from './perf-types.js';
export type { ObsQualityChangeDetail } from '../shared/page-quality.js';
export type { QualityLevel } from '../shared/quality.js';

const DEFAULT_INTERVAL_MS = 1000;
const MIN_INTERVAL_MS = 250;
const MAX_INTERVAL_MS = 60_000;

/**
 * A panel that watches the dashboard it sits in. It shows frame rate, long
 * tasks, JS heap, ingest rate, backlog, invalid and dropped points, and the
 * render and filter time of every Observatory element on the page. Each has
 * a sparkline of the last 60 samples.
 *
 * It shows the page's quality level, which follows the frame rate whenever
 * an element that renders is on the page. The level drops one step after 2 s
 * under 30 fps and rises again after 3 s at 50 fps or more. The frame rate is
 * measured from the frames the elements draw, so on an idle page it shows
 * `idle`. The `quality` attribute pins the level. A panel that is `hidden`
 * or out of view keeps sampling and firing events but is not redrawn.
 *
 * @summary Frame rate, memory, ingest and render times, with alerts and quality control.
 *
 * @fires obs-perf-metrics - A sample was taken. Detail: the `PerfMetrics` also in `metrics`.
 * @fires obs-perf-alert - An alert started or ended. Detail: `{kind, active, value, threshold, message}`,
 *   `kind` one of `fps`, `heap`, `backlog`.
 * @fires obs-quality-change - The page's quality level changed. Detail: `{level, previous, reason, fps}`.
 *
 * @csspart header - The title row with the quality level and the alert badge.
 * @csspart quality - The current quality level.
 * @csspart badge - `OK`, or the number of active alerts.
 * @csspart table - The page-wide metrics.
 * @csspart metric - One row of page-wide metrics; `data-metric` names it.
 * @csspart elements - The table of per-element render and filter times.
 * @csspart element - One element's row.
 * @csspart sparkline - A metric's history.
 * @csspart alerts - The messages of the active alerts.
 *
 * @cssprop --obs-perf-font - Font shorthand of the panel.
 * @cssprop --obs-perf-color - Text color.
 * @cssprop --obs-perf-background - Background color.
 * @cssprop --obs-perf-border-color - Border color.
 * @cssprop --obs-perf-line-color - Sparkline color.
 * @cssprop --obs-perf-ok-color - Badge color without alerts.
 * @cssprop --obs-perf-warning-color - Color of the `medium` quality label.
 * @cssprop --obs-perf-alert-color - Badge, alert and `low` quality color.
 */
export class ObsPerf extends LitElement {
  static override styles = perfStyles;

  /** Pins the page's quality level to `high`, `medium` or `low`; unset or `auto` follows the frame rate. */
  @property() quality: string | null = null;

  /** Keeps every element drawing while the tab is hidden, as wall displays need. */
  @property({ type: Boolean, reflect: true, attribute: 'always-render' }) alwaysRender = false;

  /** Id of the `<obs-stream>` to measure; unset measures every `<obs-stream>` in the same root. */
  @property() stream: string | null = null;

  /** Milliseconds between samples, from 250 to 60000. */
  @property({ type: Number }) interval = DEFAULT_INTERVAL_MS;

  /** Frame rate alert: frames per second under which, for 2 s, the alert starts. */
  @property({ type: Number, attribute: 'min-fps' }) minFps = DEFAULT_THRESHOLDS.minFps;

  /** Heap alert: megabytes of JS heap above which the alert starts. */
  @property({ type: Number, attribute: 'max-heap-mb' }) maxHeapMb = DEFAULT_THRESHOLDS.maxHeapMb;

  /** Backlog alert: points waiting for the store above which, while growing, the alert starts. */
  @property({ type: Number, attribute: 'max-backlog' }) maxBacklog = DEFAULT_THRESHOLDS.maxBacklog;

  /** Forces the `light` or `dark` palette; unset follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme: 'light' | 'dark' | null = null;

  readonly #sampler = new PerfSampler();
  readonly #alerts = new AlertMonitor();
  readonly #page = createPageHistories();
  readonly #elements = new Map<string, ElementHistories>();
  #metrics: PerfMetrics | null = null;
  #timer: ReturnType<typeof setInterval> | undefined;
  #releaseWatch: (() => void) | null = null;
  #lastSampleAt = 0;
  #selfMs = 0;
  /** Busy times of the sampler's listeners and of the frame-rate measurement at the last sample. */
  #listenerMs = 0;
  readonly #onQuality = (event: Event) =>
    this.#qualityChanged(event as CustomEvent<ObsQualityChangeDetail>);
  readonly #onVisibility = () => {
    if (document.visibilityState === 'visible') this.requestUpdate();
  };
  /** Whether any part of the panel is in the viewport. A `hidden` panel never is. */
  #onScreen = true;
  #screenObserver: IntersectionObserver | null = null;

  /** The latest sample, or null before the first. */
  get metrics(): PerfMetrics | null {
    return this.#metrics;
  }

  /** The quality level the page's elements follow; also reflected to the `level` attribute. */
  get level(): QualityLevel {
    return pageQuality.level;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#releaseWatch = pageQuality.watch();
    pageQuality.addEventListener('change', this.#onQuality);
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#applyPolicy();
    this.#sampler.start();
    this.#lastSampleAt = performance.now();
    this.#listenerMs = this.#sampler.busyMs + pageQuality.measureMs;
    this.#restartTimer();
    this.setAttribute('level', pageQuality.level);
    this.#observeScreen();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#screenObserver?.disconnect();
    this.#screenObserver = null;
    this.#sampler.stop();
    this.#alerts.clear();
    pageQuality.removeEventListener('change', this.#onQuality);
    document.removeEventListener('visibilitychange', this.#onVisibility);
    pageQuality.pin(null, this);
    pageQuality.setAlwaysRender(false, this);
    this.#releaseWatch?.();
    this.#releaseWatch = null;
  }

  /** Takes a sample now, updates the panel and fires `obs-perf-metrics`; the timer calls it too. */
  sample(): PerfMetrics {
    const start = performance.now();
    const streams = this.#findStreams();
    const sample = this.#sampler.sample(streams);
    const alerts = this.#updateAlerts(sample, start);
    const seconds = Math.max(1e-3, (start - this.#lastSampleAt) / 1000);
    this.#lastSampleAt = start;
    const listenerMs = this.#sampler.busyMs + pageQuality.measureMs;
    const overheadMs = (this.#selfMs + listenerMs - this.#listenerMs) / seconds;
    this.#listenerMs = listenerMs;
    this.#selfMs = 0;
    const metrics: PerfMetrics = { ...sample, alerts, overheadMs };
    this.#metrics = metrics;
    this.#record(metrics);
    // A hidden or off-screen panel is not redrawn, because style, layout and paint of its
    // sparklines are most of its cost on an idle page. It catches up when it comes into view.
    const visible = document.visibilityState !== 'hidden' || this.alwaysRender;
    if (visible && this.#onScreen) this.requestUpdate();
    this.#selfMs += performance.now() - start;
    this.#fire('obs-perf-metrics', metrics);
    return metrics;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('quality') || changed.has('alwaysRender')) this.#applyPolicy();
    if (changed.has('interval') && this.isConnected) this.#restartTimer();
  }

  protected override update(changed: PropertyValues<this>): void {
    const start = performance.now();
    super.update(changed);
    this.#selfMs += performance.now() - start;
  }

  protected override render() {
    return renderPerf({
      metrics: this.#metrics,
      page: this.#page,
      elements: this.#elements,
      level: pageQuality.level,
      pinned: pageQuality.pinned !== null,
      animations: QUALITY_SETTINGS[pageQuality.level].animations,
    });
  }

  #applyPolicy(): void {
    if (!this.isConnected) return;
    const quality = this.quality?.trim().toLowerCase() ?? '';
    const level = parseQuality(quality);
    if (level === null && quality !== '' && quality !== 'auto') {
      warnOnce(
        'perf-quality',
        `<obs-perf> quality="${this.quality}" is invalid; expected high, medium, low or auto. Following the frame rate.`,
      );
    }
    pageQuality.pin(level, this);
    pageQuality.setAlwaysRender(this.alwaysRender, this);
  }

  #observeScreen(): void {
    this.#onScreen = true;
    this.#screenObserver = new IntersectionObserver((entries) => {
      const onScreen = entries[entries.length - 1].isIntersecting;
      if (onScreen && !this.#onScreen) this.requestUpdate();
      this.#onScreen = onScreen;
    });
    this.#screenObserver.observe(this);
  }

  #restartTimer(): void {
    clearInterval(this.#timer);
    this.#timer = setInterval(() => this.sample(), this.#intervalMs());
  }

  #intervalMs(): number {
    const interval = this.interval;
    if (Number.isFinite(interval) && interval >= MIN_INTERVAL_MS && interval <= MAX_INTERVAL_MS) {
      return interval;
    }
    warnOnce(
      'perf-interval',
      `<obs-perf> interval must be milliseconds from ${MIN_INTERVAL_MS} to ${MAX_INTERVAL_MS}, got ${String(interval)}; using ${DEFAULT_INTERVAL_MS}.`,
    );
    return DEFAULT_INTERVAL_MS;
  }

  #findStreams(): StreamSource[] {
    const root = this.getRootNode() as Document | ShadowRoot;
    const candidates: Element[] = [];
    if (this.stream) {
      const element = root.getElementById?.(this.stream) ?? null;
      if (element !== null) candidates.push(element);
    } else {
      candidates.push(...root.querySelectorAll('obs-stream'));
    }
    return candidates.filter(isStream);
  }

  #thresholds(): AlertThresholds {
    return {
      minFps: threshold('min-fps', this.minFps, DEFAULT_THRESHOLDS.minFps),
      fpsDurationMs: DEFAULT_THRESHOLDS.fpsDurationMs,
      maxHeapMb: threshold('max-heap-mb', this.maxHeapMb, DEFAULT_THRESHOLDS.maxHeapMb),
      maxBacklog: threshold('max-backlog', this.maxBacklog, DEFAULT_THRESHOLDS.maxBacklog),
    };
  }

  /** Feeds the sample to the alerts, fires `obs-perf-alert` for each change, and returns the active ones. */
  #updateAlerts(sample: PerfSample, now: number): PerfAlert[] {
    const input = {
      time: now,
      fps: sample.fps,
      durationMs: now - this.#lastSampleAt,
      heapMb: sample.heap === null ? null : sample.heap.usedBytes / 2 ** 20,
      backlog: sample.ingest.backlog,
    };
    for (const change of this.#alerts.update(input, this.#thresholds())) {
      this.#fire('obs-perf-alert', change);
    }
    return this.#alerts.active;
  }

  #record(metrics: PerfMetrics): void {
    recordPageHistories(this.#page, metrics);
    const names = new Set<string>();
    for (const element of metrics.elements) {
      names.add(element.name);
      let histories = this.#elements.get(element.name);
      if (histories === undefined) {
        histories = { render: new MetricHistory(), filter: new MetricHistory() };
        this.#elements.set(element.name, histories);
      }
      histories.render.push(element.renderMs);
      histories.filter.push(element.filterMs);
    }
    for (const name of this.#elements.keys()) {
      if (!names.has(name)) this.#elements.delete(name);
    }
  }

  #qualityChanged(event: CustomEvent<ObsQualityChangeDetail>): void {
    this.setAttribute('level', event.detail.level);
    if (this.#metrics !== null) {
      this.#metrics = {
        ...this.#metrics,
        quality: event.detail.level,
        qualityPinned: pageQuality.pinned !== null,
      };
    }
    this.requestUpdate();
    this.#fire('obs-quality-change', { ...event.detail });
  }

  #fire(type: 'obs-perf-metrics', detail: PerfMetrics): void;
  #fire(type: 'obs-perf-alert', detail: PerfAlert): void;
  #fire(type: 'obs-quality-change', detail: ObsQualityChangeDetail): void;
  #fire(type: string, detail: object): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

function isStream(element: Element): element is StreamSource {
  const candidate = element as Partial<StreamSource>;
  return (
    element.localName.endsWith('-stream') &&
    candidate.store !== undefined &&
    typeof candidate.receivedCount === 'number'
  );
}

/** Returns `value` when it is a finite number of 0 or more; otherwise warns once and returns `fallback`. */
function threshold(attribute: string, value: unknown, fallback: number): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  warnOnce(
    `perf-${attribute}`,
    `<obs-perf> ${attribute} must be a number of 0 or more, got ${String(value)}; using ${fallback}.`,
  );
  return fallback;
}
