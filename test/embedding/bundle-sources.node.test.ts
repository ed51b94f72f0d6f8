// The per-source cost report of scripts/bundle-sources.mjs, on small hand-made source maps.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { costs, decodeSegment, groupOf, piecesBySource } from '../../scripts/bundle-sources.mjs';

describe('decodeSegment', () => {
  it('decodes base64 VLQ numbers', () => {
    assert.deepEqual(decodeSegment('AAAA'), [0, 0, 0, 0]);
    assert.deepEqual(decodeSegment('AACA'), [0, 0, 1, 0]);
    assert.deepEqual(decodeSegment('D'), [-1]);
    assert.deepEqual(decodeSegment('gB'), [16]);
    assert.deepEqual(decodeSegment('2HktC'), [123, 1234]);
  });

  it('rejects a character outside base64', () => {
    assert.throws(() => decodeSegment('A*'), /"\*" is not a base64 digit/);
  });
});

describe('piecesBySource', () => {
  it('charges each piece to the source of the mapping before it', () => {
    // Line 1 is a.ts up to column 4, then b.ts. Line 2 is a.ts again.
    const map = { sources: ['a.ts', 'b.ts'], mappings: 'AAAA,ICAA;ADAA' };

    const pieces = piecesBySource('abcdEFG\nhij', map);

    assert.deepEqual(pieces, [
      ['a.ts', 'abcd'],
      ['b.ts', 'EFG\n'],
      ['a.ts', 'hij\n'],
    ]);
  });

  it('charges text before the first mapping to the previous source', () => {
    const map = { sources: ['a.ts'], mappings: 'AAAA;EAAA' };

    const pieces = piecesBySource('x\n  y', map);

    assert.deepEqual(pieces, [
      ['a.ts', 'x\n'],
      ['a.ts', '  '],
      ['a.ts', 'y\n'],
    ]);
  });

  it('marks segments without a source', () => {
    const map = { sources: ['a.ts'], mappings: 'AAAA,C' };

    assert.deepEqual(piecesBySource('ab', map), [
      ['a.ts', 'a'],
      ['(no source)', 'b\n'],
    ]);
  });
});

describe('costs', () => {
  it('adds the minified bytes of each key', () => {
    const pieces: [string, string][] = [
      ['a.ts', 'abc'],
      ['b.ts', 'de'],
      ['a.ts', 'f'],
    ];

    const rows = costs(pieces, (source) => source);

    assert.deepEqual(
      rows.map(([key, minified]) => [key, minified]),
      [
        ['a.ts', 4],
        ['b.ts', 2],
      ],
    );
  });
});

describe('groupOf', () => {
  it('groups packages and source folders', () => {
    assert.equal(groupOf('node_modules/d3-zoom/dist/d3-zoom.mjs'), 'd3-zoom');
    assert.equal(
      groupOf('../node_modules/@lit/reactive-element/css-tag.js'),
      '@lit/reactive-element',
    );
    assert.equal(groupOf('src/core/store.ts'), 'src/core');
    assert.equal(groupOf('src/components/obs-grid/styles.ts'), 'src/components/obs-grid');
    assert.equal(groupOf('src/index.ts'), 'src/index.ts');
  });
});
