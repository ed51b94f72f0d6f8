import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import type { Encoding } from '../../src/stream/protocol.js';
import { StoreClient } from './store-client.js';
import { killAll, startServer, TestClient, waitUntil, type RunningServer } from './support.js';

const TOKEN = 'correct-horse-battery';

async function connectTo(server: RunningServer, query: string): Promise<TestClient> {
  const client = new TestClient(`ws://127.0.0.1:${server.port}/ws${query}`);
  await new Promise<void>((resolve, reject) => {
    client.socket.once('open', () => resolve());
    client.socket.once('error', reject);
  });
  return client;
}

describe('observatory-server protocol', () => {
  let server: RunningServer;
  let lastSeq = 0;

  before(async () => {
    server = await startServer(['--rate', '500', '--no-host-metrics', '--retain', '2000'], {
      OBSERVATORY_CONTROL_TOKEN: TOKEN,
    });
  });

  after(() => killAll());

  for (const encoding of ['json', 'columnar', 'binary'] as Encoding[]) {
    it(`streams ${encoding} data into a store`, async () => {
      const client = new StoreClient(`ws://127.0.0.1:${server.port}/ws`, encoding);
      client.open();

      await waitUntil(() => client.store.size >= 300, `300 ${encoding} points arrived`);
      client.close();

      assert.equal(client.invalid, 0);
      assert.deepEqual(client.reapplied, []);
      assert.deepEqual([...client.store.categories()].sort(), [
        'cpu',
        'errors',
        'latency',
        'memory',
        'network',
      ]);
      const point = client.store.pointAt(client.store.start);
      assert.match(point.id, /^g\d+-\d+$/);
      assert.equal(point.metadata?.scenario, 'normal');
    });
  }

  it('replays the retention after resume', async () => {
    const first = await connectTo(server, '');
    await first.waitFor((c) => c.of('data').length >= 3, 'data arrived');
    const hello = first.of('hello')[0];
    const resumeAt = first.of('data')[0].seq;
    first.close();

    const second = await connectTo(server, `?stream=${hello.stream}&resume=${resumeAt}`);
    await second.waitFor((c) => c.of('data').length >= 3, 'resumed data arrived');
    second.close();

    assert.equal(second.of('hello')[0].resumeFrom, resumeAt);
    const [data] = second.of('data');
    assert.equal(data.seq - data.points.length + 1, resumeAt + 1);
  });

  it('announces points older than the retention as a gap', async () => {
    await waitUntil(
      () => lastSeq > 2500,
      'the retention of 2000 points overflowed',
      10_000,
      async () => {
        const text = await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).text();
        lastSeq = Number(/^observatory_last_seq (\d+)$/m.exec(text)?.[1] ?? 0);
      },
    );
    const client = await connectTo(server, '?resume=1');
    await client.waitFor((c) => c.of('data').length >= 1, 'data arrived');
    client.close();

    const [gap] = client.of('gap');
    assert.equal(gap.from, 2);
    assert.equal(gap.reason, 'retention');
    assert.equal(gap.count, gap.to - gap.from + 1);
    const [data] = client.of('data');
    assert.equal(data.seq - data.points.length + 1, gap.to + 1);
  });

  it('starts live for a resume of another stream', async () => {
    const client = await connectTo(server, '?stream=live-other&resume=5');
    await client.waitFor((c) => c.of('data').length >= 1, 'data arrived');
    client.close();

    assert.deepEqual(client.of('gap'), []);
    assert.ok((client.of('hello')[0].resumeFrom ?? 0) > 5);
  });

  it('reports a bad encoding and falls back to json', async () => {
    const client = await connectTo(server, '?encoding=xml&resume=abc');
    await client.waitFor((c) => c.of('error').length === 2, 'two errors arrived');
    client.close();

    assert.equal(client.of('hello')[0].encoding, 'json');
    assert.match(client.of('error')[0].message, /^Connection parameter encoding must be one of/);
    assert.match(client.of('error')[1].message, /^Connection parameter resume must be/);
  });

  it('reports a bad columns parameter', async () => {
    const client = await connectTo(
      server,
      `?columns=${encodeURIComponent('<img src=x onerror=alert(1)>')}`,
    );
    await client.waitFor((c) => c.of('error').length === 1, 'the error arrived');
    await client.waitFor((c) => c.of('data').length > 0, 'data arrived');
    client.close();

    assert.equal(
      client.of('error')[0].message,
      'Connection parameter columns must be compact or wide; using wide.',
    );
  });

  it('keeps viewers without the token read-only', async () => {
    const client = await connectTo(server, '');
    client.socket.send(
      JSON.stringify({ type: 'command', name: 'rate', args: { rate: 10 }, id: 1 }),
    );
    await client.waitFor((c) => c.of('error').length === 1, 'the error arrived');
    client.close();

    assert.equal(client.of('hello')[0].control, false);
    assert.deepEqual(
      { code: client.of('error')[0].code, id: client.of('error')[0].id },
      { code: 'unauthorized', id: 1 },
    );
  });

  it('runs commands after auth with the token', async () => {
    const client = await connectTo(server, '');
    client.socket.send(JSON.stringify({ type: 'auth', token: TOKEN, id: 'a' }));
    client.socket.send(
      JSON.stringify({ type: 'command', name: 'anomalies', args: { probability: 1 }, id: 'b' }),
    );
    await client.waitFor(
      (c) =>
        c
          .of('data')
          .some((message) =>
            message.points.some(
              (point) =>
                (point as { metadata?: { anomaly?: string } }).metadata?.anomaly !== undefined,
            ),
          ),
      'an anomaly arrived',
    );
    client.close();

    assert.deepEqual(client.of('ack'), [
      { type: 'ack', id: 'a' },
      { type: 'ack', id: 'b' },
    ]);
  });

  it('closes with 1008 on a wrong token', async () => {
    const client = await connectTo(server, '');
    client.socket.send(JSON.stringify({ type: 'auth', token: 'guess' }));
    await client.waitFor((c) => c.closeCode !== undefined, 'the socket closed');

    assert.equal(client.closeCode, 1008);
    assert.equal(client.of('error')[0].code, 'invalid_token');
    assert.doesNotMatch(server.stderr(), new RegExp(TOKEN));
  });

  it('sends heartbeats', async () => {
    const client = await connectTo(server, '');
    await client.waitFor((c) => c.of('heartbeat').length >= 1, 'a heartbeat arrived', 5000);
    client.close();

    const [heartbeat] = client.of('heartbeat');
    assert.ok(Math.abs(heartbeat.time - Date.now()) < 10_000);
    assert.ok(heartbeat.seq > 0);
  });

  it('serves /metrics in the Prometheus text format', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/metrics`);
    const text = await response.text();

    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    for (const name of [
      'observatory_clients',
      'observatory_points_sent_total',
      'observatory_resumes_total',
      'observatory_retained_points',
      'process_resident_memory_bytes',
    ]) {
      assert.match(text, new RegExp(`^# TYPE ${name} (counter|gauge)$`, 'm'), name);
      assert.match(text, new RegExp(`^${name} \\d+$`, 'm'), name);
    }
    assert.match(text, /^observatory_points_dropped_total\{reason="retention"\} [1-9]\d*$/m);
    assert.match(text, /^observatory_errors_total\{code="unauthorized"\} [1-9]\d*$/m);
  });
});

