import { stableOrder } from './radix-sort.js';
import { collator, compareSortValues, isMissing, type SortDirection } from './sort.js';
import type { Store } from './store.js';

/** One key of a view sort: a criteria field name and a direction. */
export interface FieldSortKey {
  /** `id`, `timestamp`, `value`, `category`, `source` or `metadata.<key>`. */
  field: string;
  direction: SortDirection;
}

type ReadableStore = Pick<
  Store,
  'view' | 'timeAt' | 'valueAt' | 'categoryAt' | 'sourceAt' | 'idAt' | 'metadataAt'
>;

/**
 * Sorts rows of a store by fields, stably, with the ordering rules of
 * `sortRows` in sort.ts. Missing values (gaps, absent metadata keys, null,
 * non-finite numbers) go last in both directions. Numbers come before text,
 * text compares with an English collator in numeric mode, and booleans compare
 * as the text `false` and `true`.
 *
 * Each key becomes one float64 per row (text becomes its rank among the
 * distinct values) and a radix sort orders them, so a million rows sort without
 * comparator calls. `rows` defaults to the store's filtered view.
 */
export function sortView(
  store: ReadableStore,
  keys: readonly FieldSortKey[],
  rows: ArrayLike<number> = viewRows(store),
): Float64Array {
  const n = rows.length;
  const ordinals = keys.map((key) => {
    const values = readOrdinals(store, key.field, rows);
    if (key.direction === 'desc') for (let i = 0; i < n; i++) values[i] = -values[i];
    return values;
  });
  const order = stableOrder(ordinals, n);
  const sorted = new Float64Array(n);
  for (let i = 0; i < n; i++) sorted[i] = rows[order[i]];
  return sorted;
}

function viewRows(store: ReadableStore): Float64Array {
  const rows = new Float64Array(store.view.length);
  for (let i = 0; i < rows.length; i++) rows[i] = store.view.rowAt(i);
  return rows;
}

/** Returns one ascending ordinal per row, and NaN for a missing value. */
function readOrdinals(store: ReadableStore, field: string, rows: ArrayLike<number>): Float64Array {
  const n = rows.length;
  const out = new Float64Array(n);
  if (field === 'timestamp' || field === 'value') {
    for (let i = 0; i < n; i++) {
      const value = field === 'timestamp' ? store.timeAt(rows[i]) : store.valueAt(rows[i]);
      out[i] = Number.isFinite(value) ? value : NaN;
    }
    return out;
  }
  if (field === 'category' || field === 'source') {
    const read = field === 'category' ? store.categoryAt : store.sourceAt;
    const texts = new Array<string>(n);
    for (let i = 0; i < n; i++) texts[i] = read.call(store, rows[i]);
    return rankTexts(texts, out);
  }
  if (field === 'id') {
    const texts = new Array<string>(n);
    for (let i = 0; i < n; i++) texts[i] = store.idAt(rows[i]);
    return numberedOrdinals(texts, out) ?? rankTexts(texts, out);
  }
  if (!field.startsWith('metadata.')) {
    throw new RangeError(
      `sortView needs id, timestamp, value, category, source or metadata.<key>, got '${field}'`,
    );
  }
  const key = field.slice('metadata.'.length);
  const values = new Array<unknown>(n);
  for (let i = 0; i < n; i++) {
    const metadata = store.metadataAt(rows[i]);
    values[i] = metadata !== undefined && Object.hasOwn(metadata, key) ? metadata[key] : undefined;
  }
  return rankValues(values, out);
}

/** Ranks text by collation; text that collates equal shares a rank. */
function rankTexts(texts: string[], out: Float64Array): Float64Array {
  const distinct = [...new Set(texts)].sort(collator.compare);
  const ranks = new Map<string, number>();
  let rank = 0;
  distinct.forEach((text, index) => {
    if (index > 0 && collator.compare(distinct[index - 1], text) !== 0) rank++;
    ranks.set(text, rank);
  });
  for (let i = 0; i < texts.length; i++) out[i] = ranks.get(texts[i]) as number;
  return out;
}

/**
 * Orders ids such as `g7-1017` by their number when every id is one shared
 * prefix (not ending in a digit) plus a number without leading zeros. Numeric
 * collation compares such ids by that number, and skipping the collator saves
 * most of the time on a million distinct ids. Returns null otherwise.
 */
function numberedOrdinals(texts: string[], out: Float64Array): Float64Array | null {
  if (texts.length === 0) return out;
  const pattern = /^(.*\D)?(0|[1-9]\d{0,14})$/;
  const first = pattern.exec(texts[0]);
  if (first === null) return null;
  const prefix = first[1] ?? '';
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i];
    if (!text.startsWith(prefix)) return null;
    const digits = text.slice(prefix.length);
    if (!/^(0|[1-9]\d{0,14})$/.test(digits)) return null;
    out[i] = Number(digits);
  }
  return out;
}

/** Ranks values of mixed kinds by `compareSortValues`; missing values get NaN. */
function rankValues(values: unknown[], out: Float64Array): Float64Array {
  const distinct = [...new Set(values.filter((value) => !isMissing(value)))];
  distinct.sort((a, b) => compareSortValues(a, b, 'asc'));
  const ranks = new Map<unknown, number>();
  let rank = 0;
  distinct.forEach((value, index) => {
    if (index > 0 && compareSortValues(distinct[index - 1], value, 'asc') !== 0) rank++;
    ranks.set(value, rank);
  });
  for (let i = 0; i < values.length; i++) out[i] = ranks.get(values[i]) ?? NaN;
  return out;
}
