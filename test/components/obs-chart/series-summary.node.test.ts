import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { SeriesRegistry } from '../../../src/components/obs-chart/series-registry.js';
import type { SeriesSummary } from '../../../src/components/obs-chart/series-summary.js';
import { downsampleM4, Polyline } from '../../../src/core/downsample.js';
import { Store, type Point } from '../../../src/core/index.js';
import { mulberry32 } from '../../../src/generator/prng.js';

let nextId = 0;

/** Makes a random walk of `count` points, one every 10 ms with jitter, a few of them late or gaps. */
function walk(seed: number, count: number, options: { gaps?: number; late?: number } = {}) {
  const next = mulberry32(seed);
  const points: Point[] = [];
  let value = 0;
  for (let i = 0; i < count; i++) {
    value += next() - 0.5;
    let timestamp = i * 10 + Math.floor(next() * 5);
    if (next() < (options.late ?? 0)) timestamp -= Math.floor(next() * 2000);
    const gap = next() < (options.gaps ?? 0);
    const source = next() < 0.5 ? 'a' : 'b';
    nextId++;
    points.push({ id: `w${nextId}`, timestamp, value: gap ? NaN : value, category: 'cpu', source });
  }
  return points;
}

function pairs(line: Polyline): string[] {
  const result: string[] = [];
  for (let i = 0; i < line.length; i++) result.push(`${line.times[i]}:${line.values[i]}`);
  return result;
}

/** Copies the points of a summary into a plain array, to compare with brute force. */
function points(summary: SeriesSummary): { time: number; value: number }[] {
  const result: { time: number; value: number }[] = [];
  for (let i = 0; i < summary.length; i++) {
    result.push({ time: summary.timeAt(i), value: summary.valueAt(i) });
  }
  return result;
}

/** Expected points of the chart series: matching rows sorted by time, equal times in arrival order. */
function expectedPoints(store: Store): { time: number; value: number }[] {
  const rows: number[] = [];
  for (let row = store.start; row < store.end; row++) if (store.matches(row)) rows.push(row);
  rows.sort((a, b) => store.timeAt(a) - store.timeAt(b) || a - b);
  return rows.map((row) => ({ time: store.timeAt(row), value: store.valueAt(row) }));
}

/** M4 over every point of `summary` around `domain`, with no block lookups. */
function plainM4(summary: SeriesSummary, domain: [number, number], columns: number): string[] {
  const from = Math.max(0, summary.lowerBound(domain[0]) - 1);
  const to = Math.min(summary.length, summary.upperBound(domain[1]) + 1);
  const slice = {
    length: to - from,
    timeAt: (i: number) => summary.timeAt(from + i),
    valueAt: (i: number) => summary.valueAt(from + i),
  };
  return pairs(downsampleM4(slice, domain, columns));
}

/** Reads a NAB CloudWatch CSV (`timestamp,value`, UTC times without a zone) as points of one series. */
function readCloudWatch(name: string, category: string): Point[] {
  const folder = new URL('../../../../shared/datasets/nab/realAWSCloudwatch/', import.meta.url);
  const lines = readFileSync(new URL(name, folder), 'utf8').trim().split('\n').slice(1);
  return lines.map((line, index) => {
    const [timestamp, value] = line.split(',');
    return {
      id: `${name}:${index}`,
      timestamp: Date.parse(`${timestamp.replace(' ', 'T')}Z`),
      value: Number(value),
      category,
      source: name,
    };
  });
}

function only(registry: SeriesRegistry, store: Store): SeriesSummary {
  const summaries = registry.sync(store, 'category');
  assert.equal(summaries.size, 1);
  return summaries.get('cpu')!;
}

const DOMAINS: [number, number][] = [
  [0, 200_000],
  [12_345, 98_765],
  [50_000, 50_500],
  [-1000, 30_000],
  [150_000, 400_000],
];

