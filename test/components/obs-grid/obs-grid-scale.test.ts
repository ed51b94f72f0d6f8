import { expect, waitUntil } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { MAX_SCROLL_HEIGHT } from '../../../src/components/obs-grid/scroll-model.js';
import type { Store } from '../../../src/core/store.js';
import type { ObsGrid } from '../../../src/obs-grid.js';
import {
  afterEach,
  before,
  beforeEach,
  cellTexts,
  dataRows,
  describe,
  gridFor,
  it,
  makeStore,
  scroller,
  visibleRows,
  waitForRows,
} from './helpers.js';

// 400,000 rows of 28px need 11.2 million pixels, past the scaling threshold.
const COUNT = 400_000;
const ID = 4;

function topVisibleIndex(grid: ObsGrid): number {
  const [top] = visibleRows(grid);
  return top === undefined ? -1 : Number(top.getAttribute('aria-rowindex')) - 2;
}

describe('<obs-grid> scaled scrolling', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

  let store: Store;
  let grid: ObsGrid;

  before(() => {
    store = makeStore(COUNT);
  });

  // The fixture is removed after every test, so each test gets a fresh grid on the shared store.
  beforeEach(async () => {
    grid = await gridFor(store);
    await waitForRows(grid);
  });

  it('caps the scroll height', async () => {
    const table = scroller(grid);

    // The spacer leaves out the viewport height once the grid has measured it.
    await waitUntil(
      () => table.scrollHeight <= MAX_SCROLL_HEIGHT + 28,
      `scroll height was ${table.scrollHeight}`,
    );
    expect(table.getAttribute('aria-rowcount')).to.equal(String(COUNT + 1));
    expect(dataRows(grid).length).to.be.below(100);
  });

  it('shows the last row at scroll bottom', async () => {
    const table = scroller(grid);

    table.scrollTop = table.scrollHeight;

    await waitUntil(
      () => visibleRows(grid).some((row) => cellTexts(row)[ID] === 'p0'),
      'the oldest row never came into view',
    );
    const last = visibleRows(grid).at(-1)!;
    expect(last.getAttribute('aria-rowindex')).to.equal(String(COUNT + 1));
    expect(last.getBoundingClientRect().bottom).to.be.closeTo(
      table.getBoundingClientRect().top + table.clientHeight,
      1,
    );
    expect(dataRows(grid).length).to.be.below(100);
  });

  it('maps mid scrollbar to middle rows', async () => {
    const table = scroller(grid);

    table.scrollTop = (table.scrollHeight - table.clientHeight) / 2;

    await waitUntil(
      () => Math.abs(topVisibleIndex(grid) - COUNT / 2) < 20,
      `top row was ${topVisibleIndex(grid)}`,
    );
  });

  it('scrolls rows pixel for pixel by wheel', async () => {
    const table = scroller(grid);
    table.scrollTop = 1_000_000;
    await waitUntil(() => topVisibleIndex(grid) > 0, 'no rows after the jump');
    const before = topVisibleIndex(grid);

    const wheel = new WheelEvent('wheel', { deltaY: 280, bubbles: true, cancelable: true });
    table.dispatchEvent(wheel);

    expect(wheel.defaultPrevented).to.equal(true);
    await waitUntil(
      () => topVisibleIndex(grid) === before + 10,
      `top row went from ${before} to ${topVisibleIndex(grid)}`,
    );
  });

  it('sorts every row by a column', async () => {
    const valueHeader = grid.shadowRoot!.querySelector<HTMLElement>('[data-key="value"]')!;

    valueHeader.click();
    valueHeader.click();

    await waitUntil(
      () => cellTexts(visibleRows(grid)[0])[ID] === `p${COUNT - 1}`,
      'the highest value never reached the top',
    );
    scroller(grid).scrollTop = scroller(grid).scrollHeight;
    await waitUntil(
      () => visibleRows(grid).some((row) => cellTexts(row)[ID] === 'p0'),
      'the lowest value never reached the bottom',
    );
  });

  it('reaches the last row with End', async () => {
    scroller(grid).dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));

    await waitUntil(
      () => visibleRows(grid).at(-1)?.getAttribute('aria-rowindex') === String(COUNT + 1),
      'End did not bring the last row into view',
    );
    const active = scroller(grid).getAttribute('aria-activedescendant');
    expect(grid.shadowRoot!.getElementById(active!)!.getAttribute('aria-rowindex')).to.equal(
      String(COUNT + 1),
    );
  });
});
