import type { Store } from '../../core/store.js';
import { gridEvent, type ObsFollowChangeDetail } from './grid-events.js';
import type { GridScroller } from './grid-scroller.js';
import { countRowsFrom, type ArrivalOrder } from './sorting.js';

/** The parts of the grid that follow mode reads. */
export interface FollowHost extends EventTarget {
  follow: boolean;
  readonly order: ArrivalOrder;
  requestUpdate(): void;
}

/** Grid state that follow mode reads. */
export interface FollowSources {
  store(): Store | null;
  /** Whether sort keys are set, which puts the newest rows at the top whatever the order. */
  sorted(): boolean;
  selectionSize(): number;
  /** Display position of a logical row, or -1. */
  indexOf(row: number): number;
  /** Store `end` up to which rows are shown. Later rows wait for the grid's next store update. */
  shownEnd(): number;
}

/**
 * Follow mode of the grid: keeps the newest rows in view, or holds the rows
 * under the reader in place while `follow` is off, the pointer is over the
 * grid or rows are selected, and counts the rows that arrive meanwhile.
 */
export class FollowState {
  readonly #host: FollowHost;
  readonly #scroller: GridScroller;
  readonly #sources: FollowSources;
  #hovered = false;
  /** Store `end` when the newest rows were last in view; later rows count as new. */
  #seenEnd = 0;

  constructor(host: FollowHost, scroller: GridScroller, sources: FollowSources) {
    this.#host = host;
    this.#scroller = scroller;
    this.#sources = sources;
    // The pointer counts over the whole element, not only over the scroll
    // container, so moving it from the rows onto the new-rows button keeps
    // the rows held and the button in place.
    host.addEventListener('pointerenter', () => {
      this.hovered = true;
    });
    host.addEventListener('pointerleave', () => {
      this.hovered = false;
    });
  }

  /** Number of rows in the view that arrived since the newest rows were last in view. */
  get newRowCount(): number {
    const store = this.#sources.store();
    return store === null ? 0 : countRowsFrom(store, this.#seenEnd);
  }

  /** Whether rows stay in place as points arrive instead of following the newest. */
  get holding(): boolean {
    return !this.#host.follow || this.#hovered || this.#sources.selectionSize() > 0;
  }

  /** Edge of the view where the newest rows are. */
  get edge(): 'top' | 'bottom' {
    return this.#newestTop() === 0 ? 'top' : 'bottom';
  }

  set hovered(hovered: boolean) {
    this.#hovered = hovered;
    if (!hovered) this.release();
  }

  /**
   * Pins the view on the newest rows and counts every row shown so far as
   * seen. Rows that arrived since the grid's last store update are not shown
   * yet, so they still count as new.
   */
  showNewest(): void {
    this.#scroller.pin(this.#newestTop());
    this.#seenEnd = this.#sources.shownEnd();
  }

  /** Keeps the view on the newest rows, or the rows under the reader in place while holding. */
  afterStoreChange(): void {
    if (this.holding) this.#scroller.pinAnchor((row) => this.#sources.indexOf(row));
    else this.showNewest();
  }

  /** Leaves a hold that only the pointer or the selection kept, and shows the newest rows again. */
  release(): void {
    if (this.holding) return;
    this.showNewest();
    this.#host.requestUpdate();
  }

  /** Shows the newest rows and turns `follow` on, as the new-rows button does. */
  jumpToNewest(): void {
    this.showNewest();
    if (!this.#host.follow) this.#setFollow(true);
    this.#host.requestUpdate();
  }

  /** Turns `follow` on when a scroll reached the newest rows, and off when it left them. */
  afterScroll(): void {
    const target = Math.min(this.#newestTop(), this.#scroller.maxTop);
    const atEdge = Math.abs(this.#scroller.top - target) < this.#scroller.rowHeight / 2;
    if (atEdge === this.#host.follow) return;
    if (atEdge) this.#seenEnd = this.#sources.shownEnd();
    this.#setFollow(atEdge);
  }

  #setFollow(follow: boolean): void {
    this.#host.follow = follow;
    this.#host.dispatchEvent(gridEvent<ObsFollowChangeDetail>('obs-follow-change', { follow }));
  }

  /** Scroll position that shows the newest rows: the top, or the bottom for an unsorted `order="oldest"`. */
  #newestTop(): number {
    const oldestFirst = !this.#sources.sorted() && this.#host.order === 'oldest';
    return oldestFirst ? Number.POSITIVE_INFINITY : 0;
  }
}
