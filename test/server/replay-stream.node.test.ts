import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WriteCallback } from '../../src/server/client-connection.js';
import type { ReplayPlan } from '../../src/server/replay-files.js';
import {
  REPLAY_BATCH_POINTS,
  REPLAY_MAX_BUFFERED_BYTES,
  ReplayStream,
  type ReplayClient,
} from '../../src/server/replay-stream.js';
import { waitUntil } from './support.js';

/** A client whose socket drains only when the test calls drainOne(). */
class HeldClient implements ReplayClient {
  isOpen = true;
  bufferedAmount = 0;
  maxBuffered = 0;
  sentPoints: string[] = [];
  ended = false;
  readonly #pending: { bytes: number; callback?: WriteCallback }[] = [];

  sendPoints(pointsJson: string, _count: number, onWritten?: WriteCallback): void {
    this.sentPoints.push(...(JSON.parse(pointsJson) as { id: string }[]).map((point) => point.id));
    this.bufferedAmount += pointsJson.length;
    this.maxBuffered = Math.max(this.maxBuffered, this.bufferedAmount);
    this.#pending.push({ bytes: pointsJson.length, callback: onWritten });
  }

  sendEnd(): void {
    this.ended = true;
  }

  /** Completes the oldest outstanding write. */
  drainOne(): void {
    const write = this.#pending.shift();
    if (write === undefined) return;
    this.bufferedAmount -= write.bytes;
    write.callback?.(null);
  }
}

/** Builds a plan of `count` points of about 300 bytes each, so a batch is about 300 KB. */
function paddedPlan(count: number): ReplayPlan {
  const pad = 'x'.repeat(280);
  const json = Array.from({ length: count }, (_, i) => JSON.stringify({ id: `p${i}`, pad }));
  return { series: [], times: Float64Array.from(json, (_, i) => i), json };
}

describe('ReplayStream', () => {
  it('stops sending while the socket is full', () => {
    const client = new HeldClient();
    const stream = new ReplayStream(paddedPlan(20_000), 'max', client, () => {});

    stream.start();
    stream.stop();

    assert.ok(client.sentPoints.length < 20_000, 'sent the whole replay without draining');
    assert.ok(
      client.maxBuffered < REPLAY_MAX_BUFFERED_BYTES + 400 * REPLAY_BATCH_POINTS,
      `buffered ${client.maxBuffered} bytes`,
    );
  });

  it('resumes as writes complete and ends', async () => {
    const client = new HeldClient();
    let ended = 0;
    const stream = new ReplayStream(paddedPlan(20_000), 'max', client, () => ended++);

    stream.start();
    await waitUntil(() => {
      client.drainOne();
      return client.ended;
    }, 'the replay ended');

    assert.equal(ended, 1);
    assert.equal(client.sentPoints.length, 20_000);
    assert.equal(client.sentPoints.at(-1), 'p19999');
    assert.ok(client.maxBuffered < REPLAY_MAX_BUFFERED_BYTES + 400 * REPLAY_BATCH_POINTS);
  });

  it('sends nothing after stop', async () => {
    const client = new HeldClient();
    const stream = new ReplayStream(paddedPlan(20_000), 'max', client, () => {});
    stream.start();
    const sent = client.sentPoints.length;

    stream.stop();
    for (let i = 0; i < 10; i++) client.drainOne();
    await new Promise((resolve) => setImmediate(resolve));

    assert.equal(client.sentPoints.length, sent);
    assert.equal(client.ended, false);
  });

  it('sends nothing to a closed client', () => {
    const client = new HeldClient();
    client.isOpen = false;

    new ReplayStream(paddedPlan(10), 'max', client, () => {}).start();

    assert.deepEqual(client.sentPoints, []);
  });
});
