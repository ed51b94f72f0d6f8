import { downsampleFrame, type ChartFrame } from './chart-frame.js';
import { layoutChart, valueDomain, type ChartLayout } from './chart-scales.js';
import type { ChartColors } from './chart-theme.js';
import { drawAxes } from './draw-axes.js';
import { drawLine } from './draw-series.js';

/** Font size of axis labels, in CSS pixels. */
export const FONT_SIZE = 11;

/** Canvas size and style of one frame. */
export interface FrameOptions {
  width: number;
  height: number;
  pixelRatio: number;
  colors: ChartColors;
  hidden: ReadonlySet<string>;
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
 * plot's pixel columns, axes, then series clipped to the plot. Returns the
 * layout, which hover reads to map the pointer back to time.
 */
export function drawFrame(
  context: CanvasRenderingContext2D,
  frame: ChartFrame,
  options: FrameOptions,
): ChartLayout {
  const { colors, pixelRatio } = options;
  drawBackground(context, options);
  context.font = `${FONT_SIZE}px ${colors.fontFamily}`;
  const values = valueDomain(frame.min, frame.max);
  const layout = layoutChart(context, options, frame.domain, values, FONT_SIZE);
  const { plot } = layout;
  downsampleFrame(frame, Math.max(1, Math.round(plot.width * pixelRatio)));
  drawAxes(context, layout, colors, pixelRatio);

  context.save();
  context.beginPath();
  // Let a line at the top or bottom value keep its full width.
  context.rect(plot.left, plot.top - 2, plot.width, plot.height + 4);
  context.clip();
  for (const series of frame.series) {
    if (options.hidden.has(series.key)) continue;
    drawLine(context, series.line, layout, colors.series[series.colorSlot]);
  }
  context.restore();
  return layout;
}
