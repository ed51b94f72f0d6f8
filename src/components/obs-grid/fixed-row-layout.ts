/*
 * A layout for @lit-labs/virtualizer that places item `i` at `i * rowHeight`.
 *
 * The built-in flow layout measures children and estimates positions around
 * an anchor, then fixes its estimates by scrolling its scroller. The grid
 * moves the virtualizer host with a transform instead of scrolling it, so
 * those fixes never land and rows drift by whole rows. Every grid row has the
 * same height, so exact positions need no measuring at all.
 *
 * The types below follow the layout contract of @lit-labs/virtualizer 2.1
 * (layouts/shared/Layout.d.ts), which the package does not export.
 */

interface ItemPosition {
  top: number;
  left: number;
}

type LayoutMessage =
  | {
      type: 'stateChanged';
      scrollSize: { height: number; width: number };
      range: { first: number; last: number; firstVisible: number; lastVisible: number };
      childPositions: Map<number, ItemPosition>;
    }
  | { type: 'visibilityChanged'; firstVisible: number; lastVisible: number };

type LayoutSink = (message: LayoutMessage) => void;

export interface FixedRowLayoutConfig {
  /** Height of every row in CSS pixels. */
  rowHeight?: number;
  /** Rows rendered past each edge of the viewport. */
  overscanRows?: number;
}

const DEFAULT_ROW_HEIGHT = 28;
const DEFAULT_OVERSCAN_ROWS = 8;

/** Returns the virtualizer `layout` value for a FixedRowLayout with `config`. */
export function fixedRowLayout(config: FixedRowLayoutConfig) {
  return { ...config, type: FixedRowLayout };
}

export class FixedRowLayout {
  readonly direction = 'vertical';
  pin = null;
  totalScrollSize = { width: 0, height: 0 };
  offsetWithinScroller = { left: 0, top: 0 };
  #sink: LayoutSink;
  #items: unknown[] = [];
  #rowHeight = DEFAULT_ROW_HEIGHT;
  #overscanRows = DEFAULT_OVERSCAN_ROWS;
  #viewportHeight = 0;
  #scrollTop = 0;
  /** Key of the last state sent, so unchanged reflows send nothing. */
  #sentKey = '';
  #itemsChanged = true;
  #reflowQueued = false;

  constructor(sink: LayoutSink, config: FixedRowLayoutConfig = {}) {
    this.#sink = sink;
    this.config = config;
  }

  set config(config: FixedRowLayoutConfig) {
    const rowHeight = config.rowHeight ?? DEFAULT_ROW_HEIGHT;
    const overscan = config.overscanRows ?? DEFAULT_OVERSCAN_ROWS;
    const changed = rowHeight !== this.#rowHeight || overscan !== this.#overscanRows;
    if (Number.isFinite(rowHeight) && rowHeight > 0) this.#rowHeight = rowHeight;
    if (Number.isInteger(overscan) && overscan >= 0) this.#overscanRows = overscan;
    // The virtualizer sets a new config without asking for a reflow, so queue one.
    if (changed) this.#queueReflow();
  }

  get config(): FixedRowLayoutConfig {
    return { rowHeight: this.#rowHeight, overscanRows: this.#overscanRows };
  }

  get items(): unknown[] {
    return this.#items;
  }

  set items(items: unknown[]) {
    if (items === this.#items) return;
    this.#items = items;
    this.#itemsChanged = true;
  }

  set viewportSize(size: { width: number; height: number }) {
    this.#viewportHeight = size.height;
  }

  get viewportSize(): { width: number; height: number } {
    return { width: 0, height: this.#viewportHeight };
  }

  set viewportScroll(coordinates: { top: number; left: number }) {
    this.#scrollTop = coordinates.top;
  }

  get viewportScroll(): { top: number; left: number } {
    return { top: this.#scrollTop, left: 0 };
  }

  unpin(): void {}

  getScrollIntoViewCoordinates(options: { index: number }): { top: number } {
    return { top: options.index * this.#rowHeight };
  }

  reflowIfNeeded(): void {
    this.#reflow();
  }

  #queueReflow(): void {
    if (this.#reflowQueued) return;
    this.#reflowQueued = true;
    queueMicrotask(() => {
      this.#reflowQueued = false;
      this.#reflow();
    });
  }

  #reflow(): void {
    const count = this.#items.length;
    const height = this.#rowHeight;
    const lastIndex = count - 1;
    const clamp = (index: number) => Math.min(lastIndex, Math.max(0, index));
    const topIndex = Math.floor(this.#scrollTop / height);
    const bottomIndex = Math.ceil((this.#scrollTop + this.#viewportHeight) / height) - 1;
    const first = count === 0 ? -1 : clamp(topIndex - this.#overscanRows);
    const last = count === 0 ? -1 : clamp(Math.max(topIndex, bottomIndex) + this.#overscanRows);
    const firstVisible = count === 0 ? -1 : clamp(topIndex);
    const lastVisible = count === 0 ? -1 : clamp(bottomIndex);
    const key = `${count} ${height} ${first} ${last} ${firstVisible} ${lastVisible}`;
    if (key === this.#sentKey && !this.#itemsChanged) return;
    this.#sentKey = key;
    this.#itemsChanged = false;
    const childPositions = new Map<number, ItemPosition>();
    for (let index = first; index >= 0 && index <= last; index++) {
      childPositions.set(index, { top: index * height, left: 0 });
    }
    this.#sink({
      type: 'stateChanged',
      // A width of 0 leaves the host at the full width of its container.
      scrollSize: { height: Math.max(1, count * height), width: 0 },
      range: { first, last, firstVisible, lastVisible },
      childPositions,
    });
  }
}
