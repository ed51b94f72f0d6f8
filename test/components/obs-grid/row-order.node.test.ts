import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChunkedRowList, CHUNK_ROWS } from '../../../src/components/obs-grid/chunked-rows.js';
import { resolveColumns } from '../../../src/components/obs-grid/columns.js';
import {
  checkSort,
  nextSort,
  RowOrder,
  SYNC_SORT_ROWS,
  type GridSort,
} from '../../../src/components/obs-grid/sorting.js';
import { Store } from '../../../src/core/store.js';
import type { Point } from '../../../src/core/types.js';

/** Returns a seeded random generator, so a failure repeats. */
function randomFrom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function points(from: number, count: number, random: () => number): Point[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `p${from + i}`,
    timestamp: 1_700_000_000_000 + (from + i) * 1000,
    // Few distinct values, so the row number often decides.
    value: random() < 0.05 ? NaN : Math.floor(random() * 50),
    category: ['cpu', 'disk', 'memory'][Math.floor(random() * 3)],
    source: `host-${Math.floor(random() * 4)}`,
  }));
}

/** Sorts the whole view from scratch and returns the display order as logical rows. */
function referenceOrder(store: Store, sort: GridSort[], arrival: 'newest' | 'oldest'): number[] {
  const rows = Array.from({ length: store.view.length }, (_, i) => store.view.rowAt(i));
  const read = (key: string, row: number): number | string => {
    if (key === 'value') return store.valueAt(row);
    if (key === 'category') return store.categoryAt(row);
    return row;
  };
  return rows.sort((a, b) => {
    for (const { key, direction } of sort) {
      const x = read(key, a);
      const y = read(key, b);
      const xMissing = typeof x === 'number' && !Number.isFinite(x);
      const yMissing = typeof y === 'number' && !Number.isFinite(y);
      if (xMissing || yMissing) {
        if (xMissing !== yMissing) return xMissing ? 1 : -1;
        continue;
      }
      if (x !== y) {
        const order = x < y ? -1 : 1;
        return direction === 'asc' ? order : -order;
      }
    }
    return arrival === 'newest' ? b - a : a - b;
  });
}

function displayed(order: RowOrder): number[] {
  return Array.from({ length: order.length }, (_, i) => order.rowAt(i));
}

function orderFor(store: Store, sort: GridSort[], arrival: 'newest' | 'oldest' = 'newest') {
  const order = new RowOrder();
  order.bind(store);
  order.configure(checkSort(sort, resolveColumns(null)).sorts, arrival);
  order.sync();
  return order;
}

