/** One frame-rate measurement: frames per second over `durationMs` ending at `time` (performance.now()). */
export interface FrameRateSample {
  fps: number;
  durationMs: number;
  time: number;
}

/** Receiver of the meter's frame-rate samples and idle windows. */
export interface FrameRateListener {
  /** A window of about one second gave a frame rate. */
  sample(sample: FrameRateSample): void;
  /** A window ended with too few frames for a rate, because little or nothing was drawn. */
  idle(): void;
}

/** Length of one measurement window, and the gap without frames after which the page is idle. */
const WINDOW_MS = 1000;

/** A window needs at least this many frame intervals to give a frame rate. */
const MIN_INTERVALS = 3;

/**
 * Measures the frame rate from the frames a page already produces, so it
 * costs an idle page nothing.
 *
 * Requesting an animation frame makes the browser produce one, which costs an
 * otherwise idle page main-thread time (about 0.5 ms a frame in headless
 * Chromium on a loaded 2-core machine). So the meter requests frames only in
 * a chain that `noteActivity()` starts: an element drew, so the browser is
 * producing a frame anyway. The chain goes on while each frame brings new
 * activity and ends one frame after the activity stops. The frame rate is the
 * number of intervals between chained frames over their total length, which
 * is how fast the browser produces frames while the page draws. A page that
 * draws every frame is measured in every frame. A page that draws every
 * 100 ms gives one interval per draw, at the cost of one extra frame each.
 *
 * While `forced` is set the chain never ends, for measuring a page whose
 * frames are slow for reasons other than its elements' drawing.
 *
 * A hidden tab gets no frames, so the window restarts when the page becomes
 * visible again; otherwise the first window after it would report the hidden
 * time as a very low frame rate.
 */
export class FrameRateMeter {
  readonly #listener: FrameRateListener;
  #request = 0;
  #running = false;
  #forced = false;
  /** Whether something drew since the meter's last frame. */
  #activity = false;
  /** Timestamp of the previous frame of the current chain, or null between chains. */
  #chainFrame: number | null = null;
  /** Timestamp of the last frame of the previous chain. */
  #chainEnd = Number.NEGATIVE_INFINITY;
  #windowStart = 0;
  #intervals = 0;
  #intervalMs = 0;
  #busyMs = 0;
  readonly #onFrame = (time: number) => this.#frame(time);
  readonly #onVisibility = () => this.#restart();

  constructor(listener: FrameRateListener) {
    this.#listener = listener;
  }

  get running(): boolean {
    return this.#running;
  }

  /** Main-thread milliseconds spent in this meter's frame callbacks so far. */
  get busyMs(): number {
    return this.#busyMs;
  }

  /** Whether no chained frame ran for the last second, so there is no current frame rate. */
  get idle(): boolean {
    return this.#chainFrame === null && performance.now() - this.#chainEnd > WINDOW_MS;
  }

  /** Whether the meter requests every frame, drawn or not, until it is cleared. */
  get forced(): boolean {
    return this.#forced;
  }

