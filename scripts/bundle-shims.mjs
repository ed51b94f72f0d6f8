import { resolve } from 'node:path';

/**
 * Packages that the script-tag bundles replace with a smaller module of src/build-shims/, which
 * provides exactly what the bundled code uses of them. Each shim's header explains why it is
 * exact, and docs/bundle.md lists what each one saves. The npm build keeps the real packages.
 */
export const SHIMMED_PACKAGES = ['d3-transition', 'd3-interpolate'];

/**
 * Returns a rollup plugin that resolves each package of SHIMMED_PACKAGES to
 * `<root>/src/build-shims/<package>.ts`. An import of the same package from inside a shim
 * resolves to the real package.
 */
export function bundleShims(root = '.') {
  const shims = new Map(
    SHIMMED_PACKAGES.map((name) => [name, resolve(root, 'src/build-shims', `${name}.ts`)]),
  );
  const shimPaths = new Set(shims.values());
  return {
    name: 'bundle-shims',
    resolveId(source, importer) {
      const shim = shims.get(source);
      if (shim === undefined || (importer !== undefined && shimPaths.has(importer))) return null;
      return shim;
    },
  };
}
