import { html, nothing, type TemplateResult } from 'lit';
import type { Store } from '../../core/store.js';
import type { Point } from '../../core/types.js';
import { readCell, type ResolvedColumn } from './columns.js';
import { cellContent, ERROR_TEXT } from './formatting.js';
import type { GridSort, RowOrder } from './sorting.js';

/** Grid state that row templates read, rebuilt on every grid render. */
export interface RowContext {
  /** Null once the grid lost its store; the virtualizer may still ask for rows then. */
  store: Store | null;
  order: RowOrder;
  columns: readonly ResolvedColumn[];
  /** Logical row that has keyboard focus, or -1. */
  focusedRow: number;
  /** The selected point ids. */
  selected: { has(id: string): boolean };
  /** Prefix of row element ids, unique per grid, for `aria-activedescendant`. */
  idPrefix: string;
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/** Keeps a click on a resize handle, including the one that ends a drag, from sorting. */
function stopPropagation(event: Event): void {
  event.stopPropagation();
}

function sortIndicator(direction: GridSort['direction'] | null): string {
  if (direction === 'asc') return '\u25B2';
  if (direction === 'desc') return '\u25BC';
  return '';
}

/** Logical row of the row element an event passed through, or -1. */
export function rowFromEvent(event: Event): number {
  for (const target of event.composedPath()) {
    if (target instanceof HTMLElement && target.dataset.row !== undefined) {
      return Number(target.dataset.row);
    }
  }
  return -1;
}

/** Text shown in place of rows when there is no store, no point, or no point passes the filter. */
export function emptyMessage(store: Store | null): string {
  if (store === null) {
    return 'No data source. Set the store property, a stream attribute, or place the grid inside <obs-stream>.';
  }
  if (store.size > 0) return 'No rows match the filter.';
  return 'No data yet.';
}

/** CSS `grid-template-columns` and total width in pixels for the columns. */
export function columnLayout(columns: readonly ResolvedColumn[]): {
  template: string;
  width: number;
} {
  const template = columns.map((column) => `${column.width}px`).join(' ');
  const width = columns.reduce((sum, column) => sum + column.width, 0);
  return { template, width };
}

function renderCell(column: ResolvedColumn, value: unknown, point: () => Point): TemplateResult {
  const content = cellContent(column, value, point);
  if (content.kind === 'error') {
    return html`<div
      role="gridcell"
      part="cell cell-error"
      class="cell error align-${column.align}"
      title=${`Formatter failed: ${content.message}`}
    >
      ${ERROR_TEXT}
    </div>`;
  }
  const body = content.kind === 'text' ? content.text : content.template;
  return html`<div role="gridcell" part="cell" class="cell align-${column.align}">${body}</div>`;
}

/** Renders the row at display position `index`; rows are text-only unless a formatter returns a template. */
export function renderRow(context: RowContext, index: number): TemplateResult {
  const { store, order, columns } = context;
  if (store === null || index >= order.length) {
    return html`<div class="row placeholder" role="none"></div>`;
  }
  const row = order.rowAt(index);
  let point: Point | undefined;
  const readPoint = () => {
    point ??= store.pointAt(row);
    return point;
  };
  const focused = row === context.focusedRow;
  const selected = context.selected.has(store.idAt(row));
  return html`<div
    role="row"
    part=${focused ? 'row focused-row' : 'row'}
    class="row ${focused ? 'focused' : ''} ${selected ? 'selected' : ''}"
    id=${`${context.idPrefix}-${row}`}
    aria-rowindex=${index + 2}
    aria-selected=${selected ? 'true' : 'false'}
    data-row=${row}
  >
    ${columns.map((column) => renderCell(column, readCell(store, column, row), readPoint))}
  </div>`;
}

/** Header state and callbacks for `renderHeader`. */
export interface HeaderContext {
  columns: readonly ResolvedColumn[];
  sort: GridSort | null;
  /** Column index of the header with keyboard focus, or -1. */
  focusedIndex: number;
  idPrefix: string;
  onSort(key: string): void;
  onResizeStart(event: PointerEvent): void;
}

/**
 * Renders the header row. A click on a sortable header cycles its sort; the
 * keyboard reaches headers through the grid, which stays the only tab stop.
 */
export function renderHeader(context: HeaderContext): TemplateResult {
  const { sort, idPrefix } = context;
  return html`<div role="row" part="header-row" class="row header-row" aria-rowindex="1">
    ${context.columns.map((column, index) => {
      const direction = sort !== null && sort.key === column.key ? sort.direction : null;
      const focused = index === context.focusedIndex;
      return html`<div
        role="columnheader"
        part=${focused ? 'header-cell focused-header-cell' : 'header-cell'}
        class="header-cell align-${column.align} ${column.sortable ? 'sortable' : ''} ${
          focused ? 'focused' : ''
        }"
        id=${`${idPrefix}-header-${index}`}
        aria-sort=${direction === null ? nothing : ARIA_SORT[direction]}
        data-key=${column.key}
        @click=${column.sortable ? () => context.onSort(column.key) : nothing}
      >
        <span class="label">${column.label}</span
        ><span class="sort-indicator" aria-hidden="true">${sortIndicator(direction)}</span>
        <div
          part="resize-handle"
          class="resize-handle"
          aria-hidden="true"
          data-key=${column.key}
          @pointerdown=${context.onResizeStart}
          @click=${stopPropagation}
        ></div>
      </div>`;
    })}
  </div>`;
}
