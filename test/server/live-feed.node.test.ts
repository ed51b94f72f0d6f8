import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { createGenerator } from '../../src/generator/index.js';
import { LiveFeed, type LiveClient } from '../../src/server/live-feed.js';
import { createLogger } from '../../src/server/logger.js';
import type { SharedBatch } from '../../src/server/point-source.js';
import { Retention } from '../../src/server/retention.js';
import { ServerStringTable } from '../../src/server/string-table.js';
import { waitUntil } from './support.js';

/** A live client that records the batches it is offered. */
class RecordingClient implements LiveClient {
  readonly batches: SharedBatch[] = [];

  deliver(batch: SharedBatch): void {
    this.batches.push(batch);
  }

  /** Sequence numbers of every point offered, in order. */
  seqs(): number[] {
    return this.batches.flatMap((shared) =>
      Array.from({ length: shared.batch.count }, (_, i) => shared.from + i),
    );
  }
}

describe('LiveFeed', () => {
  const logs: string[] = [];
  let feed: LiveFeed;

  function startFeed(rate = 100, onAppend?: (batch: SharedBatch) => void): LiveFeed {
    const generator = createGenerator({ rate, seed: 7 });
    feed = new LiveFeed({
      generator,
      logger: createLogger((line) => logs.push(line)),
      retention: new Retention(10_000, new ServerStringTable()),
      onAppend,
    });
    feed.start();
    return feed;
  }

  afterEach(() => feed.stop());

  it('offers the same batch to every client', async () => {
    startFeed();
    const first = new RecordingClient();
    const second = new RecordingClient();
    feed.add(first);
    feed.add(second);

    await waitUntil(() => first.batches.length >= 3, 'three batches arrived');
    feed.remove(first);
    feed.remove(second);

    assert.deepEqual(second.batches.slice(0, 3), first.batches.slice(0, 3));
    assert.ok(first.batches[0].batch.count > 0);
  });

  it('numbers points without holes', async () => {
    startFeed(500);
    const client = new RecordingClient();
    feed.add(client);

    await waitUntil(() => client.batches.length >= 5, 'five batches arrived');

    const seqs = client.seqs();
    assert.deepEqual(
      seqs,
      seqs.map((_, i) => seqs[0] + i),
    );
    assert.equal(feed.retention.lastSeq, seqs.at(-1));
  });

  it('keeps generating without clients', async () => {
    startFeed(1000);

    await waitUntil(() => feed.retention.size > 100, 'the retention filled');

    assert.equal(feed.retention.firstSeq, 1);
  });

  it('saves each batch before offering it', async () => {
    const order: string[] = [];
    startFeed(200, () => order.push('saved'));
    feed.add({ deliver: () => order.push('delivered') });

    await waitUntil(() => order.length >= 4, 'two batches went out');

    assert.deepEqual(order.slice(0, 4), ['saved', 'delivered', 'saved', 'delivered']);
  });

  it('announces the generator source', () => {
    assert.deepEqual(startFeed().sources, ['generator']);
  });

  it('applies scenario and rate commands', () => {
    startFeed();

    assert.equal(
      feed.runCommand({ type: 'command', name: 'scenario', args: { name: 'weekend' } }),
      undefined,
    );
    assert.equal(feed.runCommand({ type: 'command', name: 'rate', args: { rate: 25 } }), undefined);
    for (const [name, args] of [
      ['burst', { durationMs: 1000, multiplier: 4 }],
      ['failure', { durationMs: 1000, source: 'web-2' }],
      ['anomalies', { durationMs: 1000, probability: 0.5 }],
    ] as const) {
      assert.equal(feed.runCommand({ type: 'command', name, args }), undefined, name);
    }
  });

  const rejected: [string, Record<string, unknown> | undefined, string, RegExp][] = [
    [
      'scenario',
      { name: 'chaos' },
      'invalid_command_args',
      /^Scenario name is "chaos"; send args \{"name": one of normal/,
    ],
    ['scenario', undefined, 'invalid_command_args', /^Scenario name is missing/],
    ['scenario', { name: 42 }, 'invalid_command_args', /^Scenario name is missing/],
    ['rate', { rate: 0 }, 'invalid_command_args', /^Rate is 0; send args/],
    ['rate', { rate: '10' }, 'invalid_command_args', /^Rate is "10"/],
    ['rate', { rate: 2e6 }, 'invalid_command_args', /^Rate is 2000000/],
    ['rate', {}, 'invalid_command_args', /^Rate is missing/],
    ['burst', { multiplier: 0.5 }, 'invalid_command_args', /^burst multiplier is 0\.5/],
    ['burst', { multiplier: 2, durationMs: -1 }, 'invalid_command_args', /^burst durationMs is -1/],
    ['failure', { source: 'db-9' }, 'invalid_command_args', /^failure source is "db-9"/],
    ['anomalies', { probability: 2 }, 'invalid_command_args', /^anomalies probability is 2/],
    ['explode', {}, 'unknown_command', /^Command "explode" is unknown/],
    ['__proto__', {}, 'unknown_command', /^Command "__proto__" is unknown/],
  ];
  for (const [name, args, code, message] of rejected) {
    it(`rejects ${name} ${JSON.stringify(args)}`, () => {
      startFeed();
      const error = feed.runCommand({ type: 'command', name, args });

      assert.equal(error?.code, code);
      assert.match(error?.message ?? '', message);
    });
  }

  it('rejects commands without a generator', () => {
    feed = new LiveFeed({
      logger: createLogger(() => {}),
      retention: new Retention(10, new ServerStringTable()),
    });

    assert.equal(
      feed.runCommand({ type: 'command', name: 'rate', args: { rate: 5 } })?.code,
      'command_unavailable',
    );
  });
});
