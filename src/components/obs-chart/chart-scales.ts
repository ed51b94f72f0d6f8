import { scaleLinear, type ScaleLinear } from 'd3-scale';
import { formatTimeTick, timeTicks } from './time-ticks.js';
import type { ValueFormat } from './value-format.js';

/** Time shown on each side of a single instant, so its ticks stay readable. */
const INSTANT_PADDING_MS = 30_000;
/** Earliest time a JavaScript Date holds, in epoch milliseconds; time ticks need valid dates. */
const MIN_DATE_MS = -8.64e15;
/** Approximate spacing of ticks, in CSS pixels. */
const X_TICK_SPACING = 90;
const Y_TICK_SPACING = 40;
const TICK_LENGTH = 4;
const LABEL_GAP = 4;
/** Room right of the plot for half of the last time label. */
const RIGHT_MARGIN = 12;

/** The plot area inside the canvas, in CSS pixels. */
export interface PlotRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Scales, ticks and plot area of one frame. */
export interface ChartLayout {
  /** Canvas size in CSS pixels. */
  width: number;
  height: number;
  plot: PlotRect;
  /**
   * Time scale over epoch milliseconds. A linear scale suffices, as ticks and
   * labels come from time-ticks.ts, and it keeps d3-time out of the bundle.
   */
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  /** Tick times in epoch milliseconds, on round wall-clock times of the chart's time zone. */
  xTicks: number[];
  yTicks: number[];
  /** Formats a time tick; `withClock` gives a time within a minute its full clock time. */
  formatX: (time: number, withClock?: boolean) => string;
  formatY: (value: number) => string;
  fontSize: number;
}

/**
 * Returns the time domain shown: the last `windowSeconds` up to the newest
 * time when the window is positive, otherwise the whole `range`. A range of
 * one instant is padded on both sides. A window reaching past the earliest
 * date starts at that date.
 */
export function timeDomain(
  range: readonly [number, number],
  windowSeconds: number,
): [number, number] {
  const [min, max] = range;
  if (windowSeconds > 0) return [Math.max(MIN_DATE_MS, max - windowSeconds * 1000), max];
  if (max > min) return [min, max];
  return [min - INSTANT_PADDING_MS, max + INSTANT_PADDING_MS];
}

/**
 * Returns a value domain that contains [min, max] and ends on round tick
 * values. A flat series gets 10% of its value (or 1 at zero) on each side.
 * Without finite values it returns [0, 1]. With `includeZero` the domain
 * reaches 0, as filled charts need a baseline.
 */
export function valueDomain(min: number, max: number, includeZero = false): [number, number] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) {
    return [0, 1];
  }
  let low = includeZero ? Math.min(min, 0) : min;
  let high = includeZero ? Math.max(max, 0) : max;
  if (low === high) {
    const padding = Math.abs(low) * 0.1 || 1;
    low -= padding;
    high += padding;
  }
  const [niceLow, niceHigh] = scaleLinear().domain([low, high]).nice().domain();
  return [niceLow, niceHigh];
}

/** The scales of a layout as `pixel = value * scale + offset`, for loops over many points. */
export interface PixelMap {
  xScale: number;
  xOffset: number;
  yScale: number;
  yOffset: number;
}

/**
 * Returns the linear maps of the layout's scales. Calling d3 scales costs
 * more per point, as they convert to Date, interpolate and check clamping.
 */
export function pixelMap(layout: ChartLayout): PixelMap {
  const [t0, t1] = layout.x.domain();
  const [x0, x1] = layout.x.range();
  const [v0, v1] = layout.y.domain();
  const [y0, y1] = layout.y.range();
  const xScale = t1 === t0 ? 0 : (x1 - x0) / (t1 - t0);
  const yScale = v1 === v0 ? 0 : (y1 - y0) / (v1 - v0);
  return { xScale, xOffset: x0 - t0 * xScale, yScale, yOffset: y0 - v0 * yScale };
}

/** Label widths by font and text; cleared when it grows past this many entries. */
const WIDTH_CACHE_LIMIT = 2000;
const labelWidths = new Map<string, number>();
// A web font that finishes loading changes the widths of text in its family.
globalThis.document?.fonts?.addEventListener('loadingdone', () => labelWidths.clear());

/**
 * Returns the width of `text` in the context's current font, in CSS pixels.
 * Axis labels repeat from frame to frame, and measuring text is among the
 * larger fixed costs of a frame, so widths are cached.
 */
export function labelWidth(context: CanvasRenderingContext2D, text: string): number {
  const key = `${context.font}\n${text}`;
  let width = labelWidths.get(key);
  if (width === undefined) {
    if (labelWidths.size >= WIDTH_CACHE_LIMIT) labelWidths.clear();
    width = context.measureText(text).width;
    labelWidths.set(key, width);
  }
  return width;
}

/** Time zone and value format of the axis labels. */
export interface AxisFormat {
  /** IANA time zone of the time ticks and labels. */
  timeZone: string;
  valueFormat: ValueFormat;
}

/**
 * Builds scales and ticks for a canvas of `width` x `height` CSS pixels,
 * measuring value labels with `context` to size the left margin. `fitTimes`,
 * given the plot's width in CSS pixels, can replace the time range, as a
 * chart that lays its columns on fixed times does.
 */
export function layoutChart(
  context: CanvasRenderingContext2D,
  size: { width: number; height: number },
  range: readonly [number, number],
  values: readonly [number, number],
  fontSize: number,
  format: AxisFormat,
  fitTimes: (plotWidth: number) => readonly [number, number] = () => range,
): ChartLayout {
  const top = Math.ceil(fontSize / 2) + 2;
  const bottom = fontSize + TICK_LENGTH + LABEL_GAP + 2;
  const plotHeight = Math.max(0, size.height - top - bottom);

  const y = scaleLinear()
    .domain(values)
    .range([top + plotHeight, top]);
  const yTickCount = Math.max(2, Math.floor(plotHeight / Y_TICK_SPACING));
  const yTicks = y.ticks(yTickCount);
  const formatY = format.valueFormat.ticks(y, yTickCount);
  let widest = 0;
  for (const tick of yTicks) widest = Math.max(widest, labelWidth(context, formatY(tick)));
  const left = Math.ceil(widest) + TICK_LENGTH + LABEL_GAP + 2;
  const right = RIGHT_MARGIN;
  const plotWidth = Math.max(0, size.width - left - right);
  const times = fitTimes(plotWidth);

  const x = scaleLinear()
    .domain(times)
    .range([left, left + plotWidth]);
  const xTickCount = Math.max(2, Math.floor(plotWidth / X_TICK_SPACING));
  const xTicks = timeTicks(times, xTickCount, format.timeZone);
  const formatX = (time: number, withClock = false) =>
    formatTimeTick(time, format.timeZone, undefined, withClock);

  return {
    width: size.width,
    height: size.height,
    plot: { left, top, width: plotWidth, height: plotHeight },
    x,
    y,
    xTicks,
    yTicks,
    formatX,
    formatY,
    fontSize,
  };
}

export { TICK_LENGTH, LABEL_GAP };
