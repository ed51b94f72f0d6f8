import type { FilterEngine } from './filter-engine.js';
import type { PointRing } from './point-ring.js';
import type { StoreStats } from './types.js';

/** Builds `Store.stats()` from the store's ring, filter engine and counters. */
export function storeStats(
  ring: PointRing,
  engine: FilterEngine,
  duplicates: number,
  series: number,
): StoreStats {
  const filter = engine.stats();
  let bytes = ring.byteLength;
  if (engine.active) bytes += engine.rows.byteLength;
  return {
    rows: ring.size,
    capacity: ring.capacity,
    viewRows: engine.active ? engine.rows.length : ring.size,
    duplicates,
    indexes: {
      categories: ring.categories.size,
      sources: ring.sources.size,
      series,
      metadataObjects: ring.metadata.distinct,
      bytes,
    },
    filter: {
      runs: filter.runs,
      meanMs: filter.meanMs,
      lastMs: filter.lastMs,
      lastAppendMs: filter.lastAppendMs,
    },
    cache: {
      entries: filter.cacheEntries,
      hits: filter.cacheHits,
      misses: filter.cacheMisses,
      hitRate: filter.cacheHitRate,
    },
  };
}
