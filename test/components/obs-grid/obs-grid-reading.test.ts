import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import type { ObsGrid } from '../../../src/obs-grid.js';
import {
  afterEach,
  beforeEach,
  click,
  describe,
  gridFor,
  it,
  makePoint,
  makeStore,
  rowWithId,
  scroller,
  visibleRows,
  waitForRows,
  waitForTopCell,
} from './helpers.js';

const ID = 4;

function newRowsButton(grid: ObsGrid): HTMLButtonElement | null {
  return grid.shadowRoot!.querySelector<HTMLButtonElement>('[part="new-rows"]');
}

function buttonText(grid: ObsGrid): string | undefined {
  return newRowsButton(grid)?.textContent?.trim();
}

function hover(grid: ObsGrid, inside: boolean): void {
  grid.dispatchEvent(new PointerEvent(inside ? 'pointerenter' : 'pointerleave'));
}

function copyText(grid: ObsGrid): string {
  const clipboardData = new DataTransfer();
  scroller(grid).dispatchEvent(
    new ClipboardEvent('copy', { clipboardData, bubbles: true, composed: true, cancelable: true }),
  );
  return clipboardData.getData('text/plain');
}

describe('<obs-grid> reading while data streams', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

  it('holds rows under the pointer', async () => {
    const store = makeStore(500, 1_000);
    const grid = await gridFor(store);
    await waitForTopCell(grid, ID, 'p499');

    hover(grid, true);
    store.append([makePoint(500), makePoint(501), makePoint(502)]);

    await waitUntil(() => buttonText(grid) === '\u2191 3 new rows', `saw '${buttonText(grid)}'`);
    await waitForTopCell(grid, ID, 'p499');
    expect(grid.follow).to.equal(true);

    hover(grid, false);
    await waitForTopCell(grid, ID, 'p502');
    await grid.updateComplete;
    expect(newRowsButton(grid)).to.equal(null);
  });

  it('holds rows while a row is selected', async () => {
    const store = makeStore(500, 1_000);
    const grid = await gridFor(store);
    await waitForTopCell(grid, ID, 'p499');
    click(rowWithId(grid, 'p497'));

    store.append([makePoint(500)]);
    await waitUntil(() => buttonText(grid) === '\u2191 1 new row', `saw '${buttonText(grid)}'`);
    await waitForTopCell(grid, ID, 'p499');
    store.append([makePoint(501)]);
    await waitUntil(() => buttonText(grid) === '\u2191 2 new rows', `saw '${buttonText(grid)}'`);

    newRowsButton(grid)!.click();

    await waitForTopCell(grid, ID, 'p501');
    await grid.updateComplete;
    expect(newRowsButton(grid)).to.equal(null);
    expect(grid.selection).to.deep.equal(['p497']);
  });

  it('counts new rows after scrolling away and jumps back', async () => {
    const store = makeStore(500, 1_000);
    const grid = await gridFor(store);
    await waitForRows(grid);
    scroller(grid).scrollTop = 28 * 100;
    await waitUntil(() => grid.follow === false, 'follow stayed on');

    store.append([makePoint(500), makePoint(501)]);
    await waitUntil(() => buttonText(grid) === '\u2191 2 new rows', `saw '${buttonText(grid)}'`);
    const resumed = oneEvent(grid, 'obs-follow-change');
    newRowsButton(grid)!.click();

    expect(((await resumed) as CustomEvent).detail).to.deep.equal({ follow: true });
    await waitForTopCell(grid, ID, 'p501');
    store.append([makePoint(502)]);
    await waitForTopCell(grid, ID, 'p502');
  });

  it('points the new-rows button down for oldest first', async () => {
    const store = makeStore(500, 1_000);
    const grid = await gridFor(store);
    grid.order = 'oldest';
    await waitUntil(
      () => visibleRows(grid).some((row) => row.textContent!.includes('p499')),
      'the newest row was not in view',
    );
    hover(grid, true);

    store.append([makePoint(500)]);

    await waitUntil(() => buttonText(grid) === '\u2193 1 new row', `saw '${buttonText(grid)}'`);
    const box = newRowsButton(grid)!.getBoundingClientRect();
    const headerRow = grid.shadowRoot!.querySelector<HTMLElement>('[part="header-row"]')!;
    const headerBox = headerRow.getBoundingClientRect();
    expect(box.top).to.be.at.least(headerBox.top);
    expect(box.bottom).to.be.at.most(headerBox.bottom);
  });

  it('copies selected rows as tab-separated text', async () => {
    const store = makeStore(5);
    store.append([makePoint(5, { category: '=1+1', source: 'a\tb' })]);
    const grid = await gridFor(store);
    await waitForRows(grid);

    expect(copyText(grid)).to.equal('');
    click(rowWithId(grid, 'p1'));
    click(rowWithId(grid, 'p5'), { ctrlKey: true });
    await grid.updateComplete;

    expect(copyText(grid)).to.equal(
      "2024-05-01 12:00:05.000\t'=1+1\ta b\t5\tp5\n" +
        '2024-05-01 12:00:01.000\tmemory\thost-1\t1\tp1',
    );
  });

  it('exports the view and the selection as CSV', async () => {
    const store = makeStore(3);
    store.append([makePoint(3, { category: 'say "hi", <img src=x onerror=alert(1)>' })]);
    const grid = await gridFor(store);
    grid.columns = [{ key: 'id', label: 'Id' }, { key: 'category' }, { key: 'value' }];
    grid.sort = { key: 'value', direction: 'asc' };
    await waitForRows(grid);

    expect(grid.exportCsv()).to.equal(
      'Id,category,value\r\np0,cpu,0\r\np1,memory,1\r\np2,disk,2\r\n' +
        'p3,"say ""hi"", <img src=x onerror=alert(1)>",3\r\n',
    );
    expect(grid.exportCsv({ rows: 'selection' })).to.equal('Id,category,value\r\n');

    click(rowWithId(grid, 'p2'));
    click(rowWithId(grid, 'p0'), { ctrlKey: true });
    expect(grid.exportCsv({ rows: 'selection', header: false })).to.equal(
      'p0,cpu,0\r\np2,disk,2\r\n',
    );
  });

  it('renders streamed batches once per frame', async () => {
    const store = makeStore(10, 1_000);
    const grid = await gridFor(store);
    await waitForRows(grid);
    let renders = 0;
    const render = (grid as unknown as { render(): unknown }).render.bind(grid);
    (grid as unknown as { render(): unknown }).render = () => {
      renders++;
      return render();
    };

    for (let n = 10; n < 60; n++) store.append([makePoint(n)]);
    await waitForTopCell(grid, ID, 'p59');

    expect(renders).to.be.at.most(2);
  });

  it('exports nothing without a store', async () => {
    const grid = await gridFor(null);

    expect(grid.exportCsv()).to.equal('');
  });
});
