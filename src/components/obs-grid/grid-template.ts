import { html, nothing, type TemplateResult } from 'lit';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import type { ResolvedColumn } from './columns.js';
import { fixedRows } from './fixed-row-layout.js';
import { styleProps } from './style-props.js';
import type { GridScroller } from './grid-scroller.js';
import { columnLayout, newRowsLabel, renderHeader, type HeaderContext } from './rendering.js';

/** Event handlers of the grid's scroll container and new-rows button. */
export interface GridListeners {
  keydown(event: KeyboardEvent): void;
  click(event: MouseEvent): void;
  dblclick(event: MouseEvent): void;
  copy(event: ClipboardEvent): void;
  jumpToNewest(): void;
}

/** State and handlers of one render of the grid. */
export interface GridFrame {
  /** Rows in the view. */
  count: number;
  columns: readonly ResolvedColumn[];
  multiselectable: boolean;
  /** Id of the element with keyboard focus, for `aria-activedescendant`. */
  activeId: string | undefined;
  /** Whether a sort is still running. */
  busy: boolean;
  scroller: GridScroller;
  header: HeaderContext;
  /** Renders the row at a display position. */
  renderItem(index: number): TemplateResult;
  /** Key of the row element at a display position, the same for a point wherever it moves. */
  itemKey(index: number): unknown;
  /** Text shown in place of rows, or null when there are rows. */
  emptyText: string | null;
  /** Rows that arrived while the view held still; 0 hides the button. */
  newRows: number;
  /** Edge where the newest rows are, which the button's arrow points to. */
  newRowsEdge: 'top' | 'bottom';
  listeners: GridListeners;
}

/**
 * Renders the grid: a scroll container with role="grid" holding a sticky
 * stage (header and rows viewport) and a spacer that gives the scrollbar its
 * range, and the new-rows button outside the grid role. The button sits over
 * the end of the header row, so it never covers a row. While it shows, the
 * header reserves room for it (`.new-rows-room` in styles.ts), so it covers
 * no header label, sort control or resize handle either. In the rows viewport
 * the virtualizer gets the scroller's slice of display positions and renders
 * the rows in view plus overscan, keyed by point, so a scroll step adds and
 * removes a few rows and leaves the others alone. A row held under the
 * pointer while points arrive keeps its element, so a press and release on it
 * make a click on that row and not on the rows container.
 */
export function renderGridFrame(frame: GridFrame): TemplateResult {
  const { scroller, listeners } = frame;
  const { template, width } = columnLayout(frame.columns);
  const newRowsText = frame.newRows === 0 ? null : newRowsLabel(frame.newRows, frame.newRowsEdge);
  return html`
    <div
      part="grid"
      class="scroller"
      role="grid"
      tabindex="0"
      aria-rowcount=${frame.count + 1}
      aria-colcount=${frame.columns.length}
      aria-multiselectable=${frame.multiselectable ? 'true' : nothing}
      aria-activedescendant=${frame.activeId ?? nothing}
      aria-busy=${frame.busy ? 'true' : nothing}
      ${styleProps({ '--_template': template, '--_row-width': `${width}px` })}
      @keydown=${listeners.keydown}
      @click=${listeners.click}
      @dblclick=${listeners.dblclick}
      @copy=${listeners.copy}
      @scroll=${scroller.onScroll}
      @wheel=${scroller.wheelListener}
    >
      <div class="stage">
        <div role="rowgroup" class="head">
          ${renderHeader(frame.header)}${
            newRowsText === null
              ? nothing
              : html`<div class="new-rows-room" aria-hidden="true">${newRowsText}</div>`
          }
        </div>
        <div class="rows-viewport" @scroll=${scroller.onViewportScroll}>
          <div role="rowgroup" class="rows" ${styleProps({ height: `${scroller.sliceHeight}px` })}>
            ${virtualize<number>({
              items: scroller.sliceItems,
              renderItem: frame.renderItem,
              keyFunction: frame.itemKey,
              scroller: false,
              layout: fixedRows({
                rowHeight: scroller.rowHeight,
                overscanRows: scroller.overscanRows,
                viewportHeight: scroller.viewportHeight,
              }),
            })}
          </div>
        </div>
        ${
          frame.emptyText === null
            ? nothing
            : html`<div part="empty" class="empty" role="status">${frame.emptyText}</div>`
        }
      </div>
      <div class="spacer" ${styleProps({ height: `${scroller.spacerHeight}px` })}></div>
    </div>
    ${
      newRowsText === null
        ? nothing
        : html`<button
            part="new-rows"
            class="new-rows"
            type="button"
            ${styleProps({ '--_scrollbar-width': `${scroller.scrollbarWidth}px` })}
            @click=${listeners.jumpToNewest}
          >
            ${newRowsText}
          </button>`
    }
  `;
}
