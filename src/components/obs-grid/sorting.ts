import {
  compareRows,
  sortRows,
  STEP_ROWS,
  sortRowsInSteps,
  type SortDirection,
  type SortKey,
} from '../../core/sort.js';
import type { Store } from '../../core/store.js';
import type { FilterDetail } from '../../core/types.js';
import { ChunkedRowList } from './chunked-rows.js';
import { readCell, type ResolvedColumn } from './columns.js';

/** One sort key of the grid: a column key and a direction. */
export interface GridSort {
  key: string;
  direction: SortDirection;
}

/** Order of rows without a sort: `newest` puts the latest arrival on top. */
export type ArrivalOrder = 'newest' | 'oldest';

/** A validated sort key with its column. */
export interface ColumnSort {
  column: ResolvedColumn;
  direction: SortDirection;
}

/**
 * Views with more rows than this sort in slices between frames; smaller ones
 * sort at once. A million rows sort in about 0.2 to 0.5 s on a shared 2-core
 * machine (an estimate), which would freeze the page in one piece.
 */
export const SYNC_SORT_ROWS = 50_000;

/** Milliseconds of sorting work per task, so frames keep coming while a large sort runs. */
const SLICE_MS = 10;

/**
 * Returns the sort keys after a header click on column `key`. A plain click
 * sorts by that column alone, cycling ascending, descending, unsorted. With
 * `additive` (Shift-click) the column is added as the last key, or its
 * direction cycles where it is, and other keys stay.
 */
export function nextSort(current: readonly GridSort[], key: string, additive: boolean): GridSort[] {
  const existing = current.find((sort) => sort.key === key);
  const next: GridSort | null =
    existing === undefined
      ? { key, direction: 'asc' }
      : existing.direction === 'asc'
        ? { key, direction: 'desc' }
        : null;
  if (!additive) return next === null ? [] : [next];
  if (existing === undefined) return [...current, next!];
  const keys: GridSort[] = [];
  for (const sort of current) {
    if (sort.key !== key) keys.push(sort);
    else if (next !== null) keys.push(next);
  }
  return keys;
}

/**
 * Validates the `sort` property: one key, an array of keys, or null. Keys on
 * unknown or unsortable columns, with an invalid direction, or repeating a
 * column are dropped, so a bad value shows arrival order instead of failing.
 */
