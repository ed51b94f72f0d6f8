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

/**
 * The selected rows of a grid, by point id, so a selection survives sorting,
 * filtering and rows shifting as new points arrive. The anchor is the logical
 * row where the last plain or toggling gesture happened; Shift ranges start there.
 */
export class GridSelection {
  #ids = new Set<string>();
  #anchorRow = -1;

  get ids(): ReadonlySet<string> {
    return this.#ids;
  }

  /** Replaces the selection, for example from the `selection` property. Returns whether it changed. */
  replace(ids: Iterable<string>, mode: SelectionMode): boolean {
    let next = new Set([...ids].filter((id) => typeof id === 'string'));
    if (mode === 'none') next = new Set();
    if (mode === 'single' && next.size > 1) next = new Set([[...next][0]]);
    const changed = next.size !== this.#ids.size || [...next].some((id) => !this.#ids.has(id));
    this.#ids = next;
    return changed;
  }

  clear(): boolean {
    this.#anchorRow = -1;
    return this.replace([], 'multiple');
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
    const before = new Set(this.#ids);
    const anchorIndex = this.#anchorRow < 0 ? -1 : order.indexOf(this.#anchorRow);
    if (mode === 'multiple' && gesture.range && anchorIndex >= 0) {
      const index = order.indexOf(row);
      const first = Math.min(anchorIndex, index);
      const last = Math.max(anchorIndex, index);
      if (!gesture.toggle) this.#ids.clear();
      for (let i = first; i <= last; i++) this.#ids.add(store.idAt(order.rowAt(i)));
    } else if (gesture.toggle) {
      if (this.#ids.has(id)) this.#ids.delete(id);
      else if (mode === 'single') this.#ids = new Set([id]);
      else this.#ids.add(id);
      this.#anchorRow = row;
    } else {
      this.#ids = new Set([id]);
      this.#anchorRow = row;
    }
    return before.size !== this.#ids.size || [...before].some((value) => !this.#ids.has(value));
  }
}
