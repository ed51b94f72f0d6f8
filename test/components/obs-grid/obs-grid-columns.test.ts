import { expect, html, waitUntil } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import type { GridColumn } from '../../../src/components/obs-grid/obs-grid.js';
import type { Point } from '../../../src/core/types.js';
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
  waitForRows,
  waitForTopCell,
} from './helpers.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

/** Replaces console.warn while `body` runs and returns the messages it received. */
async function captureWarnings(body: () => Promise<void>): Promise<string[]> {
  const original = console.warn;
  const messages: string[] = [];
  console.warn = (...args: unknown[]) => messages.push(args.map(String).join(' '));
  try {
    await body();
  } finally {
    console.warn = original;
  }
  return messages;
}

describe('<obs-grid> columns', () => {
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach, { suppressErrorLogging: true });

  it('shows metadata, formatter and accessor columns', async () => {
    const store = makeStore(0);
    store.append([
      makePoint(1, { metadata: { region: 'eu-west', retries: 2 } }),
      makePoint(2, { metadata: { region: 'us-east' } }),
    ]);
    const grid = await gridFor(store);
    const columns: GridColumn[] = [
      { key: 'metadata.region', label: 'Region', width: 90 },
      { key: 'metadata.retries', label: 'Retries', align: 'end' },
      { key: 'value', label: 'Value', formatter: (value) => `${Number(value).toFixed(2)} %` },
      { key: 'double', label: 'Twice', accessor: (row: Point) => row.value * 2 },
    ];

    grid.columns = columns;
    await waitForTopCell(grid, 0, 'us-east');

    expect(headers(grid).map((cell) => cell.textContent!.trim())).to.deep.equal([
      'Region',
      'Retries',
      'Value',
      'Twice',
    ]);
    expect(cellTexts(dataRows(grid)[0])).to.deep.equal(['us-east', '\u2014', '2.00 %', '4']);
    expect(cellTexts(dataRows(grid)[1])).to.deep.equal(['eu-west', '2', '1.00 %', '2']);
    expect(header(grid, 'metadata.region').getBoundingClientRect().width).to.equal(90);
    // The retries column requests end alignment, and value columns default to it.
    expect(dataRows(grid)[0].querySelectorAll('.align-end')).to.have.length(2);
  });

  it('sorts by a metadata column and an accessor column', async () => {
    const store = makeStore(0);
    store.append([
      makePoint(1, { metadata: { region: 'b' } }),
      makePoint(2, { metadata: { region: 'a' } }),
      makePoint(3),
    ]);
    const grid = await gridFor(store);
    grid.columns = [
      { key: 'metadata.region' },
      { key: 'negated', accessor: (row: Point) => -row.value },
    ];
    await waitForRows(grid);

    header(grid, 'metadata.region').click();
    await waitForTopCell(grid, 0, 'a');
    expect(columnTexts(grid, 0)).to.deep.equal(['a', 'b', '\u2014']);

    header(grid, 'negated').click();
    await waitForTopCell(grid, 1, '-3');
    expect(columnTexts(grid, 1)).to.deep.equal(['-3', '-2', '-1']);
  });

  it('contains a throwing formatter', async () => {
    const grid = await gridFor(makeStore(3));
    const warnings = await captureWarnings(async () => {
      grid.columns = [
        { key: 'id' },
        {
          key: 'value',
          formatter: (value) => {
            if (value === 1) throw new Error('bad value');
            return `v${String(value)}`;
          },
        },
      ];
      await waitForTopCell(grid, 0, 'p2');
    });

    expect(columnTexts(grid, 1)).to.deep.equal(['v2', '#ERROR', 'v0']);
    expect(dataRows(grid)[1].querySelector('.error')!.getAttribute('title')).to.equal(
      'Formatter failed: bad value',
    );
    expect(warnings.filter((message) => message.includes('bad value'))).to.have.length(1);
  });

  it('renders a template from a formatter', async () => {
    const grid = await gridFor(makeStore(2));

    grid.columns = [{ key: 'id', formatter: (value) => html`<strong>${String(value)}</strong>` }];
    await waitForTopCell(grid, 0, 'p1');

    expect(dataRows(grid)[0].querySelector('strong')!.textContent).to.equal('p1');
  });

  it('renders hostile strings as text', async () => {
    const store = makeStore(0);
    store.append([
      makePoint(1, {
        id: HOSTILE,
        category: HOSTILE,
        source: 'javascript:alert(1)',
        metadata: { note: HOSTILE },
      }),
    ]);
    const grid = await gridFor(store);
    grid.columns = [
      { key: 'id' },
      { key: 'category' },
      { key: 'source' },
      { key: 'metadata.note' },
      { key: 'echo', formatter: (_value, row) => row.category },
      { key: 'label', label: HOSTILE },
    ];

    await waitForTopCell(grid, 0, HOSTILE);

    expect(grid.shadowRoot!.querySelector('img')).to.equal(null);
    expect(grid.shadowRoot!.querySelector('a')).to.equal(null);
    expect(cellTexts(dataRows(grid)[0]).slice(0, 5)).to.deep.equal([
      HOSTILE,
      HOSTILE,
      'javascript:alert(1)',
      HOSTILE,
      HOSTILE,
    ]);
    expect(header(grid, 'label').textContent!.trim()).to.equal(HOSTILE);
  });

  it('never reads metadata keys from the prototype', async () => {
    const store = makeStore(0);
    store.append([
      makePoint(1, { metadata: JSON.parse('{"__proto__": "own value"}') }),
      makePoint(2, { metadata: {} }),
    ]);
    const grid = await gridFor(store);

    grid.columns = [{ key: 'id' }, { key: 'metadata.__proto__' }, { key: 'metadata.toString' }];
    await waitForTopCell(grid, 0, 'p2');

    expect(columnTexts(grid, 1)).to.deep.equal(['\u2014', 'own value']);
    expect(columnTexts(grid, 2)).to.deep.equal(['\u2014', '\u2014']);
  });

  it('falls back to defaults on invalid columns', async () => {
    const grid = await gridFor(makeStore(2));
    await waitForRows(grid);

    const warnings = await captureWarnings(async () => {
      grid.columns = 'id' as unknown as GridColumn[];
      await grid.updateComplete;
    });

    expect(headers(grid)).to.have.length(5);
    expect(warnings.some((message) => message.includes('columns must be an array'))).to.equal(true);
  });

  it('drops columns without a usable key', async () => {
    const grid = await gridFor(makeStore(2));

    grid.columns = [
      { key: 'id' },
      null,
      { label: 'no key' },
      { key: 42 },
      { key: 'id', label: 'again' },
      { key: 'value', width: Number.NaN },
      { key: 'category', width: 1e9 },
    ] as unknown as GridColumn[];
    await grid.updateComplete;

    expect(headers(grid).map((cell) => cell.dataset.key)).to.deep.equal([
      'id',
      'value',
      'category',
    ]);
    expect(header(grid, 'value').getBoundingClientRect().width).to.equal(140);
    expect(header(grid, 'category').getBoundingClientRect().width).to.equal(4000);
  });

  it('formats times, gaps and large numbers', async () => {
    const store = makeStore(0);
    store.append([
      makePoint(1, { timestamp: Date.UTC(1999, 11, 31, 23, 59, 59, 7), value: 1 / 3 }),
      makePoint(2, { timestamp: 0, value: 12345678.9 }),
      makePoint(3, { value: NaN }),
    ]);
    const grid = await gridFor(store);
    grid.columns = [{ key: 'timestamp' }, { key: 'value' }];

    await waitForTopCell(grid, 1, '\u2014');

    expect(columnTexts(grid, 0).slice(1)).to.deep.equal([
      '1970-01-01 00:00:00.000',
      '1999-12-31 23:59:59.007',
    ]);
    expect(columnTexts(grid, 1)).to.deep.equal(['\u2014', '12345700', '0.333333']);
  });

  it('ignores a sort on an unknown or unsortable column', async () => {
    const grid = await gridFor(makeStore(3));
    grid.columns = [{ key: 'id' }, { key: 'value', sortable: false }];
    await waitForRows(grid);

    header(grid, 'value').click();
    grid.sort = { key: 'missing', direction: 'asc' };
    await grid.updateComplete;

    expect(header(grid, 'value').hasAttribute('aria-sort')).to.equal(false);
    expect(header(grid, 'value').classList.contains('sortable')).to.equal(false);
    await waitUntil(() => columnTexts(grid, 0)[0] === 'p2', 'rows left arrival order');
  });
});
