import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { pageQuality } from './page-quality.js';
import { QualityController } from './quality-controller.js';
import { RenderBoundary } from './render-boundary.js';
import { renderMetrics, TimingRecord } from './render-metrics.js';

/** Element members the controller needs; LitElement provides them. */
export interface RenderHost extends ReactiveControllerHost, HTMLElement {
  readonly isUpdatePending: boolean;
}

/** Milliseconds between draws of an always-render element while its tab is hidden. */
const HIDDEN_DRAW_INTERVAL_MS = 1000;

/**
 * The rendering policy of one element in one controller. It follows the
 * page's quality level, and it skips drawing in a hidden tab, then draws one
 * catch-up frame when the tab is visible again. It reports render and filter
 * times to `<obs-perf>` and contains errors thrown while rendering. While the
 * element is connected, the page's level follows the frame rate, measured from
 * the frames this element and others draw.
 *
 * The element gives it `paint`, which draws from the current state, builds
 * its template through `render()` and adds `renderErrorStyles` to its
 * styles. A canvas element calls `draw()` wherever it used to call `paint`.
 * An element whose own scheduling already suits it, such as a grid synced by
 * its store controller, wraps that work in `measure()` instead; the
 * controller still calls `paint` after a quality change, after a retry and
 * on the always-render timer.
 */
export class RenderController implements ReactiveController {
  /** The element's quality level and hidden-tab policy. */
  readonly quality: QualityController;
  /** The element's error state. */
  readonly boundary: RenderBoundary;
  readonly #host: RenderHost;
  readonly #paint: () => void;
  readonly #renderTiming: TimingRecord;
  #filterTiming: TimingRecord | null = null;
  #connected = false;
  #lastDraw = -Infinity;
  #deferred: ReturnType<typeof setTimeout> | undefined;
  #hiddenTimer: ReturnType<typeof setInterval> | undefined;
  /** Whether a draw was skipped in a hidden tab, so visibility needs a catch-up frame. */
  #missed = false;
  #updateStart = 0;
  #releaseWatch: (() => void) | null = null;
  /** Render work measured while an update was pending; it counts as part of that update. */
  #pendingMs = 0;
  readonly #onVisibility = () => this.#visibilityChanged();

  constructor(host: RenderHost, paint: () => void) {
    this.#host = host;
    this.#paint = paint;
    this.#renderTiming = new TimingRecord(host, 'render');
    this.quality = new QualityController(host, () => this.#policyChanged());
    this.boundary = new RenderBoundary(host, () => this.draw());
    host.addController(this);
  }

  /**
   * Calls `paint` now, later, or not at all. It skips `paint` while a failure
   * is shown, and in a hidden tab unless the element always renders. Within
   * the quality level's update interval after the previous draw, a timer
   * draws once the interval has passed.
   */
  draw(): void {
    if (this.boundary.failed) return;
    if (document.visibilityState === 'hidden' && !this.quality.alwaysRender) {
      this.#missed = true;
      return;
    }
    const now = performance.now();
    const wait = this.#lastDraw + this.quality.settings.updateIntervalMs - now;
    if (wait > 0) {
      this.#deferred ??= setTimeout(() => {
        this.#deferred = undefined;
        this.draw();
      }, wait);
      return;
    }
    this.#cancelDeferred();
    this.#missed = false;
    this.#lastDraw = now;
    this.boundary.run('draw', () => this.measure(this.#paint));
  }

  /**
   * Runs `work`, such as syncing rows with the store, and reports its
   * duration as render time. Work followed by an update of the element counts
   * as part of that update, so one frame is one render.
   */
  measure<T>(work: () => T): T {
    pageQuality.noteFrame();
    const start = performance.now();
    try {
      return work();
    } finally {
      const durationMs = performance.now() - start;
      if (this.#host.isUpdatePending) this.#pendingMs += durationMs;
      else this.#renderTiming.record(durationMs);
    }
  }

  /** Builds the element's template through `content`, or its error state. */
  render(content: () => unknown): unknown {
    return this.boundary.render(content);
  }

  /** Runs `work`, such as applying a filter, and reports its duration as filter time. */
  measureFilter<T>(work: () => T): T {
    if (this.#filterTiming === null) {
      this.#filterTiming = new TimingRecord(this.#host, 'filter');
      if (this.#connected) renderMetrics.add(this.#filterTiming);
    }
    return this.#filterTiming.measure(work);
  }

  hostConnected(): void {
    this.#connected = true;
    this.#releaseWatch ??= pageQuality.watch();
    renderMetrics.add(this.#renderTiming);
    if (this.#filterTiming !== null) renderMetrics.add(this.#filterTiming);
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#updateHiddenTimer();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#releaseWatch?.();
    this.#releaseWatch = null;
    renderMetrics.delete(this.#renderTiming);
    if (this.#filterTiming !== null) renderMetrics.delete(this.#filterTiming);
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#cancelDeferred();
    clearInterval(this.#hiddenTimer);
    this.#hiddenTimer = undefined;
  }

  hostUpdate(): void {
    this.#updateStart = performance.now();
  }

  hostUpdated(): void {
    pageQuality.noteFrame();
    this.#renderTiming.record(performance.now() - this.#updateStart + this.#pendingMs);
    this.#pendingMs = 0;
  }

  #policyChanged(): void {
    this.#updateHiddenTimer();
    this.#host.requestUpdate();
    this.draw();
  }

  #visibilityChanged(): void {
    this.#updateHiddenTimer();
    if (document.visibilityState === 'hidden' || !this.#missed) return;
    // Frames queued while hidden, such as a store's, run first; draw only if none of them did.
    requestAnimationFrame(() => {
      if (this.#missed) this.draw();
    });
  }

  /** A hidden tab gets no animation frames, so an always-render element draws on a timer. */
  #updateHiddenTimer(): void {
    const needed =
      this.#connected && document.visibilityState === 'hidden' && this.quality.alwaysRender;
    if (needed && this.#hiddenTimer === undefined) {
      this.#hiddenTimer = setInterval(() => this.draw(), HIDDEN_DRAW_INTERVAL_MS);
    } else if (!needed && this.#hiddenTimer !== undefined) {
      clearInterval(this.#hiddenTimer);
      this.#hiddenTimer = undefined;
    }
  }

  #cancelDeferred(): void {
    clearTimeout(this.#deferred);
    this.#deferred = undefined;
  }
}
