import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type {
  ObsChart,
  ObsHoverDetail,
  ObsRangeSelectDetail,
  ObsZoomDetail,
} from '../../../src/components/obs-chart/obs-chart.js';
import {
  chartFor,
  countNotColor,
  describe,
  it,
  makePoint,
  makeSeries,
  makeStore,
  nextDetail,
  overlayCanvas,
  RED,
  tooltipText,
  waitForColor,
} from './helpers.js';

/** Time of the point `second` seconds after the start of the test series. */
const at = (second: number) => makePoint(second, 0).timestamp;

function announcement(chart: ObsChart): string {
  return (chart.shadowRoot!.querySelector('.announcer')!.textContent ?? '').trim();
}

async function focusedChart(values = [1, 2, 3, 4, 5], attributes = {}): Promise<ObsChart> {
  const chart = await chartFor(makeStore(makeSeries(values)), attributes);
  await waitForColor(chart, RED, 'the series never appeared');
  overlayCanvas(chart).focus();
  return chart;
}

function hovered(chart: ObsChart, key: string): Promise<ObsHoverDetail> {
  return nextDetail<ObsHoverDetail>(chart, 'obs-hover', () => sendKeys({ press: key }));
}

describe('<obs-chart> keyboard', () => {
  it('is reachable with Tab', async () => {
    const chart = await chartFor(makeStore(makeSeries([1, 2])));
    const before = document.createElement('button');
    chart.before(before);
    before.focus();

    await sendKeys({ press: 'Tab' });

    expect(chart.shadowRoot!.activeElement).to.equal(overlayCanvas(chart));
    before.remove();
  });

  it('starts at the newest point', async () => {
    const chart = await focusedChart();

    const detail = await hovered(chart, 'ArrowLeft');

    expect(detail.time).to.equal(at(4));
    expect(detail.values.map((value) => value.value)).to.deep.equal([5]);
  });

  it('moves point by point', async () => {
    const chart = await focusedChart();
    await hovered(chart, 'End');

    const previous = await hovered(chart, 'ArrowLeft');
    const earlier = await hovered(chart, 'ArrowLeft');
    const next = await hovered(chart, 'ArrowRight');

    expect(previous.time).to.equal(at(3));
    expect(earlier.time).to.equal(at(2));
    expect(next.time).to.equal(at(3));
  });

  it('jumps to the first point with Home', async () => {
    const chart = await focusedChart();

    const detail = await hovered(chart, 'Home');

    expect(detail.time).to.equal(at(0));
  });

  it('steps over gaps', async () => {
    const chart = await focusedChart([1, NaN, NaN, 4, 5]);
    await hovered(chart, 'Home');

    const detail = await hovered(chart, 'ArrowRight');

    expect(detail.time).to.equal(at(3));
  });

  it('stays on the last point at the end', async () => {
    const chart = await focusedChart();
    await hovered(chart, 'End');
    let fired = 0;
    chart.addEventListener('obs-hover', () => fired++);

    await sendKeys({ press: 'ArrowRight' });
    await chart.updateComplete;

    expect(fired).to.equal(0);
  });

  it('shows the tooltip for the keyboard point', async () => {
    const chart = await focusedChart();

    await hovered(chart, 'Home');

    await waitUntil(() => tooltipText(chart) !== null, 'no tooltip for the keyboard point');
    expect(tooltipText(chart)).to.contain('cpu');
  });

  it('hides the crosshair with Escape', async () => {
    const chart = await focusedChart();
    await hovered(chart, 'Home');

    const detail = await hovered(chart, 'Escape');

    expect(detail).to.deep.equal({ time: null, values: [] });
    await waitUntil(() => tooltipText(chart) === null, 'the tooltip stayed');
  });

  it('announces the point politely', async () => {
    const chart = await focusedChart([1, 2, 3, 4, 5], { 'time-zone': 'UTC', unit: 'ms' });
    const region = chart.shadowRoot!.querySelector('.announcer')!;

    await hovered(chart, 'Home');

    expect(region.getAttribute('aria-live')).to.equal('polite');
    await waitUntil(() => announcement(chart) !== '', 'nothing was announced');
    expect(announcement(chart)).to.equal('2024-01-01 00:00:00: cpu 1 ms');
  });

  it('throttles announcements and keeps the last', async () => {
    const chart = await focusedChart(
      Array.from({ length: 20 }, (_, index) => index),
      { 'time-zone': 'UTC' },
    );
    const texts: string[] = [];
    const observer = new MutationObserver(() => texts.push(announcement(chart)));
    observer.observe(chart.shadowRoot!.querySelector('.announcer')!, {
      childList: true,
      characterData: true,
      subtree: true,
    });

    await hovered(chart, 'Home');
    for (let step = 0; step < 8; step++) await hovered(chart, 'ArrowRight');

    await waitUntil(
      () => announcement(chart) === '2024-01-01 00:00:08: cpu 8',
      'the last point was never announced',
      { timeout: 3000 },
    );
    observer.disconnect();
    expect(new Set(texts.filter((text) => text !== '')).size).to.be.lessThan(5);
  });

  it('zooms with plus and minus', async () => {
    const chart = await focusedChart();

    const zoomIn = await nextDetail<ObsZoomDetail>(chart, 'obs-zoom', () =>
      sendKeys({ press: '+' }),
    );
    const zoomOut = await nextDetail<ObsZoomDetail>(chart, 'obs-zoom', () =>
      sendKeys({ press: '-' }),
    );

    const span = (detail: ObsZoomDetail) => detail.domain![1] - detail.domain![0];
    expect(span(zoomIn)).to.be.closeTo(4000 / 1.5, 1);
    expect(span(zoomOut)).to.be.closeTo(4000, 1);
  });

  it('pans with Page Up and Page Down', async () => {
    const chart = await focusedChart();

    const back = await nextDetail<ObsZoomDetail>(chart, 'obs-zoom', () =>
      sendKeys({ press: 'PageUp' }),
    );
    const forward = await nextDetail<ObsZoomDetail>(chart, 'obs-zoom', () =>
      sendKeys({ press: 'PageDown' }),
    );

    expect(back.domain![0]).to.be.closeTo(at(0) - 400, 1);
    expect(back.live).to.equal(false);
    expect(forward.domain![0]).to.be.closeTo(at(0), 1);
  });
});

