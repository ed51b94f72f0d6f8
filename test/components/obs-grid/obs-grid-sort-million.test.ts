import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { Store } from '../../../src/core/store.js';
import type { Point } from '../../../src/core/types.js';
import type { ObsGrid } from '../../../src/obs-grid.js';
import {
  afterEach,
  before,
  beforeEach,
  columnTexts,
  dataRows,
  describe,
  header,
  it,
  makePoint,
  scroller,
} from './helpers.js';

const COUNT = 1_000_000;
const VALUE = 3;

/** Values shuffled by a multiplicative hash, so the sort has real work to do. */
function fillStore(): Store {
  const store = new Store({ capacity: COUNT });
  const batch: Point[] = [];
  for (let n = 0; n < COUNT; n++) {
    batch.push(makePoint(n, { value: (n * 7919) % COUNT }));
    if (batch.length === 100_000) store.append(batch.splice(0));
  }
  return store;
}

/** Records the durations of animation frames (or tasks, where frames are not reported). */
function watchFrames(): { durations: number[]; stop(): void } {
  const durations: number[] = [];
  const type = PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')
    ? 'long-animation-frame'
    : 'longtask';
  const started = performance.now();
  const observer = new PerformanceObserver((list) => {
    // Entries of frames that ended before the watch started can arrive late.
    for (const entry of list.getEntries()) {
      if (entry.startTime + entry.duration > started) durations.push(entry.duration);
    }
  });
  observer.observe({ type });
  return { durations, stop: () => observer.disconnect() };
}

describe('<obs-grid> sorting a million rows', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

  let store: Store;

  before(function () {
    this.timeout(120_000);
    store = fillStore();
  });

  it('sorts without a frame over 300 ms', async () => {
    const grid = await fixture<ObsGrid>(html`<obs-grid .store=${store}></obs-grid>`);
    await waitUntil(() => dataRows(grid).length > 0, 'no rows rendered');
    const frames = watchFrames();

    header(grid, 'value').click();
    header(grid, 'value').click();
    await waitUntil(() => scroller(grid).getAttribute('aria-busy') === 'true', 'never busy');
    await waitUntil(
      () => columnTexts(grid, VALUE)[0] === String(COUNT - 1),
      `top value was ${columnTexts(grid, VALUE)[0]}`,
      { timeout: 20_000 },
    );
    frames.stop();

    expect(scroller(grid).hasAttribute('aria-busy')).to.equal(false);
    expect(columnTexts(grid, VALUE).slice(0, 3)).to.deep.equal(['999999', '999998', '999997']);
    expect(
      Math.max(0, ...frames.durations),
      `frames: ${frames.durations.map(Math.round).join()}`,
    ).to.be.below(300);
  });
});
