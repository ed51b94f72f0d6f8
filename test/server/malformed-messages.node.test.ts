import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MAX_INBOUND_BYTES } from '../../src/server/stream-endpoint.js';
import { malformedClientMessages } from '../support/malformed.js';
import { killAll, startServer, TestClient, type RunningServer } from './support.js';

const MALFORMED = 10_000;
/** Of the 10,000, this many are oversize; each closes its connection with 1009. */
const OVERSIZE = 10;

describe('10,000 malformed messages to the server', () => {
  let server: RunningServer;

  before(async () => {
    server = await startServer(['--rate', '200', '--no-host-metrics']);
  });

  after(() => killAll());

  it('answers each with an error and keeps streaming', { timeout: 120_000 }, async () => {
    const client = await TestClient.connect(server);
    await client.waitFor((c) => c.of('data').length > 0, 'the first data arrived');
    const messages = malformedClientMessages(MALFORMED - OVERSIZE);

    for (const { frame } of messages) client.socket.send(frame);
    await client.waitFor(
      (c) => c.of('error').length === messages.length,
      'every error arrived',
      60_000,
    );
    const seqAfterErrors = client.of('data').at(-1)?.seq ?? 0;
    await client.waitFor(
      (c) => (c.of('data').at(-1)?.seq ?? 0) > seqAfterErrors,
      'data kept coming',
    );
    client.socket.send(
      JSON.stringify({ type: 'command', name: 'rate', args: { rate: 300 }, id: 'valid' }),
    );
    await client.waitFor((c) => c.of('ack').length === 1, 'the valid command was acknowledged');
    client.close();

    const codes = new Set(client.of('error').map((error) => error.code));
    assert.deepEqual([...codes].sort(), [
      'invalid_command_args',
      'invalid_json',
      'invalid_message',
      'unknown_message_type',
    ]);
    assert.deepEqual(client.of('ack'), [{ type: 'ack', id: 'valid' }]);
    assert.equal(new Set(messages.map(({ kind }) => kind)).size, 8);
  });

  it('closes oversize messages with 1009', async () => {
    for (let i = 0; i < OVERSIZE; i++) {
      const client = await TestClient.connect(server);
      client.socket.send('['.repeat(MAX_INBOUND_BYTES + 1 + i));
      await client.waitFor((c) => c.closeCode !== undefined, 'the socket closed');
      assert.equal(client.closeCode, 1009);
    }
    const health = await (await fetch(`http://127.0.0.1:${server.port}/healthz`)).json();
    assert.equal(health.status, 'ok');
  });

  it('rate-limits the log of rejections', () => {
    const rejected = server
      .stderr()
      .split('\n')
      .filter((line) => line.includes('"event":"client_message_rejected"'));

    assert.ok(rejected.length <= 50 * 4, `logged ${rejected.length} rejections`);
    assert.ok(rejected.length >= 50);
  });
});

describe('a client that only sends', () => {
  after(() => killAll());

  it('stays connected through a flood of valid commands', async () => {
    const server = await startServer(['--rate', '200', '--no-host-metrics']);
    const client = await TestClient.connect(server);

    for (let i = 0; i < 100; i++) {
      client.socket.send(
        JSON.stringify({ type: 'command', name: 'rate', args: { rate: 100 + i }, id: i }),
      );
    }
    await client.waitFor((c) => c.of('ack').length + c.of('error').length === 100, 'every reply');
    client.close();

    const limited = client.of('error').filter((error) => error.code === 'rate_limited');
    assert.ok(client.of('ack').length >= 20, `${client.of('ack').length} commands applied`);
    assert.ok(limited.length > 0, 'no command was rate-limited');
    assert.match(
      limited[0].message,
      /^Too many commands: at most 5 per second; retry in \d+ ms\.$/,
    );
  });
});
