import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gridDomain } from '../../../src/components/obs-chart/chart-frame.js';
import { SeriesRegistry } from '../../../src/components/obs-chart/series-registry.js';
import type { SeriesSummary } from '../../../src/components/obs-chart/series-summary.js';
import { Polyline } from '../../../src/core/downsample.js';
import { Store, type Point } from '../../../src/core/index.js';
import { mulberry32 } from '../../../src/generator/prng.js';

interface StreamOptions {
  gaps?: number;
  late?: number;
  sources?: number;
}

/** Points `from` to `to` of a random walk, one every 10 ms, some late or gaps. */
function walk(seed: number, from: number, to: number, options: StreamOptions = {}): Point[] {
  const next = mulberry32(seed + from);
  const points: Point[] = [];
  for (let i = from; i < to; i++) {
    let timestamp = i * 10;
    if (next() < (options.late ?? 0)) timestamp -= Math.floor(next() * 3000);
    const value = next() < (options.gaps ?? 0) ? NaN : Math.sin(i / 500) * 50 + next() * 10;
    const source = `s${Math.floor(next() * (options.sources ?? 1))}`;
    points.push({ id: `p${i}`, timestamp, value, category: 'cpu', source });
  }
  return points;
}

/**
 * M4 of the points of `summary` in `domain` and one on each side, with a
 * column per `width` ms counted from time 0 and no block lookups or reuse.
 */
function referenceM4(summary: SeriesSummary, domain: [number, number], width: number): string[] {
  const from = Math.max(0, summary.lowerBound(domain[0]) - 1);
  const to = Math.min(summary.length, summary.upperBound(domain[1]) + 1);
  const result: string[] = [];
  let start = from;
  while (start < to) {
    if (!Number.isFinite(summary.valueAt(start))) {
      // A gap is one marker, and none at the start, as in downsampleM4.
      if (result.length > 0 && !result[result.length - 1].endsWith(':NaN')) {
        result.push(`${summary.timeAt(start)}:NaN`);
      }
      start++;
      continue;
    }
    const column = Math.floor(summary.timeAt(start) / width);
    let end = start;
    let min = start;
    let max = start;
    while (
      end < to &&
      Number.isFinite(summary.valueAt(end)) &&
      Math.floor(summary.timeAt(end) / width) === column
    ) {
      if (summary.valueAt(end) < summary.valueAt(min)) min = end;
      if (summary.valueAt(end) > summary.valueAt(max)) max = end;
      end++;
    }
    const picked = [start, Math.min(min, max), Math.max(min, max), end - 1];
    picked.forEach((index, position) => {
      if (position > 0 && index === picked[position - 1]) return;
      result.push(`${summary.timeAt(index)}:${summary.valueAt(index)}`);
    });
    start = end;
  }
  return result;
}

function pairs(line: Polyline): string[] {
  const result: string[] = [];
  for (let i = 0; i < line.length; i++) result.push(`${line.times[i]}:${line.values[i]}`);
  return result;
}

/**
 * Streams batches into a store and downsamples each frame on the grid of a
 * following chart, into one reused line as the chart does, comparing every
 * frame with M4 from scratch.
 */
function streamAndCompare(capacity: number, windowMs: number, options: StreamOptions): void {
  const store = new Store({ capacity });
  const registry = new SeriesRegistry();
  const lines = new Map<string, Polyline>();
  const columns = 50;
  store.append(walk(7, 0, capacity, options));
  for (let batch = 0; batch < 40; batch++) {
    const from = capacity + batch * 700;
    store.append(walk(7, from, from + 700, options));
    const range = store.timeRange()!;
    const domain = gridDomain(windowMs > 0 ? [range[1] - windowMs, range[1]] : range, columns);
    assert.notEqual(domain, null);
    const width = (domain![1] - domain![0]) / columns;
    for (const [key, summary] of registry.sync(store, 'category')) {
      const line = lines.get(key) ?? new Polyline();
      lines.set(key, line);
      summary.downsample(domain!, columns, line, true);
      const message = `${key} after batch ${batch}`;
      assert.deepEqual(pairs(line), referenceM4(summary, domain!, width), message);
    }
  }
}

describe('gridDomain', () => {
  it('contains the domain in whole-millisecond columns', () => {
    for (const domain of [
      [1_700_000_000_123, 1_700_086_400_456],
      [0, 10_000_000],
      [-5_000_000, 5_000_000],
    ] as [number, number][]) {
      const grid = gridDomain(domain, 600)!;
      const width = (grid[1] - grid[0]) / 600;

      assert.equal(Number.isInteger(width), true, `${domain}`);
      assert.equal(grid[0] % width === 0, true, `${domain}`);
      assert.ok(grid[0] <= domain[0], `${domain}`);
      assert.ok(grid[1] >= domain[1], `${domain}`);
      assert.ok(grid[1] - grid[0] <= (domain[1] - domain[0]) * 1.01 + 2 * width, `${domain}`);
    }
  });

  it('keeps its columns while a domain of one span slides', () => {
    const first = gridDomain([1_000_000, 9_000_000], 800)!;
    const later = gridDomain([1_234_567, 9_234_567], 800)!;

    const width = (first[1] - first[0]) / 800;
    assert.equal((later[1] - later[0]) / 800, width);
    assert.equal((later[0] - first[0]) % width, 0);
  });

  it('gives no grid for columns under 100 ms or for bad domains', () => {
    assert.equal(gridDomain([0, 59_000], 600), null);
    assert.equal(gridDomain([5, 5], 600), null);
    assert.equal(gridDomain([0, Number.NaN], 600), null);
    assert.equal(gridDomain([0, Infinity], 600), null);
    assert.equal(gridDomain([0, 2 ** 53], 600), null);
  });
});

describe('SeriesSummary.downsample on a grid', () => {
  it('reuses columns without changing the result while the whole range slides', () => {
    streamAndCompare(20_000, 0, {});
  });

  it('stays exact with gaps, late points and merged sources', () => {
    streamAndCompare(20_000, 0, { gaps: 0.01, late: 0.003, sources: 3 });
  });

  it('stays exact for a window shorter than the held points', () => {
    streamAndCompare(20_000, 60_000, { gaps: 0.005 });
  });

  it('stays exact for a window past the held points', () => {
    streamAndCompare(20_000, 400_000, { gaps: 0.002 });
  });

  it('starts over when the grid changes', () => {
    const store = new Store({ capacity: 30_000 });
    store.append(walk(3, 0, 30_000));
    const summary = new SeriesRegistry().sync(store, 'category').get('cpu')!;
    const line = new Polyline();
    for (const columns of [40, 41, 40]) {
      const domain = gridDomain(store.timeRange()!, columns)!;
      const width = (domain[1] - domain[0]) / columns;

      summary.downsample(domain, columns, line, true);

      assert.deepEqual(pairs(line), referenceM4(summary, domain, width), `${columns} columns`);
    }
  });
});
