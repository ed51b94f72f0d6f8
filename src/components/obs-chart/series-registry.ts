import type { RowList } from '../../core/row-list.js';
import type { SeriesIndex } from '../../core/series-index.js';
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
 * NOTE: each chart keeps its own list of the matching rows (4 bytes a row in
 * an array that grows by doubling, plus about 2 bytes of block extremes), on
 * top of the store's columns.
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
  /** Names of category and source pairs, cached so that naming a row creates no string. */
  readonly #pairNames = new Map<string, Map<string, string>>();

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
    if (rebuild) {
      this.#store = store;
      this.#seriesBy = seriesBy;
      this.#filter = store.filter;
      this.#scope = scope;
      this.#scopeKey = key;
      this.#stale = false;
      this.#rebuild(store);
    } else {
      if (store.start > this.#start) {
        for (const summary of this.#summaries.values()) summary.dropBefore(store.start);
      }
      for (let row = Math.max(this.#end, store.start); row < store.end; row++) {
        if (this.#inScope(store, row) && store.matches(row)) this.#summaryFor(store, row).add(row);
      }
    }
    this.#start = store.start;
    this.#end = store.end;
    for (const [key, summary] of this.#summaries) {
      if (summary.length === 0) this.#summaries.delete(key);
    }
    return this.#summaries;
  }

  /**
   * Drops rows the store evicted since the last sync, and every row after a
   * reset, without adding new ones. Summaries read times and values from the
   * store, so a hover between a store change and the next frame calls this
   * to read no slot that a newer point took over.
   */
  trim(store: Store): void {
    if (this.#stale || store !== this.#store) {
      for (const summary of this.#summaries.values()) summary.dropBefore(Infinity);
      return;
    }
    if (store.start <= this.#start) return;
    for (const summary of this.#summaries.values()) summary.dropBefore(store.start);
    this.#start = store.start;
  }

  /**
   * Fills the summaries from the store's per-series indices, which hold each
   * category and source pair in time order, merging the pairs of one chart
   * series by time. This reads each held row once, without the per-row
   * lookups of an append.
   */
  #rebuild(store: Store): void {
    this.#summaries.clear();
    this.#pairNames.clear();
    const groups = new Map<string, SeriesIndex[]>();
    const { categories, sources } = this.#scope;
    for (const series of store.series()) {
      if (categories !== null && !categories.has(series.category)) continue;
      if (sources !== null && !sources.has(series.source)) continue;
      const name = this.#nameOf(series.category, series.source);
      const members = groups.get(name);
      if (members === undefined) groups.set(name, [series]);
      else members.push(series);
    }
    const filtered = store.filter !== null;
    for (const [name, members] of groups) {
      const summary = new SeriesSummary(store);
      if (members.length === 1 && !filtered) {
        // The common case, one store series and no filter, copies its rows in one pass.
        summary.appendList(members[0].rows, members[0].inArrivalOrder);
      } else {
        const lists = members.map((series) => series.rows);
        summary.reserve(lists.reduce((sum, rows) => sum + rows.length, 0));
        mergeByTime(store, lists, (row) => {
          if (!filtered || store.matches(row)) summary.appendOrdered(row);
        });
      }
      if (summary.length > 0) this.#summaries.set(name, summary);
    }
  }

  #nameOf(category: string, source: string): string {
    if (this.#seriesBy === 'category') return category;
    if (this.#seriesBy === 'source') return source;
    let names = this.#pairNames.get(category);
    if (names === undefined) this.#pairNames.set(category, (names = new Map()));
    let name = names.get(source);
    if (name === undefined) names.set(source, (name = `${category} · ${source}`));
    return name;
  }

  #inScope(store: Store, row: number): boolean {
    const { categories, sources } = this.#scope;
    if (categories !== null && !categories.has(store.categoryAt(row))) return false;
    return sources === null || sources.has(store.sourceAt(row));
  }

  #summaryFor(store: Store, row: number): SeriesSummary {
    const key = this.#nameOf(store.categoryAt(row), store.sourceAt(row));
    let summary = this.#summaries.get(key);
    if (summary === undefined) {
      summary = new SeriesSummary(store);
      this.#summaries.set(key, summary);
    }
    return summary;
  }
}

/**
 * Calls `visit` with the rows of `lists`, each in time order, merged in time
 * order; equal times come in row order, which is arrival order.
 */
function mergeByTime(store: Store, lists: readonly RowList[], visit: (row: number) => void): void {
  if (lists.length === 1) {
    const rows = lists[0];
    for (let i = 0; i < rows.length; i++) visit(rows.at(i));
    return;
  }
  // Few lists share a chart series (one per source of a category), so a scan of their heads is enough.
  const next = new Array<number>(lists.length).fill(0);
  for (;;) {
    let best = -1;
    let bestTime = 0;
    let bestRow = 0;
    for (let list = 0; list < lists.length; list++) {
      if (next[list] >= lists[list].length) continue;
      const row = lists[list].at(next[list]);
      const time = store.timeAt(row);
      if (best < 0 || time < bestTime || (time === bestTime && row < bestRow)) {
        best = list;
        bestTime = time;
        bestRow = row;
      }
    }
    if (best < 0) return;
    next[best]++;
    visit(bestRow);
  }
}
