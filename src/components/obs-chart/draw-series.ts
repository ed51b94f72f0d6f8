import { area as areaShape, line as lineShape } from 'd3-shape';
import type { Polyline } from '../../core/downsample.js';
import { pixelMap, type ChartLayout, type PixelMap } from './chart-scales.js';

/** Line width of a series, in CSS pixels, where it has a point every few pixel columns or fewer. */
export const LINE_WIDTH = 1.5;
/** Device pixel columns per point under which a line is drawn one CSS pixel wide. */
const BUSY_COLUMNS_PER_POINT = 4;
/** Radius of the dot drawn for a point with no neighbours to join, in CSS pixels. */
export const DOT_RADIUS = 2;
/** Opacity of the fill under an area series. */
const AREA_OPACITY = 0.25;
/** Widest bar, in CSS pixels, so a few sparse points do not become slabs. */
const MAX_BAR_WIDTH = 40;

/**
 * Strokes `points` as a line that breaks at every NaN value. A run that
 * covers less than a pixel, such as one point between two gaps, is drawn as
 * a dot, because a canvas draws nothing for a zero-length line.
 *
 * A line with more points than device pixel columns zigzags inside each
 * column, where any width fills the column's range alike, so it is drawn one
 * device pixel wide. Skia rasterises such hairlines on a fast path: on the
 * software canvas of headless Chromium 156, a 4,600-point zigzag takes about
 * 2 ms at one device pixel against 70 to 200 ms at 1.5 pixels. A line with
 * a point every few columns zigzags almost as much and is drawn one CSS
 * pixel wide: 1,000 noisy points over 1,134 columns rasterised in about
 * 7 ms at 1.5 pixels.
 */
export function drawLine(
  context: CanvasRenderingContext2D,
  points: Polyline,
  layout: ChartLayout,
  color: string,
  pixelRatio: number,
): void {
  const map = pixelMap(layout);
  const { xScale, xOffset, yScale, yOffset } = map;
  const values = points.values;
  context.save();
  context.strokeStyle = color;
  context.fillStyle = color;
  const columns = layout.plot.width * pixelRatio;
  const dense = points.length > columns;
  const busy = points.length > columns / BUSY_COLUMNS_PER_POINT;
  if (dense) context.lineWidth = 1 / pixelRatio;
  else context.lineWidth = busy ? 1 : LINE_WIDTH;
  // Round joins cost more than miter joins even on thin lines, where they look the same.
  context.lineJoin = busy ? 'miter' : 'round';
  context.lineCap = 'round';
  context.beginPath();
  if (dense) {
    traceColumns(context, points, map, pixelRatio);
  } else {
    lineShape<number>()
      .x((time) => time * xScale + xOffset)
      .y((_, index) => values[index] * yScale + yOffset)
      .defined((_, index) => !Number.isNaN(values[index]))
      .context(context)(points.times.subarray(0, points.length));
  }
  context.stroke();
  drawShortRuns(context, points, layout);
  context.restore();
}

/**
 * Adds a line through `points` to the context's path with every point moved
 * to the centre of its device pixel column, and at most four vertices per
 * column: where the line enters, its lowest and highest point, and where it
 * leaves, fewer when some of them coincide. Within a column the line is then
 * vertical, which the rasteriser fills far faster than the short slanted
 * segments between points a fraction of a pixel apart, and the column shows
 * the same range of pixels. Non-finite values break the line.
 */
function traceColumns(
  context: CanvasRenderingContext2D,
  points: Polyline,
  map: PixelMap,
  pixelRatio: number,
): void {
  const { xScale, xOffset, yScale, yOffset } = map;
  const { times, values, length } = points;
  let drawing = false;
  let column = NaN;
  let entry = 0;
  let low = 0;
  let high = 0;
  let exit = 0;
  for (let i = 0; i <= length; i++) {
    const value = i < length ? values[i] : NaN;
    const x = i < length ? Math.floor((times[i] * xScale + xOffset) * pixelRatio) : NaN;
    if (drawing && (x !== column || Number.isNaN(value))) {
      const position = (column + 0.5) / pixelRatio;
      context.lineTo(position, entry);
      if (entry === high) {
        if (low !== high) context.lineTo(position, low);
        if (exit !== low) context.lineTo(position, exit);
      } else {
        if (low !== entry) context.lineTo(position, low);
        context.lineTo(position, high);
        if (exit !== high) context.lineTo(position, exit);
      }
    }
    if (Number.isNaN(value)) {
      drawing = false;
      continue;
    }
    const y = value * yScale + yOffset;
    if (!drawing || x !== column) {
      if (!drawing) context.moveTo((x + 0.5) / pixelRatio, y);
      drawing = true;
      column = x;
      entry = y;
      low = y;
      high = y;
    }
    if (y < low) low = y;
    if (y > high) high = y;
    exit = y;
  }
}

