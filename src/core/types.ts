import type { FilterCriteria } from './criteria.js';

/**
 * One observation of a time series, as the store hands it out.
 * `timestamp` is epoch milliseconds; `value` is NaN for an explicit gap.
 */
export interface Point {
  id: string;
  timestamp: number;
  value: number;
  category: string;
  source: string;
  metadata?: Metadata;
}

/** Extra per-point fields. Values are primitives so filters and cells can read them directly. */
export type Metadata = Record<string, string | number | boolean | null>;

/** Detail of the store's `append` event: the logical rows `[from, to)` were added. */
export interface AppendDetail {
  from: number;
  to: number;
  added: number;
  duplicates: number;
}

/** Detail of the store's `evict` event: `count` oldest rows left; `start` is the new oldest row. */
export interface EvictDetail {
  count: number;
  start: number;
}

/**
 * Detail of the store's `filter` event. `refreshed` is true when relative time
 * conditions were tested again as time passed, and false when criteria were set.
 */
export interface FilterDetail {
  criteria: FilterCriteria | null;
  refreshed: boolean;
}

/** One distinct value of a field and how many rows hold it. */
export interface DistinctValue {
  value: string | number | boolean | null;
  count: number;
}

/** Counters and sizes of a store, for performance panels and tests. */
export interface StoreStats {
  /** Points held. */
  rows: number;
  capacity: number;
  /** Rows in the filtered view (every held row without a filter). */
  viewRows: number;
  /** Points dropped as duplicates since the last `clear()`. */
  duplicates: number;
  indexes: {
    categories: number;
    sources: number;
    series: number;
    /** Distinct metadata objects shared by rows. */
    metadataObjects: number;
    /** Bytes of typed arrays the store holds for columns and indices. */
    bytes: number;
  };
  filter: {
    /** Full evaluations: filters set and relative time refreshes. */
    runs: number;
    meanMs: number;
    lastMs: number;
    /** Time to test the rows of the last appended batch. */
    lastAppendMs: number;
  };
  cache: {
    entries: number;
    hits: number;
    misses: number;
    /** Hits over lookups, or 0 before the first lookup. */
    hitRate: number;
  };
}
