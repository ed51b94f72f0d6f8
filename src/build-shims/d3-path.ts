/**
 * Stands in for d3-path in the script-tag bundles, which alias the package to this module.
 * d3-shape 3.2.1 builds a `Path`, which records drawing commands as SVG path text, only for a
 * line or area generator without a context. Every generator of `<obs-chart>` draws into its
 * canvas through `.context(context)` (draw-series.ts), so no `Path` is ever built.
 */
export class Path {
  constructor() {
    throw new Error(
      'd3-path is not included in the Observatory script-tag bundle; give the d3-shape ' +
        'generator a canvas context, or use the npm build, which includes d3-path.',
    );
  }
}
