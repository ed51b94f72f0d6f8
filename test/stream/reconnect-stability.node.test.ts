import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { WebSocket, WebSocketServer } from 'ws';
import { waitUntil } from '../server/support.js';
import { WebSocketSource, type ConnectionStatus } from '../../src/stream/websocket-source.js';

/** What the test server does with the nth connection of a client, counted from 1. */
type Behaviour = (socket: WebSocket, connection: number) => void;

/** Closes the socket as soon as it opens, as a server that accepts and drops every client. */
const drop: Behaviour = (socket) => socket.close(1011, 'dropped by the test server');

/** Sends a heartbeat every 20 ms for `forMs`, then nothing while the socket stays open. */
function beatThenFallSilent(forMs: number): Behaviour {
  return (socket) => {
    const startedAt = Date.now();
    const timer = setInterval(() => {
      if (Date.now() - startedAt >= forMs) clearInterval(timer);
      else socket.send(JSON.stringify({ type: 'heartbeat', time: Date.now(), seq: 0 }));
    }, 20);
    socket.on('close', () => clearInterval(timer));
  };
}

const silent: Behaviour = () => {};

describe('WebSocketSource backoff after a silent connection', () => {
  let server: WebSocketServer;
  let port: number;
  let behaviours: Behaviour[] = [];
  let connections = 0;
  const sources: WebSocketSource[] = [];

  before(async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
    server.on('connection', (socket) => {
      connections++;
      const behaviour = behaviours[Math.min(connections, behaviours.length) - 1];
      behaviour(socket, connections);
    });
  });

  after(async () => {
    for (const source of sources) source.close();
    for (const socket of server.clients) socket.terminate();
    await new Promise((resolve) => server.close(resolve));
  });

  /** Opens a source with short timings; the server treats connection n as `script[n - 1]`. */
  function openSource(script: Behaviour[]): ConnectionStatus[] {
    behaviours = script;
    connections = 0;
    const statuses: ConnectionStatus[] = [];
    const source = new WebSocketSource({
      url: `ws://127.0.0.1:${port}/ws`,
      onData: () => {},
      onProtocolError: () => {},
      onStatus: (status) => statuses.push(status),
      heartbeatTimeoutMs: 300,
      stableAfterMs: 200,
      backoff: { base: 10, factor: 1.5, cap: 50 },
      offlineAfter: 100,
      random: () => 1,
      createSocket: (url) => new WebSocket(url) as unknown as globalThis.WebSocket,
    });
    sources.push(source);
    source.open();
    return statuses;
  }

  /**
   * Retry numbers the source reported while `reconnecting`, in order. Each retry reports its
   * number twice, when it is scheduled and when its socket opens, so repeats count once.
   */
  function attempts(statuses: ConnectionStatus[]): number[] {
    const numbers: number[] = [];
    for (const status of statuses) {
      if (status.state === 'reconnecting' && numbers.at(-1) !== status.attempt) {
        numbers.push(status.attempt);
      }
    }
    return numbers;
  }

  it('resets the count after messages for the stable time', async () => {
    const statuses = openSource([drop, drop, drop, beatThenFallSilent(400), silent]);

    await waitUntil(
      () => attempts(statuses).length >= 4,
      'the silent connection was never replaced',
    );

    // Three drops count up; the connection that delivered messages for 400 ms starts over.
    assert.deepEqual(attempts(statuses).slice(0, 4), [1, 2, 3, 1]);
  });

  it('keeps counting connections that never deliver', async () => {
    const statuses = openSource([drop, silent]);

    await waitUntil(() => attempts(statuses).length >= 3, 'silent connections were not replaced');

    assert.deepEqual(attempts(statuses).slice(0, 3), [1, 2, 3]);
  });
});
