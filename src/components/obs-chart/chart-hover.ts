import type { ChartFrame } from './chart-frame.js';
import type { ChartLayout } from './chart-scales.js';
import type { ChartColors } from './chart-theme.js';
import { crisp } from './draw-axes.js';

/** Points a keyboard step skips at most to step over a gap of non-finite values. */
const MAX_GAP_SCAN = 1000;

/** Value of one series nearest to the hovered time. */
export interface ObsHoverValue {
  /** Series name: the category or source, as `series-by` selects. */
  series: string;
  time: number;
  value: number;
}

/** Detail of `obs-hover`. `time` is null when the pointer left the plot. */
export interface ObsHoverDetail {
  time: number | null;
  values: ObsHoverValue[];
}

/** A marker on the overlay: the position of a hovered point and its series colour. */
export interface HoverMarker {
  x: number;
  y: number;
  color: string;
}

/** Draws the crosshair at `x` and a ring around each hovered point. */
export function drawCrosshair(
  context: CanvasRenderingContext2D,
  layout: ChartLayout,
  x: number,
  markers: readonly HoverMarker[],
  colors: ChartColors,
  pixelRatio: number,
): void {
  const { plot } = layout;
  context.save();
  context.strokeStyle = colors.text;
  context.globalAlpha = 0.6;
  context.lineWidth = 1 / pixelRatio;
  context.beginPath();
  const position = crisp(x, pixelRatio);
  context.moveTo(position, plot.top);
  context.lineTo(position, plot.top + plot.height);
  context.stroke();
  context.globalAlpha = 1;
  context.lineWidth = 2;
  for (const marker of markers) {
    context.beginPath();
    context.arc(marker.x, marker.y, 4, 0, Math.PI * 2);
    context.fillStyle = colors.background;
    context.fill();
    context.strokeStyle = marker.color;
    context.stroke();
  }
  context.restore();
}

/** A hovered series value with the colour it is drawn in. */
export interface HoveredValue extends ObsHoverValue {
  color: string;
}

/** Everything one crosshair position shows: its time and each series' nearest point. */
export interface Hover {
  /** Crosshair and tooltip anchor, in CSS pixels. */
  x: number;
  y: number;
  time: number;
  values: HoveredValue[];
  markers: HoverMarker[];
  /** Labels of the time regions that contain `time`. */
  regions: string[];
}

/** Returns true when the point (x, y) in CSS pixels lies inside the plot. */
export function insidePlot(layout: ChartLayout, x: number, y: number): boolean {
  const { plot } = layout;
  return (
    x >= plot.left && x <= plot.left + plot.width && y >= plot.top && y <= plot.top + plot.height
  );
}

/**
 * Finds the nearest point of each visible series to `time` by binary search,
 * for a crosshair drawn at `position` (CSS pixels).
 */
export function findHover(
  frame: ChartFrame,
  layout: ChartLayout,
  colors: ChartColors,
  hidden: ReadonlySet<string>,
  time: number,
  position: { x: number; y: number },
): Hover {
  const values: HoveredValue[] = [];
  const markers: HoverMarker[] = [];
  for (const series of frame.series) {
    if (hidden.has(series.key)) continue;
    const { summary } = series;
    const index = summary.nearest(time, frame.domain);
    if (index < 0) continue;
    const color = colors.series[series.colorSlot];
    const value = {
      series: series.key,
      time: summary.timeAt(index),
      value: summary.valueAt(index),
      color,
    };
    values.push(value);
    markers.push({ x: layout.x(value.time), y: layout.y(value.value), color });
  }
  return { x: position.x, y: position.y, time, values, markers, regions: [] };
}

/** A crosshair move by the keyboard. */
export type CursorStep = 'next' | 'previous' | 'first' | 'last';

/**
 * Returns the time of the point a keyboard step moves the crosshair to: the
 * nearest point of any visible series after (`next`) or before (`previous`)
 * `from`, or the first or last point shown. Points with a non-finite value are
 * skipped. Without a current time, `next` and `previous` start at the last
 * point. Returns null when no visible point qualifies.
 */
export function stepCursor(
  frame: ChartFrame,
  hidden: ReadonlySet<string>,
  from: number | null,
  step: CursorStep,
): number | null {
  const [start, end] = frame.domain;
  const forward = step === 'next' || step === 'first';
  let anchor: number;
  if (step === 'first') anchor = start;
  else if (step === 'last' || from === null) anchor = end;
  else anchor = from;
  const inclusive = step === 'first' || step === 'last' || from === null;
  let best: number | null = null;
  for (const series of frame.series) {
    if (hidden.has(series.key)) continue;
    const { summary } = series;
    const time = forward
      ? firstFiniteAfter(summary, anchor, inclusive, end)
      : lastFiniteBefore(summary, anchor, inclusive, start);
    if (time === null) continue;
    if (best === null || (forward ? time < best : time > best)) best = time;
  }
  return best;
}

function firstFiniteAfter(
  summary: ChartFrame['series'][number]['summary'],
  anchor: number,
  inclusive: boolean,
  end: number,
): number | null {
  const from = inclusive ? summary.lowerBound(anchor) : summary.upperBound(anchor);
  for (let index = from; index < summary.length && index < from + MAX_GAP_SCAN; index++) {
    const time = summary.timeAt(index);
    if (time > end) return null;
    if (Number.isFinite(summary.valueAt(index))) return time;
  }
  return null;
}

function lastFiniteBefore(
  summary: ChartFrame['series'][number]['summary'],
  anchor: number,
  inclusive: boolean,
  start: number,
): number | null {
  const from = (inclusive ? summary.upperBound(anchor) : summary.lowerBound(anchor)) - 1;
  for (let index = from; index >= 0 && index > from - MAX_GAP_SCAN; index--) {
    const time = summary.timeAt(index);
    if (time < start) return null;
    if (Number.isFinite(summary.valueAt(index))) return time;
  }
  return null;
}
