import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { validatePoints } from '../../src/core/point-schema.js';
import { decodeServerMessage } from '../../src/stream/decode.js';
import { killAll, PROJECT_ROOT, startServer, TestClient, type RunningServer } from './support.js';

/** Sends a GET with the path exactly as given, because fetch would normalize `..` away. */
function get(port: number, path: string): Promise<{ status: number; type: string; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET' }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          type: String(response.headers['content-type']),
          body: Buffer.concat(chunks),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('observatory-server with the generator', () => {
  let server: RunningServer;
  const clients: TestClient[] = [];

  async function connect(): Promise<TestClient> {
    const client = await TestClient.connect(server);
    clients.push(client);
    return client;
  }

  before(async () => {
    server = await startServer(['--rate', '200', '--scenario', 'normal']);
  });

  after(async () => {
    for (const client of clients) client.close();
    await killAll();
  });

  it('prints a loopback URL', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.ok(server.port > 0);
  });

  it('answers /healthz with status and counts', async () => {
    const client = await connect();
    const response = await get(server.port, '/healthz');
    const health = JSON.parse(response.body.toString());
    client.close();

    assert.equal(response.status, 200);
    assert.match(response.type, /^application\/json/);
    assert.equal(health.status, 'ok');
    assert.ok(health.clients >= 1, `clients is ${health.clients}`);
    assert.equal(typeof health.uptimeSeconds, 'number');
    assert.ok(health.uptimeSeconds >= 0);
  });

  it('serves the demo page at /', async () => {
    const response = await get(server.port, '/');

    assert.equal(response.status, 200);
    assert.equal(response.type, 'text/html; charset=utf-8');
    assert.deepEqual(response.body, readFileSync(join(PROJECT_ROOT, 'demo', 'index.html')));
  });

  it('serves the built bundle under /dist/', async () => {
    const bundle = join(PROJECT_ROOT, 'dist', 'observatory.min.js');
    assert.ok(existsSync(bundle), 'dist/observatory.min.js is missing; run npm run build first');
    const response = await get(server.port, '/dist/observatory.min.js');

    assert.equal(response.status, 200);
    assert.equal(response.type, 'text/javascript; charset=utf-8');
    assert.deepEqual(response.body, readFileSync(bundle));
  });

  const traversals = [
    '/../package.json',
    '/dist/../package.json',
    '/dist/../../package.json',
    '/%2e%2e/package.json',
    '/dist/%2e%2e/package.json',
    '/..%2fpackage.json',
    '/dist/..%2f..%2fpackage.json',
    '/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/....//package.json',
    '/dist/%2e%2e%5cpackage.json',
  ];
  for (const path of traversals) {
    it(`rejects traversal ${path}`, async () => {
      const response = await get(server.port, path);

      assert.equal(response.status, 404);
      assert.doesNotMatch(response.body.toString(), /"name": "observatory"|root:/);
    });
  }

  it('answers 404 for unknown paths', async () => {
    assert.equal((await get(server.port, '/no-such-page.html')).status, 404);
  });

  it('sends hello, then data with consecutive seq', async () => {
    const client = await connect();
    await client.waitFor((c) => c.of('data').length >= 5, 'five data messages arrived');

    const [hello] = client.messages;
    assert.ok(hello.type === 'hello');
    assert.equal(hello.protocol, 2);
    assert.deepEqual(hello.sources, ['generator', 'host']);
    assert.equal(hello.encoding, 'json');
    assert.deepEqual(hello.encodings, ['json', 'columnar', 'binary']);
    assert.equal(hello.heartbeatMs, 2500);
    assert.equal(hello.timeoutMs, 10_000);
    assert.equal(hello.control, true);
    let expectedFirst = (hello.resumeFrom ?? 0) + 1;
    for (const message of client.of('data')) {
      assert.equal(message.seq - message.points.length + 1, expectedFirst);
      expectedFirst = message.seq + 1;
    }
  });

  it('sends points that decode and validate', async () => {
    const client = await connect();
    await client.waitFor((c) => c.of('data').length >= 3, 'three data messages arrived');
    const raw: unknown[] = [];
    client.socket.once('message', (data) => raw.push(data.toString()));
    await client.waitFor(() => raw.length === 1, 'one more message arrived');

    const decoded = decodeServerMessage(raw[0]);
    assert.ok('message' in decoded, `decode failed: ${JSON.stringify(decoded)}`);
    const points = client.of('data').flatMap((message) => message.points);
    const result = validatePoints(points, () => 'unused');
    assert.deepEqual(result.invalid, []);
    assert.ok(result.points.length > 0);
    assert.ok(result.points.some((point) => point.category === 'cpu'));
  });

  it('streams host metrics from /proc', async () => {
    const client = await connect();
    await client.waitFor(
      (c) =>
        c
          .of('data')
          .some((message) =>
            message.points.some((point) => (point as { category: string }).category === 'host_cpu'),
          ),
      'a host_cpu point arrived',
    );

    const points = client.of('data').flatMap((message) => message.points) as {
      category: string;
      value: number;
    }[];
    const memory = points.find((point) => point.category === 'host_memory');
    assert.ok(memory !== undefined, 'no host_memory point');
    assert.ok(memory.value > 0, `memory used is ${memory.value}%`);
    assert.ok(memory.value <= 100, `memory used is ${memory.value}%`);
  });

  const malformed: [string, string | Buffer, string][] = [
    ['invalid JSON', '{"type":', 'invalid_json'],
    ['a JSON array', '[]', 'invalid_message'],
    ['a missing type', '{"name":"rate"}', 'invalid_message'],
    ['an unknown type', '{"type":"subscribe"}', 'unknown_message_type'],
    ['markup as type', '{"type":"<img src=x onerror=alert(1)>"}', 'unknown_message_type'],
    ['an unknown command', '{"type":"command","name":"explode"}', 'unknown_command'],
    [
      'an unknown scenario',
      '{"type":"command","name":"scenario","args":{"name":"chaos"}}',
      'invalid_command_args',
    ],
    [
      'a __proto__ scenario',
      '{"type":"command","name":"scenario","args":{"__proto__":{"name":"normal"}}}',
      'invalid_command_args',
    ],
    [
      'a text rate',
      '{"type":"command","name":"rate","args":{"rate":"fast"}}',
      'invalid_command_args',
    ],
    [
      'a negative rate',
      '{"type":"command","name":"rate","args":{"rate":-1}}',
      'invalid_command_args',
    ],
    ['a binary frame', Buffer.from([1, 2, 3]), 'invalid_message'],
  ];
  for (const [name, frame, code] of malformed) {
    it(`answers ${name} with ${code} and stays open`, async () => {
      const client = await connect();
      await client.waitFor((c) => c.of('data').length >= 1, 'first data message arrived');

      client.socket.send(frame);
      await client.waitFor((c) => c.of('error').length === 1, 'an error message arrived');
      const lastSeq = client.of('data').at(-1)?.seq ?? 0;
      await client.waitFor(
        (c) => (c.of('data').at(-1)?.seq ?? 0) > lastSeq + 1,
        'more data arrived',
      );

      assert.equal(client.of('error')[0].code, code);
      assert.equal(client.socket.readyState, WebSocket.OPEN);
    });
  }

  it('closes with 1009 on a message over 64 KiB', async () => {
    const client = await connect();

    client.socket.send('x'.repeat(64 * 1024 + 1));
    await client.waitFor((c) => c.closeCode !== undefined, 'the socket closed');

    assert.equal(client.closeCode, 1009);
  });

  it('accepts a message of exactly 64 KiB', async () => {
    const client = await connect();
    const padding = 'x'.repeat(64 * 1024 - '{"type":"command","name":"","pad":""}'.length);

    client.socket.send(`{"type":"command","name":"","pad":"${padding}"}`);
    await client.waitFor((c) => c.of('error').length === 1, 'an error message arrived');

    assert.equal(client.of('error')[0].code, 'unknown_command');
  });

  it('rejects WebSocket upgrades outside /ws', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/other`);
    const error = await new Promise<Error>((resolve) => socket.once('error', resolve));

    assert.match(error.message, /404/);
  });

  it('switches every client to a new scenario', async () => {
    const sender = await connect();
    const listener = await connect();

    sender.socket.send(
      JSON.stringify({ type: 'command', name: 'scenario', args: { name: 'high_load' } }),
    );
    await listener.waitFor(
      (c) =>
        c
          .of('data')
          .some((message) =>
            message.points.some(
              (point) =>
                (point as { metadata?: { scenario?: string } }).metadata?.scenario === 'high_load',
            ),
          ),
      'a high_load point arrived',
    );

    assert.deepEqual(sender.of('error'), []);
    sender.socket.send(
      JSON.stringify({ type: 'command', name: 'scenario', args: { name: 'normal' } }),
    );
  });
});
