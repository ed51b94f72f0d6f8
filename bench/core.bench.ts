// Benchmarks of the store, filter engine, view sort and validation. Each runs
// beside a plain array-of-objects peer in the same process, and ratios are
// reported with the times because absolute times drift on shared machines.
// The module has no Node imports so the same code runs in Node and Chromium.
import {
  NO_METADATA,
  Store,
  sortView,
  validatePoints,
  type ColumnStrings,
  type FilterCriteria,
  type Metadata,
  type Point,
  type PointColumns,
} from '../src/core/index.js';

export const N = 1_000_000;
const BATCH = 1000;
const CATEGORIES = ['cpu', 'memory', 'network', 'latency', 'errors'];
const SOURCES = ['web-1', 'web-2', 'db-1'];
const UNITS = ['%', 'MB', 'ms'];
const START = 1_700_000_000_000;

/**
 * Points as the generator makes them: ids `g42-<sequence>`, one point every
 * 10 ms, and two metadata keys with a few distinct values. A fresh metadata
 * object per point, as validation produces.
 */
export function makePoints(from: number, count: number): Point[] {
  const points: Point[] = new Array(count);
  for (let k = 0; k < count; k++) {
    const i = from + k;
    points[k] = {
      id: `g42-${i}`,
      timestamp: START + i * 10,
      value: 50 + 40 * Math.sin(i / 1000) + (i % 7),
      category: CATEGORIES[i % CATEGORIES.length],
      source: SOURCES[i % SOURCES.length],
      metadata: { unit: UNITS[i % UNITS.length], scenario: 'normal' },
    };
  }
  return points;
}

/** The object-per-point store the columnar one replaces: an array plus a Map of ids. */
export class PeerStore {
  points: Point[] = [];
  ids = new Map<string, Point>();
  head = 0;

  constructor(readonly capacity: number) {}

  append(batch: readonly Point[]): void {
    for (const point of batch) {
      if (this.ids.has(point.id)) continue;
      if (this.points.length - this.head === this.capacity) {
        this.ids.delete(this.points[this.head++].id);
      }
      this.points.push(point);
      this.ids.set(point.id, point);
    }
  }
}

/** Median of `runs` timings of `task`, in milliseconds. */
function median(runs: number, task: () => void, before: () => void = () => {}): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    before();
    const start = performance.now();
    task();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** value > 60 AND (category = cpu OR source IN [db-1]): three conditions, AND over OR. */
export const COMPOUND: FilterCriteria = {
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

interface Paired {
  ms: number;
  peerMs: number;
  /** Median of the per-pair ratios of our time over the peer's. */
  ratio: number;
}

/**
 * Times `task` and `peer` alternately `runs` times. Load from other processes
 * shifts over seconds on a shared machine, so a ratio taken within each pair
 * is steadier than one taken between two separate series of runs.
 */
function paired(runs: number, task: () => void, peer: () => void, before = () => {}): Paired {
  const ours: number[] = [];
  const theirs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) {
    before();
    let start = performance.now();
    task();
    ours.push(performance.now() - start);
    start = performance.now();
    peer();
    theirs.push(performance.now() - start);
    ratios.push(ours[i] / theirs[i]);
  }
  const middle = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1];
  return { ms: middle(ours), peerMs: middle(theirs), ratio: middle(ratios) };
}

function peerCompound(points: Point[]): Point[] {
  return points.filter(
    (p) => p.value > 60 && (p.category === 'cpu' || ['db-1'].includes(p.source)),
  );
}

function fillStore(points: Point[]): Store {
  const store = new Store({ capacity: N });
  for (let i = 0; i < points.length; i += BATCH) store.append(points.slice(i, i + BATCH));
  return store;
}

function measureAppend(points: Point[], metrics: Record<string, number>): void {
  const result = paired(
    5,
    () => fillStore(points),
    () => {
      const peer = new PeerStore(N);
      for (let i = 0; i < points.length; i += BATCH) peer.append(points.slice(i, i + BATCH));
    },
  );
  metrics.append_points_per_s = Math.round(points.length / (result.ms / 1000));
  metrics.append_vs_peer_ratio = result.ratio;
}

/** Rows per batch of `append_columns_points_per_s`, as in one binary frame from the server. */
const COLUMN_BATCH = 8192;

/** A string table like a stream connection's, with metadata parsed once per entry. */
class BenchStrings implements ColumnStrings {
  readonly #entries: string[] = [];
  readonly #codes = new Map<string, number>();
  readonly #metadata = new Map<number, Metadata>();

  get length(): number {
    return this.#entries.length;
  }

  code(text: string): number {
    let code = this.#codes.get(text);
    if (code === undefined) {
      code = this.#entries.push(text) - 1;
      this.#codes.set(text, code);
    }
    return code;
  }

  at(code: number): string | undefined {
    return this.#entries[code];
  }

