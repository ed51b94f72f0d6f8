// Registers <obs-grid> and types its tag and events for consumers.
import {
  ObsGrid,
  type ColumnResizeDetail,
  type FollowChangeDetail,
  type RowActivateDetail,
  type SelectionChangeDetail,
  type SortChangeDetail,
} from './components/obs-grid/obs-grid.js';
import type { ObsErrorDetail } from './components/shared/render-boundary.js';
import { defineElement } from './components/shared/define.js';

defineElement('obs-grid', ObsGrid);

export { ObsGrid };
export type {
  ArrivalOrder,
  ColumnResizeDetail,
  CsvExportOptions,
  FollowChangeDetail,
  GridColumn,
  GridLink,
  GridSort,
  RowActivateDetail,
  SelectionChangeDetail,
  SelectionMode,
  SortChangeDetail,
} from './components/obs-grid/obs-grid.js';

/** Events of `<obs-grid>`, by name. */
export interface ObsGridEventMap {
  'obs-row-activate': CustomEvent<RowActivateDetail>;
  'obs-sort-change': CustomEvent<SortChangeDetail>;
  'obs-selection-change': CustomEvent<SelectionChangeDetail>;
  'obs-follow-change': CustomEvent<FollowChangeDetail>;
  'obs-column-resize': CustomEvent<ColumnResizeDetail>;
  'obs-error': CustomEvent<ObsErrorDetail>;
}

declare global {
  interface HTMLElementTagNameMap {
    'obs-grid': ObsGrid;
  }
  // The events bubble and are composed, so any element, the document or the window may listen.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the event map
  interface GlobalEventHandlersEventMap extends ObsGridEventMap {}
}
