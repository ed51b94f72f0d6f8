import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Store } from '../../src/core/store.js';
import type { Point } from '../../src/core/types.js';
import { allocateBatch, NO_METADATA } from '../../src/stream/binary-frame.js';
import { pointsFromBatch, StringTable } from '../../src/stream/column-points.js';

// A connection's table: names, id prefixes, metadata texts, and entries no row may use as they are.
const STRINGS = [
  'cpu',
  'web-1',
  'g-',
  'a1',
  '{"unit":"ms"}',
  '{"unit":"ms"}',
  '{"n":1,"ok":true,"none":null}',
  '',
  'x'.repeat(257),
  'not json',
  '[1]',
  '{"a":{"b":1}}',
  '<img src=x onerror=alert(1)>',
  '__proto__',
];

const code = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: 0, max: STRINGS.length - 1 }) },
  fc.constantFrom(STRINGS.length, 0xfffffffe),
);

const rowArbitrary = fc.record({
  timestamp: fc.oneof(
    { weight: 10, arbitrary: fc.integer({ min: 0, max: 50 }).map((s) => 1e12 + s * 1000) },
    fc.constantFrom(NaN, Infinity, -Infinity),
  ),
  value: fc.constantFrom(0, -0, 1.5, NaN, Infinity, -Infinity),
  category: code,
  source: code,
  idPrefix: code,
  idNumber: fc.oneof(
    { weight: 10, arbitrary: fc.integer({ min: 0, max: 40 }) },
    fc.constantFrom(NaN, -1, 0.5, 2 ** 32, 2 ** 53),
  ),
  metadata: fc.oneof(fc.constant(NO_METADATA), code),
});

function plain(point: Point): Point {
  return point.metadata === undefined
    ? { ...point }
    : { ...point, metadata: { ...point.metadata } };
}

function held(store: Store): Point[] {
  const points: Point[] = [];
  for (let row = store.start; row < store.end; row++) points.push(plain(store.pointAt(row)));
  return points;
}

describe('columns through the stream string table', () => {
  it('appendColumns matches pointsFromBatch', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(rowArbitrary, { maxLength: 16 }), { maxLength: 5 }),
        fc.integer({ min: 1, max: 20 }),
        (batches, capacity) => {
          const table = new StringTable();
          assert.equal(table.extend(0, STRINGS), null);
          const byColumns = new Store({ capacity });
          const byPoints = new Store({ capacity });
          for (const rows of batches) {
            const batch = allocateBatch(rows.length);
            rows.forEach((row, i) => {
              for (const name of Object.keys(row) as (keyof typeof row)[]) {
                batch[name][i] = row[name];
              }
            });
            const expected = pointsFromBatch(batch, table);
            byPoints.append(expected.points);

            const result = byColumns.appendColumns(batch, table);

            assert.deepEqual(result.invalid, expected.invalid, 'invalid rows and reasons');
            assert.deepEqual(held(byColumns), held(byPoints), 'held points');
            assert.equal(byColumns.duplicates, byPoints.duplicates, 'duplicates');
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
