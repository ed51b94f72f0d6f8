import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import type { Store } from '../../../src/core/store.js';
import type { ObsGrid } from '../../../src/obs-grid.js';
import {
  afterEach,
  beforeEach,
  cellTexts,
  describe,
  gridFor,
  it,
  makePoint,
  makeStore,
  visibleRows,
  waitForRows,
} from './helpers.js';

const ID = 4;
const INITIAL_ROWS = 200;

type Position = [number, number];

/**
 * Appends one point per animation frame, numbered on from the store's last
 * point, as a live stream does. Returns a function that stops it.
 */
function streamInto(store: Store): () => void {
  let n = store.end;
  let frame = requestAnimationFrame(function append() {
    store.append([makePoint(n++)]);
    frame = requestAnimationFrame(append);
  });
  return () => cancelAnimationFrame(frame);
}

function newRowsButton(grid: ObsGrid): HTMLButtonElement | null {
  return grid.shadowRoot!.querySelector<HTMLButtonElement>('[part="new-rows"]');
}

/** Centre of an element in viewport pixels, rounded because sendMouse takes whole pixels. */
function centreOf(element: Element): Position {
  const box = element.getBoundingClientRect();
  return [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)];
}

function rowId(row: Element | null | undefined): string | undefined {
  return row instanceof HTMLElement ? cellTexts(row)[ID] : undefined;
}

/** Id of the row that the browser hit-tests at `position`, or a description of what is there. */
function idUnderPointer(grid: ObsGrid, [x, y]: Position): string {
  const element = grid.shadowRoot!.elementFromPoint(x, y);
  const row = element?.closest('[role="row"]');
  if (row !== null && row !== undefined) return rowId(row) ?? 'a row without an id';
  return element === null ? 'nothing' : `<${element.localName} part="${element.part.value}">`;
}

/** Id of the row a pointer event went through, or undefined. */
function rowIdOfEvent(event: Event): string | undefined {
  const row = event
    .composedPath()
    .find((target) => target instanceof HTMLElement && target.getAttribute('role') === 'row');
  return rowId(row as Element | undefined);
}

/** Returns the newest row in view: the top row, or the bottom row for oldest first. */
function newestVisibleRow(grid: ObsGrid): HTMLElement {
  const rows = visibleRows(grid);
  const row = grid.order === 'oldest' ? rows.at(-1) : rows[0];
  if (row === undefined) throw new Error('no row is in view');
  return row;
}

describe('<obs-grid> pointer while data streams', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

  let stopStream = () => {};

  afterEach(async () => {
    stopStream();
    await resetMouse();
  });

  for (const order of ['newest', 'oldest'] as const) {
    it(`double-click reaches the newest row, ${order} first`, async () => {
      const store = makeStore(INITIAL_ROWS, 100_000);
      const grid = await gridFor(store);
      grid.order = order;
      await waitForRows(grid);
      stopStream = streamInto(store);
      const clickedIds: (string | undefined)[] = [];
      grid.addEventListener('click', (event) => clickedIds.push(rowIdOfEvent(event)));

      const position = centreOf(newestVisibleRow(grid));
      await sendMouse({ type: 'move', position });
      // A pointer over the rows keeps them in place, so the row under it stays there.
      const id = idUnderPointer(grid, position);
      expect(id, 'the element under the pointer').to.match(/^p\d+$/);
      await sendMouse({ type: 'click', position });
      await waitUntil(() => newRowsButton(grid) !== null, 'the new-rows button never appeared');
      await grid.updateComplete;

      expect(grid.selection).to.deep.equal([id]);
      expect(idUnderPointer(grid, position)).to.equal(id);
      const button = newRowsButton(grid)!.getBoundingClientRect();
      for (const row of visibleRows(grid)) {
        const box = row.getBoundingClientRect();
        const overlaps = button.bottom > box.top && button.top < box.bottom;
        expect(overlaps, `the button covers row ${rowId(row)}`).to.equal(false);
      }

      await sendMouse({ type: 'click', position });
      expect(clickedIds).to.deep.equal([id, id]);
      // sendMouse sends every press with a click count of 1, so Chromium fires
      // no dblclick. The test fires it where Chromium does, at the element under the pointer.
      const activated = oneEvent(grid, 'obs-row-activate');
      grid
        .shadowRoot!.elementFromPoint(...position)!
        .dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true, detail: 2 }));
      expect(((await activated) as CustomEvent).detail.row.id).to.equal(id);

      const fromKey = oneEvent(grid, 'obs-row-activate');
      await sendKeys({ press: 'Enter' });
      expect(((await fromKey) as CustomEvent).detail.row.id).to.equal(id);
    });
  }

  for (const order of ['newest', 'oldest'] as const) {
    it(`click reaches a row when a point arrives mid-press, ${order} first`, async () => {
      const store = makeStore(INITIAL_ROWS, 1_000);
      const grid = await gridFor(store);
      grid.order = order;
      await waitForRows(grid);
      const clickedIds: (string | undefined)[] = [];
      grid.addEventListener('click', (event) => clickedIds.push(rowIdOfEvent(event)));
      const position = centreOf(newestVisibleRow(grid));
      await sendMouse({ type: 'move', position });
      const id = idUnderPointer(grid, position);

      await sendMouse({ type: 'down' });
      store.append([makePoint(store.end)]);
      await waitUntil(() => grid.rowCount === INITIAL_ROWS + 1, 'the point never arrived');
      await grid.updateComplete;
      expect(idUnderPointer(grid, position), 'the row under the pointer').to.equal(id);
      await sendMouse({ type: 'up' });

      expect(clickedIds).to.deep.equal([id]);
      expect(grid.selection).to.deep.equal([id]);
    });
  }

  it('keeps the new-rows button under the pointer', async () => {
    const store = makeStore(INITIAL_ROWS, 100_000);
    const grid = await gridFor(store);
    await waitForRows(grid);
    stopStream = streamInto(store);

    await sendMouse({ type: 'move', position: centreOf(newestVisibleRow(grid)) });
    await waitUntil(() => newRowsButton(grid) !== null, 'the new-rows button never appeared');
    const buttonPosition = centreOf(newRowsButton(grid)!);
    const countBefore = grid.newRowCount;
    const endBefore = store.end;
    await sendMouse({ type: 'move', position: buttonPosition });
    await waitUntil(() => store.end >= endBefore + 5, 'the stream stopped');

    // A pointer that left the grid would have shown the newest rows and reset the count.
    expect(grid.newRowCount).to.be.at.least(countBefore + store.end - endBefore);
    expect(idUnderPointer(grid, buttonPosition)).to.equal('<button part="new-rows">');

    let newestShownAtClick = -1;
    newRowsButton(grid)!.addEventListener('click', () => {
      // Points are numbered from 0 and none is evicted, so the newest shown is one below the count.
      newestShownAtClick = grid.rowCount - 1;
    });
    await sendMouse({ type: 'click', position: buttonPosition });
    expect(newestShownAtClick, 'the click missed the button').to.be.at.least(0);
    await waitUntil(
      () => Number(rowId(newestVisibleRow(grid))!.slice(1)) >= newestShownAtClick,
      'the button did not show the newest rows',
    );

    // The pointer still keeps the rows in place, so every row above the view counts as new.
    stopStream();
    await waitUntil(() => grid.rowCount === store.end, 'the grid did not show the last points');
    await grid.updateComplete;
    const rowsAbove = Number(newestVisibleRow(grid).ariaRowIndex) - 2;
    expect(grid.newRowCount).to.equal(rowsAbove);
  });
});
