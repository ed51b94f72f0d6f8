import type { VirtualizeDirectiveConfig } from '@lit-labs/virtualizer/virtualize.js';

// The virtualizer accepts any layout class as `layout: {type, ...config}`. Its
// package exports the layout contract only through that option's type, so the
// types are taken from there instead of from an unexported module.
type LayoutSpecifier = Extract<
  NonNullable<VirtualizeDirectiveConfig<unknown>['layout']>,
  { type: unknown }
>;
type Layout = InstanceType<LayoutSpecifier['type']>;
type LayoutHostSink = ConstructorParameters<LayoutSpecifier['type']>[0];
type PinOptions = NonNullable<Layout['pin']>;
type Size = Layout['viewportSize'];
type Positions = Layout['viewportScroll'];

/** Rows rendered past each edge of the viewport until the config sets another number. */
export const DEFAULT_OVERSCAN_ROWS = 8;

/** Settings of a FixedRowLayout, passed as `layout: {type: FixedRowLayout, ...config}`. */
export interface FixedRowLayoutConfig {
  /** Height of every row in CSS pixels. */
  rowHeight?: number;
  /** Rows rendered past each edge of the viewport. */
  overscanRows?: number;
  /**
   * Height of the scroll container's viewport in CSS pixels. The layout
   * renders rows for all of it, also where the page's viewport hides it.
   */
  viewportHeight?: number;
}

/**
 * A virtualizer layout of rows that all have one known height.
 *
 * Row `i` sits at `i * rowHeight`, so positions never depend on measurements
 * and the scroll position of the virtualizer's scroller maps to a row exactly.
 * The virtualizer's own flow layout measures every row and corrects the
 * scroll position when its estimates change, which would move the rows under
 * the grid's scroll model. The range is the viewport plus `overscanRows` rows
 * past each edge, which the grid's quality level sets.
 *
 * The virtualizer (2.1.1) reports only the part of its scroll container that
 * is inside the page's viewport, so a grid below the fold would render a few
 * rows, and scrolling the page would show blank rows until the next frame.
 * This layout takes the scroll position from the host's offset in its scroll
 * container and the height from `viewportHeight` instead. It is meant for
 * `scroller: false` inside a scroll container, as the grid uses it.
 */
export class FixedRowLayout implements Layout {
  readonly direction = 'vertical' as const;
  readonly measureChildren = false;
  totalScrollSize: Size = { width: 0, height: 0 };
  readonly #sink: LayoutHostSink;
  #items: unknown[] = [];
  #rowHeight = 28;
  #overscanRows = DEFAULT_OVERSCAN_ROWS;
  #viewport: Size = { width: 0, height: 0 };
  #viewportHeight = 0;
  /** A smaller `viewportHeight` that takes effect at the next scroll, or null. */
  #shrunkHeight: number | null = null;
  #scroll: Positions = { left: 0, top: 0 };
  #offset: Positions = { left: 0, top: 0 };
  /** The scroll container's scrollTop, or the pinned row's position while pinned. */
  #scrollTop = 0;
  #pin: PinOptions | null = null;
  #dirty = true;
  /** The range and items last sent to the virtualizer, so an unchanged reflow sends nothing. */
  #sent = '';
  #sentItems: unknown[] | null = null;
  #sentRange = { first: 0, last: -1, rowHeight: 0 };

  constructor(sink: LayoutHostSink, config?: FixedRowLayoutConfig) {
    this.#sink = sink;
    if (config !== undefined) this.config = config;
  }

  get config(): FixedRowLayoutConfig {
    return {
      rowHeight: this.#rowHeight,
      overscanRows: this.#overscanRows,
      viewportHeight: this.#shrunkHeight ?? this.#viewportHeight,
    };
  }

  /**
   * Applies new settings. A row height that is not positive and finite, a
   * negative or fractional overscan, or a negative or non-finite viewport
   * height is ignored.
   */
  set config(config: FixedRowLayoutConfig) {
    const { rowHeight, overscanRows, viewportHeight } = config;
    let changed = false;
    if (
      typeof viewportHeight === 'number' &&
      Number.isFinite(viewportHeight) &&
      viewportHeight >= 0
    ) {
      changed ||= this.#setViewportHeight(viewportHeight);
    }
    if (typeof rowHeight === 'number' && Number.isFinite(rowHeight) && rowHeight > 0) {
      changed ||= rowHeight !== this.#rowHeight;
      this.#rowHeight = rowHeight;
    }
    if (Number.isInteger(overscanRows) && (overscanRows as number) >= 0) {
      changed ||= overscanRows !== this.#overscanRows;
      this.#overscanRows = overscanRows as number;
    }
    // The virtualizer reflows on scroll, resize and new items, but not on a new config.
    if (changed) this.#reflowSoon();
  }

  get items(): unknown[] {
    return this.#items;
  }

