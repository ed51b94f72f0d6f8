import { expect, waitUntil } from '@open-wc/testing';
import type { ObsChart } from '../../../src/components/obs-chart/obs-chart.js';
import {
  BLUE,
  captureWarnings,
  chartFor,
  columnsWithColor,
  countColor,
  dataCanvas,
  describe,
  GREEN,
  it,
  legendTexts,
  makePoint,
  makeSeries,
  makeStore,
  nextFrame,
  RED,
  runs,
  settle,
  waitForColor,
} from './helpers.js';

/** Red at 25% opacity over white: the fill under an area series. */
const RED_FILL: [number, number, number] = [255, 191, 191];

function legendButton(chart: ObsChart, index: number): HTMLButtonElement {
  return chart.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="legend-item"] button')[
    index
  ];
}

describe('<obs-chart> types', () => {
  it('fills an area toward zero', async () => {
    const chart = await chartFor(makeStore(makeSeries([5, 5, 5, 5, 5])), { type: 'area' });
    await waitForColor(chart, RED, 'the area line never appeared');

    expect(countColor(dataCanvas(chart), RED_FILL, 12)).to.be.greaterThan(20_000);
  });

  it('leaves a line unfilled', async () => {
    const chart = await chartFor(makeStore(makeSeries([5, 5, 5, 5, 5])));
    await waitForColor(chart, RED, 'the line never appeared');

    // Only the anti-aliased edges of the line come near the fill colour.
    expect(countColor(dataCanvas(chart), RED_FILL, 12)).to.be.lessThan(2000);
  });

  it('draws one bar per point', async () => {
    const chart = await chartFor(makeStore(makeSeries([2, 4, 6, 8])), { type: 'bar' });
    await waitForColor(chart, RED, 'the bars never appeared');

    const bars = runs(columnsWithColor(dataCanvas(chart), RED));

    expect(bars.length).to.equal(4);
  });

  it('grows bars from zero', async () => {
    const chart = await chartFor(makeStore(makeSeries([2, 4, 6, 8])), { type: 'bar' });
    await waitForColor(chart, RED, 'the bars never appeared');
    const canvas = dataCanvas(chart);
    const bars = runs(columnsWithColor(canvas, RED));
    const column = bars[0][Math.floor(bars[0].length / 2)];
    const { data } = canvas.getContext('2d')!.getImageData(column, 0, 1, canvas.height);
    const redRows: number[] = [];
    for (let row = 0; row < canvas.height; row++) {
      if (data[row * 4] > 200 && data[row * 4 + 1] < 80) redRows.push(row);
    }

    // The first bar reaches 2 of 8 on a 0 to 8 axis: about a quarter of the plot height.
    expect(redRows.length).to.be.greaterThan(canvas.height * 0.15);
    expect(redRows.length).to.be.lessThan(canvas.height * 0.35);
  });

  it('draws one dot per point for scatter', async () => {
    const chart = await chartFor(makeStore(makeSeries([1, 5, 2, 8, 3])), { type: 'scatter' });
    await waitForColor(chart, RED, 'the dots never appeared');

    const dots = runs(columnsWithColor(dataCanvas(chart), RED));

    expect(dots.length).to.equal(5);
  });

  it('falls back to a line for an unknown type', async () => {
    const store = makeStore(makeSeries([1, 5, 2]));
    let chart: ObsChart | null = null;

    const warnings = await captureWarnings(async () => {
      chart = await chartFor(store, { type: 'pie' });
      await waitForColor(chart, RED, 'the chart did not draw');
    });

    expect(warnings.some((text) => text.includes('type="pie"'))).to.equal(true);
    expect(runs(columnsWithColor(dataCanvas(chart!), RED)).length).to.equal(1);
  });
});

