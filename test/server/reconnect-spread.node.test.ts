import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { killAll, startServer, waitUntil } from './support.js';
import { StoreClient } from './store-client.js';

const CLIENTS = 200;
/** Width of the buckets the first retries are counted in, in milliseconds. */
const BUCKET_MS = 100;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

describe('200 clients losing the server at once', () => {
  after(() => killAll());

  it('spread their reconnects over time', async () => {
    const server = await startServer(['--rate', '200', '--no-host-metrics']);
    const port = server.port;
    const clients = Array.from({ length: CLIENTS }, () => ({
      client: new StoreClient(`ws://127.0.0.1:${port}/ws`, 'binary'),
    }));
    for (const { client } of clients) client.open();
    await waitUntil(
      () => clients.every(({ client }) => client.state === 'live'),
      'all live',
      20_000,
    );
    for (const { client } of clients) client.openedAt.length = 0;

    for (const { client } of clients) client.statuses.length = client.statusTimes.length = 0;
    assert.equal(await server.stop(), 0);
    await waitUntil(
      () => clients.every(({ client }) => client.statuses.some((s) => s.state === 'reconnecting')),
      'every client is reconnecting',
    );
    const closes = clients.map(({ client }) => {
      const index = client.statuses.findIndex((s) => s.state === 'reconnecting');
      const status = client.statuses[index];
      assert.ok(status.state === 'reconnecting');
      return { closedAt: client.statusTimes[index], retryAt: status.nextTryAt };
    });
    const firstClose = Math.min(...closes.map(({ closedAt }) => closedAt));
    const closeSpread = Math.max(...closes.map(({ closedAt }) => closedAt)) - firstClose;
    // Each client's first retry is due at a uniform random time in the second after its close.
    const firstRetries = closes.map(({ retryAt }) => retryAt - firstClose).sort((a, b) => a - b);
    await startServer(['--rate', '200', '--no-host-metrics', '--port', String(port)]);
    const restartedAt = Date.now();
    await waitUntil(
      () => clients.every(({ client }) => client.state === 'live'),
      'every client reconnected',
      60_000,
    );
    const reconnects = clients
      .map(({ client }) => client.openedAt[0] - restartedAt)
      .sort((a, b) => a - b);
    for (const { client } of clients) client.close();

    const buckets = new Array(Math.ceil(1000 / BUCKET_MS)).fill(0);
    for (const time of firstRetries)
      buckets[Math.min(buckets.length - 1, Math.floor(time / BUCKET_MS))]++;
    const spread = {
      closeSpread,
      firstRetryP10: quantile(firstRetries, 0.1),
      firstRetryP90: quantile(firstRetries, 0.9),
      firstRetryBuckets: buckets,
      reconnectP10: quantile(reconnects, 0.1),
      reconnectP50: quantile(reconnects, 0.5),
      reconnectP90: quantile(reconnects, 0.9),
      reconnectMax: reconnects.at(-1),
    };
    console.log(`reconnect spread of ${CLIENTS} clients, ms: ${JSON.stringify(spread)}`);

    assert.ok(closeSpread < 300, `the 1001 closes took ${closeSpread} ms to reach every client`);
    assert.ok(firstRetries[0] >= 0 && (firstRetries.at(-1) ?? 0) <= 1000 + closeSpread);
    // Uniform over one second puts about 20 clients in each 100 ms; one burst would put 200 in one.
    assert.ok(
      Math.max(...buckets) <= 45,
      `busiest 100 ms held ${Math.max(...buckets)} first retries`,
    );
    assert.ok(
      Math.min(...buckets) >= 4,
      `emptiest 100 ms held ${Math.min(...buckets)} first retries`,
    );
    assert.ok(spread.firstRetryP90 - spread.firstRetryP10 >= 500);
    assert.ok(spread.reconnectP90 - spread.reconnectP10 >= 300, 'reconnects came in one burst');
  });
});
