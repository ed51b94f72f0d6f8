/** One frame-rate measurement: frames per second over `durationMs` ending at `time` (performance.now()). */
export interface FrameRateSample {
  fps: number;
  durationMs: number;
  time: number;
}

/** When the meter rests between measurements. */
export interface FrameRateOptions {
  /** After a window at or above this frame rate, the meter rests for `restMs`. */
  restAboveFps: number;
  restMs: number;
}

/** Length of one measurement window. */
const WINDOW_MS = 1000;

/**
 * Counts animation frames and reports the frame rate about once a second.
 *
 * Counting frames makes the browser produce every frame, which costs an
 * otherwise idle page main-thread time (about 0.5 ms a frame in headless
 * Chromium on a loaded 2-core machine). So after a healthy window the meter
 * rests for `restMs` and requests no frames. After a slow window it measures
 * again at once, which lets a sustained slowdown show in consecutive windows.
 *
 * A hidden tab gets no frames, so the window restarts when the page becomes
 * visible again; otherwise the first window after it would report the hidden
 * time as a very low frame rate.
 */
export class FrameRateMeter {
  readonly #onSample: (sample: FrameRateSample) => void;
  readonly #options: FrameRateOptions;
  #request = 0;
  #rest: ReturnType<typeof setTimeout> | undefined;
  #windowStart = 0;
  #frames = 0;
  #running = false;
  #busyMs = 0;
  readonly #onFrame = (time: number) => this.#frame(time);
  readonly #onVisibility = () => this.#restartWindow();

  constructor(
    onSample: (sample: FrameRateSample) => void,
    options: FrameRateOptions = { restAboveFps: Number.POSITIVE_INFINITY, restMs: 0 },
  ) {
    this.#onSample = onSample;
    this.#options = options;
  }

  get running(): boolean {
    return this.#running;
  }

  /** Main-thread milliseconds spent in this meter's frame callbacks so far. */
  get busyMs(): number {
    return this.#busyMs;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#restartWindow();
  }

  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    document.removeEventListener('visibilitychange', this.#onVisibility);
    cancelAnimationFrame(this.#request);
    this.#request = 0;
    clearTimeout(this.#rest);
    this.#rest = undefined;
  }

  #restartWindow(): void {
    clearTimeout(this.#rest);
    this.#rest = undefined;
    this.#windowStart = performance.now();
    this.#frames = 0;
    if (this.#running && this.#request === 0) {
      this.#request = requestAnimationFrame(this.#onFrame);
    }
  }

  #frame(time: number): void {
    this.#request = 0;
    if (!this.#running) return;
    const start = performance.now();
    const sample = this.#count(time);
    this.#busyMs += performance.now() - start;
    if (sample !== null && sample.fps >= this.#options.restAboveFps) {
      this.#rest = setTimeout(() => this.#restartWindow(), this.#options.restMs);
    } else {
      // Not counted as busy time: the first frame request of a frame pays for scheduling that
      // frame, which a page with moving data pays anyway.
      this.#request = requestAnimationFrame(this.#onFrame);
    }
    // Outside the measured time: a sample can change the quality level, and the redraws that
    // follow are the elements' work.
    if (sample !== null) this.#onSample(sample);
  }

  /** Counts one frame and returns the sample when the window is full. */
  #count(time: number): FrameRateSample | null {
    // The frame timestamp can precede a window restarted inside the same frame.
    if (time < this.#windowStart) return null;
    this.#frames++;
    const durationMs = time - this.#windowStart;
    if (durationMs < WINDOW_MS) return null;
    const fps = (this.#frames * 1000) / durationMs;
    this.#windowStart = time;
    this.#frames = 0;
    return { fps, durationMs, time };
  }
}
