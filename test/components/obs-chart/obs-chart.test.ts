import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { ObsHoverDetail } from '../../../src/components/obs-chart/obs-chart.js';
import { Store } from '../../../src/core/index.js';
import {
  BLUE,
  captureWarnings,
  chartFor,
  columnsWithColor,
  countColor,
  countNotColor,
  dataCanvas,
  describe,
  GREEN,
  it,
  legendTexts,
  swatchColor,
  makePoint,
  makeSeries,
  makeStore,
  overlayCanvas,
  RED,
  runs,
  settle,
  tooltipText,
  waitForColor,
} from './helpers.js';

const WHITE: [number, number, number] = [255, 255, 255];

describe('<obs-chart>', () => {
  it('draws only the background without data', async () => {
    const chart = await chartFor(makeStore());
    await waitUntil(() => dataCanvas(chart).width > 0, 'canvas was never sized');
    await settle();

    expect(countNotColor(dataCanvas(chart), WHITE)).to.equal(0);
  });

  it('draws non-background pixels after data arrives', async () => {
    const store = makeStore();
    const chart = await chartFor(store);
    await waitUntil(() => dataCanvas(chart).width > 0, 'canvas was never sized');

    store.append(makeSeries([1, 3, 2, 5, 4]));

    await waitForColor(chart, RED, 'the series colour never appeared');
    expect(countNotColor(dataCanvas(chart), WHITE)).to.be.greaterThan(100);
  });

  it('draws each series in its colour', async () => {
    const store = makeStore([
      ...makeSeries([1, 3, 2, 5, 4], 'cpu'),
      ...makeSeries([10, 8, 9, 7, 6], 'mem'),
    ]);

    const chart = await chartFor(store);

    await waitForColor(chart, RED, 'the first series colour never appeared');
    await waitForColor(chart, BLUE, 'the second series colour never appeared');
  });

  it('removes a filtered-out series colour', async () => {
    const store = makeStore([
      ...makeSeries([1, 3, 2, 5, 4], 'cpu'),
      ...makeSeries([10, 8, 9, 7, 6], 'mem'),
    ]);
    const chart = await chartFor(store);
    await waitForColor(chart, BLUE, 'the mem series never appeared');

    store.setFilter({
      logic: 'and',
      conditions: [{ field: 'category', op: 'neq', value: 'mem' }],
    });

    await waitUntil(
      () => countColor(dataCanvas(chart), BLUE) === 0,
      'the filtered-out series is still drawn',
    );
    expect(countColor(dataCanvas(chart), RED)).to.be.greaterThan(0);
    expect(legendTexts(chart).join('|')).not.to.contain('mem');
  });

  it('keeps series colours under a filter', async () => {
    const store = makeStore([
      ...makeSeries([1, 3, 2, 5, 4], 'cpu'),
      ...makeSeries([10, 8, 9, 7, 6], 'mem'),
    ]);
    const chart = await chartFor(store);
    await waitForColor(chart, BLUE, 'the mem series never appeared');

    store.setFilter({ logic: 'and', conditions: [{ field: 'category', op: 'eq', value: 'mem' }] });

    await waitUntil(() => countColor(dataCanvas(chart), RED) === 0, 'cpu is still drawn');
    expect(countColor(dataCanvas(chart), BLUE)).to.be.greaterThan(0);
  });

  it('sizes backing store by devicePixelRatio', async () => {
    const original = Object.getOwnPropertyDescriptor(window, 'devicePixelRatio');
    Object.defineProperty(window, 'devicePixelRatio', { configurable: true, value: 2 });
    try {
      const chart = await chartFor(makeStore(makeSeries([1, 2, 3])));
      const canvas = dataCanvas(chart);
      await waitUntil(() => canvas.width > 0, 'canvas was never sized');

      const box = canvas.getBoundingClientRect();
      expect(canvas.width).to.equal(Math.round(box.width * 2));
      expect(canvas.height).to.equal(Math.round(box.height * 2));
      overlayCanvas(chart).dispatchEvent(
        new PointerEvent('pointermove', {
          clientX: box.left + box.width / 2,
          clientY: box.top + box.height / 2,
          bubbles: true,
        }),
      );
      // The overlay draws in the next animation frame.
      await waitUntil(() => overlayCanvas(chart).width > 0, 'the overlay was never sized');
      expect(overlayCanvas(chart).width).to.equal(canvas.width);
    } finally {
      if (original) Object.defineProperty(window, 'devicePixelRatio', original);
      else delete (window as { devicePixelRatio?: number }).devicePixelRatio;
    }
  });

  it('draws only once it has a size', async () => {
    const store = makeStore(makeSeries([1, 3, 2, 5, 4]));
    const chart = await chartFor(store, {}, 'width: 0; height: 0; --obs-series-0: rgb(255, 0, 0);');
    await settle();
    store.append([makePoint(10, 7)]);
    await settle();

    expect(dataCanvas(chart).width).to.equal(0);

    chart.style.width = '300px';
    chart.style.height = '150px';

    await waitForColor(chart, RED, 'the chart did not draw after being resized');
  });

  it('redraws when shown again', async () => {
    const store = makeStore(makeSeries([1, 3, 2, 5, 4]));
    const chart = await chartFor(store);
    await waitForColor(chart, RED, 'the series never appeared');

    chart.hidden = true;
    await settle();
    store.append([makePoint(5, 9)]);
    await settle();
    chart.hidden = false;

    await waitUntil(
      () => (legendTexts(chart)[0] ?? '').includes('9'),
      'the legend did not show the value appended while hidden',
    );
    await waitForColor(chart, RED, 'the series is missing after showing the chart again');
  });

  it('breaks the line at a gap', async () => {
    const values = [5, 5, 5, 5, 5, NaN, 5, 5, 5, 5, 5];
    const chart = await chartFor(makeStore(makeSeries(values)));
    await waitForColor(chart, RED, 'the series never appeared');

    const segments = runs(columnsWithColor(dataCanvas(chart), RED));

    expect(segments.length).to.equal(2);
  });

  it('fills dense columns and breaks at gaps', async () => {
    // Ten points per pixel column alternating between 0 and 10, with a gap in the middle.
    const values = Array.from({ length: 4000 }, (_, index) =>
      index >= 1800 && index < 2200 ? NaN : (index % 2) * 10,
    );
    const store = new Store({ capacity: 4000 });
    store.append(values.map((value, index) => makePoint(index / 100, value)));
    const chart = await chartFor(store);
    await waitForColor(chart, RED, 'the series never appeared');
    const canvas = dataCanvas(chart);

    const segments = runs(columnsWithColor(canvas, RED));

    expect(segments.length).to.equal(2);
    const { data, width, height } = canvas
      .getContext('2d')!
      .getImageData(0, 0, canvas.width, canvas.height);
    for (const segment of segments) {
      const column = segment[segment.length >> 1];
      let red = 0;
      for (let y = 0; y < height; y++) {
        const i = (y * width + column) * 4;
        if (data[i] > 200 && data[i + 1] < 100 && data[i + 2] < 100) red++;
      }
      expect(red).to.be.greaterThan(height / 2);
    }
  });

  it('draws an unbroken line without a gap', async () => {
    const values = [5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5];
    const chart = await chartFor(makeStore(makeSeries(values)));
    await waitForColor(chart, RED, 'the series never appeared');

    const segments = runs(columnsWithColor(dataCanvas(chart), RED));

    expect(segments.length).to.equal(1);
  });

  it('draws a point between two gaps as a dot', async () => {
    const values = [1, 1, 1, NaN, 4, NaN, 1, 1, 1];
    const chart = await chartFor(makeStore(makeSeries(values)));
    await waitForColor(chart, RED, 'the series never appeared');

    const segments = runs(columnsWithColor(dataCanvas(chart), RED));

    expect(segments.length).to.equal(3);
    const dot = segments[1];
    expect(dot.length).to.be.within(2, 10);
  });

  it('draws a single point as a dot', async () => {
    const chart = await chartFor(makeStore([makePoint(0, 42)]));

    await waitForColor(chart, RED, 'the single point was not drawn');
  });

  it('shows hostile names as legend text', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const store = makeStore([
      ...makeSeries([1, 2, 3], hostile),
      ...makeSeries([3, 2, 1], '__proto__'),
    ]);

    const chart = await chartFor(store);

    await waitUntil(() => legendTexts(chart).length === 2, 'the legend did not list both series');
    expect(legendTexts(chart)[0]).to.contain(hostile);
    expect(legendTexts(chart)[1]).to.contain('__proto__');
    expect(chart.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('lists series with their latest value', async () => {
    const store = makeStore([...makeSeries([1, 2, 3.5], 'cpu'), ...makeSeries([7, 8, NaN], 'mem')]);

    const chart = await chartFor(store);

    await waitUntil(() => legendTexts(chart).length === 2, 'the legend did not list both series');
    expect(legendTexts(chart)).to.deep.equal(['cpu 3.5', 'mem 8']);
  });

  it('warns and falls back on bad attributes', async () => {
    const store = makeStore(makeSeries([1, 3, 2]));
    let chart: Awaited<ReturnType<typeof chartFor>> | null = null;

    const warnings = await captureWarnings(async () => {
      chart = await chartFor(store, { window: '-5', 'series-by': 'bogus', theme: 'neon' });
      await waitForColor(chart, RED, 'the chart did not draw with bad attributes');
    });

    expect(warnings.some((text) => text.includes('window="-5"'))).to.equal(true);
    expect(warnings.some((text) => text.includes('series-by="bogus"'))).to.equal(true);
    expect(warnings.some((text) => text.includes('theme="neon"'))).to.equal(true);
    expect(legendTexts(chart!)).to.deep.equal(['cpu 2']);
  });

  it('shows an empty state without a store', async () => {
    const chart = await chartFor(null);

    await waitUntil(() => chart.shadowRoot!.querySelector('[part="empty"]') !== null);
    expect(chart.shadowRoot!.querySelector('[part="empty"]')!.textContent).to.equal(
      'No data source',
    );
  });

  it('shows an empty state for an empty store', async () => {
    const chart = await chartFor(makeStore());

    await waitUntil(() => chart.shadowRoot!.querySelector('[part="empty"]') !== null);
    expect(chart.shadowRoot!.querySelector('[part="empty"]')!.textContent).to.equal('No data');
  });

  it('shows empty state when all filtered out', async () => {
    const store = makeStore(makeSeries([1, 2, 3]));
    const chart = await chartFor(store);
    await waitForColor(chart, RED, 'the series never appeared');

    store.setFilter({ logic: 'and', conditions: [{ field: 'value', op: 'gt', value: 100 }] });

    await waitUntil(
      () =>
        chart.shadowRoot!.querySelector('[part="empty"]')?.textContent ===
        'No points match the filter',
      'no empty state for a filter that excludes everything',
    );
    expect(countColor(dataCanvas(chart), RED)).to.equal(0);
  });

  it('labels the plot with a summary', async () => {
    const store = makeStore([...makeSeries([1, 2], 'cpu'), ...makeSeries([5, 6], 'mem')]);

    const chart = await chartFor(store, { label: 'Host load' });

    const plot = overlayCanvas(chart);
    await waitUntil(() => plot.getAttribute('aria-label')?.includes('mem') === true);
    expect(plot.getAttribute('role')).to.equal('application');
    expect(plot.getAttribute('aria-roledescription')).to.equal('chart');
    const label = plot.getAttribute('aria-label')!;
    expect(label).to.contain('Host load');
    expect(label).to.contain('2 series');
    expect(label).to.contain('cpu 2');
    expect(label).to.contain('mem 6');
    expect(chart.hasAttribute('role')).to.equal(false);
  });

  it('passes an accessibility audit', async () => {
    const store = makeStore([...makeSeries([1, 2], 'cpu'), ...makeSeries([5, 6], 'mem')]);
    const chart = await chartFor(store, { label: 'Host load' });
    await waitUntil(() => legendTexts(chart).length === 2, 'the legend did not list both series');

    await expect(chart).to.be.accessible();
  });

  it('shows only the last window seconds', async () => {
    const old = [0, 1, 2, 3, 4].map((second) => makePoint(second, 1, 'old'));
    const recent = [0, 25, 50, 75, 100].map((second) => makePoint(second, 9, 'recent'));
    const chart = await chartFor(makeStore([...old, ...recent]));
    await waitForColor(chart, RED, 'the old series never appeared');

    chart.setAttribute('window', '10');

    await waitUntil(() => countColor(dataCanvas(chart), RED) === 0, 'old data is still drawn');
    expect(countColor(dataCanvas(chart), BLUE)).to.be.greaterThan(0);
  });

  it('draws with a huge window', async () => {
    const chart = await chartFor(makeStore(makeSeries([1, 2, 3])), { window: '1e300' });

    await waitForColor(chart, RED, 'the chart did not draw with a huge window');
  });

  it('follows new data in a window', async () => {
    const store = makeStore([0, 1, 2, 3, 4].map((second) => makePoint(second, 5, 'cpu')));
    const chart = await chartFor(store, { window: '3' });
    await waitForColor(chart, RED, 'the series never appeared');

    store.append([20, 21, 22].map((second) => makePoint(second, 5, 'mem')));

    await waitUntil(() => countColor(dataCanvas(chart), RED) === 0, 'old data is still drawn');
    await waitForColor(chart, BLUE, 'new data was not drawn');
  });

  it('draws one series per source with series-by="source"', async () => {
    const store = makeStore([
      ...makeSeries([1, 2, 3], 'cpu', 'host-a'),
      ...makeSeries([4, 5, 6], 'cpu', 'host-b'),
    ]);

    const chart = await chartFor(store, { 'series-by': 'source' });

    await waitUntil(() => legendTexts(chart).length === 2, 'the legend did not list both sources');
    expect(legendTexts(chart)).to.deep.equal(['host-a 3', 'host-b 6']);
    await waitForColor(chart, BLUE, 'the second source was not drawn');
  });

  it('draws one series per category-source pair', async () => {
    const store = makeStore([
      ...makeSeries([1, 2, 3], 'cpu', 'host-a'),
      ...makeSeries([4, 5, 6], 'cpu', 'host-b'),
      ...makeSeries([7, 8, 9], 'mem', 'host-a'),
    ]);

    const chart = await chartFor(store, { 'series-by': 'category-source' });
    await waitUntil(() => legendTexts(chart).length === 3, 'the legend did not list three pairs');
    expect(legendTexts(chart)).to.deep.equal([
      'cpu · host-a 3',
      'cpu · host-b 6',
      'mem · host-a 9',
    ]);

    // Points appended later take the per-row path rather than the rebuild.
    store.append([makePoint(10, 4, 'cpu', 'host-a'), makePoint(10, 1, 'mem', 'host-b')]);
    const expected = ['cpu · host-a 4', 'cpu · host-b 6', 'mem · host-a 9', 'mem · host-b 1'];
    await waitUntil(
      () => legendTexts(chart).join('|') === expected.join('|'),
      'the legend did not list the appended pair and values',
    );
  });

  it('gives a name one colour in every chart of a store', async () => {
    const store = makeStore([
      ...makeSeries([1, 2, 3], 'cpu', 'web-1'),
      ...makeSeries([4, 5, 6], 'cpu', 'web-2'),
      ...makeSeries([7, 8, 9], 'memory', 'web-2'),
      ...makeSeries([1, 1, 1], 'memory', 'web-1'),
    ]);

    const cpu = await chartFor(store, { categories: 'cpu', 'series-by': 'source' });
    await waitUntil(() => legendTexts(cpu).length === 2, 'the cpu chart did not list two sources');
    const memory = await chartFor(store, { categories: 'memory', 'series-by': 'source' });
    await waitUntil(() => legendTexts(memory).length === 2, 'the memory chart did not list both');

    expect(legendTexts(memory).map((text) => text.split(' ')[0])).to.deep.equal(['web-2', 'web-1']);
    expect(swatchColor(memory, 'web-1')).to.equal(swatchColor(cpu, 'web-1'));
    expect(swatchColor(memory, 'web-2')).to.equal(swatchColor(cpu, 'web-2'));
    expect(swatchColor(cpu, 'web-1')).not.to.equal(swatchColor(cpu, 'web-2'));
  });

  it('starts each series-by at the first colour', async () => {
    const store = makeStore([...makeSeries([1, 2], 'cpu', 'web-1')]);
    const bySource = await chartFor(store, { 'series-by': 'source' });
    await waitUntil(() => legendTexts(bySource).length === 1, 'the chart listed no source');

    const byPair = await chartFor(store, { 'series-by': 'category-source' });
    await waitUntil(() => legendTexts(byPair).length === 1, 'the chart listed no pair');

    expect(swatchColor(byPair, 'cpu · web-1')).to.equal(swatchColor(bySource, 'web-1'));
  });

  it('keeps the colours of one chart distinct when shared slots collide', async () => {
    const names = Array.from({ length: 9 }, (_, index) => `c${index}`);
    const store = makeStore(names.flatMap((name) => makeSeries([1, 2], name)));
    const all = await chartFor(store);
    await waitUntil(() => legendTexts(all).length === 9, 'the chart did not list every category');

    // c0 and c8 share a palette slot, since the palette has eight colours.
    const pair = await chartFor(store, { categories: 'c0, c8' });
    await waitUntil(() => legendTexts(pair).length === 2, 'the chart did not list two categories');

    expect(swatchColor(pair, 'c0')).to.equal(swatchColor(all, 'c0'));
    expect(swatchColor(pair, 'c8')).not.to.equal(swatchColor(pair, 'c0'));
  });

  it('merges sources of one category by default', async () => {
    const store = makeStore([
      makePoint(0, 1, 'cpu', 'host-a'),
      makePoint(1, 2, 'cpu', 'host-b'),
      makePoint(2, 3, 'cpu', 'host-a'),
    ]);

    const chart = await chartFor(store);

    await waitUntil(() => legendTexts(chart).length === 1, 'the legend did not list one series');
    expect(legendTexts(chart)).to.deep.equal(['cpu 3']);
  });

  it('draws only the listed categories', async () => {
    const store = makeStore([
      ...makeSeries([1, 3, 2, 5, 4], 'cpu'),
      ...makeSeries([10, 8, 9, 7, 6], 'mem'),
      ...makeSeries([4, 4, 5, 5, 6], 'disk'),
    ]);

    const chart = await chartFor(store, { categories: 'mem, disk' });
    await waitUntil(() => legendTexts(chart).length === 2, 'the legend never listed two series');
    const legend = legendTexts(chart).join('|');

    expect(legend).to.contain('mem');
    expect(legend).to.contain('disk');
    expect(legend).not.to.contain('cpu');
  });

  it('draws one category per source', async () => {
    const store = makeStore([
      ...makeSeries([1, 3, 2], 'cpu', 'web-1'),
      ...makeSeries([2, 4, 3], 'cpu', 'web-2'),
      ...makeSeries([90, 80, 70], 'mem', 'web-1'),
    ]);

    const chart = await chartFor(store, { categories: 'cpu', 'series-by': 'source' });
    await waitUntil(() => legendTexts(chart).length === 2, 'the legend never listed two sources');
    const legend = legendTexts(chart).join('|');

    expect(legend).to.contain('web-1');
    expect(legend).to.contain('web-2');
    expect(legend).not.to.contain('90');
  });

  it('draws only the listed sources', async () => {
    const store = makeStore([
      ...makeSeries([1, 3, 2], 'cpu', 'web-1'),
      ...makeSeries([2, 4, 3], 'mem', 'web-2'),
    ]);

    const chart = await chartFor(store, { sources: 'web-2' });
    await waitUntil(() => legendTexts(chart).length === 1, 'the legend never listed one series');

    expect(legendTexts(chart)[0]).to.contain('mem');
  });

  it('draws every category once the list is removed', async () => {
    const store = makeStore([
      ...makeSeries([1, 3, 2, 5, 4], 'cpu'),
      ...makeSeries([10, 8, 9, 7, 6], 'mem'),
    ]);
    const chart = await chartFor(store, { categories: 'mem' });
    await waitUntil(() => legendTexts(chart).length === 1, 'the legend never listed one series');

    chart.removeAttribute('categories');

    await waitUntil(() => legendTexts(chart).length === 2, 'the legend never listed both series');
  });

  it('uses the dark background with theme="dark"', async () => {
    const chart = await chartFor(makeStore(makeSeries([1, 2])), { theme: 'dark' }, 'width: 200px');
    const canvas = dataCanvas(chart);
    await waitUntil(() => canvas.width > 0, 'canvas was never sized');
    await settle();

    const [red, green, blue] = canvas.getContext('2d')!.getImageData(1, 1, 1, 1).data;

    expect([red, green, blue]).to.deep.equal([0x0d, 0x11, 0x17]);
  });

  it('fires obs-hover with nearest values', async () => {
    const store = makeStore([
      ...makeSeries([1, 2, 3, 4, 5], 'cpu'),
      ...makeSeries([50, 40, 30, 20, 10], 'mem'),
    ]);
    const chart = await chartFor(store);
    await waitForColor(chart, BLUE, 'the series never appeared');
    const overlay = overlayCanvas(chart);
    const box = overlay.getBoundingClientRect();

    const event = oneEvent(chart, 'obs-hover');
    overlay.dispatchEvent(
      new PointerEvent('pointermove', {
        clientX: box.right - 14,
        clientY: box.top + box.height / 2,
        bubbles: true,
      }),
    );
    const { detail } = (await event) as CustomEvent<ObsHoverDetail>;

    expect(detail.time).to.be.a('number');
    expect(detail.values.map((value) => [value.series, value.value])).to.deep.equal([
      ['cpu', 5],
      ['mem', 10],
    ]);
    await waitUntil(() => tooltipText(chart) !== null, 'no tooltip');
    expect(tooltipText(chart)).to.contain('mem');
    expect(countColor(overlay, GREEN)).to.equal(0);
    expect(countColor(overlay, BLUE)).to.be.greaterThan(0);
  });

  it('leaves the data canvas alone while hovering', async () => {
    const chart = await chartFor(makeStore(makeSeries([1, 2, 3, 4, 5])));
    await waitForColor(chart, RED, 'the series never appeared');
    await settle();
    const data = dataCanvas(chart);
    const overlay = overlayCanvas(chart);
    const box = overlay.getBoundingClientRect();
    const context2d = CanvasRenderingContext2D.prototype;
    const { fillRect } = context2d;
    let dataFills = 0;
    context2d.fillRect = function (this: CanvasRenderingContext2D, ...area) {
      if (this.canvas === data) dataFills++;
      fillRect.apply(this, area);
    };
    try {
      for (const fraction of [0.2, 0.4, 0.6, 0.8]) {
        const clientX = box.left + box.width * fraction;
        const clientY = box.top + box.height / 2;
        overlay.dispatchEvent(new PointerEvent('pointermove', { clientX, clientY, bubbles: true }));
        await settle();
      }
    } finally {
      context2d.fillRect = fillRect;
    }

    expect(tooltipText(chart)).to.not.equal(null);
    expect(dataFills).to.equal(0);
  });

  it('fires obs-hover on pointer leave', async () => {
    const chart = await chartFor(makeStore(makeSeries([1, 2, 3])));
    await waitForColor(chart, RED, 'the series never appeared');
    const overlay = overlayCanvas(chart);
    const box = overlay.getBoundingClientRect();
    const clientX = box.left + box.width / 2;
    const clientY = box.top + box.height / 2;
    overlay.dispatchEvent(new PointerEvent('pointermove', { clientX, clientY, bubbles: true }));

    const event = oneEvent(chart, 'obs-hover');
    overlay.dispatchEvent(new PointerEvent('pointerleave'));
    const { detail } = (await event) as CustomEvent<ObsHoverDetail>;

    expect(detail).to.deep.equal({ time: null, values: [] });
    await waitUntil(() => tooltipText(chart) === null, 'the tooltip stayed');
  });

  it('redraws after being re-added', async () => {
    const store = makeStore(makeSeries([1, 2, 3], 'cpu'));
    const chart = await chartFor(store);
    await waitForColor(chart, RED, 'the series never appeared');
    const parent = chart.parentNode!;

    chart.remove();
    store.append(makeSeries([9, 8, 7], 'mem'));
    parent.appendChild(chart);

    await waitForColor(chart, BLUE, 'data appended while detached was not drawn');
  });

  it('draws a store set after creation', async () => {
    const store = makeStore(makeSeries([1, 2, 3]));
    const chart = await chartFor(null);
    await waitUntil(() => chart.shadowRoot!.querySelector('[part="empty"]') !== null);

    chart.store = store;

    await waitForColor(chart, RED, 'the chart did not draw a store set later');
  });
});
