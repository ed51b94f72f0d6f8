// Entry of the grid benchmark bundle: builds stores, mounts <obs-grid> and
// exposes the measurements to page.evaluate.
import { Store, type Point } from '../src/core/index.js';
import { ObsGrid } from '../src/obs-grid.js';

const START = Date.UTC(2024, 0, 1);
const BATCH = 100_000;
const CATEGORIES = ['cpu', 'memory', 'disk', 'network', 'latency'];

function fillStore(count: number): Store {
  const store = new Store({ capacity: count });
  const batch = new Array<Point>(BATCH);
  for (let from = 0; from < count; from += BATCH) {
    const size = Math.min(BATCH, count - from);
    batch.length = size;
    for (let i = 0; i < size; i++) {
      const n = from + i;
      batch[i] = {
        id: `g-${n}`,
        timestamp: START + n * 10,
        // A multiplicative hash spreads values, so a sort has real work to do.
        value: ((n * 7919) % 1_000_003) / 1000,
        category: CATEGORIES[n % CATEGORIES.length],
        source: `host-${n % 3}`,
      };
    }
    store.append(batch);
  }
  return store;
}

/** The fields of a `long-animation-frame` entry that TypeScript's DOM types do not have yet. */
interface LongAnimationFrameEntry extends PerformanceEntry {
  /** Sum over the frame's tasks longer than 50 ms of their time past 50 ms, the rendering counted in the longest task. */
  blockingDuration: number;
}

let grid: ObsGrid | null = null;
let store: Store | null = null;

function rowsElement(): HTMLElement {
  return grid!.shadowRoot!.querySelector<HTMLElement>('[role="grid"]')!;
}

function renderedRows(): HTMLElement[] {
  return [...grid!.shadowRoot!.querySelectorAll<HTMLElement>('.rows [role="row"]')];
}