/** Presses `key` with Shift held. */
async function shifted(key: string): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: key });
  await sendKeys({ up: 'Shift' });
}

/** Collects the details of every `obs-range-select` the chart fires. */
function rangeSelections(chart: ObsChart): ObsRangeSelectDetail[] {
  const details: ObsRangeSelectDetail[] = [];
  chart.addEventListener('obs-range-select', (event) => {
    details.push((event as CustomEvent<ObsRangeSelectDetail>).detail);
  });
  return details;
}

describe('<obs-chart> keyboard range selection', () => {
  it('selects with Shift and fires on Enter', async () => {
    const chart = await focusedChart([1, 2, 3, 4, 5], { 'time-zone': 'UTC' });
    await hovered(chart, 'End');
    await shifted('ArrowLeft');
    await shifted('ArrowLeft');

    const detail = await nextDetail<ObsRangeSelectDetail>(chart, 'obs-range-select', () =>
      sendKeys({ press: 'Enter' }),
    );

    expect(detail).to.deep.equal({ start: at(2), end: at(4) });
    await waitUntil(
      () => announcement(chart) === 'Selected 2024-01-01 00:00:02 to 2024-01-01 00:00:04',
      'the selection was not announced',
      { timeout: 3000 },
    );
  });

  it('extends in either direction from where the selection started', async () => {
    const chart = await focusedChart();
    await hovered(chart, 'Home');
    await shifted('ArrowRight');
    await shifted('ArrowRight');
    await shifted('End');

    const detail = await nextDetail<ObsRangeSelectDetail>(chart, 'obs-range-select', () =>
      sendKeys({ press: 'Enter' }),
    );

    expect(detail).to.deep.equal({ start: at(0), end: at(4) });
  });

  it('fires nothing on Enter without a selected range', async () => {
    const chart = await focusedChart();
    const fired = rangeSelections(chart);
    await hovered(chart, 'End');

    await sendKeys({ press: 'Enter' });
    // A plain move drops a range that Enter has not confirmed.
    await shifted('ArrowLeft');
    await hovered(chart, 'ArrowLeft');
    await sendKeys({ press: 'Enter' });
    // A range at the last point cannot grow past it, so it stays one instant.
    await hovered(chart, 'End');
    await shifted('ArrowRight');
    await sendKeys({ press: 'Enter' });
    await hovered(chart, 'Home');

    expect(fired).to.deep.equal([]);
  });

  it('draws the selected band and clears it with Escape', async () => {
    const chart = await focusedChart();
    const overlay = overlayCanvas(chart);
    const drawn = () => countNotColor(overlay, [0, 0, 0]);
    await hovered(chart, 'Home');
    await waitUntil(() => drawn() > 0, 'no crosshair');
    const crosshair = drawn();
    await hovered(chart, 'End');

    await shifted('Home');

    await waitUntil(() => drawn() > 3 * crosshair, 'no band over the selected range');
    await hovered(chart, 'Escape');
    await waitUntil(() => drawn() === 0, 'the band stayed');
  });

  it('skips gaps and hidden series while extending', async () => {
    const store = makeStore([
      makePoint(0, 1),
      makePoint(1, Number.NaN),
      makePoint(2, 3),
      makePoint(3, 7, 'mem'),
    ]);
    const chart = await chartFor(store);
    await waitForColor(chart, RED, 'the series never appeared');
    chart.shadowRoot!.querySelectorAll<HTMLButtonElement>('.legend-button')[1].click();
    overlayCanvas(chart).focus();
    await hovered(chart, 'Home');
    await shifted('ArrowRight');

    const detail = await nextDetail<ObsRangeSelectDetail>(chart, 'obs-range-select', () =>
      sendKeys({ press: 'Enter' }),
    );

    expect(detail).to.deep.equal({ start: at(0), end: at(2) });
  });
});
