import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Point } from '../../src/core/types.js';
import {
  ClientConnection,
  MAX_BINARY_CLIENT_BUFFERED_BYTES,
  MAX_CLIENT_BUFFERED_BYTES,
} from '../../src/server/client-connection.js';
import { SharedBatch } from '../../src/server/point-source.js';
import { Retention } from '../../src/server/retention.js';
import { ServerStringTable } from '../../src/server/string-table.js';
import { decodeBinaryFrame, NO_METADATA } from '../../src/stream/binary-frame.js';
import type { Encoding } from '../../src/stream/protocol.js';
import { HeldSocket } from './held-socket.js';
import { waitUntil } from './support.js';

function points(count: number, start = 0, pad = ''): Point[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `p${start + i}`,
    timestamp: 1_700_000_000_000 + (start + i) * 1000,
    value: start + i,
    category: 'cpu',
    source: 'web-1',
    metadata: pad === '' ? undefined : { pad },
  }));
}

function setup(
  options: {
    capacity?: number;
    startAfter?: number;
    encoding?: Encoding;
    compactColumns?: boolean;
  } = {},
) {
  const retention = new Retention(options.capacity ?? 1000, new ServerStringTable());
  const socket = new HeldSocket();
  const gaps: { count: number; reason: string }[] = [];
  const client = new ClientConnection({
    id: 1,
    socket: socket.asWebSocket(),
    remoteAddress: 'test',
    encoding: options.encoding ?? 'json',
    compactColumns: options.compactColumns,
    source: retention,
    startAfter: options.startAfter ?? 0,
    onGap: (_, count, reason) => gaps.push({ count, reason }),
  });
  /** Appends points to the retention and offers them to the client like the live feed. */
  const feed = (batch: Point[]) => {
    const { from, to } = retention.append(batch);
    client.deliver(new SharedBatch(retention.read(from, to - from + 1), retention.table));
  };
  return { retention, socket, client, gaps, feed };
}

/** Number of points in the binary frames a socket received. */
function binaryPoints(socket: HeldSocket): number {
  let count = 0;
  for (const frame of socket.frames) {
    if (typeof frame === 'string') continue;
    const batch = decodeBinaryFrame(new Uint8Array(frame).buffer);
    assert.ok(typeof batch !== 'string', String(batch));
    count += batch.count;
  }
  return count;
}

