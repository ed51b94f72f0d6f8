import { expect, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type {
  ObsChart,
  ObsRangeSelectDetail,
  ObsZoomDetail,
} from '../../../src/components/obs-chart/obs-chart.js';
import {
  afterEach,
  BLUE,
  canvasPoint,
  chartFor,
  countColor,
  dataCanvas,
  describe,
  it,
  legendTexts,
  liveButton,
  makePoint,
  makeSeries,
  makeStore,
  nextDetail,
  overlayCanvas,
  RED,
  waitForColor,
} from './helpers.js';

const TEN = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
/** Span of ten points one second apart, in milliseconds. */
const TEN_SPAN = 9000;

function wheel(chart: ObsChart, deltaY: number, fx = 0.5): WheelEvent {
  const [clientX, clientY] = canvasPoint(chart, fx, 0.5);
  const event = new WheelEvent('wheel', {
    clientX,
    clientY,
    deltaY,
    bubbles: true,
    cancelable: true,
  });
  overlayCanvas(chart).dispatchEvent(event);
  return event;
}

function zoomed(chart: ObsChart, action: () => unknown): Promise<ObsZoomDetail> {
  return nextDetail<ObsZoomDetail>(chart, 'obs-zoom', action);
}

/** Drags the real mouse from one fraction of the canvas to another, with `modifier` held. */
async function drag(
  chart: ObsChart,
  from: [number, number],
  to: [number, number],
  modifier?: string,
): Promise<void> {
  if (modifier !== undefined) await sendKeys({ down: modifier });
  await sendMouse({ type: 'move', position: canvasPoint(chart, ...from) });
  await sendMouse({ type: 'down' });
  await sendMouse({ type: 'move', position: canvasPoint(chart, (from[0] + to[0]) / 2, to[1]) });
  await sendMouse({ type: 'move', position: canvasPoint(chart, ...to) });
  await sendMouse({ type: 'up' });
  if (modifier !== undefined) await sendKeys({ up: modifier });
}

function touchAt(chart: ObsChart, identifier: number, fx: number): Touch {
  const [clientX, clientY] = canvasPoint(chart, fx, 0.5);
  return new Touch({ identifier, target: overlayCanvas(chart), clientX, clientY });
}

function touchEvent(chart: ObsChart, type: string, touches: Touch[], changed: Touch[]): void {
  const init = {
    touches,
    targetTouches: touches,
    changedTouches: changed,
    bubbles: true,
    cancelable: true,
  };
  overlayCanvas(chart).dispatchEvent(new TouchEvent(type, init));
}

async function tenPointChart(attributes: Record<string, string> = {}): Promise<ObsChart> {
  const chart = await chartFor(makeStore(makeSeries(TEN)), attributes);
  await waitForColor(chart, RED, 'the series never appeared');
  return chart;
}

describe('<obs-chart> zoom and pan', () => {
  afterEach(async () => {
    await resetMouse();
  });

  it('wheel zooms in and pauses follow', async () => {
    const chart = await tenPointChart();

    const detail = await zoomed(chart, () => wheel(chart, -300));

    expect(detail.live).to.equal(false);
    const [start, end] = detail.domain!;
    expect(end - start).to.be.lessThan(TEN_SPAN);
    expect(end - start).to.be.greaterThan(0);
    await waitUntil(() => liveButton(chart) !== null, 'no back-to-live button');
  });

  it('zooms out with the wheel', async () => {
    const chart = await tenPointChart();

    const detail = await zoomed(chart, () => wheel(chart, 300));

    const [start, end] = detail.domain!;
    expect(end - start).to.be.greaterThan(TEN_SPAN);
  });

  it('keeps the time under the pointer', async () => {
    const chart = await tenPointChart();
    const first = makeSeries([0])[0].timestamp;
    const plot = overlayCanvas(chart).getBoundingClientRect();
    const before = await nextDetail<{ time: number }>(chart, 'obs-hover', () => {
      const [clientX, clientY] = canvasPoint(chart, 0.3, 0.5);
      overlayCanvas(chart).dispatchEvent(
        new PointerEvent('pointermove', { clientX, clientY, bubbles: true }),
      );
    });

    const detail = await zoomed(chart, () => wheel(chart, -300, 0.3));

    const [start, end] = detail.domain!;
    expect(plot.width).to.be.greaterThan(0);
    expect(before.time).to.be.within(start, end);
    expect(start).to.be.greaterThan(first);
  });

  it('keeps zoomed range on new data', async () => {
    const store = makeStore(makeSeries(TEN));
    const chart = await chartFor(store);
    await waitForColor(chart, RED, 'the series never appeared');
    await zoomed(chart, () => wheel(chart, -300));

    store.append([100, 101, 102].map((second) => makePoint(second, 5, 'late')));
    await waitUntil(
      () => legendTexts(chart).some((text) => text.startsWith('late')),
      'the new series never reached the legend',
    );

    expect(countColor(dataCanvas(chart), BLUE)).to.equal(0);
  });

  it('returns to live with the button', async () => {
    const store = makeStore(makeSeries(TEN));
    const chart = await chartFor(store);
    await waitForColor(chart, RED, 'the series never appeared');
    await zoomed(chart, () => wheel(chart, -300));
    store.append([100, 101, 102].map((second) => makePoint(second, 5, 'late')));
    await waitUntil(() => liveButton(chart) !== null, 'no back-to-live button');

    const detail = await zoomed(chart, () => liveButton(chart)!.click());

    expect(detail).to.deep.equal({ domain: null, values: null, live: true });
    await waitForColor(chart, BLUE, 'the chart did not follow new data again');
    await waitUntil(() => liveButton(chart) === null, 'the back-to-live button stayed');
  });

  it('returns to live on double-click', async () => {
    const chart = await tenPointChart();
    await zoomed(chart, () => wheel(chart, -300));

    const detail = await zoomed(chart, () =>
      overlayCanvas(chart).dispatchEvent(new MouseEvent('dblclick', { bubbles: true })),
    );

    expect(detail.live).to.equal(true);
  });

  it('pans earlier when dragged right', async () => {
    const chart = await tenPointChart();
    const first = makeSeries([0])[0].timestamp;
    const details: ObsZoomDetail[] = [];
    chart.addEventListener('obs-zoom', (event) => details.push((event as CustomEvent).detail));

    await drag(chart, [0.4, 0.5], [0.7, 0.5]);

    expect(details.length).to.be.greaterThan(0);
    const [start, end] = details[details.length - 1].domain!;
    expect(start).to.be.lessThan(first);
    expect(end - start).to.be.closeTo(TEN_SPAN, 1);
    await waitUntil(() => liveButton(chart) !== null, 'no back-to-live button after a pan');
  });

  it('does not pan on a click without movement', async () => {
    const chart = await tenPointChart();
    let zoomedCount = 0;
    chart.addEventListener('obs-zoom', () => zoomedCount++);

    await drag(chart, [0.5, 0.5], [0.5, 0.5]);
    await chart.updateComplete;

    expect(zoomedCount).to.equal(0);
    expect(liveButton(chart)).to.equal(null);
  });

  it('zooms to a Shift drag box', async () => {
    const chart = await tenPointChart();
    const first = makeSeries([0])[0].timestamp;
    const details: ObsZoomDetail[] = [];
    chart.addEventListener('obs-zoom', (event) => details.push((event as CustomEvent).detail));

    await drag(chart, [0.3, 0.3], [0.6, 0.6], 'Shift');

    expect(details.length).to.equal(1);
    const [start, end] = details[0].domain!;
    expect(start).to.be.greaterThan(first);
    expect(end - start).to.be.lessThan(TEN_SPAN / 2);
    expect(details[0].values).to.equal(null);
  });

  it('pinches with two fingers to zoom', async () => {
    const chart = await tenPointChart();
    const events: ObsZoomDetail[] = [];
    chart.addEventListener('obs-zoom', (event) => events.push((event as CustomEvent).detail));
    const start = [touchAt(chart, 1, 0.45), touchAt(chart, 2, 0.55)];
    const spread = [touchAt(chart, 1, 0.25), touchAt(chart, 2, 0.75)];

    touchEvent(chart, 'touchstart', start, start);
    touchEvent(chart, 'touchmove', spread, spread);
    touchEvent(chart, 'touchend', [], spread);

    expect(events.length).to.be.greaterThan(0);
    const [from, to] = events[events.length - 1].domain!;
    // The fingers moved five times as far apart, so the span shrinks about fivefold.
    expect(to - from).to.be.within(TEN_SPAN / 7, TEN_SPAN / 3);
  });

  it('zooms values too with zoom-axis="both"', async () => {
    const chart = await tenPointChart({ 'zoom-axis': 'both' });

    const detail = await zoomed(chart, () => wheel(chart, -300));

    expect(detail.values).not.to.equal(null);
    const [low, high] = detail.values!;
    // The fitted value axis runs from 1 to 10.
    expect(high - low).to.be.lessThan(9);
  });

  it('keeps values fitted by default', async () => {
    const chart = await tenPointChart();

    const detail = await zoomed(chart, () => wheel(chart, -300));

    expect(detail.values).to.equal(null);
  });

  it('zooms again after being re-added', async () => {
    const chart = await tenPointChart();
    const parent = chart.parentNode!;
    chart.remove();
    parent.appendChild(chart);
    await waitForColor(chart, RED, 'the re-added chart did not draw');

    const detail = await zoomed(chart, () => wheel(chart, -300));

    expect(detail.live).to.equal(false);
  });

  it('ignores the wheel with zoom-axis="none"', async () => {
    const chart = await tenPointChart({ 'zoom-axis': 'none' });
    let zoomedCount = 0;
    chart.addEventListener('obs-zoom', () => zoomedCount++);

    const event = wheel(chart, -300);
    await chart.updateComplete;

    expect(event.defaultPrevented).to.equal(false);
    expect(zoomedCount).to.equal(0);
    expect(liveButton(chart)).to.equal(null);
  });
});

describe('<obs-chart> range select', () => {
  afterEach(async () => {
    await resetMouse();
  });

  it('fires obs-range-select on an Alt drag', async () => {
    const chart = await tenPointChart();
    const first = makeSeries([0])[0].timestamp;
    const selections: ObsRangeSelectDetail[] = [];
    chart.addEventListener('obs-range-select', (event) =>
      selections.push((event as CustomEvent).detail),
    );
    let zoomedCount = 0;
    chart.addEventListener('obs-zoom', () => zoomedCount++);

    await drag(chart, [0.7, 0.5], [0.3, 0.5], 'Alt');

    expect(selections.length).to.equal(1);
    const { start, end } = selections[0];
    expect(start).to.be.lessThan(end);
    expect(start).to.be.greaterThan(first);
    expect(end).to.be.lessThan(first + TEN_SPAN);
    expect(zoomedCount).to.equal(0);
    expect(liveButton(chart)).to.equal(null);
  });

  it('selects with Control held too', async () => {
    const chart = await tenPointChart();

    const detail = await nextDetail<ObsRangeSelectDetail>(chart, 'obs-range-select', () =>
      drag(chart, [0.2, 0.5], [0.5, 0.5], 'Control'),
    );

    expect(detail.end - detail.start).to.be.greaterThan(0);
  });

  it('ignores a short modifier drag', async () => {
    const chart = await tenPointChart();
    let selected = 0;
    chart.addEventListener('obs-range-select', () => selected++);

    await drag(chart, [0.5, 0.5], [0.5, 0.5], 'Alt');

    expect(selected).to.equal(0);
  });
});
