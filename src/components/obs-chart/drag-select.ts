import type { ChartLayout } from './chart-scales.js';
import type { ChartColors } from './chart-theme.js';
import { DRAG_THRESHOLD } from './chart-zoom.js';

/** Kind of modifier drag: Shift draws a zoom box, and Alt, Ctrl or Cmd selects a time range. */
export type DragMode = 'zoom' | 'select';

/** The result of a finished modifier drag, in data coordinates. */
export interface DragResult {
  mode: DragMode;
  times: [number, number];
  /** Value range of the box, bottom first. */
  values: [number, number];
}

/** Opacity of the fill of a zoom box or a selected range. */
const FILL_OPACITY = 0.15;

/** Returns the drag mode a pointer press starts, or null for a plain press. */
export function dragMode(event: PointerEvent): DragMode | null {
  if (event.button !== 0) return null;
  if (event.shiftKey) return 'zoom';
  if (event.altKey || event.ctrlKey || event.metaKey) return 'select';
  return null;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/**
 * Modifier drags over the plot: a zoom box, or a time range selection that
 * stays drawn until the next press or `clear()`. Positions are CSS pixels
 * relative to the canvas, clamped into the plot.
 */
export class DragSelect {
  /** The last selected time range, drawn as a band. */
  selection: [number, number] | null = null;
  #drag: {
    mode: DragMode;
    pointerId: number;
    x0: number;
    y0: number;
    x1: number;
    y1: number;
  } | null = null;

  get active(): boolean {
    return this.#drag !== null;
  }

  /** True when `draw` has something to draw. */
  get visible(): boolean {
    return this.#drag !== null || this.selection !== null;
  }

  /**
   * Starts a drag for a press with a modifier. Returns true when the press
   * belongs to it. A Shift press is ignored unless `zoom` allows zoom boxes.
   */
  pointerDown(event: PointerEvent, layout: ChartLayout | null, zoom: boolean): boolean {
    const mode = dragMode(event);
    if (mode === null || layout === null || (mode === 'zoom' && !zoom)) return false;
    const { plot } = layout;
    const x = clamp(event.offsetX, plot.left, plot.left + plot.width);
    const y = clamp(event.offsetY, plot.top, plot.top + plot.height);
    this.#drag = { mode, pointerId: event.pointerId, x0: x, y0: y, x1: x, y1: y };
    this.selection = null;
    event.preventDefault();
    const target = event.currentTarget as Element | null;
    try {
      target?.setPointerCapture(event.pointerId);
    } catch (error) {
      // A pointer that is no longer active cannot be captured. The drag then
      // continues only while the pointer stays over the chart.
      if (!(error instanceof DOMException)) throw error;
    }
    return true;
  }

  /** Extends the drag. Returns true when the move belongs to it. */
  pointerMove(event: PointerEvent, layout: ChartLayout | null): boolean {
    const drag = this.#drag;
    if (drag === null || drag.pointerId !== event.pointerId || layout === null) return false;
    const { plot } = layout;
    drag.x1 = clamp(event.offsetX, plot.left, plot.left + plot.width);
    drag.y1 = clamp(event.offsetY, plot.top, plot.top + plot.height);
    return true;
  }

  /**
   * Ends the drag and returns its range, or null when the pointer moved less
   * than the drag threshold or the press was not a modifier drag.
   */
  pointerUp(event: PointerEvent, layout: ChartLayout | null): DragResult | null {
    const drag = this.#drag;
    if (drag === null || drag.pointerId !== event.pointerId) return null;
    this.pointerMove(event, layout);
    this.#drag = null;
    if (layout === null || Math.abs(drag.x1 - drag.x0) < DRAG_THRESHOLD) return null;
    const times = [layout.x.invert(drag.x0), layout.x.invert(drag.x1)];
    times.sort((a, b) => a - b);
    const values = [layout.y.invert(drag.y0), layout.y.invert(drag.y1)];
    values.sort((a, b) => a - b);
    const result: DragResult = {
      mode: drag.mode,
      times: [times[0], times[1]],
      values: [values[0], values[1]],
    };
    if (drag.mode === 'select') this.selection = result.times;
    return result;
  }

  /** Stops a drag without a result, as when the pointer is cancelled. */
  cancel(): void {
    this.#drag = null;
  }

  clear(): void {
    this.#drag = null;
    this.selection = null;
  }

  /**
   * Draws the box being dragged, full height unless `fullBox` (a value-axis
   * zoom box), and the last selected range.
   */
  draw(
    context: CanvasRenderingContext2D,
    layout: ChartLayout,
    colors: ChartColors,
    fullBox: boolean,
  ): void {
    const { plot } = layout;
    context.save();
    context.fillStyle = colors.text;
    context.strokeStyle = colors.text;
    context.lineWidth = 1;
    const drag = this.#drag;
    if (drag !== null) {
      const left = Math.min(drag.x0, drag.x1);
      const width = Math.abs(drag.x1 - drag.x0);
      const box = drag.mode === 'zoom' && fullBox;
      const top = box ? Math.min(drag.y0, drag.y1) : plot.top;
      const height = box ? Math.abs(drag.y1 - drag.y0) : plot.height;
      context.globalAlpha = FILL_OPACITY;
      context.fillRect(left, top, width, height);
      context.globalAlpha = 1;
      context.setLineDash(drag.mode === 'zoom' ? [4, 3] : []);
      context.strokeRect(left, top, width, height);
    } else if (this.selection !== null) {
      const left = clamp(layout.x(this.selection[0]), plot.left, plot.left + plot.width);
      const right = clamp(layout.x(this.selection[1]), plot.left, plot.left + plot.width);
      context.globalAlpha = FILL_OPACITY;
      context.fillRect(left, plot.top, right - left, plot.height);
    }
    context.restore();
  }
}
