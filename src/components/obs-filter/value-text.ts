import { parseIsoTimestamp } from '../../core/point-schema.js';

/** Largest time a `Date` can represent, in epoch milliseconds (ECMAScript time value range). */
const MAX_DATE_MS = 8.64e15;

/**
 * Formats epoch milliseconds for an `<input type="datetime-local">`, in UTC.
 * The builder reads and writes that input as UTC because stored timestamps carry
 * no zone and a wall-clock time in the viewer's zone would change with the viewer.
 * Returns '' for a time a `Date` cannot hold.
 */
export function formatDateTime(ms: number): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) return '';
  const iso = new Date(ms).toISOString();
  // Years outside 0000-9999 print as +/-YYYYYY, which datetime-local cannot show.
  if (!iso.startsWith('-') && !iso.startsWith('+')) {
    return ms % 1000 === 0 ? iso.slice(0, 19) : iso.slice(0, 23);
  }
  return '';
}

/**
 * Parses a date-time into epoch milliseconds, or returns NaN.
 * Accepts the datetime-local form (read as UTC), an ISO-8601 date-time with an
 * optional zone, or a plain integer of epoch milliseconds.
 */
export function parseDateTime(text: string): number {
  const trimmed = text.trim();
  if (/^-?\d+$/.test(trimmed)) {
    const ms = Number(trimmed);
    return Math.abs(ms) <= MAX_DATE_MS ? ms : NaN;
  }
  // The datetime-local form is an ISO-8601 date-time without a zone, which points read as UTC.
  return parseIsoTimestamp(trimmed);
}

/** Parses a finite number, or returns NaN for empty or non-numeric text. */
export function parseNumber(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return NaN;
  const number = Number(trimmed);
  return Number.isFinite(number) ? number : NaN;
}

/**
 * Splits a comma-separated list. An item may be double-quoted to contain commas or
 * edge spaces, with `\"` and `\\` as escapes inside quotes. Unquoted items are
 * trimmed and empty items dropped.
 */
export function parseList(text: string): string[] {
  const items: string[] = [];
  let index = 0;
  while (index < text.length) {
    while (text[index] === ' ' || text[index] === '\t') index++;
    if (text[index] === '"') {
      const { value, next } = readQuoted(text, index);
      items.push(value);
      index = text.indexOf(',', next);
      if (index === -1) break;
      index++;
      continue;
    }
    let comma = text.indexOf(',', index);
    if (comma === -1) comma = text.length;
    const item = text.slice(index, comma).trim();
    if (item !== '') items.push(item);
    index = comma + 1;
  }
  return items;
}

/** Reads a double-quoted string starting at `start`; an unclosed quote runs to the end. */
export function readQuoted(text: string, start: number): { value: string; next: number } {
  let value = '';
  let index = start + 1;
  while (index < text.length && text[index] !== '"') {
    if (text[index] === '\\' && index + 1 < text.length) index++;
    value += text[index];
    index++;
  }
  return { value, next: index + 1 };
}

/** Quotes a string for a list or a text query, escaping `\` and `"`. */
export function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (character) => `\\${character}`)}"`;
}

/** Joins list items with commas, quoting the items that `parseList` would otherwise change. */
export function formatList(items: readonly string[]): string {
  return items
    .map((item) => (/^[^,"\s](?:[^,"]*[^,"\s])?$/.test(item) ? item : quote(item)))
    .join(', ');
}
