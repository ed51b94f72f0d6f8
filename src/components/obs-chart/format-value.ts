const formatter = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 6 });

/** Formats a value for the legend and tooltip in the user's locale; empty for a non-finite value. */
export function formatValue(value: number): string {
  return Number.isFinite(value) ? formatter.format(value) : '';
}
