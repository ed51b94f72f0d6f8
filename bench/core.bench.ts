// Benchmarks of the store and filter engine in Node, each beside a plain
// array-of-objects implementation run in the same process as the peer.
import { performance } from 'node:perf_hooks';
import { Store, validatePoints, type FilterCriteria, type Point } from '../src/core/index.js';

const N = 1_000_000;
const CATEGORIES = ['cpu', 'memory', 'network', 'latency', 'errors'];
const SOURCES = ['web-1', 'web-2', 'db-1'];

function makePoints(count: number): Point[] {
  const points: Point[] = new Array(count);
  for (let i = 0; i < count; i++) {
    points[i] = {
      id: `b${i}`,
      timestamp: 1_700_000_000_000 + i * 10,
      value: 50 + 40 * Math.sin(i / 1000) + (i % 7),
      category: CATEGORIES[i % CATEGORIES.length],
      source: SOURCES[i % SOURCES.length],
    };
  }
  return points;
}

/** Median of `runs` timings of `task`, in milliseconds. */
function median(runs: number, task: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    task();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const COMPOUND: FilterCriteria = {
  logic: 'and',
  conditions: [
    { field: 'value', op: 'gt', value: 60 },
    {
      logic: 'or',
      conditions: [
        { field: 'category', op: 'eq', value: 'cpu' },
        { field: 'source', op: 'in', value: ['db-1'] },
      ],
    },
  ],
};

function referenceFilter(points: Point[]): Point[] {
  return points.filter(
    (p) => p.value > 60 && (p.category === 'cpu' || ['db-1'].includes(p.source)),
  );
}

export function runCoreBenchmarks(): Record<string, number> {
  const points = makePoints(N);
  const metrics: Record<string, number> = {};

  const appendMs = median(3, () => {
    const store = new Store({ capacity: N });
    for (let i = 0; i < N; i += 1000) store.append(points.slice(i, i + 1000));
  });
  const referenceAppendMs = median(3, () => {
    const held: Point[] = [];
    for (let i = 0; i < N; i += 1000) held.push(...points.slice(i, i + 1000));
  });
  metrics.append_points_per_s = Math.round(N / (appendMs / 1000));
  metrics.append_vs_array_ratio = appendMs / referenceAppendMs;

  const store = new Store({ capacity: N });
  for (let i = 0; i < N; i += 10_000) store.append(points.slice(i, i + 10_000));
  metrics.filter_1m_compound_ms = median(5, () => store.setFilter(COMPOUND));
  const referenceFilterMs = median(5, () => referenceFilter(points));
  metrics.filter_vs_array_ratio = metrics.filter_1m_compound_ms / referenceFilterMs;

  const batch = makePoints(1000).map((p, i) => ({
    ...p,
    id: `n${i}`,
    timestamp: p.timestamp + N * 10,
  }));
  metrics.filter_append_1k_ms = median(1, () => store.append(batch));

  const wire = JSON.parse(JSON.stringify(points.slice(0, 100_000))) as unknown[];
  let counter = 0;
  const validateMs = median(3, () => validatePoints(wire, () => `v${counter++}`));
  metrics.validate_points_per_s = Math.round(wire.length / (validateMs / 1000));

  return metrics;
}
