import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { formatTimestamp } from '../../../src/core/time-format.js';
import type { ObsChart, ObsHoverDetail } from '../../../src/components/obs-chart/obs-chart.js';
import {
  canvasPoint,
  canvasText,
  captureWarnings,
  chartFor,
  countColor,
  dataCanvas,
  describe,
  GREEN,
  it,
  legendTexts,
  makePoint,
  makeSeries,
  makeStore,
  nextDetail,
  overlayCanvas,
  RED,
  settle,
  tooltipLines,
  tooltipText,
  waitForColor,
} from './helpers.js';

/** A region fill of rgb(0, 200, 0) at 14% opacity over white. */
const PALE_GREEN: [number, number, number] = [219, 247, 219];
/** A band fill of rgb(0, 0, 255) at 12% opacity over white. */
const PALE_BLUE: [number, number, number] = [224, 224, 255];
const HOSTILE = '<img src=x onerror=alert(1)>';

async function drawn(values: number[], attributes: Record<string, string> = {}) {
  const chart = await chartFor(makeStore(makeSeries(values)), attributes);
  await waitForColor(chart, RED, 'the series never appeared');
  return chart;
}

/** Moves the crosshair to the newest point with the End key. */
function newestPoint(chart: ObsChart): Promise<ObsHoverDetail> {
  overlayCanvas(chart).focus();
  return nextDetail<ObsHoverDetail>(chart, 'obs-hover', () => sendKeys({ press: 'End' }));
}

function hoverAt(chart: ObsChart, fx: number): Promise<ObsHoverDetail> {
  return nextDetail<ObsHoverDetail>(chart, 'obs-hover', () => {
    const [clientX, clientY] = canvasPoint(chart, fx, 0.5);
    overlayCanvas(chart).dispatchEvent(
      new PointerEvent('pointermove', { clientX, clientY, bubbles: true }),
    );
  });
}

