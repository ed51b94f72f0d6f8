import { mergeSortedRows, sortRows, type SortDirection, type SortKey } from '../../core/sort.js';
import type { Store } from '../../core/store.js';
import { readCell, type ResolvedColumn } from './columns.js';

/** The column the grid is sorted by, or null for arrival order. */
export interface GridSort {
  key: string;
  direction: SortDirection;
}

/** Order of rows without a sort: `newest` puts the latest arrival on top. */
export type ArrivalOrder = 'newest' | 'oldest';

/** Cycles a header click: unsorted or another column, then ascending, descending, unsorted. */
export function nextSort(current: GridSort | null, key: string): GridSort | null {
  if (current === null || current.key !== key) return { key, direction: 'asc' };
  if (current.direction === 'asc') return { key, direction: 'desc' };
  return null;
}

/**
 * Returns `sort` and its column when the sort names a sortable column and a
 * valid direction, and a null sort otherwise, so a bad `sort` property shows
 * arrival order instead of failing.
 */
export function checkSort(
  sort: unknown,
  columns: readonly ResolvedColumn[],
): { sort: GridSort | null; column: ResolvedColumn | undefined } {
  const candidate = sort as Partial<GridSort> | null | undefined;
  const column = columns.find((c) => c.key === candidate?.key);
  const direction = candidate?.direction;
  if (column === undefined || !column.sortable || (direction !== 'asc' && direction !== 'desc')) {
    return { sort: null, column: undefined };
  }
  return { sort: { key: column.key, direction }, column };
}

/** Index of the first view entry whose logical row is at least `row`; the view is ascending. */
function firstViewIndexAtOrAfter(store: Store, row: number): number {
  let low = 0;
  let high = store.view.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (store.view.rowAt(middle) < row) low = middle + 1;
    else high = middle;
  }
  return low;
}

function collectView(store: Store, from: number): Float64Array {
  const rows = new Float64Array(store.view.length - from);
  for (let i = 0; i < rows.length; i++) rows[i] = store.view.rowAt(from + i);
  return rows;
}

/**
 * The display order of the grid: the store's filtered view in arrival order
 * (newest or oldest first), or sorted by one column.
 *
 * Unsorted, it reads the view directly and keeps no copy. Sorted, it keeps the
 * logical rows in display order and updates them per frame: evicted rows are
 * dropped and new rows merged in, so streaming costs O(n) copying plus key
 * reads for the new rows only. A reset, a filter change or a new sort
 * re-sorts everything. Ties keep arrival order (newest first unless the
 * arrival order is `oldest`), because the logical row number is the last key.
 */
export class RowOrder {
  #store: Store | null = null;
  #sorted: Float64Array | null = null;
  #keys: SortKey[] = [];
  #start = 0;
  #end = 0;
  #stale = true;
  #arrival: ArrivalOrder = 'newest';
  readonly #invalidate = () => {
    this.#stale = true;
  };

  /** Listens to `store` for resets and filter changes, which need a full re-sort. */
  bind(store: Store | null): void {
    if (store === this.#store) return;
    this.#store?.removeEventListener('reset', this.#invalidate);
    this.#store?.removeEventListener('filter', this.#invalidate);
    this.#store = store;
    store?.addEventListener('reset', this.#invalidate);
    store?.addEventListener('filter', this.#invalidate);
    this.#stale = true;
  }

  /** Sets the sort column and arrival order; the next `sync` applies them. */
  configure(
    sort: GridSort | null,
    column: ResolvedColumn | undefined,
    arrival: ArrivalOrder,
  ): void {
    this.#arrival = arrival;
    const tieBreak: SortKey = {
      read: (row) => row,
      direction: arrival === 'newest' ? 'desc' : 'asc',
    };
    if (sort === null || column === undefined) {
      this.#keys = [];
    } else {
      const read = (row: number) =>
        this.#store === null ? undefined : readCell(this.#store, column, row);
      this.#keys = [{ read, direction: sort.direction }, tieBreak];
    }
    this.#stale = true;
  }

  /** Whether a sort column is set, as opposed to arrival order. */
  get sorted(): boolean {
    return this.#keys.length > 0;
  }

  /** Number of rows shown. */
  get length(): number {
    if (this.#sorted !== null) return this.#sorted.length;
    return this.#store?.view.length ?? 0;
  }

  /** Logical row shown at display position `index` (0 is the top row). */
  rowAt(index: number): number {
    if (this.#sorted !== null) return this.#sorted[index];
    const view = this.#store!.view;
    return this.#arrival === 'newest' ? view.rowAt(view.length - 1 - index) : view.rowAt(index);
  }

  /**
   * Display position of a logical row, or -1 when it is not shown.
   * NOTE: sorted, this is a linear scan, and each merge copies the whole
   * sorted array, so a sorted grid of millions of streaming rows spends
   * milliseconds per frame on both. An inverse index would remove the scan.
   */
  indexOf(row: number): number {
    const store = this.#store;
    if (store === null || !store.holds(row) || !store.matches(row)) return -1;
    if (this.#sorted !== null) return this.#sorted.indexOf(row);
    const viewIndex = firstViewIndexAtOrAfter(store, row);
    if (store.view.rowAt(viewIndex) !== row) return -1;
    return this.#arrival === 'newest' ? store.view.length - 1 - viewIndex : viewIndex;
  }

  /** Brings the order up to date with the store after appends, evictions, resets and filters. */
  sync(): void {
    const store = this.#store;
    if (store === null || this.#keys.length === 0) {
      this.#sorted = null;
      this.#stale = false;
      return;
    }
    if (this.#stale || this.#sorted === null) {
      this.#sorted = sortRows(collectView(store, 0), this.#keys);
    } else {
      this.#dropEvicted(store.start);
      if (store.end > this.#end) {
        const added = collectView(store, firstViewIndexAtOrAfter(store, this.#end));
        if (added.length > 0) this.#sorted = mergeSortedRows(this.#sorted, added, this.#keys);
      }
    }
    this.#start = store.start;
    this.#end = store.end;
    this.#stale = false;
  }

  #dropEvicted(start: number): void {
    if (start <= this.#start || this.#sorted === null) return;
    const sorted = this.#sorted;
    const remaining = new Float64Array(sorted.length);
    let count = 0;
    for (let i = 0; i < sorted.length; i++) {
      if (sorted[i] >= start) remaining[count++] = sorted[i];
    }
    this.#sorted = remaining.subarray(0, count);
  }
}
