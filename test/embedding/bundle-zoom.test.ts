// Zoom and pan of <obs-chart> through the shipped module bundle, dist/observatory.min.js. The
// bundle replaces d3-transition and d3-interpolate with the smaller modules of src/build-shims/,
// so these gestures run only through the shims here, not in the tests of the element sources.
import { expect, waitUntil } from '@open-wc/testing';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import type { ObsChart, ObsZoomDetail } from '../../src/components/obs-chart/obs-chart.js';
import type { ObsErrorDetail } from '../../src/components/shared/render-boundary.js';
import { importBundle, uncaught } from './support/bundle.js';

/** 2024-01-01T00:00:00Z. */
const T0 = Date.UTC(2024, 0, 1);
/** Span of the test series: ten points one second apart, in milliseconds. */
const SPAN_MS = 9000;
const WHITE = [255, 255, 255];

let bundle: Awaited<ReturnType<typeof importBundle>>;

before(async () => {
  bundle = await importBundle();
});

afterEach(async () => {
  await resetMouse();
  document.body.replaceChildren();
  uncaught.length = 0;
});

function overlayCanvas(chart: ObsChart): HTMLCanvasElement {
  return chart.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.overlay')!;
}

/** The canvas of the series, or null before the chart's first render. */
function dataCanvas(chart: ObsChart): HTMLCanvasElement | null {
  return chart.shadowRoot?.querySelector<HTMLCanvasElement>('canvas.data') ?? null;
}

/** Pixels of `canvas` whose colour is not the white background. */
function paintedPixels(canvas: HTMLCanvasElement | null): number {
  if (canvas === null || canvas.width === 0 || canvas.height === 0) return 0;
  const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
  let painted = 0;
  for (let index = 0; index < data.length; index += 4) {
    if (data[index] !== WHITE[0] || data[index + 1] !== WHITE[1] || data[index + 2] !== WHITE[2]) {
      painted++;
    }
  }
  return painted;
}

function liveButton(chart: ObsChart): Element | null {
  return chart.shadowRoot!.querySelector('[part="live-button"]');
}

/** Client coordinates of the point at fractions `fx`, `fy` of the plot canvas. */
function canvasPoint(chart: ObsChart, fx: number, fy: number): [number, number] {
  const box = overlayCanvas(chart).getBoundingClientRect();
  return [Math.round(box.left + box.width * fx), Math.round(box.top + box.height * fy)];
}

/**
 * Renders a chart of `type` from the bundle over ten points and waits until it drew them. A
 * frame that throws shows the error state instead, so the wait fails.
 */
async function bundledChart(type = 'line', valueFormat = 'auto'): Promise<ObsChart> {
  expect(customElements.get('obs-chart'), 'obs-chart from the bundle').to.be.a('function');
  const store = new bundle.Store({ capacity: 100 });
  store.append(
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((value, index) => ({
      id: `p${index}`,
      timestamp: T0 + index * 1000,
      value,
      category: 'cpu',
      source: 'host-a',
    })),
  );
  const chart = document.createElement('obs-chart') as ObsChart;
  chart.style.cssText =
    'display: block; width: 400px; height: 200px; --obs-chart-background: rgb(255, 255, 255);';
  chart.setAttribute('type', type);
  chart.setAttribute('value-format', valueFormat);
  chart.store = store;
  document.body.append(chart);
  await waitUntil(() => paintedPixels(dataCanvas(chart)) > 200, 'the bundled chart drew nothing');
  return chart;
}

/** Records the detail of every obs-zoom event of `chart`. */
function recordZooms(chart: ObsChart): ObsZoomDetail[] {
  const details: ObsZoomDetail[] = [];
  chart.addEventListener('obs-zoom', (event) => {
    details.push((event as CustomEvent<ObsZoomDetail>).detail);
  });
  return details;
}

/** Records the message of every obs-error event, which the chart fires when a frame throws. */
function recordErrors(chart: ObsChart): string[] {
  const messages: string[] = [];
  chart.addEventListener('obs-error', (event) => {
    messages.push((event as CustomEvent<ObsErrorDetail>).detail.message);
  });
  return messages;
}

/**
 * Waits for three animation frames, so the chart draws the last gesture. The frame after a
 * gesture resets d3-zoom's transform, which calls `selection.interrupt()` of the shim.
 */
