import { expect, fixture, html, nextFrame, waitUntil } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { Store } from '../../../src/core/store.js';
import type { Point } from '../../../src/core/types.js';
import type { ObsGrid } from '../../../src/obs-grid.js';
import {
  afterEach,
  before,
  beforeEach,
  cellTexts,
  dataRows,
  describe,
  it,
  makePoint,
  press,
  scroller,
  visibleRows,
} from './helpers.js';

// A real store with ten million rows, the largest the store allows. Filling it
// takes seconds and about half a gigabyte, so this file builds it once.
const COUNT = 10_000_000;
const BATCH = 100_000;
const LAST_INDEX = COUNT - 1;
const ID = 4;

function fillStore(): Store {
  const store = new Store({ capacity: COUNT });
  const batch = new Array<Point>(BATCH);
  for (let from = 0; from < COUNT; from += BATCH) {
    for (let i = 0; i < BATCH; i++) batch[i] = makePoint(from + i);
    store.append(batch);
  }
  return store;
}

/** Returns the highest display index among the rows in view, or -1. */
function lastVisibleIndex(grid: ObsGrid): number {
  const rows = visibleRows(grid);
  return rows.length === 0 ? -1 : Number(rows.at(-1)!.getAttribute('aria-rowindex')) - 2;
}

/** Waits until the last row of the view, the oldest point p0, sits at the bottom edge. */
async function expectLastRowShown(grid: ObsGrid): Promise<void> {
  await waitUntil(
    () => lastVisibleIndex(grid) === LAST_INDEX,
    `the last visible index was ${lastVisibleIndex(grid)}`,
  );
  const last = visibleRows(grid).at(-1)!;
  expect(cellTexts(last)[ID]).to.equal('p0');
  const table = scroller(grid);
  expect(last.getBoundingClientRect().bottom).to.be.closeTo(
    table.getBoundingClientRect().top + table.clientHeight,
    1.5,
  );
  expect(dataRows(grid).length).to.be.below(100);
}

describe('<obs-grid> with ten million rows', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

  let store: Store;
  let grid: ObsGrid;

  before(function () {
    this.timeout(240_000);
    store = fillStore();
  });

  beforeEach(async () => {
    grid = await fixture<ObsGrid>(
      html`<obs-grid .store=${store} style="--obs-grid-height: 400px"></obs-grid>`,
    );
    await waitUntil(() => dataRows(grid).length > 0, 'no rows rendered');
  });

  it('counts every row', () => {
    expect(grid.rowCount).to.equal(COUNT);
    expect(scroller(grid).getAttribute('aria-rowcount')).to.equal(String(COUNT + 1));
  });

  // Headless Chromium under the test runner hides scrollbars, so this test
  // moves the scroll position in steps the way a thumb drag does. The grid
  // benchmark drags a visible scrollbar with the mouse.
  it('reaches the last row by a scrollbar drag', async () => {
    const table = scroller(grid);
    const end = table.scrollHeight - table.clientHeight;

    for (const fraction of [0.1, 0.35, 0.6, 0.9, 0.999, 1]) {
      table.scrollTop = end * fraction;
      await nextFrame();
    }

    await expectLastRowShown(grid);
  });

  it('reaches the last row with End', async () => {
    scroller(grid).focus();
    press(grid, 'ArrowDown');

    press(grid, 'End');

    await expectLastRowShown(grid);
    const active = scroller(grid).getAttribute('aria-activedescendant');
    expect(grid.shadowRoot!.getElementById(active!)?.getAttribute('aria-rowindex')).to.equal(
      String(COUNT + 1),
    );
  });

  it('reaches the last row with scrollToIndex', async () => {
    grid.scrollToIndex(LAST_INDEX);

    await expectLastRowShown(grid);

    grid.scrollToIndex(COUNT / 2);
    await waitUntil(
      () => visibleRows(grid).some((row) => cellTexts(row)[ID] === `p${COUNT / 2 - 1}`),
      'the middle row never came into view',
    );
  });
});
