import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_MESSAGE_LENGTH } from '../../src/stream/decode.js';
import { StoreClient, storedIds } from '../server/store-client.js';
import { waitUntil } from '../server/support.js';
import { malformedServerMessages } from '../support/malformed.js';

const MALFORMED = 10_000;
/** A valid data message follows every this many malformed ones. */
const VALID_EVERY = 100;

function hello(): string {
  return JSON.stringify({
    type: 'hello',
    protocol: 2,
    sources: ['test'],
    stream: 'test-1',
    resumeFrom: 0,
  });
}

function validData(seq: number): string {
  const point = {
    id: `v${seq}`,
    timestamp: 1_700_000_000_000 + seq,
    value: seq,
    category: 'cpu',
    source: 'web-1',
  };
  return JSON.stringify({ type: 'data', seq, points: [point] });
}

describe('10,000 malformed messages to the client', () => {
  let server: WebSocketServer;
  let port: number;
  const messages = malformedServerMessages(MALFORMED, MAX_MESSAGE_LENGTH + 1);

  before(async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
    server.on('connection', (socket: WebSocket) => {
      socket.send(hello());
      let seq = 0;
      messages.forEach(({ frame }, i) => {
        socket.send(frame);
        if (i % VALID_EVERY === VALID_EVERY - 1) socket.send(validData(++seq));
      });
    });
  });

  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reports each one and keeps the valid data', { timeout: 120_000 }, async () => {
    const client = new StoreClient(`ws://127.0.0.1:${port}/ws`, 'json');
    const expectedValid = MALFORMED / VALID_EVERY;
    client.open();

    await waitUntil(() => client.lastSeq === expectedValid, 'every valid message arrived', 60_000);
    const stayedOpen = client.closeCodes.length === 0 && client.state === 'live';
    client.close();

    assert.ok(stayedOpen, 'the connection closed');
    assert.equal(client.invalid, MALFORMED);
    assert.deepEqual(
      storedIds(client.store),
      Array.from({ length: expectedValid }, (_, i) => `v${i + 1}`),
    );
    assert.deepEqual(client.gaps, []);
    assert.equal(new Set(messages.map(({ kind }) => kind)).size, 9);
  });
});