describe('ClientConnection', () => {
  it('sends live batches in order', () => {
    const { socket, feed } = setup();

    feed(points(3));
    feed(points(2, 3));

    assert.deepEqual(socket.pointIds(), ['p0', 'p1', 'p2', 'p3', 'p4']);
    const seqs = socket.messages().map((message) => (message as { seq: number }).seq);
    assert.deepEqual(seqs, [3, 5]);
  });

  it('resumes from the retention', () => {
    const { retention, socket, client } = setup({ startAfter: 2 });
    retention.append(points(5));

    client.pump();

    assert.deepEqual(socket.pointIds(), ['p2', 'p3', 'p4']);
  });

  it('announces a gap older than the retention', () => {
    const { retention, socket, client, gaps } = setup({ capacity: 3, startAfter: 1 });
    retention.append(points(6));

    client.pump();

    const [gap] = socket.messages();
    assert.deepEqual(gap, { type: 'gap', from: 2, to: 3, count: 2, reason: 'retention' });
    assert.deepEqual(socket.pointIds(), ['p3', 'p4', 'p5']);
    assert.deepEqual(gaps, [{ count: 2, reason: 'retention' }]);
    assert.equal(client.lostPoints, 2);
  });

  it('stops at the buffer bound and catches up', async () => {
    const { socket, feed, client } = setup({ capacity: 100_000 });
    const pad = 'x'.repeat(1000);

    for (let i = 0; i < 50; i++) feed(points(100, i * 100, pad));
    const sentWhileFull = socket.pointIds().length;
    assert.ok(sentWhileFull < 5000, `sent ${sentWhileFull} points into a full queue`);
    assert.ok(socket.maxBuffered < MAX_CLIENT_BUFFERED_BYTES + 200_000);

    await waitUntil(() => {
      socket.drainAll();
      return client.lastSeq === 5000;
    }, 'the client caught up');
    const ids = socket.pointIds();
    assert.equal(ids.length, 5000);
    assert.equal(new Set(ids).size, 5000);
    assert.equal(ids.at(-1), 'p4999');
  });

  it('queues more for a binary client', async () => {
    const { socket, feed, client } = setup({ capacity: 200_000, encoding: 'binary' });

    for (let i = 0; i < 150; i++) feed(points(1000, i * 1000));
    const sentWhileFull = binaryPoints(socket);
    assert.ok(sentWhileFull < 150_000, `sent ${sentWhileFull} points into a full queue`);
    // One frame of 1,000 points is 40,024 bytes and may start just below a bound.
    const frameBytes = 40_024;
    assert.ok(
      socket.maxBuffered >= MAX_CLIENT_BUFFERED_BYTES + frameBytes,
      `buffered ${socket.maxBuffered}, no more than the bound of other encodings`,
    );
    assert.ok(socket.maxBuffered < MAX_BINARY_CLIENT_BUFFERED_BYTES + frameBytes);

    await waitUntil(() => {
      socket.drainAll();
      return client.lastSeq === 150_000;
    }, 'the client caught up');
    assert.equal(binaryPoints(socket), 150_000);
  });

  it('reports points lost while full', async () => {
    const { socket, feed, client, gaps } = setup({ capacity: 500 });
    const pad = 'x'.repeat(1000);

    for (let i = 0; i < 30; i++) feed(points(100, i * 100, pad));
    await waitUntil(() => {
      socket.drainAll();
      return client.lastSeq === 3000;
    }, 'the client caught up');

    const gap = socket.messages().find((message) => message.type === 'gap');
    assert.ok(gap?.type === 'gap');
    assert.equal(gap.reason, 'backpressure');
    assert.equal(socket.pointIds().length + client.lostPoints, 3000);
    assert.equal(gaps[0].reason, 'backpressure');
  });

  it('sends strings once before columnar data', () => {
    const { socket, feed } = setup({ encoding: 'columnar' });

    feed(points(2));
    feed(points(2, 2));

    const types = socket.messages().map((message) => message.type);
    assert.deepEqual(types, ['strings', 'data', 'data']);
    const [strings] = socket.messages();
    assert.deepEqual(strings, { type: 'strings', base: 0, strings: ['p', 'cpu', 'web-1'] });
  });

  it('sends binary frames after the strings', () => {
    const { socket, feed } = setup({ encoding: 'binary' });

    feed(points(4));

    const binary = socket.frames.filter((frame) => typeof frame !== 'string') as Buffer[];
    assert.equal(binary.length, 1);
    const copy = new Uint8Array(binary[0]).buffer;
    const batch = decodeBinaryFrame(copy);
    assert.ok(typeof batch !== 'string', String(batch));
    assert.equal(batch.seq, 4);
    assert.deepEqual([...batch.idNumber], [0, 1, 2, 3]);
    assert.deepEqual([...batch.value], [0, 1, 2, 3]);
  });

  it('sends compact binary columns on request', () => {
    const wide = setup({ encoding: 'binary' });
    const compact = setup({ encoding: 'binary', compactColumns: true });
    const batch = [...points(3), ...points(2, 3, '<img src=x onerror=alert(1)>')];

    wide.feed(batch);
    compact.feed(batch);

    const frameOf = (socket: HeldSocket) =>
      socket.frames.find((frame) => typeof frame !== 'string') as Buffer;
    assert.equal(frameOf(wide.socket).byteLength, 24 + 5 * 40);
    assert.equal(frameOf(compact.socket).byteLength, 24 + 5 * 24);
    const decoded = decodeBinaryFrame(new Uint8Array(frameOf(compact.socket)).buffer);
    const expected = decodeBinaryFrame(new Uint8Array(frameOf(wide.socket)).buffer);
    assert.ok(typeof decoded !== 'string');
    assert.ok(typeof expected !== 'string');
    assert.deepEqual([...decoded.metadata], [...expected.metadata]);
    assert.equal(decoded.metadata[0], NO_METADATA);
    assert.deepEqual([...decoded.category], [...expected.category]);
    assert.deepEqual([...decoded.idPrefix], [...expected.idPrefix]);
    assert.deepEqual([...decoded.idNumber], [...expected.idNumber]);
  });
});
