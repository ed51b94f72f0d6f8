import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Store, type Point } from '../../src/core/index.js';

function point(
  id: number,
  timestamp: number,
  value: number,
  category = 'cpu',
  source = 'a',
): Point {
  return { id: `p${id}`, timestamp, value, category, source };
}

function viewRows(store: Store): Point[] {
  const rows: Point[] = [];
  for (let i = 0; i < store.view.length; i++) rows.push(store.pointAt(store.view.rowAt(i)));
  return rows;
}

describe('Store', () => {
  it('append stores columns and fires append', () => {
    const store = new Store({ capacity: 10 });
    const events: unknown[] = [];
    store.addEventListener('append', (event) => events.push((event as CustomEvent).detail));

    store.append([point(1, 1000, 1.5), point(2, 2000, 2.5, 'mem', 'b')]);

    assert.equal(store.size, 2);
    assert.deepEqual(store.pointAt(1), point(2, 2000, 2.5, 'mem', 'b'));
    assert.deepEqual(events, [{ from: 0, to: 2, added: 2, duplicates: 0 }]);
  });

  it('evicts the oldest rows past capacity', () => {
    const store = new Store({ capacity: 3 });
    const evicted: number[] = [];
    store.addEventListener('evict', (event) => evicted.push((event as CustomEvent).detail.count));

    store.append([1, 2, 3].map((i) => point(i, i * 1000, i)));
    store.append([4, 5].map((i) => point(i, i * 1000, i)));

    assert.equal(store.size, 3);
    assert.equal(store.start, 2);
    assert.deepEqual(
      viewRows(store).map((p) => p.id),
      ['p3', 'p4', 'p5'],
    );
    assert.deepEqual(evicted, [2]);
    assert.equal(store.series()[0].rows.length, 3);
  });

  it('keeps only the newest points of a batch larger than capacity', () => {
    const store = new Store({ capacity: 2 });

    store.append([1, 2, 3, 4, 5].map((i) => point(i, i, i)));

    assert.deepEqual(
      viewRows(store).map((p) => p.id),
      ['p4', 'p5'],
    );
  });

  it('drops and counts duplicate ids', () => {
    const store = new Store({ capacity: 10 });

    store.append([point(1, 1, 1), point(1, 2, 2)]);
    const detail = store.append([point(1, 3, 3), point(2, 4, 4)]);

    assert.equal(store.size, 2);
    assert.equal(store.duplicates, 2);
    assert.equal(detail.duplicates, 1);
  });

  it('accepts an evicted id again', () => {
    const store = new Store({ capacity: 1 });

    store.append([point(1, 1, 1)]);
    store.append([point(2, 2, 2)]);
    store.append([point(1, 3, 3)]);

    assert.equal(store.idAt(store.view.rowAt(0)), 'p1');
    assert.equal(store.duplicates, 0);
  });

  it('orders late points within their series', () => {
    const store = new Store({ capacity: 10 });

    store.append([point(1, 3000, 3), point(2, 1000, 1), point(3, 2000, 2)]);
    const [series] = store.series();
    const times = [0, 1, 2].map((i) => store.timeAt(series.rows.at(i)));

    assert.deepEqual(times, [1000, 2000, 3000]);
  });

  it('setFilter narrows the view and tests new rows on append', () => {
    const store = new Store({ capacity: 100 });
    store.append([point(1, 1, 10), point(2, 2, 90), point(3, 3, 50)]);

    store.setFilter({ logic: 'and', conditions: [{ field: 'value', op: 'gt', value: 40 }] });
    store.append([point(4, 4, 41), point(5, 5, 39)]);

    assert.deepEqual(
      viewRows(store).map((p) => p.id),
      ['p2', 'p3', 'p4'],
    );
  });

  it('setFilter rejects invalid criteria and keeps the previous one', () => {
    const store = new Store({ capacity: 100 });
    store.append([point(1, 1, 10), point(2, 2, 90)]);
    store.setFilter({ logic: 'and', conditions: [{ field: 'value', op: 'gt', value: 40 }] });

    assert.throws(
      () =>
        store.setFilter({ logic: 'and', conditions: [{ field: 'value', op: 'like', value: 1 }] }),
      /criteria\.conditions\[0\]\.op: unknown operator 'like'/,
    );
    assert.equal(store.view.length, 1);
  });

  it('clear empties the store and fires reset', () => {
    const store = new Store({ capacity: 10 });
    let resets = 0;
    store.addEventListener('reset', () => resets++);
    store.append([point(1, 1, 1)]);

    store.clear();

    assert.equal(store.size, 0);
    assert.equal(store.view.length, 0);
    assert.equal(resets, 1);
  });

  it('resize keeps the newest points', () => {
    const store = new Store({ capacity: 10 });
    store.append([1, 2, 3, 4].map((i) => point(i, i, i)));

    store.resize(2);

    assert.equal(store.capacity, 2);
    assert.deepEqual(
      viewRows(store).map((p) => p.id),
      ['p3', 'p4'],
    );
  });

  it('rejects a capacity outside 1 to 10,000,000', () => {
    assert.throws(() => new Store({ capacity: 0 }), RangeError);
    assert.throws(() => new Store({ capacity: 10_000_001 }), RangeError);
    assert.throws(() => new Store({ capacity: 1.5 }), RangeError);
  });
});
