import { expect, waitUntil } from '@open-wc/testing';
import { CommandError } from '../../../src/components/obs-stream/obs-stream.js';
import {
  dropConnections,
  renderStream,
  scriptedUrl,
  serverConnections,
  storedPoints,
  waitForSize,
  waitForStatus,
} from './helpers.js';

describe('<obs-stream> protocol version 2', () => {
  it('decodes binary frames', async () => {
    const { url, key } = await scriptedUrl('v2-binary');
    const { element } = await renderStream({ url });

    await waitForSize(element, 3);

    const points = storedPoints(element);
    expect(points.map((point) => point.id)).to.deep.equal(['b-1', 'b-2', 'b-3']);
    expect(points[0].value).to.equal(1);
    expect(Number.isNaN(points[1].value)).to.equal(true);
    expect(points[0].metadata).to.deep.equal({ unit: 'percent' });
    expect(points[1].metadata).to.equal(undefined);
    expect(element.lastSeq).to.equal(3);
    const [query] = (await serverConnections(key)).queries;
    expect(new URLSearchParams(query).get('encoding')).to.equal('binary');
  });

  it('spikes binary values and counts them', async () => {
    const { url } = await scriptedUrl('v2-binary');
    const { element } = await renderStream({ url });
    element.simulateSpike(60_000, 10);

    await waitForSize(element, 3);

    const values = storedPoints(element).map((point) => point.value);
    expect(values[0]).to.equal(10);
    expect(Number.isNaN(values[1])).to.equal(true);
    expect(values[2]).to.equal(30);
    expect(element.receivedCount).to.equal(3);
    expect(element.invalidCount).to.equal(0);
    expect(element.lastPointAt).to.be.a('number');
  });

  it('decodes columnar data and rejects bad entries', async () => {
    const { url } = await scriptedUrl('v2-columnar');
    const { element, invalid } = await renderStream({ url, encoding: 'columnar' });

    await waitForSize(element, 2);
    await waitUntil(() => invalid.length > 0, 'no obs-invalid-data event');

    expect(storedPoints(element).map((point) => point.id)).to.deep.equal(['b-1', 'b-2']);
    expect(invalid[0].count).to.equal(1);
    expect(element.receivedCount).to.equal(2);
    expect(element.invalidCount).to.equal(1);
    expect(invalid[0].samples[0]).to.deep.equal({
      index: 2,
      reason: 'timestamp: must be epoch milliseconds within ±8.64e15',
    });
  });

  it('marks a gap in every series', async () => {
    const { url } = await scriptedUrl('v2-gap');
    const { element, gaps } = await renderStream({ url });

    await waitForSize(element, 6);

    expect(gaps).to.have.length(1);
    expect(gaps[0]).to.include({ from: 4, to: 10, count: 7, reason: 'retention', series: 1 });
    expect(element.lostCount).to.equal(7);
    const points = storedPoints(element);
    const marker = points.find((point) => Number.isNaN(point.value));
    expect(marker?.timestamp).to.be.greaterThan(1_700_000_003_000);
    expect(marker?.timestamp).to.be.lessThan(1_700_000_011_000);
    expect(marker?.metadata).to.deep.equal({ gap: 'retention', lost: 7 });
    expect(element.lastSeq).to.equal(12);
  });

  it('resumes without applying a point twice', async () => {
    const { url, key } = await scriptedUrl('v2-resume');
    const { element } = await renderStream({ url });
    await waitForSize(element, 3);

    await dropConnections(key);
    await waitUntil(() => element.store.size >= 5, 'the resumed points never arrived', {
      timeout: 5000,
    });

    const ids = storedPoints(element).map((point) => point.id);
    expect(ids).to.deep.equal(['s1', 's2', 's3', 's4', 's5']);
    expect(element.store.duplicates).to.equal(0);
    const { queries } = await serverConnections(key);
    const resumed = new URLSearchParams(queries[1]);
    expect(resumed.get('resume')).to.equal('3');
    expect(resumed.get('stream')).to.equal('scripted-1');
  });

  it('resumes after removal and re-adding', async () => {
    const { url, key } = await scriptedUrl('v2-resume');
    const { element } = await renderStream({ url });
    await waitForSize(element, 3);
    const parent = element.parentElement!;

    element.remove();
    parent.append(element);
    await waitForSize(element, 5);

    const { queries } = await serverConnections(key);
    expect(new URLSearchParams(queries[1]).get('resume')).to.equal('3');
    expect(storedPoints(element).map((point) => point.id)).to.deep.equal([
      's1',
      's2',
      's3',
      's4',
      's5',
    ]);
  });

  it('replaces a silent connection', async () => {
    const { url, key } = await scriptedUrl('v2-silent');
    const { element, statuses } = await renderStream({ url, 'heartbeat-timeout': '300' });

    await waitUntil(async () => (await serverConnections(key)).total >= 2, 'never reconnected', {
      timeout: 5000,
    });

    expect(statuses.map((detail) => detail.status)).to.include('reconnecting');
    expect(element.store.size).to.equal(1);
  });

  it('turns stale while only heartbeats arrive', async () => {
    const { url } = await scriptedUrl('v2-heartbeats');
    const { element } = await renderStream({ url, 'stale-after': '300' });
    const stale: boolean[] = [];
    element.addEventListener('obs-stale-change', (event) =>
      stale.push((event as CustomEvent<{ stale: boolean }>).detail.stale),
    );
    await waitForSize(element, 1);

    await waitUntil(() => element.hasAttribute('stale'), 'never turned stale', { timeout: 5000 });

    expect(element.status).to.equal('live');
    expect(element.stale).to.equal(true);
    expect(element.freshness).to.be.greaterThan(300);
    expect(stale).to.deep.equal([true]);
    await element.updateComplete;
    const label = element.shadowRoot?.querySelector('.freshness')?.textContent ?? '';
    expect(label).to.match(/^stale, last point/);
  });
});

