import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import {
  afterEach,
  chartFor,
  dataCanvas,
  describe,
  it,
  makePoint,
  makeSeries,
  makeStore,
  RED,
  settle,
  waitForColor,
} from './helpers.js';

const viewport = { width: window.innerWidth, height: window.innerHeight };

describe('<obs-chart> surface', () => {
  afterEach(async () => {
    await setViewport({ ...viewport, deviceScaleFactor: 1 });
  });

  it('sharpens when the pixel ratio changes without a resize', async () => {
    // NOTE: Chromium 156 fires neither the resolution media query nor a
    // device-pixel resize for an emulated ratio, as a real screen change does,
    // so the test records the chart's queries and fires their change itself.
    const queries: MediaQueryList[] = [];
    const matchMedia = window.matchMedia;
    window.matchMedia = (query: string) => {
      const list = matchMedia.call(window, query);
      queries.push(list);
      return list;
    };
    const chart = await chartFor(makeStore(makeSeries([1, 3, 2, 5, 4])));
    window.matchMedia = matchMedia;
    await waitForColor(chart, RED, 'the series never appeared');
    const canvas = dataCanvas(chart);
    const cssWidth = canvas.getBoundingClientRect().width;
    const before = canvas.width;

    await setViewport({ ...viewport, deviceScaleFactor: 2 });
    for (const query of queries) {
      if (query.media.includes('resolution')) query.dispatchEvent(new Event('change'));
    }

    await waitUntil(
      () => canvas.width === Math.round(cssWidth * 2),
      'the canvas was not sharpened',
    );
    expect(before).to.equal(Math.round(cssWidth));
    expect(canvas.getBoundingClientRect().width).to.equal(cssWidth);
    await waitForColor(chart, RED, 'the series is missing at the new ratio');
  });

  it('draws at the new size after a resize while hidden', async () => {
    const store = makeStore(makeSeries([1, 3, 2, 5, 4]));
    const chart = await chartFor(store);
    await waitForColor(chart, RED, 'the series never appeared');

    chart.style.display = 'none';
    await settle();
    chart.style.width = '260px';
    chart.style.height = '130px';
    store.append([makePoint(5, 9)]);
    await settle();
    chart.style.display = 'block';

    const canvas = dataCanvas(chart);
    await waitUntil(
      () => canvas.width === Math.round(canvas.getBoundingClientRect().width),
      'the canvas kept its old size',
    );
    expect(canvas.getBoundingClientRect().width).to.equal(260);
    await waitForColor(chart, RED, 'the series is missing after showing the chart');
  });
});
