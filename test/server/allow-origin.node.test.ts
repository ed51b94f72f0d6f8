import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { createLogger } from '../../src/server/logger.js';
import { startObservatoryServer, type ObservatoryServer } from '../../src/server/server.js';
import { PROJECT_ROOT } from './support.js';

/** Opens a WebSocket with the given Origin header and resolves with 'open' or the error message. */
function tryConnect(port: number, origin: string | undefined): Promise<string> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/ws`, origin === undefined ? {} : { origin });
  return new Promise((resolve) => {
    socket.once('open', () => {
      socket.terminate();
      resolve('open');
    });
    socket.once('error', (error) => resolve(error.message));
  });
}

describe('--allow-origin', () => {
  let server: ObservatoryServer;
  const logs: string[] = [];

  before(async () => {
    server = await startObservatoryServer({
      host: '127.0.0.1',
      port: 0,
      root: PROJECT_ROOT,
      logger: createLogger((line) => logs.push(line)),
      allowOrigins: ['https://portal.example.com'],
    });
  });

  after(() => server.close());

  it('accepts a listed origin', async () => {
    assert.equal(await tryConnect(server.port, 'https://portal.example.com'), 'open');
  });

  it('accepts the server own origin', async () => {
    assert.equal(await tryConnect(server.port, `http://127.0.0.1:${server.port}`), 'open');
  });

  it('accepts a client without Origin', async () => {
    assert.equal(await tryConnect(server.port, undefined), 'open');
  });

  const rejected = [
    'https://evil.example',
    'https://portal.example.com.evil.example',
    'http://portal.example.com',
    'null',
    '<img src=x onerror=alert(1)>',
  ];
  for (const origin of rejected) {
    it(`rejects origin ${origin}`, async () => {
      assert.match(await tryConnect(server.port, origin), /403/);
    });
  }

  it('logs each rejection', () => {
    const records = logs
      .map((line) => JSON.parse(line))
      .filter((record) => record.event === 'client_rejected');

    assert.equal(records.length, rejected.length);
    assert.equal(records[0].origin, 'https://evil.example');
  });
});
