import { expect, fixture, html, nextFrame, waitUntil } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
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

// 150,000 rows of 28 px fit the scrollbar unscaled; 400,000 rows need scaling.
// Both are longer than the 71,428-row slice that the virtualizer gets.
const UNSCALED_COUNT = 150_000;
const SCALED_COUNT = 400_000;
const ID = 4;

function indexOf(row: HTMLElement): number {
  return Number(row.getAttribute('aria-rowindex')) - 2;
}

function topVisibleIndex(grid: ObsGrid): number {
  const [top] = visibleRows(grid);
  return top === undefined ? -1 : indexOf(top);
}

function bottomVisibleIndex(grid: ObsGrid): number {
  const bottom = visibleRows(grid).at(-1);
  return bottom === undefined ? -1 : indexOf(bottom);
}

/** Offset of a row element in the virtualizer's slice, from the transform the virtualizer set. */
function sliceOffset(row: HTMLElement): number {
  // Chromium writes large offsets in exponent notation, as 1.9992e+06px.
  const match = /translate\([^,]+,\s*(-?[\d.]+(?:e[+-]?\d+)?)px\)/.exec(row.style.transform);
  if (match === null) throw new Error(`row ${indexOf(row)} has no transform`);
  return Number(match[1]);
}

/** Checks that the rows in view are consecutive display positions that touch each other. */
function expectContiguous(grid: ObsGrid, count: number): void {
  const oldestFirst = grid.order === 'oldest';
  const rows = visibleRows(grid);
  expect(rows.length, 'rows in view').to.be.above(5);
  rows.forEach((row, i) => {
    const index = indexOf(row);
    const id = `p${oldestFirst ? index : count - 1 - index}`;
    expect(cellTexts(row)[ID], `id in row ${index}`).to.equal(id);
    if (i === 0) return;
    expect(index, 'display position').to.equal(indexOf(rows[i - 1]) + 1);
    const gap = row.getBoundingClientRect().top - rows[i - 1].getBoundingClientRect().bottom;
    expect(Math.abs(gap), `gap above row ${index}`).to.be.below(1);
  });
}

