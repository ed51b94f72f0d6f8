import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_NAME_LENGTH, Store, type Point } from '../../src/core/index.js';

function point(id: number, fields: Record<string, unknown> = {}): Point {
  return {
    id: `p${id}`,
    timestamp: 1000 * id,
    value: id,
    category: 'cpu',
    source: 'web-1',
    ...fields,
  } as Point;
}

const long = 'x'.repeat(MAX_NAME_LENGTH + 1);

// Each case: the point, and the start of the reason the store must give.
const MALFORMED: [string, unknown, string][] = [
  ['null', null, 'point: must be an object, got null'],
  ['an array', [1, 2], 'point: must be an object, got an array'],
  ['a number', 7, 'point: must be an object, got 7'],
  [
    'a missing category',
    point(1, { category: undefined }),
    'category: must be a string, but it is missing',
  ],
  ['a numeric category', point(1, { category: 5 }), 'category: must be a string, got 5'],
  ['an empty source', point(1, { source: '' }), 'source: must not be empty'],
  ['an overlong source', point(1, { source: long }), `source: is ${long.length} characters long`],
  ['a numeric id', point(1, { id: 12 }), 'id: must be a string, got 12'],
  ['an empty id', point(1, { id: '' }), 'id: must not be empty'],
  [
    'a text timestamp',
    point(1, { timestamp: '2024-05-01' }),
    'timestamp: must be epoch milliseconds within ±8.64e15, got a string',
  ],
  [
    'a Date timestamp',
    point(1, { timestamp: new Date(0) }),
    'timestamp: must be epoch milliseconds within ±8.64e15, got a Date',
  ],
  [
    'a NaN timestamp',
    point(1, { timestamp: NaN }),
    'timestamp: must be epoch milliseconds within ±8.64e15, got NaN',
  ],
  [
    'an infinite value',
    point(1, { value: Infinity }),
    'value: must be a finite number, or NaN for a gap, got Infinity',
  ],
  [
    'a text value',
    point(1, { value: '3' }),
    'value: must be a finite number, or NaN for a gap, got a string',
  ],
  [
    'a null value',
    point(1, { value: null }),
    'value: must be a finite number, or NaN for a gap, got null',
  ],
  [
    'text metadata',
    point(1, { metadata: 'rack-1' }),
    'metadata: must be an object of primitive values, got a string',
  ],
  [
    'array metadata',
    point(1, { metadata: ['a'] }),
    'metadata: must be an object of primitive values, got an array',
  ],
];

describe('Store.append point checks', () => {
  for (const [name, input, reason] of MALFORMED) {
    it(`rejects ${name}`, () => {
      const store = new Store({ capacity: 10 });

      const result = store.append([point(1), input as Point, point(2)]);

      assert.equal(result.invalid.length, 1);
      assert.equal(result.invalid[0].index, 1);
      assert.ok(
        result.invalid[0].reason.startsWith(reason),
        `reason was ${result.invalid[0].reason}`,
      );
      assert.deepEqual(
        store.latest(10).map((stored) => stored.id),
        ['p1', 'p2'],
      );
    });
  }

  it('keeps the next point whole after a rejected one', () => {
    const store = new Store({ capacity: 10 });

    store.append([point(1, { category: undefined })]);
    store.append([point(2, { category: 'memory' })]);

    assert.deepEqual(store.latest(10), [point(2, { category: 'memory' })]);
    assert.deepEqual(store.categories(), ['memory']);
  });

  it('accepts a gap and metadata', () => {
    const store = new Store({ capacity: 10 });
    const gap = point(1, { value: NaN, metadata: { rack: 'r1' } });

    const result = store.append([gap]);

    assert.deepEqual(result.invalid, []);
    assert.equal(result.added, 1);
    assert.ok(Number.isNaN(store.valueAt(0)));
    assert.deepEqual(store.metadataAt(0), { rack: 'r1' });
  });

  it('keeps the newest valid points of a batch larger than capacity', () => {
    const store = new Store({ capacity: 2 });
    const batch = [point(1), point(2), point(3), point(4, { value: 'bad' }), point(5)];

    const result = store.append(batch);

    assert.deepEqual(
      result.invalid.map((row) => row.index),
      [3],
    );
    assert.deepEqual(
      store.latest(10).map((stored) => stored.id),
      ['p3', 'p5'],
    );
  });

  it('leaves the append event detail unchanged', () => {
    const store = new Store({ capacity: 10 });
    const details: unknown[] = [];
    store.addEventListener('append', (event) => details.push((event as CustomEvent).detail));

    store.append([point(1), point(2, { source: 7 })]);

    assert.deepEqual(details, [{ from: 0, to: 1, added: 1, duplicates: 0 }]);
  });
});
