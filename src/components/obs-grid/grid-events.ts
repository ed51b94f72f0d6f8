import type { Store } from '../../core/store.js';
import type { Point } from '../../core/types.js';
import type { GridSelection } from './selection.js';
import type { GridSort } from './sorting.js';

/** Detail of `obs-row-activate`. */
export interface ObsRowActivateDetail {
  row: Point;
}

/** Detail of `obs-sort-change`. */
export interface ObsSortChangeDetail {
  /** The first sort key, or null for arrival order. */
  sort: GridSort | null;
  /** Every sort key, first key first; empty for arrival order. */
  keys: GridSort[];
}

/** Detail of `obs-selection-change`. */
export interface ObsSelectionChangeDetail {
  /**
   * Ids of every selected point, built on first read, because a select-all of
   * millions of rows makes millions of strings. Read it in the listener: a
   * later read sees the selection of that moment.
   */
  readonly ids: string[];
  /** Number of selected points. */
  count: number;
}

/** Builds the detail of `obs-selection-change` with `ids` computed on first read. */
export function selectionDetail(
  selection: GridSelection,
  store: Store | null,
): ObsSelectionChangeDetail {
  let ids: string[] | undefined;
  return {
    get ids() {
      ids ??= selection.ids(store);
      return ids;
    },
    count: selection.size,
  };
}

/** Detail of `obs-follow-change`. */
export interface ObsFollowChangeDetail {
  follow: boolean;
}

/** Detail of `obs-column-resize`. */
export interface ObsColumnResizeDetail {
  key: string;
  width: number;
}

/** Creates a grid event: bubbling and composed, so a page hears it through shadow roots. */
export function gridEvent<T>(name: string, detail: T): CustomEvent<T> {
  return new CustomEvent<T>(name, { detail, bubbles: true, composed: true });
}
