import {
  downsampleFrame,
  gridDomain,
  needsGrid,
  type ChartFrame,
  type FrameSeries,
} from './chart-frame.js';
import type { ChartType } from './chart-options.js';
import { layoutChart, valueDomain, type AxisFormat, type ChartLayout } from './chart-scales.js';
import type { ChartColors } from './chart-theme.js';
import { drawAxes } from './draw-axes.js';
import { drawRegions, type ResolvedRegion } from './draw-regions.js';
import { drawArea, drawBars, drawLine, drawScatter } from './draw-series.js';
import { drawThresholds, type ResolvedThreshold } from './draw-thresholds.js';

/** Font size of axis labels, in CSS pixels. */
export const FONT_SIZE = 11;

/** Canvas size and style of one frame. */
export interface FrameOptions {
  width: number;
  height: number;
  pixelRatio: number;
  colors: ChartColors;
  hidden: ReadonlySet<string>;
  type: ChartType;
  thresholds: readonly ResolvedThreshold[];
  regions: readonly ResolvedRegion[];
  format: AxisFormat;
  /** Value range fixed by a value-axis zoom, or null to fit the data. */
  values: readonly [number, number] | null;
  /** True while the chart follows the newest data rather than a zoomed or panned range. */
  following: boolean;
}

/** Fills the canvas with the background colour. */
export function drawBackground(
  context: CanvasRenderingContext2D,
  options: Pick<FrameOptions, 'width' | 'height' | 'colors'>,
): void {
  context.fillStyle = options.colors.background;
  context.fillRect(0, 0, options.width, options.height);
}

/**
 * Draws one frame in fixed phases: scales and layout, downsampling to the
 * plot's pixels, axes, regions, then series clipped to the plot, then
 * thresholds. Returns the layout, which hover reads to map the pointer back
 * to time.
 */
export function drawFrame(
  context: CanvasRenderingContext2D,
  frame: ChartFrame,
  options: FrameOptions,
): ChartLayout {
  const { colors, pixelRatio, type } = options;
  drawBackground(context, options);
  context.font = `${FONT_SIZE}px ${colors.fontFamily}`;
  const filled = type === 'area' || type === 'bar';
  const values = options.values ?? fitValues(frame, options.thresholds, filled);
  const columnsOf = (plotWidth: number) => Math.max(1, Math.round(plotWidth * pixelRatio));
  // A following dense line keeps its columns on fixed times, so most of them can be reused.
  const gridFor = (plotWidth: number) =>
    options.following && type !== 'scatter' && needsGrid(frame, columnsOf(plotWidth))
      ? gridDomain(frame.domain, columnsOf(plotWidth))
      : null;
  const { format } = options;
  const layout = layoutChart(context, options, frame.domain, values, FONT_SIZE, format, (width) => {
    return gridFor(width) ?? frame.domain;
  });
  const { plot } = layout;
  const grid = gridFor(plot.width);
  if (grid !== null) frame.domain = grid;
  const columns = columnsOf(plot.width);
  const rows = Math.max(1, Math.round(plot.height * pixelRatio));
  downsampleFrame(frame, type, { columns, rows, values }, grid !== null);
  drawAxes(context, layout, colors, pixelRatio);
  drawRegions(context, layout, options.regions, colors);

  context.save();
  context.beginPath();
  // Let a line at the top or bottom value keep its full width.
  context.rect(plot.left, plot.top - 2, plot.width, plot.height + 4);
  context.clip();
  const visible = frame.series.filter((series) => !options.hidden.has(series.key));
  visible.forEach((series, index) => {
    drawSeries(context, series, layout, options, { index, count: visible.length });
  });
  context.restore();
  drawThresholds(context, layout, options.thresholds, colors, pixelRatio);
  return layout;
}

/** Returns the value range that fits the data and, so an alert level stays in view, the thresholds. */
function fitValues(
  frame: ChartFrame,
  thresholds: readonly ResolvedThreshold[],
  filled: boolean,
): [number, number] {
  let min = frame.min;
  let max = frame.max;
  for (const threshold of thresholds) {
    min = Math.min(min, threshold.low);
    max = Math.max(max, threshold.high);
  }
  return valueDomain(min, max, filled);
}

function drawSeries(
  context: CanvasRenderingContext2D,
  series: FrameSeries,
  layout: ChartLayout,
  options: FrameOptions,
  position: { index: number; count: number },
): void {
  const color = options.colors.series[series.colorSlot];
  switch (options.type) {
    case 'area':
      drawArea(context, series.line, layout, color, options.pixelRatio);
      break;
    case 'scatter':
      drawScatter(context, series.line, layout, color);
      break;
    case 'bar':
      drawBars(context, series.line, layout, color, position);
      break;
    default:
      drawLine(context, series.line, layout, color, options.pixelRatio);
  }
}