describe('<obs-grid> on the virtualizer', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

  let unscaled: Store;
  let scaled: Store;

  before(() => {
    unscaled = makeStore(UNSCALED_COUNT);
    scaled = makeStore(SCALED_COUNT);
  });

  it('renders rows through the virtualizer', async () => {
    const grid = await gridFor(makeStore(50));
    await waitForRows(grid);

    const rows = grid.shadowRoot!.querySelector('.rows')!;

    expect(virtualizerRef in rows).to.equal(true);
    expect(dataRows(grid).every((row) => row.parentElement === rows)).to.equal(true);
    expectContiguous(grid, 50);
  });

  it('moves the slice under small scroll steps', async () => {
    const grid = await gridFor(unscaled);
    await waitForRows(grid);
    const table = scroller(grid);
    // Near the end of the first slice, which starts at row 0.
    table.scrollTop = 71_300 * 28;
    await waitUntil(() => topVisibleIndex(grid) === 71_300, 'the jump never showed row 71300');
    const firstOffset = sliceOffset(visibleRows(grid)[0]);

    for (let step = 1; step <= 8; step++) {
      table.scrollTop += 10 * 28;
      const expected = 71_300 + step * 10;
      await waitUntil(
        () => topVisibleIndex(grid) === expected,
        `step ${step} showed row ${topVisibleIndex(grid)}, not ${expected}`,
      );
      expectContiguous(grid, UNSCALED_COUNT);
    }

    // The rows now sit in a slice that starts further down.
    expect(sliceOffset(visibleRows(grid)[0])).to.be.below(firstOffset);
  });

  it('moves the slice under wheel steps when scaled', async () => {
    const grid = await gridFor(scaled);
    await waitForRows(grid);
    grid.scrollToIndex(200_000);
    await waitUntil(
      () => bottomVisibleIndex(grid) === 200_000,
      `row 200000 never came into view; the bottom row was ${bottomVisibleIndex(grid)}`,
    );
    // The slice is centered on row 200,000, so its end is about 35,700 rows below.
    grid.scrollToIndex(235_600);
    await waitUntil(
      () => bottomVisibleIndex(grid) === 235_600,
      `row 235600 never came into view; the bottom row was ${bottomVisibleIndex(grid)} ${dataRows(grid).map(indexOf).join()} ${grid.shadowRoot!.querySelector('.rows-viewport')!.scrollTop} ${dataRows(grid)[0]?.style.transform}`,
    );
    const start = topVisibleIndex(grid);
    const firstOffset = sliceOffset(visibleRows(grid)[0]);

    for (let step = 1; step <= 8; step++) {
      const wheel = new WheelEvent('wheel', { deltaY: 280, bubbles: true, cancelable: true });
      scroller(grid).dispatchEvent(wheel);
      expect(wheel.defaultPrevented).to.equal(true);
      await waitUntil(
        () => topVisibleIndex(grid) === start + step * 10,
        `wheel step ${step} showed row ${topVisibleIndex(grid)}, not ${start + step * 10}`,
      );
      expectContiguous(grid, SCALED_COUNT);
    }

    expect(sliceOffset(visibleRows(grid)[0])).to.be.below(firstOffset);
  });

  it('places rows at a custom row height', async () => {
    const grid = await gridFor(unscaled, '--obs-grid-row-height: 40px');
    await waitForRows(grid);

    // The grid reads the row height from the header once the layout has run.
    await waitUntil(() => scroller(grid).scrollHeight > UNSCALED_COUNT * 39, 'no 40 px rows');

    scroller(grid).scrollTop = 40 * 1234;

    await waitUntil(() => topVisibleIndex(grid) === 1234, `top row ${topVisibleIndex(grid)}`);
    expectContiguous(grid, UNSCALED_COUNT);
    expect(visibleRows(grid)[0].getBoundingClientRect().height).to.be.closeTo(40, 0.5);
  });

  it('follows a focused link out of view', async () => {
    const grid = await gridFor(makeStore(200));
    grid.columns = [
      { key: 'id' },
      { key: 'value', formatter: (value) => html`<a href=${`#row-${String(value)}`}>open</a>` },
    ];
    await waitForRows(grid);
    const table = scroller(grid);
    const hidden = dataRows(grid).find((row) => indexOf(row) === 15);
    expect(hidden, 'row 15 is rendered as overscan').to.not.equal(undefined);
    expect(visibleRows(grid).includes(hidden!)).to.equal(false);

    hidden!.querySelector('a')!.focus();

    await waitUntil(() => visibleRows(grid).includes(hidden!), 'the focused row stayed hidden');
    // The scrollbar follows the rows once the rows viewport's scroll event arrives.
    await waitUntil(() => table.scrollTop > 0, 'the scrollbar stayed at the top');
    const top = topVisibleIndex(grid);
    table.scrollTop += 28;
    await waitUntil(
      () => topVisibleIndex(grid) === top + 1,
      `a scroll of one row moved the top row from ${top} to ${topVisibleIndex(grid)}`,
    );
    const ids = visibleRows(grid).map((row) => cellTexts(row)[0]);
    expect(ids[0]).to.equal(`p${199 - (top + 1)}`);
  });

  it('renders every row in view below the fold', async () => {
    const page = await fixture<HTMLElement>(
      html`<div>
        <div style="height: ${window.innerHeight + 500}px"></div>
        <obs-grid .store=${makeStore(500)}></obs-grid>
      </div>`,
    );
    const grid = page.querySelector('obs-grid')!;
    await waitForRows(grid);

    // 292 px of rows viewport hold 11 rows, partly or whole.
    await waitUntil(() => dataRows(grid).length >= 11, `${dataRows(grid).length} rows rendered`);
    expectContiguous(grid, 500);
    expect(visibleRows(grid).length).to.be.at.least(10);
  });

  it('resizes without a resize observer loop error', async () => {
    const grid = await gridFor(unscaled, '--obs-grid-height: 600px');
    await waitForRows(grid);
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.message);
    window.addEventListener('error', onError);
    const table = scroller(grid);

    try {
      for (const height of [300, 310, 600, 200, 450, 250, 500]) {
        // The second half runs oldest first, where follow keeps the view at the bottom.
        if (height === 250) grid.order = 'oldest';
        grid.style.setProperty('--obs-grid-height', `${height}px`);
        await waitUntil(
          () => grid.getBoundingClientRect().height === height,
          `never ${height} px high`,
        );
        await nextFrame();
        await nextFrame();
        expectContiguous(grid, UNSCALED_COUNT);
        const last = visibleRows(grid).at(-1)!.getBoundingClientRect().bottom;
        expect(last, `rows fill ${height} px`).to.be.at.least(
          table.getBoundingClientRect().bottom - 30,
        );
      }
    } finally {
      window.removeEventListener('error', onError);
    }

    expect(errors).to.deep.equal([]);
  });

  it('renders fewer spare rows at low quality', async () => {
    const high = await gridFor(unscaled);
    await waitForRows(high);
    const highRows = dataRows(high).length;

    high.setAttribute('quality', 'low');

    await waitUntil(
      () => dataRows(high).length <= visibleRows(high).length + 3,
      `${dataRows(high).length} rows rendered for ${visibleRows(high).length} in view`,
    );
    expect(dataRows(high).length).to.be.below(highRows);
    expectContiguous(high, UNSCALED_COUNT);
  });
});
