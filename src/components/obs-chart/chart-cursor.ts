import type { ReactiveControllerHost } from 'lit';
import type { ChartFrame } from './chart-frame.js';
import {
  drawCrosshair,
  findHover,
  insidePlot,
  stepCursor,
  type CursorStep,
  type Hover,
  type ObsHoverDetail,
} from './chart-hover.js';
import type { ChartLayout } from './chart-scales.js';
import type { ChartColors } from './chart-theme.js';
import type { ZoomAxis } from './chart-zoom.js';
import { DragSelect } from './drag-select.js';
import { drawTooltip, type Rect } from './chart-tooltip.js';
import { regionLabelsAt, type ResolvedRegion } from './draw-regions.js';
import { devicePixelRatio, prepareCanvas } from './surface-controller.js';

/** Frame, layout and colours of the last frame, which the crosshair reads. */
export interface CursorView {
  frame: ChartFrame | null;
  layout: ChartLayout | null;
  colors: ChartColors | null;
  hidden: ReadonlySet<string>;
  /** Axes a zoom box sets; `none` turns the zoom box off. */
  zoomAxis: ZoomAxis;
}

/** Readers and callbacks the cursor uses on its chart. */
export interface CursorOptions {
  view(): CursorView;
  overlay(): HTMLCanvasElement | null;
  size(): { width: number; height: number };
  formatTime(time: number): string;
  formatValue(value: number): string;
  /** The user moved the crosshair of this chart to `time`, or hid it. */
  onCursor(time: number | null): void;
  onAnnounce(text: string): void;
  onZoomBox(times: [number, number], values: [number, number]): void;
  onRangeSelect(times: [number, number]): void;
}

/** Origin of the crosshair: the pointer, the keyboard, or another chart of the sync group. */
type CursorSource = 'pointer' | 'keyboard' | 'sync';

/** Room around the crosshair and its markers that drawing may touch, in CSS pixels. */
const CROSSHAIR_MARGIN = 8;

/** Returns the smallest rectangle that contains `a` and `b`. */
function union(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  const right = Math.max(a.x + a.width, b.x + b.width);
  const bottom = Math.max(a.y + a.height, b.y + b.height);
  return { x, y, width: right - x, height: bottom - y };
}

/** Returns the area the crosshair and markers of `hover` cover, with a margin for anti-aliasing. */
function crosshairBounds(layout: ChartLayout, hover: Hover): Rect {
  let left = hover.x;
  let right = hover.x;
  let top = layout.plot.top;
  let bottom = layout.plot.top + layout.plot.height;
  for (const marker of hover.markers) {
    left = Math.min(left, marker.x);
    right = Math.max(right, marker.x);
    top = Math.min(top, marker.y);
    bottom = Math.max(bottom, marker.y);
  }
  const margin = CROSSHAIR_MARGIN;
  return {
    x: left - margin,
    y: top - margin,
    width: right - left + 2 * margin,
    height: bottom - top + 2 * margin,
  };
}

/** Distance of a keyboard or synced tooltip below the top of the plot, in CSS pixels. */
const TOOLTIP_TOP = 8;

/**
 * The crosshair of a chart and everything drawn on its overlay canvas: the
 * crosshair and tooltip from the pointer or the keyboard, the crosshair
 * another chart of the sync group placed, and modifier drags. Redrawing the
 * overlay never touches the data canvas.
 */
export class ChartCursor {
  /** Time regions of the last frame, named in the tooltip. */
  regions: readonly ResolvedRegion[] = [];
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: CursorOptions;
  readonly #drag = new DragSelect();
  #source: CursorSource | null = null;
  /** Crosshair time placed by the keyboard or the sync group. */
  #time: number | null = null;
  #pointer: { x: number; y: number } | null = null;
  #hover: Hover | null = null;
  /** Time where a range selected with Shift and the arrows started, until Enter or a plain move. */
  #anchor: number | null = null;
  /** Animation frame that redraws the overlay, or 0. */
  #drawRequest = 0;
  /** Area of the overlay the last drawing covered, in CSS pixels, or null when it is clear. */
  #dirty: Rect | null = null;

  constructor(host: ReactiveControllerHost & HTMLElement, options: CursorOptions) {
    this.#host = host;
    this.#options = options;
  }

  /** Time of the crosshair, or null when none is shown. */
  get time(): number | null {
    return this.#hover?.time ?? null;
  }

  readonly onPointerDown = (event: PointerEvent) => {
    this.#anchor = null;
    const view = this.#options.view();
    if (this.#drag.pointerDown(event, view.layout, view.zoomAxis !== 'none')) {
      this.#render(false);
    } else if (this.#drag.selection !== null) {
      this.#drag.clear();
      this.#render(false);
    }
  };

