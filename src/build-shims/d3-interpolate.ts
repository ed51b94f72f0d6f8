/**
 * Stands in for d3-interpolate in the script-tag bundles, which alias the package to this
 * module. Two packages import it there:
 * - d3-scale 4.0.3, whose `scaleLinear` maps its range with `interpolate(a, b)` and
 *   `rangeRound` with `interpolateRound`. Every scale in the bundle has a numeric range, and
 *   for numbers d3-interpolate's `interpolate` is `interpolateNumber`. Its other cases parse
 *   colors, dates and strings, and would bring in d3-color with its table of named colors.
 *   `piecewise` serves only the sequential and diverging scales, which the bundle leaves out.
 * - d3-zoom 3.0.1, which calls `interpolateZoom` only inside a zoom transition. The
 *   d3-transition shim beside this module explains why none runs.
 * Importing the real package would keep all of it: its module runs color interpolator factories
 * at load time, which rollup cannot prove free of side effects.
 */

function unsupported(name: string): never {
  throw new Error(
    `d3-interpolate's ${name} is not included in the Observatory script-tag bundle; ` +
      'use the npm build, which includes d3-interpolate.',
  );
}

/** Interpolates linearly between the numbers `a` and `b`. */
export function interpolateNumber(a: number, b: number): (t: number) => number {
  const from = +a;
  const to = +b;
  return (t) => from * (1 - t) + to * t;
}

/** Interpolates linearly between the numbers `a` and `b`, rounded to the nearest integer. */
export function interpolateRound(a: number, b: number): (t: number) => number {
  const linear = interpolateNumber(a, b);
  return (t) => Math.round(linear(t));
}

/** Interpolates between two numbers, as d3-interpolate's `interpolate` does for numbers. */
export function interpolate(a: number, b: unknown): (t: number) => number {
  if (typeof b !== 'number') {
    // typeof, not String(b), as an object without a prototype has no string form.
    const kind = b === null ? 'null' : typeof b;
    throw new TypeError(
      `Cannot interpolate to a ${kind} value: the Observatory script-tag bundle interpolates ` +
        'numbers only; use numeric scale ranges or the npm build.',
    );
  }
  return interpolateNumber(a, b);
}

export function piecewise(): never {
  return unsupported('piecewise');
}

export function interpolateZoom(): never {
  return unsupported('interpolateZoom');
}
