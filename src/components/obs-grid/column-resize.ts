import { clampWidth } from './columns.js';

/** Receives a column width while the user drags; `done` is true on release. */
export type ResizeCallback = (key: string, width: number, done: boolean) => void;

interface Drag {
  handle: HTMLElement;
  pointerId: number;
  key: string;
  startX: number;
  startWidth: number;
  width: number;
}

/**
 * Column resizing by dragging the right edge of a header cell. The handle
 * captures the pointer, so the drag continues outside the header, and the
 * final width is reported once on release.
 */
export class ColumnResizer {
  #drag: Drag | null = null;
  readonly #onResize: ResizeCallback;

  constructor(onResize: ResizeCallback) {
    this.#onResize = onResize;
  }

  /** Pointer-down listener for resize handles, which carry the column key in `data-key`. */
  readonly pointerDown = (event: PointerEvent): void => {
    const handle = event.currentTarget as HTMLElement;
    const key = handle.dataset.key;
    const cell = handle.parentElement;
    if (event.button !== 0 || key === undefined || cell === null) return;
    event.preventDefault();
    event.stopPropagation();
    this.cancel();
    const width = cell.getBoundingClientRect().width;
    this.#drag = {
      handle,
      pointerId: event.pointerId,
      key,
      startX: event.clientX,
      startWidth: width,
      width,
    };
    handle.setPointerCapture?.(event.pointerId);
    handle.addEventListener('pointermove', this.#onMove);
    handle.addEventListener('pointerup', this.#onUp);
    handle.addEventListener('pointercancel', this.#onUp);
  };

  /** Ends a drag without reporting a final width, for example when the grid disconnects. */
  cancel(): void {
    const drag = this.#drag;
    if (drag === null) return;
    this.#drag = null;
    drag.handle.removeEventListener('pointermove', this.#onMove);
    drag.handle.removeEventListener('pointerup', this.#onUp);
    drag.handle.removeEventListener('pointercancel', this.#onUp);
    if (drag.handle.hasPointerCapture?.(drag.pointerId)) {
      drag.handle.releasePointerCapture(drag.pointerId);
    }
  }

  readonly #onMove = (event: PointerEvent): void => {
    const drag = this.#drag;
    if (drag === null || event.pointerId !== drag.pointerId) return;
    drag.width = clampWidth(drag.startWidth + event.clientX - drag.startX);
    this.#onResize(drag.key, drag.width, false);
  };

  readonly #onUp = (event: PointerEvent): void => {
    const drag = this.#drag;
    if (drag === null || event.pointerId !== drag.pointerId) return;
    this.cancel();
    if (drag.width !== drag.startWidth) this.#onResize(drag.key, drag.width, true);
  };
}

/** Horizontal padding of a cell (8px each side) plus room for the resize handle. */
const CELL_CHROME = 22;

/** Width of the rendered content of `element`, however wide its box is. */
function contentWidth(element: Element): number {
  const range = document.createRange();
  range.selectNodeContents(element);
  return range.getBoundingClientRect().width;
}

/**
 * Returns the width that fits column `index`: its header label and sort
 * indicator and the content of every rendered cell of it. Rows that the
 * grid has not rendered are not measured, so a wider value further
 * down can still be cut.
 */
export function fitColumnWidth(root: ParentNode, index: number): number {
  let width = 0;
  const header = root.querySelectorAll('.header-row > [role="columnheader"]')[index];
  if (header !== undefined) {
    const parts = header.querySelectorAll('.label, .sort-indicator');
    let headerWidth = 0;
    for (const part of parts) headerWidth += contentWidth(part) + 4;
    width = headerWidth;
  }
  for (const row of root.querySelectorAll('.rows [role="row"]')) {
    const cell = row.children[index];
    if (cell !== undefined) width = Math.max(width, contentWidth(cell));
  }
  return clampWidth(Math.ceil(width + CELL_CHROME));
}
