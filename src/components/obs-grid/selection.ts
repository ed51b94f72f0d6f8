import type { Store } from '../../core/store.js';
import type { RowOrder } from './sorting.js';

/** How many rows a user can select: `none`, `single` or `multiple` (default). */
export type SelectionMode = 'none' | 'single' | 'multiple';

/** Modifier keys of a click or key press that changes the selection. */
export interface SelectGesture {
  /** Ctrl or Cmd: toggle one row and keep the rest. */
  toggle: boolean;
  /** Shift: select the range from the anchor row. */
  range: boolean;
}

/** Row recorded for an id set through the `selection` property, whose row is not known. */
export const UNKNOWN_ROW = -1;

/** Views larger than this are selected in bulk by Ctrl-A, as a row list instead of one map entry per id. */
const BULK_MIN_ROWS = 10_000;

/** What a gesture compares to tell whether it changed the selection. */
interface SelectionSnapshot {
  rows: Map<string, number>;
  bulk: Float64Array | null;
  excluded: number;
}

/** Index of the first entry of the ascending `rows` that is at least `row`. */
function lowerBound(rows: Float64Array, row: number): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (rows[middle] < row) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The selected rows of a grid, by point id, so a selection survives sorting,
 * filtering and rows shifting as new points arrive. Each id keeps the logical
 * row it was selected on, so rows that leave the store can be dropped. The
 * anchor is the logical row of the last plain or toggling gesture, where
 * Shift ranges start.
 *
 * Select-all on a large view keeps the selected logical rows in one ascending
 * Float64Array, plus the ids toggled off since, because a map entry and an id
 * string per row would cost seconds and hundreds of megabytes at millions of
 * rows. Logical rows identify points as well as ids do until they are evicted.
 */
export class GridSelection {
  #rows = new Map<string, number>();
  #bulk: Float64Array | null = null;
  /** Ids toggled off a bulk selection, with their logical rows. */
  #excluded = new Map<string, number>();
  #anchorRow = -1;

  /** Number of selected points. */
  get size(): number {
    const bulk = this.#bulk === null ? 0 : this.#bulk.length - this.#excluded.size;
    return this.#rows.size + bulk;
  }

