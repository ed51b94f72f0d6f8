/**
 * Stands in for d3-format in the script-tag bundles, which alias the package to this module.
 * Only d3-scale 4.0.3 imports it there, for `scaleLinear().tickFormat(count, specifier)`, and
 * `<obs-chart>` calls that with no specifier, which d3-scale reads as `,f`, or with `%`. For
 * those two types d3-scale adds a precision, so this module formats exactly the specifiers
 * `[,][.precision]f` and `[,][.precision]%`, with the same text as d3-format 3.1's default
 * locale: `,` between thousands, `.` before decimals and `−` (U+2212) as the minus sign.
 * Other specifiers, such as `$`, `s` or a width, throw an error that names the npm build.
 * The real package kept its SI-prefix, currency, padding and numeral code in the bundle, as
 * its module builds the default locale when it loads. The shim saves 0.57 KB gzipped.
 */

/** The `[[fill]align][sign][symbol][0][width][,][.precision][~][type]` specifier syntax. */
const SPECIFIER = /^(?:(.)?([<>=^]))?([+\-( ])?([$#])?(0)?(\d+)?(,)?(\.\d+)?(~)?([a-z%])?$/i;
const MINUS = '\u2212';

/** A parsed specifier, with the field names and defaults of d3-format's FormatSpecifier. */
export interface FormatSpecifier {
  fill: string;
  align: string;
  sign: string;
  symbol: string;
  zero: boolean;
  width: number | undefined;
  comma: boolean;
  precision: number | undefined;
  trim: boolean;
  type: string;
}

/** Parses a specifier, or returns a copy of a parsed one, as d3-format's formatSpecifier does. */
export function formatSpecifier(specifier: string | FormatSpecifier): FormatSpecifier {
  const match = SPECIFIER.exec(String(specifier));
  if (match === null) throw new Error(`invalid format: ${String(specifier)}`);
  const parsed: FormatSpecifier = {
    fill: match[1] ?? ' ',
    align: match[2] ?? '>',
    sign: match[3] ?? '-',
    symbol: match[4] ?? '',
    zero: match[5] !== undefined,
    width: match[6] === undefined ? undefined : Number(match[6]),
    comma: match[7] !== undefined,
    precision: match[8] === undefined ? undefined : Number(match[8].slice(1)),
    trim: match[9] !== undefined,
    type: match[10] ?? '',
  };
  // d3-scale passes the specifier object back to `format`, which reads it as text.
  return Object.assign(parsed, { toString: () => specifierText(parsed) });
}

function specifierText(specifier: FormatSpecifier): string {
  const { fill, align, sign, symbol, zero, width, comma, precision, trim, type } = specifier;
  return (
    fill +
    align +
    sign +
    symbol +
    (zero ? '0' : '') +
    (width === undefined ? '' : Math.max(1, width | 0)) +
    (comma ? ',' : '') +
    (precision === undefined ? '' : `.${Math.max(0, precision | 0)}`) +
    (trim ? '~' : '') +
    type
  );
}

function isSupported(specifier: FormatSpecifier): boolean {
  const { fill, align, sign, symbol, zero, width, trim, type } = specifier;
  const plain = fill === ' ' && align === '>' && sign === '-' && symbol === '' && !zero;
  return plain && width === undefined && !trim && (type === 'f' || type === '%');
}

function unsupported(feature: string): never {
  throw new Error(
    `d3-format's ${feature} is not included in the Observatory script-tag bundle, which formats ` +
      "the types 'f' and '%' with an optional ',' and precision only; use the npm build, " +
      'which includes d3-format.',
  );
}

/** Inserts `,` between each group of three digits of a string of digits. */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+$)/g, ',');
}

/**
 * Returns a function that formats a number by `specifier`, as d3-format's default locale
 * does for the types `f` and `%`.
 */
export function format(specifier: string | FormatSpecifier): (value: number) => string {
  const parsed = formatSpecifier(specifier);
  if (!isSupported(parsed)) return unsupported(`format('${String(specifier)}')`);
  const { comma, type } = parsed;
  const precision = Math.max(0, Math.min(20, parsed.precision ?? 6));
  const percent = type === '%';
  return (input) => {
    const value = +input;
    let negative = value < 0 || 1 / value < 0;
    const magnitude = Math.abs(value);
    const fixed = Number.isNaN(value)
      ? 'NaN'
      : (percent ? magnitude * 100 : magnitude).toFixed(precision);
    // Like d3-format, a value that rounds to zero loses its minus sign.
    if (negative && +fixed === 0) negative = false;
    // Only the digits before the first other character are grouped. The rest follows them
    // unchanged: the decimals, or the `e+21` of a value that toFixed prints in exponent form.
    const end = fixed.search(/\D/);
    const whole = end === -1 ? fixed : fixed.slice(0, end);
    const rest = end === -1 ? '' : fixed.slice(end);
    return (
      (negative ? MINUS : '') +
      (comma ? groupThousands(whole) : whole) +
      rest +
      (percent ? '%' : '')
    );
  };
}

export function formatPrefix(specifier: string): never {
  return unsupported(`formatPrefix('${specifier}')`);
}

/**
 * Returns the digits of `x` without the decimal point and its exponent, as d3-format's
 * formatDecimalParts does, or null for zero and non-finite numbers.
 */
function decimalParts(x: number): [string, number] | null {
  if (!Number.isFinite(x) || x === 0) return null;
  const text = x.toExponential();
  const e = text.indexOf('e');
  const coefficient = text.slice(0, e);
  const digits = coefficient.length > 1 ? coefficient[0] + coefficient.slice(2) : coefficient;
  return [digits, Number(text.slice(e + 1))];
}

/** Returns the decimal exponent of `x`, or NaN for zero and non-finite numbers. */
function exponent(x: number): number {
  const parts = decimalParts(Math.abs(x));
  return parts === null ? NaN : parts[1];
}

/** Returns the precision of a fixed-point format for a tick step, as d3-format's does. */
export function precisionFixed(step: number): number {
  return Math.max(0, -exponent(Math.abs(step)));
}

/** Returns the precision of an SI-prefix format for a tick step, as d3-format's does. */
export function precisionPrefix(step: number, value: number): number {
  const prefixExponent = Math.max(-8, Math.min(8, Math.floor(exponent(value) / 3))) * 3;
  return Math.max(0, prefixExponent - exponent(Math.abs(step)));
}

/** Returns the significant digits a tick step needs up to `max`, as d3-format's does. */
export function precisionRound(step: number, max: number): number {
  const magnitude = Math.abs(step);
  const span = Math.abs(max) - magnitude;
  return Math.max(0, exponent(span) - exponent(magnitude)) + 1;
}