async function drawn(): Promise<void> {
  for (let frame = 0; frame < 3; frame++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

function wheel(chart: ObsChart, deltaY: number): void {
  const [clientX, clientY] = canvasPoint(chart, 0.5, 0.5);
  overlayCanvas(chart).dispatchEvent(
    new WheelEvent('wheel', { clientX, clientY, deltaY, bubbles: true, cancelable: true }),
  );
}

/** Drags the real mouse from 40% to 70% of the plot's width. */
async function dragRight(chart: ObsChart): Promise<void> {
  await sendMouse({ type: 'move', position: canvasPoint(chart, 0.4, 0.5) });
  await sendMouse({ type: 'down' });
  await sendMouse({ type: 'move', position: canvasPoint(chart, 0.55, 0.5) });
  await sendMouse({ type: 'move', position: canvasPoint(chart, 0.7, 0.5) });
  await sendMouse({ type: 'up' });
}

/** Taps the plot with one finger, as a touch screen reports it. */
function tap(chart: ObsChart): void {
  const [clientX, clientY] = canvasPoint(chart, 0.5, 0.5);
  const touch = new Touch({ identifier: 1, target: overlayCanvas(chart), clientX, clientY });
  const init = { bubbles: true, cancelable: true, changedTouches: [touch] };
  overlayCanvas(chart).dispatchEvent(
    new TouchEvent('touchstart', { ...init, touches: [touch], targetTouches: [touch] }),
  );
  overlayCanvas(chart).dispatchEvent(new TouchEvent('touchend', init));
}

describe('<obs-chart> zoom in the module bundle', () => {
  it('zooms in with the wheel', async () => {
    const chart = await bundledChart();
    const zooms = recordZooms(chart);
    const errors = recordErrors(chart);

    wheel(chart, -300);

    await waitUntil(() => zooms.length > 0, 'the wheel fired no obs-zoom');
    const last = zooms[zooms.length - 1];
    expect(last.live).to.equal(false);
    const [start, end] = last.domain!;
    expect(end - start).to.be.greaterThan(0);
    expect(end - start).to.be.lessThan(SPAN_MS);
    await waitUntil(() => liveButton(chart) !== null, 'no back-to-live button after the wheel');
    await drawn();
    expect(errors).to.deep.equal([]);
    expect(uncaught).to.deep.equal([]);
  });

  it('pans earlier on each drag right', async () => {
    const chart = await bundledChart();
    const zooms = recordZooms(chart);
    const errors = recordErrors(chart);

    await dragRight(chart);
    const [firstStart, firstEnd] = zooms[zooms.length - 1].domain!;
    // A point that arrives between gestures redraws the chart, which resets d3-zoom's transform.
    chart.store!.append([
      { id: 'late', timestamp: T0 + 500, value: 5, category: 'cpu', source: 'host-a' },
    ]);
    await drawn();
    expect(errors, 'obs-error after the redraw').to.deep.equal([]);
    await dragRight(chart);
    const [secondStart, secondEnd] = zooms[zooms.length - 1].domain!;

    expect(firstStart).to.be.lessThan(T0);
    expect(firstEnd - firstStart).to.be.closeTo(SPAN_MS, 1);
    expect(secondEnd - secondStart).to.be.closeTo(SPAN_MS, 1);
    // The second drag pans from where the first one left the view, by the same time.
    expect(firstStart - secondStart).to.be.closeTo(T0 - firstStart, SPAN_MS / 100);
    await drawn();
    expect(errors).to.deep.equal([]);
    expect(uncaught).to.deep.equal([]);
  });

  it('returns to live on double-click', async () => {
    const chart = await bundledChart();
    const zooms = recordZooms(chart);
    const errors = recordErrors(chart);
    wheel(chart, -300);
    await waitUntil(() => liveButton(chart) !== null, 'no back-to-live button after the wheel');

    const [clientX, clientY] = canvasPoint(chart, 0.5, 0.5);
    overlayCanvas(chart).dispatchEvent(
      new MouseEvent('dblclick', { clientX, clientY, bubbles: true, composed: true }),
    );

    await waitUntil(() => zooms.some((zoom) => zoom.live), 'double-click did not return to live');
    await waitUntil(() => liveButton(chart) === null, 'the back-to-live button stayed');
    expect(zooms[zooms.length - 1].domain).to.equal(null);
    await drawn();
    expect(errors).to.deep.equal([]);
    expect(uncaught).to.deep.equal([]);
  });

  it('ignores a touch double-tap without errors', async () => {
    const chart = await bundledChart();
    const zooms = recordZooms(chart);
    const errors = recordErrors(chart);

    // d3-zoom passes a double-tap to its double-click handler, which would start a transition.
    tap(chart);
    tap(chart);
    wheel(chart, -300);

    await waitUntil(() => zooms.length > 0, 'the wheel after the taps fired no obs-zoom');
    expect(zooms[zooms.length - 1].live).to.equal(false);
    await drawn();
    expect(errors).to.deep.equal([]);
    expect(uncaught).to.deep.equal([]);
  });
});

describe('<obs-chart> drawing in the module bundle', () => {
  // The bundle replaces d3-path, which d3-shape needs only without a canvas context.
  for (const type of ['line', 'area', 'scatter', 'bar']) {
    it(`draws a ${type} series`, async () => {
      const chart = await bundledChart(type);
      const errors = recordErrors(chart);

      await drawn();

      expect(paintedPixels(dataCanvas(chart))).to.be.greaterThan(200);
      expect(errors).to.deep.equal([]);
      expect(uncaught).to.deep.equal([]);
    });
  }
});

describe('<obs-chart> axis labels in the module bundle', () => {
  // The bundle replaces d3-format, which d3-scale's tickFormat calls for these two formats.
  for (const format of ['auto', 'percent']) {
    it(`draws ${format} tick labels`, async () => {
      const chart = await bundledChart('line', format);
      const errors = recordErrors(chart);

      await drawn();

      expect(chart.shadowRoot!.querySelector('.obs-error')).to.equal(null);
      expect(errors).to.deep.equal([]);
      expect(uncaught).to.deep.equal([]);
    });
  }
});
