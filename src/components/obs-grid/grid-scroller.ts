import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ScrollModel } from './scroll-model.js';

export interface GridScrollerCallbacks {
  /** A scroll that the user started: wheel, scrollbar, touch. */
  onUserScroll(): void;
  /** The window or the rendered rows moved; the host must render. */
  onWindowChange(): void;
}

type ScrollerHost = ReactiveControllerHost &
  HTMLElement & { renderRoot: ParentNode; isUpdatePending: boolean };

/** The scroll container, the clipped rows viewport, the rows container and the header row. */
interface ScrollParts {
  scroller: HTMLElement;
  viewport: HTMLElement;
  rows: HTMLElement;
  header: HTMLElement;
}

/** Wheel `deltaMode` values from the UI Events specification. */
const DOM_DELTA_LINE = 1;
const DOM_DELTA_PAGE = 2;

/**
 * Connects the ScrollModel to the grid's DOM.
 *
 * The grid's scroll container contains a sticky stage (header and rows viewport)
 * and a spacer that gives the scrollbar its range. The rows container is
 * moved inside the clipped rows viewport by `translateY`, so the rows shown
 * follow the model's `top` whether or not the scrollbar is scaled. With a
 * scaled scrollbar the wheel is handled here, one pixel of wheel per pixel of
 * rows, because the native wheel would skip rows by the scale factor.
 */
export class GridScroller implements ReactiveController {
  readonly #host: ScrollerHost;
  readonly #callbacks: GridScrollerCallbacks;
  readonly #model = new ScrollModel();
  #resizeObserver: ResizeObserver | null = null;
  #observed = false;
  /** The scrollTop this controller last wrote or read, to tell its own scroll events apart. */
  #knownScrollTop = 0;
  /** The largest scrollTop the rendered spacer allows; the browser clamps writes past it. */
  #renderedMaxScrollTop = 0;
  #cachedParts: ScrollParts | null = null;
  #pendingTop: number | null = null;
  #anchor: { row: number; offset: number } | null = null;

  constructor(host: ScrollerHost, callbacks: GridScrollerCallbacks) {
    this.#host = host;
    this.#callbacks = callbacks;
    host.addController(this);
  }

  /** Display indexes to render, `start` inclusive and `end` exclusive, and the window's first index. */
  get renderRange(): { start: number; end: number; windowStart: number } {
    const model = this.#model;
    return { start: model.renderStart, end: model.renderEnd, windowStart: model.windowStart };
  }

  /** Sets the rows rendered past each edge of the viewport. */
  set overscanRows(rows: number) {
    if (rows !== this.#model.overscanRows && this.#model.setOverscanRows(rows)) {
      this.#host.requestUpdate();
    }
  }

