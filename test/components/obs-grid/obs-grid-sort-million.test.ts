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

/** The fields of a `long-animation-frame` entry that TypeScript's DOM types do not have yet. */
interface LongAnimationFrameEntry extends PerformanceEntry {
  blockingDuration: number;
}

/**
 * Records the blocking time of each long animation frame: the sum over its
 * tasks longer than 50 ms of their time past 50 ms, with the rendering
 * counted in the longest task. That is how long input waited. A frame's
 * duration also counts the time between the sort's slices, when input is
 * handled, and on a loaded machine that time grows without any task being
 * long. Where frames are not reported, long tasks count the same way.
 */
function watchBlocking(): { blocking: number[]; durations: number[]; stop(): void } {
  const blocking: number[] = [];
  const durations: number[] = [];
  const loaf = PerformanceObserver.supportedEntryTypes.includes('long-animation-frame');
  const started = performance.now();
  const observer = new PerformanceObserver((list) => {
    // Entries of frames that ended before the watch started can arrive late.
    for (const entry of list.getEntries()) {
      if (entry.startTime + entry.duration <= started) continue;
      durations.push(entry.duration);
      const frame = entry as LongAnimationFrameEntry;
      blocking.push(loaf ? frame.blockingDuration : Math.max(0, entry.duration - 50));
    }
  });
  observer.observe({ type: loaf ? 'long-animation-frame' : 'longtask' });
  return { blocking, durations, stop: () => observer.disconnect() };
}

describe('<obs-grid> sorting a million rows', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

  let store: Store;

  before(function () {
    this.timeout(120_000);
    store = fillStore();
  });

  it('sorts without blocking input for 300 ms', async () => {
    const grid = await fixture<ObsGrid>(html`<obs-grid .store=${store}></obs-grid>`);
    await waitUntil(() => dataRows(grid).length > 0, 'no rows rendered');
    const frames = watchBlocking();

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
      Math.max(0, ...frames.blocking),
      `blocking: ${frames.blocking.map(Math.round).join()}; frames: ${frames.durations.map(Math.round).join()}`,
    ).to.be.below(300);
  });
});
