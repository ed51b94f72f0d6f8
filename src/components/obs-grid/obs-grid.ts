import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { Store } from '../../core/store.js';
import { renderErrorStyles } from '../shared/render-boundary.js';
import { RenderController } from '../shared/render-controller.js';
import { StoreController } from '../shared/store-controller.js';
import { clampWidth, resolveColumns, type GridColumn, type ResolvedColumn } from './columns.js';
import { ColumnResizer, fitColumnWidth } from './column-resize.js';
import { exportRows, formatRows, type CsvExportOptions } from './export.js';
import { renderGridFrame, type GridListeners } from './grid-template.js';
import { gridEvent, type ObsColumnResizeDetail, type ObsSortChangeDetail } from './grid-events.js';
import { FollowState } from './follow-state.js';
import { GridScroller } from './grid-scroller.js';
import { handleGridKey, type GridKeyTarget } from './keyboard.js';
import { LinkGuard } from './links.js';
import { emptyMessage, renderRow, rowKey, type RowContext } from './rendering.js';
import { RowActions } from './row-actions.js';
import { GridSelection, type SelectionMode } from './selection.js';
import { checkSort, nextSort, RowOrder, type ArrivalOrder, type GridSort } from './sorting.js';
import { gridStyles } from './styles.js';

export type { GridColumn } from './columns.js';
export type { CsvExportOptions } from './export.js';
export type { GridLink } from './links.js';
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
 * bottom with `order="oldest"`). Scrolling away turns it off. While it is
 * off, while the pointer is over the grid and while rows are selected, the
 * rows in view stay in place as points arrive. A "N new rows" button at the
 * end of the header row then jumps back to the newest, and so does scrolling
 * back, which turns `follow` on again.
 *
 * @summary Virtualized, sortable table of streaming points.
 *
 * @fires obs-row-activate - A row was double-clicked or Enter was pressed on it. Detail: `{row: Point}`.
 * @fires obs-sort-change - A header click or key changed the sort. Detail: `{sort: {key, direction} | null, keys: {key, direction}[]}`.
 * @fires obs-selection-change - A click or key changed the selection, or selected rows left the store. Detail: `{ids: string[], count: number}`.
 * @fires obs-follow-change - Scrolling or the new-rows button turned `follow` on or off. Detail: `{follow: boolean}`.
 * @fires obs-column-resize - Dragging, double-clicking or Shift-arrowing a header edge changed a width. Detail: `{key, width}`.
 * @fires obs-error - A formatter threw. Detail: `{message, phase, fatal, error}`; the cells show the error marker.
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
 * @csspart link - A link that a column formatter returned.
 * @csspart new-rows - The button at the end of the header row that shows how many rows arrived while the view held still.
 * @csspart empty - The text shown when there is no store or no row.
 * @csspart render-error - The banner shown when a formatter threw, with its message and a Retry button.
 * @csspart render-error-message - The message in that banner.
 * @csspart render-error-retry - The Retry button, which renders the rows again.
 *
 * @cssprop --obs-grid-height - Height of the element. Default 320px.
 * @cssprop --obs-grid-row-height - Height of every row. Default 28px.
 * @cssprop --obs-grid-font - Font shorthand of the table.
 * @cssprop --obs-grid-color - Text color.
 * @cssprop --obs-grid-background - Background color.
 * @cssprop --obs-grid-border-color - Color of the outer border.
 * @cssprop --obs-grid-line-color - Color of the line between rows.
 * @cssprop --obs-grid-header-background - Background of the header row.
 * @cssprop --obs-grid-hover-background - Background of the row under the pointer.
 * @cssprop --obs-grid-selected-background - Background of selected rows.
 * @cssprop --obs-grid-focus-color - Outline color of the focused row and header buttons.
 * @cssprop --obs-grid-accent-color - Background of the new-rows button and color of links.
 * @cssprop --obs-grid-error-color - Text color of cells whose formatter threw.
 * @cssprop --obs-grid-muted-color - Color of the empty-state text and sort indicators.
 */
export class ObsGrid extends LitElement {
  static override styles = [gridStyles, renderErrorStyles];

  /** Store to read; wins over `stream` and an enclosing `<obs-stream>`. */
  @property({ attribute: false }) store: Store | null = null;

  /** Id of an `<obs-stream>` in the same root to read from. */
  @property() stream: string | null = null;

  /** Columns to show; null or unset shows time, category, source, value and id. */
  @property({ attribute: false }) columns: GridColumn[] | null = null;

  /**
   * Sort keys, first key first: one `{key, direction}`, an array of them, or
   * null for arrival order. Header clicks change it.
   */
  @property({ attribute: false }) sort: GridSort | GridSort[] | null = null;

  /** Arrival order without a sort: `newest` (default) or `oldest` first. */
  @property({ reflect: true }) order: ArrivalOrder = 'newest';

  /** Whether the view stays on the newest rows as points arrive. */
  @property({ type: Boolean, reflect: true }) follow = true;

