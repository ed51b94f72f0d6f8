import { expect, waitUntil } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import {
  afterEach,
  beforeEach,
  cellTexts,
  columnTexts,
  dataRows,
  describe,
  gridFor,
  header,
  headers,
  it,
  makePoint,
  makeStore,
  scroller,
  waitForRows,
  waitForTopCell,
} from './helpers.js';

const ID = 4;
const VALUE = 3;
const CATEGORY = 1;

describe('<obs-grid>', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

  it('renders default columns, newest row first', async () => {
    const grid = await gridFor(makeStore(5));

    await waitForRows(grid);

    expect(headers(grid).map((cell) => cell.textContent!.trim())).to.deep.equal([
      'Time (UTC)',
      'Category',
      'Source',
      'Value',
      'Id',
    ]);
    expect(cellTexts(dataRows(grid)[0])).to.deep.equal([
      '2024-05-01 12:00:04.000',
      'memory',
      'host-1',
      '4',
      'p4',
    ]);
    expect(columnTexts(grid, ID)).to.deep.equal(['p4', 'p3', 'p2', 'p1', 'p0']);
  });

  it('exposes the ARIA grid pattern', async () => {
    const grid = await gridFor(makeStore(5));
    await waitForRows(grid);

    const table = scroller(grid);
    const rows = dataRows(grid);

    expect(table.getAttribute('role')).to.equal('grid');
    expect(table.getAttribute('aria-rowcount')).to.equal('6');
    expect(table.getAttribute('aria-colcount')).to.equal('5');
    expect(rows.map((row) => row.getAttribute('aria-rowindex'))).to.deep.equal([
      '2',
      '3',
      '4',
      '5',
      '6',
    ]);
    expect(rows[0].querySelectorAll('[role="gridcell"]')).to.have.length(5);
    expect(grid.shadowRoot!.querySelector('.header-row')!.getAttribute('aria-rowindex')).to.equal(
      '1',
    );
  });

  it('keeps rendered rows bounded for 100,000 points', async () => {
    const grid = await gridFor(makeStore(100_000));

    await waitForRows(grid);

    expect(dataRows(grid).length).to.be.below(100);
    expect(scroller(grid).getAttribute('aria-rowcount')).to.equal('100001');
    expect(cellTexts(dataRows(grid)[0])[ID]).to.equal('p99999');
  });

  it('cycles sort through clicks with aria-sort', async () => {
    const grid = await gridFor(makeStore(6));
    await waitForRows(grid);
    const valueHeader = () => header(grid, 'value');

    valueHeader().click();
    await waitForTopCell(grid, VALUE, '0');
    expect(valueHeader().getAttribute('aria-sort')).to.equal('ascending');
    expect(columnTexts(grid, VALUE)).to.deep.equal(['0', '1', '2', '3', '4', '5']);

    valueHeader().click();
    await waitForTopCell(grid, VALUE, '5');
    expect(valueHeader().getAttribute('aria-sort')).to.equal('descending');

    valueHeader().click();
    await grid.updateComplete;
    expect(valueHeader().hasAttribute('aria-sort')).to.equal(false);
    expect(grid.sort).to.equal(null);
    expect(columnTexts(grid, ID)).to.deep.equal(['p5', 'p4', 'p3', 'p2', 'p1', 'p0']);
  });

  it('fires obs-sort-change on header clicks', async () => {
    const grid = await gridFor(makeStore(3));
    const seen: unknown[] = [];
    grid.addEventListener('obs-sort-change', (event) => seen.push((event as CustomEvent).detail));

    header(grid, 'category').click();
    header(grid, 'category').click();

    expect(seen).to.deep.equal([
      {
        sort: { key: 'category', direction: 'asc' },
        keys: [{ key: 'category', direction: 'asc' }],
      },
      {
        sort: { key: 'category', direction: 'desc' },
        keys: [{ key: 'category', direction: 'desc' }],
      },
    ]);
  });

  it('keeps arrival order among equal values', async () => {
    const grid = await gridFor(makeStore(9));
    await waitForRows(grid);

    header(grid, 'category').click();
    await waitForTopCell(grid, CATEGORY, 'cpu');

    // Ties stay newest first, as in the unsorted grid.
    expect(columnTexts(grid, ID)).to.deep.equal([
      'p6',
      'p3',
      'p0',
      'p8',
      'p5',
      'p2',
      'p7',
      'p4',
      'p1',
    ]);
  });

  it('places gaps last in both directions', async () => {
    const store = makeStore(0);
    store.append([
      makePoint(1, { value: 5 }),
      makePoint(2, { value: NaN }),
      makePoint(3, { value: -1 }),
      makePoint(4, { value: 7 }),
    ]);
    const grid = await gridFor(store);
    await waitForRows(grid);

    header(grid, 'value').click();
    await waitForTopCell(grid, VALUE, '-1');
    expect(columnTexts(grid, VALUE)).to.deep.equal(['-1', '5', '7', '\u2014']);

    header(grid, 'value').click();
    await waitForTopCell(grid, VALUE, '7');
    expect(columnTexts(grid, VALUE)).to.deep.equal(['7', '5', '-1', '\u2014']);
  });

  it('shows streamed rows on top', async () => {
    const store = makeStore(3);
    const grid = await gridFor(store);
    await waitForRows(grid);

    store.append([makePoint(3), makePoint(4)]);

    await waitForTopCell(grid, ID, 'p4');
    expect(columnTexts(grid, ID)).to.deep.equal(['p4', 'p3', 'p2', 'p1', 'p0']);
    expect(scroller(grid).getAttribute('aria-rowcount')).to.equal('6');
  });

  it('keeps sorting while rows stream in and out', async () => {
    const store = makeStore(4, 6);
    const grid = await gridFor(store);
    await waitForRows(grid);
    header(grid, 'value').click();
    header(grid, 'value').click();
    await waitForTopCell(grid, VALUE, '3');

    store.append([makePoint(10, { value: 1.5 }), makePoint(11, { value: 99 })]);
    await waitForTopCell(grid, VALUE, '99');
    expect(columnTexts(grid, VALUE)).to.deep.equal(['99', '3', '2', '1.5', '1', '0']);

    store.append([makePoint(12, { value: -5 })]);
    await waitUntil(() => columnTexts(grid, VALUE).at(-1) === '-5', 'new low value never shown');
    expect(columnTexts(grid, VALUE)).to.deep.equal(['99', '3', '2', '1.5', '1', '-5']);
  });

  it('narrows rows when the store filter changes', async () => {
    const store = makeStore(9);
    const grid = await gridFor(store);
    await waitForRows(grid);

    store.setFilter({ logic: 'and', conditions: [{ field: 'category', op: 'eq', value: 'disk' }] });

    await waitUntil(() => dataRows(grid).length === 3, 'filter did not narrow the rows');
    expect(columnTexts(grid, ID)).to.deep.equal(['p8', 'p5', 'p2']);
    expect(scroller(grid).getAttribute('aria-rowcount')).to.equal('4');
  });

  it('shows the oldest rows after scrolling to the bottom', async () => {
    const grid = await gridFor(makeStore(5_000));
    await waitForRows(grid);

    const table = scroller(grid);
    table.scrollTop = table.scrollHeight;

    await waitUntil(
      () => columnTexts(grid, ID).includes('p0'),
      'the oldest row never rendered at the bottom',
    );
    const last = dataRows(grid).at(-1)!;
    expect(last.getAttribute('aria-rowindex')).to.equal('5001');
    expect(last.getBoundingClientRect().bottom).to.be.at.most(
      table.getBoundingClientRect().bottom + 1,
    );
  });

  it('keeps the header in view while scrolling', async () => {
    const grid = await gridFor(makeStore(1_000));
    await waitForRows(grid);
    const table = scroller(grid);

    table.scrollTop = 5_000;
    await waitUntil(() => !columnTexts(grid, ID).includes('p999'), 'rows did not scroll');

    const headerRow = grid.shadowRoot!.querySelector('.header-row')!;
    expect(headerRow.getBoundingClientRect().top).to.equal(table.getBoundingClientRect().top);
    expect(headers(grid)[0].textContent!.trim()).to.equal('Time (UTC)');
  });

  it('lists oldest first with order="oldest"', async () => {
    const grid = await gridFor(makeStore(3));
    await waitForRows(grid);

    grid.order = 'oldest';

    await waitForTopCell(grid, ID, 'p0');
    expect(columnTexts(grid, ID)).to.deep.equal(['p0', 'p1', 'p2']);
  });
});