describe('<obs-chart> legend', () => {
  it('hides and shows a series on click', async () => {
    const store = makeStore([...makeSeries([1, 2, 3], 'cpu'), ...makeSeries([9, 8, 7], 'mem')]);
    const chart = await chartFor(store);
    await waitForColor(chart, BLUE, 'the mem series never appeared');

    legendButton(chart, 1).click();

    await waitUntil(() => countColor(dataCanvas(chart), BLUE) === 0, 'mem is still drawn');
    expect(legendButton(chart, 1).getAttribute('aria-pressed')).to.equal('false');
    expect(countColor(dataCanvas(chart), RED)).to.be.greaterThan(0);
    expect(legendTexts(chart)).to.deep.equal(['cpu 3', 'mem 7']);

    legendButton(chart, 1).click();

    await waitForColor(chart, BLUE, 'mem did not come back');
    expect(legendButton(chart, 1).getAttribute('aria-pressed')).to.equal('true');
  });

  it('throttles streaming values, keeping the last', async () => {
    const store = makeStore(makeSeries([1]));
    const chart = await chartFor(store);
    await waitUntil(() => legendTexts(chart)[0] === 'cpu 1', 'the legend never showed 1');
    const overlay = chart.shadowRoot!.querySelector('canvas.overlay')!;
    const labels = new Set<string>();
    const legends = new Set<string>();
    const started = performance.now();

    // One point a frame for about 600 ms, as a fast stream draws.
    for (let second = 1; performance.now() - started < 600; second++) {
      store.append([makePoint(second, second + 1)]);
      await nextFrame();
      labels.add(overlay.getAttribute('aria-label') ?? '');
      legends.add(legendTexts(chart)[0]);
    }
    const last = store.valueAt(store.end - 1);

    await waitUntil(() => legendTexts(chart)[0] === `cpu ${last}`, 'the last value never showed');
    await waitUntil(() => overlay.getAttribute('aria-label')!.includes(`cpu ${last}`));
    expect(last).to.be.greaterThan(10);
    expect(legends.size).to.be.within(2, 5);
    expect(labels.size).to.be.within(2, 5);
  });
});

describe('<obs-chart> legend under a new filter', () => {
  it('shows the filtered values at once', async () => {
    const store = makeStore([makePoint(0, 1, 'cpu', 'host-a'), makePoint(1, 2, 'cpu', 'host-b')]);
    const chart = await chartFor(store);
    await waitUntil(() => legendTexts(chart)[0] === 'cpu 2', 'the legend never showed 2');

    // The filter comes within the legend's refresh interval, which would delay new values alone.
    store.setFilter({ logic: 'and', conditions: [{ field: 'source', op: 'eq', value: 'host-a' }] });
    await settle();

    expect(legendTexts(chart)[0]).to.equal('cpu 1');
  });
});

describe('<obs-chart> thresholds', () => {
  it('draws a threshold line in its colour', async () => {
    const chart = await chartFor(makeStore(makeSeries([1, 2, 3])));
    await waitForColor(chart, RED, 'the series never appeared');

    chart.thresholds = [{ value: 50, label: 'limit', color: 'rgb(0, 200, 0)' }];

    await waitForColor(chart, GREEN, 'the threshold line never appeared');
    expect(countColor(dataCanvas(chart), RED)).to.be.greaterThan(0);
  });

  it('ignores invalid thresholds with a warning', async () => {
    const chart = await chartFor(makeStore(makeSeries([1, 2, 3])));
    await waitForColor(chart, RED, 'the series never appeared');

    const warnings = await captureWarnings(async () => {
      chart.thresholds = [
        { value: NaN },
        { value: '7' },
        null,
        'oops',
        { value: 2.5, label: '<img src=x onerror=alert(1)>', color: 42 },
      ] as never;
      await settle();
    });

    expect(warnings.some((text) => text.includes('threshold'))).to.equal(true);
    expect(countColor(dataCanvas(chart), RED)).to.be.greaterThan(0);
    expect(chart.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('ignores a thresholds value that is not an array', async () => {
    const chart = await chartFor(makeStore(makeSeries([1, 2, 3])));

    const warnings = await captureWarnings(async () => {
      chart.thresholds = 'high' as never;
      await waitForColor(chart, RED, 'the series never appeared');
    });

    expect(warnings.some((text) => text.includes('thresholds must be an array'))).to.equal(true);
  });
});
