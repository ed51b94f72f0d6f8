/** One frame-rate measurement: frames per second over `durationMs` ending at `time` (performance.now()). */
export interface FrameRateSample {
  fps: number;
  durationMs: number;
  time: number;
}

/** Length of one measurement window. */
const WINDOW_MS = 1000;

/**
 * Counts animation frames and reports the frame rate about once a second.
 *
 * A hidden tab gets no frames, so the window restarts when the page becomes
 * visible again; otherwise the first window after it would report the hidden
 * time as a very low frame rate.
 */
export class FrameRateMeter {
  readonly #onSample: (sample: FrameRateSample) => void;
  #request = 0;
  #windowStart = 0;
  #frames = 0;
  #running = false;
  readonly #onFrame = (time: number) => this.#frame(time);
  readonly #onVisibility = () => this.#restartWindow();

  constructor(onSample: (sample: FrameRateSample) => void) {
    this.#onSample = onSample;
  }

  get running(): boolean {
    return this.#running;
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
  }

  #restartWindow(): void {
    this.#windowStart = performance.now();
    this.#frames = 0;
    if (this.#running && this.#request === 0) {
      this.#request = requestAnimationFrame(this.#onFrame);
    }
  }

  #frame(time: number): void {
    this.#request = 0;
    if (!this.#running) return;
    this.#request = requestAnimationFrame(this.#onFrame);
    // The frame timestamp can precede a window restarted inside the same frame.
    if (time < this.#windowStart) return;
    this.#frames++;
    const durationMs = time - this.#windowStart;
    if (durationMs < WINDOW_MS) return;
    const fps = (this.#frames * 1000) / durationMs;
    this.#windowStart = time;
    this.#frames = 0;
    this.#onSample({ fps, durationMs, time });
  }
}
