/**
 * Stands in for the flow layout of @lit-labs/virtualizer (`layouts/flow.js`) in the script-tag
 * bundles. Virtualizer 2.1.1 loads that layout with a dynamic import only when its layout
 * config has no `type`, and `<obs-grid>` always passes `type: FixedRowLayout` through
 * `fixedRows()` of obs-grid/fixed-row-layout.ts. The bundles inline dynamic imports, so without
 * this module the unused flow layout, its base class and its size cache would ship in them.
 */
export class FlowLayout {
  constructor() {
    throw new Error(
      "@lit-labs/virtualizer's flow layout is not included in the Observatory script-tag " +
        "bundle; pass a layout with a type, as obs-grid's fixedRows() does.",
    );
  }
}