  /** How many rows a click can select: `none`, `single` or `multiple` (default). */
  @property({ attribute: 'selection-mode', reflect: true }) selectionMode: SelectionMode =
    'multiple';

  /** Forces the `light` or `dark` palette; unset follows `prefers-color-scheme`. */
  @property({ reflect: true }) theme: 'light' | 'dark' | null = null;

  readonly #controller = new StoreController(this, (store) =>
    this.#render.measure(() => this.#onStoreChange(store)),
  );
  // Follows the quality level's overscan, times renders and contains render errors.
  readonly #render = new RenderController(this, () => this.#onStoreChange(this.#controller.store));
  readonly #order = new RowOrder(() => this.#onStoreChange(this.#controller.store));
  readonly #selection = new GridSelection();
  readonly #scroller = new GridScroller(this, {
    onUserScroll: () => {
      this.#follow.afterScroll();
      this.#scroller.recordAnchor((index) => this.#order.rowAt(index));
    },
    onWindowChange: () => this.requestUpdate(),
  });
  readonly #resizer = new ColumnResizer((key, width, done) =>
    this.#onColumnResize(key, width, done),
  );
  readonly #follow = new FollowState(this, this.#scroller, {
    store: () => this.#controller.store,
    sorted: () => this.#order.sorted,
    selectionSize: () => this.#selection.size,
    indexOf: (row) => this.#order.indexOf(row),
    shownEnd: () => this.#order.syncedEnd,
  });
  readonly #links = new LinkGuard();
  readonly #actions = new RowActions(this, {
    store: () => this.#controller.store,
    order: this.#order,
    selection: this.#selection,
    selectionMode: () => this.selectionMode,
    columns: () => this.#columns,
    onSelectionEmptied: () => this.#follow.release(),
  });
  readonly #idPrefix = `obs-grid-${nextGridId++}`;
  #columns: ResolvedColumn[] = resolveColumns(null);
  #sortKeys: GridSort[] = [];
  #focusedRow = -1;
  /** Column index of the header with keyboard focus, or -1 while the focus is on the rows. */
  #focusedHeader = -1;

  /** Number of rows after filtering, which is what the grid can show. */
  get rowCount(): number {
    return this.#controller.store === null ? 0 : this.#order.length;
  }

  /** Ids of the selected points. Setting it replaces the selection without an event. */
  get selection(): string[] {
    return this.#selection.ids(this.#controller.store);
  }

  set selection(ids: readonly string[] | null) {
    const list = Array.isArray(ids) ? ids : [];
    if (this.#selection.replace(list, this.selectionMode)) this.requestUpdate();
  }

  /** Number of rows that arrived since the newest rows were last in view. */
  get newRowCount(): number {
    return this.#follow.newRowCount;
  }

  /** Scrolls the row at display position `index` (0 is the top row) into view. */
  scrollToIndex(index: number): void {
    const target = Number.isFinite(index) ? Math.floor(index) : 0;
    // Right after the first render the resize observer has not reported the sizes yet.
    this.#scroller.measure();
    this.#scroller.reveal(Math.min(this.rowCount - 1, Math.max(0, target)));
    this.#follow.afterScroll();
  }

  /**
   * Returns the rows shown (or with `{rows: 'selection'}` the selected rows
   * shown) as RFC 4180 CSV in display order, with a header line of column
   * labels. Cells that a spreadsheet would run as formulas get a leading
   * apostrophe. Large views make large strings: about 100 bytes per row with
   * the default columns, and browsers cap a string near 512 million characters.
   */
  exportCsv(options: CsvExportOptions = {}): string {
    const store = this.#controller.store;
    if (store === null) return '';
    const rows = exportRows(options.rows, store, this.#order, this.#selection);
    return formatRows('csv', store, this.#columns, rows, options.header !== false);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#links.observe(this.renderRoot);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#order.bind(null);
    this.#resizer.cancel();
    this.#links.disconnect();
    this.#follow.hovered = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('store') || changed.has('stream')) this.#controller.resolve();
    if (changed.has('columns')) {
      this.#columns = resolveColumns(this.columns).map((column) => this.#watchFormatter(column));
      this.#focusedHeader = Math.min(this.#focusedHeader, this.#columns.length - 1);
    }
    if (changed.has('sort') || changed.has('columns') || changed.has('order')) {
      this.#applySort();
    }
    if (changed.has('selectionMode')) this.#selection.replace(this.selection, this.selectionMode);
    const followEdgeMoved = changed.has('order') || changed.has('sort');
    if (this.follow && (changed.has('follow') || followEdgeMoved)) this.#follow.showNewest();
    this.#scroller.setCount(this.rowCount);
  }

  protected override render() {
    return this.#render.render(() => this.#renderGrid());
  }

  #renderGrid() {
    const count = this.rowCount;
    const store = this.#controller.store;
    this.#scroller.overscanRows = this.#render.quality.settings.gridOverscanRows;
    const context = this.#rowContext();
    return renderGridFrame({
      count,
      columns: this.#columns,
      multiselectable: this.selectionMode === 'multiple',
      activeId: this.#activeDescendantId(),
      busy: this.#order.pending,
      scroller: this.#scroller,
      header: {
        columns: this.#columns,
        sort: this.#sortKeys,
        sorting: this.#order.pending,
        focusedIndex: this.#focusedHeader,
        idPrefix: this.#idPrefix,
        onSort: (key, additive) => this.#onHeaderClick(key, additive),
        onResizeStart: this.#resizer.pointerDown,
        onAutoFit: (key) => this.#autoFit(key),
      },
      renderItem: (index) => renderRow(context, index),
      itemKey: (index) => rowKey(context, index),
      emptyText: count === 0 ? emptyMessage(store) : null,
      newRows: this.#follow.holding ? this.newRowCount : 0,
      newRowsEdge: this.#follow.edge,
      listeners: this.#listeners,
    });
  }

  readonly #listeners: GridListeners = {
    keydown: (event) => this.#onKeyDown(event),
    click: (event) => this.#onClick(event),
    dblclick: (event) => this.#actions.activate(this.#actions.rowOf(event)),
    copy: (event) => this.#actions.copy(event),
    jumpToNewest: () => this.#follow.jumpToNewest(),
  };

  protected override updated(): void {
    this.#scroller.afterRender();
    this.#scroller.recordAnchor((index) => this.#order.rowAt(index));
  }

  /** Reports a throwing formatter in the grid's error banner; its cells still show the error marker. */
  #watchFormatter(column: ResolvedColumn): ResolvedColumn {
    const { formatter } = column;
    if (formatter === undefined) return column;
    const phase = `formatter of column '${column.key}'`;
    return { ...column, formatter: this.#render.boundary.watch(formatter, phase) };
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

  #onStoreChange(store: Store | null): void {
    this.#order.bind(store);
    this.#order.sync();
    this.#scroller.setCount(this.rowCount);
    this.#actions.pruneSelection();
    this.#follow.afterStoreChange();
    this.requestUpdate();
  }

  #applySort(): void {
    const { keys, sorts } = checkSort(this.sort, this.#columns);
    this.#sortKeys = keys;
    this.#order.configure(sorts, this.order === 'oldest' ? 'oldest' : 'newest');
    this.#order.sync();
  }

  #onHeaderClick(key: string, additive: boolean): void {
    // Reads the property, not the keys of the last render, so a click right after a set builds on it.
    const keys = nextSort(checkSort(this.sort, this.#columns).keys, key, additive);
    if (keys.length === 0) this.sort = null;
    else this.sort = keys.length === 1 ? keys[0] : keys;
    this.dispatchEvent(
      gridEvent<ObsSortChangeDetail>('obs-sort-change', { sort: keys[0] ?? null, keys }),
    );
  }

  #onColumnResize(key: string, width: number, done: boolean): void {
    this.#columns = this.#columns.map((column) =>
      column.key === key ? { ...column, width } : column,
    );
    this.requestUpdate();
    if (done)
      this.dispatchEvent(gridEvent<ObsColumnResizeDetail>('obs-column-resize', { key, width }));
  }

  #autoFit(key: string): void {
    const index = this.#columns.findIndex((column) => column.key === key);
    if (index < 0) return;
    const width = fitColumnWidth(this.renderRoot, index);
    if (width !== this.#columns[index].width) this.#onColumnResize(key, width, true);
  }

  #onClick(event: MouseEvent): void {
    const row = this.#actions.rowOf(event);
    if (row < 0) return;
    this.#focusedRow = row;
    this.#focusedHeader = -1;
    const gesture = { toggle: event.ctrlKey || event.metaKey, range: event.shiftKey };
    this.#actions.select(row, gesture);
    this.requestUpdate();
  }

  #onKeyDown(event: KeyboardEvent): void {
    if (event.target !== event.currentTarget || event.altKey) return;
    this.#scroller.measure();
    if (handleGridKey(event, this.#keyTarget())) {
      event.preventDefault();
      this.requestUpdate();
    }
  }

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
        if (extend) this.#actions.select(this.#focusedRow, { toggle: false, range: true });
        this.scrollToIndex(index);
      },
      focusHeader: (index) => {
        this.#focusedHeader = index;
      },
      resizeHeader: (index, delta) => {
        const column = this.#columns[index];
        this.#onColumnResize(column.key, clampWidth(column.width + delta), true);
      },
      sortByHeader: (index, additive) => {
        const column = this.#columns[index];
        if (column?.sortable) this.#onHeaderClick(column.key, additive);
      },
      activateFocusedRow: () => this.#actions.activate(this.#focusedRow),
      toggleFocusedRow: (range) => this.#actions.select(this.#focusedRow, { toggle: true, range }),
      selectAll: () => this.#actions.selectAll(),
      clearSelection: () => this.#actions.clearSelection(),
    };
  }
}
