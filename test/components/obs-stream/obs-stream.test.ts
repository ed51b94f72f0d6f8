import { expect, waitUntil } from '@open-wc/testing';
import {
  acceptConnections,
  describe,
  dropConnections,
  it,
  renderStream,
  scriptedUrl,
  serverConnections,
  storedPoints,
  waitForSize,
  waitForStatus,
} from './helpers.js';

describe('<obs-stream> over WebSocket', () => {
  it('puts valid data in the store', async () => {
    const { url } = await scriptedUrl('valid');
    const { element } = await renderStream({ url });

    await waitForSize(element, 3);

    const points = storedPoints(element);
    expect(points.map((point) => point.value)).to.deep.equal([1, 2, 3]);
    expect(points[0].category).to.equal('cpu');
    expect(points[0].source).to.equal('web-1');
    expect(element.receivedCount).to.equal(3);
    expect(element.invalidCount).to.equal(0);
    expect(element.lastPointAt).to.be.a('number');
  });

  it('goes from connecting to live', async () => {
    const { url } = await scriptedUrl('silent');
    const { element, statuses } = await renderStream({ url });

    await waitForStatus(element, 'live');

    expect(statuses.map((detail) => detail.status)).to.deep.equal(['connecting', 'live']);
    expect(element.status).to.equal('live');
    const indicator = element.shadowRoot?.querySelector('[part="status"]');
    expect(indicator?.textContent?.trim()).to.equal('Live');
  });

  it('reports malformed JSON and keeps streaming', async () => {
    const { url } = await scriptedUrl('malformed');
    const { element, invalid } = await renderStream({ url });

    await waitForSize(element, 1);

    expect(invalid).to.have.length(1);
    expect(invalid[0].count).to.equal(1);
    expect(invalid[0].total).to.equal(1);
    expect(invalid[0].origin).to.equal('network');
    expect(invalid[0].samples[0].index).to.equal(-1);
    expect(invalid[0].samples[0].reason).to.match(/^message is not valid JSON/);
    expect(element.invalidCount).to.equal(1);
    expect(element.status).to.equal('live');
  });

  it('reports unknown types and non-array points', async () => {
    for (const [testCase, reason] of [
      ['unknown-type', "unknown message type 'surprise'"],
      ['not-array', 'data.points must be an array'],
    ]) {
      const { url } = await scriptedUrl(testCase);
      const { element, invalid } = await renderStream({ url });

      await waitForSize(element, 1);

      expect(invalid.map((detail) => detail.samples[0].reason)).to.deep.equal([reason]);
      expect(element.invalidCount, testCase).to.equal(1);
    }
  });

  it('keeps the valid points of a mixed message', async () => {
    const { url } = await scriptedUrl('mixed');
    const { element, invalid } = await renderStream({ url });

    await waitForSize(element, 2);
    await waitUntil(() => invalid.length > 0, 'no obs-invalid-data event');

    expect(storedPoints(element).map((point) => point.value)).to.deep.equal([1, 5]);
    expect(invalid).to.have.length(1);
    expect(invalid[0].count).to.equal(3);
    const samples = invalid[0].samples;
    expect(samples.map((sample) => sample.index)).to.deep.equal([1, 2, 3]);
    // A string value, 1e999 (Infinity after JSON.parse), and a missing category.
    expect(samples[0].reason).to.equal('value: must be a finite number or null, got a string');
    expect(samples[1].reason).to.equal('value: must be a finite number or null, got Infinity');
    expect(samples[2].reason).to.equal('category: must be a string, but it is missing');
    expect(element.invalidCount).to.equal(3);
    expect(element.receivedCount).to.equal(2);
  });

  it('stores hostile strings as plain data', async () => {
    const { url } = await scriptedUrl('hostile');
    const { element } = await renderStream({ url });

    await waitForSize(element, 1);

    const [point] = storedPoints(element);
    expect(point.category).to.equal('<img src=x onerror=alert(1)>');
    expect(point.source).to.equal('javascript:alert(1)');
    const metadata = point.metadata ?? {};
    expect(Object.keys(metadata)).to.deep.equal(['__proto__', 'constructor', 'note']);
    expect(Object.getOwnPropertyDescriptor(metadata, '__proto__')?.value).to.equal('polluted');
    expect(metadata.note).to.equal('<script>alert(1)</script>');
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
    expect(document.querySelector('img')).to.equal(null);
    expect(element.shadowRoot?.querySelector('img')).to.equal(null);
  });

  it('reconnects after the server closes the socket', async () => {
    const { url, key } = await scriptedUrl('silent');
    const { element, statuses } = await renderStream({ url });
    await waitForStatus(element, 'live');

    await dropConnections(key);
    await waitForStatus(element, 'reconnecting');
    await waitForStatus(element, 'live');

    expect(statuses.map((detail) => detail.status)).to.deep.equal([
      'connecting',
      'live',
      'reconnecting',
      'live',
    ]);
    expect(statuses[2].attempt).to.equal(1);
    expect(statuses[2].nextTryAt).to.be.a('number');
    expect((await serverConnections(key)).total).to.equal(2);
  });

  it('disconnect leaves no open socket', async () => {
    const { url, key } = await scriptedUrl('silent');
    const { element } = await renderStream({ url });
    await waitForStatus(element, 'live');

    element.disconnect();

    expect(element.status).to.equal('offline');
    await waitUntil(async () => (await serverConnections(key)).open === 0, 'socket stayed open');
  });

  it('removal closes the socket and re-adding reconnects', async () => {
    const { url, key } = await scriptedUrl('valid');
    const { element } = await renderStream({ url });
    await waitForSize(element, 3);
    const parent = element.parentElement!;

    element.remove();
    await waitUntil(async () => (await serverConnections(key)).open === 0, 'socket stayed open');
    parent.append(element);

    await waitForSize(element, 6);
    expect(element.status).to.equal('live');
    const connections = await serverConnections(key);
    expect(connections.open).to.equal(1);
    expect(connections.total).to.equal(2);
  });

  it('rapid connect and disconnect keep one socket', async () => {
    const { url, key } = await scriptedUrl('silent');
    const { element } = await renderStream({ url });

    for (let i = 0; i < 5; i++) {
      element.connect();
      element.disconnect();
      element.connect();
    }
    await waitForStatus(element, 'live');

    await waitUntil(
      async () => (await serverConnections(key)).open === 1,
      'expected exactly one open socket',
    );
  });

  it('switches to the new url', async () => {
    const first = await scriptedUrl('silent');
    const second = await scriptedUrl('valid');
    const { element, statuses } = await renderStream({ url: first.url });
    await waitForStatus(element, 'live');

    element.url = second.url;

    await waitForSize(element, 3);
    expect(statuses.map((detail) => detail.status)).to.deep.equal([
      'connecting',
      'live',
      'connecting',
      'live',
    ]);
    await waitUntil(async () => (await serverConnections(first.key)).open === 0, 'old socket open');
  });
});

