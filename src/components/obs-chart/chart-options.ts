import { isTimeZone, localTimeZone } from '../../core/time-format.js';
import { warnOnce } from '../shared/dev-warnings.js';

/**
 * Point fields that name a series: one line per category, one per source, or one per
 * category and source pair. `category` draws every source of a category as one line, which
 * zigzags between sources when a category has several.
 */
export type SeriesBy = 'category' | 'source' | 'category-source';
export type ChartType = 'line' | 'area' | 'scatter' | 'bar';
export type ChartTheme = 'auto' | 'light' | 'dark';

export const SERIES_BY: readonly SeriesBy[] = ['category', 'source', 'category-source'];
export const CHART_TYPES: readonly ChartType[] = ['line', 'area', 'scatter', 'bar'];
export const CHART_THEMES: readonly ChartTheme[] = ['auto', 'light', 'dark'];

/**
 * Returns `value` when it is one of `allowed`, otherwise warns once and returns
 * `fallback`. A missing attribute (null or undefined) is not a mistake and
 * returns the fallback silently.
 */
export function parseChoice<T extends string>(
  attribute: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === null || value === undefined) return fallback;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) {
    return value as T;
  }
  warnOnce(
    `chart-${attribute}`,
    `<obs-chart> ${attribute}="${String(value)}" is invalid; expected one of ${allowed.join(', ')}. Using ${fallback}.`,
  );
  return fallback;
}

/**
 * Returns the `window` attribute as seconds, or 0 (the whole held range) with
 * a warning when it is negative or not a finite number.
 */
export function parseWindowSeconds(value: unknown): number {
  if (value === null || value === undefined) return 0;
  const seconds = typeof value === 'number' ? value : Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  warnOnce(
    'chart-window',
    `<obs-chart> window="${String(value)}" is invalid; expected seconds of time shown, 0 or more. Showing the whole held range.`,
  );
  return 0;
}

/**
 * Returns the IANA time zone named by the `time-zone` attribute, or the
 * runtime's own zone when it is unset, blank or `local`. An unknown name
 * warns once and gives the runtime's zone.
 */
export function parseTimeZone(value: unknown): string {
  if (value === null || value === undefined) return localTimeZone();
  const name = String(value).trim();
  if (name === '' || name === 'local') return localTimeZone();
  if (isTimeZone(name)) return name;
  warnOnce(
    'chart-time-zone',
    `<obs-chart> time-zone="${name}" is not a known IANA time zone, such as Europe/Berlin or UTC. Using ${localTimeZone()}.`,
  );
  return localTimeZone();
}

/** Splits a comma-separated attribute into a set of names; unset or blank gives null (no limit). */
export function nameSet(list: string | null): ReadonlySet<string> | null {
  const names = (list ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return names.length > 0 ? new Set(names) : null;
}

/** Properties of <obs-chart> whose change needs a new frame. */
export const REDRAW_PROPERTIES = [
  'seriesBy',
  'categories',
  'sources',
  'window',
  'theme',
  'label',
  'type',
  'thresholds',
  'regions',
  'timeZone',
  'unit',
  'valueFormat',
  'valueFormatter',
] as const;
