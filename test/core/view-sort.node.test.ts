import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Store, type Metadata, type Point } from '../../src/core/index.js';
import { sortRows, type SortKey } from '../../src/core/sort.js';
import { sortView, type FieldSortKey } from '../../src/core/view-sort.js';
import { stableOrder } from '../../src/core/radix-sort.js';

const FIELDS = [
  'id',
  'timestamp',
  'value',
  'category',
  'source',
  'metadata.level',
  'metadata.none',
];

function readerOf(store: Store, field: string): (row: number) => unknown {
  switch (field) {
    case 'id':
      return (row) => store.idAt(row);
    case 'timestamp':
      return (row) => store.timeAt(row);
    case 'value':
      return (row) => store.valueAt(row);
    case 'category':
      return (row) => store.categoryAt(row);
    case 'source':
      return (row) => store.sourceAt(row);
    default:
      return (row) => store.metadataAt(row)?.[field.slice('metadata.'.length)];
  }
}

const pointArbitrary = fc.record({
  n: fc.nat({ max: 200 }),
  textId: fc.boolean(),
  timestamp: fc.integer({ min: 0, max: 20 }),
  value: fc.constantFrom(NaN, -0, 0, 1, -1, 2.5, 1e300, -1e-300, 7),
  category: fc.constantFrom('cpu', 'CPU', 'host-2', 'host-10', 'é', 'e'),
  source: fc.constantFrom('a', 'b'),
  level: fc.option(fc.constantFrom<Metadata[string]>(3, 'x', 'X', '10', true, false, null)),
});

type PointRecord = typeof pointArbitrary extends fc.Arbitrary<infer T> ? T : never;

function build(records: PointRecord[]): Store {
  const store = new Store({ capacity: 1000 });
  const points: Point[] = records.map((record, i) => {
    const point: Point = {
      id: record.textId ? `row ${record.n}/${i}` : `g1-${record.n * 1000 + i}`,
      timestamp: record.timestamp,
      value: record.value,
      category: record.category,
      source: record.source,
    };
    if (record.level !== null) point.metadata = { level: record.level };
    return point;
  });
  store.append(points);
  return store;
}

describe('sortView', () => {
  it('orders rows as sortRows does', () => {
    const keyArbitrary = fc.record({
      field: fc.constantFrom(...FIELDS),
      direction: fc.constantFrom('asc' as const, 'desc' as const),
    });
    fc.assert(
      fc.property(
        fc.array(pointArbitrary, { maxLength: 60 }),
        fc.array(keyArbitrary, { maxLength: 3 }),
        (records, keys) => {
          const store = build(records);
          const rows = Array.from({ length: store.size }, (_, i) => store.start + i);
          const readers: SortKey[] = keys.map((key) => ({
            read: readerOf(store, key.field),
            direction: key.direction,
          }));

          const actual = sortView(store, keys as FieldSortKey[]);

          assert.deepEqual(Array.from(actual), Array.from(sortRows(rows, readers)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('sorts the filtered view by default', () => {
    const store = build([
      { n: 1, textId: false, timestamp: 3, value: 5, category: 'cpu', source: 'a', level: null },
      { n: 2, textId: false, timestamp: 1, value: 9, category: 'CPU', source: 'a', level: null },
      { n: 3, textId: false, timestamp: 2, value: 1, category: 'cpu', source: 'a', level: null },
    ]);
    store.setFilter({ logic: 'and', conditions: [{ field: 'category', op: 'eq', value: 'cpu' }] });

    const rows = sortView(store, [{ field: 'timestamp', direction: 'asc' }]);

    assert.deepEqual(Array.from(rows), [2, 0]);
  });

  it('rejects an unknown field', () => {
    const store = build([]);
    assert.throws(() => sortView(store, [{ field: 'colour', direction: 'asc' }]), RangeError);
  });
});

describe('stableOrder', () => {
  it('matches a stable comparator sort with NaN last', () => {
    const value = fc.oneof(
      fc.double({ noDefaultInfinity: false }),
      fc.constantFrom(NaN, 0, -0, 1, -1, Number.MIN_VALUE, -Number.MAX_VALUE),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value), { maxLength: 200 }), (pairs) => {
        const first = Float64Array.from(pairs, ([a]) => a);
        const second = Float64Array.from(pairs, ([, b]) => b);
        const compare = (x: number, y: number) => {
          const xMissing = Number.isNaN(x);
          const yMissing = Number.isNaN(y);
          if (xMissing || yMissing) return Number(xMissing) - Number(yMissing);
          return x < y ? -1 : x > y ? 1 : 0;
        };
        const expected = pairs
          .map((_, i) => i)
          .sort((i, j) => compare(first[i], first[j]) || compare(second[i], second[j]) || i - j);

        assert.deepEqual(Array.from(stableOrder([first, second], pairs.length)), expected);
      }),
    );
  });
});