describe('SeriesSummary', () => {
  it('downsample equals M4 over every point', () => {
    const store = new Store({ capacity: 50_000 });
    store.append(walk(1, 20_000, { gaps: 0.002 }));
    const summary = only(new SeriesRegistry(), store);

    for (const domain of DOMAINS) {
      for (const columns of [3, 17, 100]) {
        const actual = pairs(summary.downsample(domain, columns, new Polyline()));

        assert.deepEqual(actual, plainM4(summary, domain, columns), `${domain} ${columns}`);
      }
    }
  });

  it('downsample equals M4 on CloudWatch data', () => {
    const store = new Store({ capacity: 10_000 });
    store.append(readCloudWatch('ec2_cpu_utilization_5f5533.csv', 'cpu'));
    const summary = only(new SeriesRegistry(), store);
    const first = summary.timeAt(0);
    const last = summary.timeAt(summary.length - 1);

    for (const domain of [
      [first, last],
      [first + 86_400_000, last - 86_400_000],
    ] as [number, number][]) {
      for (const columns of [10, 40, 120]) {
        const actual = pairs(summary.downsample(domain, columns, new Polyline()));

        assert.deepEqual(actual, plainM4(summary, domain, columns), `${domain} ${columns}`);
      }
    }
  });

  it('merges sources into one time order', () => {
    const store = new Store({ capacity: 50_000 });
    store.append(walk(2, 5000, { late: 0.01 }));

    const summary = only(new SeriesRegistry(), store);

    assert.deepEqual(points(summary), expectedPoints(store));
  });

  it('stays correct across appends, late points and eviction', () => {
    const store = new Store({ capacity: 8000 });
    const registry = new SeriesRegistry();
    const input = walk(3, 30_000, { gaps: 0.01, late: 0.002 });

    for (let start = 0; start < input.length; start += 997) {
      store.append(input.slice(start, start + 997));
      const summary = only(registry, store);

      assert.deepEqual(points(summary), expectedPoints(store), `after ${start + 997} points`);
      const domain: [number, number] = [start * 10 - 40_000, start * 10 + 10_000];
      const actual = pairs(summary.downsample(domain, 20, new Polyline()));
      assert.deepEqual(actual, plainM4(summary, domain, 20), `after ${start + 997} points`);
    }
  });

  it('evicts rows of merged sources out of arrival order', () => {
    const store = new Store({ capacity: 3 });
    const point = (id: string, timestamp: number, source: string): Point => ({
      id,
      timestamp,
      value: timestamp / 10,
      category: 'cpu',
      source,
    });
    store.append([point('e1', 100, 'a'), point('e2', 50, 'b'), point('e3', 200, 'a')]);
    const registry = new SeriesRegistry();
    only(registry, store);

    store.append([point('e4', 300, 'a')]);
    const summary = only(registry, store);

    assert.deepEqual(points(summary), expectedPoints(store));
  });

  it('rebuilds one series with late points', () => {
    const store = new Store({ capacity: 4 });
    const times = [10, 30, 20, 40, 50];
    for (const [index, timestamp] of times.entries()) {
      store.append([{ id: `r${index}`, timestamp, value: index, category: 'cpu', source: 'a' }]);
    }
    const registry = new SeriesRegistry();
    only(registry, store);

    store.append([{ id: 'r5', timestamp: 60, value: 5, category: 'cpu', source: 'a' }]);
    const summary = only(registry, store);

    assert.deepEqual(points(summary), expectedPoints(store));
  });

  it('streams one series with late points', () => {
    const store = new Store({ capacity: 3000 });
    const registry = new SeriesRegistry();
    const input = walk(14, 12_000, { gaps: 0.01 }).map((point) => ({ ...point, source: 'a' }));
    // Three late points, so the rows stop being consecutive after a while.
    for (const index of [7000, 9000, 11_000]) input[index].timestamp -= 5000;

    for (let start = 0; start < input.length; start += 613) {
      store.append(input.slice(start, start + 613));
      const summary = only(registry, store);

      assert.deepEqual(points(summary), expectedPoints(store), `after ${start + 613} points`);
      const domain: [number, number] = [summary.timeAt(0), summary.timeAt(summary.length - 1)];
      const actual = pairs(summary.downsample(domain, 7, new Polyline()));
      assert.deepEqual(actual, plainM4(summary, domain, 7), `after ${start + 613} points`);
    }
  });

  it('tracks a series once other rows interleave', () => {
    const store = new Store({ capacity: 2000 });
    const registry = new SeriesRegistry();
    const input = walk(15, 8000).map((point, index) => ({
      ...point,
      source: 'a',
      category: index > 3000 && index % 5 === 0 ? 'mem' : 'cpu',
    }));

    for (let start = 0; start < input.length; start += 500) {
      store.append(input.slice(start, start + 500));
      const summary = registry.sync(store, 'category').get('cpu')!;

      const rows: number[] = [];
      for (let row = store.start; row < store.end; row++) {
        if (store.categoryAt(row) === 'cpu') rows.push(row);
      }
      const expected = rows.map((row) => ({ time: store.timeAt(row), value: store.valueAt(row) }));
      assert.deepEqual(points(summary), expected, `after ${start + 500} points`);
      assert.deepEqual(summary.extent(0, summary.length), [
        Math.min(...expected.map((point) => point.value)),
        Math.max(...expected.map((point) => point.value)),
      ]);
    }
  });

  it('forgets evicted extremes', () => {
    const store = new Store({ capacity: 1000 });
    const registry = new SeriesRegistry();
    const input = walk(10, 6000);

    for (let start = 0; start < input.length; start += 37) {
      store.append(input.slice(start, start + 37));
      const summary = only(registry, store);
      const values = points(summary).map((point) => point.value);

      assert.deepEqual(summary.extent(0, summary.length), [
        Math.min(...values),
        Math.max(...values),
      ]);
      const domain: [number, number] = [summary.timeAt(0), summary.timeAt(summary.length - 1)];
      const actual = pairs(summary.downsample(domain, 3, new Polyline()));
      assert.deepEqual(actual, plainM4(summary, domain, 3), `after ${start + 37} points`);
    }
  });

  it('plain M4 reads a wrapped ring', () => {
    const store = new Store({ capacity: 1000 });
    const registry = new SeriesRegistry();
    const input = walk(11, 2600, { gaps: 0.02 });
    for (let start = 0; start < input.length; start += 300) {
      store.append(input.slice(start, start + 300));
    }
    const summary = only(registry, store);
    assert.ok(store.start % store.capacity > 0);
    const domain: [number, number] = [summary.timeAt(0), summary.timeAt(summary.length - 1)];

    // 1,000 points over 200 columns stay under the plain-scan threshold of 32 a column.
    const actual = pairs(summary.downsample(domain, 200, new Polyline()));

    assert.deepEqual(actual, plainM4(summary, domain, 200));
    assert.ok(actual.some((pair) => pair.endsWith(':NaN')));
  });

  it('extent equals the brute-force extent', () => {
    const store = new Store({ capacity: 50_000 });
    store.append(walk(4, 20_000, { gaps: 0.01 }));
    const summary = only(new SeriesRegistry(), store);
    const all = points(summary);

    for (const [from, to] of [
      [0, all.length],
      [17, 18],
      [5, 4000],
      [1234, 19_999],
      [300, 300],
    ]) {
      const values = all
        .slice(from, to)
        .map((point) => point.value)
        .filter(Number.isFinite);
      const expected =
        values.length === 0 ? [Infinity, -Infinity] : [Math.min(...values), Math.max(...values)];

      assert.deepEqual(summary.extent(from, to), expected, `${from}..${to}`);
    }
  });

  it('nearest skips gaps and stays in the domain', () => {
    const store = new Store({ capacity: 100 });
    const values = [1, NaN, NaN, 4, 5];
    store.append(
      values.map((value, i) => ({
        id: `n${i}`,
        timestamp: i * 1000,
        value,
        category: 'cpu',
        source: 'a',
      })),
    );
    const summary = only(new SeriesRegistry(), store);

    assert.equal(summary.nearest(1100, [0, 4000]), 0);
    assert.equal(summary.nearest(2600, [0, 4000]), 3);
    assert.equal(summary.nearest(2000, [0, 4000]), 3);
    assert.equal(summary.nearest(1500, [0, 4000]), 0, 'a tie goes to the earlier point');
    assert.equal(summary.nearest(9000, [0, 4000]), 4);
    assert.equal(summary.nearest(0, [500, 4000]), 3);
    assert.equal(summary.nearest(1500, [1500, 2500]), -1);
  });

  it('latestFinite skips trailing gaps', () => {
    const store = new Store({ capacity: 100 });
    store.append(
      [3, 7, NaN].map((value, i) => ({
        id: `l${i}`,
        timestamp: i,
        value,
        category: 'cpu',
        source: 'a',
      })),
    );
    const summary = only(new SeriesRegistry(), store);

    assert.equal(summary.valueAt(summary.latestFinite()), 7);
  });
});