/** Fills a dot for each run of finite values whose extent is under one pixel. */
function drawShortRuns(context: CanvasRenderingContext2D, points: Polyline, layout: ChartLayout) {
  const { xScale, xOffset, yScale, yOffset } = pixelMap(layout);
  const { times, values } = points;
  let start = 0;
  for (let end = 0; end <= points.length; end++) {
    if (end < points.length && !Number.isNaN(values[end])) continue;
    // Times are sorted, so the first and last point give the run's width. Most runs are wider.
    if (end > start && (times[end - 1] - times[start]) * xScale < 1) {
      let minY = Infinity;
      let maxY = -Infinity;
      for (let i = start; i < end; i++) {
        const py = values[i] * yScale + yOffset;
        minY = Math.min(minY, py);
        maxY = Math.max(maxY, py);
      }
      if (maxY - minY < 1) {
        context.beginPath();
        context.arc(times[start] * xScale + xOffset, minY, DOT_RADIUS, 0, Math.PI * 2);
        context.fill();
      }
    }
    start = end + 1;
  }
}

/** Returns the y position of value 0, clamped into the plot, which filled series grow from. */
export function baselineY(layout: ChartLayout): number {
  const { plot, y } = layout;
  return Math.min(plot.top + plot.height, Math.max(plot.top, y(0)));
}

/** Fills the area between the line and zero, then strokes the line on top. */
export function drawArea(
  context: CanvasRenderingContext2D,
  points: Polyline,
  layout: ChartLayout,
  color: string,
  pixelRatio: number,
): void {
  const { xScale, xOffset, yScale, yOffset } = pixelMap(layout);
  const values = points.values;
  const baseline = baselineY(layout);
  const path = areaShape<number>()
    .x((time) => time * xScale + xOffset)
    .y0(baseline)
    .y1((_, index) => values[index] * yScale + yOffset)
    .defined((_, index) => !Number.isNaN(values[index]))
    .context(context);
  context.save();
  context.fillStyle = color;
  context.globalAlpha = AREA_OPACITY;
  context.beginPath();
  path(points.times.subarray(0, points.length));
  context.fill();
  context.restore();
  drawLine(context, points, layout, color, pixelRatio);
}

/** Fills a dot for every point. */
export function drawScatter(
  context: CanvasRenderingContext2D,
  points: Polyline,
  layout: ChartLayout,
  color: string,
): void {
  const { x, y } = layout;
  context.save();
  context.fillStyle = color;
  context.beginPath();
  for (let i = 0; i < points.length; i++) {
    const value = points.values[i];
    if (Number.isNaN(value)) continue;
    const px = x(points.times[i]);
    const py = y(value);
    context.moveTo(px + DOT_RADIUS, py);
    context.arc(px, py, DOT_RADIUS, 0, Math.PI * 2);
  }
  context.fill();
  context.restore();
}

/** Position of one series among the series drawn side by side as bars. */
export interface BarSlot {
  index: number;
  count: number;
}

/**
 * Fills a bar from zero to each value. Bars are as wide as the closest two
 * points allow, and series share each bar's width side by side. Where points
 * are denser than pixels, the bars of one pixel column overlap, and the
 * downsampled minimum and maximum reach the same extent as every bar would.
 */
export function drawBars(
  context: CanvasRenderingContext2D,
  points: Polyline,
  layout: ChartLayout,
  color: string,
  slot: BarSlot,
): void {
  const { x, y } = layout;
  const groupWidth = Math.min(MAX_BAR_WIDTH, Math.max(1, closestSpacing(points, layout) * 0.8));
  const barWidth = Math.max(1, groupWidth / slot.count);
  const offset = -groupWidth / 2 + slot.index * (groupWidth / slot.count);
  const baseline = baselineY(layout);
  context.save();
  context.fillStyle = color;
  for (let i = 0; i < points.length; i++) {
    const value = points.values[i];
    if (Number.isNaN(value)) continue;
    const top = y(value);
    const left = x(points.times[i]) + offset;
    context.fillRect(left, Math.min(top, baseline), barWidth, Math.abs(top - baseline));
  }
  context.restore();
}

/** Returns the smallest horizontal distance between neighbouring points, in CSS pixels. */
function closestSpacing(points: Polyline, layout: ChartLayout): number {
  let closest = Infinity;
  for (let i = 1; i < points.length; i++) {
    const spacing = layout.x(points.times[i]) - layout.x(points.times[i - 1]);
    if (spacing > 0 && spacing < closest) closest = spacing;
  }
  // A lone point has no neighbour, so it gets the widest bar.
  return Number.isFinite(closest) ? closest : MAX_BAR_WIDTH / 0.8;
}
