import { warnOnce } from '../shared/dev-warnings.js';
import type { ChartLayout } from './chart-scales.js';
import type { ChartColors } from './chart-theme.js';
import { crisp } from './draw-axes.js';

/** A horizontal reference line, such as an alert level. */
export interface ChartThreshold {
  value: number;
  /** Text drawn at the right end of the line. */
  label?: string;
  /** Any CSS colour; defaults to `--obs-threshold-line`. */
  color?: string;
}

/** Maximum length of a drawn threshold label, in characters. Longer labels end in an ellipsis. */
const MAX_LABEL_LENGTH = 40;

/**
 * Returns the valid thresholds of `input`: entries with a finite numeric
 * `value`, with a string `label` and `color` kept only when they are strings.
 * Warns once when it drops anything, and treats a non-array as no thresholds.
 */
export function normalizeThresholds(input: unknown): ChartThreshold[] {
  if (input === null || input === undefined) return [];
  if (!Array.isArray(input)) {
    warnOnce(
      'chart-thresholds',
      '<obs-chart> thresholds must be an array of {value, label?, color?}.',
    );
    return [];
  }
  const thresholds: ChartThreshold[] = [];
  for (const entry of input) {
    const value = (entry as { value?: unknown } | null)?.value;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      warnOnce(
        'chart-threshold-value',
        '<obs-chart> ignored a threshold without a finite numeric value.',
      );
      continue;
    }
    const { label, color } = entry as { label?: unknown; color?: unknown };
    const threshold: ChartThreshold = { value };
    if (typeof label === 'string' && label !== '') threshold.label = label;
    if (typeof color === 'string' && color !== '') threshold.color = color;
    thresholds.push(threshold);
  }
  return thresholds;
}

/** Draws each threshold inside the plot as a dashed line with its label above the right end. */
export function drawThresholds(
  context: CanvasRenderingContext2D,
  layout: ChartLayout,
  thresholds: readonly ChartThreshold[],
  colors: ChartColors,
  pixelRatio: number,
): void {
  const { plot, y } = layout;
  const right = plot.left + plot.width;
  context.save();
  context.setLineDash([6, 4]);
  context.lineWidth = 1;
  context.textAlign = 'right';
  context.textBaseline = 'bottom';
  for (const threshold of thresholds) {
    const position = y(threshold.value);
    if (position < plot.top || position > plot.top + plot.height) continue;
    // Set the default first: an invalid CSS colour leaves the previous style in place.
    context.strokeStyle = colors.threshold;
    context.fillStyle = colors.threshold;
    if (threshold.color !== undefined) {
      context.strokeStyle = threshold.color;
      context.fillStyle = threshold.color;
    }
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
