import type { Store } from '../../core/store.js';
import type { SeriesBy } from './chart-options.js';
import { SeriesSummary } from './series-summary.js';

/** Categories and sources a chart draws; null admits every one. */
export interface SeriesScope {
  categories: ReadonlySet<string> | null;
  sources: ReadonlySet<string> | null;
}

export const FULL_SCOPE: SeriesScope = { categories: null, sources: null };

function scopeKey(scope: SeriesScope): string {
  const list = (names: ReadonlySet<string> | null) => (names === null ? '*' : [...names].join(','));
  return `${list(scope.categories)}|${list(scope.sources)}`;
}

/**
 * The chart series of one store: a SeriesSummary per category or source,
 * kept up to date from the store's row counters so that each frame only
 * visits rows appended or evicted since the last one. A reset, a new filter
 * or a new `series-by` rebuilds every summary from the held rows.
 *
 * NOTE: each chart keeps its own copy of the matching row numbers (8 bytes a
 * row plus about 2 bytes of block extremes), on top of the store's columns.
 */
export class SeriesRegistry {
  #store: Store | null = null;
  #seriesBy: SeriesBy = 'category';
  #filter: unknown = null;
  #scope = FULL_SCOPE;
  #scopeKey = scopeKey(FULL_SCOPE);
  #start = 0;
  #end = 0;
  #stale = true;
  readonly #summaries = new Map<string, SeriesSummary>();

  /** Forces a rebuild on the next sync; call it when the store fires `reset`. */
  markStale(): void {
    this.#stale = true;
  }

  /** Brings the summaries up to date with `store` and returns them in order of first appearance. */
  sync(
    store: Store,
    seriesBy: SeriesBy,
    scope: SeriesScope = FULL_SCOPE,
  ): ReadonlyMap<string, SeriesSummary> {
    const key = scopeKey(scope);
    const rebuild =
      this.#stale ||
      store !== this.#store ||
      seriesBy !== this.#seriesBy ||
      store.filter !== this.#filter ||
      key !== this.#scopeKey;
    let from = Math.max(this.#end, store.start);
    if (rebuild) {
      this.#summaries.clear();
      this.#store = store;
      this.#seriesBy = seriesBy;
      this.#filter = store.filter;
      this.#scope = scope;
      this.#scopeKey = key;
      this.#stale = false;
      from = store.start;
    } else if (store.start > this.#start) {
      for (const summary of this.#summaries.values()) summary.dropBefore(store.start);
    }
    for (let row = from; row < store.end; row++) {
      if (this.#inScope(store, row) && store.matches(row)) this.#summaryFor(store, row).add(row);
    }
    this.#start = store.start;
    this.#end = store.end;
    for (const [key, summary] of this.#summaries) {
      if (summary.length === 0) this.#summaries.delete(key);
    }
    return this.#summaries;
  }

  #inScope(store: Store, row: number): boolean {
    const { categories, sources } = this.#scope;
    if (categories !== null && !categories.has(store.categoryAt(row))) return false;
    return sources === null || sources.has(store.sourceAt(row));
  }

  #summaryFor(store: Store, row: number): SeriesSummary {
    const key = this.#seriesBy === 'source' ? store.sourceAt(row) : store.categoryAt(row);
    let summary = this.#summaries.get(key);
    if (summary === undefined) {
      summary = new SeriesSummary(store);
      this.#summaries.set(key, summary);
    }
    return summary;
  }
}
