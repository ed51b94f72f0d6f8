import { line as lineShape } from 'd3-shape';
import type { Polyline } from '../../core/downsample.js';
import type { ChartLayout } from './chart-scales.js';

/** Line width of a series, in CSS pixels. */
export const LINE_WIDTH = 1.5;
/** Radius of the dot drawn for a point with no neighbours to join, in CSS pixels. */
export const DOT_RADIUS = 2;

/**
 * Strokes `points` as a line that breaks at every NaN value. A run that
 * covers less than a pixel, such as one point between two gaps, is drawn as
 * a dot, because a canvas draws nothing for a zero-length line.
 */
export function drawLine(
  context: CanvasRenderingContext2D,
  points: Polyline,
  layout: ChartLayout,
  color: string,
): void {
  const { x, y } = layout;
  const values = points.values;
  const path = lineShape<number>()
    .x((time) => x(time))
    .y((_, index) => y(values[index]))
    .defined((_, index) => !Number.isNaN(values[index]))
    .context(context);
  context.save();
  context.strokeStyle = color;
  context.fillStyle = color;
  context.lineWidth = LINE_WIDTH;
  context.lineJoin = 'round';
  context.lineCap = 'round';
  context.beginPath();
  path(points.times.subarray(0, points.length));
  context.stroke();
  drawShortRuns(context, points, layout);
  context.restore();
}

/** Fills a dot for each run of finite values whose extent is under one pixel. */
function drawShortRuns(context: CanvasRenderingContext2D, points: Polyline, layout: ChartLayout) {
  const { x, y } = layout;
  let start = 0;
  for (let end = 0; end <= points.length; end++) {
    if (end < points.length && !Number.isNaN(points.values[end])) continue;
    if (end > start) {
      let minX = Infinity;
      let maxX = -Infinity;
      let minY = Infinity;
      let maxY = -Infinity;
      for (let i = start; i < end; i++) {
        const px = x(points.times[i]);
        const py = y(points.values[i]);
        minX = Math.min(minX, px);
        maxX = Math.max(maxX, px);
        minY = Math.min(minY, py);
        maxY = Math.max(maxY, py);
      }
      if (maxX - minX < 1 && maxY - minY < 1) {
        context.beginPath();
        context.arc(minX, minY, DOT_RADIUS, 0, Math.PI * 2);
        context.fill();
      }
    }
    start = end + 1;
  }
}
