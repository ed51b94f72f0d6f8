import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { ObsChart, ObsZoomDetail } from '../../../src/components/obs-chart/obs-chart.js';
import {
  BLUE,
  canvasPoint,
  countNotColor,
  describe,
  it,
  liveButton,
  makeSeries,
  makeStore,
  nextDetail,
  nextFrame,
  overlayCanvas,
  RED,
  settle,
  tooltipText,
  waitForColor,
} from './helpers.js';

const STYLE =
  'display: block; width: 400px; height: 160px; --obs-series-0: rgb(255, 0, 0); --obs-series-1: rgb(0, 0, 255);';
const CLEAR: [number, number, number] = [0, 0, 0];

/** Two charts of two different stores in the sync group `group`, or in `groups` each. */
async function pair(groups: [string, string]): Promise<[ObsChart, ObsChart]> {
  const first = makeStore(makeSeries([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'cpu'));
  const second = makeStore(makeSeries([5, 4, 3, 2, 1, 2, 3, 4, 5, 6], 'mem'));
  const root = await fixture<HTMLDivElement>(html`
    <div>
      <obs-chart style=${STYLE} sync=${groups[0]} .store=${first}></obs-chart>
      <obs-chart
        style=${`${STYLE} --obs-series-0: rgb(0, 0, 255);`}
        sync=${groups[1]}
        .store=${second}
      ></obs-chart>
    </div>
  `);
  const charts = [...root.querySelectorAll<ObsChart>('obs-chart')] as [ObsChart, ObsChart];
  await waitForColor(charts[0], RED, 'the first chart never drew');
  await waitForColor(charts[1], BLUE, 'the second chart never drew');
  return charts;
}

function hover(chart: ObsChart, fx: number): void {
  const [clientX, clientY] = canvasPoint(chart, fx, 0.5);
  overlayCanvas(chart).dispatchEvent(
    new PointerEvent('pointermove', { clientX, clientY, bubbles: true }),
  );
}

function wheel(chart: ObsChart, deltaY: number, fx = 0.5): void {
  const [clientX, clientY] = canvasPoint(chart, fx, 0.5);
  overlayCanvas(chart).dispatchEvent(
    new WheelEvent('wheel', { clientX, clientY, deltaY, bubbles: true, cancelable: true }),
  );
}

/** Pixels that are not fully transparent on the overlay: the crosshair and its markers. */
function overlayPixels(chart: ObsChart): number {
  const canvas = overlayCanvas(chart);
  if (canvas.width === 0) return 0;
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  let count = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) count++;
  return count;
}

describe('<obs-chart> sync groups', () => {
  it('shows the crosshair on every chart', async () => {
    const [first, second] = await pair(['sync-a', 'sync-a']);
    let secondHovers = 0;
    second.addEventListener('obs-hover', () => secondHovers++);

    hover(first, 0.5);

    await waitUntil(() => overlayPixels(second) > 0, 'no crosshair on the second chart');
    expect(secondHovers).to.equal(0);
    expect(tooltipText(second)).to.equal(null);
  });

  it('hides the crosshair when the pointer leaves', async () => {
    const [first, second] = await pair(['sync-b', 'sync-b']);
    hover(first, 0.5);
    await waitUntil(() => overlayPixels(second) > 0, 'no crosshair on the second chart');

    overlayCanvas(first).dispatchEvent(new PointerEvent('pointerleave'));

    await waitUntil(() => overlayPixels(second) === 0, 'the second crosshair stayed');
  });

  it('shares the time window', async () => {
    const [first, second] = await pair(['sync-c', 'sync-c']);
    let secondZooms = 0;
    second.addEventListener('obs-zoom', () => secondZooms++);

    // Off centre, so the zoomed window has another middle than the unzoomed one.
    const detail = await nextDetail<ObsZoomDetail>(first, 'obs-zoom', () =>
      wheel(first, -300, 0.2),
    );

    await waitUntil(() => liveButton(second) !== null, 'the second chart did not leave live');
    expect(secondZooms).to.equal(0);
    await settle();
    const [start, end] = detail.domain!;
    const seen = await nextDetail<{ time: number }>(second, 'obs-hover', () => hover(second, 0.5));
    expect(seen.time).to.be.closeTo((start + end) / 2, (end - start) * 0.05);
  });

  it('returns the group to live', async () => {
    const [first, second] = await pair(['sync-d', 'sync-d']);
    await nextDetail(first, 'obs-zoom', () => wheel(first, -300));
    await waitUntil(() => liveButton(second) !== null, 'the second chart did not leave live');

    liveButton(second)!.click();

    await waitUntil(() => liveButton(first) === null, 'the first chart did not go live');
  });

  it('accepts a hostile group name', async () => {
    const [first, second] = await pair(['__proto__', '__proto__']);

    hover(first, 0.5);

    await waitUntil(() => overlayPixels(second) > 0, 'no crosshair on the second chart');
  });

  it('leaves other groups alone', async () => {
    const [first, second] = await pair(['sync-e', 'sync-f']);

    hover(first, 0.5);
    wheel(first, -300);
    await waitUntil(() => liveButton(first) !== null, 'the first chart did not zoom');
    await second.updateComplete;

    expect(overlayPixels(second)).to.equal(0);
    expect(liveButton(second)).to.equal(null);
  });

  it('lets a new member adopt the window', async () => {
    const [first] = await pair(['sync-g', 'sync-g']);
    await nextDetail(first, 'obs-zoom', () => wheel(first, -300));

    const late = await fixture<ObsChart>(
      html`<obs-chart
        style=${STYLE}
        sync="sync-g"
        .store=${makeStore(makeSeries([1, 2, 3]))}
      ></obs-chart>`,
    );

    await waitUntil(() => liveButton(late) !== null, 'the late chart did not adopt the window');
  });

  it('stops syncing when removed', async () => {
    const [first, second] = await pair(['sync-h', 'sync-h']);
    second.remove();

    hover(first, 0.5);
    await first.updateComplete;
    // The overlays draw in the next animation frame.
    await nextFrame();
    await nextFrame();

    expect(overlayPixels(second)).to.equal(0);
    expect(countNotColor(overlayCanvas(first), CLEAR)).to.be.greaterThan(0);
  });
});