describe('SeriesRegistry', () => {
  it('groups by category or by source', () => {
    const store = new Store({ capacity: 1000 });
    store.append(walk(5, 200));

    const byCategory = new SeriesRegistry().sync(store, 'category');
    const bySource = new SeriesRegistry().sync(store, 'source');

    assert.deepEqual([...byCategory.keys()], ['cpu']);
    assert.deepEqual([...bySource.keys()].sort(), ['a', 'b']);
    const total = [...bySource.values()].reduce((sum, summary) => sum + summary.length, 0);
    assert.equal(total, 200);
  });

  it('rebuilds when the filter changes', () => {
    const store = new Store({ capacity: 1000 });
    store.append(walk(6, 500));
    const registry = new SeriesRegistry();
    registry.sync(store, 'source');

    store.setFilter({ logic: 'and', conditions: [{ field: 'source', op: 'eq', value: 'a' }] });
    const summaries = registry.sync(store, 'source');

    assert.deepEqual([...summaries.keys()], ['a']);
    assert.deepEqual(points(summaries.get('a')!), expectedPoints(store));
  });

  it('adds only matching rows on append', () => {
    const store = new Store({ capacity: 1000 });
    store.setFilter({ logic: 'and', conditions: [{ field: 'value', op: 'gt', value: 0 }] });
    const registry = new SeriesRegistry();
    registry.sync(store, 'category');

    store.append(walk(7, 500));
    const summary = only(registry, store);

    assert.deepEqual(points(summary), expectedPoints(store));
  });

  it('rebuilds after markStale following a reset', () => {
    const store = new Store({ capacity: 1000 });
    store.append(walk(8, 300));
    const registry = new SeriesRegistry();
    registry.sync(store, 'category');

    store.clear();
    registry.markStale();
    store.append(walk(9, 400));
    const summary = only(registry, store);

    assert.deepEqual(points(summary), expectedPoints(store));
  });

  it('trim drops evicted rows only', () => {
    const store = new Store({ capacity: 100 });
    const input = walk(11, 130);
    store.append(input.slice(0, 100));
    const registry = new SeriesRegistry();
    const summary = only(registry, store);
    const before = points(summary);

    store.append(input.slice(100));
    registry.trim(store);

    assert.equal(summary.length, 70);
    const held = new Set(expectedPoints(store).map((point) => `${point.time}:${point.value}`));
    for (const point of points(summary)) {
      assert.ok(held.has(`${point.time}:${point.value}`), `${point.time} is held`);
    }
    assert.ok(points(summary).every((point) => before.some((old) => old.time === point.time)));
  });

  it('trim empties series after a reset', () => {
    const store = new Store({ capacity: 100 });
    store.append(walk(12, 50));
    const registry = new SeriesRegistry();
    const summary = only(registry, store);

    store.clear();
    registry.markStale();
    registry.trim(store);

    assert.equal(summary.length, 0);
    store.append(walk(13, 20));
    assert.deepEqual(points(only(registry, store)), expectedPoints(store));
  });

  it('keeps hostile series names as plain keys', () => {
    const store = new Store({ capacity: 100 });
    store.append([
      { id: 'h1', timestamp: 1, value: 1, category: '__proto__', source: 'a' },
      { id: 'h2', timestamp: 2, value: 2, category: 'constructor', source: 'a' },
    ]);

    const summaries = new SeriesRegistry().sync(store, 'category');

    assert.deepEqual([...summaries.keys()], ['__proto__', 'constructor']);
    assert.equal(summaries.get('__proto__')!.length, 1);
  });
});
