import type { PointRing } from './point-ring.js';
import type { RowList } from './row-list.js';
import type { SeriesIndex } from './series-index.js';
import type { DistinctValue } from './types.js';

/** The store's ring, filter test and filtered rows, as the query helpers use them. */
export interface QuerySource {
  store: { matches(row: number): boolean };
  ring: PointRing;
  /** The filtered rows in arrival order, or null without a filter. */
  filtered: RowList | null;
}

function clampCount(count: number, size: number): number {
  if (!(count > 0)) return 0;
  return Math.min(Math.floor(count), size);
}

/** Rows of the `count` latest points, oldest first; see `Store.latestRows`. */
export function latestRows(source: QuerySource, count: number, filtered: boolean): Float64Array {
  const { ring } = source;
  const view = filtered ? source.filtered : null;
  const taken = clampCount(count, view === null ? ring.size : view.length);
  const rows = new Float64Array(taken);
  if (ring.timeSorted) {
    // Arrival order is time order, so the newest rows are the last ones.
    for (let i = 0; i < taken; i++) {
      rows[i] = view === null ? ring.end - taken + i : view.at(view.length - taken + i);
    }
    return rows;
  }
  // Walk every series back from its newest row, taking the latest (time, row) each step.
  const series = [...ring.series.values()].filter((s) => s.rows.length > 0);
  const positions = series.map((s) => s.rows.length - 1);
  let n = taken;
  while (n > 0) {
    let best = -1;
    let bestTime = -Infinity;
    let bestRow = -1;
    for (let s = 0; s < series.length; s++) {
      if (positions[s] < 0) continue;
      const row = series[s].rows.at(positions[s]);
      const time = ring.timeAt(row);
      if (best < 0 || time > bestTime || (time === bestTime && row > bestRow)) {
        best = s;
        bestTime = time;
        bestRow = row;
      }
    }
    if (best < 0) break;
    positions[best]--;
    if (view !== null && !source.store.matches(bestRow)) continue;
    rows[--n] = bestRow;
  }
  return rows.subarray(n);
}

/** Rows of one category or source in time order; see `Store.rowsOf`. */
export function rowsOf(
  source: QuerySource,
  field: 'category' | 'source',
  name: string,
  filtered: boolean,
): Float64Array {
  const { ring } = source;
  const code = (field === 'category' ? ring.categories : ring.sources).lookup(name);
  const lists = code < 0 ? [] : ring.seriesWith(field, code).map((s) => s.rows.toArray());
  let merged: Float64Array = lists.length === 0 ? new Float64Array(0) : lists[0];
  for (let i = 1; i < lists.length; i++) merged = mergeByTime(merged, lists[i], ring);
  if (!filtered || source.filtered === null) return merged;
  return merged.filter((row) => source.store.matches(row));
}

/** Merges two row arrays in (time, row) order. */
function mergeByTime(a: Float64Array, b: Float64Array, ring: PointRing): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const ta = ring.timeAt(a[i]);
    const tb = ring.timeAt(b[j]);
    const first = ta < tb || (ta === tb && a[i] < b[j]);
    out[n++] = first ? a[i++] : b[j++];
  }
  while (i < a.length) out[n++] = a[i++];
  while (j < b.length) out[n++] = b[j++];
  return out;
}

type Value = DistinctValue['value'];

/** Distinct values of a field with counts; see `Store.distinct`. */
export function distinctValues(
  source: QuerySource,
  field: string,
  filtered: boolean,
): DistinctValue[] {
  const { ring } = source;
  const view = filtered ? source.filtered : null;
  if (field === 'category' || field === 'source') {
    const codes = field === 'category' ? ring.categories : ring.sources;
    const counts = new Float64Array(codes.size);
    if (view === null) {
      for (const series of ring.series.values()) countSeries(series, field, counts, ring);
    } else {
      const column = field === 'category' ? ring.category : ring.source;
      for (let i = 0; i < view.length; i++) counts[column[view.at(i) % ring.capacity]]++;
    }
    const values: DistinctValue[] = [];
    counts.forEach((count, code) => {
      if (count > 0) values.push({ value: codes.decode(code), count });
    });
    return sortDistinct(values);
  }
  const read = valueReader(ring, field);
  const counts = new Map<Value, number>();
  const visit = (row: number) => {
    const value = read(row);
    if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  };
  if (view === null) for (let row = ring.start; row < ring.end; row++) visit(row);
  else for (let i = 0; i < view.length; i++) visit(view.at(i));
  return sortDistinct([...counts].map(([value, count]) => ({ value, count })));
}

function countSeries(
  series: SeriesIndex,
  field: 'category' | 'source',
  counts: Float64Array,
  ring: PointRing,
): void {
  if (series.rows.length === 0) return;
  const codes = field === 'category' ? ring.categories : ring.sources;
  counts[codes.lookup(field === 'category' ? series.category : series.source)] +=
    series.rows.length;
}

function valueReader(ring: PointRing, field: string): (row: number) => Value | undefined {
  switch (field) {
    case 'id':
      return (row) => ring.idAt(row);
    case 'timestamp':
      return (row) => {
        const time = ring.timeAt(row);
        return Number.isNaN(time) ? undefined : time;
      };
    case 'value':
      return (row) => {
        const value = ring.value[row % ring.capacity];
        return Number.isNaN(value) ? undefined : value;
      };
    default: {
      if (!field.startsWith('metadata.')) {
        throw new RangeError(
          `distinct needs id, timestamp, value, category, source or metadata.<key>, got '${field}'`,
        );
      }
      const key = field.slice('metadata.'.length);
      return (row) => {
        const metadata = ring.metadataAt(row);
        return metadata !== undefined && Object.hasOwn(metadata, key) ? metadata[key] : undefined;
      };
    }
  }
}

const TYPE_RANK: Record<string, number> = { number: 0, string: 1, boolean: 2, object: 3 };

/** Most frequent first; ties by value: numbers ascending, then text, then false, true, null. */
function sortDistinct(values: DistinctValue[]): DistinctValue[] {
  return values.sort((a, b) => {
    if (a.count !== b.count) return b.count - a.count;
    const rank = TYPE_RANK[typeof a.value] - TYPE_RANK[typeof b.value];
    if (rank !== 0) return rank;
    const x = a.value as string | number | boolean;
    const y = b.value as string | number | boolean;
    if (x < y) return -1;
    if (x > y) return 1;
    return 0;
  });
}
