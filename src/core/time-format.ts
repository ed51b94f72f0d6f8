/** Options for {@link formatTimestamp}. */
export interface TimestampFormatOptions {
  /** Format in UTC rather than the local time zone. Defaults to false. */
  utc?: boolean;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * Formats epoch milliseconds as `YYYY-MM-DD HH:MM:SS`, adding `.mmm` when the
 * time has a millisecond part. Returns an empty string for a non-finite or
 * out-of-range time, so a caller can show it as missing.
 */
export function formatTimestamp(ms: number, options: TimestampFormatOptions = {}): string {
  const date = new Date(ms);
  if (!Number.isFinite(date.getTime())) return '';
  const utc = options.utc === true;
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
