import { html, nothing, type TemplateResult } from 'lit';
import type { Store } from '../../core/store.js';
import type { Point } from '../../core/types.js';
import { readCell, type ResolvedColumn } from './columns.js';
import { cellContent, ERROR_TEXT } from './formatting.js';
import { renderLink } from './links.js';
import type { GridSort, RowOrder } from './sorting.js';

/** Grid state that row templates read, rebuilt on every grid render. */
export interface RowContext {
  /** Null once the grid lost its store. */
  store: Store | null;
  order: RowOrder;
  columns: readonly ResolvedColumn[];
  /** Logical row that has keyboard focus, or -1. */
  focusedRow: number;
  /** The selected points, by id and logical row. */
  selected: { has(id: string, row: number): boolean };
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

/** Text of the new-rows button, with an arrow toward the edge the newest rows are at. */
export function newRowsLabel(count: number, edge: 'top' | 'bottom'): string {
  const arrow = edge === 'top' ? '\u2191' : '\u2193';
  return `${arrow} ${count.toLocaleString('en-US')} new ${count === 1 ? 'row' : 'rows'}`;
}

/** CSS `grid-template-columns` and total width in pixels for the columns. */
export function columnLayout(columns: readonly ResolvedColumn[]): {
  template: string;
  width: number;
} {
  // The last column takes the room left over, so a wide grid has no empty strip at the right.
  const template = columns
    .map((column, index) =>
      index === columns.length - 1 ? `minmax(${column.width}px, 1fr)` : `${column.width}px`,
    )
    .join(' ');
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
  const body =
    content.kind === 'text'
      ? content.text
      : content.kind === 'link'
        ? renderLink(content.link)
        : content.template;
  return html`<div role="gridcell" part="cell" class="cell align-${column.align}">${body}</div>`;
}

/**
 * Returns the key of the row element at display position `index`: its logical
 * row, which stays with the point as new points shift the display positions.
 */
export function rowKey(context: RowContext, index: number): number | string {
  const row = index < context.order.length ? context.order.rowAt(index) : NaN;
  // Positions past the end render empty until the next render, and keys must be unique.
  return Number.isNaN(row) ? `past-end-${index}` : row;
}

/**
 * Renders the row at display position `index`. Rows are text-only unless a
 * formatter returns a template, and the virtualizer positions the row element.
 */
export function renderRow(context: RowContext, index: number): TemplateResult {
  const { store, order, columns } = context;
  // The virtualizer can render a range between a store change and the grid's next render.
  if (store === null || index >= order.length) return html``;
  const row = order.rowAt(index);
  let point: Point | undefined;
  const readPoint = () => {
    point ??= store.pointAt(row);
    return point;
  };
  const focused = row === context.focusedRow;
  const selected = context.selected.has(store.idAt(row), row);
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
  /** Sort keys, first key first. */
  sort: readonly GridSort[];
  /** Whether a large sort is still running; the first key's header shows it. */
  sorting: boolean;
  /** Column index of the header with keyboard focus, or -1. */
  focusedIndex: number;
  idPrefix: string;
  /** A header click; `additive` is true with Shift, which adds a secondary key. */
  onSort(key: string, additive: boolean): void;
  onResizeStart(event: PointerEvent): void;
  /** A double-click on a resize handle, which fits the column to its content. */
  onAutoFit(key: string): void;
}

/** Visually hidden text for screen readers, describing a secondary sort key. */
function secondarySortText(position: number, direction: GridSort['direction']): string {
  return `, sort key ${position}, ${ARIA_SORT[direction]}`;
}

/**
 * Renders the header row. A click on a sortable header cycles its sort; the
 * keyboard reaches headers through the grid, which stays the only tab stop.
 */
export function renderHeader(context: HeaderContext): TemplateResult {
  const { sort, idPrefix } = context;
  return html`<div role="row" part="header-row" class="row header-row" aria-rowindex="1">
    ${context.columns.map((column, index) => {
      const position = sort.findIndex((key) => key.key === column.key);
      const direction = position < 0 ? null : sort[position].direction;
      const focused = index === context.focusedIndex;
      const busy = position === 0 && context.sorting;
      // ARIA allows aria-sort on one header at a time, so it marks the first key only.
      const ariaSort = position === 0 && direction !== null ? ARIA_SORT[direction] : nothing;
      return html`<div
        role="columnheader"
        part=${focused ? 'header-cell focused-header-cell' : 'header-cell'}
        class="header-cell align-${column.align} ${column.sortable ? 'sortable' : ''} ${
          focused ? 'focused' : ''
        }"
        id=${`${idPrefix}-header-${index}`}
        aria-sort=${ariaSort}
        data-key=${column.key}
        @click=${
          column.sortable
            ? (event: MouseEvent) => context.onSort(column.key, event.shiftKey)
            : nothing
        }
      >
        <span class="label">${column.label}</span
        ><span class="sort-indicator ${busy ? 'busy' : ''}" aria-hidden="true"
          >${sortIndicator(direction)}${
            sort.length > 1 && position >= 0
              ? html`<sup class="sort-position">${position + 1}</sup>`
              : nothing
          }</span
        >${
          position > 0 && direction !== null
            ? html`<span class="visually-hidden"
                >${secondarySortText(position + 1, direction)}</span
              >`
            : nothing
        }
        <div
          part="resize-handle"
          class="resize-handle"
          aria-hidden="true"
          data-key=${column.key}
          @pointerdown=${context.onResizeStart}
          @click=${stopPropagation}
          @dblclick=${(event: MouseEvent) => {
            event.stopPropagation();
            context.onAutoFit(column.key);
          }}
        ></div>
      </div>`;
    })}
  </div>`;
}
