import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import {
  killAll,
  NAB_FILE,
  startServer,
  waitUntil,
  type RunningServer,
} from '../server/support.js';
import { WebSocketSource, type ConnectionStatus } from '../../src/stream/websocket-source.js';

/** Rows of the NAB file, counted the plain way, independent of the server's parser. */
const ROWS = readFileSync(NAB_FILE, 'utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line.trim() !== '').length;

describe('WebSocketSource at the end of a replay', () => {
  let server: RunningServer;
  let source: WebSocketSource;
  const sockets: WebSocket[] = [];
  const statuses: ConnectionStatus[] = [];
  let points = 0;

  before(async () => {
    server = await startServer(['--replay', NAB_FILE, '--speed', 'max']);
    source = new WebSocketSource({
      url: `ws://127.0.0.1:${server.port}/ws`,
      encoding: 'binary',
      onData: () => {},
      onColumns: (columns, _strings, start) => (points += columns.count - start),
      onProtocolError: (error) => assert.fail(`protocol error: ${error.reason}`),
      onStatus: (status) => statuses.push(status),
      random: () => 0,
      createSocket: (url) => {
        const socket = new WebSocket(url);
        sockets.push(socket);
        return socket as unknown as globalThis.WebSocket;
      },
    });
    source.open();
  });

  after(async () => {
    source.close();
    await killAll();
  });

  it('reports ended with the total', async () => {
    await waitUntil(() => source.status.state === 'ended', 'the source never ended', 30_000);

    assert.deepEqual(source.status, { state: 'ended', seq: ROWS, total: ROWS, open: true });
    assert.equal(points, ROWS);
    assert.deepEqual(
      statuses.map((status) => status.state),
      ['connecting', 'live', 'ended'],
    );
  });

  it('open after the end resumes and ends again', async () => {
    source.open();

    await waitUntil(() => statuses.length === 6, 'the second connection never ended', 30_000);

    assert.deepEqual(
      statuses.slice(3).map((status) => status.state),
      ['connecting', 'live', 'ended'],
    );
    assert.equal(new URL(sockets[1].url).searchParams.get('resume'), String(ROWS));
    assert.equal(points, ROWS);
  });

  it('stays ended without a retry when the server closes', async () => {
    await server.stop();
    // ws sets CLOSED and then emits `close` in one step, so the source has seen the close.
    await waitUntil(() => sockets[1].readyState === WebSocket.CLOSED, 'the socket stayed open');

    assert.deepEqual(source.status, { state: 'ended', seq: ROWS, total: ROWS, open: false });
    assert.equal(statuses.length, 7);
    assert.equal(sockets.length, 2);
  });
});
