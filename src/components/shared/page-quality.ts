import { FrameRateMeter, type FrameRateSample } from './frame-rate.js';
import {
  DEFAULT_GOVERNOR_OPTIONS,
  QualityGovernor,
  type GovernorChange,
} from './quality-governor.js';
import type { QualityLevel } from './quality.js';

/** Pause between frame-rate measurements while the page runs at a healthy frame rate. */
const METER_REST_MS = 2000;

/** Detail of a quality change: the new level, the one before, and why it changed. */
export interface QualityChangeDetail {
  level: QualityLevel;
  previous: QualityLevel;
  reason: GovernorChange['reason'] | 'pinned' | 'unpinned';
  /** Frame rate of the last sample when the change happened, or null before the first. */
  fps: number | null;
}

/**
 * The page-wide quality level that every Observatory element follows, and the
 * page-wide rendering policy for background tabs.
 *
 * The level changes automatically only while something watches the frame
 * rate through `watch()`, as `<obs-perf>` does. Without a watcher the level
 * stays at `high` and no frame loop runs. A pin fixes the level whatever the frame rate.
 *
 * Events: `change` (CustomEvent<QualityChangeDetail>) when the level changes,
 * `sample` (CustomEvent<FrameRateSample>) after each frame-rate sample, and
 * `policy` (Event) when `alwaysRender` changes.
 */
export class PageQuality extends EventTarget {
  readonly #governor = new QualityGovernor();
  // A healthy page is measured one second in three, so the measurement forces few frames.
  // A slow page is measured without pause.
  readonly #meter = new FrameRateMeter((sample) => this.#onSample(sample), {
    restAboveFps: DEFAULT_GOVERNOR_OPTIONS.recoverAtFps,
    restMs: METER_REST_MS,
  });
  #watchers = 0;
  #pin: { level: QualityLevel; owner: object } | null = null;
  #alwaysRender = new Set<object>();
  #fps: number | null = null;

  /** The level elements follow: the pinned level, or the automatic one. */
  get level(): QualityLevel {
    return this.#pin?.level ?? this.#governor.level;
  }

  /** The pinned level, or null when the level is automatic. */
  get pinned(): QualityLevel | null {
    return this.#pin?.level ?? null;
  }

  /** Frame rate of the last sample, or null while nothing watches or before the first sample. */
  get fps(): number | null {
    return this.#fps;
  }

  /** Main-thread milliseconds the frame-rate measurement has taken so far. */
  get measureMs(): number {
    return this.#meter.busyMs;
  }

  /** Whether elements keep drawing in a hidden tab, as wall displays need. */
  get alwaysRender(): boolean {
    return this.#alwaysRender.size > 0;
  }

  /**
   * Starts measuring the frame rate and adjusting the level. Returns the
   * function that stops this watch; the loop runs while any watch is active.
   */
  watch(): () => void {
    this.#watchers++;
    this.#meter.start();
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      this.#watchers--;
      if (this.#watchers > 0) return;
      this.#meter.stop();
      this.#fps = null;
      this.#governor.interrupt();
    };
  }

  /**
   * Fixes the level for `owner` (an element, say), or removes the pin when
   * `level` is null. Only the owner of the current pin can remove it, so one
   * element leaving the page does not undo another's pin. A removed pin
   * returns to `high` and lets the frame rate lower it again.
   */
  pin(level: QualityLevel | null, owner: object): void {
    const previous = this.level;
    if (level === null) {
      if (this.#pin?.owner !== owner) return;
      this.#pin = null;
      this.#governor.reset('high');
      this.#emitChange(previous, 'unpinned');
      return;
    }
    this.#pin = { level, owner };
    this.#emitChange(previous, 'pinned');
  }

  /** Turns the always-render policy on or off for `owner`. It stays on while any owner wants it. */
  setAlwaysRender(enabled: boolean, owner: object): void {
    const before = this.alwaysRender;
    if (enabled) this.#alwaysRender.add(owner);
    else this.#alwaysRender.delete(owner);
    if (before !== this.alwaysRender) this.dispatchEvent(new Event('policy'));
  }

  #onSample(sample: FrameRateSample): void {
    this.#fps = sample.fps;
    this.dispatchEvent(new CustomEvent<FrameRateSample>('sample', { detail: sample }));
    const previous = this.level;
    const change = this.#governor.sample(sample.fps, sample.time, sample.durationMs);
    if (change !== null && this.#pin === null) this.#emitChange(previous, change.reason);
  }

  #emitChange(previous: QualityLevel, reason: QualityChangeDetail['reason']): void {
    const level = this.level;
    if (level === previous) return;
    const detail: QualityChangeDetail = { level, previous, reason, fps: this.#fps };
    this.dispatchEvent(new CustomEvent<QualityChangeDetail>('change', { detail }));
  }
}

/** The one quality state of the page. */
export const pageQuality = new PageQuality();
