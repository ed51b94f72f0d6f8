import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Store, type Metadata, type Point } from '../../src/core/index.js';

function point(
  id: string,
  timestamp: number,
  category = 'cpu',
  source = 'a',
  metadata?: Metadata,
): Point {
  const result: Point = { id, timestamp, value: timestamp / 10, category, source };
  if (metadata !== undefined) result.metadata = metadata;
  return result;
}

function ids(points: Point[]): string[] {
  return points.map((p) => p.id);
}

describe('Store queries', () => {
  it('latest returns the newest points by time, oldest first', () => {
    const store = new Store({ capacity: 10 });
    store.append([point('a', 10), point('b', 30, 'mem'), point('c', 20), point('d', 30)]);

    assert.deepEqual(ids(store.latest(3)), ['c', 'b', 'd']);
    assert.deepEqual(ids(store.latest(0)), []);
    assert.deepEqual(ids(store.latest(99)), ['a', 'c', 'b', 'd']);
    assert.deepEqual(ids(store.latest(NaN)), []);
  });

  it('latest reads the filtered view when asked', () => {
    const store = new Store({ capacity: 10 });
    store.append([point('a', 10), point('b', 30, 'mem'), point('c', 20)]);
    store.setFilter({ logic: 'and', conditions: [{ field: 'category', op: 'eq', value: 'cpu' }] });

    assert.deepEqual(ids(store.latest(1, { filtered: true })), ['c']);
    assert.deepEqual(ids(store.latest(1)), ['b']);
  });

  it('pointsOf returns one category or source in time order', () => {
    const store = new Store({ capacity: 10 });
    store.append([
      point('a', 30, 'cpu', 'x'),
      point('b', 10, 'cpu', 'y'),
      point('c', 20, 'mem', 'x'),
      point('d', 20, 'cpu', 'x'),
    ]);

    assert.deepEqual(ids(store.pointsOf('category', 'cpu')), ['b', 'd', 'a']);
    assert.deepEqual(ids(store.pointsOf('source', 'x')), ['c', 'd', 'a']);
    assert.deepEqual(ids(store.pointsOf('category', 'disk')), []);
  });

  it('distinct counts values, most frequent first', () => {
    const store = new Store({ capacity: 10 });
    store.append([
      point('a', 1, 'cpu', 'x', { region: 'eu' }),
      point('b', 2, 'mem', 'x', { region: 'us' }),
      point('c', 3, 'cpu', 'y', { region: 'eu' }),
      point('d', 4, 'cpu', 'y', { region: null }),
      point('e', 5, 'disk', 'y'),
    ]);

    assert.deepEqual(store.distinct('category'), [
      { value: 'cpu', count: 3 },
      { value: 'disk', count: 1 },
      { value: 'mem', count: 1 },
    ]);
    assert.deepEqual(store.distinct('metadata.region'), [
      { value: 'eu', count: 2 },
      { value: 'us', count: 1 },
      { value: null, count: 1 },
    ]);
    assert.deepEqual(store.distinct('source', { limit: 1 }), [{ value: 'y', count: 3 }]);
    assert.throws(() => store.distinct('colour'), RangeError);
  });

  it('distinct counts the filtered view when asked', () => {
    const store = new Store({ capacity: 10 });
    store.append([point('a', 1, 'cpu'), point('b', 2, 'mem'), point('c', 3, 'cpu')]);
    store.setFilter({ logic: 'and', conditions: [{ field: 'value', op: 'gt', value: 0.15 }] });

    assert.deepEqual(store.distinct('category', { filtered: true }), [
      { value: 'cpu', count: 1 },
      { value: 'mem', count: 1 },
    ]);
  });

  it('timeRange spans out-of-order points', () => {
    const store = new Store({ capacity: 10 });
    assert.equal(store.timeRange(), null);

    store.append([point('a', 50), point('b', 10, 'mem'), point('c', 70, 'disk')]);

    assert.deepEqual(store.timeRange(), [10, 70]);
  });

  it('stats report sizes, timings and cache hits', () => {
    const store = new Store({ capacity: 100 });
    store.append([point('a', 1), point('b', 2, 'mem'), point('c', 3, 'cpu', 'b')]);
    const cpu = { logic: 'and', conditions: [{ field: 'category', op: 'eq', value: 'cpu' }] };
    const mem = { logic: 'and', conditions: [{ field: 'category', op: 'eq', value: 'mem' }] };

    store.setFilter(cpu);
    store.setFilter(mem);
    store.setFilter(cpu);
    const stats = store.stats();

    assert.equal(stats.rows, 3);
    assert.equal(stats.viewRows, 2);
    assert.equal(stats.indexes.categories, 2);
    assert.equal(stats.indexes.series, 3);
    assert.ok(stats.indexes.bytes > 0);
    assert.equal(stats.filter.runs, 3);
    assert.ok(stats.filter.meanMs >= 0);
    assert.equal(stats.cache.hits, 1);
    assert.equal(stats.cache.misses, 2);
    assert.equal(stats.cache.hitRate, 1 / 3);
  });

  it('reuses a cached result with rows appended and evicted since', () => {
    const store = new Store({ capacity: 4 });
    store.append([point('a', 1), point('b', 2, 'mem'), point('c', 3)]);
    const cpu = { logic: 'and', conditions: [{ field: 'category', op: 'eq', value: 'cpu' }] };
    store.setFilter(cpu);
    store.setFilter(null);

    store.append([point('d', 4), point('e', 5, 'mem'), point('f', 6)]);
    store.setFilter({ conditions: [{ value: 'cpu', op: 'eq', field: 'category' }], logic: 'and' });

    assert.equal(store.stats().cache.hits, 1);
    const view = Array.from({ length: store.view.length }, (_, i) => store.view.rowAt(i));
    assert.deepEqual(
      view.map((row) => store.idAt(row)),
      ['c', 'd', 'f'],
    );
  });
});