  metadata(code: number): Metadata | string {
    let metadata = this.#metadata.get(code);
    if (metadata === undefined) {
      metadata = JSON.parse(this.#entries[code]) as Metadata;
      this.#metadata.set(code, metadata);
    }
    return metadata;
  }
}

/** Encodes points as the server's binary frames carry them: ids `g42-` plus a number. */
function columnBatches(points: Point[], strings: BenchStrings): PointColumns[] {
  const batches: PointColumns[] = [];
  for (let from = 0; from < points.length; from += COLUMN_BATCH) {
    const count = Math.min(COLUMN_BATCH, points.length - from);
    const columns: PointColumns = {
      count,
      timestamp: new Float64Array(count),
      value: new Float64Array(count),
      idNumber: new Float64Array(count),
      category: new Uint32Array(count),
      source: new Uint32Array(count),
      idPrefix: new Uint32Array(count),
      metadata: new Uint32Array(count),
    };
    for (let i = 0; i < count; i++) {
      const point = points[from + i];
      columns.timestamp[i] = point.timestamp;
      columns.value[i] = point.value;
      columns.idPrefix[i] = strings.code('g42-');
      columns.idNumber[i] = Number(point.id.slice(4));
      columns.category[i] = strings.code(point.category);
      columns.source[i] = strings.code(point.source);
      columns.metadata[i] =
        point.metadata === undefined ? NO_METADATA : strings.code(JSON.stringify(point.metadata));
    }
    batches.push(columns);
  }
  return batches;
}

/**
 * Appends a million points as columns into an empty store, and a million more
 * points into a full store, where each one evicts the oldest.
 */
function measureColumnsAndEviction(points: Point[], metrics: Record<string, number>): void {
  const strings = new BenchStrings();
  const batches = columnBatches(points, strings);
  const columnsMs = median(5, () => {
    const store = new Store({ capacity: N });
    for (const columns of batches) store.appendColumns(columns, strings);
  });
  metrics.append_columns_points_per_s = Math.round(points.length / (columnsMs / 1000));

  const later = makePoints(N, N);
  let full = fillStore(points);
  const evictingMs = median(
    3,
    () => {
      for (let i = 0; i < later.length; i += BATCH) full.append(later.slice(i, i + BATCH));
    },
    () => {
      full = fillStore(points);
    },
  );
  metrics.append_evicting_points_per_s = Math.round(later.length / (evictingMs / 1000));
}

function measureFilter(store: Store, points: Point[], metrics: Record<string, number>): void {
  // Cold cache: removing the filter caches its result, so the cache is cleared after it.
  const coldStart = () => {
    store.setFilter(null);
    store.clearFilterCache();
  };
  const result = paired(
    9,
    () => store.setFilter(COMPOUND),
    () => peerCompound(points),
    coldStart,
  );
  metrics.filter_1m_compound_ms = result.ms;
  metrics.filter_vs_peer_ratio = result.ratio;
  store.setFilter(COMPOUND);
  metrics.filter_1m_compound_matches = store.view.length;
  metrics.filter_1m_compound_warm_ms = median(7, () => store.setFilter(COMPOUND));

  // Incremental: the view holds a million rows; each new batch also evicts as many.
  // Means over many batches, because Chromium coarsens performance.now() to 0.1 ms
  // with jitter, which averages out but makes single readings of short spans useless.
  const runs = 200;
  let next = N;
  let appendMs = 0;
  let incrementalMs = 0;
  for (let run = 0; run < runs; run++) {
    const batch = makePoints(next, BATCH);
    next += BATCH;
    const start = performance.now();
    store.append(batch);
    appendMs += performance.now() - start;
    incrementalMs += store.stats().filter.lastAppendMs;
  }
  metrics.filter_append_1k_ms = incrementalMs / runs;
  metrics.append_1k_with_filter_ms = appendMs / runs;
}

function measureSort(store: Store, points: Point[], metrics: Record<string, number>): void {
  store.setFilter(null);
  const result = paired(
    3,
    () => sortView(store, [{ field: 'value', direction: 'desc' }]),
    () => [...points].sort((a, b) => b.value - a.value),
  );
  metrics.sort_1m_ms = result.ms;
  metrics.sort_vs_peer_ratio = result.ratio;
  metrics.sort_1m_two_keys_ms = median(3, () =>
    sortView(store, [
      { field: 'category', direction: 'asc' },
      { field: 'timestamp', direction: 'desc' },
    ]),
  );
}

function measureValidation(metrics: Record<string, number>): void {
  const wire = JSON.parse(JSON.stringify(makePoints(0, 100_000))) as unknown[];
  let counter = 0;
  const validateMs = median(3, () => validatePoints(wire, () => `v${counter++}`));
  metrics.validate_points_per_s = Math.round(wire.length / (validateMs / 1000));
}

/** Runs every timing benchmark at a million points. */
export function runCoreBenchmarks(): Record<string, number> {
  const metrics: Record<string, number> = {};
  const points = makePoints(0, N);
  measureAppend(points, metrics);
  measureColumnsAndEviction(points, metrics);
  const store = fillStore(points);
  measureFilter(store, points, metrics);
  measureSort(store, points, metrics);
  measureValidation(metrics);
  return metrics;
}

/** Fills a store with a million points made batch by batch, so only the store stays reachable. */
export function fillMemoryStore(): Store {
  const store = new Store({ capacity: N });
  for (let i = 0; i < N; i += BATCH) store.append(makePoints(i, BATCH));
  return store;
}

/** The peer of `fillMemoryStore`. */
export function fillMemoryPeer(): PeerStore {
  const peer = new PeerStore(N);
  for (let i = 0; i < N; i += BATCH) peer.append(makePoints(i, BATCH));
  return peer;
}
