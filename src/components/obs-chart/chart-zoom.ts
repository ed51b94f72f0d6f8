import { select, type Selection } from 'd3-selection';
import {
  zoom,
  zoomIdentity,
  zoomTransform,
  type D3ZoomEvent,
  type ZoomBehavior,
  type ZoomTransform,
} from 'd3-zoom';
import type { PlotRect } from './chart-scales.js';

/** Axes that wheel, drag and pinch change: `time` (default), `both`, or `none` to turn zoom off. */
export type ZoomAxis = 'time' | 'both' | 'none';
export const ZOOM_AXES: readonly ZoomAxis[] = ['time', 'both', 'none'];

/** Narrowest time span a zoom reaches, in milliseconds. */
export const MIN_SPAN_MS = 10;
/** Widest time span a zoom reaches: about 1,000 years in milliseconds. */
export const MAX_SPAN_MS = 1000 * 365.25 * 86_400_000;
/** Latest time a JavaScript Date holds, in epoch milliseconds. */
const MAX_DATE_MS = 8.64e15;
/** Pointer travel, in CSS pixels, before a press counts as a drag rather than a click. */
export const DRAG_THRESHOLD = 3;

/** Time and value ranges of a view. */
export interface ZoomWindow {
  times: [number, number];
  values: [number, number];
}

/** Origin of a window change: the user on this chart, or another chart of its sync group. */
export type ZoomSource = 'user' | 'sync';

type CanvasSelection = Selection<HTMLCanvasElement, unknown, null, undefined>;
type ZoomEvent = D3ZoomEvent<HTMLCanvasElement, unknown>;

function isIdentity(transform: ZoomTransform): boolean {
  return transform.k === 1 && transform.x === 0 && transform.y === 0;
}

/**
 * Zoom and pan of a chart through d3-zoom: the wheel, a drag and a two-finger
 * pinch change the time axis, and the value axis too with `axis = 'both'`.
 *
 * d3-zoom keeps a transform relative to a base view. The base is the view
 * the last frame showed whenever no gesture runs, so the transform is the
 * identity between gestures and live data can move the view freely. While
 * `times` is set the chart shows that fixed range and stops following new
 * data; `goLive` clears it.
 */
export class ChartZoom {
  /** Time range fixed by the user or the sync group, or null while following the newest data. */
  times: [number, number] | null = null;
  /** Value range fixed by a value-axis zoom, or null while the value axis fits the data. */
  values: [number, number] | null = null;
  axis: ZoomAxis = 'time';
  readonly #onChange: (source: ZoomSource) => void;
  readonly #behavior: ZoomBehavior<HTMLCanvasElement, unknown>;
  #selection: CanvasSelection | null = null;
  #base: (ZoomWindow & { plot: PlotRect }) | null = null;
  #gesture: { x: number; y: number; moved: boolean } | null = null;

