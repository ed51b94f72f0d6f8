import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Returns the device pixel ratio, or 1 when the browser reports none or a nonsensical one. */
export function devicePixelRatio(): number {
  const ratio = window.devicePixelRatio;
  return Number.isFinite(ratio) && ratio > 0 ? ratio : 1;
}

/**
 * Watches what changes the pixels a canvas needs without changing the data:
 * the size of a target element (through ResizeObserver), the device pixel
 * ratio (browser zoom, moving to another screen) and prefers-color-scheme.
 * Calls `onChange` after any of them changes.
 *
 * The device pixel ratio is watched twice: the observer reports the target's
 * size in device pixels, which changes with the ratio even when the CSS size
 * does not, and a resolution media query covers browsers without that box
 * (Safari 17).
 */
export class SurfaceController implements ReactiveController {
  /** Last observed content size of the target, in CSS pixels. */
  width = 0;
  height = 0;
  readonly #target: () => Element | null;
  readonly #onChange: () => void;
  #observer: ResizeObserver | null = null;
  #measured = false;
  /** Width of the target in device pixels, where the browser reports it, else 0. */
  #deviceWidth = 0;
  #observed: Element | null = null;
  #ratioQuery: MediaQueryList | null = null;
  #schemeQuery: MediaQueryList | null = null;
  readonly #onRatio = () => {
    this.#watchRatio();
    this.#onChange();
  };
  readonly #onScheme = () => this.#onChange();

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    target: () => Element | null,
    onChange: () => void,
  ) {
    this.#target = target;
    this.#onChange = onChange;
    host.addController(this);
  }

  hostConnected(): void {
    this.#observer = new ResizeObserver((entries) => {
      const entry = entries[entries.length - 1];
      const box = entry.contentRect;
      const device = entry.devicePixelContentBoxSize?.[0];
      const deviceWidth = device?.inlineSize ?? 0;
      this.#measured = true;
      const same = box.width === this.width && box.height === this.height;
      if (same && deviceWidth === this.#deviceWidth) return;
      this.width = box.width;
      this.height = box.height;
      this.#deviceWidth = deviceWidth;
      this.#onChange();
    });
    this.#observeTarget();
    this.#watchRatio();
    this.#schemeQuery = window.matchMedia('(prefers-color-scheme: dark)');
    this.#schemeQuery.addEventListener('change', this.#onScheme);
  }

  /**
   * Reads the target's size at once when no observation has arrived yet.
   * ResizeObserver reports only after the layout of the first frame, so
   * without this a new chart would draw one frame late.
   */
  measure(): void {
    if (this.#measured) return;
    const target = this.#target();
    if (target === null) return;
    const box = target.getBoundingClientRect();
    this.width = box.width;
    this.height = box.height;
  }

  hostUpdated(): void {
    // The target lives in the shadow root, which exists only after the first render.
    this.#observeTarget();
  }

  hostDisconnected(): void {
    this.#measured = false;
    this.#observer?.disconnect();
    this.#observer = null;
    this.#observed = null;
    this.#ratioQuery?.removeEventListener('change', this.#onRatio);
    this.#ratioQuery = null;
    this.#schemeQuery?.removeEventListener('change', this.#onScheme);
    this.#schemeQuery = null;
  }

  #observeTarget(): void {
    const target = this.#target();
    if (this.#observer === null || target === null || target === this.#observed) return;
    if (this.#observed !== null) this.#observer.unobserve(this.#observed);
    this.#observed = target;
    try {
      this.#observer.observe(target, { box: 'device-pixel-content-box' });
    } catch (error) {
      // Browsers without the device-pixel box reject it; the content box still reports resizes.
      if (!(error instanceof TypeError) && !(error instanceof RangeError)) throw error;
      this.#observer.observe(target);
    }
  }

  /** A resolution query matches only the current ratio, so it fires once when the ratio changes. */
  #watchRatio(): void {
    this.#ratioQuery?.removeEventListener('change', this.#onRatio);
    this.#ratioQuery = window.matchMedia(`(resolution: ${devicePixelRatio()}dppx)`);
    this.#ratioQuery.addEventListener('change', this.#onRatio);
  }
}

/**
 * Sets the backing store of `canvas` to its CSS size times `ratio` and returns
 * its context scaled so drawing uses CSS pixels, cleared unless `clear` is
 * false. Returns null when the size is zero, leaving the canvas untouched.
 */
export function prepareCanvas(
  canvas: HTMLCanvasElement,
  width: number,
  height: number,
  ratio: number,
  clear = true,
): CanvasRenderingContext2D | null {
  const backingWidth = Math.round(width * ratio);
  const backingHeight = Math.round(height * ratio);
  if (backingWidth === 0 || backingHeight === 0) return null;
  // Assigning the size clears the canvas even when it is unchanged, so assign only on change.
  if (canvas.width !== backingWidth) canvas.width = backingWidth;
  if (canvas.height !== backingHeight) canvas.height = backingHeight;
  const context = canvas.getContext('2d');
  if (context === null) return null;
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  if (clear) context.clearRect(0, 0, width, height);
  return context;
}
