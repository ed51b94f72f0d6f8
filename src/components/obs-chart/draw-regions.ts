import { warnOnce } from '../shared/dev-warnings.js';
import type { ChartLayout } from './chart-scales.js';
import type { ChartColors } from './chart-theme.js';

/** A time-region annotation, such as a labelled anomaly or maintenance window. */
export interface ChartRegion {
  /** Start of the region: epoch milliseconds, a Date, or an ISO-8601 string. */
  start: number | string | Date;
  /** End of the region, in the same forms as `start`. */
  end: number | string | Date;
  /** Text drawn at the top left of the region and shown in the tooltip inside it. */
  label?: string;
  /** Any CSS colour; defaults to `--obs-region`. */
  color?: string;
}

/** A region with its times resolved to epoch milliseconds, start not after end. */
export interface ResolvedRegion {
  start: number;
  end: number;
  label?: string;
  color?: string;
}

/** Opacity of a region's fill. */
const FILL_OPACITY = 0.14;
/** Maximum length of a drawn region label, in characters. Longer labels end in an ellipsis. */
const MAX_LABEL_LENGTH = 40;

function toTime(value: unknown): number {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string' && value.trim() !== '') return Date.parse(value);
  return NaN;
}

/**
 * Returns the valid regions of `input` with their times in epoch
 * milliseconds. Entries without a finite start and end are dropped with a
 * warning, and a start after the end is swapped. A non-array gives no regions.
 */
export function normalizeRegions(input: unknown): ResolvedRegion[] {
  if (input === null || input === undefined) return [];
  if (!Array.isArray(input)) {
    warnOnce(
      'chart-regions',
      '<obs-chart> regions must be an array of {start, end, label?, color?}.',
    );
    return [];
  }
  const regions: ResolvedRegion[] = [];
  for (const entry of input) {
    const { start, end, label, color } = (entry ?? {}) as Record<string, unknown>;
    const from = toTime(start);
    const to = toTime(end);
    if (!Number.isFinite(from) || !Number.isFinite(to)) {
      warnOnce(
        'chart-region-time',
        '<obs-chart> ignored a region without a valid start and end; use epoch milliseconds, a Date or an ISO-8601 string.',
      );
      continue;
    }
    const region: ResolvedRegion = { start: Math.min(from, to), end: Math.max(from, to) };
    if (typeof label === 'string' && label !== '') region.label = label;
    if (typeof color === 'string' && color !== '') region.color = color;
    regions.push(region);
  }
  return regions;
}

/** Returns the labels of the regions that contain `time`. */
export function regionLabelsAt(regions: readonly ResolvedRegion[], time: number): string[] {
  const labels: string[] = [];
  for (const region of regions) {
    if (region.label !== undefined && time >= region.start && time <= region.end) {
      labels.push(region.label);
    }
  }
  return labels;
}

/** Fills each region across the plot's height, with its label at the top left. */
export function drawRegions(
  context: CanvasRenderingContext2D,
  layout: ChartLayout,
  regions: readonly ResolvedRegion[],
  colors: ChartColors,
): void {
  const { plot, x } = layout;
  const right = plot.left + plot.width;
  context.save();
  context.textAlign = 'left';
  context.textBaseline = 'top';
  for (const region of regions) {
    const left = Math.max(plot.left, x(region.start));
    const end = Math.min(right, x(region.end));
    if (end < left || !Number.isFinite(left) || !Number.isFinite(end)) continue;
    // Set the default first: an invalid CSS colour leaves the previous style in place.
    context.fillStyle = colors.region;
    if (region.color !== undefined) context.fillStyle = region.color;
    context.globalAlpha = FILL_OPACITY;
    // A region shorter than a pixel still shows as a hairline.
    context.fillRect(left, plot.top, Math.max(1, end - left), plot.height);
    if (region.label !== undefined) {
      context.globalAlpha = 1;
      context.fillStyle = colors.text;
      context.fillText(
        truncate(region.label),
        left + 3,
        plot.top + 3,
        Math.max(20, end - left - 6),
      );
    }
  }
  context.restore();
}

function truncate(text: string): string {
  return text.length <= MAX_LABEL_LENGTH ? text : `${text.slice(0, MAX_LABEL_LENGTH - 1)}…`;
}
