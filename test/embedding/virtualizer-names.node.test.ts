// The build step that picks which property names of @lit-labs/virtualizer terser may mangle.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RenderedChunk } from 'rollup';
import { virtualizerOnlyNames } from '../../scripts/virtualizer-names.mjs';

/** A chunk of modules with the given rendered code, in the shape rollup passes to plugins. */
function chunkOf(codeById: Record<string, string | null>): Pick<RenderedChunk, 'modules'> {
  const modules = Object.fromEntries(
    Object.entries(codeById).map(([id, code]) => [
      id,
      { code, originalLength: 0, removedExports: [], renderedExports: [], renderedLength: 0 },
    ]),
  );
  return { modules };
}

const VIRTUALIZER = '/app/node_modules/@lit-labs/virtualizer/Virtualizer.js';
const LAYOUT = '/app/node_modules/@lit-labs/virtualizer/layouts/flow.js';

describe('virtualizerOnlyNames', () => {
  it('lists names of the virtualizer only', () => {
    const chunk = chunkOf({
      [VIRTUALIZER]: 'this._layout = x; this._scrollSize = 1; this._map = new Map();',
      [LAYOUT]: 'class L { _getItemSize() { return this._layout; } }',
      '/app/node_modules/zod/v4/core/registries.js': 'this._map = new WeakMap();',
      '/app/src/grid.ts': 'grid._scrollSize;',
    });

    assert.deepEqual(virtualizerOnlyNames(chunk), ['_getItemSize', '_layout']);
  });

  it('keeps lit names and strings of other modules', () => {
    const chunk = chunkOf({
      [VIRTUALIZER]: 'part._$AH; this._pending = 1; this._clip = 2;',
      '/app/src/page.ts': 'const key = "_clip";',
    });

    assert.deepEqual(virtualizerOnlyNames(chunk), ['_pending']);
  });

  it('returns nothing without the virtualizer', () => {
    const chunk = chunkOf({ '/app/src/a.ts': 'this._x = 1;', '/app/src/b.ts': null });

    assert.deepEqual(virtualizerOnlyNames(chunk), []);
  });
});
