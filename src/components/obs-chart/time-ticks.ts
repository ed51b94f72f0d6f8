import { scaleLinear } from 'd3-scale';
import { zonedToEpoch, zoneOffset } from '../../core/time-format.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;
/** Candidates visited per call at most, so a bad domain cannot loop for long. */
const MAX_CANDIDATES = 5000;
/** Most ticks asked for; more would not fit any screen. */
const MAX_COUNT = 1000;

type Unit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** A tick interval: every `every` units, with its approximate length for choosing between them. */
interface Interval {
  unit: Unit;
  every: number;
  duration: number;
}

/** The same ladder of intervals as d3-scale's time scale, with weeks starting on Monday. */
const INTERVALS: Interval[] = [
  { unit: 'second', every: 1, duration: SECOND },
  { unit: 'second', every: 5, duration: 5 * SECOND },
  { unit: 'second', every: 15, duration: 15 * SECOND },
  { unit: 'second', every: 30, duration: 30 * SECOND },
  { unit: 'minute', every: 1, duration: MINUTE },
  { unit: 'minute', every: 5, duration: 5 * MINUTE },
  { unit: 'minute', every: 15, duration: 15 * MINUTE },
  { unit: 'minute', every: 30, duration: 30 * MINUTE },
  { unit: 'hour', every: 1, duration: HOUR },
  { unit: 'hour', every: 3, duration: 3 * HOUR },
  { unit: 'hour', every: 6, duration: 6 * HOUR },
  { unit: 'hour', every: 12, duration: 12 * HOUR },
  { unit: 'day', every: 1, duration: DAY },
  { unit: 'day', every: 2, duration: 2 * DAY },
  { unit: 'week', every: 1, duration: 7 * DAY },
  { unit: 'month', every: 1, duration: MONTH },
  { unit: 'month', every: 3, duration: 3 * MONTH },
  { unit: 'year', every: 1, duration: YEAR },
];

/** Length in milliseconds and number per enclosing unit of the clock units. */
const CLOCK: Record<'second' | 'minute' | 'hour', { size: number; cycle: number }> = {
  second: { size: SECOND, cycle: 60 },
  minute: { size: MINUTE, cycle: 60 },
  hour: { size: HOUR, cycle: 24 },
};

/**
 * Returns about `count` tick times inside `domain` that fall on round
 * wall-clock times of `zone`, such as every 15 minutes or every local
 * midnight. Ticks under a day are evenly spaced in real time, so when clocks
 * go back an hour label appears twice, and when they go forward one is
 * skipped. Returns no ticks for an empty, inverted or non-finite domain.
 */
export function timeTicks(
  domain: readonly [number, number],
  requested: number,
  zone: string,
): number[] {
  const [start, end] = domain;
  if (!Number.isFinite(start) || !Number.isFinite(end) || !(end > start) || !(requested > 0)) {
    return [];
  }
  const count = Math.min(requested, MAX_COUNT);
  const target = (end - start) / count;
  if (target < SECOND) {
    // Zone offsets are whole seconds, so sub-second ticks fall on round local times too.
    return scaleLinear().domain([start, end]).ticks(count);
  }
  const interval = pickInterval(target);
  if (interval === null || interval.unit === 'year') return yearTicks(start, end, count, zone);
  if (interval.unit === 'second' || interval.unit === 'minute' || interval.unit === 'hour') {
    return clockTicks(start, end, CLOCK[interval.unit], interval.every, zone);
  }
  return calendarTicks(start, end, interval, zone);
}

/** Picks the interval whose length is nearest to `target` by ratio, or null past a year. */
function pickInterval(target: number): Interval | null {
  const index = INTERVALS.findIndex((interval) => interval.duration >= target);
  if (index < 0) return null;
  if (index === 0) return INTERVALS[0];
  const below = INTERVALS[index - 1];
  const above = INTERVALS[index];
  return target / below.duration < above.duration / target ? below : above;
}

/**
 * Walks unit boundaries (whole local seconds, minutes or hours) in real time
 * and keeps those whose local field is a multiple of `every`. After an offset
 * change the walk realigns to the new local boundaries.
 */
function clockTicks(
  start: number,
  end: number,
  unit: { size: number; cycle: number },
  every: number,
  zone: string,
): number[] {
  const ticks: number[] = [];
  let offset = zoneOffset(start, zone);
  let tick = Math.ceil((start + offset) / unit.size) * unit.size - offset;
  for (let visited = 0; tick <= end && visited < MAX_CANDIDATES; visited++) {
    const actual = zoneOffset(tick, zone);
    if (actual !== offset) {
      offset = actual;
      tick = Math.ceil((tick + offset) / unit.size) * unit.size - offset;
      continue;
    }
    const field = Math.floor((tick + offset) / unit.size) % unit.cycle;
    if (((field + unit.cycle) % unit.cycle) % every === 0) ticks.push(tick);
    tick += unit.size;
  }
  return ticks;
}

