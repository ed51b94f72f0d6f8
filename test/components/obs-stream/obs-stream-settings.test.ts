import { expect, waitUntil } from '@open-wc/testing';
import {
  describe,
  dropConnections,
  it,
  renderStream,
  scriptedUrl,
  serverConnections,
  waitForStatus,
} from './helpers.js';

/** Query parameter `name` of each connection the scripted server accepted for `key`. */
async function connectionParameters(key: string, name: string): Promise<(string | null)[]> {
  const { queries } = await serverConnections(key);
  return queries.map((query) => new URLSearchParams(query).get(name));
}

describe('<obs-stream> settings on automatic reconnects', () => {
  it('reconnects with a changed encoding', async () => {
    const { url, key } = await scriptedUrl('v2-heartbeats');
    const { element } = await renderStream({ url });
    await waitForStatus(element, 'live');

    element.encoding = 'json';
    await element.updateComplete;
    await dropConnections(key);
    await waitUntil(
      async () => (await serverConnections(key)).total === 2,
      'the element never reconnected',
    );

    expect(await connectionParameters(key, 'encoding')).to.deep.equal(['binary', 'json']);
    expect(await connectionParameters(key, 'columns')).to.deep.equal(['compact', null]);
  });

  it('reconnects with a changed heartbeat timeout', async () => {
    // The server sends one point and then nothing, not even heartbeats.
    const { url, key } = await scriptedUrl('v2-silent');
    const { element } = await renderStream({ url, 'heartbeat-timeout': '60000' });
    await waitForStatus(element, 'live');

    element.heartbeatTimeout = 300;
    await element.updateComplete;
    await dropConnections(key);

    // Only a reconnect that uses 300 ms replaces its silent connection, which opens a third one.
    await waitUntil(
      async () => (await serverConnections(key)).total >= 3,
      'the reconnected socket kept the old heartbeat timeout',
      { timeout: 8000 },
    );
  });
});
