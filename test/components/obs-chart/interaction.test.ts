import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { ObsChart, ObsZoomDetail } from '../../../src/components/obs-chart/obs-chart.js';
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
  overlayCanvas,
  RED,
  runs,
  settle,
  waitForColor,
} from './helpers.js';

/** Red at 25% opacity over white: the fill under an area series. */
const RED_FILL: [number, number, number] = [255, 191, 191];

function plotCenter(chart: ObsChart): { clientX: number; clientY: number } {
  const box = overlayCanvas(chart).getBoundingClientRect();
  return { clientX: box.left + box.width / 2, clientY: box.top + box.height / 2 };
}

function wheel(chart: ObsChart, deltaY: number): void {
  const init = { ...plotCenter(chart), deltaY, bubbles: true, cancelable: true };
  overlayCanvas(chart).dispatchEvent(new WheelEvent('wheel', init));
}

function pointer(chart: ObsChart, type: string, clientX: number, clientY: number): void {
  const init = { clientX, clientY, button: 0, pointerId: 1, bubbles: true };
  overlayCanvas(chart).dispatchEvent(new PointerEvent(type, init));
}

function liveButton(chart: ObsChart): HTMLButtonElement | null {
  return chart.shadowRoot!.querySelector<HTMLButtonElement>('[part="live-button"]');
}

function legendButton(chart: ObsChart, index: number): HTMLButtonElement {
  return chart.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="legend-item"] button')[
    index
  ];
}

async function zoomEvent(chart: ObsChart, action: () => void): Promise<ObsZoomDetail> {
  const event = oneEvent(chart, 'obs-zoom');
  action();
  return ((await event) as CustomEvent<ObsZoomDetail>).detail;
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
});

describe('<obs-chart> zoom and pan', () => {
  it('wheel zooms in and pauses follow', async () => {
    const store = makeStore(makeSeries([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    const chart = await chartFor(store);
    await waitForColor(chart, RED, 'the series never appeared');

    const detail = await zoomEvent(chart, () => wheel(chart, -300));

    expect(detail.live).to.equal(false);
    const [start, end] = detail.domain!;
    expect(end - start).to.be.lessThan(9000);
    expect(end - start).to.be.greaterThan(0);
    await waitUntil(() => liveButton(chart) !== null, 'no back-to-live button');
  });

  it('zooms out with the wheel', async () => {
    const chart = await chartFor(makeStore(makeSeries([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])));
    await waitForColor(chart, RED, 'the series never appeared');

    const detail = await zoomEvent(chart, () => wheel(chart, 300));

    const [start, end] = detail.domain!;
    expect(end - start).to.be.greaterThan(9000);
  });

  it('keeps zoomed range on new data', async () => {
    const store = makeStore(makeSeries([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    const chart = await chartFor(store);
    await waitForColor(chart, RED, 'the series never appeared');
    await zoomEvent(chart, () => wheel(chart, -300));

    store.append([100, 101, 102].map((second) => makePoint(second, 5, 'late')));
    await waitUntil(
      () => legendTexts(chart).some((text) => text.startsWith('late')),
      'the new series never reached the legend',
    );

    expect(countColor(dataCanvas(chart), BLUE)).to.equal(0);
  });

  it('returns to live with the button', async () => {
    const store = makeStore(makeSeries([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    const chart = await chartFor(store);
    await waitForColor(chart, RED, 'the series never appeared');
    await zoomEvent(chart, () => wheel(chart, -300));
    store.append([100, 101, 102].map((second) => makePoint(second, 5, 'late')));
    await waitUntil(() => liveButton(chart) !== null, 'no back-to-live button');

    const detail = await zoomEvent(chart, () => liveButton(chart)!.click());

    expect(detail).to.deep.equal({ domain: null, live: true });
    await waitForColor(chart, BLUE, 'the chart did not follow new data again');
    await waitUntil(() => liveButton(chart) === null, 'the back-to-live button stayed');
  });

  it('returns to live on double-click', async () => {
    const chart = await chartFor(makeStore(makeSeries([1, 2, 3, 4, 5])));
    await waitForColor(chart, RED, 'the series never appeared');
    await zoomEvent(chart, () => wheel(chart, -300));

    const detail = await zoomEvent(chart, () =>
      overlayCanvas(chart).dispatchEvent(new MouseEvent('dblclick', { bubbles: true })),
    );

    expect(detail.live).to.equal(true);
  });

  it('pans earlier when dragged right', async () => {
    const chart = await chartFor(makeStore(makeSeries([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])));
    await waitForColor(chart, RED, 'the series never appeared');
    const { clientX, clientY } = plotCenter(chart);
    const first = makePoint(0, 0).timestamp;

    pointer(chart, 'pointerdown', clientX, clientY);
    const detail = await zoomEvent(chart, () =>
      pointer(chart, 'pointermove', clientX + 100, clientY),
    );
    pointer(chart, 'pointerup', clientX + 100, clientY);

    const [start, end] = detail.domain!;
    expect(start).to.be.lessThan(first);
    expect(end - start).to.be.closeTo(9000, 1);
    expect(detail.live).to.equal(false);
  });

  it('does not pan on a click without movement', async () => {
    const chart = await chartFor(makeStore(makeSeries([1, 2, 3])));
    await waitForColor(chart, RED, 'the series never appeared');
    const { clientX, clientY } = plotCenter(chart);
    let zoomed = false;
    chart.addEventListener('obs-zoom', () => (zoomed = true));

    pointer(chart, 'pointerdown', clientX, clientY);
    pointer(chart, 'pointermove', clientX + 1, clientY);
    pointer(chart, 'pointerup', clientX + 1, clientY);
    await chart.updateComplete;

    expect(zoomed).to.equal(false);
    expect(liveButton(chart)).to.equal(null);
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
