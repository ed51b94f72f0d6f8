/** One data row of a replay file. */
export interface CsvRow {
  /** 1-based line number in the file, for error messages and tracing a point back to its row. */
  line: number;
  /** Epoch milliseconds. */
  timestamp: number;
  value: number;
}

/** A replay file that cannot be read or parsed. The message names the file and, where known, the line. */
export class ReplayFileError extends Error {
  override name = 'ReplayFileError';
}

// `YYYY-MM-DD`, optionally with `HH:MM[:SS[.fraction]]` after a space or `T`, and an optional zone.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;
const EPOCH_MS = /^-?\d+(\.\d+)?$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
/** Maximum length of a bad field or header quoted in an error message. */
const MAX_QUOTED = 80;

/** Shortens text quoted in an error message, so one huge field cannot flood the terminal. */
function clip(text: string): string {
  return text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}...` : text;
}

/**
 * Parses a replay timestamp into epoch milliseconds: `YYYY-MM-DD HH:MM:SS` (the NAB format),
 * ISO-8601, or epoch milliseconds. A date-time without a zone is UTC, because the zone of the
 * machine that replays a file is not part of the data. Returns NaN for anything else,
 * including impossible dates such as February 30.
 */
export function parseReplayTimestamp(text: string): number {
  if (EPOCH_MS.test(text)) return Number(text);
  const match = DATE_TIME.exec(text);
  if (match === null) return NaN;
  const [year, month, day, hour, minute, second] = match
    .slice(1, 7)
    .map((part) => Number(part ?? 0));
  const fraction = match[7] === undefined ? 0 : Number(`0.${match[7]}`) * 1000;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 2024-02-30 over into March, so a date is valid only if it survives the round trip.
  const check = new Date(utc);
  const valid =
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  if (!valid) return NaN;
  return utc + fraction - zoneOffsetMs(match[8]);
}

function zoneOffsetMs(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
}

/** Splits one CSV line into fields. Handles double-quoted fields with `""` escapes, not line breaks inside quotes. */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted && char === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (char === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  fields.push(field);
  return fields.map((text) => text.trim());
}

/**
 * Parses the text of a replay CSV file. The header must name a `timestamp` and a `value`
 * column; other columns are ignored. Blank lines are skipped. Throws a ReplayFileError that
 * names `fileLabel` and the line of the first malformed row.
 */
export function parseReplayCsv(text: string, fileLabel: string): CsvRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerIndex = lines.findIndex((line) => line.trim() !== '');
  if (headerIndex === -1) {
    throw new ReplayFileError(
      `Replay file ${fileLabel} is empty; it needs a header line 'timestamp,value' and data rows.`,
    );
  }
  const header = splitCsvLine(lines[headerIndex]).map((name) => name.toLowerCase());
  const timeColumn = header.indexOf('timestamp');
  const valueColumn = header.indexOf('value');
  if (timeColumn === -1 || valueColumn === -1) {
    throw new ReplayFileError(
      `Replay file ${fileLabel}, line ${headerIndex + 1}: header is '${clip(lines[headerIndex].trim())}', but it must name the columns timestamp and value, as in 'timestamp,value'.`,
    );
  }
  const rows: CsvRow[] = [];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const line = i + 1;
    const fields = splitCsvLine(lines[i]);
    const where = `Replay file ${fileLabel}, line ${line}`;
    if (fields.length !== header.length) {
      throw new ReplayFileError(
        `${where}: has ${fields.length} fields, but the header has ${header.length}; fix or remove the row.`,
      );
    }
    const timestamp = parseReplayTimestamp(fields[timeColumn]);
    if (!Number.isFinite(timestamp)) {
      throw new ReplayFileError(
        `${where}: timestamp '${clip(fields[timeColumn])}' is invalid; use 'YYYY-MM-DD HH:MM:SS' (UTC), ISO-8601 or epoch milliseconds.`,
      );
    }
    const value = DECIMAL.test(fields[valueColumn]) ? Number(fields[valueColumn]) : NaN;
    if (!Number.isFinite(value)) {
      throw new ReplayFileError(
        `${where}: value '${clip(fields[valueColumn])}' is not a finite number; fix or remove the row.`,
      );
    }
    rows.push({ line, timestamp, value });
  }
  return rows;
}
