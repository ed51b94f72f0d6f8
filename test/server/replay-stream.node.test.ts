import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ClientConnection, MAX_CLIENT_BUFFERED_BYTES } from '../../src/server/client-connection.js';
import type { ReplayPlan } from '../../src/server/replay-files.js';
import { ReplayCursor, ReplayPlayer, type ReplayOptions } from '../../src/server/replay-stream.js';
import { ServerStringTable } from '../../src/server/string-table.js';
import { allocateBatch, NO_METADATA } from '../../src/stream/binary-frame.js';
import { HeldSocket } from './held-socket.js';
import { waitUntil } from './support.js';

/** Builds a plan of `count` points one second apart, with ids `p/1` to `p/<count>`. */
function plan(count: number, pad = ''): ReplayPlan {
  const table = new ServerStringTable();
  const columns = allocateBatch(count);
  for (let i = 0; i < count; i++) {
    columns.timestamp[i] = 1_000_000 + i * 1000;
    columns.value[i] = i;
    columns.idNumber[i] = i + 1;
    columns.idPrefix[i] = table.code('p/');
    columns.category[i] = table.code('cpu');
    columns.source[i] = table.code('web-1');
    columns.metadata[i] = pad === '' ? NO_METADATA : table.code(JSON.stringify({ pad }));
  }
  columns.seq = count;
  return { series: [], count, columns, table, stream: 'replay-test' };
}

function player(options: ReplayOptions, startAfter = 0) {
  const socket = new HeldSocket();
  const cursor = new ReplayCursor(options, startAfter);
  const client = new ClientConnection({
    id: 1,
    socket: socket.asWebSocket(),
    remoteAddress: 'test',
    encoding: 'json',
    source: cursor,
    startAfter,
  });
  let ended = 0;
  const replay = new ReplayPlayer(client, cursor, () => ended++);
  return { socket, cursor, client, replay, ended: () => ended };
}

describe('ReplayCursor', () => {
  it('offers every point at max speed', () => {
    const cursor = new ReplayCursor({ plan: plan(10), speed: 'max', loop: false }, 0);

    assert.equal(cursor.firstSeq, 1);
    assert.equal(cursor.lastSeq, 10);
    assert.equal(cursor.total, 10);
  });

  it('offers points as their time comes', () => {
    const now = Date.now();
    const cursor = new ReplayCursor({ plan: plan(100), speed: 10, loop: false }, 0, now - 1050);

    // 1.05 s at ten times real time covers 10.5 s of data: the points at 0 to 10 s.
    assert.equal(cursor.lastSeq, 11);
  });

  it('gives looped points new ids and times', () => {
    const cursor = new ReplayCursor({ plan: plan(3), speed: 'max', loop: true }, 0);

    const batch = cursor.read(3, 3);

    assert.equal(batch.seq, 5);
    assert.deepEqual([...batch.idNumber], [3, 4, 5]);
    assert.deepEqual([...batch.timestamp], [1_002_000, 1_003_000, 1_004_000]);
    assert.equal(cursor.total, undefined);
  });

  it('keeps sparse looped ids apart', () => {
    const sparse = plan(3);
    const { columns, table } = sparse;
    columns.idPrefix.fill(table.code('x-'));
    columns.idNumber.set([1, 7, 9]);
    columns.idPrefix[2] = table.code('solo');
    columns.idNumber[2] = NaN;
    const cursor = new ReplayCursor({ plan: sparse, speed: 'max', loop: true }, 0);

    const batch = cursor.read(1, 12);

    const ids = Array.from(batch.idNumber, (number, i) => {
      const prefix = table.at(batch.idPrefix[i]);
      return Number.isNaN(number) ? prefix : `${prefix}${number}`;
    });
    // The numbers of `x-` span 7, more than the 3 points, so each loop adds 7. Adding the
    // point count instead would turn `x-1` into `x-7` in the third pass.
    assert.deepEqual(ids, [
      'x-1',
      'x-7',
      'solo',
      'x-8',
      'x-14',
      'solo@loop1',
      'x-15',
      'x-21',
      'solo@loop2',
      'x-22',
      'x-28',
      'solo@loop3',
    ]);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('resumes at the point after the last applied', () => {
    const now = Date.now();
    const cursor = new ReplayCursor({ plan: plan(100), speed: 1, loop: false }, 40, now);

    assert.equal(cursor.lastSeq, 40);
    assert.equal(cursor.read(40, 1).idNumber[0], 40);
  });
});

describe('ReplayPlayer', () => {
  it('stops sending while the socket is full', () => {
    const { socket, replay } = player({
      plan: plan(20_000, 'x'.repeat(300)),
      speed: 'max',
      loop: false,
    });

    replay.start();
    replay.stop();

    assert.ok(socket.pointIds().length < 20_000, 'sent the whole replay without draining');
    assert.ok(
      socket.maxBuffered < MAX_CLIENT_BUFFERED_BYTES + 400_000,
      `buffered ${socket.maxBuffered} bytes`,
    );
  });

  it('resumes as writes complete and ends', async () => {
    const { socket, replay, ended } = player({
      plan: plan(20_000, 'x'.repeat(300)),
      speed: 'max',
      loop: false,
    });

    replay.start();
    await waitUntil(() => {
      socket.drainOne();
      return ended() > 0;
    }, 'the replay ended');

    const ids = socket.pointIds();
    assert.equal(ended(), 1);
    assert.equal(ids.length, 20_000);
    assert.equal(ids.at(-1), 'p/20000');
    const end = socket.messages().at(-1);
    assert.deepEqual(end, { type: 'end', seq: 20_000, total: 20_000 });
  });

  it('sends nothing after stop', async () => {
    const { socket, replay, ended } = player({
      plan: plan(20_000, 'x'.repeat(300)),
      speed: 'max',
      loop: false,
    });
    replay.start();
    const sent = socket.pointIds().length;

    replay.stop();
    await new Promise((resolve) => setTimeout(resolve, 120));

    assert.equal(socket.pointIds().length, sent);
    assert.equal(ended(), 0);
  });

  it('sends nothing to a closed client', () => {
    const { socket, replay } = player({ plan: plan(10), speed: 'max', loop: false });
    socket.readyState = 3;

    replay.start();
    replay.stop();

    assert.deepEqual(socket.frames, []);
  });
});
