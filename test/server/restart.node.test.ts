import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { killAll, startServer, waitUntil, type RunningServer } from './support.js';
import { StoreClient, storedIds } from './store-client.js';

const FAST_BACKOFF = { base: 100, factor: 1.5, cap: 1000 };

/** Reads every retained point of the server with a fresh client that resumes after seq 0. */
async function retainedIds(port: number, lastSeq: number): Promise<string[]> {
  const reader = new StoreClient(`ws://127.0.0.1:${port}/ws?resume=0`, 'json');
  reader.open();
  await waitUntil(() => reader.lastSeq >= lastSeq, `the reader reached seq ${lastSeq}`, 20_000);
  reader.close();
  return storedIds(reader.store).slice(0, lastSeq);
}

describe('restart with --state-dir', () => {
  let folder: string;
  let server: RunningServer;
  const args = () => ['--rate', '2000', '--no-host-metrics', '--retain', '1000000'];

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'observatory-state-'));
  });

  after(async () => {
    await killAll();
    rmSync(folder, { recursive: true, force: true });
  });

  it('delivers every point exactly once across SIGKILL and SIGTERM', async () => {
    server = await startServer([...args(), '--state-dir', folder]);
    const port = server.port;
    const client = new StoreClient(`ws://127.0.0.1:${port}/ws`, 'binary', {
      backoff: FAST_BACKOFF,
    });
    client.open();
    await waitUntil(() => client.store.size > 2000, 'the client received 2000 points');

    server.child.kill('SIGKILL');
    await waitUntil(() => client.state !== 'live', 'the client noticed the kill');
    const seqAtKill = client.lastSeq;
    server = await startServer([...args(), '--state-dir', folder, '--port', String(port)]);
    await waitUntil(() => client.lastSeq > seqAtKill + 2000, 'points flowed after the restart');

    const seqBeforeStop = client.lastSeq;
    const stopped = server.stop();
    await waitUntil(() => client.closeCodes.includes(1001), 'the client got close code 1001');
    assert.equal(await stopped, 0);
    server = await startServer([...args(), '--state-dir', folder, '--port', String(port)]);
    await waitUntil(() => client.lastSeq > seqBeforeStop + 2000, 'points flowed after SIGTERM');
    client.close();

    const expected = await retainedIds(port, client.lastSeq);
    const received = storedIds(client.store);
    assert.equal(received.length, client.lastSeq, 'the store holds one point per sequence number');
    assert.deepEqual(received, expected);
    assert.deepEqual(client.reapplied, []);
    assert.deepEqual(client.gaps, []);
    assert.equal(client.store.duplicates, 0);
    assert.equal(client.invalid, 0);
    assert.ok(
      client.closeCodes.includes(1006),
      'the SIGKILL ended a connection without a close frame',
    );
  });
});
