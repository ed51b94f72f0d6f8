import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/obs-chart.js';
import '../../src/obs-grid.js';
import '../../src/obs-stream.js';
import type { ObsChart } from '../../src/components/obs-chart/obs-chart.js';
import type { ObsGrid } from '../../src/components/obs-grid/obs-grid.js';
import type { ObsStream } from '../../src/components/obs-stream/obs-stream.js';
import type { ObsErrorDetail } from '../../src/components/shared/render-boundary.js';

const CHART_STYLE = 'display: block; width: 320px; height: 160px;';

/** Returns a cheap fingerprint of a chart's data canvas, which changes whenever the chart draws new data. */
function canvasHash(chart: ObsChart): number {
  const canvas = chart.shadowRoot?.querySelector<HTMLCanvasElement>('canvas.data');
  if (!canvas || canvas.width === 0) return 0;
  const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
  let hash = 0;
  for (let i = 0; i < pixels.length; i += 4) hash = (hash * 31 + pixels[i] + pixels[i + 1]) | 0;
  return hash;
}

/** Waits until `chart` has drawn something new since `hash`. */
async function keepsDrawing(chart: ObsChart, message: string): Promise<void> {
  const before = canvasHash(chart);
  await waitUntil(() => canvasHash(chart) !== before, message, { timeout: 5000 });
}

function part(element: Element, name: string): HTMLElement | null {
  return element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

async function dashboard(broken: 'grid' | 'chart') {
  const stream = await fixture<ObsStream>(html`
    <obs-stream rate="300">
      <obs-chart id="healthy" window="10" style=${CHART_STYLE}></obs-chart>
      ${
        broken === 'grid'
          ? html`<obs-grid id="broken" style="--obs-grid-height: 200px"></obs-grid>`
          : html`<obs-chart id="broken" window="10" style=${CHART_STYLE}></obs-chart>`
      }
    </obs-stream>
  `);
  const healthy = stream.querySelector<ObsChart>('#healthy')!;
  await waitUntil(() => canvasHash(healthy) !== 0, 'the healthy chart never drew');
  return { stream, healthy, broken: stream.querySelector('#broken')! };
}

describe('failure containment', () => {
  it('contains a throwing grid formatter', async () => {
    const { stream, healthy, broken } = await dashboard('grid');
    const grid = broken as ObsGrid;
    const fired = oneEvent(grid, 'obs-error');

    grid.columns = [
      { key: 'id' },
      {
        key: 'value',
        formatter: () => {
          throw new Error('formatter exploded');
        },
      },
    ];
    const { detail } = (await fired) as CustomEvent<ObsErrorDetail>;
    await grid.updateComplete;
    const received = stream.receivedCount;

    expect(detail.message).to.equal('formatter exploded');
    expect(detail.phase).to.equal("formatter of column 'value'");
    expect(part(grid, 'render-error')!.textContent).to.contain('formatter exploded');
    expect(part(grid, 'render-error-retry')).to.not.equal(null);
    await keepsDrawing(healthy, 'the healthy chart stopped drawing');
    await waitUntil(() => stream.receivedCount > received, 'the stream stopped ingesting');
  });

  it('clears a fixed grid error on retry', async () => {
    const { broken } = await dashboard('grid');
    const grid = broken as ObsGrid;
    const fired = oneEvent(grid, 'obs-error');
    grid.columns = [
      {
        key: 'value',
        formatter: () => {
          throw new Error('formatter exploded');
        },
      },
    ];
    await fired;
    await grid.updateComplete;

    grid.columns = [{ key: 'value', formatter: (value) => `v=${String(value)}` }];
    part(grid, 'render-error-retry')!.click();
    await waitUntil(() => part(grid, 'render-error') === null, 'the banner stayed');
    await waitUntil(
      () => grid.shadowRoot!.querySelector('[role="gridcell"]')?.textContent?.includes('v='),
      'the fixed formatter never rendered',
    );
  });

  it('contains an undrawable chart configuration', async () => {
    const { stream, healthy, broken } = await dashboard('chart');
    const chart = broken as ObsChart;
    const { proxy, revoke } = Proxy.revocable({ value: 50 }, {});
    revoke();
    const fired = oneEvent(chart, 'obs-error');

    // A threshold from a revoked proxy, as a framework can leave behind, throws on every read.
    chart.thresholds = [proxy];
    const { detail } = (await fired) as CustomEvent<ObsErrorDetail>;
    await chart.updateComplete;
    const received = stream.receivedCount;

    expect(detail.phase).to.equal('draw');
    expect(detail.fatal).to.equal(true);
    expect(detail.message).to.contain('revoked');
    expect(part(chart, 'render-error')!.getAttribute('role')).to.equal('alert');
    expect(part(chart, 'render-error-message')!.textContent).to.contain('revoked');
    expect(chart.shadowRoot!.querySelector('canvas.data')).to.equal(null);
    await keepsDrawing(healthy, 'the healthy chart stopped drawing');
    await waitUntil(() => stream.receivedCount > received, 'the stream stopped ingesting');
  });

  it('redraws a fixed chart on retry', async () => {
    const { broken } = await dashboard('chart');
    const chart = broken as ObsChart;
    const { proxy, revoke } = Proxy.revocable({ value: 50 }, {});
    revoke();
    const fired = oneEvent(chart, 'obs-error');
    chart.thresholds = [proxy];
    await fired;
    await chart.updateComplete;

    chart.thresholds = [{ value: 50, label: 'limit' }];
    part(chart, 'render-error-retry')!.click();
    await waitUntil(() => canvasHash(chart) !== 0, 'the chart never drew again');

    expect(part(chart, 'render-error')).to.equal(null);
  });

  it('keeps a persistent failure visible', async () => {
    const { broken } = await dashboard('chart');
    const chart = broken as ObsChart;
    const { proxy, revoke } = Proxy.revocable({ value: 50 }, {});
    revoke();
    const first = oneEvent(chart, 'obs-error');
    chart.thresholds = [proxy];
    await first;
    await chart.updateComplete;
    const second = oneEvent(chart, 'obs-error');

    part(chart, 'render-error-retry')!.click();
    await second;
    await chart.updateComplete;

    expect(part(chart, 'render-error')).to.not.equal(null);
  });
});