export function checkSort(
  sort: unknown,
  columns: readonly ResolvedColumn[],
): { keys: GridSort[]; sorts: ColumnSort[] } {
  let candidates: unknown[] = [];
  if (Array.isArray(sort)) candidates = sort;
  else if (sort) candidates = [sort];
  const keys: GridSort[] = [];
  const sorts: ColumnSort[] = [];
  for (const candidate of candidates) {
    const { key, direction } = (candidate ?? {}) as Partial<GridSort>;
    const column = columns.find((c) => c.key === key);
    if (column === undefined || !column.sortable) continue;
    if (direction !== 'asc' && direction !== 'desc') continue;
    if (keys.some((k) => k.key === column.key)) continue;
    keys.push({ key: column.key, direction });
    sorts.push({ column, direction });
  }
  return { keys, sorts };
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

/** Number of rows in the view whose logical row is `row` or later. */
export function countRowsFrom(store: Store, row: number): number {
  return store.view.length - firstViewIndexAtOrAfter(store, row);
}

function collectView(store: Store, from: number): Float64Array {
  const rows = new Float64Array(store.view.length - from);
  for (let i = 0; i < rows.length; i++) rows[i] = store.view.rowAt(from + i);
  return rows;
}

/**
 * Collects the logical rows of the view below `end` in slices. Evictions
 * between slices shift view indexes, so each slice finds its place by row;
 * rows evicted on the way are skipped.
 */
function* collectViewInSteps(store: Store, end: number): Generator<void, Float64Array, void> {
  const rows = new Float64Array(store.view.length);
  let count = 0;
  let next = store.start;
  for (;;) {
    const from = firstViewIndexAtOrAfter(store, next);
    const to = Math.min(store.view.length, from + 4 * STEP_ROWS);
    let index = from;
    for (; index < to && count < rows.length; index++) {
      const row = store.view.rowAt(index);
      if (row >= end) break;
      rows[count++] = row;
    }
    if (index < to || to === store.view.length || count === rows.length) break;
    next = rows[count - 1] + 1;
    yield;
  }
  return rows.subarray(0, count);
}

/** Collects and sorts the view's rows below `end` and builds the list, yielding between slices. */
function* sortToList(
  store: Store,
  end: number,
  keys: readonly SortKey[],
): Generator<void, ChunkedRowList, void> {
  const rows = yield* collectViewInSteps(store, end);
  const sorted = yield* sortRowsInSteps(rows, keys);
  return yield* ChunkedRowList.fromSteps(sorted);
}

interface SortJob {
  steps: Generator<void, ChunkedRowList, void>;
  /** Store `end` when the job collected its rows; later rows are merged in afterwards. */
  end: number;
}

/**
 * The display order of the grid: the store's filtered view in arrival order
 * (newest or oldest first), or sorted by one or more columns.
 *
 * Unsorted, it reads the view directly and keeps no copy. Sorted, it keeps the
 * logical rows in a ChunkedRowList and updates it per frame by dropping
 * evicted rows and inserting new ones. A streamed batch of k rows then costs
 * about O(k log n) key reads plus moving k chunk entries. A reset, a filter change
 * or a new sort sorts everything again; above SYNC_SORT_ROWS rows that sort
 * runs in slices between frames, and until it is done the rows show in
 * arrival order with `pending` true. Ties keep arrival order (newest first
 * unless the arrival order is `oldest`), because the logical row number is the
 * last key.
 */
export class RowOrder {
  #store: Store | null = null;
  #list: ChunkedRowList | null = null;
  #keys: SortKey[] = [];
  #start = 0;
  #end = 0;
  #stale = true;
  /** A relative-time filter refreshed: rows may have left or joined the view. */
  #refreshed = false;
  #arrival: ArrivalOrder = 'newest';
  #job: SortJob | null = null;
  /** Store `end` at the last sync; unsorted, later rows wait for the next sync. */
  #syncedEnd = 0;
  /** Cached number of view rows below `#syncedEnd`, with the view state it was computed for. */
  #shown = { count: 0, length: -1, start: -1, end: -1, syncedEnd: -1 };
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #onSorted: () => void;
  readonly #compare = (a: number, b: number) => compareRows(a, b, this.#keys);
  readonly #invalidate = () => {
    this.#stale = true;
  };
  readonly #onFilter = (event: Event) => {
    if ((event as CustomEvent<FilterDetail>).detail?.refreshed === true) this.#refreshed = true;
    else this.#stale = true;
  };

  /** `onSorted` runs when a sort that ran in slices has finished. */
  constructor(onSorted: () => void = () => {}) {
    this.#onSorted = onSorted;
  }

  /** Listens to `store` for resets and filter changes; null stops listening and any sort. */
  bind(store: Store | null): void {
    if (store === this.#store) return;
    this.#store?.removeEventListener('reset', this.#invalidate);
    this.#store?.removeEventListener('filter', this.#onFilter);
    this.#store = store;
    store?.addEventListener('reset', this.#invalidate);
    store?.addEventListener('filter', this.#onFilter);
    this.#stale = true;
    this.#cancelJob();
    if (store === null) this.#list = null;
  }

  /** Sets the sort keys and arrival order; the next `sync` applies them. */
  configure(sorts: readonly ColumnSort[], arrival: ArrivalOrder): void {
    this.#arrival = arrival;
    const tieBreak: SortKey = {
      read: (row) => row,
      direction: arrival === 'newest' ? 'desc' : 'asc',
    };
    const keys = sorts.map(({ column, direction }): SortKey => {
      const read = (row: number) => {
        const store = this.#store;
        return store === null || !store.holds(row) ? undefined : readCell(store, column, row);
      };
      return { read, direction };
    });
    this.#keys = keys.length === 0 ? [] : [...keys, tieBreak];
    this.#stale = true;
  }

  /** Whether sort keys are set, as opposed to arrival order. */
  get sorted(): boolean {
    return this.#keys.length > 0;
  }

  /** Whether a large sort is running in slices; rows show in arrival order meanwhile. */
  get pending(): boolean {
    return this.#job !== null;
  }

  /** Store `end` at the last sync: the rows from there on are not shown yet. */
  get syncedEnd(): number {
    return this.#syncedEnd;
  }

  /** Number of rows shown. */
  get length(): number {
    if (this.#list !== null) return this.#list.length;
    return this.#store === null ? 0 : this.#shownCount(this.#store);
  }

  /**
   * Logical row shown at display position `index` (0 is the top row).
   * Unsorted, rows that arrived after the last `sync` are left out, so
   * positions stay put until the grid renders them.
   */
  rowAt(index: number): number {
    if (this.#list !== null) return this.#list.at(index);
    const store = this.#store!;
    const count = this.#shownCount(store);
    if (!(index >= 0 && index < count)) return NaN;
    return store.view.rowAt(this.#arrival === 'newest' ? count - 1 - index : index);
  }

  /** Number of view rows below `#syncedEnd`, cached until the view or store changes. */
  #shownCount(store: Store): number {
    const shown = this.#shown;
    const { length } = store.view;
    if (
      shown.length !== length ||
      shown.start !== store.start ||
      shown.end !== store.end ||
      shown.syncedEnd !== this.#syncedEnd
    ) {
      const count = firstViewIndexAtOrAfter(store, this.#syncedEnd);
      this.#shown = {
        count,
        length,
        start: store.start,
        end: store.end,
        syncedEnd: this.#syncedEnd,
      };
    }
    return this.#shown.count;
  }

  /**
   * Display position of a logical row, or -1 when it is not shown. Sorted, it
   * is a binary search that reads O(log n) keys, so it expects accessors to
   * return the same value for a row every time.
   */
  indexOf(row: number): number {
    const store = this.#store;
    if (store === null || !store.holds(row) || !store.matches(row)) return -1;
    if (this.#list !== null) return row < this.#end ? this.#list.find(row, this.#compare) : -1;
    if (row >= this.#syncedEnd) return -1;
    const viewIndex = firstViewIndexAtOrAfter(store, row);
    if (store.view.rowAt(viewIndex) !== row) return -1;
    return this.#arrival === 'newest' ? this.#shownCount(store) - 1 - viewIndex : viewIndex;
  }

  /** Brings the order up to date with the store after appends, evictions, resets and filters. */
  sync(): void {
    const store = this.#store;
    this.#syncedEnd = store?.end ?? 0;
    if (store === null || this.#keys.length === 0) {
      this.#cancelJob();
      this.#list = null;
      this.#stale = false;
      return;
    }
    if (this.#stale) {
      this.#startSort(store);
      return;
    }
    // A running sort merges what changed once it is done.
    if (this.#job !== null || this.#list === null) return;
    this.#catchUp(store, this.#list);
  }

  #startSort(store: Store): void {
    this.#cancelJob();
    this.#stale = false;
    this.#refreshed = false;
    const end = store.end;
    if (store.view.length <= SYNC_SORT_ROWS) {
      this.#list = ChunkedRowList.from(sortRows(collectView(store, 0), this.#keys));
      this.#start = store.start;
      this.#end = end;
      return;
    }
    this.#list = null;
    this.#job = { steps: sortToList(store, end, this.#keys), end };
    this.#schedule();
  }

  /** Applies evictions, appends and filter refreshes since the last sync to `list`. */
  #catchUp(store: Store, list: ChunkedRowList): void {
    if (this.#refreshed) {
      this.#refreshed = false;
      list.retain((row) => store.matches(row));
    }
    if (store.start > this.#start) list.dropBelow(store.start);
    if (store.end > this.#end) {
      const added = collectView(store, firstViewIndexAtOrAfter(store, this.#end));
      // A batch as large as the rows held is cheaper to sort from scratch.
      if (added.length > SYNC_SORT_ROWS && added.length > list.length) {
        this.#startSort(store);
        return;
      }
      list.insert(sortRows(added, this.#keys), this.#compare);
    }
    this.#start = store.start;
    this.#end = store.end;
    // A refreshed filter can also admit older rows; only a full sort finds them.
    if (list.length !== store.view.length) this.#startSort(store);
  }

  #schedule(): void {
    this.#timer ??= setTimeout(this.#step, 0);
  }

  readonly #step = (): void => {
    this.#timer = null;
    const job = this.#job;
    const store = this.#store;
    if (job === null || store === null) return;
    const deadline = performance.now() + SLICE_MS;
    let result = job.steps.next();
    while (result.done !== true && performance.now() < deadline) result = job.steps.next();
    if (result.done !== true) {
      this.#schedule();
      return;
    }
    this.#job = null;
    if (this.#stale) {
      this.#startSort(store);
    } else {
      const list = result.value;
      this.#list = list;
      this.#end = job.end;
      list.dropBelow(store.start);
      this.#start = store.start;
      this.#catchUp(store, list);
    }
    if (this.#job === null) this.#onSorted();
  };

  #cancelJob(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#job = null;
  }
}
