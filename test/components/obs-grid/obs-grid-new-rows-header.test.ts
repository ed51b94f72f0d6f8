import { expect, waitUntil } from '@open-wc/testing';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import type { GridColumn, ObsGrid } from '../../../src/obs-grid.js';
import {
  afterEach,
  beforeEach,
  describe,
  gridFor,
  headers,
  it,
  makePoint,
  makeStore,
  scroller,
  waitForRows,
} from './helpers.js';

type Position = [number, number];

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

interface HeaderCase {
  name: string;
  rows: number;
  style?: string;
  order?: 'newest' | 'oldest';
  theme?: 'light' | 'dark';
  columns?: GridColumn[];
  /** Horizontal scroll after the button shows, as a fraction of the scroll range. */
  scroll?: number;
}

/** Columns 470px wide in all, narrower than the grids that use them. */
const NARROW_COLUMNS: GridColumn[] = [
  { key: 'timestamp', label: 'Time (UTC)', width: 200 },
  { key: 'category', label: 'Category', width: 100 },
  { key: 'value', label: 'Value', width: 90, align: 'end' },
  { key: 'id', label: 'Id', width: 80 },
];

const CASES: HeaderCase[] = [
  { name: 'default columns, newest first', rows: 200 },
  { name: 'default columns, oldest first', rows: 200, order: 'oldest' },
  {
    name: 'columns narrower than the grid, dark',
    rows: 200,
    style: 'width: 700px',
    theme: 'dark',
    columns: NARROW_COLUMNS,
  },
  {
    name: 'rows without a vertical scrollbar',
    rows: 3,
    style: 'width: 700px',
    columns: NARROW_COLUMNS,
  },
  {
    name: 'end-aligned last column with a long label',
    rows: 200,
    style: 'width: 560px',
    columns: [
      { key: 'timestamp', label: 'Time (UTC)', width: 200 },
      { key: 'id', label: 'Id', width: 80 },
      { key: 'value', label: 'Measured value in units', align: 'end' },
    ],
  },
  { name: 'narrow grid scrolled to the end', rows: 200, style: 'width: 420px', scroll: 1 },
  { name: 'narrow grid scrolled halfway', rows: 200, style: 'width: 420px', scroll: 0.5 },
];

function newRowsButton(grid: ObsGrid): HTMLButtonElement | null {
  return grid.shadowRoot!.querySelector<HTMLButtonElement>('[part="new-rows"]');
}

function centreOf(box: Box): Position {
  return [Math.round((box.left + box.right) / 2), Math.round((box.top + box.bottom) / 2)];
}

/** Returns the scroll container's visible content box: inside its border and left of its scrollbar. */
function scrollport(grid: ObsGrid): Box {
  const element = scroller(grid);
  const box = element.getBoundingClientRect();
  const left = box.left + element.clientLeft;
  const top = box.top + element.clientTop;
  return { left, right: left + element.clientWidth, top, bottom: top + element.clientHeight };
}

function intersect(a: Box, b: Box): Box | null {
  const box = {
    left: Math.max(a.left, b.left),
    right: Math.min(a.right, b.right),
    top: Math.max(a.top, b.top),
    bottom: Math.min(a.bottom, b.bottom),
  };
  return box.right - box.left >= 1 && box.bottom - box.top >= 1 ? box : null;
}

/** Describes the element that the browser hit-tests at a point, for failure messages. */
function describeHit(element: Element | null): string {
  if (element === null) return 'nothing';
  const part = element.getAttribute('part');
  return `<${element.localName}${part === null ? '' : ` part="${part}"`} class="${element.className}">`;
}

/**
 * Hit-tests every whole pixel of the visible part of each header cell, on three
 * lines across it, and returns the points where a click would miss the cell.
 * The header cell is its sort control. Points in `room`, where header cells
 * scroll under the button's room, must hit the room or the button instead.
 */
function headerPointsMissed(grid: ObsGrid, room: Box | null): string[] {
  const root = grid.shadowRoot!;
  const button = newRowsButton(grid)!;
  const visibleArea = scrollport(grid);
  const failures: string[] = [];
  for (const cell of headers(grid)) {
    const visible = intersect(cell.getBoundingClientRect(), visibleArea);
    if (visible === null) continue;
    const lines = [visible.top + 2, (visible.top + visible.bottom) / 2, visible.bottom - 2];
    for (const y of lines) {
      // The browser snaps boxes to whole pixels, so a pixel that a box only
      // partly covers may belong to its neighbour.
      for (let x = Math.ceil(visible.left); x < visible.right - 1; x++) {
        const hit = root.elementFromPoint(x, y);
        const inRoom = room !== null && x + 1 > room.left && x < room.right;
        const expected = inRoom
          ? hit === button || hit?.classList.contains('new-rows-room') === true
          : hit !== null && hit.closest('[role="columnheader"]') === cell;
        if (!expected) {
          failures.push(`header '${cell.dataset.key}' at (${x}, ${y}) hits ${describeHit(hit)}`);
          break;
        }
      }
    }
  }
  return failures;
}

