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
const UNKNOWN_ROW = -1;

/**
 * The selected rows of a grid, by point id, so a selection survives sorting,
 * filtering and rows shifting as new points arrive. Each id keeps the logical
 * row it was selected on, so rows that leave the store can be dropped. The
 * anchor is the logical row of the last plain or toggling gesture, where
 * Shift ranges start.
 */
export class GridSelection {
  #rows = new Map<string, number>();
  #anchorRow = -1;

  /** Ids of the selected points, in selection order. */
  get ids(): string[] {
    return [...this.#rows.keys()];
  }

  get size(): number {
    return this.#rows.size;
  }

  has(id: string): boolean {
    return this.#rows.has(id);
  }

  /** Replaces the selection, for example from the `selection` property. Returns whether it changed. */
  replace(ids: Iterable<string>, mode: SelectionMode): boolean {
    const before = this.#rows;
    let next = [...ids].filter((id) => typeof id === 'string');
    if (mode === 'none') next = [];
    if (mode === 'single') next = next.slice(0, 1);
    this.#rows = new Map(next.map((id) => [id, before.get(id) ?? UNKNOWN_ROW]));
    return this.#changedFrom(before);
  }

  clear(): boolean {
    this.#anchorRow = -1;
    return this.replace([], 'multiple');
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
    const before = new Map(this.#rows);
    const anchorIndex = this.#anchorRow < 0 ? -1 : order.indexOf(this.#anchorRow);
    if (mode === 'multiple' && gesture.range && anchorIndex >= 0) {
      const index = order.indexOf(row);
      if (!gesture.toggle) this.#rows.clear();
      for (let i = Math.min(anchorIndex, index); i <= Math.max(anchorIndex, index); i++) {
        const rangeRow = order.rowAt(i);
        this.#rows.set(store.idAt(rangeRow), rangeRow);
      }
    } else if (gesture.toggle) {
      if (this.#rows.has(id)) this.#rows.delete(id);
      else if (mode === 'single') this.#rows = new Map([[id, row]]);
      else this.#rows.set(id, row);
      this.#anchorRow = row;
    } else {
      this.#rows = new Map([[id, row]]);
      this.#anchorRow = row;
    }
    return this.#changedFrom(before);
  }

  #changedFrom(before: ReadonlyMap<string, number>): boolean {
    if (before.size !== this.#rows.size) return true;
    for (const id of this.#rows.keys()) {
      if (!before.has(id)) return true;
    }
    return false;
  }
}
