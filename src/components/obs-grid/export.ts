import type { Store } from '../../core/store.js';
import type { Point } from '../../core/types.js';
import { readCell, type ResolvedColumn } from './columns.js';
import { cellContent, formatValue } from './formatting.js';
import { linkText } from './links.js';
import type { GridSelection } from './selection.js';
import type { RowOrder } from './sorting.js';

/** Options of `exportCsv`. */
export interface CsvExportOptions {
  /** `view` (default): every row shown, in display order. `selection`: the selected rows shown. */
  rows?: 'view' | 'selection';
  /** Whether the first line contains the column labels. Defaults to true. */
  header?: boolean;
}

/**
 * First characters that make spreadsheets read a cell as a formula: = + - @,
 * tab and carriage return, and the full-width forms of the first four.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
/** A plain decimal number such as -3.5 or +1e-9, which spreadsheets read as a number, not a formula. */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Prefixes text that a spreadsheet would run as a formula with an apostrophe,
 * which spreadsheets show as text. Plain numbers such as `-5` stay as they are.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** Quotes a CSV field as RFC 4180 requires: fields with a quote, comma, CR or LF, inner quotes doubled. */
export function quoteCsvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A TSV field has no quoting, so tabs and line breaks inside it become spaces. */
function tsvField(text: string): string {
  return text.replace(/[\t\r\n]/g, ' ');
}

/**
 * Returns the text a cell exports: what a formatter returned when it returned
 * text or a link, and otherwise the default text of the value. Missing values
 * export as an empty field rather than the dash the grid shows.
 */
export function exportText(column: ResolvedColumn, value: unknown, point: () => Point): string {
  const content = cellContent(column, value, point);
  if (content.kind === 'text' && column.formatter !== undefined) return content.text;
  if (content.kind === 'link') return linkText(content.link);
  const missing =
    value === undefined || value === null || (typeof value === 'number' && !Number.isFinite(value));
  return missing ? '' : formatValue(column.key, value);
}

/** The logical rows an export covers, in display order. */
export function exportRows(
  kind: CsvExportOptions['rows'],
  store: Store,
  order: RowOrder,
  selection: GridSelection,
): number[] {
  const rows: number[] = [];
  if (kind !== 'selection') {
    for (let i = 0; i < order.length; i++) rows.push(order.rowAt(i));
    return rows;
  }
  if (selection.size === 0) return rows;
  if (selection.rowsKnown) {
    // A few picked rows in a large view: find their positions instead of reading every row.
    const placed = selection
      .knownRows()
      .map((row) => ({ row, index: order.indexOf(row) }))
      .filter(({ index }) => index >= 0)
      .sort((a, b) => a.index - b.index);
    return placed.map(({ row }) => row);
  }
  for (let i = 0; i < order.length; i++) {
    const row = order.rowAt(i);
    if (selection.has(store.idAt(row), row)) rows.push(row);
  }
  return rows;
}

/** Formats rows as RFC 4180 CSV (CRLF line ends) or as tab-separated text, neutralising formulas. */
export function formatRows(
  format: 'csv' | 'tsv',
  store: Store,
  columns: readonly ResolvedColumn[],
  rows: readonly number[],
  header: boolean,
): string {
  const field = (text: string) => {
    const safe = neutraliseFormula(text);
    return format === 'csv' ? quoteCsvField(safe) : tsvField(safe);
  };
  const separator = format === 'csv' ? ',' : '\t';
  const lines: string[] = [];
  if (header) lines.push(columns.map((column) => field(column.label)).join(separator));
  for (const row of rows) {
    let point: Point | undefined;
    const readPoint = () => (point ??= store.pointAt(row));
    const fields = columns.map((column) =>
      field(exportText(column, readCell(store, column, row), readPoint)),
    );
    lines.push(fields.join(separator));
  }
  if (lines.length === 0) return '';
  return format === 'csv' ? `${lines.join('\r\n')}\r\n` : lines.join('\n');
}