/** Waits for animation frames until `done` returns true or `timeoutMs` passes; returns whether it did. */
async function until(done: () => boolean, timeoutMs = 30_000): Promise<boolean> {
  const started = performance.now();
  while (!done()) {
    if (performance.now() - started > timeoutMs) return false;
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  return true;
}

function percentile(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

/** Returns the highest display index among rows at least half inside the viewport, or -1. */
function maxVisibleIndex(): number {
  const viewport = grid!.shadowRoot!.querySelector('.rows-viewport')!.getBoundingClientRect();
  let max = -1;
  for (const row of renderedRows()) {
    const box = row.getBoundingClientRect();
    const middle = (box.top + box.bottom) / 2;
    if (middle > viewport.top && middle < viewport.bottom) {
      max = Math.max(max, Number(row.getAttribute('aria-rowindex')) - 2);
    }
  }
  return max;
}

const gridBench = {
  /** Builds a store of `count` points and mounts a 600 px high grid on it. */
  async mount(count: number): Promise<number> {
    gridBench.unmount();
    store = fillStore(count);
    grid = new ObsGrid();
    grid.style.setProperty('--obs-grid-height', '600px');
    grid.store = store;
    document.body.append(grid);
    await until(() => renderedRows().length > 0);
    return grid.rowCount;
  },

  unmount(): void {
    grid?.remove();
    grid = null;
    store = null;
  },

  /** Frame times with nothing to do, the baseline the scroll frames compare to on a loaded machine. */
  async idle(seconds: number) {
    const frames: number[] = [];
    let last = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
    const end = last + seconds * 1000;
    while (last < end) {
      const now = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
      frames.push(now - last);
      last = now;
    }
    return { grid_idle_frame_p95_ms: percentile(frames, 0.95) };
  },

  /**
   * Scrolls by wheel events at `pixelsPerSecond` for `seconds`. Returns the
   * p95 and max interval between frames, the p95 of each frame's main-thread
   * work and the most row elements seen. A frame's work runs from its first
   * animation callback, which sends the wheel event, to the end of its
   * rendering: the wheel handler, the virtualizer's layout and rows, style,
   * layout and paint.
   */
  async scroll(seconds: number, pixelsPerSecond: number) {
    const target = rowsElement();
    const frames: number[] = [];
    const work: number[] = [];
    let domRows = 0;
    let last = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
    const end = last + seconds * 1000;
    while (last < end) {
      const now = await new Promise<number>((resolve) => requestAnimationFrame(resolve));
      const begin = performance.now();
      const delta = now - last;
      frames.push(delta);
      last = now;
      target.dispatchEvent(
        new WheelEvent('wheel', { deltaY: (pixelsPerSecond * delta) / 1000, cancelable: true }),
      );
      // A message task runs after the frame's style, layout and paint.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => work.push(performance.now() - begin);
      channel.port2.postMessage(null);
      domRows = Math.max(domRows, renderedRows().length);
    }
    return {
      grid_scroll_frame_p95_ms: percentile(frames, 0.95),
      grid_scroll_frame_max_ms: Math.max(...frames),
      grid_scroll_work_p95_ms: percentile(work, 0.95),
      grid_scroll_frames: frames.length,
      grid_dom_rows: domRows,
      grid_scroll_reached_index: maxVisibleIndex(),
    };
  },

  /**
   * Sorts by value descending with two header clicks. Returns the time until
   * sorted, the longest frame and the highest blocking time of a frame, the
   * part of its tasks past 50 ms during which input would wait.
   */
  async sort() {
    let max = -Infinity;
    for (let i = 0; i < store!.view.length; i++) {
      max = Math.max(max, store!.valueAt(store!.view.rowAt(i)));
    }
    // Let the frame with that loop end, so it does not count as part of the sort.
    await until(() => false, 50);
    const frames: number[] = [];
    const blocking: number[] = [];
    const observer = new PerformanceObserver((list) => {
      // Entries of frames that ended before the watch started can arrive late.
      for (const entry of list.getEntries() as LongAnimationFrameEntry[]) {
        if (entry.startTime + entry.duration <= started) continue;
        frames.push(entry.duration);
        blocking.push(entry.blockingDuration);
      }
    });
    const started = performance.now();
    observer.observe({ type: 'long-animation-frame' });
    const cell = grid!.shadowRoot!.querySelector<HTMLElement>('[data-key="value"]')!;
    cell.click();
    cell.click();
    // A million rows sort in slices, and the grid is busy until the last one.
    await until(() => rowsElement().getAttribute('aria-busy') === 'true', 5_000);
    const sorted = await until(() => rowsElement().getAttribute('aria-busy') === null, 60_000);
    const elapsed = performance.now() - started;
    observer.disconnect();
    const top = renderedRows()
      .sort((a, b) => Number(a.ariaRowIndex) - Number(b.ariaRowIndex))
      .slice(0, 5)
      .map((row) => Number(row.querySelectorAll('[role="gridcell"]')[3].textContent));
    // Cells show six significant digits.
    const descending =
      top[0] === Number(max.toPrecision(6)) &&
      top.every((value, i) => i === 0 || value <= top[i - 1]);
    return {
      grid_sort_1m_ms: sorted && descending ? elapsed : NaN,
      grid_sort_1m_max_frame_ms: Math.max(0, ...frames),
      grid_sort_1m_max_blocking_ms: Math.max(0, ...blocking),
    };
  },

  /** Presses End on the grid and returns the highest display index shown. */
  async end(): Promise<number> {
    const target = rowsElement();
    target.focus();
    for (const key of ['ArrowDown', 'End']) {
      target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true }));
    }
    await until(() => maxVisibleIndex() === grid!.rowCount - 1, 5_000);
    return maxVisibleIndex();
  },

  async scrollToIndex(index: number): Promise<number> {
    grid!.scrollToIndex(index);
    await until(() => maxVisibleIndex() === index, 5_000);
    return maxVisibleIndex();
  },

  async top(): Promise<void> {
    grid!.scrollToIndex(0);
    await until(() => maxVisibleIndex() < 50, 5_000);
  },

  /** Screen position of the scrollbar thumb's track, for a mouse drag from the page. */
  scrollbar() {
    const target = rowsElement();
    const box = target.getBoundingClientRect();
    return {
      x: box.right - (target.offsetWidth - target.clientWidth) / 2,
      top: box.top,
      bottom: box.bottom,
      width: target.offsetWidth - target.clientWidth,
    };
  },

  async settle(): Promise<number> {
    await until(() => false, 300);
    return maxVisibleIndex();
  },

  /** Removes and re-adds the grid `cycles` times, waiting for rows each time. */
  async remount(cycles: number): Promise<number> {
    for (let i = 0; i < cycles; i++) {
      grid!.remove();
      await new Promise((resolve) => requestAnimationFrame(resolve));
      document.body.append(grid!);
      await until(() => renderedRows().length > 0);
    }
    return renderedRows().length;
  },
};

Object.assign(globalThis, { gridBench });
