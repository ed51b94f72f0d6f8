import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/obs-chart.js';
import '../../src/obs-filter.js';
import '../../src/obs-grid.js';
import '../../src/obs-stream.js';
import type { ObsChart } from '../../src/components/obs-chart/obs-chart.js';
import type { ObsFilter } from '../../src/components/obs-filter/obs-filter.js';
import type { ObsGrid } from '../../src/components/obs-grid/obs-grid.js';
import type { ObsStream } from '../../src/components/obs-stream/obs-stream.js';
import type { Point } from '../../src/core/types.js';

const CATEGORIES = ['cpu', 'memory', 'disk'];
const T0 = Date.UTC(2024, 0, 1);

/** 30 points a minute apart: three categories in turn, two sources, values spread over 0 to 99. */
function makePoints(): Point[] {
  return Array.from({ length: 30 }, (_, i) => ({
    id: `pt-${i}`,
    timestamp: T0 + i * 60_000,
    value: (i * 37) % 100,
    category: CATEGORIES[i % 3],
    source: i % 2 === 0 ? 'web-1' : 'web-2',
  }));
}

const SERIES_COLORS = ['rgb(255, 0, 0)', 'rgb(0, 0, 255)', 'rgb(0, 160, 0)'];
const CHART_STYLE = [
  'display: block; width: 640px; height: 240px',
  '--obs-chart-background: rgb(255, 255, 255)',
  ...SERIES_COLORS.map((color, slot) => `--obs-series-${slot}: ${color}`),
].join('; ');

interface Dashboard {
  filter: ObsFilter;
  chart: ObsChart;
  grid: ObsGrid;
  points: Point[];
}

/**
 * Renders a stream with a filter, a grid and a scatter chart by category, and
 * feeds it 30 known points. The page is tall enough for the grid to render all
 * 30 rows at once.
 */
async function dashboard(): Promise<Dashboard> {
  await setViewport({ width: 1280, height: 2000 });
  const stream = await fixture<ObsStream>(html`
    <obs-stream theme="light">
      <obs-filter></obs-filter>
      <obs-grid style="--obs-grid-height: 1000px"></obs-grid>
      <obs-chart
        type="scatter"
        series-by="category"
        label="Metrics"
        style=${CHART_STYLE}
      ></obs-chart>
    </obs-stream>
  `);
  // Without a url the stream runs its generator; stop it so only the known points are held.
  stream.disconnect();
  stream.store.clear();
  const points = makePoints();
  stream.injectPoints(points);
  await waitUntil(() => stream.store.size === points.length, 'points never appended');
  const filter = stream.querySelector('obs-filter') as ObsFilter;
  const chart = stream.querySelector('obs-chart') as ObsChart;
  const grid = stream.querySelector('obs-grid') as ObsGrid;
  await Promise.all([filter.updateComplete, chart.updateComplete, grid.updateComplete]);
  return { filter, chart, grid, points };
}

function gridRowCount(grid: ObsGrid): number {
  const root = grid.shadowRoot?.querySelector('[role="grid"]');
  return Number(root?.getAttribute('aria-rowcount')) - 1;
}

/** Ids in the grid's rendered rows, read from the Id column. */
function gridIds(grid: ObsGrid): string[] {
  const root = grid.shadowRoot as ShadowRoot;
  const headers = [...root.querySelectorAll('[role="columnheader"]')];
  const idColumn = headers.findIndex((header) => header.textContent?.trim().startsWith('Id'));
  return [...root.querySelectorAll('[role="row"][aria-rowindex]')]
    .filter((row) => row.getAttribute('aria-rowindex') !== '1')
    .map((row) => row.querySelectorAll('[role="gridcell"]')[idColumn]?.textContent?.trim() ?? '')
    .sort();
}

interface LegendEntry {
  name: string;
  latest: string;
  color: string;
}

function legend(chart: ObsChart): LegendEntry[] {
  const items = chart.shadowRoot?.querySelectorAll('[part="legend-item"]') ?? [];
  return [...items].map((item) => ({
    name: item.querySelector('.name')?.textContent?.trim() ?? '',
    latest: item.querySelector('.value')?.textContent?.trim() ?? '',
    color: getComputedStyle(item.querySelector('.swatch') as Element).backgroundColor,
  }));
}

function chartSummary(chart: ObsChart): string {
  return chart.shadowRoot?.querySelector('canvas.overlay')?.getAttribute('aria-label') ?? '';
}

/** Dots of one colour on the data canvas: runs of consecutive pixel columns that hold it. */
function dotsOf(chart: ObsChart, color: string): number {
  const canvas = chart.shadowRoot?.querySelector<HTMLCanvasElement>('canvas.data');
  if (!canvas || canvas.width === 0) return 0;
  const [r, g, b] = (color.match(/\d+/g) ?? []).map(Number);
  const { data, width, height } = canvas
    .getContext('2d')!
    .getImageData(0, 0, canvas.width, canvas.height);
  let dots = 0;
  let inDot = false;
  for (let x = 0; x < width; x++) {
    let found = false;
    for (let y = 0; y < height && !found; y++) {
      const i = (y * width + x) * 4;
      found =
        Math.abs(data[i] - r) < 60 &&
        Math.abs(data[i + 1] - g) < 60 &&
        Math.abs(data[i + 2] - b) < 60;
    }
    if (found && !inDot) dots++;
    inDot = found;
  }
  return dots;
}

