import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DataMessage } from '../../src/stream/protocol.js';
import {
  killAll,
  NAB_FILE,
  NAB_FOLDER,
  startServer,
  TestClient,
  type RunningServer,
} from './support.js';

interface WirePoint {
  id: string;
  timestamp: number;
  value: number;
  category: string;
  source: string;
}

/** Reads a NAB file the plain way, independent of the server's parser. */
function nabRows(path: string): { timestamp: number; value: number }[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [time, value] = line.split(',');
      return { timestamp: Date.parse(`${time.replace(' ', 'T')}Z`), value: Number(value) };
    });
}

function pointsOf(client: TestClient): WirePoint[] {
  return client.of('data').flatMap((message: DataMessage) => message.points as WirePoint[]);
}

async function replayToEnd(server: RunningServer): Promise<TestClient> {
  const client = await TestClient.connect(server);
  await client.waitFor((c) => c.of('end').length === 1, 'the end message arrived', 30_000);
  return client;
}

describe('replay of one NAB file', () => {
  let server: RunningServer;
  const expected = nabRows(NAB_FILE);

  before(async () => {
    server = await startServer(['--replay', NAB_FILE]);
  });

  after(killAll);

  it('announces the replay source', async () => {
    const client = await replayToEnd(server);
    client.close();

    const hello = client.messages[0];
    assert.equal(hello.type, 'hello');
    assert.equal(hello.protocol, 2);
    assert.deepEqual(hello.sources, ['replay']);
    assert.match(hello.stream ?? '', /^replay-[0-9a-f]{16}$/);
  });

  it('delivers every row of the file', async () => {
    const client = await replayToEnd(server);
    client.close();
    const points = pointsOf(client);

    assert.equal(expected.length, 4032);
    assert.equal(points.length, expected.length);
    assert.equal(client.of('end')[0].total, expected.length);
  });

  it('keeps first and last timestamps and values', async () => {
    const client = await replayToEnd(server);
    client.close();
    const points = pointsOf(client);

    assert.equal(points[0].timestamp, Date.UTC(2014, 1, 14, 14, 30));
    assert.equal(points[0].value, expected[0].value);
    assert.equal(points.at(-1)?.timestamp, expected.at(-1)?.timestamp);
    assert.equal(points.at(-1)?.value, expected.at(-1)?.value);
    assert.deepEqual(
      points.map((point) => point.value),
      expected.map((row) => row.value),
    );
  });

  it('names series and ids after the file', async () => {
    const client = await replayToEnd(server);
    client.close();
    const points = pointsOf(client);

    assert.deepEqual(points[0], {
      id: 'ec2_cpu_utilization/24ae8d/1',
      timestamp: Date.UTC(2014, 1, 14, 14, 30),
      value: 0.132,
      category: 'ec2_cpu_utilization',
      source: '24ae8d',
    });
    assert.equal(points.at(-1)?.id, `ec2_cpu_utilization/24ae8d/${expected.length}`);
    assert.equal(new Set(points.map((point) => point.id)).size, points.length);
  });

  it('numbers points consecutively', async () => {
    const client = await replayToEnd(server);
    client.close();
    let expectedFirst = 1;
    for (const message of client.of('data')) {
      assert.equal(message.seq - message.points.length + 1, expectedFirst);
      expectedFirst = message.seq + 1;
    }

    const [end] = client.of('end');
    assert.equal(end.seq, expectedFirst - 1);
    assert.equal(end.total, expectedFirst - 1);
    assert.ok(client.of('data').every((message) => message.points.length <= 1000));
  });

  it('replays from the start for each client', async () => {
    const first = await replayToEnd(server);
    const second = await replayToEnd(server);
    first.close();
    second.close();

    assert.deepEqual(pointsOf(second), pointsOf(first));
  });

  it('rejects commands during a replay', async () => {
    const client = await TestClient.connect(server);
    client.socket.send(JSON.stringify({ type: 'command', name: 'rate', args: { rate: 10 } }));
    await client.waitFor((c) => c.of('error').length === 1, 'an error message arrived');
    client.close();

    assert.equal(client.of('error')[0].code, 'command_unavailable');
  });
});

describe('replay of a folder', () => {
  let folder: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'observatory-folder-'));
    writeFileSync(
      join(folder, 'cpu_0a0a0a.csv'),
      'timestamp,value\n2024-01-01 00:00:00,1\n2024-01-01 00:00:02,3\n',
    );
    writeFileSync(
      join(folder, 'memory.csv'),
      'timestamp,value\n\n2024-01-01T00:00:01Z,2\n1704067203000,4\n\n',
    );
    writeFileSync(join(folder, 'ignored.txt'), 'timestamp,value\nnot,read\n');
  });

  after(async () => {
    await killAll();
    rmSync(folder, { recursive: true, force: true });
  });

  it('merges every .csv file in time order', async () => {
    const server = await startServer(['--replay', folder]);
    const client = await replayToEnd(server);
    client.close();
    await server.stop();

    assert.deepEqual(
      pointsOf(client).map((point) => [point.id, point.value]),
      [
        ['cpu/0a0a0a/1', 1],
        ['memory/replay/1', 2],
        ['cpu/0a0a0a/2', 3],
        ['memory/replay/2', 4],
      ],
    );
    assert.equal(client.of('end')[0].total, 4);
  });

  it('delivers every row of the NAB folder', async () => {
    const files = readdirSync(NAB_FOLDER).filter((name) => name.endsWith('.csv'));
    const rows = files.reduce((sum, name) => sum + nabRows(join(NAB_FOLDER, name)).length, 0);
    const server = await startServer(['--replay', NAB_FOLDER]);

    const client = await replayToEnd(server);
    client.close();
    await server.stop();
    const points = pointsOf(client);

    assert.equal(files.length, 17);
    assert.equal(points.length, rows);
    assert.equal(client.of('end')[0].total, rows);
    assert.equal(
      new Set(points.map((point) => `${point.category}/${point.source}`)).size,
      files.length,
    );
  });
});

describe('replay at a set speed', () => {
  let folder: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'observatory-speed-'));
    const rows = Array.from({ length: 7 }, (_, i) => `${1_700_000_000_000 + i * 1000},${i}`);
    writeFileSync(join(folder, 'steps.csv'), `timestamp,value\n${rows.join('\n')}\n`);
  });

  after(async () => {
    await killAll();
    rmSync(folder, { recursive: true, force: true });
  });

  it('spreads six seconds of data over 0.6 s at speed 10', async () => {
    const server = await startServer(['--replay', join(folder, 'steps.csv'), '--speed', '10']);
    const client = await TestClient.connect(server);
    const connectedAt = Date.now();
    await client.waitFor((c) => c.of('end').length === 1, 'the end message arrived');
    const elapsed = Date.now() - connectedAt;
    client.close();
    await server.stop();

    assert.deepEqual(
      pointsOf(client).map((point) => point.value),
      [0, 1, 2, 3, 4, 5, 6],
    );
    assert.ok(client.of('data').length > 1, 'all points came in one message');
    assert.ok(elapsed >= 550, `the replay took ${elapsed} ms, less than 6 s / 10`);
  });
});
