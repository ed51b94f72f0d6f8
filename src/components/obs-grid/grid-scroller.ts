import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { DEFAULT_OVERSCAN_ROWS } from './fixed-row-layout.js';
import { ScrollModel } from './scroll-model.js';

export interface GridScrollerCallbacks {
  /** A scroll that the user started: wheel, scrollbar, touch. */
  onUserScroll(): void;
  /** The window moved, so the host must render the virtualizer's new slice of rows. */
  onWindowChange(): void;
}

type ScrollerHost = ReactiveControllerHost &
  HTMLElement & { renderRoot: ParentNode; isUpdatePending: boolean };

/** The scroll container, the rows viewport that the virtualizer scrolls in, and the header row. */
interface ScrollParts {
  scroller: HTMLElement;
  viewport: HTMLElement;
  header: HTMLElement;
}

/** Wheel `deltaMode` values from the UI Events specification. */
const DOM_DELTA_LINE = 1;
const DOM_DELTA_PAGE = 2;

/**
 * Connects the ScrollModel to the grid's DOM.
 *
 * The grid's scroll container contains a sticky stage (header and rows
 * viewport) and a spacer that gives the scrollbar its range. The rows
 * viewport is a scroll container without scrollbars that contains the
 * virtualizer, which renders a slice of the rows: the model's window, at most
 * MAX_WINDOW_HEIGHT pixels high, far below the height at which browsers and
 * the virtualizer clamp elements. The rows viewport scrolls to the model's
 * `top` inside that slice, and the virtualizer renders the rows it shows. A
 * small scroll moves inside the slice; a thumb drag, End, `reveal` or a
 * scroll past the slice's margin moves the slice. With a scaled scrollbar the
 * wheel is handled here, one pixel of wheel per pixel of rows, because the
 * native wheel would skip rows by the scale factor.
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
  /** Display indexes of the window, the virtualizer's items; replaced when the window moves. */
  #sliceItems: number[] = [];
  /** The window that the last render gave the virtualizer, which the rows viewport scrolls inside. */
  #renderedWindow = { start: 0, length: 0 };
  /** The rows viewport's scrollTop as this controller last wrote it. */
  #knownViewportTop = 0;
  /** Whether the scroll event for the virtualizer is being dispatched, which onViewportScroll skips. */
  #dispatching = false;
  #scrollbarWidth = 0;

  constructor(host: ScrollerHost, callbacks: GridScrollerCallbacks) {
    this.#host = host;
    this.#callbacks = callbacks;
    host.addController(this);
  }

  /**
   * Display indexes of the rows in the window, for the virtualizer's `items`.
   * The array is the same until the window moves, so the virtualizer lays the
   * rows out again only then.
   */
  get sliceItems(): number[] {
    const { windowStart, windowLength } = this.#model;
    const items = this.#sliceItems;
    if (items.length !== windowLength || (windowLength > 0 && items[0] !== windowStart)) {
      this.#sliceItems = Array.from({ length: windowLength }, (_, offset) => windowStart + offset);
    }
    return this.#sliceItems;
  }

  /** Height in CSS pixels of the virtualizer's slice of rows. */
  get sliceHeight(): number {
    return this.#model.windowLength * this.#model.rowHeight;
  }

  /** Rows rendered past each edge of the viewport; the virtualizer's layout ignores invalid values. */
  overscanRows = DEFAULT_OVERSCAN_ROWS;

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

  /** Height of the rows viewport as the resize observer last reported it, 0 before that. */
  get viewportHeight(): number {
    return this.#model.viewportHeight;
  }

  get pageSize(): number {
    return this.#model.pageSize;
  }

  get firstVisibleIndex(): number {
    return this.#model.firstVisibleIndex;
  }

  /** Width in CSS pixels of the scroll container's vertical scrollbar, or 0 when it has none or overlays the content. */
  get scrollbarWidth(): number {
    return this.#scrollbarWidth;
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
    const { windowStart, windowLength } = this.#model;
    if (
      windowStart !== this.#renderedWindow.start ||
      windowLength !== this.#renderedWindow.length
    ) {
      this.#renderedWindow = { start: windowStart, length: windowLength };
      // The browser may have clamped the last write to the old slice's height.
      this.#knownViewportTop = -1;
    }
    if (!this.#observed && this.#resizeObserver !== null) {
      // Sizes come from the observer, which also reports them once right after observe().
      this.#resizeObserver.observe(parts.viewport);
      this.#resizeObserver.observe(parts.header);
      // The scroll container's content box narrows when its scrollbar appears.
      this.#resizeObserver.observe(parts.scroller);
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
   * Follows a scroll of the rows viewport that this controller did not write:
   * the browser scrolls it to show a link that gets focus from Tab, or a
   * match of find in page.
   */
  readonly onViewportScroll = (): void => {
    const parts = this.#parts();
    if (parts === null || this.#dispatching) return;
    if (this.#renderedWindow.start !== this.#model.windowStart) return;
    const { viewport } = parts;
    const viewportTop = viewport.scrollTop;
    if (Math.abs(viewportTop - this.#knownViewportTop) < 1) return;
    const clamped = this.#knownViewportTop > viewportTop;
    const atEnd = viewport.scrollHeight - viewport.clientHeight - viewportTop < 1;
    this.#knownViewportTop = viewportTop;
    // Until the resize observer reports the viewport height, a write past the
    // end is clamped by the browser, and the view is still at the same end.
    if (clamped && atEnd) return;
    this.#scrollTo(this.#model.windowStart * this.#model.rowHeight + viewportTop);
    this.#callbacks.onUserScroll();
  };

  /**
   * Takes the scrollbar position that the user, or the browser by clamping,
   * set as the new `top`. Returns whether the window moved.
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

  /** Writes the scrollbar position and the rows viewport's position in the slice for the model's `top`. */
  #apply(parts: ScrollParts): void {
    // Reading scrollTop back would force a layout on every wheel step, so this
    // keeps what it wrote, clamped as the browser clamps it.
    const scrollTop = Math.min(this.#model.scrollTopFor(), this.#renderedMaxScrollTop);
    if (Math.abs(this.#knownScrollTop - scrollTop) >= 1) {
      parts.scroller.scrollTop = scrollTop;
      this.#knownScrollTop = scrollTop;
    }
    // Until the host renders a moved window, the slice in the DOM contains other rows.
    const rendered = this.#renderedWindow;
    if (rendered.start !== this.#model.windowStart) return;
    const sliceHeight = rendered.length * this.#model.rowHeight;
    const maxViewportTop = Math.max(0, sliceHeight - this.#model.viewportHeight);
    const viewportTop = Math.min(this.#model.windowOffset, maxViewportTop);
    if (viewportTop === this.#knownViewportTop) return;
    parts.viewport.scrollTop = viewportTop;
    this.#knownViewportTop = viewportTop;
    // The virtualizer renders on scroll events of its scroller, and the browser
    // fires the one for this write only at the next frame, after a frame that
    // would show the new position with the old rows.
    this.#dispatching = true;
    parts.viewport.dispatchEvent(new Event('scroll'));
    this.#dispatching = false;
  }

  /**
   * Reads the row and viewport heights and the scrollbar width. The header
   * row has the same height as data rows. A resize observer calls it, and so
   * does keyboard navigation, which cannot wait for the observer's first report.
   */
  measure(): void {
    const parts = this.#parts();
    if (parts === null) return;
    const scrollbarWidth = parts.scroller.offsetWidth - parts.scroller.clientWidth;
    if (scrollbarWidth !== this.#scrollbarWidth) {
      this.#scrollbarWidth = scrollbarWidth;
      this.#host.requestUpdate();
    }
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
    const header = root.querySelector<HTMLElement>('.header-row');
    if (scroller === null || viewport === null || header === null) return null;
    return { scroller, viewport, header };
  }
}