function part<T extends Element = HTMLElement>(root: ParentNode, name: string): T {
  const found = root.querySelector<T>(`[part~="${name}"]`);
  if (found === null) throw new Error(`no element with part '${name}'`);
  return found;
}

/** What the chart and the grid must show for the points a predicate selects. */
function expectedView(points: Point[], selects: (point: Point) => boolean) {
  const rows = points.filter(selects);
  const byCategory = new Map<string, Point[]>();
  for (const point of rows) {
    byCategory.set(point.category, [...(byCategory.get(point.category) ?? []), point]);
  }
  return { ids: rows.map((point) => point.id).sort(), byCategory };
}

/**
 * Waits until the grid renders exactly `ids` and the legend lists `series`
 * series, or 5 seconds pass; the checks after it then report what differs.
 */
async function settled(view: Dashboard, ids: string[], series: number): Promise<void> {
  const shown = () =>
    JSON.stringify(gridIds(view.grid)) === JSON.stringify(ids) &&
    legend(view.chart).length === series;
  await waitUntil(shown, '', { timeout: 5000 }).catch(() => undefined);
  // The chart draws on the animation frame after its legend changed.
  await new Promise((resolve) => requestAnimationFrame(resolve));
  await new Promise((resolve) => requestAnimationFrame(resolve));
}

async function checkShows(view: Dashboard, selects: (point: Point) => boolean): Promise<void> {
  const { ids, byCategory } = expectedView(view.points, selects);
  await settled(view, ids, byCategory.size);

  expect(gridRowCount(view.grid), 'grid aria-rowcount').to.equal(ids.length);
  expect(gridIds(view.grid), 'grid rows').to.deep.equal(ids);
  const entries = legend(view.chart);
  expect(entries.map((entry) => entry.name).sort(), 'legend').to.deep.equal(
    [...byCategory.keys()].sort(),
  );
  for (const entry of entries) {
    const rows = byCategory.get(entry.name) ?? [];
    const latest = String(rows[rows.length - 1].value);
    expect(entry.latest, `latest ${entry.name}`).to.equal(latest);
    expect(chartSummary(view.chart), 'chart summary').to.contain(`${entry.name} ${latest}`);
    expect(dotsOf(view.chart, entry.color), `dots of ${entry.name}`).to.equal(rows.length);
  }
  // A colour no legend entry uses draws nothing, so a filtered-out series left no dots.
  for (const color of SERIES_COLORS) {
    if (!entries.some((entry) => entry.color === color)) {
      expect(dotsOf(view.chart, color), `dots of unused ${color}`).to.equal(0);
    }
  }
}

describe('<obs-filter> with <obs-chart> and <obs-grid>', () => {
  it('shows every point before a filter', async () => {
    const view = await dashboard();

    await checkShows(view, () => true);
  });

  it('shows the rows a built filter selects', async () => {
    const view = await dashboard();
    const root = view.filter.shadowRoot as ShadowRoot;
    part(root, 'add').click();
    await view.filter.updateComplete;
    const first = part(root, 'condition');
    const field = part<HTMLSelectElement>(first, 'field');
    field.value = 'category';
    field.dispatchEvent(new Event('change'));
    await view.filter.updateComplete;
    const operator = part<HTMLSelectElement>(first, 'operator');
    operator.value = 'in';
    operator.dispatchEvent(new Event('change'));
    await view.filter.updateComplete;
    for (const name of ['cpu', 'disk']) {
      const label = [...first.querySelectorAll('[part~="choice"]')].find(
        (choice) => choice.querySelector('.choice-name')?.textContent === name,
      );
      label?.querySelector('input')?.click();
      await view.filter.updateComplete;
    }
    part(root, 'add').click();
    await view.filter.updateComplete;
    const second = root.querySelectorAll<HTMLElement>('[part~="condition"]')[1];
    const value = part<HTMLInputElement>(second, 'value');
    value.focus();
    await sendKeys({ type: '50' });
    part(root, 'apply').click();

    await checkShows(view, (p) => (p.category === 'cpu' || p.category === 'disk') && p.value > 50);
  });

  it('shows the rows of a typed query, then of none', async () => {
    const view = await dashboard();
    const input = part<HTMLInputElement>(view.filter.shadowRoot as ShadowRoot, 'query-input');
    input.focus();
    await sendKeys({ type: 'not (category = memory) and value between 20 and 70' });
    await sendKeys({ press: 'Enter' });

    await checkShows(view, (p) => p.category !== 'memory' && p.value >= 20 && p.value <= 70);

    input.select();
    await sendKeys({ type: 'value > 1000' });
    await sendKeys({ press: 'Enter' });

    await checkShows(view, () => false);
    expect(view.chart.shadowRoot?.querySelector('[part="empty"]')?.textContent).to.contain(
      'No points match the filter',
    );
  });

  it('shows every point again after Clear', async () => {
    const view = await dashboard();
    view.filter.criteria = {
      logic: 'and',
      conditions: [{ field: 'source', op: 'eq', value: 'web-2' }],
    };
    await checkShows(view, (p) => p.source === 'web-2');

    part(view.filter.shadowRoot as ShadowRoot, 'clear').click();

    await checkShows(view, () => true);
  });
});
