import { FrameRateMeter, LongFrameObserver, type FrameRateSample } from './frame-rate.js';
import { QualityGovernor, type GovernorChange } from './quality-governor.js';
import type { QualityLevel } from './quality.js';

/** How long after a slow frame the frame rate is measured in every frame, drawn or not. */
const PROBE_MS = 3000;

/** Detail of a quality change: the new level, the one before, and why it changed. */
export interface ObsQualityChangeDetail {
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
 * The level changes automatically while anything watches through `watch()`:
 * every element with a render controller does while connected, and so does
 * `<obs-perf>`. The frame rate comes from the frames the elements draw
 * (they call `noteFrame()`), so an idle page runs no frame loop. A frame the
 * browser reports as slow (over 50 ms) starts a probe that measures every
 * frame for 3 s, which catches slowness that the elements do not cause. Below
 * `high` every frame is measured until the level is back at `high`, so the
 * level can recover while nothing draws. A pin fixes the level whatever the
 * frame rate.
 *
 * Events: `change` (CustomEvent<ObsQualityChangeDetail>) when the level changes,
 * `sample` (CustomEvent<FrameRateSample>) after each frame-rate sample, and
 * `policy` (Event) when `alwaysRender` changes.
 */
export class PageQuality extends EventTarget {
  readonly #governor = new QualityGovernor();
  readonly #meter = new FrameRateMeter({
    sample: (sample) => this.#onSample(sample),
    idle: () => this.#onIdle(),
  });
  readonly #longFrames = new LongFrameObserver(() => this.#onLongFrame());
  #watchers = 0;
  #pin: { level: QualityLevel; owner: object } | null = null;
  #alwaysRender = new Set<object>();
  #fps: number | null = null;
  #probeUntil = Number.NEGATIVE_INFINITY;
  #probeTimer: ReturnType<typeof setTimeout> | undefined;

  /** The level elements follow: the pinned level, or the automatic one. */
  get level(): QualityLevel {
    return this.#pin?.level ?? this.#governor.level;
  }

  /** The pinned level, or null when the level is automatic. */
  get pinned(): QualityLevel | null {
    return this.#pin?.level ?? null;
  }

  /**
   * Frame rate of the last sample, or null while nothing watches, before the
   * first sample, and while the page is idle.
   */
  get fps(): number | null {
    return this.#meter.idle ? null : this.#fps;
  }

  /**
   * Whether the page drew no continuous frames for the last second, so it has
   * no current frame rate. Always true while nothing watches.
   */
  get idle(): boolean {
    return !this.#meter.running || this.#meter.idle;
  }

  /** Main-thread milliseconds the frame-rate measurement and the slow-frame observer have taken so far. */
  get measureMs(): number {
    return this.#meter.busyMs + this.#longFrames.busyMs;
  }

  /** Whether elements keep drawing in a hidden tab, as wall displays need. */
  get alwaysRender(): boolean {
    return this.#alwaysRender.size > 0;
  }

  /**
   * Starts following the frame rate and adjusting the level. Returns the
   * function that stops this watch. Measuring goes on while any watch is
   * active.
   */
  watch(): () => void {
    this.#watchers++;
    if (this.#watchers === 1) {
      this.#meter.start();
      this.#longFrames.start();
      this.#updateForced();
    }
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      this.#watchers--;
      if (this.#watchers > 0) return;
      this.#meter.stop();
      this.#longFrames.stop();
      this.#endProbe();
      this.#fps = null;
      this.#governor.interrupt();
    };
  }

  /**
   * Records that an element drew a frame. Render controllers call it for each
   * draw and update. It costs a flag and, at the start of a stretch of
   * drawing, one frame request.
   */
  noteFrame(): void {
    this.#meter.noteActivity();
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
      this.#updateForced();
      this.#emitChange(previous, 'unpinned');
      return;
    }
    this.#pin = { level, owner };
    this.#updateForced();
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
    if (change === null) return;
    this.#updateForced();
    if (this.#pin === null) this.#emitChange(previous, change.reason);
  }

  /** An idle stretch breaks a low or good stretch, as the governor counts only measured time. */
  #onIdle(): void {
    this.#fps = null;
    this.#governor.interrupt();
  }

  #onLongFrame(): void {
    this.#probeUntil = performance.now() + PROBE_MS;
    if (this.#probeTimer === undefined) this.#updateForced();
  }

  /**
   * Measures every frame during a probe, and below `high` while the level is
   * automatic, because only measured frames can show that the page recovered.
   */
  #updateForced(): void {
    clearTimeout(this.#probeTimer);
    this.#probeTimer = undefined;
    if (this.#watchers === 0) return;
    const probeLeftMs = this.#probeUntil - performance.now();
    if (probeLeftMs > 0) this.#probeTimer = setTimeout(() => this.#updateForced(), probeLeftMs);
    const degraded = this.#pin === null && this.#governor.level !== 'high';
    this.#meter.forced = probeLeftMs > 0 || degraded;
  }

  #endProbe(): void {
    clearTimeout(this.#probeTimer);
    this.#probeTimer = undefined;
    this.#probeUntil = Number.NEGATIVE_INFINITY;
    this.#meter.forced = false;
  }

  #emitChange(previous: QualityLevel, reason: ObsQualityChangeDetail['reason']): void {
    const level = this.level;
    if (level === previous) return;
    const detail: ObsQualityChangeDetail = { level, previous, reason, fps: this.#fps };
    this.dispatchEvent(new CustomEvent<ObsQualityChangeDetail>('change', { detail }));
  }
}

/** The one quality state of the page. */
export const pageQuality = new PageQuality();