describe('<obs-stream> fallback', () => {
  it('reports offline when the server is unreachable', async () => {
    const { url } = await scriptedUrl('refuse');
    const { element, statuses } = await renderStream({ url });

    await waitForStatus(element, 'offline');

    expect(statuses[0].status).to.equal('connecting');
    expect(statuses[1].reason).to.match(/^cannot connect to ws:/);
    expect(statuses[1].nextTryAt).to.be.a('number');
    expect(element.store.size).to.equal(0);
  });

  it('runs mock data until the server answers', async () => {
    const { url, key } = await scriptedUrl('refuse');
    const { element, statuses } = await renderStream({ url, fallback: 'mock', rate: '500' });
    await waitForStatus(element, 'mock');
    await waitUntil(() => element.receivedCount >= 10, 'mock data never arrived');

    await acceptConnections(key);
    await waitForStatus(element, 'live', 10_000);
    await waitUntil(
      () => storedPoints(element).some((point) => point.id.startsWith(key)),
      'server points never arrived',
    );
    const received = element.receivedCount;
    // A second stream shows how many generator ticks have passed since the switch.
    const { element: clock } = await renderStream({ rate: '1000' });
    await waitUntil(() => clock.receivedCount >= 300, 'second stream generated nothing');

    expect(statuses.map((detail) => detail.status)).to.deep.equal(['connecting', 'mock', 'live']);
    expect(element.receivedCount).to.equal(received);
  });
});

describe('<obs-stream> url handling', () => {
  it('rejects a javascript: url as offline', async () => {
    const { element, statuses } = await renderStream({ url: 'javascript:alert(1)' });

    expect(element.status).to.equal('offline');
    expect(statuses.at(-1)?.reason).to.match(/must use ws:, wss:, http: or https:/);
    expect(element.store.size).to.equal(0);
  });

  it('falls back to mock data when offline', async () => {
    const { element, statuses } = await renderStream({
      url: 'javascript:alert(1)',
      fallback: 'mock',
      rate: '500',
    });

    await waitForSize(element, 5);

    expect(element.status).to.equal('mock');
    expect(statuses.map((detail) => detail.status)).to.not.include('live');
  });
});
