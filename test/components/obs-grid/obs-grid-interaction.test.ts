import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/obs-stream.js';
import type { ObsStream } from '../../../src/components/obs-stream/obs-stream.js';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import type { ObsGrid } from '../../../src/obs-grid.js';
import {
  afterEach,
  beforeEach,
  dataRows,
  describe,
  gridFor,
  header,
  it,
  makePoint,
  makeStore,
  scroller,
  visibleRows,
  waitForRows,
  waitForTopCell,
} from './helpers.js';

const ID = 4;

function rowWithId(grid: ObsGrid, id: string): HTMLElement {
  const row = dataRows(grid).find((element) => element.textContent!.includes(id));
  if (row === undefined) throw new Error(`row ${id} is not rendered`);
  return row;
}

function press(grid: ObsGrid, key: string, options: KeyboardEventInit = {}): void {
  scroller(grid).dispatchEvent(
    new KeyboardEvent('keydown', { key, bubbles: true, composed: true, ...options }),
  );
}

function click(element: HTMLElement, options: MouseEventInit = {}): void {
  element.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, ...options }));
}

function emptyText(grid: ObsGrid): string | undefined {
  return grid.shadowRoot!.querySelector('[part="empty"]')?.textContent?.trim();
}

/** Id of the row that `aria-activedescendant` points at, read from its id column. */
function activeRowId(grid: ObsGrid): string | undefined {
  const id = scroller(grid).getAttribute('aria-activedescendant');
  if (id === null) return undefined;
  const row = grid.shadowRoot!.getElementById(id);
  return row?.querySelectorAll('[role="gridcell"]')[ID]?.textContent?.trim();
}

