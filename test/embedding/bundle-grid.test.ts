// Scrolling <obs-grid> through the shipped module bundle, dist/observatory.min.js. The bundle
// shortens the private property names of @lit-labs/virtualizer, so its rows are rendered here
// by renamed code, not by the package as the tests of the element sources load it.
import { expect, waitUntil } from '@open-wc/testing';
import type { ObsGrid } from '../../src/components/obs-grid/obs-grid.js';
import type { ObsErrorDetail } from '../../src/components/shared/render-boundary.js';
import { importBundle, uncaught } from './support/bundle.js';

const POINTS = 2000;
const FIRST_ID = 'p0';
const LAST_ID = `p${POINTS - 1}`;

let bundle: Awaited<ReturnType<typeof importBundle>>;

before(async () => {
  bundle = await importBundle();
});

afterEach(() => {
  document.body.replaceChildren();
  uncaught.length = 0;
});

/** Returns the scroll container of the rows. */
function scroller(grid: ObsGrid): HTMLElement {
  return grid.shadowRoot!.querySelector<HTMLElement>('[role="grid"]')!;
}

/** Cell texts of every rendered data row. */
function renderedRows(grid: ObsGrid): string[][] {
  const rows = grid.shadowRoot?.querySelectorAll('.rows [role="row"]') ?? [];
  return [...rows].map((row) =>
    [...row.querySelectorAll('[role="gridcell"]')].map((cell) => cell.textContent!.trim()),
  );
}

function showsId(grid: ObsGrid, id: string): boolean {
  return renderedRows(grid).some((cells) => cells.includes(id));
}

/** Renders a bundled grid, 300 pixels high, over POINTS points, and waits for its rows. */
async function bundledGrid(): Promise<ObsGrid> {
  expect(customElements.get('obs-grid'), 'obs-grid from the bundle').to.be.a('function');
  const store = new bundle.Store({ capacity: POINTS });
  const start = Date.UTC(2024, 0, 1);
  store.append(
    Array.from({ length: POINTS }, (_, index) => ({
      id: `p${index}`,
      timestamp: start + index * 1000,
      value: index,
      category: 'cpu',
      source: 'host-a',
    })),
  );
  const grid = document.createElement('obs-grid') as ObsGrid;
  grid.style.cssText = 'display: block; width: 600px; --obs-grid-height: 300px;';
  grid.store = store;
  document.body.append(grid);
  await waitUntil(() => renderedRows(grid).length > 3, 'the bundled grid rendered no rows');
  return grid;
}

describe('<obs-grid> scrolling in the module bundle', () => {
  it('renders the rows at the far end', async () => {
    const grid = await bundledGrid();
    const errors: string[] = [];
    grid.addEventListener('obs-error', (event) => {
      errors.push((event as CustomEvent<ObsErrorDetail>).detail.message);
    });
    const firstShown = showsId(grid, FIRST_ID);
    const lastShown = showsId(grid, LAST_ID);
    expect([firstShown, lastShown], 'rendered ends of 2000 rows').not.to.deep.equal([true, true]);
    const farId = firstShown ? LAST_ID : FIRST_ID;

    scroller(grid).scrollTop = scroller(grid).scrollHeight;

    await waitUntil(() => showsId(grid, farId), `row ${farId} was not rendered after scrolling`);
    expect(renderedRows(grid).length).to.be.lessThan(200);
    expect(errors).to.deep.equal([]);
    expect(uncaught).to.deep.equal([]);
  });
});
