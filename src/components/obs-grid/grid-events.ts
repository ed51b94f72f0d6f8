import type { Point } from '../../core/types.js';
import type { GridSort } from './sorting.js';

/** Detail of `obs-row-activate`. */
export interface RowActivateDetail {
  row: Point;
}

/** Detail of `obs-sort-change`. */
export interface SortChangeDetail {
  sort: GridSort | null;
}

/** Detail of `obs-selection-change`: the ids of every selected point. */
export interface SelectionChangeDetail {
  ids: string[];
}

/** Detail of `obs-follow-change`. */
export interface FollowChangeDetail {
  follow: boolean;
}

/** Detail of `obs-column-resize`. */
export interface ColumnResizeDetail {
  key: string;
  width: number;
}

/** Creates a grid event: bubbling and composed, so a page hears it through shadow roots. */
export function gridEvent<T>(name: string, detail: T): CustomEvent<T> {
  return new CustomEvent<T>(name, { detail, bubbles: true, composed: true });
}
