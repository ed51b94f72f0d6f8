import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Store } from '../../core/store.js';
import type { Point } from '../../core/types.js';
import { StoreController } from '../shared/store-controller.js';
import { resolveColumns, type GridColumn, type ResolvedColumn } from './columns.js';
import { columnLayout, renderHeader, renderRow, type RowContext } from './rendering.js';
import { nextSort, RowOrder, type ArrivalOrder, type GridSort } from './sorting.js';
import { gridStyles } from './styles.js';

export type { GridColumn } from './columns.js';
export type { ArrivalOrder, GridSort } from './sorting.js';

/** Detail of `obs-row-activate`. */
export interface RowActivateDetail {
  row: Point;
}

/** Detail of `obs-sort-change`. */
export interface SortChangeDetail {
  sort: GridSort | null;
}

let nextGridId = 0;

/**
 * A virtualized table of the points in a store.
 *
 * Without a sort, rows are in arrival order with the newest on top, because
 * readers of a live table look for what just happened. Set `order="oldest"`
 * for a log view. Times show in UTC as `YYYY-MM-DD HH:mm:ss.SSS`. Cells are
 * rendered as text, so markup in point fields shows as characters.
 *
 * @summary Virtualized, sortable table of streaming points.
 *
 * @fires obs-row-activate - A row was double-clicked or Enter was pressed on it. Detail: `{row: Point}`.
 * @fires obs-sort-change - A header click changed the sort. Detail: `{sort: {key, direction} | null}`.
 *
 * @csspart grid - The scroll container with role="grid".
 * @csspart header-row - The header row; it stays visible while scrolling.
 * @csspart header-cell - A column header.
 * @csspart sort-button - The button inside a sortable column header.
 * @csspart row - A data row.
 * @csspart focused-row - The data row with keyboard focus (also has part `row`).
 * @csspart cell - A data cell.
 * @csspart cell-error - A cell whose formatter threw (also has part `cell`).
 * @csspart empty - The text shown when there is no store or no row.
 *
 * @cssprop --obs-grid-height - Height of the element. Default 320px.
 * @cssprop --obs-grid-row-height - Height of every row. Default 28px.
 * @cssprop --obs-grid-font - Font shorthand of the table.
 * @cssprop --obs-grid-color - Text color.
 * @cssprop --obs-grid-background - Background color.
 * @cssprop --obs-grid-border-color - Color of the outer border.
 * @cssprop --obs-grid-line-color - Color of the line between rows.
 * @cssprop --obs-grid-header-background - Background of the header row.
 * @cssprop --obs-grid-selected-background - Background of selected rows.
 * @cssprop --obs-grid-focus-color - Outline color of the focused row and header buttons.
 * @cssprop --obs-grid-error-color - Text color of cells whose formatter threw.
 * @cssprop --obs-grid-muted-color - Color of the empty-state text.
 */
export class ObsGrid extends LitElement {
  static override styles = gridStyles;

  /** Store to read; wins over `stream` and an enclosing `<obs-stream>`. */
  @property({ attribute: false }) store: Store | null = null;

  /** Id of an `<obs-stream>` in the same root to read from. */
  @property() stream: string | null = null;

  /** Columns to show; null or unset shows time, category, source, value and id. */
  @property({ attribute: false }) columns: GridColumn[] | null = null;

  /** Current sort; header clicks change it. Null shows arrival order. */
  @property({ attribute: false }) sort: GridSort | null = null;

  /** Arrival order without a sort: `newest` (default) or `oldest` first. */
  @property({ reflect: true }) order: ArrivalOrder = 'newest';

  /** Forces the `light` or `dark` palette; unset follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme: 'light' | 'dark' | null = null;

  readonly #controller = new StoreController(this, (store) => this.#onStoreChange(store));
  readonly #order = new RowOrder();
  readonly #idPrefix = `obs-grid-${nextGridId++}`;
  #columns: ResolvedColumn[] = resolveColumns(null);
  #items: number[] = [];
  #focusedRow = -1;
  #selected = new Set<string>();
  readonly #renderItem = (index: number) => renderRow(this.#rowContext(), index);

  /** Number of rows after filtering, which is what the grid can show. */
  get rowCount(): number {
    return this.#controller.store === null ? 0 : this.#order.length;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#order.bind(null);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store') || changed.has('stream')) this.#controller.resolve();
    if (changed.has('columns')) this.#columns = resolveColumns(this.columns);
    if (changed.has('sort') || changed.has('columns') || changed.has('order')) {
      this.#applySort();
    }
  }

