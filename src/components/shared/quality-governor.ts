import { higherQuality, lowerQuality, type QualityLevel } from './quality.js';

/** When the governor lowers and raises the level. Times are milliseconds, rates frames per second. */
export interface GovernorOptions {
  /** The level drops one step when the frame rate stays below this for `dropAfterMs`. */
  dropBelowFps: number;
  dropAfterMs: number;
  /** The level rises one step when the frame rate stays at or above this for the recovery delay. */
  recoverAtFps: number;
  /** Recovery delay after a stable period; it doubles after each rise that the next drop undid. */
  recoverAfterMs: number;
  /** Largest recovery delay the doubling reaches. */
  maxRecoverAfterMs: number;
  /** A drop this soon after a rise counts as undoing it. */
  relapseWindowMs: number;
}

export const DEFAULT_GOVERNOR_OPTIONS: Readonly<GovernorOptions> = {
  dropBelowFps: 30,
  dropAfterMs: 2000,
  recoverAtFps: 50,
  recoverAfterMs: 3000,
  maxRecoverAfterMs: 24_000,
  relapseWindowMs: 10_000,
};

/** A level change and why it happened. */
export interface GovernorChange {
  level: QualityLevel;
  previous: QualityLevel;
  reason: 'low-frame-rate' | 'recovered';
}

/**
 * Decides the automatic quality level from frame-rate samples. It is pure: it
 * reads no clock and schedules nothing, so tests feed it samples directly.
 *
 * Two thresholds and unequal delays give hysteresis: the level drops after
 * 2 s under 30 fps and rises only after 3 s at 50 fps or more. A rise that is
 * undone within 10 s doubles the next delay, so a page whose load sits near
 * the edge of a level does not switch back and forth every few seconds.
 */
export class QualityGovernor {
  readonly #options: GovernorOptions;
  #level: QualityLevel = 'high';
  #lowSince: number | null = null;
  #goodSince: number | null = null;
  #recoverAfterMs: number;
  #lastRiseAt: number | null = null;

  constructor(options: Partial<GovernorOptions> = {}) {
    this.#options = { ...DEFAULT_GOVERNOR_OPTIONS, ...options };
    this.#recoverAfterMs = this.#options.recoverAfterMs;
  }

  get level(): QualityLevel {
    return this.#level;
  }

  /** Current wait before a rise, which grows when rises are undone. */
  get recoverAfterMs(): number {
    return this.#recoverAfterMs;
  }

  /** Starts over at `level` with no history, for example after a pin is removed. */
  reset(level: QualityLevel = 'high'): void {
    this.#level = level;
    this.#lowSince = null;
    this.#goodSince = null;
    this.#lastRiseAt = null;
    this.#recoverAfterMs = this.#options.recoverAfterMs;
  }

  /** Forgets the current low or good stretch, for example after the tab was hidden. */
  interrupt(): void {
    this.#lowSince = null;
    this.#goodSince = null;
  }

  /**
   * Feeds the frame rate measured over the `durationMs` ending at `now`.
   * Returns the change when the level moved, otherwise null. Non-finite or
   * negative rates and durations are ignored and break the current stretch.
   */
  sample(fps: number, now: number, durationMs: number): GovernorChange | null {
    if (!Number.isFinite(fps) || fps < 0 || !Number.isFinite(durationMs) || durationMs <= 0) {
      this.interrupt();
      return null;
    }
    this.#endProbation(now);
    const start = now - durationMs;
    if (fps < this.#options.dropBelowFps) {
      this.#goodSince = null;
      this.#lowSince ??= start;
      if (now - this.#lowSince >= this.#options.dropAfterMs) return this.#drop(now);
    } else if (fps >= this.#options.recoverAtFps) {
      this.#lowSince = null;
      this.#goodSince ??= start;
      if (now - this.#goodSince >= this.#recoverAfterMs) return this.#rise(now);
    } else {
      this.interrupt();
    }
    return null;
  }

  #drop(now: number): GovernorChange | null {
    this.#lowSince = null;
    const next = lowerQuality(this.#level);
    if (next === null) return null;
    if (this.#lastRiseAt !== null && now - this.#lastRiseAt < this.#options.relapseWindowMs) {
      this.#recoverAfterMs = Math.min(this.#recoverAfterMs * 2, this.#options.maxRecoverAfterMs);
    }
    this.#lastRiseAt = null;
    return this.#change(next, 'low-frame-rate');
  }

  #rise(now: number): GovernorChange | null {
    this.#goodSince = null;
    const next = higherQuality(this.#level);
    if (next === null) return null;
    this.#lastRiseAt = now;
    return this.#change(next, 'recovered');
  }

  /** A rise that held for the relapse window was right, so the delay returns to its base. */
  #endProbation(now: number): void {
    if (this.#lastRiseAt === null || now - this.#lastRiseAt < this.#options.relapseWindowMs) return;
    this.#lastRiseAt = null;
    this.#recoverAfterMs = this.#options.recoverAfterMs;
  }

  #change(level: QualityLevel, reason: GovernorChange['reason']): GovernorChange {
    const previous = this.#level;
    this.#level = level;
    return { level, previous, reason };
  }
}
