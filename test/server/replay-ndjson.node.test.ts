import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ReplayFileError } from '../../src/server/replay-csv.js';
import { loadReplayPlan, planPoint } from '../../src/server/replay-files.js';
import { parseReplayNdjson } from '../../src/server/replay-ndjson.js';
import { StoreClient, storedIds } from './store-client.js';
import { killAll, startServer, waitUntil } from './support.js';

const LINES = [
  '{"id":"a-1","timestamp":"2024-05-01T12:00:00Z","value":1,"category":"cpu","source":"web-1","metadata":{"unit":"percent"}}',
  '',
  '{"timestamp":1714564860000,"value":null,"category":"cpu","source":"web-1"}',
  '{"id":7,"timestamp":1714564920000,"value":3.5,"category":"memory","source":"db-1"}',
];

describe('parseReplayNdjson', () => {
  it('reads points, gaps and missing ids', () => {
    const points = parseReplayNdjson(LINES.join('\n'), 'points.ndjson', 'points/replay');

    assert.deepEqual(
      points.map((point) => point.id),
      ['a-1', 'points/replay/3', '7'],
    );
    assert.equal(points[0].timestamp, Date.UTC(2024, 4, 1, 12));
    assert.ok(Number.isNaN(points[1].value));
    assert.equal(points[0].metadata?.unit, 'percent');
    assert.equal(points[2].category, 'memory');
  });

  const rejected: [string, string, RegExp][] = [
    ['invalid JSON', '{"timestamp":', /line 1: '\{"timestamp":' is not valid JSON/],
    ['a text value', '{"timestamp":1,"value":"7","category":"c","source":"s"}', /line 1: value/],
    [
      'an infinite value',
      '{"timestamp":1,"value":1e999,"category":"c","source":"s"}',
      /line 1: value/,
    ],
    ['a missing category', '{"timestamp":1,"value":1,"source":"s"}', /line 1: category/],
    ['an array', '[1,2]', /line 1: point/],
  ];
  for (const [name, line, message] of rejected) {
    it(`rejects ${name}`, () => {
      assert.throws(
        () => parseReplayNdjson(line, 'bad.ndjson', 'bad/replay'),
        (error) => {
          assert.ok(error instanceof ReplayFileError);
          assert.match(error.message, /^Replay file bad\.ndjson, /);
          assert.match(error.message, message);
          return true;
        },
      );
    });
  }
});

describe('replay of NDJSON with --loop', () => {
  let folder: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'observatory-ndjson-'));
    writeFileSync(join(folder, 'points.ndjson'), LINES.join('\n'));
    writeFileSync(join(folder, 'cpu_abc123.csv'), 'timestamp,value\n2024-05-01 12:00:30,9\n');
  });

  after(async () => {
    await killAll();
    rmSync(folder, { recursive: true, force: true });
  });

  it('merges NDJSON and CSV files of a folder', async () => {
    const plan = await loadReplayPlan([folder]);
    const points = Array.from({ length: plan.count }, (_, i) => planPoint(plan, i));

    assert.deepEqual(
      points.map((point) => point.id),
      ['a-1', 'cpu/abc123/1', 'points/replay/3', '7'],
    );
    assert.match(plan.stream, /^replay-[0-9a-f]{16}$/);
  });

  it('loops with new ids and later times', async () => {
    const server = await startServer(['--replay', join(folder, 'points.ndjson'), '--loop']);
    const client = new StoreClient(`ws://127.0.0.1:${server.port}/ws`, 'binary');
    client.open();

    await waitUntil(() => client.store.size >= 9, 'three loops arrived');
    client.close();

    const ids = storedIds(client.store).slice(0, 9);
    // Each loop adds the plan's point count to the number that ends an id.
    assert.deepEqual(ids, [
      'a-1',
      'points/replay/3',
      '7',
      'a-4',
      'points/replay/6',
      '10',
      'a-7',
      'points/replay/9',
      '13',
    ]);
    const times = Array.from({ length: 9 }, (_, i) => client.store.timeAt(client.store.start + i));
    // The loop period is the 120 s span plus one mean step of 60 s.
    assert.equal(times[3] - times[0], 180_000);
    assert.equal(times[6] - times[3], 180_000);
  });
});
