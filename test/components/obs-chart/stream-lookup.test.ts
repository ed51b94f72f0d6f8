import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/obs-stream.js';
import type { ObsChart } from '../../../src/components/obs-chart/obs-chart.js';
import type { ObsStream } from '../../../src/components/obs-stream/obs-stream.js';
import { dataCanvas, describe, it, legendTexts, makeSeries } from './helpers.js';

describe('<obs-chart> store lookup', () => {
  it('charts an ancestor stream', async () => {
    const stream = await fixture<ObsStream>(html`
      <obs-stream rate="50">
        <obs-chart style="width: 300px; height: 150px"></obs-chart>
      </obs-stream>
    `);
    const chart = stream.querySelector<ObsChart>('obs-chart')!;

    await waitUntil(() => legendTexts(chart).length > 0, 'the generator never reached the chart');
    expect(dataCanvas(chart).width).to.be.greaterThan(0);
  });

  it('charts the stream its stream attribute names', async () => {
    const root = await fixture<HTMLDivElement>(html`
      <div>
        <obs-stream id="lookup-source"></obs-stream>
        <obs-chart stream="lookup-source" style="width: 300px; height: 150px"></obs-chart>
      </div>
    `);
    const stream = root.querySelector<ObsStream>('obs-stream')!;
    const chart = root.querySelector<ObsChart>('obs-chart')!;

    stream.store.append(makeSeries([1, 2, 3], 'named-stream'));

    await waitUntil(
      () => legendTexts(chart).some((text) => text.startsWith('named-stream')),
      'the chart did not find the named stream',
    );
  });
});