  /** Ids of the selected points: single picks in selection order, then bulk rows in arrival order. */
  ids(store: Store | null): string[] {
    const ids = [...this.#rows.keys()];
    if (this.#bulk === null || store === null) return ids;
    for (const row of this.#bulk) {
      if (!store.holds(row)) continue;
      const id = store.idAt(row);
      if (!this.#excluded.has(id)) ids.push(id);
    }
    return ids;
  }

  /** Whether the point `id`, shown on logical row `row`, is selected. */
  has(id: string, row: number): boolean {
    if (this.#rows.has(id)) return true;
    const bulk = this.#bulk;
    if (bulk === null || this.#excluded.has(id)) return false;
    return bulk[lowerBound(bulk, row)] === row;
  }

  /** Whether every selected id has a known row, so `knownRows` lists the whole selection. */
  get rowsKnown(): boolean {
    if (this.#bulk !== null) return false;
    for (const row of this.#rows.values()) if (row === UNKNOWN_ROW) return false;
    return true;
  }

  /** Logical rows of the single picks (not of a bulk selection). */
  knownRows(): number[] {
    return [...this.#rows.values()].filter((row) => row !== UNKNOWN_ROW);
  }

  /** Replaces the selection, for example from the `selection` property. Returns whether it changed. */
  replace(ids: Iterable<string>, mode: SelectionMode): boolean {
    const before = this.#snapshot();
    let next = [...ids].filter((id) => typeof id === 'string');
    if (mode === 'none') next = [];
    if (mode === 'single') next = next.slice(0, 1);
    const rows = this.#rows;
    this.#rows = new Map(next.map((id) => [id, rows.get(id) ?? UNKNOWN_ROW]));
    this.#clearBulk();
    return this.#changedFrom(before);
  }

  clear(): boolean {
    this.#anchorRow = -1;
    const before = this.#snapshot();
    this.#rows = new Map();
    this.#clearBulk();
    return this.#changedFrom(before);
  }

  /** Selects every row shown. Returns whether the selection changed. */
  selectAll(mode: SelectionMode, store: Store, order: RowOrder): boolean {
    if (mode !== 'multiple' || order.length === 0) return false;
    const before = this.#snapshot();
    this.#rows = new Map();
    this.#clearBulk();
    if (order.length < BULK_MIN_ROWS) {
      for (let i = 0; i < order.length; i++) {
        const row = order.rowAt(i);
        this.#rows.set(store.idAt(row), row);
      }
    } else {
      // The shown rows are the filtered view, which lists them in ascending order.
      const bulk = new Float64Array(store.view.length);
      for (let i = 0; i < bulk.length; i++) bulk[i] = store.view.rowAt(i);
      this.#bulk = bulk;
    }
    return this.#changedFrom(before);
  }

  /**
   * Drops ids whose row is no longer in the store, after eviction or a reset.
   * Ids set through the property keep their place. Returns whether any was dropped.
   */
  prune(store: Store): boolean {
    let dropped = false;
    for (const [id, row] of this.#rows) {
      if (row === UNKNOWN_ROW) continue;
      if (!store.holds(row) || store.idAt(row) !== id) {
        this.#rows.delete(id);
        dropped = true;
      }
    }
    const bulk = this.#bulk;
    if (bulk !== null) {
      const first = lowerBound(bulk, store.start);
      const last = lowerBound(bulk, store.end);
      if (first > 0 || last < bulk.length) {
        this.#bulk = bulk.subarray(first, last);
        for (const [id, row] of this.#excluded) if (!store.holds(row)) this.#excluded.delete(id);
        dropped = true;
        if (this.#bulk.length === 0) this.#clearBulk();
      }
    }
    return dropped;
  }

  /**
   * Applies a click or key press on the logical row `row` and returns whether
   * the selection changed. A plain gesture selects only that row, Ctrl or Cmd
   * toggles it, and Shift selects every row shown between the anchor and it.
   */
  apply(
    row: number,
    gesture: SelectGesture,
    mode: SelectionMode,
    store: Store,
    order: RowOrder,
  ): boolean {
    if (mode === 'none') return false;
    const id = store.idAt(row);
    const before = this.#snapshot();
    const anchorIndex = this.#anchorRow < 0 ? -1 : order.indexOf(this.#anchorRow);
    if (mode === 'multiple' && gesture.range && anchorIndex >= 0) {
      const index = order.indexOf(row);
      if (!gesture.toggle) {
        this.#rows.clear();
        this.#clearBulk();
      }
      for (let i = Math.min(anchorIndex, index); i <= Math.max(anchorIndex, index); i++) {
        const rangeRow = order.rowAt(i);
        this.#rows.set(store.idAt(rangeRow), rangeRow);
      }
    } else if (gesture.toggle) {
      this.#toggle(id, row, mode);
      this.#anchorRow = row;
    } else {
      this.#rows = new Map([[id, row]]);
      this.#clearBulk();
      this.#anchorRow = row;
    }
    return this.#changedFrom(before);
  }

  #toggle(id: string, row: number, mode: SelectionMode): void {
    if (this.#rows.has(id)) {
      this.#rows.delete(id);
    } else if (this.#excluded.has(id)) {
      // Checked before the bulk, because `has` is false for an excluded id the bulk still lists.
      this.#excluded.delete(id);
    } else if (this.#bulk !== null && this.has(id, row)) {
      this.#excluded.set(id, row);
    } else if (mode === 'single') {
      this.#rows = new Map([[id, row]]);
    } else {
      this.#rows.set(id, row);
    }
  }

  #clearBulk(): void {
    this.#bulk = null;
    this.#excluded.clear();
  }

  #snapshot(): SelectionSnapshot {
    return { rows: new Map(this.#rows), bulk: this.#bulk, excluded: this.#excluded.size };
  }

  #changedFrom(before: SelectionSnapshot): boolean {
    if (before.bulk !== this.#bulk || before.excluded !== this.#excluded.size) return true;
    if (before.rows.size !== this.#rows.size) return true;
    for (const id of this.#rows.keys()) {
      if (!before.rows.has(id)) return true;
    }
    return false;
  }
}