  /** `onChange` runs after every change of the window, with the origin of the change. */
  constructor(onChange: (source: ZoomSource) => void) {
    this.#onChange = onChange;
    this.#behavior = zoom<HTMLCanvasElement, unknown>()
      .filter((event: Event) => this.#accepts(event))
      // Touch listeners are needed on touch screens even where the browser
      // reports no touch points at start-up, as on convertible laptops.
      .touchable(() => true)
      .clickDistance(DRAG_THRESHOLD)
      .scaleExtent([0, Infinity])
      .on('start', (event: ZoomEvent) => this.#onStart(event))
      .on('zoom', (event: ZoomEvent) => this.#onZoom(event))
      .on('end', (event: ZoomEvent) => this.#onEnd(event));
  }

  get live(): boolean {
    return this.times === null && this.values === null;
  }

  /** True from the press, wheel step or touch that starts a gesture until it ends. */
  get gesturing(): boolean {
    return this.#gesture !== null;
  }

  /** Binds the zoom gestures to `canvas`. A later call with another canvas moves them there. */
  attach(canvas: HTMLCanvasElement): void {
    if (this.#selection?.node() === canvas) return;
    this.detach();
    // Double-click returns to live, which the element handles, instead of zooming in.
    this.#selection = select(canvas).call(this.#behavior).on('dblclick.zoom', null);
  }

  detach(): void {
    this.#selection?.on('.zoom', null);
    this.#selection = null;
    this.#gesture = null;
  }

  /**
   * Records the view the last frame drew. Between gestures it becomes the
   * base of the next one, and during a gesture the base stays put.
   */
  track(plot: PlotRect, view: ZoomWindow): void {
    if (this.#gesture !== null) return;
    this.#base = { times: [...view.times], values: [...view.values], plot: { ...plot } };
    const span = view.times[1] - view.times[0];
    if (span > 0) this.#behavior.scaleExtent([span / MAX_SPAN_MS, span / MIN_SPAN_MS]);
    const selection = this.#selection;
    if (selection !== null && !isIdentity(zoomTransform(selection.node()!))) {
      // Programmatic transforms emit events without a source event, which #onZoom ignores.
      this.#behavior.transform(selection, zoomIdentity);
    }
  }

  /** Shows a fixed window. A null part keeps following the data. */
  set(times: [number, number] | null, values: [number, number] | null, source: ZoomSource): void {
    if (times !== null && !validRange(times)) return;
    if (values !== null && !validRange(values)) return;
    this.times = times === null ? null : clampSpan(times);
    this.values = values;
    this.#onChange(source);
  }

  /** Zooms the time axis by `factor` (above 1 zooms in) around `anchor`, or the middle. */
  zoomBy(factor: number, anchor?: number): void {
    const current = this.times ?? this.#base?.times;
    if (current === undefined || !(factor > 0) || this.axis === 'none') return;
    const [start, end] = current;
    const middle = anchor ?? (start + end) / 2;
    this.set(
      [middle - (middle - start) / factor, middle + (end - middle) / factor],
      this.values,
      'user',
    );
  }

  /** Moves the time axis by `fraction` of its span. A positive fraction moves later. */
  panBy(fraction: number): void {
    const current = this.times ?? this.#base?.times;
    if (current === undefined || this.axis === 'none') return;
    const shift = (current[1] - current[0]) * fraction;
    this.set([current[0] + shift, current[1] + shift], this.values, 'user');
  }

  /** Returns to following the newest data. Does nothing when already live. */
  goLive(source: ZoomSource): void {
    if (this.live) return;
    this.times = null;
    this.values = null;
    this.#onChange(source);
  }

  #accepts(event: Event): boolean {
    if (this.axis === 'none') return false;
    // A pinch on a touchpad arrives as a wheel event with ctrlKey set.
    if (event.type === 'wheel') return true;
    const pointer = event as MouseEvent;
    // Modifier drags draw a zoom box or select a range instead of panning.
    if (pointer.shiftKey || pointer.altKey || pointer.ctrlKey || pointer.metaKey) return false;
    return !pointer.button;
  }

  #onStart(event: ZoomEvent): void {
    const source = event.sourceEvent as MouseEvent | null;
    if (source === null) return;
    this.#gesture = { x: source.clientX ?? 0, y: source.clientY ?? 0, moved: false };
  }

  #onZoom(event: ZoomEvent): void {
    const source = event.sourceEvent as MouseEvent | null;
    const gesture = this.#gesture;
    const base = this.#base;
    if (source === null || gesture === null || base === null) return;
    if (source.type === 'mousemove' && !gesture.moved) {
      const distance = Math.hypot(source.clientX - gesture.x, source.clientY - gesture.y);
      if (distance < DRAG_THRESHOLD) return;
    }
    gesture.moved = true;
    const { transform } = event;
    const { plot, times, values } = base;
    if (plot.width <= 0 || plot.height <= 0) return;
    const timeAt = (x: number) => times[0] + ((x - plot.left) / plot.width) * (times[1] - times[0]);
    const bottom = plot.top + plot.height;
    const valueAt = (y: number) =>
      values[0] + ((bottom - y) / plot.height) * (values[1] - values[0]);
    const nextTimes: [number, number] = [
      timeAt(transform.invertX(plot.left)),
      timeAt(transform.invertX(plot.left + plot.width)),
    ];
    const nextValues: [number, number] | null =
      this.axis === 'both'
        ? [valueAt(transform.invertY(bottom)), valueAt(transform.invertY(plot.top))]
        : this.values;
    this.set(nextTimes, nextValues, 'user');
  }

  #onEnd(event: ZoomEvent): void {
    if (event.sourceEvent === null) return;
    this.#gesture = null;
  }
}

function validRange(range: readonly [number, number]): boolean {
  return Number.isFinite(range[0]) && Number.isFinite(range[1]) && range[1] > range[0];
}

/**
 * Keeps a time range between MIN_SPAN_MS and MAX_SPAN_MS wide, around its
 * middle, and inside the range of JavaScript dates, which time ticks need.
 */
function clampSpan(times: [number, number]): [number, number] {
  const span = times[1] - times[0];
  const clamped = Math.min(MAX_SPAN_MS, Math.max(MIN_SPAN_MS, span));
  const middle = times[0] + span / 2;
  const start = Math.min(MAX_DATE_MS - clamped, Math.max(-MAX_DATE_MS, middle - clamped / 2));
  return [start, start + clamped];
}
