import { expect, waitUntil } from '@open-wc/testing';
import type { Point } from '../../../src/core/index.js';
import type { ObsChart } from '../../../src/components/obs-chart/obs-chart.js';
import { LEGEND_MAX_ITEMS } from '../../../src/components/obs-chart/chart-legend.js';
import {
  chartFor,
  dataCanvas,
  describe,
  it,
  legendTexts,
  makePoint,
  makeStore,
} from './helpers.js';

/** Makes one point in each of `count` categories, named `series-0` onward. */
function manySeries(count: number): Point[] {
  const points: Point[] = [];
  for (let i = 0; i < count; i++) points.push(makePoint(i % 60, i % 100, `series-${i}`));
  return points;
}

function legendButtons(chart: ObsChart): HTMLButtonElement[] {
  return [...chart.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="legend-item"] button')];
}

function moreItem(chart: ObsChart): HTMLElement | null {
  return chart.shadowRoot!.querySelector<HTMLElement>('[part="legend-more"]');
}

describe('<obs-chart> legend with many series', () => {
  it('lists the first series and counts the rest', async () => {
    const chart = await chartFor(makeStore(manySeries(5_000)));
    await waitUntil(() => legendTexts(chart).length > 0, 'the legend never appeared');

    expect(legendTexts(chart).length).to.equal(LEGEND_MAX_ITEMS);
    expect(legendTexts(chart)[0]).to.equal('series-0 0');
    expect(moreItem(chart)?.textContent?.trim()).to.equal('+ 4,950 more');
  });

  it('leaves the plot a usable height', async () => {
    const chart = await chartFor(makeStore(manySeries(5_000)));
    await waitUntil(() => legendTexts(chart).length > 0, 'the legend never appeared');

    const chartBox = chart.getBoundingClientRect();
    const legendBox = chart.shadowRoot!.querySelector('[part="legend"]')!.getBoundingClientRect();
    expect(dataCanvas(chart).getBoundingClientRect().height).to.be.greaterThan(100);
    expect(legendBox.bottom).to.be.at.most(chartBox.bottom);
  });

  it('hides a listed series on click', async () => {
    const chart = await chartFor(makeStore(manySeries(5_000)));
    await waitUntil(() => legendButtons(chart).length > 0, 'the legend never appeared');
    const last = LEGEND_MAX_ITEMS - 1;

    legendButtons(chart)[last].click();

    await waitUntil(
      () => legendButtons(chart)[last].getAttribute('aria-pressed') === 'false',
      'the last listed series was not hidden',
    );
    expect(moreItem(chart)?.textContent?.trim()).to.equal('+ 4,950 more');
  });

  it('has no count when every series is listed', async () => {
    const chart = await chartFor(makeStore(manySeries(LEGEND_MAX_ITEMS)));
    await waitUntil(() => legendTexts(chart).length > 0, 'the legend never appeared');

    expect(legendTexts(chart).length).to.equal(LEGEND_MAX_ITEMS);
    expect(moreItem(chart)).to.equal(null);
  });
});
