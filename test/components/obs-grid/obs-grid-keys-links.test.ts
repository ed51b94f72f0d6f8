import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import type { GridColumn } from '../../../src/obs-grid.js';
import {
  afterEach,
  beforeEach,
  cellTexts,
  click,
  columnTexts,
  dataRows,
  describe,
  gridFor,
  header,
  it,
  makePoint,
  makeStore,
  press,
  rowWithId,
  waitForRows,
} from './helpers.js';

const CATEGORY = 1;
const VALUE = 3;

function selectedIds(rows: HTMLElement[]): string[] {
  return rows
    .filter((row) => row.getAttribute('aria-selected') === 'true')
    .map((row) => cellTexts(row)[4]);
}

describe('<obs-grid> sort keys, select all and links', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

  it('adds a secondary key on Shift-click', async () => {
    const store = makeStore(0);
    store.append([4, 1, 3, 0, 2, 5].map((n) => makePoint(n)));
    const grid = await gridFor(store);
    await waitForRows(grid);
    const changes: CustomEvent[] = [];
    grid.addEventListener('obs-sort-change', (event) => changes.push(event));

    click(header(grid, 'category'));
    click(header(grid, 'value'), { shiftKey: true });
    click(header(grid, 'value'), { shiftKey: true });
    await waitUntil(() => columnTexts(grid, VALUE).join() === '3,0,5,2,4,1', 'rows not sorted');

    // makePoint cycles categories cpu, memory, disk by n % 3.
    expect(columnTexts(grid, CATEGORY)).to.deep.equal([
      'cpu',
      'cpu',
      'disk',
      'disk',
      'memory',
      'memory',
    ]);
    expect(header(grid, 'category').getAttribute('aria-sort')).to.equal('ascending');
    expect(header(grid, 'value').hasAttribute('aria-sort')).to.equal(false);
    expect(header(grid, 'value').textContent).to.include('sort key 2, descending');
    expect(changes.at(-1)!.detail.keys).to.deep.equal([
      { key: 'category', direction: 'asc' },
      { key: 'value', direction: 'desc' },
    ]);
    expect(grid.sort).to.deep.equal(changes.at(-1)!.detail.keys);

    click(header(grid, 'value'), { shiftKey: true });
    await grid.updateComplete;
    expect(grid.sort).to.deep.equal({ key: 'category', direction: 'asc' });
  });

  it('adds a sort key with Shift-Enter on a header', async () => {
    const grid = await gridFor(makeStore(4));
    await waitForRows(grid);
    grid.sort = { key: 'category', direction: 'asc' };
    await grid.updateComplete;
    press(grid, 'ArrowDown');
    press(grid, 'ArrowUp');
    press(grid, 'ArrowRight');
    press(grid, 'ArrowRight');
    press(grid, 'ArrowRight');

    press(grid, 'Enter', { shiftKey: true });
    await grid.updateComplete;

    expect(grid.sort).to.deep.equal([
      { key: 'category', direction: 'asc' },
      { key: 'value', direction: 'asc' },
    ]);
  });

  it('selects all rows with Ctrl-A', async () => {
    const grid = await gridFor(makeStore(5));
    await waitForRows(grid);
    press(grid, 'ArrowDown');
    const change = oneEvent(grid, 'obs-selection-change');

    press(grid, 'a', { ctrlKey: true });

    const { detail } = (await change) as CustomEvent;
    expect(detail.count).to.equal(5);
    expect(detail.ids).to.have.members(['p0', 'p1', 'p2', 'p3', 'p4']);
    await grid.updateComplete;
    expect(selectedIds(dataRows(grid))).to.deep.equal(['p4', 'p3', 'p2', 'p1', 'p0']);

    press(grid, 'A', { metaKey: true });
    grid.selectionMode = 'single';
    await grid.updateComplete;
    press(grid, 'a', { ctrlKey: true });
    expect(grid.selection.length).to.be.at.most(1);
  });

  it('selects all of a large view in bulk', async () => {
    const store = makeStore(30_000, 30_000);
    const grid = await gridFor(store);
    await waitForRows(grid);
    press(grid, 'ArrowDown');

    press(grid, 'a', { metaKey: true });
    await grid.updateComplete;
    expect(dataRows(grid).every((row) => row.getAttribute('aria-selected') === 'true')).to.equal(
      true,
    );
    click(rowWithId(grid, 'p29998'), { ctrlKey: true });
    await grid.updateComplete;
    expect(rowWithId(grid, 'p29998').getAttribute('aria-selected')).to.equal('false');
    expect(grid.selection.length).to.equal(29_999);

    store.append([makePoint(30_000), makePoint(30_001)]);
    const pruned = oneEvent(grid, 'obs-selection-change');
    expect(((await pruned) as CustomEvent).detail.count).to.equal(29_997);
    await waitUntil(() => grid.rowCount === 30_000, 'new rows never arrived');
    expect(rowWithId(grid, 'p30001').getAttribute('aria-selected')).to.equal('false');
    expect(grid.exportCsv({ rows: 'selection', header: false }).split('\r\n').length).to.equal(
      29_998,
    );
  });

  it('fits a column to its content on double-click of its edge', async () => {
    const store = makeStore(0);
    store.append([makePoint(1, { id: 'a-rather-long-identifier-for-one-point' })]);
    const grid = await gridFor(store);
    // The last column also takes any room left over, so the wide one comes first.
    grid.columns = [
      { key: 'value', width: 600 },
      { key: 'id', width: 40 },
    ];
    await waitForRows(grid);
    const handle = (key: string) =>
      header(grid, key).querySelector<HTMLElement>('[part="resize-handle"]')!;
    const resized = oneEvent(grid, 'obs-column-resize');

    handle('id').dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true }));

    const { detail } = (await resized) as CustomEvent;
    expect(detail.key).to.equal('id');
    expect(detail.width).to.be.within(200, 400);
    await grid.updateComplete;
    const cell = dataRows(grid)[0].querySelectorAll<HTMLElement>('[role="gridcell"]')[1];
    expect(cell.scrollWidth).to.be.at.most(cell.clientWidth);

    handle('value').dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true }));
    await grid.updateComplete;
    expect(header(grid, 'value').getBoundingClientRect().width).to.be.below(100);
    expect(grid.sort).to.equal(null);
  });

  it('renders links only for http, https and relative URLs', async () => {
    const hrefs = [
      'https://example.com/a',
      '/runbooks/cpu',
      'javascript:alert(1)',
      ' java\tscript:alert(1)',
      'data:text/html,<img src=x onerror=alert(1)>',
    ];
    const store = makeStore(0);
    store.append(hrefs.map((href, n) => makePoint(n, { metadata: { href } })));
    const columns: GridColumn[] = [
      {
        key: 'metadata.href',
        formatter: (value) => ({ href: String(value), text: `link ${String(value)}` }),
      },
      {
        key: 'link',
        accessor: (row) => row.metadata?.href,
        formatter: (value) => html`<a href=${String(value)}>open</a>`,
      },
    ];
    const grid = await gridFor(store);
    grid.columns = columns;
    grid.order = 'oldest';
    await waitForRows(grid);
    await waitUntil(() => dataRows(grid).length === hrefs.length, 'rows missing');

    const links = dataRows(grid).map((row) =>
      [...row.querySelectorAll('a')].map((link) => link.getAttribute('href')),
    );

    expect(links).to.deep.equal([
      ['https://example.com/a', 'https://example.com/a'],
      ['/runbooks/cpu', '/runbooks/cpu'],
      [null],
      [null],
      [null],
    ]);
    expect(cellTexts(dataRows(grid)[2])).to.deep.equal(['link javascript:alert(1)', 'open']);
  });

  it('strips an unsafe href a template sets later', async () => {
    const store = makeStore(1);
    const grid = await gridFor(store);
    let target = 'https://example.com';
    grid.columns = [{ key: 'id', formatter: () => html`<a href=${target}>go</a>` }];
    await waitForRows(grid);
    expect(dataRows(grid)[0].querySelector('a')!.getAttribute('href')).to.equal(target);

    target = 'javascript:alert(document.domain)';
    grid.columns = [...grid.columns!];
    await grid.updateComplete;

    await waitUntil(
      () => dataRows(grid)[0].querySelector('a')?.hasAttribute('href') === false,
      'the unsafe href stayed',
    );
  });

  it('passes an axe accessibility check', async () => {
    const store = makeStore(20);
    const element = await fixture(html`<main><obs-grid .store=${store}></obs-grid></main>`);
    const grid = element.querySelector('obs-grid')!;
    await waitForRows(grid);
    click(rowWithId(grid, 'p18'));
    grid.sort = [
      { key: 'category', direction: 'asc' },
      { key: 'value', direction: 'desc' },
    ];
    await grid.updateComplete;
    store.append([makePoint(20)]);
    await waitUntil(
      () => grid.shadowRoot!.querySelector('[part="new-rows"]') !== null,
      'no button',
    );

    await expect(grid).to.be.accessible();
  });
});
