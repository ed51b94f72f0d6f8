/**
 * Stands in for d3-transition in the script-tag bundles, which alias the package to this
 * module. d3-zoom 3.0.1 imports d3-transition for `interrupt(node)` and for
 * `selection.interrupt()`, which stop the transitions running on a node. d3-transition keeps a
 * node's transitions in `node.__transition`, which only `selection.transition()` creates, so
 * while nothing creates a transition both are no-ops. d3-zoom creates one only from its
 * `dblclick.zoom` listener (for a mouse double-click or a touch double-tap), which `<obs-chart>`
 * removes, or when given a transition to `zoom.transform`, which the chart never does.
 * docs/bundle.md lists what this leaves out of the bundle.
 */
import { selection } from 'd3-selection';

/** Stops the transitions of `node`: a no-op, as no transition is ever created. */
export function interrupt(_node: Element, _name?: string): void {}

Object.assign(selection.prototype, {
  interrupt() {
    return this;
  },
  transition() {
    throw new Error(
      'd3 transitions are not included in the Observatory script-tag bundle; ' +
        "set d3-zoom's duration to 0 or use the npm build, which includes d3-transition.",
    );
  },
});
