import { isTemplateResult } from 'lit/directive-helpers.js';
import type { TemplateResult } from 'lit';
import type { Point } from '../../core/types.js';
import { warnOnce } from '../shared/dev-warnings.js';
import { MISSING_TEXT, type ResolvedColumn } from './columns.js';
import { isGridLink, isSafeUrl, linkText, type GridLink } from './links.js';

/** Content of a cell: text, a checked link, a template from the page author, or the error marker. */
export type CellContent =
  | { kind: 'text'; text: string }
  | { kind: 'link'; link: GridLink }
  | { kind: 'template'; template: TemplateResult }
  | { kind: 'error'; message: string };

/** Text of a cell whose formatter threw. */
export const ERROR_TEXT = '#ERROR';

/**
 * Formats epoch milliseconds as `YYYY-MM-DD HH:mm:ss.SSS` in UTC. UTC keeps the
 * column identical for every viewer and matches ISO-8601 timestamps on the
 * wire. Unlike `formatTimestamp` in core, it always prints the milliseconds,
 * so every time in the column has the same width. Dates outside years 0 to
 * 9999 keep the sign and extra digits that `Date.prototype.toISOString` uses.
 */
export function formatTime(time: number): string {
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) return MISSING_TEXT;
  // toISOString prints `YYYY-MM-DDTHH:mm:ss.sssZ` in UTC, or `±YYYYYY-...` outside years 0-9999.
  return date.toISOString().slice(0, -1).replace('T', ' ');
}

/** Formats a number with at most 6 significant digits; non-finite values show as missing. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return MISSING_TEXT;
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  return String(Number(value.toPrecision(6)));
}

/** Default text of a value: numbers and times formatted, objects as JSON, missing as a dash. */
export function formatValue(key: string, value: unknown): string {
  if (value === undefined || value === null) return MISSING_TEXT;
  if (typeof value === 'number')
    return key === 'timestamp' ? formatTime(value) : formatNumber(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value) ?? MISSING_TEXT;
    } catch {
      return String(value);
    }
  }
  return String(value);
}

/**
 * Computes what a cell shows. A column formatter that throws turns this cell
 * into the error marker and warns once per column; the rest of the grid renders.
 */
export function cellContent(
  column: ResolvedColumn,
  value: unknown,
  point: () => Point,
): CellContent {
  if (column.formatter === undefined) return { kind: 'text', text: formatValue(column.key, value) };
  try {
    const output = column.formatter(value, point());
    if (isTemplateResult(output)) return { kind: 'template', template: output };
    if (isGridLink(output)) {
      return isSafeUrl(output.href)
        ? { kind: 'link', link: output }
        : { kind: 'text', text: linkText(output) };
    }
    return { kind: 'text', text: typeof output === 'string' ? output : String(output) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    warnOnce(
      `grid-formatter-${column.key}`,
      `<obs-grid> formatter of column '${column.key}' threw: ${message}. The cell shows ${ERROR_TEXT}.`,
    );
    return { kind: 'error', message };
  }
}
