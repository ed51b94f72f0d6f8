import type { ChartLayout } from './chart-scales.js';

/** Detail of `obs-zoom`. `domain` is the time range shown, or null when the chart follows the newest data again. */
export interface ObsZoomDetail {
  domain: [number, number] | null;
  live: boolean;
}

/** Narrowest time span a zoom reaches, in milliseconds. */
export const MIN_SPAN_MS = 10;
/** Widest time span a zoom reaches: about 1,000 years in milliseconds. */
export const MAX_SPAN_MS = 1000 * 365.25 * 86_400_000;
/** Pointer travel, in CSS pixels, before a press counts as a drag rather than a click. */
const DRAG_THRESHOLD = 3;
/** Zoom factor per wheel pixel: 100 pixels of wheel scroll change the span by about 22%. */
const ZOOM_PER_PIXEL = 0.002;
/** Pixels per wheel step when the browser reports lines or pages rather than pixels. */
const LINE_HEIGHT = 16;
const PAGE_HEIGHT = 400;

/** Layout and time domain of the last frame, which the zoom maps pointer positions with. */
export interface ZoomView {
  layout: ChartLayout | null;
  domain: readonly [number, number] | null;
}

/**
 * Wheel zoom and drag pan of the time axis. While `domain` is set the chart
 * shows that fixed range and stops following new data; `goLive` clears it.
 * Every change made by the user fires `obs-zoom` on the host.
 */
export class TimeZoom {
  /** Time range fixed by the user, or null while following the newest data. */
  domain: [number, number] | null = null;
  readonly #host: HTMLElement;
  readonly #view: () => ZoomView;
  readonly #onChange: () => void;
  #drag: { pointerId: number; x: number; domain: [number, number]; moved: boolean } | null = null;

  constructor(host: HTMLElement, view: () => ZoomView, onChange: () => void) {
    this.#host = host;
    this.#view = view;
    this.#onChange = onChange;
  }

  get live(): boolean {
    return this.domain === null;
  }

  /** True while a press has moved far enough to pan. */
  get dragging(): boolean {
    return this.#drag?.moved === true;
  }

  /** Zooms around the time under the pointer. */
  wheel(event: WheelEvent): void {
    const { layout, domain } = this.#view();
    if (layout === null || domain === null) return;
    event.preventDefault();
    let pixels = event.deltaY;
    if (event.deltaMode === WheelEvent.DOM_DELTA_LINE) pixels *= LINE_HEIGHT;
    if (event.deltaMode === WheelEvent.DOM_DELTA_PAGE) pixels *= PAGE_HEIGHT;
    const factor = Math.exp(pixels * ZOOM_PER_PIXEL);
    const [start, end] = domain;
    const span = end - start;
    const next = Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, span * factor));
    if (!Number.isFinite(next) || next === span) return;
    const pointerTime = layout.x.invert(event.offsetX).getTime();
    const anchor = Math.min(end, Math.max(start, pointerTime));
    const newStart = anchor - (anchor - start) * (next / span);
    this.#set([newStart, newStart + next]);
  }

  /** Starts a possible drag; it becomes a pan once the pointer moves a few pixels. */
  pointerDown(event: PointerEvent): void {
    const { domain } = this.#view();
    if (event.button !== 0 || domain === null) return;
    this.#drag = {
      pointerId: event.pointerId,
      x: event.offsetX,
      domain: [...domain],
      moved: false,
    };
    const target = event.currentTarget as Element | null;
    try {
      target?.setPointerCapture(event.pointerId);
    } catch (error) {
      // A pointer that is no longer active cannot be captured; the drag then
      // continues only while the pointer stays over the chart.
      if (!(error instanceof DOMException)) throw error;
    }
  }

  /** Pans by the distance moved since the press. Returns true when the move was part of a drag. */
  pointerMove(event: PointerEvent): boolean {
    const drag = this.#drag;
    const { layout } = this.#view();
    if (drag === null || drag.pointerId !== event.pointerId || layout === null) return false;
    const dx = event.offsetX - drag.x;
    if (!drag.moved && Math.abs(dx) < DRAG_THRESHOLD) return false;
    drag.moved = true;
    const width = layout.plot.width;
    if (width <= 0) return true;
    const shift = (dx / width) * (drag.domain[1] - drag.domain[0]);
    this.#set([drag.domain[0] - shift, drag.domain[1] - shift]);
    return true;
  }

  pointerUp(event: PointerEvent): void {
    if (this.#drag?.pointerId === event.pointerId) this.#drag = null;
  }

  /** Returns to following the newest data. Does nothing when already live. */
  goLive(): void {
    this.#drag = null;
    if (this.domain === null) return;
    this.domain = null;
    this.#onChange();
    this.#notify();
  }

  #set(domain: [number, number]): void {
    if (!Number.isFinite(domain[0]) || !Number.isFinite(domain[1])) return;
    this.domain = domain;
    this.#onChange();
    this.#notify();
  }

  #notify(): void {
    const detail: ObsZoomDetail = {
      domain: this.domain === null ? null : [this.domain[0], this.domain[1]],
      live: this.domain === null,
    };
    this.#host.dispatchEvent(
      new CustomEvent<ObsZoomDetail>('obs-zoom', { detail, bubbles: true, composed: true }),
    );
  }
}
