import type { Store } from '../../core/store.js';
import type { ResolvedColumn } from './columns.js';
import { exportRows, formatRows } from './export.js';
import {
  gridEvent,
  selectionDetail,
  type ObsRowActivateDetail,
  type ObsSelectionChangeDetail,
} from './grid-events.js';
import { rowFromEvent } from './rendering.js';
import type { GridSelection, SelectGesture, SelectionMode } from './selection.js';
import type { RowOrder } from './sorting.js';

/** The grid state that row actions read. */
export interface RowActionSources {
  store(): Store | null;
  order: RowOrder;
  selection: GridSelection;
  selectionMode(): SelectionMode;
  columns(): readonly ResolvedColumn[];
  /** Called after a change emptied the selection, which then no longer keeps the rows in place. */
  onSelectionEmptied(): void;
}

type ActionHost = HTMLElement & { requestUpdate(): void };

/**
 * Selects, activates and copies rows for the grid, and fires
 * `obs-selection-change` and `obs-row-activate` when they come from the user
 * or from rows leaving the store.
 */
export class RowActions {
  readonly #host: ActionHost;
  readonly #sources: RowActionSources;

  constructor(host: ActionHost, sources: RowActionSources) {
    this.#host = host;
    this.#sources = sources;
  }

  /** Logical row of the row element an event came from, or -1 when it is gone. */
  rowOf(event: Event): number {
    const row = rowFromEvent(event);
    const store = this.#sources.store();
    return store !== null && store.holds(row) ? row : -1;
  }

  select(row: number, gesture: SelectGesture): void {
    const { selection, order } = this.#sources;
    const store = this.#sources.store();
    if (store === null) return;
    if (selection.apply(row, gesture, this.#sources.selectionMode(), store, order)) this.#emit();
  }

  selectAll(): void {
    const { selection, order } = this.#sources;
    const store = this.#sources.store();
    if (store !== null && selection.selectAll(this.#sources.selectionMode(), store, order)) {
      this.#emit();
    }
  }

  clearSelection(): void {
    if (this.#sources.selection.clear()) this.#emit();
  }

  /** Drops rows that left the store from the selection, and fires `obs-selection-change` if it dropped any. */
  pruneSelection(): void {
    const store = this.#sources.store();
    const { selection } = this.#sources;
    if (store !== null && selection.size > 0 && selection.prune(store)) this.#emit();
  }

  activate(row: number): void {
    const store = this.#sources.store();
    if (store === null || !store.holds(row)) return;
    this.#host.dispatchEvent(
      gridEvent<ObsRowActivateDetail>('obs-row-activate', { row: store.pointAt(row) }),
    );
  }

  /** Puts the selected rows shown on the clipboard as tab-separated text, in display order. */
  copy(event: ClipboardEvent): void {
    const { selection, order } = this.#sources;
    const store = this.#sources.store();
    if (store === null || selection.size === 0 || event.clipboardData === null) return;
    const rows = exportRows('selection', store, order, selection);
    const text = formatRows('tsv', store, this.#sources.columns(), rows, false);
    event.clipboardData.setData('text/plain', text);
    event.preventDefault();
  }

  #emit(): void {
    const { selection } = this.#sources;
    this.#host.requestUpdate();
    const detail = selectionDetail(selection, this.#sources.store());
    this.#host.dispatchEvent(gridEvent<ObsSelectionChangeDetail>('obs-selection-change', detail));
    if (selection.size === 0) this.#sources.onSelectionEmptied();
  }
}
