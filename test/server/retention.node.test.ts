import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Point } from '../../src/core/types.js';
import { createLogger } from '../../src/server/logger.js';
import { SharedBatch } from '../../src/server/point-source.js';
import { openRetention } from '../../src/server/retention-log.js';
import { Retention, splitId } from '../../src/server/retention.js';
import { ServerStringTable } from '../../src/server/string-table.js';

function points(count: number, start = 0): Point[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `g1-${start + i}`,
    timestamp: 1000 * (start + i),
    value: start + i === 2 ? NaN : start + i,
    category: 'cpu',
    source: 'web-1',
    metadata: { unit: 'percent' },
  }));
}

describe('splitId', () => {
  const cases: [string, string, number][] = [
    ['g7-1042', 'g7-', 1042],
    ['cpu/web-1/1714564800000', 'cpu/web-1/', 1714564800000],
    ['42', '', 42],
    ['abc', 'abc', NaN],
    ['x-007', 'x-007', NaN],
    ['x-0', 'x-', 0],
    ['n-1234567890123456', 'n-1234567890123456', NaN],
    ['', '', NaN],
  ];
  for (const [id, prefix, number] of cases) {
    it(`splits '${id}'`, () => {
      assert.deepEqual(splitId(id), { prefix, number });
    });
  }
});

describe('Retention', () => {
  it('numbers points from 1', () => {
    const retention = new Retention(10, new ServerStringTable());

    assert.deepEqual(retention.append(points(3)), { from: 1, to: 3 });
    assert.deepEqual(retention.append(points(2, 3)), { from: 4, to: 5 });
    assert.equal(retention.firstSeq, 1);
    assert.equal(retention.lastSeq, 5);
  });

  it('keeps only the newest points', () => {
    const retention = new Retention(4, new ServerStringTable());
    retention.append(points(10));

    const batch = retention.read(retention.firstSeq, 10);

    assert.equal(retention.firstSeq, 7);
    assert.equal(batch.seq, 10);
    assert.deepEqual([...batch.idNumber], [6, 7, 8, 9]);
  });

  it('reads across the end of the ring', () => {
    const retention = new Retention(4, new ServerStringTable());
    retention.append(points(6));

    assert.deepEqual([...retention.read(4, 3).timestamp], [3000, 4000, 5000]);
  });

  it('rejects a read outside the retention', () => {
    const retention = new Retention(4, new ServerStringTable());
    retention.append(points(6));

    assert.throws(() => retention.read(2, 1), /sequence number 2 is outside the retention 3-6/);
    assert.throws(() => retention.read(7, 1), RangeError);
  });
});

describe('openRetention', () => {
  const folder = mkdtempSync(join(tmpdir(), 'observatory-retention-'));
  const logger = createLogger(() => {});

  after(() => rmSync(folder, { recursive: true, force: true }));

  function save(state: string, batches: Point[][]): void {
    const { retention, log } = openRetention(state, 100, logger);
    for (const batch of batches) {
      const { from, to } = retention.append(batch);
      log.append(new SharedBatch(retention.read(from, to - from + 1), retention.table));
    }
    log.close();
  }

  it('restores points, numbers and the stream id', () => {
    const state = join(folder, 'restore');
    const first = openRetention(state, 100, logger);
    first.log.close();
    save(state, [points(3), points(2, 3)]);

    const restored = openRetention(state, 100, logger);
    restored.log.close();

    assert.equal(restored.stream, first.stream);
    assert.equal(restored.restored, 5);
    assert.equal(restored.retention.firstSeq, 1);
    assert.equal(restored.retention.lastSeq, 5);
    const batch = restored.retention.read(1, 5);
    assert.ok(Number.isNaN(batch.value[2]), 'a gap stays a gap');
    assert.equal(restored.retention.table.at(batch.metadata[0]), '{"unit":"percent"}');
  });

  it('skips a line torn by a crash', () => {
    const state = join(folder, 'torn');
    save(state, [points(3)]);
    appendFileSync(join(state, 'retention.ndjson'), '{"type":"data","seq":9,"points":[{"id"');

    const restored = openRetention(state, 100, logger);
    restored.log.close();

    assert.equal(restored.retention.lastSeq, 3);
    assert.doesNotMatch(readFileSync(join(state, 'retention.ndjson'), 'utf8'), /"seq":9/);
  });

  it('keeps the newest points of a smaller retention', () => {
    const state = join(folder, 'smaller');
    save(state, [points(60), points(60, 60)]);

    const restored = openRetention(state, 50, logger);
    restored.log.close();

    assert.equal(restored.retention.firstSeq, 71);
    assert.equal(restored.retention.lastSeq, 120);
  });

  it('rewrites the log when it holds twice the retention', () => {
    const state = join(folder, 'compact');
    const { retention, log } = openRetention(state, 10, logger);
    for (let i = 0; i < 5; i++) {
      const { from, to } = retention.append(points(10, i * 10));
      log.append(new SharedBatch(retention.read(from, to - from + 1), retention.table));
    }
    log.close();

    const lines = readFileSync(join(state, 'retention.ndjson'), 'utf8').trim().split('\n');
    const kept = lines.reduce((sum, line) => sum + JSON.parse(line).points.length, 0);
    assert.ok(kept <= 30, `the log kept ${kept} points`);
  });
});