  set items(items: unknown[]) {
    if (items === this.#items) return;
    this.#items = items;
    this.#dirty = true;
  }

  get viewportSize(): Size {
    return this.#viewport;
  }

  set viewportSize(size: Size) {
    if (size.height !== this.#viewport.height) this.#dirty = true;
    this.#viewport = { width: size.width, height: size.height };
  }

  get viewportScroll(): Positions {
    return this.#scroll;
  }

  set viewportScroll(scroll: Positions) {
    this.#scroll = { left: scroll.left, top: scroll.top };
  }

  /** Offset of the virtualizer's host in its scroll container: minus the container's scroll position. */
  get offsetWithinScroller(): Positions {
    return this.#offset;
  }

  set offsetWithinScroller(offset: Positions) {
    this.#offset = { left: offset.left, top: offset.top };
    const scrollTop = Math.max(0, -offset.top);
    if (scrollTop === this.#scrollTop) return;
    this.#dirty = true;
    this.#scrollTop = scrollTop;
    if (this.#shrunkHeight !== null) this.#viewportHeight = this.#shrunkHeight;
    this.#shrunkHeight = null;
  }

  get pin(): PinOptions | null {
    if (this.#pin === null) return null;
    const index = Math.max(0, Math.min(this.#pin.index, this.#items.length - 1));
    return { index, block: this.#pin.block };
  }

  set pin(options: PinOptions | null) {
    this.#pin = options;
    this.#reflowSoon();
  }

  unpin(): void {
    if (this.#pin === null) return;
    this.#pin = null;
    this.#sink({ type: 'unpinned' });
  }

  /** Returns the scroll position that shows row `index` at `block`, as `Element.scrollIntoView` places it. */
  getScrollIntoViewCoordinates(options: PinOptions): { top: number } {
    const index = Math.max(0, Math.min(options.index, this.#items.length - 1));
    const rowTop = index * this.#rowHeight;
    const viewportHeight = this.#height();
    const scrollTop = this.#scrollTop;
    let top = rowTop;
    if (options.block === 'center') top = rowTop - (viewportHeight - this.#rowHeight) / 2;
    else if (options.block === 'end') top = rowTop + this.#rowHeight - viewportHeight;
    else if (options.block === 'nearest') {
      if (rowTop >= scrollTop && rowTop + this.#rowHeight <= scrollTop + viewportHeight) {
        top = scrollTop;
      } else if (rowTop > scrollTop) top = rowTop + this.#rowHeight - viewportHeight;
    }
    const maxTop = Math.max(0, this.#items.length * this.#rowHeight - viewportHeight);
    return { top: Math.max(0, Math.min(maxTop, top)) };
  }

  reflowIfNeeded(force = false): void {
    if (!force && !this.#dirty && this.#pin === null) return;
    this.#dirty = false;
    this.#reflow();
  }

  /**
   * Sets the viewport height and returns whether the range may change. A
   * smaller height waits for the next scroll. It comes from a resize
   * observer, and rows that the virtualizer removes during resize observer
   * callbacks make Chromium (156) report a "ResizeObserver loop completed
   * with undelivered notifications" error, because the virtualizer (2.1.1)
   * never stops observing them. Until then the extra rows sit below the
   * viewport.
   */
  #setViewportHeight(height: number): boolean {
    if (height < this.#viewportHeight) {
      this.#shrunkHeight = height;
      return false;
    }
    this.#shrunkHeight = null;
    const changed = height !== this.#viewportHeight;
    this.#viewportHeight = height;
    return changed;
  }

  /** Height to fill with rows: the whole scroll container, even where the page's viewport clips it. */
  #height(): number {
    return Math.max(this.#viewport.height, this.#viewportHeight);
  }

  #reflowSoon(): void {
    this.#dirty = true;
    queueMicrotask(() => this.reflowIfNeeded());
  }

  #reflow(): void {
    const count = this.#items.length;
    const rowHeight = this.#rowHeight;
    let scrollError: Positions | undefined;
    const pin = this.pin;
    if (pin !== null) {
      const { top } = this.getScrollIntoViewCoordinates({ ...pin, block: pin.block ?? 'start' });
      // The virtualizer scrolls its scroller by the error, which shows the pinned row.
      if (top !== this.#scrollTop) scrollError = { left: 0, top: this.#scrollTop - top };
      this.#scrollTop = top;
    }
    const top = this.#scrollTop;
    const bottom = top + this.#height();
    const firstVisible = Math.min(count - 1, Math.floor(top / rowHeight));
    const lastVisible = Math.min(
      count - 1,
      Math.max(firstVisible, Math.ceil(bottom / rowHeight) - 1),
    );
    const first = Math.max(0, firstVisible - this.#overscanRows);
    const last = Math.min(count - 1, lastVisible + this.#overscanRows);
    const state = `${count} ${rowHeight} ${first} ${last} ${firstVisible} ${lastVisible}`;
    // New items need a message even with the same range: it makes the virtualizer render them.
    const itemsChanged = this.#items !== this.#sentItems;
    if (state === this.#sent && scrollError === undefined && !itemsChanged) return;
    const previous = this.#sentRange;
    // Rows that stay in range keep their element and its position. The
    // virtualizer (2.1.1) looks up the element of each position it gets by
    // walking its host's children, so positions of kept rows would cost a walk each.
    const keep = !itemsChanged && previous.rowHeight === rowHeight;
    this.#sent = state;
    this.#sentItems = this.#items;
    this.#sentRange = { first, last, rowHeight };
    const childPositions = new Map<number, Positions>();
    for (let index = first; index <= last; index++) {
      if (keep && index >= previous.first && index <= previous.last) continue;
      childPositions.set(index, { left: 0, top: index * rowHeight });
    }
    this.#sink({
      type: 'stateChanged',
      scrollSize: { width: 0, height: count * rowHeight },
      range: { first, last, firstVisible, lastVisible },
      childPositions,
      scrollError,
    });
  }
}

/** Returns the virtualizer's `layout` option for a FixedRowLayout with `config`, as `flow()` does for the flow layout. */
export function fixedRows(config: FixedRowLayoutConfig): LayoutSpecifier {
  return { type: FixedRowLayout, ...config };
}
