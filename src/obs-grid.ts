// Registers <obs-grid> and types its tag and events for consumers.
import {
  ObsGrid,
  type ObsColumnResizeDetail,
  type ObsFollowChangeDetail,
  type ObsRowActivateDetail,
  type ObsSelectionChangeDetail,
  type ObsSortChangeDetail,
} from './components/obs-grid/obs-grid.js';
import type { ObsErrorDetail } from './components/shared/render-boundary.js';
import { defineElement } from './components/shared/define.js';

defineElement('obs-grid', ObsGrid);

export { ObsGrid };
export type {
  ArrivalOrder,
  ObsColumnResizeDetail,
  CsvExportOptions,
  ObsFollowChangeDetail,
  GridColumn,
  GridLink,
  GridSort,
  ObsRowActivateDetail,
  ObsSelectionChangeDetail,
  SelectionMode,
  ObsSortChangeDetail,
} from './components/obs-grid/obs-grid.js';

/** Events of `<obs-grid>`, by name. */
export interface ObsGridEventMap {
  'obs-row-activate': CustomEvent<ObsRowActivateDetail>;
  'obs-sort-change': CustomEvent<ObsSortChangeDetail>;
  'obs-selection-change': CustomEvent<ObsSelectionChangeDetail>;
  'obs-follow-change': CustomEvent<ObsFollowChangeDetail>;
  'obs-column-resize': CustomEvent<ObsColumnResizeDetail>;
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