describe('<obs-stream> end of a replay', () => {
  it('stores every JSON row before obs-end', async () => {
    const { url } = await scriptedUrl('v2-end');
    const { element } = await renderStream({ url, encoding: 'json' });
    const sizes: number[] = [];
    element.addEventListener('obs-end', () => sizes.push(element.store.size));

    await waitForStatus(element, 'ended');

    expect(sizes).to.deep.equal([5]);
  });

  it('rejects a waiting command when the socket closes after the end', async () => {
    const { url } = await scriptedUrl('v2-end');
    const { element } = await renderStream({ url });
    await waitForStatus(element, 'ended');

    const error = await element.sendCommand('rate', { rate: 5 }).catch((reason) => reason);

    expect((error as CommandError).code).to.equal('disconnected');
    expect((error as CommandError).message).to.contain('closed after the stream ended');
    expect(element.status).to.equal('ended');
  });
});

describe('<obs-stream> commands', () => {
  it('sendCommand resolves on ack', async () => {
    const { url } = await scriptedUrl('v2-commands');
    const { element } = await renderStream({ url });
    await waitForStatus(element, 'live');

    await element.sendCommand('scenario', { name: 'high_load' });
  });

  it('sendCommand rejects with the server error', async () => {
    const { url } = await scriptedUrl('v2-commands');
    const { element } = await renderStream({ url });
    await waitForStatus(element, 'live');

    const error = await element.sendCommand('burst', { multiplier: -1 }).catch((reason) => reason);

    expect(error).to.be.instanceOf(CommandError);
    expect((error as CommandError).code).to.equal('invalid_command_args');
    expect((error as CommandError).message).to.equal('rejected by the test server');
  });

  it('sendCommand rejects while not live', async () => {
    const { element } = await renderStream();

    const error = await element.sendCommand('rate', { rate: 5 }).catch((reason) => reason);

    expect((error as CommandError).code).to.equal('not_connected');
  });

  it('changeScenario sets the scenario and asks the server', async () => {
    const { url } = await scriptedUrl('v2-commands');
    const { element } = await renderStream({ url });
    await waitForStatus(element, 'live');

    await element.changeScenario('high_load');

    expect(element.scenario).to.equal('high_load');
  });

  it('changeScenario rejects an unknown name', async () => {
    const { element } = await renderStream();

    const error = await element
      .changeScenario('<img src=x onerror=alert(1)>' as never)
      .catch((reason) => reason);

    expect(error).to.be.instanceOf(RangeError);
    expect(element.scenario).to.equal('normal');
  });
});

describe('<obs-stream> simulateSpike', () => {
  it('multiplies values while it lasts', async () => {
    const { element } = await renderStream({ rate: '200' });
    await waitUntil(() => element.store.size > 0, 'no generator points');

    element.simulateSpike(60_000, 1000);
    const before = element.store.end;
    await waitUntil(() => element.store.end > before + 20, 'no points during the spike');

    const spiked = storedPoints(element).slice(before - element.store.start);
    const cpu = spiked.filter((point) => point.category === 'cpu');
    expect(cpu.length).to.be.greaterThan(0);
    expect(cpu.every((point) => point.value > 1000)).to.equal(true);
  });

  it('rejects a non-finite multiplier', async () => {
    const { element } = await renderStream();

    expect(() => element.simulateSpike(1000, Infinity)).to.throw(RangeError);
    expect(() => element.simulateSpike(-5, 2)).to.throw(RangeError);
  });
});