  set forced(forced: boolean) {
    this.#forced = forced;
    if (forced) this.#requestFrame();
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    document.addEventListener('visibilitychange', this.#onVisibility);
    this.#restart();
  }

  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    document.removeEventListener('visibilitychange', this.#onVisibility);
    this.#cancelFrame();
    this.#chainFrame = null;
  }

  /**
   * Records that an element drew, so the browser produces a frame anyway.
   * Elements call it for every draw, so it only sets a flag and, between
   * chains, requests one frame.
   */
  noteActivity(): void {
    if (!this.#running) return;
    this.#activity = true;
    if (this.#request === 0) this.#requestFrame();
  }

  #restart(): void {
    this.#cancelFrame();
    this.#chainFrame = null;
    this.#chainEnd = Number.NEGATIVE_INFINITY;
    this.#activity = false;
    this.#resetWindow(performance.now());
    if (this.#forced) this.#requestFrame();
  }

  #requestFrame(): void {
    if (!this.#running || this.#request !== 0 || document.visibilityState === 'hidden') return;
    this.#request = requestAnimationFrame(this.#onFrame);
  }

  #cancelFrame(): void {
    cancelAnimationFrame(this.#request);
    this.#request = 0;
  }

  #frame(time: number): void {
    this.#request = 0;
    if (!this.#running) return;
    const start = performance.now();
    const result = this.#count(time);
    const more = this.#activity || this.#forced;
    this.#activity = false;
    this.#chainFrame = more ? time : null;
    if (!more) this.#chainEnd = time;
    this.#busyMs += performance.now() - start;
    // Not counted as busy time: the first frame request of a frame pays for scheduling that
    // frame, and on a page that draws every frame the elements' own requests pay for it.
    if (more) this.#request = requestAnimationFrame(this.#onFrame);
    // Outside the measured time: a sample can change the quality level, and the redraws that
    // follow are the elements' work.
    if (result === 'idle') this.#listener.idle();
    else if (result !== null) this.#listener.sample(result);
  }

  /** Counts one frame and returns the sample, or `idle`, when it closes a window. */
  #count(time: number): FrameRateSample | 'idle' | null {
    if (this.#chainFrame === null) {
      // After a second without chained frames the page was idle, so the frames before the gap
      // do not describe the frames after it.
      if (time - this.#chainEnd <= WINDOW_MS) return null;
      this.#resetWindow(time);
      return 'idle';
    }
    // The frame timestamp can precede a window restarted inside the same frame.
    if (time <= this.#chainFrame) return null;
    this.#intervals++;
    this.#intervalMs += time - this.#chainFrame;
    return time - this.#windowStart >= WINDOW_MS ? this.#closeWindow(time) : null;
  }

  #closeWindow(time: number): FrameRateSample | 'idle' | null {
    const durationMs = time - this.#windowStart;
    const intervals = this.#intervals;
    const intervalMs = this.#intervalMs;
    this.#resetWindow(time);
    if (intervals >= MIN_INTERVALS && intervalMs > 0 && durationMs > 0) {
      return { fps: (intervals * 1000) / intervalMs, durationMs, time };
    }
    return durationMs >= WINDOW_MS ? 'idle' : null;
  }

  #resetWindow(time: number): void {
    this.#windowStart = time;
    this.#intervals = 0;
    this.#intervalMs = 0;
  }
}

/**
 * Entry types that report slow frames, best first. Chromium reports `long-animation-frame` since
 * version 123 and `longtask` since 58; Firefox and Safari report neither
 * (developer.chrome.com/articles/long-animation-frames).
 */
const LONG_FRAME_ENTRY_TYPES = ['long-animation-frame', 'longtask'];

/**
 * Calls `onLongFrame` when the browser reports a frame or task that kept the
 * main thread busy for more than 50 ms. The browser only reports such
 * entries, so watching costs a page that runs smoothly nothing. Where
 * neither entry type exists (Firefox and Safari), it never calls.
 */
export class LongFrameObserver {
  readonly #onLongFrame: (durationMs: number) => void;
  #observer: PerformanceObserver | null = null;
  #busyMs = 0;

  constructor(onLongFrame: (durationMs: number) => void) {
    this.#onLongFrame = onLongFrame;
  }

  /** Main-thread milliseconds spent in the observer callback so far, the listener included. */
  get busyMs(): number {
    return this.#busyMs;
  }

  start(): void {
    if (this.#observer !== null || typeof PerformanceObserver === 'undefined') return;
    const supported = PerformanceObserver.supportedEntryTypes ?? [];
    const type = LONG_FRAME_ENTRY_TYPES.find((entryType) => supported.includes(entryType));
    if (type === undefined) return;
    this.#observer = new PerformanceObserver((list) => {
      const start = performance.now();
      const longest = Math.max(...list.getEntries().map((entry) => entry.duration));
      if (Number.isFinite(longest)) this.#onLongFrame(longest);
      this.#busyMs += performance.now() - start;
    });
    this.#observer.observe({ type });
  }

  stop(): void {
    this.#observer?.disconnect();
    this.#observer = null;
  }
}