/** Appends three points and waits for the new-rows button, which shows while the pointer is over the grid. */
async function showButton(grid: ObsGrid): Promise<HTMLButtonElement> {
  const store = grid.store!;
  const end = store.end;
  store.append([makePoint(end), makePoint(end + 1), makePoint(end + 2)]);
  await waitUntil(() => newRowsButton(grid) !== null, 'the new-rows button never appeared');
  await grid.updateComplete;
  return newRowsButton(grid)!;
}

/** Moves the pointer onto the first header, which keeps the rows in place, and shows the button. */
async function showButtonFromHeader(grid: ObsGrid): Promise<HTMLButtonElement> {
  await sendMouse({ type: 'move', position: centreOf(headers(grid)[0].getBoundingClientRect()) });
  return showButton(grid);
}

async function scrollHorizontally(grid: ObsGrid, fraction: number): Promise<void> {
  const element = scroller(grid);
  const range = element.scrollWidth - element.clientWidth;
  expect(range, 'the grid has no horizontal scroll range').to.be.greaterThan(0);
  const target = Math.round(range * fraction);
  element.scrollLeft = target;
  await waitUntil(() => Math.abs(element.scrollLeft - target) <= 1, 'the grid did not scroll');
  await grid.updateComplete;
}

describe('<obs-grid> new-rows button over the header', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

  afterEach(async () => {
    await resetMouse();
  });

  for (const testCase of CASES) {
    it(`leaves every header clickable: ${testCase.name}`, async () => {
      const store = makeStore(testCase.rows, 1_000);
      const grid = await gridFor(store, testCase.style ?? '');
      if (testCase.order !== undefined) grid.order = testCase.order;
      if (testCase.theme !== undefined) grid.theme = testCase.theme;
      if (testCase.columns !== undefined) grid.columns = testCase.columns;
      await waitForRows(grid);

      const button = await showButtonFromHeader(grid);
      if (testCase.scroll !== undefined) await scrollHorizontally(grid, testCase.scroll);

      const buttonBox = button.getBoundingClientRect();
      const visibleArea = scrollport(grid);
      const headerRow = grid.shadowRoot!.querySelector('[part="header-row"]')!;
      const headerBox = headerRow.getBoundingClientRect();
      expect(buttonBox.right, 'the button ends past the scrollport').to.be.at.most(
        visibleArea.right,
      );
      expect(buttonBox.top, 'the button starts above the header').to.be.at.least(headerBox.top);
      expect(buttonBox.bottom, 'the button ends below the header').to.be.at.most(headerBox.bottom);

      // Header cells may scroll under the room only when the columns are wider than the grid.
      const overflows = scroller(grid).scrollWidth > scroller(grid).clientWidth;
      const roomElement = grid.shadowRoot!.querySelector('.new-rows-room');
      const room = overflows && roomElement !== null ? roomElement.getBoundingClientRect() : null;
      if (room !== null) {
        expect(room.left, 'the room starts far left of the button').to.be.at.least(
          buttonBox.left - 8,
        );
      }
      expect(headerPointsMissed(grid, room)).to.deep.equal([]);

      for (const handle of grid.shadowRoot!.querySelectorAll('[part="resize-handle"]')) {
        const visible = intersect(handle.getBoundingClientRect(), visibleArea);
        if (visible === null || (room !== null && visible.right > room.left)) continue;
        const hit = grid.shadowRoot!.elementFromPoint(...centreOf(visible));
        expect(hit, `resize handle of '${(handle as HTMLElement).dataset.key}'`).to.equal(handle);
      }
    });
  }

  for (const testCase of CASES.filter((entry) => entry.scroll !== 0.5)) {
    it(`sorts on clicks at the last header's end: ${testCase.name}`, async () => {
      const store = makeStore(testCase.rows, 1_000);
      const grid = await gridFor(store, testCase.style ?? '');
      if (testCase.order !== undefined) grid.order = testCase.order;
      if (testCase.columns !== undefined) grid.columns = testCase.columns;
      await waitForRows(grid);
      await showButtonFromHeader(grid);
      const key = headers(grid).at(-1)!.dataset.key!;

      // Just inside the label's end, and just left of the 6px resize handle at the cell's end.
      const targets = [
        (label: DOMRect) => Math.floor(label.right) - 2,
        (_label: DOMRect, cell: DOMRect) => Math.floor(cell.right) - 9,
      ];
      for (const [index, targetX] of targets.entries()) {
        // A sort shows the newest rows, which hides the button, so each click gets it back first.
        if (newRowsButton(grid) === null) await showButton(grid);
        // A grid narrower than its columns shows the last header once scrolled to the end.
        if (scroller(grid).scrollWidth > scroller(grid).clientWidth) {
          await scrollHorizontally(grid, 1);
        }
        const last = headers(grid).at(-1)!;
        const cell = last.getBoundingClientRect();
        const label = last.querySelector('.label')!.getBoundingClientRect();
        const position: Position = [targetX(label, cell), centreOf(cell)[1]];

        await sendMouse({ type: 'click', position });
        await grid.updateComplete;

        const expected = { key, direction: index === 0 ? 'asc' : 'desc' };
        expect(grid.sort, `click ${index + 1} at (${position.join(', ')})`).to.deep.equal(expected);
      }
    });
  }
});
