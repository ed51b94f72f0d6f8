import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { createGenerator } from '../../src/generator/index.js';
import { LiveFeed, MAX_LIVE_BUFFERED_BYTES, type LiveClient } from '../../src/server/live-feed.js';
import { createLogger } from '../../src/server/logger.js';
import { waitUntil } from './support.js';

class RecordingClient implements LiveClient {
  static #nextId = 1;
  readonly id = RecordingClient.#nextId++;
  bufferedAmount = 0;
  batches: { id: string; value: number | null }[][] = [];
  errors: { code: string; message: string }[] = [];

  sendPoints(pointsJson: string): void {
    this.batches.push(JSON.parse(pointsJson));
  }

  sendError(code: string, message: string): void {
    this.errors.push({ code, message });
  }
}

describe('LiveFeed', () => {
  const logs: string[] = [];
  let feed: LiveFeed;

  function startFeed(rate = 100): LiveFeed {
    const generator = createGenerator({ rate, seed: 7 });
    feed = new LiveFeed({ generator, logger: createLogger((line) => logs.push(line)) });
    feed.start();
    return feed;
  }

  afterEach(() => feed.stop());

  it('sends the same points to every client', async () => {
    startFeed();
    const first = new RecordingClient();
    const second = new RecordingClient();
    feed.add(first);
    feed.add(second);

    await waitUntil(() => first.batches.length >= 3, 'three batches arrived');
    feed.remove(first);
    feed.remove(second);

    assert.deepEqual(second.batches.slice(0, 3), first.batches.slice(0, 3));
    assert.ok(first.batches.flat().length > 0);
  });

  it('announces the generator source', () => {
    assert.deepEqual(startFeed().sources, ['generator']);
  });

  it('drops batches for a full client, then reports them', async () => {
    startFeed(1000);
    const slow = new RecordingClient();
    slow.bufferedAmount = MAX_LIVE_BUFFERED_BYTES + 1;
    feed.add(slow);

    const healthy = new RecordingClient();
    feed.add(healthy);
    // Each batch the healthy client receives is one the full client missed.
    await waitUntil(() => healthy.batches.length >= 2, 'the healthy client got two batches');
    slow.bufferedAmount = 0;
    await waitUntil(() => slow.batches.length >= 1, 'the slow client got a batch');

    assert.equal(slow.errors.length, 1);
    assert.equal(slow.errors[0].code, 'points_dropped');
    assert.match(slow.errors[0].message, /^Dropped \d+ points because/);
    assert.ok(logs.some((line) => JSON.parse(line).event === 'points_dropped'));
  });

  it('applies scenario and rate commands', () => {
    startFeed();

    assert.equal(
      feed.runCommand({ type: 'command', name: 'scenario', args: { name: 'weekend' } }),
      undefined,
    );
    assert.equal(feed.runCommand({ type: 'command', name: 'rate', args: { rate: 25 } }), undefined);
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
    ['burst', {}, 'unknown_command', /^Command "burst" is unknown/],
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
    feed = new LiveFeed({ logger: createLogger(() => {}) });

    assert.equal(
      feed.runCommand({ type: 'command', name: 'rate', args: { rate: 5 } })?.code,
      'command_unavailable',
    );
  });
});
