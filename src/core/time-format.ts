/** Options for {@link formatTimestamp}. */
export interface TimestampFormatOptions {
  /** Format in UTC rather than the local time zone. Defaults to false. */
  utc?: boolean;
  /** IANA time zone to format in, such as `Europe/Berlin`. Wins over `utc`. */
  timeZone?: string;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * Formats epoch milliseconds as `YYYY-MM-DD HH:MM:SS`, adding `.mmm` when the
 * time has a millisecond part. Returns an empty string for a non-finite or
 * out-of-range time, so a caller can show it as missing.
 */
export function formatTimestamp(ms: number, options: TimestampFormatOptions = {}): string {
  let date = new Date(ms);
  if (!Number.isFinite(date.getTime())) return '';
  let utc = options.utc === true;
  if (options.timeZone !== undefined) {
    // The wall-clock time of the zone, read back with the UTC getters.
    date = new Date(ms + zoneOffset(ms, options.timeZone));
    utc = true;
    if (!Number.isFinite(date.getTime())) return '';
  }
  const year = utc ? date.getUTCFullYear() : date.getFullYear();
  const month = utc ? date.getUTCMonth() : date.getMonth();
  const day = utc ? date.getUTCDate() : date.getDate();
  const hours = utc ? date.getUTCHours() : date.getHours();
  const minutes = utc ? date.getUTCMinutes() : date.getMinutes();
  const seconds = utc ? date.getUTCSeconds() : date.getSeconds();
  const millis = utc ? date.getUTCMilliseconds() : date.getMilliseconds();
  const text = `${pad(year, 4)}-${pad(month + 1)}-${pad(day)} ${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
  return millis === 0 ? text : `${text}.${pad(millis, 3)}`;
}

/**
 * Formats a duration in milliseconds as the largest whole units that fit,
 * such as `5 min`, `1 h 30 min` or `250 ms`. Returns an empty string for a
 * negative or non-finite duration.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const units: [string, number][] = [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['min', 60_000],
    ['s', 1000],
  ];
  const parts: string[] = [];
  let rest = Math.round(ms / 1000) * 1000;
  for (const [name, size] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push(`${count} ${name}`);
    // The largest unit and the one below it are precise enough for a summary.
    if (parts.length > 0 && (count === 0 || parts.length === 2)) break;
  }
  return parts.join(' ');
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Latest time a JavaScript Date holds, in epoch milliseconds. */
const MAX_DATE_MS = 8.64e15;
/** Cached offsets per zone; cleared when it grows past this many entries. */
const OFFSET_CACHE_LIMIT = 4096;

const fieldFormatters = new Map<string, Intl.DateTimeFormat>();
/** Offsets per zone: of whole hours without a change, and of single minutes in hours with one. */
const offsetCache = new Map<string, { hours: Map<number, number>; minutes: Map<number, number> }>();

function fieldFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = fieldFormatters.get(zone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    fieldFormatters.set(zone, formatter);
  }
  return formatter;
}

/** Returns true when `zone` is an IANA time zone name (or `UTC`) that this runtime supports. */
export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone === '') return false;
  try {
    fieldFormatter(zone);
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

/** The runtime's zone, read once, because building an Intl.DateTimeFormat takes about 0.3 ms. */
let localZone: string | null = null;

/** Returns the IANA name of the runtime's own time zone, such as `Europe/Berlin`, or `UTC`. */
export function localTimeZone(): string {
  localZone ??= new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return localZone;
}

/** Offset of `zone` at the start of `minute` (minutes since the epoch), read from Intl. */
function offsetAtMinute(minute: number, zone: string): number {
  // The first or last minute of an hour can fall outside the range of dates, which Intl rejects.
  const instant = Math.min(MAX_DATE_MS, Math.max(-MAX_DATE_MS, minute * MINUTE_MS));
  const fields: Record<string, string> = {};
  for (const part of fieldFormatter(zone).formatToParts(instant)) fields[part.type] = part.value;
  let year = Number(fields.year);
  // en-US writes years before 1 CE as positive numbers with era BC.
  if (fields.era === 'BC' || fields.era === 'B') year = 1 - year;
  const wall = new Date(0);
  wall.setUTCFullYear(year, Number(fields.month) - 1, Number(fields.day));
  wall.setUTCHours(Number(fields.hour), Number(fields.minute), Number(fields.second), 0);
  return wall.getTime() - instant;
}

/**
 * Returns the offset of `zone` from UTC at the instant `ms`, in milliseconds:
 * wall-clock time minus UTC, so +3,600,000 for Berlin in winter. Zone rules
 * change offsets only on whole minutes. An hour whose first and last minute
 * share an offset is cached whole, which assumes that no zone changes its
 * offset and back within one hour. An hour with a change is cached by minute.
 * Throws a RangeError for an unknown zone; returns 0 for a non-finite time.
 */
export function zoneOffset(ms: number, zone: string): number {
  if (!Number.isFinite(ms)) return 0;
  const minute = Math.floor(Math.min(MAX_DATE_MS, Math.max(-MAX_DATE_MS, ms)) / MINUTE_MS);
  let cache = offsetCache.get(zone);
  if (cache === undefined) {
    cache = { hours: new Map(), minutes: new Map() };
    offsetCache.set(zone, cache);
  }
  const hour = Math.floor(minute / 60);
  const cached = cache.hours.get(hour) ?? cache.minutes.get(minute);
  if (cached !== undefined) return cached;
  if (cache.hours.size + cache.minutes.size >= OFFSET_CACHE_LIMIT) {
    cache.hours.clear();
    cache.minutes.clear();
  }
  const first = offsetAtMinute(hour * 60, zone);
  if (first === offsetAtMinute(hour * 60 + 59, zone)) {
    cache.hours.set(hour, first);
    return first;
  }
  const offset = offsetAtMinute(minute, zone);
  cache.minutes.set(minute, offset);
  return offset;
}

/**
 * Converts wall-clock time in `zone`, written as epoch milliseconds of the
 * same wall-clock time in UTC, to the instant it names. A wall-clock time that
 * a daylight-saving change skips moves forward by the size of the change, and
 * one that occurs twice gives the earlier instant, as Temporal's `compatible`
 * disambiguation does.
 */
export function zonedToEpoch(wall: number, zone: string): number {
  const before = wall - zoneOffset(wall - DAY_MS, zone);
  if (before + zoneOffset(before, zone) === wall) return before;
  const after = wall - zoneOffset(wall + DAY_MS, zone);
  if (after + zoneOffset(after, zone) === wall) return after;
  return before;
}
