import { warnOnce } from '../shared/dev-warnings.js';
import type { ChartLayout } from './chart-scales.js';
import type { ChartColors } from './chart-theme.js';
import { crisp } from './draw-axes.js';

/**
 * A horizontal reference: a line at `value`, such as an alert level, or a band
 * from `from` to `to`, such as a normal operating range.
 */
export interface ChartThreshold {
  value?: number;
  from?: number;
  to?: number;
  /** Text drawn at the right end of the line or the top right of the band. */
  label?: string;
  /** Any CSS colour; defaults to `--obs-threshold-line`. */
  color?: string;
}

/** A threshold with finite bounds, `low` not above `high`; a line has `low === high`. */
export interface ResolvedThreshold {
  low: number;
  high: number;
  label?: string;
  color?: string;
}

/** Opacity of a threshold band's fill. */
const BAND_OPACITY = 0.12;

/** Maximum length of a drawn threshold label, in characters. Longer labels end in an ellipsis. */
const MAX_LABEL_LENGTH = 40;

const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/**
 * Returns the valid thresholds of `input`: entries with a finite numeric
 * `value`, or finite numeric `from` and `to` for a band, with a string `label`
 * and `color` kept only when they are strings. Warns once when it drops
 * anything, and treats a non-array as no thresholds.
 */
export function normalizeThresholds(input: unknown): ResolvedThreshold[] {
  if (input === null || input === undefined) return [];
  if (!Array.isArray(input)) {
    warnOnce(
      'chart-thresholds',
      '<obs-chart> thresholds must be an array of {value, label?, color?} or {from, to, label?, color?}.',
    );
    return [];
  }
  const thresholds: ResolvedThreshold[] = [];
  for (const entry of input) {
    const { value, from, to } = (entry ?? {}) as Record<string, unknown>;
    let bounds: [number, number] | null = null;
    if (isFiniteNumber(value)) bounds = [value, value];
    else if (isFiniteNumber(from) && isFiniteNumber(to))
      bounds = [from, to].sort((a, b) => a - b) as [number, number];
    if (bounds === null) {
      warnOnce(
        'chart-threshold-value',
        '<obs-chart> ignored a threshold without a finite numeric value, or finite from and to.',
      );
      continue;
    }
    const { label, color } = entry as { label?: unknown; color?: unknown };
    const threshold: ResolvedThreshold = { low: bounds[0], high: bounds[1] };
    if (typeof label === 'string' && label !== '') threshold.label = label;
    if (typeof color === 'string' && color !== '') threshold.color = color;
    thresholds.push(threshold);
  }
  return thresholds;
}

/**
 * Draws each threshold inside the plot: a line as a dashed line with its
 * label above the right end, a band as a translucent fill with its label
 * inside the top right corner.
 */
export function drawThresholds(
  context: CanvasRenderingContext2D,
  layout: ChartLayout,
  thresholds: readonly ResolvedThreshold[],
  colors: ChartColors,
  pixelRatio: number,
): void {
  const { plot, y } = layout;
  const right = plot.left + plot.width;
  const bottom = plot.top + plot.height;
  context.save();
  context.setLineDash([6, 4]);
  context.lineWidth = 1;
  context.textAlign = 'right';
  context.textBaseline = 'bottom';
  for (const threshold of thresholds) {
    // Set the default first: an invalid CSS colour leaves the previous style in place.
    context.strokeStyle = colors.threshold;
    context.fillStyle = colors.threshold;
    if (threshold.color !== undefined) {
      context.strokeStyle = threshold.color;
      context.fillStyle = threshold.color;
    }
    if (threshold.low !== threshold.high) {
      const top = Math.max(plot.top, y(threshold.high));
      const low = Math.min(bottom, y(threshold.low));
      if (low <= top) continue;
      context.globalAlpha = BAND_OPACITY;
      context.fillRect(plot.left, top, plot.width, low - top);
      context.globalAlpha = 1;
      if (threshold.label !== undefined) {
        context.textBaseline = 'top';
        context.fillText(truncate(threshold.label), right - 4, top + 2);
        context.textBaseline = 'bottom';
      }
      continue;
    }
    const position = y(threshold.low);
    if (position < plot.top || position > bottom) continue;
    const line = crisp(position, pixelRatio);
    context.beginPath();
    context.moveTo(plot.left, line);
    context.lineTo(right, line);
    context.stroke();
    if (threshold.label !== undefined) {
      context.fillText(truncate(threshold.label), right - 4, line - 2);
    }
  }
  context.restore();
}

function truncate(text: string): string {
  return text.length <= MAX_LABEL_LENGTH ? text : `${text.slice(0, MAX_LABEL_LENGTH - 1)}…`;
}
