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