describe('Store metadata', () => {
  it('keeps __proto__ and constructor keys as plain data', () => {
    const store = new Store({ capacity: 10 });
    const metadata = JSON.parse('{"__proto__": {"polluted": true}, "constructor": "x"}');

    store.append([point('a', 1, 'cpu', 'a', metadata)]);
    store.setFilter({
      logic: 'and',
      conditions: [{ field: 'metadata.constructor', op: 'eq', value: 'x' }],
    });
    const stored = store.metadataAt(store.start) as Record<string, unknown>;

    assert.equal(store.view.length, 1);
    assert.deepEqual(Object.keys(stored), ['__proto__', 'constructor']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(stored), Object.prototype);
  });

  it('does not match a missing __proto__ key through the prototype', () => {
    const store = new Store({ capacity: 10 });
    store.append([point('a', 1, 'cpu', 'a', { region: 'eu' })]);

    store.setFilter({
      logic: 'and',
      conditions: [{ field: 'metadata.__proto__', op: 'exists' }],
    });

    assert.equal(store.view.length, 0);
  });

  it('shares one object between rows with equal metadata', () => {
    const store = new Store({ capacity: 10 });

    store.append([
      point('a', 1, 'cpu', 'a', { unit: '%', scenario: 'normal' }),
      point('b', 2, 'cpu', 'a', { unit: '%', scenario: 'normal' }),
      point('c', 3, 'cpu', 'a', { unit: 'ms', scenario: 'normal' }),
      point('d', 4, 'cpu', 'a', { unit: 1, scenario: 'normal' }),
      point('e', 5, 'cpu', 'a', { unit: '1', scenario: 'normal' }),
    ]);

    assert.equal(store.metadataAt(0), store.metadataAt(1));
    assert.notEqual(store.metadataAt(0), store.metadataAt(2));
    assert.deepEqual(store.metadataAt(3), { unit: 1, scenario: 'normal' });
    assert.deepEqual(store.metadataAt(4), { unit: '1', scenario: 'normal' });
    assert.equal(store.stats().indexes.metadataObjects, 4);
  });
});