describe('<obs-chart> time zone', () => {
  it('gives the first time label its clock time', async () => {
    const points = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((second) => makePoint(second, second));
    const chart = await chartFor(makeStore(points), { 'time-zone': 'Asia/Kathmandu' });
    await settle();

    const labels = canvasText(dataCanvas(chart));

    // 00:00:03 to 00:00:12 UTC is 05:45:03 to 05:45:12 in Kathmandu.
    expect(labels.some((label) => /^05:45:\d\d$/.test(label))).to.equal(true);
    expect(labels.some((label) => /^:\d\d$/.test(label))).to.equal(true);
  });

  it('shows tooltip times in the time zone', async () => {
    const chart = await drawn([1, 2, 3, 4, 5], { 'time-zone': 'Asia/Kathmandu' });

    await newestPoint(chart);

    await waitUntil(() => tooltipText(chart) !== null, 'no tooltip');
    // 00:00:04 UTC is 05:45:04 in Kathmandu, which is 5 h 45 min ahead.
    expect(tooltipText(chart)).to.contain('2024-01-01 05:45:04');
  });

  it('shows the nearest point time', async () => {
    const chart = await drawn([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { 'time-zone': 'UTC' });

    const detail = await hoverAt(chart, 0.53);

    const nearest = detail.values[0].time;
    expect(detail.time).to.not.equal(nearest, 'the pointer rests between two points');
    await waitUntil(() => tooltipText(chart) !== null, 'no tooltip');
    const time = tooltipLines(chart)![0];
    expect(time).to.equal(formatTimestamp(nearest, { timeZone: 'UTC' }));
  });

  it('keeps hostile series names as tooltip text', async () => {
    const store = makeStore(makeSeries([1, 2, 3], HOSTILE));
    const chart = await chartFor(store, { 'time-zone': 'UTC' });
    await settle();

    await hoverAt(chart, 0.5);

    await waitUntil(() => tooltipText(chart) !== null, 'no tooltip');
    expect(tooltipText(chart)).to.contain(HOSTILE);
    expect(chart.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('cuts a long series name to fit the tooltip', async () => {
    // Stores reject names over 256 characters, so this one stays just under the limit.
    const long = `cpu-${'x'.repeat(250)}`;
    const chart = await chartFor(makeStore(makeSeries([1, 2, 3], long)), { 'time-zone': 'UTC' });
    await settle();

    await hoverAt(chart, 0.5);

    await waitUntil(() => tooltipText(chart) !== null, 'no tooltip');
    const name = tooltipLines(chart)!.find((line) => line.startsWith('cpu-'))!;
    expect(name.endsWith('…')).to.equal(true);
    expect(name.length).to.be.lessThan(long.length);
  });

  it('follows a changed time zone', async () => {
    const chart = await drawn([1, 2, 3, 4, 5], { 'time-zone': 'UTC' });
    chart.timeZone = 'America/New_York';
    await settle();

    await newestPoint(chart);

    await waitUntil(() => tooltipText(chart) !== null, 'no tooltip');
    expect(tooltipText(chart)).to.contain('2023-12-31 19:00:04');
  });

  it('warns about an unknown time zone', async () => {
    let chart: ObsChart | null = null;

    const warnings = await captureWarnings(async () => {
      chart = await drawn([1, 2, 3], { 'time-zone': 'Mars/Olympus_Mons' });
    });

    expect(warnings.some((text) => text.includes('time-zone="Mars/Olympus_Mons"'))).to.equal(true);
    expect(countColor(dataCanvas(chart!), RED)).to.be.greaterThan(0);
  });
});

describe('<obs-chart> value format', () => {
  it('appends the unit in the legend', async () => {
    const chart = await drawn([1, 2, 3], { unit: 'ms' });

    await waitUntil(() => legendTexts(chart)[0] === 'cpu 3 ms', 'the legend has no unit');
  });

  it('shows a hostile unit as text', async () => {
    const chart = await drawn([1, 2, 3], { unit: HOSTILE });

    await waitUntil(() => legendTexts(chart)[0] === `cpu 3 ${HOSTILE}`, 'the unit is missing');
    expect(chart.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('writes percent values', async () => {
    const chart = await drawn([0.1, 0.25, 0.5], { 'value-format': 'percent' });

    await waitUntil(() => legendTexts(chart)[0] === 'cpu 50%', 'the legend has no percent');
  });

  it('writes bytes in binary units', async () => {
    const chart = await drawn([512, 1536], { 'value-format': 'bytes' });

    await waitUntil(() => legendTexts(chart)[0] === 'cpu 1.5 KiB', 'the legend has no bytes');
  });

  it('uses valueFormatter as text', async () => {
    const chart = await drawn([1, 2, 3]);

    chart.valueFormatter = (value) => `${HOSTILE}${value}`;

    await waitUntil(() => legendTexts(chart)[0] === `cpu ${HOSTILE}3`, 'formatter not used');
    expect(chart.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('falls back when valueFormatter throws', async () => {
    const chart = await drawn([1, 2, 3], { unit: 'ms' });

    const warnings = await captureWarnings(async () => {
      chart.valueFormatter = () => {
        throw new Error('broken formatter');
      };
      await settle();
    });

    expect(warnings.some((text) => text.includes('broken formatter'))).to.equal(true);
    expect(legendTexts(chart)[0]).to.equal('cpu 3 ms');
    expect(countColor(dataCanvas(chart), RED)).to.be.greaterThan(0);
  });

  it('warns about an unknown value format', async () => {
    const warnings = await captureWarnings(async () => {
      await drawn([1, 2, 3], { 'value-format': 'roman' });
    });

    expect(warnings.some((text) => text.includes('value-format="roman"'))).to.equal(true);
  });
});

describe('<obs-chart> regions', () => {
  it('fills a region in its colour', async () => {
    const chart = await drawn([1, 2, 3, 4, 5]);

    chart.regions = [
      { start: makePoint(1, 0).timestamp, end: makePoint(3, 0).timestamp, color: 'rgb(0, 200, 0)' },
    ];

    await waitUntil(
      () => countColor(dataCanvas(chart), PALE_GREEN, 6) > 1000,
      'the region was not filled',
    );
  });

  it('accepts ISO strings and Dates', async () => {
    const chart = await drawn([1, 2, 3, 4, 5]);

    chart.regions = [
      {
        start: new Date(makePoint(1, 0).timestamp).toISOString(),
        end: new Date(makePoint(2, 0).timestamp),
        color: 'rgb(0, 200, 0)',
      },
    ];

    await waitUntil(
      () => countColor(dataCanvas(chart), PALE_GREEN, 6) > 500,
      'the region was not filled',
    );
  });

  it('names the region in the tooltip as text', async () => {
    const chart = await drawn([1, 2, 3, 4, 5]);
    chart.regions = [
      { start: makePoint(0, 0).timestamp, end: makePoint(4, 0).timestamp, label: HOSTILE },
    ];
    await settle();

    await hoverAt(chart, 0.5);

    await waitUntil(() => tooltipText(chart)?.includes(HOSTILE) === true, 'no region label');
    expect(chart.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('ignores invalid regions with a warning', async () => {
    const chart = await drawn([1, 2, 3]);

    const warnings = await captureWarnings(async () => {
      chart.regions = [
        { start: 'not a date', end: 5 },
        { start: NaN, end: Infinity },
        null,
        { start: makePoint(0, 0).timestamp, end: makePoint(1, 0).timestamp, label: 7 },
      ] as never;
      await settle();
    });

    expect(warnings.some((text) => text.includes('region'))).to.equal(true);
    expect(countColor(dataCanvas(chart), RED)).to.be.greaterThan(0);
  });

  it('draws ten thousand regions', async () => {
    const chart = await drawn([1, 2, 3, 4, 5]);
    const start = makePoint(0, 0).timestamp;

    chart.regions = Array.from({ length: 10_000 }, (_, index) => ({
      start: start + index * 0.4,
      end: start + index * 0.4 + 0.2,
      color: 'rgb(0, 200, 0)',
    }));

    // Thousands of translucent hairlines overlap into a deep green.
    await waitUntil(
      () => countColor(dataCanvas(chart), GREEN) > 1000,
      'the regions were not drawn',
    );
    expect(countColor(dataCanvas(chart), RED)).to.be.greaterThan(0);
  });

  it('ignores regions that are not an array', async () => {
    const chart = await drawn([1, 2, 3]);

    const warnings = await captureWarnings(async () => {
      chart.regions = { start: 0, end: 1 } as never;
      await settle();
    });

    expect(warnings.some((text) => text.includes('regions must be an array'))).to.equal(true);
  });
});

describe('<obs-chart> threshold bands', () => {
  it('fills a band between two values', async () => {
    const chart = await drawn([1, 2, 3, 4, 5]);

    chart.thresholds = [{ from: 2, to: 4, label: 'normal', color: 'rgb(0, 0, 255)' }];

    await waitUntil(
      () => countColor(dataCanvas(chart), PALE_BLUE, 6) > 2000,
      'the band was not filled',
    );
  });

  it('widens the value axis to a band', async () => {
    const chart = await drawn([1, 2, 3]);

    chart.thresholds = [{ from: 50, to: 60, color: 'rgb(0, 0, 255)' }];

    await waitUntil(
      () => countColor(dataCanvas(chart), PALE_BLUE, 6) > 500,
      'the band out of the data range was not shown',
    );
  });
});