describe('<obs-grid> interaction', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

  it('explains an empty grid', async () => {
    const grid = await gridFor(null);
    expect(emptyText(grid)).to.match(/^No data source\./);

    const store = makeStore(0);
    grid.store = store;
    await grid.updateComplete;
    expect(emptyText(grid)).to.equal('No data yet.');

    store.append([makePoint(1)]);
    store.setFilter({ logic: 'and', conditions: [{ field: 'id', op: 'eq', value: 'none' }] });
    await waitUntil(() => emptyText(grid) === 'No rows match the filter.', 'no filter message');
    expect(scroller(grid).getAttribute('aria-rowcount')).to.equal('1');

    store.setFilter(null);
    await waitUntil(() => emptyText(grid) === undefined, 'empty text stayed with a row');
    await waitForRows(grid);
  });

  it('fires obs-row-activate on double-click', async () => {
    const grid = await gridFor(makeStore(3));
    await waitForRows(grid);

    const row = rowWithId(grid, 'p1');
    setTimeout(() =>
      row.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true })),
    );
    const event = (await oneEvent(grid, 'obs-row-activate')) as CustomEvent;

    expect(event.detail.row).to.deep.equal(makePoint(1));
    expect(event.composed).to.equal(true);
  });

  it('moves focus with arrow keys and activates on Enter', async () => {
    const grid = await gridFor(makeStore(5));
    await waitForRows(grid);

    press(grid, 'ArrowDown');
    await grid.updateComplete;
    expect(activeRowId(grid)).to.equal('p4');

    press(grid, 'ArrowDown');
    press(grid, 'ArrowDown');
    press(grid, 'ArrowUp');
    await grid.updateComplete;
    expect(activeRowId(grid)).to.equal('p3');
    expect(rowWithId(grid, 'p3').getAttribute('part')).to.equal('row focused-row');

    setTimeout(() => press(grid, 'Enter'));
    const event = (await oneEvent(grid, 'obs-row-activate')) as CustomEvent;
    expect(event.detail.row.id).to.equal('p3');
  });

  it('reaches the last row with End and back with Home', async () => {
    const grid = await gridFor(makeStore(2_000));
    await waitForRows(grid);

    press(grid, 'End');
    await waitUntil(() => activeRowId(grid) === 'p0', 'End did not focus the oldest row');
    const last = rowWithId(grid, 'p0');
    expect(last.getAttribute('aria-rowindex')).to.equal('2001');
    expect(last.getBoundingClientRect().bottom).to.be.at.most(
      scroller(grid).getBoundingClientRect().bottom + 1,
    );

    press(grid, 'Home');
    await waitUntil(() => activeRowId(grid) === 'p1999', 'Home did not focus the newest row');
  });

  it('moves a page with Page Down', async () => {
    const grid = await gridFor(makeStore(200));
    await waitForRows(grid);
    press(grid, 'Home');

    press(grid, 'PageDown');

    // 320px high, minus a 28px header, fits 10 whole rows of 28px, and a page move keeps one in view.
    await waitUntil(() => activeRowId(grid) === 'p190', `focus went to ${activeRowId(grid)}`);
  });

  it('sorts from the keyboard via headers', async () => {
    const grid = await gridFor(makeStore(3));
    await waitForRows(grid);
    press(grid, 'ArrowDown');

    press(grid, 'ArrowUp');
    press(grid, 'ArrowUp');
    await grid.updateComplete;
    const activeHeader = () =>
      grid.shadowRoot!.getElementById(scroller(grid).getAttribute('aria-activedescendant')!);
    expect(activeHeader()!.dataset.key).to.equal('timestamp');

    press(grid, 'ArrowRight');
    press(grid, 'ArrowRight');
    press(grid, 'ArrowRight');
    press(grid, 'Enter');
    await grid.updateComplete;
    expect(activeHeader()!.dataset.key).to.equal('value');
    expect(header(grid, 'value').getAttribute('aria-sort')).to.equal('ascending');

    press(grid, 'ArrowDown');
    await waitUntil(() => activeRowId(grid) === 'p0', `focus went to ${activeRowId(grid)}`);
  });

  it('resizes a column from the keyboard', async () => {
    const grid = await gridFor(makeStore(2));
    await waitForRows(grid);
    const resized = oneEvent(grid, 'obs-column-resize');

    press(grid, 'ArrowUp');
    press(grid, 'ArrowRight');
    press(grid, 'ArrowRight', { shiftKey: true });

    expect(((await resized) as CustomEvent).detail).to.deep.equal({
      key: 'category',
      width: 150,
    });
    await grid.updateComplete;
    expect(header(grid, 'category').getBoundingClientRect().width).to.equal(150);
    expect(grid.sort).to.equal(null);
  });

  it('has one tab stop', async () => {
    const grid = await gridFor(makeStore(3));
    await waitForRows(grid);

    const focusable = grid.shadowRoot!.querySelectorAll('[tabindex="0"], button, a[href], input');

    expect(focusable).to.have.length(1);
    expect(focusable[0]).to.equal(scroller(grid));
  });

  it('selects with click, Ctrl-click and Shift-click', async () => {
    const grid = await gridFor(makeStore(6));
    await waitForRows(grid);
    const changes: string[][] = [];
    grid.addEventListener('obs-selection-change', (event) =>
      changes.push((event as CustomEvent).detail.ids),
    );

    click(rowWithId(grid, 'p5'));
    click(rowWithId(grid, 'p3'), { ctrlKey: true });
    click(rowWithId(grid, 'p1'), { shiftKey: true });
    click(rowWithId(grid, 'p1'), { metaKey: true });
    await grid.updateComplete;

    expect(changes).to.deep.equal([['p5'], ['p5', 'p3'], ['p3', 'p2', 'p1'], ['p3', 'p2']]);
    expect(grid.selection).to.deep.equal(['p3', 'p2']);
    expect(rowWithId(grid, 'p3').getAttribute('aria-selected')).to.equal('true');
    expect(rowWithId(grid, 'p1').getAttribute('aria-selected')).to.equal('false');
  });

  it('keeps the selection across sorting', async () => {
    const grid = await gridFor(makeStore(4));
    await waitForRows(grid);
    click(rowWithId(grid, 'p2'));

    header(grid, 'value').click();
    await waitForTopCell(grid, ID, 'p0');

    expect(rowWithId(grid, 'p2').getAttribute('aria-selected')).to.equal('true');
    expect(grid.selection).to.deep.equal(['p2']);
  });

  it('selects with Space and clears with Escape', async () => {
    const grid = await gridFor(makeStore(3));
    await waitForRows(grid);
    press(grid, 'ArrowDown');

    press(grid, ' ');
    press(grid, 'ArrowDown', { shiftKey: true });
    await grid.updateComplete;
    expect(grid.selection).to.deep.equal(['p2', 'p1']);

    press(grid, 'Escape');
    await grid.updateComplete;
    expect(grid.selection).to.deep.equal([]);
  });

  it('honours selection-mode', async () => {
    const grid = await gridFor(makeStore(3));
    await waitForRows(grid);
    let events = 0;
    grid.addEventListener('obs-selection-change', () => events++);

    grid.selectionMode = 'single';
    await grid.updateComplete;
    click(rowWithId(grid, 'p2'));
    click(rowWithId(grid, 'p1'), { ctrlKey: true });
    expect(grid.selection).to.deep.equal(['p1']);

    grid.selectionMode = 'none';
    await grid.updateComplete;
    click(rowWithId(grid, 'p0'));
    expect(grid.selection).to.deep.equal([]);
    expect(events).to.equal(2);
  });

  it('drops evicted rows from the selection', async () => {
    const store = makeStore(3, 3);
    const grid = await gridFor(store);
    await waitForRows(grid);
    click(rowWithId(grid, 'p2'));
    click(rowWithId(grid, 'p0'), { shiftKey: true });
    const change = oneEvent(grid, 'obs-selection-change');

    store.append([makePoint(3), makePoint(4)]);

    const { detail } = (await change) as CustomEvent;
    expect(detail.ids).to.deep.equal(['p2']);
    expect(detail.count).to.equal(1);
    expect(grid.selection).to.deep.equal(['p2']);
  });

  it('empties the selection when the store is cleared', async () => {
    const store = makeStore(3);
    const grid = await gridFor(store);
    await waitForRows(grid);
    click(rowWithId(grid, 'p1'));

    store.clear();
    store.append([makePoint(1, { id: 'other' })]);

    await waitUntil(() => grid.selection.length === 0, 'the selection kept a cleared row');
  });

  it('accepts a selection set as a property', async () => {
    const grid = await gridFor(makeStore(3));
    await waitForRows(grid);

    grid.selection = ['p1', 'unknown', 7 as unknown as string];
    await grid.updateComplete;

    expect(rowWithId(grid, 'p1').getAttribute('aria-selected')).to.equal('true');
    expect(grid.selection).to.deep.equal(['p1', 'unknown']);
  });

  it('holds the rows in view once scrolled away', async () => {
    const store = makeStore(500, 1_000);
    const grid = await gridFor(store);
    await waitForRows(grid);
    const follow = oneEvent(grid, 'obs-follow-change');

    scroller(grid).scrollTop = 28 * 100;
    expect(((await follow) as CustomEvent).detail).to.deep.equal({ follow: false });
    await waitForTopCell(grid, ID, 'p399');
    store.append([makePoint(500), makePoint(501), makePoint(502)]);
    await waitUntil(() => grid.rowCount === 503, 'rows never arrived');
    await grid.updateComplete;

    expect(grid.follow).to.equal(false);
    await waitForTopCell(grid, ID, 'p399');
    const topRow = rowWithId(grid, 'p399').getBoundingClientRect().top;
    expect(topRow - scroller(grid).getBoundingClientRect().top).to.be.within(27, 29);

    const resumed = oneEvent(grid, 'obs-follow-change');
    scroller(grid).scrollTop = 0;
    expect(((await resumed) as CustomEvent).detail).to.deep.equal({ follow: true });
    store.append([makePoint(503)]);
    await waitForTopCell(grid, ID, 'p503');
  });

  it('follows the bottom in oldest-first order', async () => {
    const store = makeStore(500, 1_000);
    const grid = await gridFor(store);
    grid.order = 'oldest';
    await waitUntil(
      () => visibleRows(grid).some((row) => row.textContent!.includes('p499')),
      'the newest row was not in view',
    );

    store.append([makePoint(500), makePoint(501)]);

    await waitUntil(
      () => visibleRows(grid).at(-1)?.textContent!.includes('p501') === true,
      'the view did not follow the newest row',
    );
    expect(grid.follow).to.equal(true);
  });

  it('resizes a column by dragging its edge', async () => {
    const grid = await gridFor(makeStore(2));
    await waitForRows(grid);
    const handle = header(grid, 'category').querySelector<HTMLElement>('.resize-handle')!;
    const start = handle.getBoundingClientRect().right;
    const pointer = (type: string, clientX: number) =>
      handle.dispatchEvent(
        new PointerEvent(type, { bubbles: true, composed: true, pointerId: 1, clientX }),
      );

    const resized = oneEvent(grid, 'obs-column-resize');
    pointer('pointerdown', start);
    pointer('pointermove', start + 60);
    pointer('pointerup', start + 60);
    click(handle);
    const event = (await resized) as CustomEvent;
    await grid.updateComplete;

    expect(event.detail).to.deep.equal({ key: 'category', width: 200 });
    expect(header(grid, 'category').getBoundingClientRect().width).to.equal(200);
    expect(dataRows(grid)[0].querySelectorAll('[role="gridcell"]')[1].clientWidth).to.equal(200);
    expect(grid.sort).to.equal(null);
  });

  it('works again after being removed and re-added', async () => {
    const store = makeStore(3);
    const grid = await gridFor(store);
    await waitForRows(grid);
    const parent = grid.parentElement!;

    grid.remove();
    store.append([makePoint(3)]);
    parent.append(grid);

    await waitForTopCell(grid, ID, 'p3');
    store.append([makePoint(4)]);
    await waitForTopCell(grid, ID, 'p4');
  });

  it('reads the store of an enclosing obs-stream', async () => {
    const stream = await fixture<ObsStream>(html`
      <obs-stream rate="50"><obs-grid></obs-grid></obs-stream>
    `);
    const grid = stream.querySelector<ObsGrid>('obs-grid')!;

    await waitForRows(grid);

    expect(grid.rowCount).to.be.above(0);
  });

  it('reads the stream its stream attribute names', async () => {
    const root = await fixture<HTMLDivElement>(html`
      <div>
        <obs-stream id="grid-source" rate="1"></obs-stream>
        <obs-grid stream="grid-source"></obs-grid>
      </div>
    `);
    const stream = root.querySelector<ObsStream>('obs-stream')!;
    const grid = root.querySelector<ObsGrid>('obs-grid')!;

    stream.store.append([makePoint(77, { timestamp: Date.now() + 60_000 })]);

    await waitUntil(
      () => dataRows(grid).some((row) => row.textContent!.includes('p77')),
      'the grid did not find the named stream',
    );
  });

  it('switches to a new store', async () => {
    const grid = await gridFor(makeStore(3));
    await waitForRows(grid);

    grid.store = makeStore(0);
    grid.store.append([makePoint(42)]);

    await waitForTopCell(grid, ID, 'p42');
    expect(dataRows(grid)).to.have.length(1);
  });
});
