// Rollup plugins that keep the parts of d3 and @lit-labs/virtualizer that the script-tag bundles
// do not use out of them.
// docs/bundle.md lists what each one saves; the npm build uses none of them.
import { resolve } from 'node:path';

/**
 * Packages that the script-tag bundles replace with a smaller module of src/build-shims/, which
 * provides exactly what the bundled code uses of them. Each shim's header explains why it is
 * exact.
 */
export const SHIMMED_PACKAGES = ['d3-transition', 'd3-interpolate', 'd3-path', 'd3-format'];

/** Module of @lit-labs/virtualizer that loads its default flow layout. */
const VIRTUALIZER_MODULE = /[\\/]node_modules[\\/]@lit-labs[\\/]virtualizer[\\/]Virtualizer\.js$/;

/**
 * Returns a rollup plugin that resolves each package of SHIMMED_PACKAGES to
 * `<root>/src/build-shims/<package>.ts`, and the virtualizer's import of its flow layout to
 * `<root>/src/build-shims/virtualizer-flow-layout.ts`. An import of the same package from
 * inside a shim resolves to the real package.
 */
export function bundleShims(root = '.') {
  const shims = new Map(
    SHIMMED_PACKAGES.map((name) => [name, resolve(root, 'src/build-shims', `${name}.ts`)]),
  );
  const shimPaths = new Set(shims.values());
  const flowLayout = resolve(root, 'src/build-shims/virtualizer-flow-layout.ts');
  return {
    name: 'bundle-shims',
    resolveId(source, importer) {
      if (source === './layouts/flow.js' && VIRTUALIZER_MODULE.test(importer ?? '')) {
        return flowLayout;
      }
      const shim = shims.get(source);
      if (shim === undefined || (importer !== undefined && shimPaths.has(importer))) return null;
      return shim;
    },
  };
}

/**
 * Selection methods that the bundled code calls: d3-zoom 3.0.1 calls `property`, `on`,
 * `filter`, `style`, `each`, `call` and `datum`, d3-drag 3.0.1 calls `on`, and `<obs-chart>`
 * calls `call`, `on` and `node`. The kept methods call only `each`, `node` and `property` on
 * their selection. `interrupt` and `transition` come from the d3-transition shim.
 */
export const SELECTION_METHODS = [
  'constructor',
  'call',
  'datum',
  'each',
  'filter',
  'node',
  'on',
  'property',
  'style',
];

const D3_SELECTION = /[\\/]node_modules[\\/]d3-selection[\\/]dist[\\/]d3-selection\.mjs$/;
const SELECTION_PROTOTYPE = /(Selection\.prototype = selection\.prototype = \{\n)([^}]*)(\n\};)/;

/**
 * Returns the source of d3-selection with only SELECTION_METHODS on the selection prototype.
 * Rollup cannot drop the unused methods of an object literal, and the data join, DOM editing
 * and namespace support behind them are most of the package. Throws when the prototype literal
 * of d3-selection 3.0.1 is not found, so a version that defines it differently fails the build.
 */
export function trimSelectionPrototype(code) {
  const match = SELECTION_PROTOTYPE.exec(code);
  if (match === null) {
    throw new Error(
      'The selection prototype of d3-selection was not found; check SELECTION_METHODS in ' +
        'scripts/bundle-shims.mjs against the installed d3-selection.',
    );
  }
  const entries = match[2].split(',\n');
  const kept = entries.filter((entry) => {
    const name = /^\s*(\w+):/.exec(entry)?.[1];
    return name !== undefined && SELECTION_METHODS.includes(name);
  });
  // Blank lines in place of the removed entries keep the following lines where they were.
  const body = kept.join(',\n') + '\n'.repeat(entries.length - kept.length);
  return code.replace(SELECTION_PROTOTYPE, (_, start, _entries, end) => start + body + end);
}

/**
 * Methods of the zoom behavior that the bundled code calls: `<obs-chart>` calls `filter`,
 * `touchable`, `clickDistance`, `scaleExtent`, `on` and `transform`, and d3-zoom 3.0.1 calls
 * only `transform` on itself, from its double-click listener.
 */
export const ZOOM_METHODS = [
  'clickDistance',
  'filter',
  'on',
  'scaleExtent',
  'touchable',
  'transform',
];

const D3_ZOOM = /[\\/]node_modules[\\/]d3-zoom[\\/]dist[\\/]d3-zoom\.mjs$/;
/** A method of the zoom behavior, from `  zoom.name = function(` to its closing `  };` line. */
const ZOOM_METHOD = /^ {2}zoom\.(\w+) = function\([^)]*\) \{\n[\s\S]*?\n {2}\};$/gm;
/** Number of methods that `zoom()` of d3-zoom 3.0.1 defines. */
const ZOOM_METHOD_COUNT = 17;

/**
 * Returns the source of d3-zoom without the methods of the zoom behavior that are not in
 * ZOOM_METHODS, such as `scaleBy`, `translateTo` or `interpolate`. `zoom()` assigns each one
 * to the behavior it returns, so rollup keeps them all. Throws when the methods of d3-zoom
 * 3.0.1 are not found, so a version that defines them differently fails the build.
 */
export function trimZoomMethods(code) {
  const names = [...code.matchAll(ZOOM_METHOD)].map((match) => match[1]);
  const missing = ZOOM_METHODS.filter((name) => !names.includes(name));
  if (names.length !== ZOOM_METHOD_COUNT || missing.length > 0) {
    throw new Error(
      `Found ${names.length} zoom methods in d3-zoom, not ${ZOOM_METHOD_COUNT}` +
        (missing.length > 0 ? `, and not ${missing.join(', ')}` : '') +
        '; check ZOOM_METHODS in scripts/bundle-shims.mjs against the installed d3-zoom.',
    );
  }
  // Blank lines in place of a removed method keep the following lines where they were.
  return code.replace(ZOOM_METHOD, (method, name) =>
    ZOOM_METHODS.includes(name) ? method : '\n'.repeat(method.split('\n').length - 1),
  );
}

const D3_SHAPE = /[\\/]node_modules[\\/]d3-shape[\\/]dist[\\/]d3-shape\.mjs$/;
/** Start of each call in d3-shape that builds a configurable curve when the module loads. */
const CURVE_FACTORY_CALL = /= \(function custom\(/g;

/**
 * Marks the curve factory calls of d3-shape as free of side effects. Each call only builds a
 * function and sets a property on it, but rollup keeps such calls, and with them the bundle,
 * cardinal and Catmull-Rom curves, which the chart never draws.
 */
export function markCurveFactoriesPure(code) {
  return code.replace(CURVE_FACTORY_CALL, '= /*#__PURE__*/ (function custom(');
}

/**
 * Returns a rollup plugin that applies trimSelectionPrototype, trimZoomMethods and
 * markCurveFactoriesPure. All three keep the line count, so the packages' source maps still
 * apply.
 */
export function trimD3() {
  return {
    name: 'trim-d3',
    transform(code, id) {
      if (D3_SELECTION.test(id)) return { code: trimSelectionPrototype(code), map: null };
      if (D3_ZOOM.test(id)) return { code: trimZoomMethods(code), map: null };
      if (D3_SHAPE.test(id)) return { code: markCurveFactoriesPure(code), map: null };
      return null;
    },
  };
}