describe('heartbeat timeout', () => {
  after(() => killAll());

  it('drops a client that stays silent', async () => {
    const server = await startServer(['--no-host-metrics', '--heartbeat-timeout', '1000']);
    // autoPong off makes this client silent: it sends no heartbeats and no pongs.
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/ws`, { autoPong: false });
    let closedAt = 0;
    socket.on('close', () => (closedAt = Date.now()));
    const openedAt = await new Promise<number>((resolve) =>
      socket.once('open', () => resolve(Date.now())),
    );

    await waitUntil(() => closedAt > 0, 'the server dropped the client', 5000);

    assert.ok(closedAt - openedAt >= 1000, `dropped after ${closedAt - openedAt} ms`);
    assert.match(server.stderr(), /"event":"client_timed_out"/);
  });

  it('keeps a client that sends heartbeats', async () => {
    const server = await startServer(['--no-host-metrics', '--heartbeat-timeout', '1000']);
    const client = new StoreClient(`ws://127.0.0.1:${server.port}/ws`, 'binary', {
      heartbeatTimeoutMs: 1000,
    });
    client.open();
    await waitUntil(() => client.state === 'live', 'the client went live');

    await new Promise((resolve) => setTimeout(resolve, 2500));
    const stayed = client.state === 'live' && client.closeCodes.length === 0;
    client.close();

    assert.ok(stayed, 'the connection was replaced');
  });
});