  readonly onPointerMove = (event: PointerEvent) => {
    this.#pointer = { x: event.offsetX, y: event.offsetY };
    if (this.#drag.pointerMove(event, this.#options.view().layout)) {
      this.#render(false);
      return;
    }
    this.#source = 'pointer';
    this.#render(true);
  };

  readonly onPointerUp = (event: PointerEvent) => {
    const result = this.#drag.pointerUp(event, this.#options.view().layout);
    if (result?.mode === 'zoom') this.#options.onZoomBox(result.times, result.values);
    if (result?.mode === 'select') this.#options.onRangeSelect(result.times);
    this.#render(false);
  };

  readonly onPointerCancel = () => {
    this.#drag.cancel();
    this.#render(false);
  };

  readonly onPointerLeave = () => {
    this.#pointer = null;
    if (this.#source !== 'pointer') return;
    this.#source = null;
    this.#render(true);
  };

  /**
   * Moves the crosshair point by point from the keyboard and announces the
   * new position. It drops a range that Shift and the arrows selected and
   * Enter did not confirm.
   */
  step(step: CursorStep): void {
    const time = this.#stepTime(step);
    if (time === null) return;
    if (this.#anchor !== null) {
      this.#anchor = null;
      this.#drag.clear();
    }
    this.#showKeyboard(time);
    const hover = this.#hover;
    if (hover !== null) this.#options.onAnnounce(this.#describe(hover));
  }

  /**
   * Moves the crosshair like `step` and selects the time range from the
   * point where the selection started, which the first call sets to the
   * crosshair's time. The range is drawn as a band and announced.
   */
  extend(step: CursorStep): void {
    const from = this.#inViewTime();
    const time = this.#stepTime(step);
    if (time === null) return;
    const anchor = this.#anchor ?? from ?? time;
    this.#anchor = anchor;
    this.#drag.selection = anchor <= time ? [anchor, time] : [time, anchor];
    this.#showKeyboard(time);
    const hover = this.#hover;
    if (hover === null) return;
    this.#options.onAnnounce(`${this.#describe(hover)}. ${this.#describeRange('Selecting')}`);
  }

  /**
   * Fires the range that Shift and the arrows selected, as a modifier drag
   * does, and announces it. The band stays drawn. Does nothing without a
   * selected range of more than one instant.
   */
  selectRange(): void {
    const range = this.#drag.selection;
    if (this.#anchor === null || range === null || range[0] === range[1]) return;
    this.#anchor = null;
    this.#options.onRangeSelect([range[0], range[1]]);
    this.#options.onAnnounce(this.#describeRange('Selected'));
  }

  /** Shows the crosshair another chart of the sync group placed, without firing events. */
  follow(time: number | null): void {
    if (time === null && this.#source !== 'sync') return;
    if (time !== null && this.#source === 'pointer' && this.#pointer !== null) return;
    this.#source = time === null ? null : 'sync';
    this.#time = time;
    this.#render(false);
  }

  /** Hides the crosshair and any selected range, as Escape does. */
  clear(): void {
    this.#drag.clear();
    this.#anchor = null;
    const had = this.#source !== null;
    this.#source = null;
    this.#time = null;
    this.#render(had);
  }

  /** Forgets every position without drawing or firing events; for a disconnected chart. */
  reset(): void {
    this.#drag.clear();
    this.#anchor = null;
    // The canvas keeps its drawing while detached, so clear all of it on the next draw.
    this.#dirty = { x: 0, y: 0, width: Number.MAX_SAFE_INTEGER, height: Number.MAX_SAFE_INTEGER };
    this.#source = null;
    this.#time = null;
    this.#pointer = null;
    this.#hover = null;
    if (this.#drawRequest !== 0) cancelAnimationFrame(this.#drawRequest);
    this.#drawRequest = 0;
  }

  /**
   * Redraws the overlay at once for a new frame of the data canvas, which
   * draws in an animation frame: the data under a resting pointer may have
   * changed.
   */
  refresh(): void {
    this.#render(false, true);
  }

  /**
   * Finds the values under the crosshair, redraws the overlay in the next
   * animation frame, or at once with `now`, and, when `notify` is set because
   * the user moved the crosshair, fires `obs-hover` and passes the time to
   * the sync group. Drawing in the frame draws once for several moves. It
   * is also cheaper: the first drawing call into a canvas between frames
   * took about 0.1 ms in headless Chromium 156, against 0.02 ms in a frame.
   */
  #render(notify: boolean, now = false): void {
    const view = this.#options.view();
    const hover = this.#findHover(view);
    const previous = this.#hover;
    this.#hover = hover;
    if (now) {
      if (this.#drawRequest !== 0) cancelAnimationFrame(this.#drawRequest);
      this.#drawRequest = 0;
      this.#drawOverlay(view, hover);
    } else {
      this.#drawRequest ||= requestAnimationFrame(() => {
        this.#drawRequest = 0;
        this.#drawOverlay(this.#options.view(), this.#hover);
      });
    }
    if (!notify || (hover === null && previous === null)) return;
    const detail: ObsHoverDetail =
      hover === null
        ? { time: null, values: [] }
        : {
            time: hover.time,
            values: hover.values.map(({ series, time, value }) => ({ series, time, value })),
          };
    this.#host.dispatchEvent(
      new CustomEvent<ObsHoverDetail>('obs-hover', { detail, bubbles: true, composed: true }),
    );
    this.#options.onCursor(detail.time);
  }

  #findHover(view: CursorView): Hover | null {
    const { frame, layout, colors, hidden } = view;
    if (frame === null || layout === null || colors === null || this.#source === null) return null;
    let hover: Hover;
    if (this.#source === 'pointer') {
      const pointer = this.#pointer;
      if (pointer === null || !insidePlot(layout, pointer.x, pointer.y)) return null;
      const time = layout.x.invert(pointer.x);
      hover = findHover(frame, layout, colors, hidden, time, pointer);
    } else {
      const time = this.#time;
      if (time === null || time < frame.domain[0] || time > frame.domain[1]) return null;
      const position = { x: layout.x(time), y: layout.plot.top + TOOLTIP_TOP };
      hover = findHover(frame, layout, colors, hidden, time, position);
    }
    hover.regions = regionLabelsAt(this.regions, hover.time);
    return hover;
  }

  #drawOverlay(view: CursorView, hover: Hover | null): void {
    const overlay = this.#options.overlay();
    if (overlay === null) return;
    const empty = hover === null && !this.#drag.visible;
    // Clearing an empty canvas would still make the browser upload it again.
    if (empty && this.#dirty === null) return;
    const { width, height } = this.#options.size();
    const pixelRatio = devicePixelRatio();
    const resized =
      overlay.width !== Math.round(width * pixelRatio) ||
      overlay.height !== Math.round(height * pixelRatio);
    const context = prepareCanvas(overlay, width, height, pixelRatio, false);
    if (context === null) return;
    // Clearing only what the last drawing covered is cheaper than clearing the whole canvas.
    const dirty = resized ? null : this.#dirty;
    if (dirty !== null) context.clearRect(dirty.x, dirty.y, dirty.width, dirty.height);
    this.#dirty = null;
    const { layout, colors } = view;
    if (layout === null || colors === null || empty) return;
    if (hover !== null) {
      drawCrosshair(context, layout, hover.x, hover.markers, colors, pixelRatio);
      this.#dirty = crosshairBounds(layout, hover);
      // A synced crosshair shows where the other chart points, without a tooltip of its own.
      const { formatTime, formatValue } = this.#options;
      const box =
        this.#source === 'sync'
          ? null
          : drawTooltip(context, hover, { width, height }, { colors, formatTime, formatValue });
      if (box !== null) this.#dirty = union(this.#dirty, box);
    }
    if (this.#drag.visible) {
      this.#drag.draw(context, layout, colors, view.zoomAxis === 'both');
      const { plot } = layout;
      const band = { x: 0, y: 0, width, height: plot.top + plot.height + 2 };
      this.#dirty = this.#dirty === null ? band : union(this.#dirty, band);
    }
  }

  /** Time of the crosshair when it lies inside the time range shown, else null. */
  #inViewTime(): number | null {
    const { frame } = this.#options.view();
    const current = this.time;
    if (frame === null || current === null) return null;
    return current >= frame.domain[0] && current <= frame.domain[1] ? current : null;
  }

  /** Time of the point a keyboard step moves the crosshair to, or null when there is none. */
  #stepTime(step: CursorStep): number | null {
    const { frame, hidden } = this.#options.view();
    if (frame === null) return null;
    return stepCursor(frame, hidden, this.#inViewTime(), step);
  }

  #showKeyboard(time: number): void {
    this.#source = 'keyboard';
    this.#time = time;
    this.#render(true);
  }

  /** Text announced for a range, such as `Selected 2024-01-01 00:00:01 to 2024-01-01 00:00:04`. */
  #describeRange(verb: string): string {
    const range = this.#drag.selection;
    if (range === null) return '';
    const { formatTime } = this.#options;
    return `${verb} ${formatTime(range[0])} to ${formatTime(range[1])}`;
  }

  /** Text announced for a keyboard step, such as `2024-01-01 00:00:05: cpu 42, mem 7.5`. */
  #describe(hover: Hover): string {
    const values = hover.values.map(
      ({ series, value }) => `${series} ${this.#options.formatValue(value)}`,
    );
    const regions = hover.regions.length > 0 ? `. In ${hover.regions.join(', ')}` : '';
    const list = values.length > 0 ? values.join(', ') : 'no values';
    return `${this.#options.formatTime(hover.time)}: ${list}${regions}`;
  }
}
