import type { ScaleLinear } from 'd3-scale';
import { warnOnce } from '../shared/dev-warnings.js';

/** Built-in value formats of the `value-format` attribute. */
export type ValueFormatName = 'auto' | 'compact' | 'percent' | 'bytes';
export const VALUE_FORMATS: readonly ValueFormatName[] = ['auto', 'compact', 'percent', 'bytes'];

/** A function that turns a value into the text shown for it. */
export type ValueFormatter = (value: number) => string;

/** Value formatting of one chart: single values in the legend and tooltip, and axis ticks. */
export interface ValueFormat {
  /** Formats one value; empty for a non-finite value. */
  value: ValueFormatter;
  /** Returns a formatter for the ticks of `scale`, precise enough to tell `count` ticks apart. */
  ticks(scale: ScaleLinear<number, number>, count: number): ValueFormatter;
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
const general = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 6 });
const compact = new Intl.NumberFormat(undefined, {
  notation: 'compact',
  maximumSignificantDigits: 3,
});
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumSignificantDigits: 4 });

/** Appends a unit: `42 ms`, but `42%` and `42°` without a space. */
function withUnit(text: string, unit: string): string {
  if (unit === '' || text === '') return text;
  return unit.startsWith('%') || unit.startsWith('°') ? `${text}${unit}` : `${text} ${unit}`;
}

/** Returns the power of 1024 to show `magnitude` bytes in, from 0 (B) to 6 (EiB). */
function bytePower(magnitude: number): number {
  if (!(magnitude >= 1024)) return 0;
  return Math.min(BYTE_UNITS.length - 1, Math.floor(Math.log2(magnitude) / 10));
}

function formatBytes(value: number, power: number, digits: number): string {
  const scaled = value / 1024 ** power;
  const text = digits < 0 ? general.format(scaled) : scaled.toFixed(digits);
  return `${text} ${BYTE_UNITS[power]}`;
}

/** Formats `value`, or returns '' when it is not finite. */
function guard(format: ValueFormatter): ValueFormatter {
  return (value) => (Number.isFinite(value) ? format(value) : '');
}

function builtIn(name: ValueFormatName, unit: string): ValueFormat {
  switch (name) {
    case 'compact':
      return {
        value: guard((value) => withUnit(compact.format(value), unit)),
        ticks: () => guard((value) => withUnit(compact.format(value), unit)),
      };
    case 'percent':
      return {
        value: guard((value) => withUnit(percent.format(value), unit)),
        ticks: (scale, count) => {
          const format = scale.tickFormat(count, '%');
          return guard((value) => withUnit(format(value), unit));
        },
      };
    case 'bytes':
      return {
        value: guard((value) => withUnit(formatBytes(value, bytePower(Math.abs(value)), -1), unit)),
        ticks: (scale, count) => {
          const ticks = scale.ticks(count);
          const largest = Math.max(...ticks.map(Math.abs), 0);
          const power = bytePower(largest);
          const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) / 1024 ** power : 1;
          const digits = Math.min(3, Math.max(0, -Math.floor(Math.log10(step))));
          return guard((value) => withUnit(formatBytes(value, power, digits), unit));
        },
      };
    default:
      return {
        value: guard((value) => withUnit(general.format(value), unit)),
        ticks: (scale, count) => {
          const format = scale.tickFormat(count);
          return guard((value) => withUnit(format(value), unit));
        },
      };
  }
}

/**
 * Wraps a user's formatter so that it cannot break a frame: a throw or a
 * non-string result falls back to `fallback` with a warning. The text is
 * always drawn or bound as text, never parsed as markup.
 */
function custom(formatter: ValueFormatter, fallback: ValueFormatter): ValueFormatter {
  return (value) => {
    if (!Number.isFinite(value)) return '';
    try {
      const text = formatter(value);
      if (typeof text === 'string') return text;
    } catch (error) {
      warnOnce('chart-value-formatter', `<obs-chart> valueFormatter threw: ${String(error)}`);
      return fallback(value);
    }
    warnOnce('chart-value-formatter-type', '<obs-chart> valueFormatter must return a string.');
    return fallback(value);
  };
}

/**
 * Builds the value format of a chart from its `value-format` name, `unit`
 * and optional `valueFormatter` function, which wins over both.
 */
export function makeValueFormat(
  name: ValueFormatName,
  unit: string,
  formatter: unknown,
): ValueFormat {
  const base = builtIn(name, unit);
  if (formatter === null || formatter === undefined) return base;
  if (typeof formatter !== 'function') {
    warnOnce('chart-value-formatter-kind', '<obs-chart> valueFormatter must be a function.');
    return base;
  }
  const wrapped = custom(formatter as ValueFormatter, base.value);
  return { value: wrapped, ticks: () => wrapped };
}