/** Waits until a sort that runs in slices has finished. */
async function settled(order: RowOrder): Promise<void> {
  for (let i = 0; i < 10_000 && order.pending; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  assert.equal(order.pending, false, 'the sort never finished');
}

describe('RowOrder', () => {
  const byValue: GridSort[] = [{ key: 'value', direction: 'desc' }];
  const twoKeys: GridSort[] = [
    { key: 'category', direction: 'asc' },
    { key: 'value', direction: 'desc' },
  ];

  it('matches a full sort while rows stream and evict', () => {
    const random = randomFrom(3);
    const store = new Store({ capacity: 3_000 });
    store.append(points(0, 2_000, random));
    for (const [sort, arrival] of [
      [byValue, 'newest'],
      [twoKeys, 'oldest'],
    ] as const) {
      const order = orderFor(store, [...sort], arrival);
      let next = store.end;
      for (let batch = 0; batch < 20; batch++) {
        const size = 1 + Math.floor(random() * 300);
        store.append(points(next, size, random));
        next += size;
        order.sync();

        assert.deepEqual(displayed(order), referenceOrder(store, [...sort], arrival));
      }
    }
  });

  it('finds every shown row with indexOf', () => {
    const store = new Store({ capacity: 10_000 });
    store.append(points(0, 6_000, randomFrom(9)));
    const order = orderFor(store, twoKeys);

    for (let index = 0; index < order.length; index += 7) {
      assert.equal(order.indexOf(order.rowAt(index)), index);
    }
    assert.equal(order.indexOf(store.end + 5), -1);
  });

  it('drops rows that a refreshed filter excludes', () => {
    const store = new Store({ capacity: 1_000 });
    store.append(points(0, 500, randomFrom(4)));
    const order = orderFor(store, byValue);
    store.setFilter({
      logic: 'and',
      conditions: [{ field: 'category', op: 'eq', value: 'cpu' }],
    });
    order.sync();

    assert.deepEqual(displayed(order), referenceOrder(store, byValue, 'newest'));
    assert.ok(order.length < 500);
  });

  it('sorts large views in slices', async () => {
    const random = randomFrom(7);
    const store = new Store({ capacity: SYNC_SORT_ROWS * 4 });
    store.append(points(0, SYNC_SORT_ROWS * 2, random));
    const order = orderFor(store, byValue);

    assert.equal(order.pending, true);
    // Until the sort is done the rows show in arrival order, newest first.
    assert.equal(order.rowAt(0), store.end - 1);
    store.append(points(store.end, 1_000, random));
    order.sync();
    await settled(order);

    assert.deepEqual(displayed(order), referenceOrder(store, byValue, 'newest'));
  });

  it('drops rows evicted during a sliced sort', async () => {
    const random = randomFrom(12);
    const capacity = SYNC_SORT_ROWS * 2;
    const store = new Store({ capacity });
    store.append(points(0, capacity, random));
    const order = orderFor(store, byValue);

    for (let batch = 0; batch < 5 && order.pending; batch++) {
      await new Promise((resolve) => setTimeout(resolve, 1));
      store.append(points(store.end, 2_000, random));
      order.sync();
    }
    await settled(order);

    assert.ok(store.start > 0);
    assert.deepEqual(displayed(order), referenceOrder(store, byValue, 'newest'));
  });

  it('restarts a sliced sort when the filter changes', async () => {
    const store = new Store({ capacity: SYNC_SORT_ROWS * 3 });
    store.append(points(0, SYNC_SORT_ROWS * 2, randomFrom(8)));
    const order = orderFor(store, byValue);
    store.setFilter({ logic: 'and', conditions: [{ field: 'value', op: 'lt', value: 10 }] });
    order.sync();
    await settled(order);

    assert.deepEqual(displayed(order), referenceOrder(store, byValue, 'newest'));
  });

  it('stops listening once unbound', () => {
    const store = new Store({ capacity: 100 });
    const order = orderFor(store, byValue);
    order.bind(null);

    assert.equal(order.length, 0);
    assert.equal(order.pending, false);
  });
});

describe('nextSort', () => {
  const asc = (key: string): GridSort => ({ key, direction: 'asc' });
  const desc = (key: string): GridSort => ({ key, direction: 'desc' });

  it('cycles one column on plain clicks', () => {
    assert.deepEqual(nextSort([], 'value', false), [asc('value')]);
    assert.deepEqual(nextSort([asc('value')], 'value', false), [desc('value')]);
    assert.deepEqual(nextSort([desc('value')], 'value', false), []);
    assert.deepEqual(nextSort([asc('value'), asc('id')], 'id', false), [desc('id')]);
  });

  it('adds and cycles keys on Shift-click', () => {
    assert.deepEqual(nextSort([asc('value')], 'id', true), [asc('value'), asc('id')]);
    assert.deepEqual(nextSort([asc('value'), asc('id')], 'id', true), [asc('value'), desc('id')]);
    assert.deepEqual(nextSort([asc('value'), desc('id')], 'id', true), [asc('value')]);
    assert.deepEqual(nextSort([asc('value'), desc('id')], 'value', true), [
      desc('value'),
      desc('id'),
    ]);
  });
});

describe('checkSort', () => {
  const columns = resolveColumns(null);

  it('accepts one key or an array of keys', () => {
    assert.deepEqual(checkSort({ key: 'id', direction: 'asc' }, columns).keys, [
      { key: 'id', direction: 'asc' },
    ]);
    assert.equal(checkSort([{ key: 'id', direction: 'asc' }], columns).sorts.length, 1);
  });

  it('drops unknown, repeated and malformed keys', () => {
    const hostile = [
      { key: 'nope', direction: 'asc' },
      { key: 'id', direction: 'sideways' },
      { key: '__proto__', direction: 'asc' },
      null,
      'value',
      { key: 'value', direction: 'desc' },
      { key: 'value', direction: 'asc' },
    ];

    assert.deepEqual(checkSort(hostile, columns).keys, [{ key: 'value', direction: 'desc' }]);
    assert.deepEqual(checkSort(42, columns).keys, []);
    assert.deepEqual(checkSort(undefined, columns).keys, []);
  });
});

describe('ChunkedRowList', () => {
  const compare = (a: number, b: number) => a - b;

  it('keeps order through inserts that split chunks', () => {
    const random = randomFrom(2);
    const list = ChunkedRowList.from([]);
    const reference: number[] = [];
    for (let batch = 0; batch < 12; batch++) {
      const rows = Array.from({ length: CHUNK_ROWS }, () => Math.floor(random() * 1e9));
      list.insert(rows, compare);
      reference.push(...rows);
    }
    reference.sort(compare);

    assert.deepEqual([...list.toArray()], reference);
    assert.equal(list.at(100), reference[100]);
    assert.equal(list.find(reference[5_000], compare), reference.indexOf(reference[5_000]));
    assert.ok(Number.isNaN(list.at(-1)));
    assert.ok(Number.isNaN(list.at(list.length)));
  });

  it('drops rows below a start and keeps the rest', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 10_000).sort(compare);
    const list = ChunkedRowList.from(rows);

    list.dropBelow(9_990);

    assert.deepEqual(
      [...list.toArray()],
      [9990, 9991, 9992, 9993, 9994, 9995, 9996, 9997, 9998, 9999],
    );
    assert.equal(list.find(9_995, compare), 5);
    assert.equal(list.find(5, compare), -1);
  });
});
