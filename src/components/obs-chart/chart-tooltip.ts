import type { Hover, HoveredValue } from './chart-hover.js';
import type { ChartColors } from './chart-theme.js';
import type { ValueFormatter } from './value-format.js';

/** Distance between the pointer and the tooltip, in CSS pixels. */
const OFFSET = 12;
/** Font size and line height of the tooltip, in CSS pixels. */
const FONT_SIZE = 12;
const LINE_HEIGHT = 16;
const PADDING_X = 8;
const PADDING_Y = 4;
const SWATCH = 10;
const GAP = 6;
/** Widest tooltip, as a fraction of the canvas width; longer series names are cut. */
const MAX_WIDTH = 0.6;
const ELLIPSIS = '…';

/** A rectangle in CSS pixels. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Returns the time the tooltip shows: that of the hovered point nearest to the crosshair. */
export function tooltipTime(hover: Hover): number {
  let best: HoveredValue | null = null;
  for (const value of hover.values) {
    if (best === null || Math.abs(value.time - hover.time) < Math.abs(best.time - hover.time)) {
      best = value;
    }
  }
  return best === null ? hover.time : best.time;
}

/** Formatters and colours the tooltip draws with. */
export interface TooltipStyle {
  colors: ChartColors;
  formatTime(time: number): string;
  formatValue: ValueFormatter;
}

/**
 * Draws the hover tooltip beside the crosshair, on the side with more room,
 * into the overlay canvas, and returns the area it covers, or null when the
 * hover has no values. Drawing it rather than moving an element keeps a
 * pointer move free of style and layout work. Series names, region labels
 * and values are drawn as text, so markup in them shows as characters.
 */
export function drawTooltip(
  context: CanvasRenderingContext2D,
  hover: Hover,
  size: { width: number; height: number },
  style: TooltipStyle,
): Rect | null {
  if (hover.values.length === 0) return null;
  const { colors } = style;
  const font = `${FONT_SIZE}px ${colors.fontFamily}`;
  context.save();
  context.font = font;
  const time = style.formatTime(tooltipTime(hover));
  const maxText = Math.max(0, size.width * MAX_WIDTH - 2 * PADDING_X);
  const rows = hover.values.map((value) => ({
    name: value.series,
    value: style.formatValue(value.value),
    color: value.color,
  }));
  let width = context.measureText(time).width;
  for (const label of hover.regions) {
    width = Math.max(width, textWidth(context, label, `italic ${font}`));
  }
  const valueWidths = rows.map((row) => context.measureText(row.value).width);
  rows.forEach((row, index) => {
    const fixed = SWATCH + 2 * GAP + valueWidths[index];
    row.name = fitText(context, row.name, maxText - fixed);
    width = Math.max(width, fixed + context.measureText(row.name).width);
  });
  width = Math.ceil(Math.min(width, maxText)) + 2 * PADDING_X;
  const height = (1 + hover.regions.length + rows.length) * LINE_HEIGHT + 2 * PADDING_Y;
  const flip = hover.x > size.width / 2;
  const x = Math.round(flip ? hover.x - OFFSET - width : hover.x + OFFSET);
  const y = Math.round(Math.max(0, Math.min(hover.y - OFFSET, size.height - height)));

  context.fillStyle = colors.background;
  context.strokeStyle = colors.grid;
  context.lineWidth = 1;
  context.beginPath();
  context.roundRect(x + 0.5, y + 0.5, width - 1, height - 1, 4);
  context.fill();
  context.stroke();
  context.beginPath();
  context.rect(x, y, width, height);
  context.clip();

  context.fillStyle = colors.text;
  context.textBaseline = 'middle';
  const left = x + PADDING_X;
  let line = y + PADDING_Y + LINE_HEIGHT / 2;
  context.fillText(time, left, line);
  context.font = `italic ${font}`;
  for (const label of hover.regions) {
    line += LINE_HEIGHT;
    context.fillText(label, left, line);
  }
  context.font = font;
  rows.forEach((row, index) => {
    line += LINE_HEIGHT;
    context.fillStyle = row.color;
    context.fillRect(left, line - SWATCH / 2, SWATCH, SWATCH);
    context.fillStyle = colors.text;
    context.fillText(row.name, left + SWATCH + GAP, line);
    context.globalAlpha = 0.8;
    context.fillText(row.value, x + width - PADDING_X - valueWidths[index], line);
    context.globalAlpha = 1;
  });
  context.restore();
  return { x, y, width, height };
}

function textWidth(context: CanvasRenderingContext2D, text: string, font: string): number {
  const previous = context.font;
  context.font = font;
  const width = context.measureText(text).width;
  context.font = previous;
  return width;
}

/** Returns `text`, or its longest start that fits `maxWidth` with an ellipsis. */
function fitText(context: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (context.measureText(text).width <= maxWidth) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (context.measureText(text.slice(0, middle) + ELLIPSIS).width <= maxWidth) low = middle;
    else high = middle - 1;
  }
  return text.slice(0, low) + ELLIPSIS;
}
