import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Store } from '../../core/store.js';
import { StoreController } from '../shared/store-controller.js';
import { clampWidth, resolveColumns, type GridColumn, type ResolvedColumn } from './columns.js';
import { ColumnResizer } from './column-resize.js';
import { fixedRowLayout } from './fixed-row-layout.js';
import {
  gridEvent,
  type ColumnResizeDetail,
  type FollowChangeDetail,
  type RowActivateDetail,
  type SelectionChangeDetail,
  type SortChangeDetail,
} from './grid-events.js';
import { GridScroller } from './grid-scroller.js';
import { handleGridKey, type GridKeyTarget } from './keyboard.js';
import {
  columnLayout,
  emptyMessage,
  rowFromEvent,
  renderHeader,
  renderRow,
  type RowContext,
} from './rendering.js';
import { GridSelection, type SelectGesture, type SelectionMode } from './selection.js';
import { checkSort, nextSort, RowOrder, type ArrivalOrder, type GridSort } from './sorting.js';
import { gridStyles } from './styles.js';

export type { GridColumn } from './columns.js';
export type { SelectionMode } from './selection.js';
export type { ArrivalOrder, GridSort } from './sorting.js';
export type * from './grid-events.js';

let nextGridId = 0;

/**
 * A virtualized table of the points in a store.
 *
 * Without a sort, rows are in arrival order with the newest on top, because
 * readers of a live table look for what just happened. Set `order="oldest"`
 * for a log view. Times show in UTC as `YYYY-MM-DD HH:mm:ss.SSS`. Cells are
 * rendered as text, so markup in point fields shows as characters.
 *
 * While `follow` is true the view stays on the newest rows (the top, or the
 * bottom with `order="oldest"`). Scrolling away turns it off, and from then on
 * the rows in view stay in place as points arrive; scrolling back turns it on.
 *
 * @summary Virtualized, sortable table of streaming points.
 *
 * @fires obs-row-activate - A row was double-clicked or Enter was pressed on it. Detail: `{row: Point}`.
 * @fires obs-sort-change - A header click changed the sort. Detail: `{sort: {key, direction} | null}`.
 * @fires obs-selection-change - A click or key changed the selection, or selected rows left the store. Detail: `{ids: string[]}`.
 * @fires obs-follow-change - Scrolling turned `follow` on or off. Detail: `{follow: boolean}`.
 * @fires obs-column-resize - Dragging a header edge changed a width. Detail: `{key, width}`.
 *
 * @csspart grid - The scroll container with role="grid".
 * @csspart header-row - The header row; it stays visible while scrolling.
 * @csspart header-cell - A column header.
 * @csspart focused-header-cell - The column header with keyboard focus (also has part `header-cell`).
 * @csspart resize-handle - The draggable right edge of a column header.
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

  /** Whether the view stays on the newest rows as points arrive. */
  @property({ type: Boolean, reflect: true }) follow = true;

  /** How many rows a click can select: `none`, `single` or `multiple` (default). */
  @property({ attribute: 'selection-mode', reflect: true }) selectionMode: SelectionMode =
    'multiple';

  /** Forces the `light` or `dark` palette; unset follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme: 'light' | 'dark' | null = null;

  readonly #controller = new StoreController(this, (store) => this.#onStoreChange(store));
  readonly #order = new RowOrder();
  readonly #selection = new GridSelection();
  readonly #scroller = new GridScroller(this, {
    onUserScroll: () => {
      this.#updateFollow();
      this.#scroller.recordAnchor((index) => this.#order.rowAt(index));
    },
    onWindowChange: () => this.requestUpdate(),
  });
  readonly #resizer = new ColumnResizer((key, width, done) =>
    this.#onColumnResize(key, width, done),
  );
  readonly #idPrefix = `obs-grid-${nextGridId++}`;
  #columns: ResolvedColumn[] = resolveColumns(null);
  #items: number[] = [];
  #focusedRow = -1;
  /** Column index of the header with keyboard focus, or -1 while the focus is on the rows. */
  #focusedHeader = -1;
  readonly #renderItem = (index: number) => renderRow(this.#rowContext(), index);

  /** Number of rows after filtering, which is what the grid can show. */
  get rowCount(): number {
    return this.#controller.store === null ? 0 : this.#order.length;
  }

  /** Ids of the selected points. Setting it replaces the selection without an event. */
  get selection(): string[] {
    return this.#selection.ids;
  }

  set selection(ids: readonly string[] | null) {
    const list = Array.isArray(ids) ? ids : [];
    if (this.#selection.replace(list, this.selectionMode)) this.requestUpdate();
  }

  /** Scrolls the row at display position `index` (0 is the top row) into view. */
  scrollToIndex(index: number): void {
    this.#scroller.reveal(Math.min(this.rowCount - 1, Math.max(0, Math.floor(index))));
    this.#updateFollow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#order.bind(null);
    this.#resizer.cancel();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store') || changed.has('stream')) this.#controller.resolve();
    if (changed.has('columns')) {
      this.#columns = resolveColumns(this.columns);
      this.#focusedHeader = Math.min(this.#focusedHeader, this.#columns.length - 1);
    }
    if (changed.has('sort') || changed.has('columns') || changed.has('order')) {
      this.#applySort();
    }
    if (changed.has('selectionMode')) this.#selection.replace(this.selection, this.selectionMode);
    const followEdgeMoved = changed.has('order') || changed.has('sort');
    if (this.follow && (changed.has('follow') || followEdgeMoved)) {
      this.#scroller.pin(this.#followTop());
    }
    this.#scroller.setCount(this.rowCount);
  }

  protected override render() {
    const count = this.rowCount;
    const columns = this.#columns;
    const { template, width } = columnLayout(columns);
    const activeId = this.#activeDescendantId();
    return html`
      <div
        part="grid"
        class="scroller"
        role="grid"
        tabindex="0"
        aria-rowcount=${count + 1}
        aria-colcount=${columns.length}
        aria-multiselectable=${this.selectionMode === 'multiple' ? 'true' : nothing}
        aria-activedescendant=${activeId ?? nothing}
        style=${styleMap({ '--_template': template, '--_row-width': `${width}px` })}
        @keydown=${this.#onKeyDown}
        @click=${this.#onClick}
        @dblclick=${this.#onDoubleClick}
        @scroll=${this.#scroller.onScroll}
        @wheel=${this.#scroller.wheelListener}
      >
        <div class="stage">
          <div role="rowgroup" class="head">
            ${renderHeader({
              columns,
              sort: this.sort,
              focusedIndex: this.#focusedHeader,
              idPrefix: this.#idPrefix,
              onSort: (key) => this.#onHeaderClick(key),
              onResizeStart: this.#resizer.pointerDown,
            })}
          </div>
          <div class="rows-viewport">
            <div role="rowgroup" class="rows">
              ${virtualize({
                items: this.#windowItems(),
                renderItem: this.#renderItem,
                layout: fixedRowLayout({ rowHeight: this.#scroller.rowHeight }),
              })}
            </div>
          </div>
          ${
            count === 0
              ? html`<div part="empty" class="empty" role="status">
                  ${emptyMessage(this.#controller.store)}
                </div>`
              : nothing
          }
        </div>
        <div class="spacer" style="height: ${this.#scroller.spacerHeight}px"></div>
      </div>
    `;
  }

  protected override updated(): void {
    this.#scroller.afterRender();
    this.#scroller.recordAnchor((index) => this.#order.rowAt(index));
  }

  /** Id of the header cell or row with keyboard focus, if it is shown. */
  #activeDescendantId(): string | undefined {
    if (this.#focusedHeader >= 0) return `${this.#idPrefix}-header-${this.#focusedHeader}`;
    if (this.#focusedRow < 0 || this.#order.indexOf(this.#focusedRow) < 0) return undefined;
    return `${this.#idPrefix}-${this.#focusedRow}`;
  }

  #rowContext(): RowContext {
    return {
      store: this.#controller.store,
      order: this.#order,
      columns: this.#columns,
      focusedRow: this.#focusedHeader >= 0 ? -1 : this.#focusedRow,
      selected: this.#selection,
      idPrefix: this.#idPrefix,
    };
  }

  /** The virtualizer's items: the display positions in the scroll window. A new array signals a change. */
  #windowItems(): number[] {
    const { start, length } = this.#scroller.window;
    if (this.#items.length !== length || (length > 0 && this.#items[0] !== start)) {
      this.#items = Array.from({ length }, (_, index) => start + index);
    }
    return this.#items;
  }

  /** Scroll position that shows the newest rows: the top, or the bottom for `order="oldest"`. */
  #followTop(): number {
    const unsorted = this.#order.sorted === false;
    return unsorted && this.order === 'oldest' ? Number.POSITIVE_INFINITY : 0;
  }

  #onStoreChange(store: Store | null): void {
    this.#order.bind(store);
    this.#order.sync();
    this.#scroller.setCount(this.rowCount);
    // Rows that left the store leave the selection, which the page hears about.
    if (store !== null && this.#selection.size > 0 && this.#selection.prune(store)) {
      this.#emitSelection();
    }
    if (this.follow) {
      this.#scroller.pin(this.#followTop());
    } else {
      this.#scroller.pinAnchor((row) => this.#order.indexOf(row));
    }
    this.requestUpdate();
  }

  #applySort(): void {
    const { sort, column } = checkSort(this.sort, this.#columns);
    this.#order.configure(sort, column, this.order === 'oldest' ? 'oldest' : 'newest');
    this.#order.sync();
  }

  #onHeaderClick(key: string): void {
    this.sort = nextSort(this.sort, key);
    this.dispatchEvent(gridEvent<SortChangeDetail>('obs-sort-change', { sort: this.sort }));
  }

  #onColumnResize(key: string, width: number, done: boolean): void {
    this.#columns = this.#columns.map((column) =>
      column.key === key ? { ...column, width } : column,
    );
    this.requestUpdate();
    if (done)
      this.dispatchEvent(gridEvent<ColumnResizeDetail>('obs-column-resize', { key, width }));
  }

  #updateFollow(): void {
    const target = Math.min(this.#followTop(), this.#scroller.maxTop);
    const atEdge = Math.abs(this.#scroller.top - target) < this.#scroller.rowHeight / 2;
    if (atEdge === this.follow) return;
    this.follow = atEdge;
    this.dispatchEvent(gridEvent<FollowChangeDetail>('obs-follow-change', { follow: atEdge }));
  }

  /** Logical row of the row element an event came from, or -1 when it is gone. */
  #rowOf(event: Event): number {
    const row = rowFromEvent(event);
    const store = this.#controller.store;
    return store !== null && store.holds(row) ? row : -1;
  }

  #onClick = (event: MouseEvent): void => {
    const row = this.#rowOf(event);
    if (row < 0) return;
    this.#focusedRow = row;
    this.#focusedHeader = -1;
    const gesture = { toggle: event.ctrlKey || event.metaKey, range: event.shiftKey };
    this.#select(row, gesture);
    this.requestUpdate();
  };

  #onDoubleClick = (event: MouseEvent): void => {
    const row = this.#rowOf(event);
    if (row >= 0) this.#activate(row);
  };

  #onKeyDown = (event: KeyboardEvent): void => {
    if (event.target !== event.currentTarget || event.altKey) return;
    this.#scroller.measure();
    if (handleGridKey(event, this.#keyTarget())) {
      event.preventDefault();
      this.requestUpdate();
    }
  };

  #keyTarget(): GridKeyTarget {
    const store = this.#controller.store;
    const focusedRowHeld = store !== null && store.holds(this.#focusedRow);
    return {
      rowCount: this.rowCount,
      columnCount: this.#columns.length,
      pageSize: this.#scroller.pageSize,
      focusedIndex: focusedRowHeld ? this.#order.indexOf(this.#focusedRow) : -1,
      focusedHeader: this.#focusedHeader,
      focusRow: (index, extend) => {
        this.#focusedRow = this.#order.rowAt(index);
        if (extend) this.#select(this.#focusedRow, { toggle: false, range: true });
        this.scrollToIndex(index);
      },
      focusHeader: (index) => {
        this.#focusedHeader = index;
      },
      resizeHeader: (index, delta) => {
        const column = this.#columns[index];
        this.#onColumnResize(column.key, clampWidth(column.width + delta), true);
      },
      sortByHeader: (index) => {
        const column = this.#columns[index];
        if (column?.sortable) this.#onHeaderClick(column.key);
      },
      activateFocusedRow: () => this.#activate(this.#focusedRow),
      toggleFocusedRow: (range) => this.#select(this.#focusedRow, { toggle: true, range }),
      clearSelection: () => {
        if (this.#selection.clear()) this.#emitSelection();
      },
    };
  }

  #select(row: number, gesture: SelectGesture): void {
    const store = this.#controller.store;
    if (store === null) return;
    if (this.#selection.apply(row, gesture, this.selectionMode, store, this.#order)) {
      this.#emitSelection();
    }
  }

  #emitSelection(): void {
    this.requestUpdate();
    this.dispatchEvent(
      gridEvent<SelectionChangeDetail>('obs-selection-change', { ids: this.selection }),
    );
  }

  #activate(row: number): void {
    const store = this.#controller.store;
    if (store === null) return;
    this.dispatchEvent(
      gridEvent<RowActivateDetail>('obs-row-activate', { row: store.pointAt(row) }),
    );
  }
}
