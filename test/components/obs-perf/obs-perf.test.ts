import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/obs-chart.js';
import type { ObsStream } from '../../../src/components/obs-stream/obs-stream.js';
import { pageQuality } from '../../../src/components/shared/page-quality.js';
import type { ObsPerf, PerfAlert, ObsQualityChangeDetail } from '../../../src/obs-perf.js';
import { scriptedUrl } from '../obs-stream/helpers.js';
import { loadFrames, nextMetrics, partText, renderPerf, resetQuality } from './helpers.js';

function point(id: string, value: unknown = 1): Record<string, unknown> {
  return { id, timestamp: Date.UTC(2024, 0, 1), value, category: 'cpu', source: 'host-a' };
}

describe('<obs-perf>', () => {
  afterEach(() => resetQuality());

  it('shows the frame rate of drawing elements', async () => {
    await fixture(
      html`<obs-stream rate="200"><obs-chart style="height: 120px"></obs-chart></obs-stream>`,
    );
    const perf = await renderPerf();

    await waitUntil(() => (perf.metrics?.fps ?? 0) > 0, 'no frame rate was measured', {
      timeout: 5000,
    });
    await perf.updateComplete;

    const row = perf.shadowRoot!.querySelector('[data-metric="fps"]')!;
    expect(perf.metrics!.idle).to.equal(false);
    expect(row.textContent).to.match(/\d+ fps/);
    expect(row.querySelector('svg polyline')).to.not.equal(null);
  });

  it('shows idle on an idle page', async () => {
    const perf = await renderPerf();
    // Frames drawn by an earlier test's elements count for up to a second.
    await waitUntil(() => perf.metrics?.idle === true, 'the page was never idle', {
      timeout: 5000,
    });
    const original = window.requestAnimationFrame;
    let requests = 0;
    window.requestAnimationFrame = (callback) => {
      requests++;
      return original.call(window, callback);
    };
    try {
      await nextMetrics(perf);
      await nextMetrics(perf);
    } finally {
      window.requestAnimationFrame = original;
    }
    await perf.updateComplete;

    // Counting frames itself would request one in every frame of these two samples.
    expect(requests).to.equal(0);
    expect(perf.metrics!.idle).to.equal(true);

    const row = perf.shadowRoot!.querySelector('[data-metric="fps"]')!;
    expect(perf.metrics!.fps).to.equal(null);
    expect(row.querySelector('.value')!.textContent).to.equal('idle');
  });

  it('fires obs-perf-metrics with the metrics property', async () => {
    const perf = await renderPerf();

    const metrics = await nextMetrics(perf);

    expect(metrics).to.equal(perf.metrics);
    expect(metrics.quality).to.equal('high');
    expect(metrics.overheadMs).to.be.at.least(0);
  });

  it('redraws only while on screen', async () => {
    const perf = await fixture<ObsPerf>(html`<obs-perf interval="250" hidden></obs-perf>`);
    // The intersection observer reports a hidden panel within the next frames.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    await nextMetrics(perf);
    await nextMetrics(perf);
    await perf.updateComplete;

    expect(perf.metrics).to.not.equal(null);
    expect(perf.shadowRoot!.querySelector('[part="table"]')).to.equal(null);

    perf.removeAttribute('hidden');
    await waitUntil(
      () => perf.shadowRoot!.querySelector('[part="table"]') !== null,
      'the panel never caught up',
    );
    expect(partText(perf, 'table')).to.contain('Frame rate');
  });

  it('counts stream ingest, invalid and duplicates', async () => {
    const stream = await fixture<ObsStream>(
      html`<obs-stream url="ws://127.0.0.1:9/none" id="feed"></obs-stream>`,
    );
    const perf = await renderPerf({ stream: 'feed' });
    await nextMetrics(perf);

    stream.injectPoints([point('a'), point('b'), point('c'), point('d', 'NaN'), null]);
    await waitUntil(() => stream.store.size === 3, 'points never reached the store');
    stream.injectPoints([point('a'), point('e')]);
    await waitUntil(() => stream.store.size === 4, 'the second batch never arrived');
    const metrics = await nextMetrics(perf);

    expect(metrics.ingest.streams).to.equal(1);
    expect(metrics.ingest.received).to.equal(5);
    expect(metrics.ingest.invalid).to.equal(2);
    expect(metrics.ingest.dropped).to.equal(1);
    expect(metrics.ingest.backlog).to.equal(0);
    expect(partText(perf, 'table')).to.contain('Invalid');
  });

  it('counts no drops across binary frames', async () => {
    const stream = await fixture<ObsStream>(
      html`<obs-stream url="ws://127.0.0.1:9/none" id="frames"></obs-stream>`,
    );
    const perf = await renderPerf({ stream: 'frames' });
    await nextMetrics(perf);

    stream.url = (await scriptedUrl('v2-binary-batches')).url;
    await waitUntil(() => stream.store.size === 12, 'the frames never reached the store');
    const metrics = await nextMetrics(perf);

    expect(metrics.ingest.received).to.equal(12);
    expect(metrics.ingest.dropped).to.equal(0);
    expect(metrics.ingest.backlog).to.equal(0);
  });

  it('reports the ingest rate of a generator', async () => {
    await fixture(html`<obs-stream rate="1000"></obs-stream>`);
    const perf = await renderPerf();

    await waitUntil(
      () => (perf.metrics?.ingest.pointsPerSecond ?? 0) > 100,
      'the ingest rate stayed near zero',
      { timeout: 5000 },
    );

    expect(perf.metrics!.ingest.received).to.be.greaterThan(0);
  });

  it('pins the level with the quality attribute', async () => {
    const perf = await renderPerf();
    const changed = oneEvent(perf, 'obs-quality-change');

    perf.setAttribute('quality', 'low');
    const { detail } = (await changed) as CustomEvent<ObsQualityChangeDetail>;
    await perf.updateComplete;

    expect(detail.level).to.equal('low');
    expect(detail.previous).to.equal('high');
    expect(detail.reason).to.equal('pinned');
    expect(perf.level).to.equal('low');
    expect(perf.getAttribute('level')).to.equal('low');
    expect(partText(perf, 'quality')).to.equal('Quality: low (pinned)');
  });

  it('returns to high when the pin is removed', async () => {
    const perf = await renderPerf({ quality: 'medium' });
    const changed = oneEvent(perf, 'obs-quality-change');

    perf.removeAttribute('quality');
    const { detail } = (await changed) as CustomEvent<ObsQualityChangeDetail>;

    expect(detail.level).to.equal('high');
    expect(detail.reason).to.equal('unpinned');
  });

  it('unpins the level when removed', async () => {
    const perf = await renderPerf({ quality: 'low' });

    perf.remove();

    expect(pageQuality.level).to.equal('high');
  });

  it('follows the frame rate for an invalid quality', async () => {
    const perf = await renderPerf({ quality: '<img src=x onerror=alert(1)>' });

    expect(perf.level).to.equal('high');
    expect(pageQuality.pinned).to.equal(null);
    expect(perf.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('drops and recovers with the frame rate', async function () {
    // The meter rests up to 2 s between healthy windows, so each change takes a few seconds.
    this.timeout(40_000);
    const perf = await renderPerf();
    const levels: string[] = [];
    perf.addEventListener('obs-quality-change', (event) => levels.push(event.detail.level));

    const load = loadFrames(70);
    try {
      await waitUntil(() => perf.level === 'medium', 'the level never dropped', {
        timeout: 15_000,
      });
    } finally {
      load.stop();
    }
    await waitUntil(() => perf.level === 'high', 'the level never recovered', { timeout: 15_000 });

    expect(levels).to.deep.equal(['medium', 'high']);
  });

  it('alerts when the heap passes its maximum', async () => {
    const perf = await renderPerf({ 'max-heap-mb': '0' });

    const { detail } = (await oneEvent(perf, 'obs-perf-alert')) as CustomEvent<PerfAlert>;
    await perf.updateComplete;

    expect(detail.kind).to.equal('heap');
    expect(detail.active).to.equal(true);
    expect(detail.threshold).to.equal(0);
    expect(partText(perf, 'badge')).to.equal('1 alert');
    expect(partText(perf, 'alerts')).to.match(/JS heap \d+ MB is above 0 MB/);
    expect(perf.metrics!.alerts.map((alert) => alert.kind)).to.deep.equal(['heap']);
  });

  it('shows OK without alerts', async () => {
    const perf = await renderPerf();

    await nextMetrics(perf);
    await perf.updateComplete;

    expect(partText(perf, 'badge')).to.equal('OK');
    expect(perf.shadowRoot!.querySelector('[part="alerts"]')).to.equal(null);
  });

  it('uses defaults for invalid thresholds and interval', async () => {
    const perf = await renderPerf({ 'min-fps': 'NaN', 'max-heap-mb': '-1', interval: '5' });

    const metrics = await nextMetrics(perf);

    expect(metrics.alerts).to.deep.equal([]);
  });

  it('sets the page-wide always-render policy', async () => {
    const perf = await renderPerf({ 'always-render': '' });

    expect(pageQuality.alwaysRender).to.equal(true);
    perf.remove();
    expect(pageQuality.alwaysRender).to.equal(false);
  });

  it('stops sampling while removed', async () => {
    const perf = await renderPerf();
    await nextMetrics(perf);
    const parent = perf.parentElement!;
    let samples = 0;
    perf.addEventListener('obs-perf-metrics', () => samples++);

    perf.remove();
    const other = await renderPerf();
    await nextMetrics(other);
    await nextMetrics(other);
    const whileRemoved = samples;
    parent.append(perf);
    await nextMetrics(perf);

    expect(whileRemoved).to.equal(0);
    expect(samples).to.equal(1);
  });

  it('lists element render times', async () => {
    await fixture(
      html`<div>
        <obs-stream rate="200">
          <obs-chart label="<img src=x onerror=alert(1)>" style="height: 120px"></obs-chart>
          <obs-chart label="<img src=x onerror=alert(1)>" style="height: 120px"></obs-chart>
          <obs-chart id="cpu" style="height: 120px"></obs-chart>
        </obs-stream>
      </div>`,
    );
    const perf = await renderPerf();

    await waitUntil(
      () => perf.metrics?.elements.some((element) => element.renderMs !== null),
      'no element reported a render time',
      { timeout: 5000 },
    );
    await perf.updateComplete;

    const names = perf.metrics!.elements.map((element) => element.name);
    expect(names).to.include('obs-chart#cpu');
    expect(names).to.include('obs-chart "<img src=x onerror=alert(1)>"');
    expect(names).to.include('obs-chart "<img src=x onerror=alert(1)>" (2)');
    expect(perf.shadowRoot!.querySelector('img')).to.equal(null);
    const row = perf.shadowRoot!.querySelector('[data-element="obs-chart#cpu"]')!;
    expect(row.querySelector('[data-time="render"]')!.textContent).to.match(/ms|–/);
  });

  it('fits a container narrower than 18rem', async () => {
    const box = await fixture<HTMLElement>(
      html`<div style="width: 240px"><obs-perf interval="250"></obs-perf></div>`,
    );
    const perf = box.querySelector('obs-perf') as ObsPerf;
    await nextMetrics(perf);
    await perf.updateComplete;

    expect(perf.getBoundingClientRect().width).to.be.at.most(240);
  });

  it('is accessible', async () => {
    const perf = await renderPerf();
    await nextMetrics(perf);
    await perf.updateComplete;

    await expect(perf).to.be.accessible();
  });
});