/** Walks local midnights, Mondays or first days of months in wall-clock time and converts each to an instant. */
function calendarTicks(start: number, end: number, interval: Interval, zone: string): number[] {
  const ticks: number[] = [];
  const cursor = new Date(start + zoneOffset(start, zone));
  const wallEnd = end + zoneOffset(end, zone);
  cursor.setUTCHours(0, 0, 0, 0);
  if (interval.unit === 'week') cursor.setUTCDate(cursor.getUTCDate() - mondayDistance(cursor));
  if (interval.unit === 'month') {
    const month = cursor.getUTCMonth();
    cursor.setUTCMonth(month - (month % interval.every), 1);
  }
  for (let visited = 0; cursor.getTime() <= wallEnd && visited < MAX_CANDIDATES; visited++) {
    const keep = interval.unit !== 'day' || (cursor.getUTCDate() - 1) % interval.every === 0;
    const tick = zonedToEpoch(cursor.getTime(), zone);
    if (keep && tick >= start && tick <= end) ticks.push(tick);
    if (interval.unit === 'month') cursor.setUTCMonth(cursor.getUTCMonth() + interval.every);
    else cursor.setUTCDate(cursor.getUTCDate() + (interval.unit === 'week' ? 7 : 1));
    if (!Number.isFinite(cursor.getTime())) break;
  }
  return ticks;
}

/** Days since the last Monday, 0 on a Monday. */
function mondayDistance(date: Date): number {
  return (date.getUTCDay() + 6) % 7;
}

/** Ticks on local new years, every 1, 2, 5, 10, 20, ... years as d3's linear ticks choose. */
function yearTicks(start: number, end: number, count: number, zone: string): number[] {
  const first = new Date(start + zoneOffset(start, zone)).getUTCFullYear();
  const last = new Date(end + zoneOffset(end, zone)).getUTCFullYear();
  const years = scaleLinear().domain([first, last]).ticks(count);
  const step = Math.max(1, years.length > 1 ? years[1] - years[0] : 1);
  const ticks: number[] = [];
  const cursor = new Date(0);
  for (let year = Math.ceil(first / step) * step; year <= last; year += step) {
    cursor.setUTCFullYear(year, 0, 1);
    cursor.setUTCHours(0, 0, 0, 0);
    const tick = zonedToEpoch(cursor.getTime(), zone);
    if (tick >= start && tick <= end) ticks.push(tick);
    if (ticks.length > MAX_CANDIDATES) break;
  }
  return ticks;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const monthFormats = new Map<string, Intl.DateTimeFormat>();

function cachedFormat(
  cache: Map<string, Intl.DateTimeFormat>,
  locale: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = locale ?? '';
  let format = cache.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    cache.set(key, format);
  }
  return format;
}

/**
 * Formats a tick time in `zone` by the smallest non-zero wall-clock field, as
 * d3's multi-scale time format does: `.250`, `:05`, `14:30` (24-hour), `Jan 5`,
 * `Jan`, or `2024`. Month names follow `locale`, the runtime's by default.
 * With `withClock`, for the first label of an axis, a time within a minute
 * shows its full clock time instead: `14:30:05` or `14:30:05.250`.
 */
export function formatTimeTick(
  ms: number,
  zone: string,
  locale?: string,
  withClock = false,
): string {
  const wall = new Date(ms + zoneOffset(ms, zone));
  if (!Number.isFinite(wall.getTime())) return '';
  const millis = wall.getUTCMilliseconds();
  const seconds = wall.getUTCSeconds();
  // Labels like `:05` or `.250` alone do not say which minute they are in.
  if (withClock && (millis !== 0 || seconds !== 0)) {
    const clock = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(seconds)}`;
    return millis === 0 ? clock : `${clock}.${pad(millis, 3)}`;
  }
  if (millis !== 0) return `.${pad(millis, 3)}`;
  if (seconds !== 0) return `:${pad(seconds)}`;
  if (wall.getUTCMinutes() !== 0 || wall.getUTCHours() !== 0) {
    return `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
  }
  if (wall.getUTCDate() !== 1) {
    return cachedFormat(dayFormats, locale, { month: 'short', day: 'numeric' }).format(wall);
  }
  if (wall.getUTCMonth() !== 0) {
    return cachedFormat(monthFormats, locale, { month: 'short' }).format(wall);
  }
  return String(wall.getUTCFullYear());
}
