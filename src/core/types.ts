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
