import type { ChartFrame } from './chart-frame.js';
import type { ChartLayout } from './chart-scales.js';
import type { ChartColors } from './chart-theme.js';
import { crisp } from './draw-axes.js';

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

/** Everything one hover position shows: the time under the pointer and each series' nearest point. */
export interface Hover {
  x: number;
  y: number;
  time: number;
  values: HoveredValue[];
  markers: HoverMarker[];
}

/**
 * Finds the nearest point of each visible series to a pointer position in
 * CSS pixels, or returns null when the pointer is outside the plot.
 */
export function findHover(
  frame: ChartFrame,
  layout: ChartLayout,
  colors: ChartColors,
  hidden: ReadonlySet<string>,
  pointer: { x: number; y: number },
): Hover | null {
  const { plot } = layout;
  const inside =
    pointer.x >= plot.left &&
    pointer.x <= plot.left + plot.width &&
    pointer.y >= plot.top &&
    pointer.y <= plot.top + plot.height;
  if (!inside) return null;
  const time = layout.x.invert(pointer.x).getTime();
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
  return { x: pointer.x, y: pointer.y, time, values, markers };
}
