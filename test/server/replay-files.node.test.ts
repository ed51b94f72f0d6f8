import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ReplayFileError } from '../../src/server/replay-csv.js';
import { loadReplayPlan, planPoint, seriesFromFileName } from '../../src/server/replay-files.js';

describe('seriesFromFileName', () => {
  const cases: [string, string, string][] = [
    ['ec2_cpu_utilization_24ae8d.csv', 'ec2_cpu_utilization', '24ae8d'],
    ['data/rds_cpu_utilization_E47B3B.CSV', 'rds_cpu_utilization', 'E47B3B'],
    ['elb_request_count_8c0756.csv', 'elb_request_count', '8c0756'],
    ['grok_asg_anomaly.csv', 'grok_asg_anomaly', 'replay'],
    ['iio_us-east-1_i-a2eb1cd9_NetworkIn.csv', 'iio_us-east-1_i-a2eb1cd9_NetworkIn', 'replay'],
    ['cpu_facade.csv', 'cpu_facade', 'replay'],
    ['cpu_12ab.csv', 'cpu_12ab', 'replay'],
    ['_24ae8d.csv', '_24ae8d', 'replay'],
    ['plain.csv', 'plain', 'replay'],
  ];
  for (const [file, category, source] of cases) {
    it(`maps ${file}`, () => {
      assert.deepEqual(seriesFromFileName(file), { category, source });
    });
  }
});

describe('loadReplayPlan', () => {
  let folder: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'observatory-replay-'));
    mkdirSync(join(folder, 'two'));
    writeFileSync(join(folder, 'two', 'cpu_aaaaa1.csv'), 'timestamp,value\n1000,1\n3000,3\n');
    writeFileSync(join(folder, 'two', 'memory.csv'), 'timestamp,value\n2000,20\n3000,30\n');
    writeFileSync(join(folder, 'two', 'notes.txt'), 'not a replay file');
    mkdirSync(join(folder, 'none'));
    writeFileSync(join(folder, 'none', 'readme.md'), '# no CSV here');
    writeFileSync(join(folder, 'header-only.csv'), 'timestamp,value\n');
    writeFileSync(join(folder, 'bad_beef01.csv'), 'timestamp,value\n1000,1\n\n2000,oops\n');
  });

  after(() => rmSync(folder, { recursive: true, force: true }));

  it('merges a folder in timestamp order', async () => {
    const plan = await loadReplayPlan([join(folder, 'two')]);
    const points = Array.from({ length: plan.count }, (_, i) => planPoint(plan, i));

    assert.deepEqual(
      points.map((point) => point.id),
      ['cpu/aaaaa1/1', 'memory/replay/1', 'cpu/aaaaa1/2', 'memory/replay/2'],
    );
    assert.deepEqual([...plan.columns.timestamp], [1000, 2000, 3000, 3000]);
    assert.deepEqual(points[1], {
      id: 'memory/replay/1',
      timestamp: 2000,
      value: 20,
      category: 'memory',
      source: 'replay',
    });
  });

  it('lists each file with its series', async () => {
    const plan = await loadReplayPlan([join(folder, 'two')]);

    assert.deepEqual(
      plan.series.map(({ category, source, points }) => ({ category, source, points })),
      [
        { category: 'cpu', source: 'aaaaa1', points: 2 },
        { category: 'memory', source: 'replay', points: 2 },
      ],
    );
  });

  async function rejection(paths: string[]): Promise<string> {
    try {
      await loadReplayPlan(paths);
    } catch (error) {
      assert.ok(
        error instanceof ReplayFileError,
        `expected a ReplayFileError, got ${String(error)}`,
      );
      return error.message;
    }
    assert.fail('loadReplayPlan resolved');
  }

  it('rejects a missing path', async () => {
    assert.match(await rejection([join(folder, 'missing.csv')]), /missing\.csv does not exist/);
  });

  it('rejects a folder without CSV files', async () => {
    assert.match(
      await rejection([join(folder, 'none')]),
      /contains no \.csv, \.ndjson or \.jsonl files/,
    );
  });

  it('rejects files without data rows', async () => {
    assert.match(await rejection([join(folder, 'header-only.csv')]), /contain no data rows/);
  });

  it('names file and line of a bad row', async () => {
    const message = await rejection([join(folder, 'bad_beef01.csv')]);

    assert.match(message, /bad_beef01\.csv, line 4: value 'oops'/);
  });

  it('rejects the same series twice', async () => {
    const file = join(folder, 'two', 'memory.csv');

    assert.match(await rejection([file, file]), /both map to series memory\/replay/);
  });
});