  get spacerHeight(): number {
    return Math.max(0, this.#model.scrollHeight - this.#model.viewportHeight);
  }

  get top(): number {
    return this.#model.top;
  }

  get maxTop(): number {
    return this.#model.maxTop;
  }

  get rowHeight(): number {
    return this.#model.rowHeight;
  }

  get pageSize(): number {
    return this.#model.pageSize;
  }

  get firstVisibleIndex(): number {
    return this.#model.firstVisibleIndex;
  }

  hostConnected(): void {
    this.#resizeObserver = new ResizeObserver(() => this.measure());
    this.#observed = false;
  }

  hostDisconnected(): void {
    this.#resizeObserver?.disconnect();
    this.#resizeObserver = null;
  }

  /** Sets the number of rows; call before each render. */
  setCount(count: number): void {
    this.#model.configure(count, this.#model.rowHeight, this.#model.viewportHeight);
  }

  /** Moves the view to `top` (clamped) at the next render, once the spacer has its new height. */
  pin(top: number): void {
    this.#pendingTop = top;
    this.#model.setTop(top);
  }

  /**
   * Remembers the logical row at the top of the view and how far it is
   * scrolled past. An unsorted order reads the store live, so by the time the
   * store reports new rows the display positions have already moved.
   */
  recordAnchor(rowAt: (index: number) => number): void {
    if (this.#model.count === 0) {
      this.#anchor = null;
      return;
    }
    const index = this.#model.firstVisibleIndex;
    const offset = this.#model.top - index * this.#model.rowHeight;
    this.#anchor = { row: rowAt(index), offset };
  }

  /** Pins the view so the remembered row stays where it was, unless it is no longer shown. */
  pinAnchor(indexOf: (row: number) => number): void {
    if (this.#anchor === null) return;
    const index = indexOf(this.#anchor.row);
    if (index >= 0) this.pin(index * this.#model.rowHeight + this.#anchor.offset);
  }

  /** Scrolls the least distance that shows the whole row at display position `index`. */
  reveal(index: number): void {
    if (index < 0) return;
    this.#scrollTo(this.#model.topToReveal(index));
  }

  /** Applies a pinned position and positions the rows container. */
  afterRender(): void {
    const parts = this.#parts();
    if (parts === null) return;
    this.#renderedMaxScrollTop = this.spacerHeight;
    if (!this.#observed && this.#resizeObserver !== null) {
      // Sizes come from the observer, which also reports them once right after observe().
      this.#resizeObserver.observe(parts.viewport);
      this.#resizeObserver.observe(parts.header);
      this.#observed = true;
    }
    // A scroll whose event has not arrived yet wins over a pinned position.
    if (Math.abs(parts.scroller.scrollTop - this.#knownScrollTop) >= 1) {
      // Callbacks that change properties would start a render inside this one.
      const windowMoved = this.#adoptScrollTop(parts);
      queueMicrotask(() => {
        if (windowMoved) this.#callbacks.onWindowChange();
        this.#callbacks.onUserScroll();
      });
      return;
    }
    if (this.#pendingTop !== null) {
      this.#model.setTop(this.#pendingTop);
      if (!this.#host.isUpdatePending) this.#pendingTop = null;
    }
    this.#apply(parts);
  }

  readonly onScroll = (): void => {
    const parts = this.#parts();
    if (parts === null) return;
    if (Math.abs(parts.scroller.scrollTop - this.#knownScrollTop) < 1) return;
    if (this.#adoptScrollTop(parts)) this.#callbacks.onWindowChange();
    this.#callbacks.onUserScroll();
  };

  /**
   * Takes the scrollbar position that the user, or the browser by clamping,
   * set as the new `top`. Returns whether the rendered rows moved.
   */
  #adoptScrollTop(parts: ScrollParts): boolean {
    const scrollTop = parts.scroller.scrollTop;
    this.#knownScrollTop = scrollTop;
    this.#pendingTop = null;
    const windowMoved = this.#model.setTop(this.#model.topForScrollTop(scrollTop));
    this.#apply(parts);
    return windowMoved;
  }

  /** Wheel listener object, not passive, so it can take over the wheel when the scrollbar is scaled. */
  readonly wheelListener = {
    handleEvent: (event: WheelEvent): void => this.#onWheel(event),
    passive: false,
  };

  #onWheel(event: WheelEvent): void {
    if (!this.#model.scaled || event.ctrlKey || event.deltaY === 0) return;
    event.preventDefault();
    let delta = event.deltaY;
    if (event.deltaMode === DOM_DELTA_LINE) delta *= this.#model.rowHeight;
    if (event.deltaMode === DOM_DELTA_PAGE) delta *= this.#model.viewportHeight;
    this.#scrollTo(this.#model.top + delta);
    this.#callbacks.onUserScroll();
  }

  #scrollTo(top: number): void {
    this.#pendingTop = null;
    if (this.#model.setTop(top)) this.#callbacks.onWindowChange();
    const parts = this.#parts();
    if (parts !== null) this.#apply(parts);
  }

  /** Writes the scrollbar position and the rows container offset for the model's `top`. */
  #apply(parts: ScrollParts): void {
    // Reading scrollTop back would force a layout on every wheel step, so this
    // keeps what it wrote, clamped as the browser clamps it.
    const scrollTop = Math.min(this.#model.scrollTopFor(), this.#renderedMaxScrollTop);
    if (Math.abs(this.#knownScrollTop - scrollTop) >= 1) {
      parts.scroller.scrollTop = scrollTop;
      this.#knownScrollTop = scrollTop;
    }
    const transform = `translateY(${-this.#model.windowOffset}px)`;
    if (parts.rows.style.transform !== transform) parts.rows.style.transform = transform;
  }

  /**
   * Reads the row and viewport heights; the header row has the same height as
   * data rows. A resize observer calls it, and so does keyboard navigation, which
   * cannot wait for the observer's first report.
   */
  measure(): void {
    const parts = this.#parts();
    if (parts === null) return;
    const measured = parts.header.getBoundingClientRect().height;
    const rowHeight = measured > 0 ? measured : this.#model.rowHeight;
    const viewportHeight = parts.viewport.clientHeight;
    const { rowHeight: oldRowHeight, viewportHeight: oldViewportHeight } = this.#model;
    if (rowHeight === oldRowHeight && viewportHeight === oldViewportHeight) return;
    const anchor = this.#model.top / oldRowHeight;
    this.#model.configure(this.#model.count, rowHeight, viewportHeight);
    this.#model.setTop(anchor * rowHeight);
    // The spacer height and the window depend on both sizes.
    this.#pendingTop ??= this.#model.top;
    this.#host.requestUpdate();
  }

  /** The scroll parts, looked up again only when a render replaced them. */
  #parts(): ScrollParts | null {
    const cached = this.#cachedParts;
    if (cached !== null && cached.scroller.isConnected && cached.header.isConnected) return cached;
    this.#cachedParts = this.#findParts();
    return this.#cachedParts;
  }

  #findParts(): ScrollParts | null {
    const root = this.#host.renderRoot;
    const scroller = root.querySelector<HTMLElement>('.scroller');
    const viewport = root.querySelector<HTMLElement>('.rows-viewport');
    const rows = root.querySelector<HTMLElement>('.rows');
    const header = root.querySelector<HTMLElement>('.header-row');
    if (scroller === null || viewport === null || rows === null || header === null) return null;
    return { scroller, viewport, rows, header };
  }
}
