// The d3 shims and trimming of the script-tag bundles, checked against the installed packages.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as realInterpolate from 'd3-interpolate';
import {
  bundleShims,
  markCurveFactoriesPure,
  SELECTION_METHODS,
  trimSelectionPrototype,
  trimZoomMethods,
  ZOOM_METHODS,
} from '../../scripts/bundle-shims.mjs';
import * as shimInterpolate from '../../src/build-shims/d3-interpolate.js';
import { Path } from '../../src/build-shims/d3-path.js';
import { FlowLayout } from '../../src/build-shims/virtualizer-flow-layout.js';

/** Source of the module that an import of the installed package `name` loads. */
function packageSource(name: string): string {
  return readFileSync(fileURLToPath(import.meta.resolve(name)), 'utf8');
}

describe('trimSelectionPrototype', () => {
  const source = packageSource('d3-selection');

  it('keeps only the listed methods', () => {
    const trimmed = trimSelectionPrototype(source);

    const literal = /selection\.prototype = \{([^}]*)\}/.exec(trimmed)![1];
    const names = [...literal.matchAll(/^\s*(\w+):/gm)].map((match) => match[1]);
    assert.deepEqual(names.sort(), [...SELECTION_METHODS].sort());
  });

  it('keeps the line count', () => {
    const trimmed = trimSelectionPrototype(source);

    assert.equal(trimmed.split('\n').length, source.split('\n').length);
  });

  it('rejects an unknown selection module', () => {
    assert.throws(
      () => trimSelectionPrototype('export const selection = {};'),
      /SELECTION_METHODS/,
    );
  });
});

describe('trimZoomMethods', () => {
  const source = packageSource('d3-zoom');

  it('keeps only the listed methods', () => {
    const trimmed = trimZoomMethods(source);

    const names = [...trimmed.matchAll(/^ {2}zoom\.(\w+) = function/gm)].map((match) => match[1]);
    assert.deepEqual(names.sort(), [...ZOOM_METHODS].sort());
  });

  it('keeps the line count', () => {
    const trimmed = trimZoomMethods(source);

    assert.equal(trimmed.split('\n').length, source.split('\n').length);
  });

  it('keeps the code around the methods', () => {
    const trimmed = trimZoomMethods(source);

    assert.match(trimmed, /function schedule\(transition, transform, point, event\)/);
    assert.match(trimmed, /\n {2}return zoom;\n\}/);
    assert.doesNotMatch(trimmed, /zoom\.(scaleBy|translateTo|wheelDelta) =/);
  });

  it('rejects an unknown zoom module', () => {
    assert.throws(() => trimZoomMethods('export function zoom() {}'), /ZOOM_METHODS/);
  });
});

describe('markCurveFactoriesPure', () => {
  it('marks the seven curve factories of d3-shape', () => {
    const marked = markCurveFactoriesPure(packageSource('d3-shape'));

    assert.equal(marked.match(/= \/\*#__PURE__\*\/ \(function custom\(/g)?.length, 7);
  });
});

describe('d3-interpolate shim', () => {
  it('interpolates numbers as d3-interpolate does', () => {
    for (const [a, b] of [
      [0, 10],
      [-3.5, 1e9],
      [5, 5],
      [0, Number.NaN],
    ]) {
      for (const t of [0, 0.25, 0.5, 1]) {
        assert.equal(shimInterpolate.interpolate(a, b)(t), realInterpolate.interpolate(a, b)(t));
        assert.equal(
          shimInterpolate.interpolateRound(a, b)(t),
          realInterpolate.interpolateRound(a, b)(t),
        );
      }
    }
  });

  it('rejects values other than numbers', () => {
    for (const value of ['red', '<img src=x onerror=alert(1)>', null, { __proto__: null }]) {
      assert.throws(() => shimInterpolate.interpolate(0, value), /interpolates numbers only/);
    }
  });

  it('rejects the interpolators it leaves out', () => {
    assert.throws(() => shimInterpolate.piecewise(), /piecewise is not included/);
    assert.throws(() => shimInterpolate.interpolateZoom(), /interpolateZoom is not included/);
  });
});

describe('bundleShims', () => {
  const plugin = bundleShims('/app');
  const resolveId = plugin.resolveId as (source: string, importer?: string) => string | null;
  const virtualizer = '/app/node_modules/@lit-labs/virtualizer/Virtualizer.js';

  it('resolves the shimmed packages to their shims', () => {
    assert.equal(resolveId('d3-transition', '/app/x.js'), '/app/src/build-shims/d3-transition.ts');
    assert.equal(resolveId('d3-interpolate'), '/app/src/build-shims/d3-interpolate.ts');
    assert.equal(resolveId('d3-path', '/app/x.js'), '/app/src/build-shims/d3-path.ts');
  });

  it('resolves the real package inside its shim', () => {
    assert.equal(resolveId('d3-interpolate', '/app/src/build-shims/d3-interpolate.ts'), null);
  });

  it("resolves the virtualizer's flow layout to its shim", () => {
    assert.equal(
      resolveId('./layouts/flow.js', virtualizer),
      '/app/src/build-shims/virtualizer-flow-layout.ts',
    );
    assert.equal(resolveId('./layouts/flow.js', '/app/src/grid.ts'), null);
    assert.equal(resolveId('d3-scale', virtualizer), null);
  });

  it('rejects building the flow layout', () => {
    assert.throws(() => new FlowLayout(), /flow layout is not included/);
  });

  it('rejects building a d3-path Path', () => {
    assert.throws(() => new Path(), /d3-path is not included/);
  });
});
