/**
 * Height in CSS pixels above which the scroll range is scaled. Browsers clamp
 * element heights (Firefox near 17.9 million pixels), so 10 million rows of
 * 28 pixels cannot get a spacer of their true height.
 */
export const MAX_SCROLL_HEIGHT = 8_000_000;

/**
 * Height in CSS pixels of the window that rows are positioned in. Rows sit at
 * offsets from the window's first row, so no offset exceeds this however many
 * rows there are.
 */
export const MAX_WINDOW_HEIGHT = 2_000_000;

/** Rows kept between the viewport and the window edge before the window moves. */
const WINDOW_MARGIN_ROWS = 100;

/**
 * Scroll geometry of the grid body, in CSS pixels.
 *
 * `top` is the position of the viewport in the full list of rows (row `i`
 * starts at `i * rowHeight`). The native scrollbar covers at most
 * MAX_SCROLL_HEIGHT, so past that a scrollbar position maps to `top`
 * proportionally and one pixel of scrollbar moves more than one pixel of rows.
 * The virtualizer gets a window of rows around the viewport as its items, and
 * the rows viewport scrolls to `windowOffset` inside that window.
 */
export class ScrollModel {
  #count = 0;
  #rowHeight = 28;
  #viewportHeight = 0;
  #top = 0;
  #windowStart = 0;
  #windowLength = 0;

  get count(): number {
    return this.#count;
  }

  get rowHeight(): number {
    return this.#rowHeight;
  }

  get viewportHeight(): number {
    return this.#viewportHeight;
  }

  /** Position of the viewport top in the full list of rows. */
  get top(): number {
    return this.#top;
  }

  /** Height of all rows at their true size. */
  get contentHeight(): number {
    return this.#count * this.#rowHeight;
  }

  /** Height of the scrollable body: the true height, capped at MAX_SCROLL_HEIGHT. */
  get scrollHeight(): number {
    return Math.min(this.contentHeight, MAX_SCROLL_HEIGHT);
  }

  get scaled(): boolean {
    return this.contentHeight > MAX_SCROLL_HEIGHT;
  }

  get maxTop(): number {
    return Math.max(0, this.contentHeight - this.#viewportHeight);
  }

  get maxScrollTop(): number {
    return Math.max(0, this.scrollHeight - this.#viewportHeight);
  }

  /** Number of whole rows that fit in the viewport, at least 1. */
  get pageSize(): number {
    return Math.max(1, Math.floor(this.#viewportHeight / this.#rowHeight));
  }

  /** Display index of the window's first row, which rows are positioned from. */
  get windowStart(): number {
    return this.#windowStart;
  }

  get windowLength(): number {
    return this.#windowLength;
  }

  /** Distance from the top of the window to the top of the viewport. */
  get windowOffset(): number {
    return this.#top - this.#windowStart * this.#rowHeight;
  }

  /** Display index of the row at the top of the viewport. */
  get firstVisibleIndex(): number {
    return Math.min(Math.max(0, this.#count - 1), Math.floor(this.#top / this.#rowHeight));
  }

  /**
   * Sets the row count and sizes, keeping `top` in range. Returns whether the
   * window changed, which means the grid must render.
   */
  configure(count: number, rowHeight: number, viewportHeight: number): boolean {
    this.#count = Math.max(0, Math.floor(count));
    if (Number.isFinite(rowHeight) && rowHeight > 0) this.#rowHeight = rowHeight;
    this.#viewportHeight = Math.max(0, viewportHeight);
    return this.setTop(this.#top);
  }

  /**
   * Moves the viewport, clamped to the rows, so Infinity means the bottom and
   * NaN the top. Returns whether the window changed.
   */
  setTop(top: number): boolean {
    this.#top = Math.min(this.maxTop, Math.max(0, Number.isNaN(top) ? 0 : top));
    return this.#moveWindow();
  }

  /** Returns the scrollbar position that shows the current `top`. */
  scrollTopFor(): number {
    if (!this.scaled) return this.#top;
    const maxTop = this.maxTop;
    return maxTop === 0 ? 0 : (this.#top / maxTop) * this.maxScrollTop;
  }

  /** Returns the `top` that a scrollbar position maps to. */
  topForScrollTop(scrollTop: number): number {
    if (!this.scaled) return scrollTop;
    const maxScrollTop = this.maxScrollTop;
    return maxScrollTop === 0 ? 0 : (scrollTop / maxScrollTop) * this.maxTop;
  }

  /** Returns the `top` closest to the current one that shows the whole row at `index`. */
  topToReveal(index: number): number {
    const rowTop = index * this.#rowHeight;
    const rowBottom = rowTop + this.#rowHeight;
    if (rowTop < this.#top) return rowTop;
    if (rowBottom > this.#top + this.#viewportHeight) {
      return Math.min(rowTop, rowBottom - this.#viewportHeight);
    }
    return this.#top;
  }

  #moveWindow(): boolean {
    const before = [this.#windowStart, this.#windowLength];
    const capacity = Math.max(1, Math.floor(MAX_WINDOW_HEIGHT / this.#rowHeight));
    if (this.#count <= capacity) {
      this.#windowStart = 0;
      this.#windowLength = this.#count;
    } else {
      const first = Math.floor(this.#top / this.#rowHeight);
      const last = first + this.pageSize;
      const start = this.#windowStart;
      const fits =
        this.#windowLength === capacity &&
        first - WINDOW_MARGIN_ROWS >= start &&
        last + WINDOW_MARGIN_ROWS <= start + capacity;
      const centered = first - Math.floor((capacity - this.pageSize) / 2);
      this.#windowStart = fits ? start : centered;
      this.#windowStart = Math.min(this.#count - capacity, Math.max(0, this.#windowStart));
      this.#windowLength = capacity;
    }
    return before[0] !== this.#windowStart || before[1] !== this.#windowLength;
  }
}