  protected override render() {
    const store = this.#controller.store;
    const count = this.rowCount;
    const { template, width } = columnLayout(this.#columns);
    const focusIndex = this.#focusedRow < 0 ? -1 : this.#order.indexOf(this.#focusedRow);
    return html`
      <div
        part="grid"
        class="scroller"
        role="grid"
        tabindex="0"
        aria-rowcount=${count + 1}
        aria-colcount=${this.#columns.length}
        aria-multiselectable="true"
        aria-activedescendant=${focusIndex < 0 ? nothing : `${this.#idPrefix}-${this.#focusedRow}`}
        style=${styleMap({ '--_template': template, '--_row-width': `${width}px` })}
        @keydown=${this.#onKeyDown}
        @click=${this.#onClick}
        @dblclick=${this.#onDoubleClick}
      >
        <div role="rowgroup" class="head">
          ${renderHeader(this.#columns, this.sort, (key) => this.#onHeaderClick(key))}
        </div>
        <div role="rowgroup" class="body">
          ${virtualize({ items: this.#itemsFor(count), renderItem: this.#renderItem })}
        </div>
      </div>
      ${count === 0 ? html`<div part="empty" class="empty">${this.#emptyText(store)}</div>` : nothing}
    `;
  }

  #rowContext(): RowContext {
    return {
      store: this.#controller.store,
      order: this.#order,
      columns: this.#columns,
      focusedRow: this.#focusedRow,
      selected: this.#selected,
      idPrefix: this.#idPrefix,
    };
  }

  /** The virtualizer's items: display positions 0..count-1. A new array signals that the count changed. */
  #itemsFor(count: number): number[] {
    if (this.#items.length !== count) {
      this.#items = Array.from({ length: count }, (_, index) => index);
    }
    return this.#items;
  }

  #emptyText(store: Store | null): string {
    if (store === null) {
      return 'No data source. Set the store property, a stream attribute, or place the grid inside <obs-stream>.';
    }
    if (store.size > 0) return 'No rows match the filter.';
    return 'No data yet.';
  }

  #onStoreChange(store: Store | null): void {
    this.#order.bind(store);
    this.#order.sync();
    this.requestUpdate();
  }

  #applySort(): void {
    let sort = this.sort;
    const column = sort === null ? undefined : this.#columns.find((c) => c.key === sort!.key);
    const valid =
      column !== undefined &&
      column.sortable &&
      (sort!.direction === 'asc' || sort!.direction === 'desc');
    if (!valid) sort = null;
    this.#order.configure(sort, column, this.order === 'oldest' ? 'oldest' : 'newest');
    this.#order.sync();
  }

  #onHeaderClick(key: string): void {
    this.sort = nextSort(this.sort, key);
    this.dispatchEvent(
      new CustomEvent<SortChangeDetail>('obs-sort-change', {
        detail: { sort: this.sort },
        bubbles: true,
        composed: true,
      }),
    );
  }

  /** Logical row of the row element an event came from, or -1. */
  #rowOf(event: Event): number {
    for (const target of event.composedPath()) {
      if (target instanceof HTMLElement && target.dataset.row !== undefined) {
        const row = Number(target.dataset.row);
        const store = this.#controller.store;
        return store !== null && store.holds(row) ? row : -1;
      }
    }
    return -1;
  }

  #onClick = (event: MouseEvent): void => {
    const row = this.#rowOf(event);
    if (row < 0) return;
    this.#focusedRow = row;
    this.requestUpdate();
  };

  #onDoubleClick = (event: MouseEvent): void => {
    const row = this.#rowOf(event);
    if (row >= 0) this.#activate(row);
  };

  #onKeyDown = (event: KeyboardEvent): void => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' && this.#focusedRow >= 0) {
      const store = this.#controller.store;
      if (store !== null && store.holds(this.#focusedRow)) this.#activate(this.#focusedRow);
      event.preventDefault();
    }
  };

  #activate(row: number): void {
    const store = this.#controller.store;
    if (store === null) return;
    this.dispatchEvent(
      new CustomEvent<RowActivateDetail>('obs-row-activate', {
        detail: { row: store.pointAt(row) },
        bubbles: true,
        composed: true,
      }),
    );
  }
}
