import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import {
  WebSocketSource,
  type ConnectionStatus,
  type WebSocketSourceOptions,
} from '../../src/stream/websocket-source.js';
import type { ProtocolError } from '../../src/stream/decode.js';

/** A stand-in for the browser WebSocket that tests drive by hand. */
class FakeSocket extends EventTarget {
  static created: FakeSocket[] = [];
  readyState = 0;
  binaryType = 'blob';
  sent: string[] = [];
  closeCalls = 0;

  constructor(readonly url: string) {
    super();
    FakeSocket.created.push(this);
  }

  send(text: string): void {
    this.sent.push(text);
  }

  close(): void {
    this.closeCalls++;
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.#fire('close', { code: 1000 });
  }

  acceptConnection(): void {
    this.readyState = 1;
    this.#fire('open', {});
  }

  receive(data: unknown): void {
    this.#fire('message', { data });
  }

  /** Closes the connection from the server side. */
  drop(code = 1006): void {
    this.readyState = 3;
    this.#fire('close', { code });
  }

  #fire(type: string, fields: object): void {
    this.dispatchEvent(Object.assign(new Event(type), fields));
  }
}

function openSockets(): FakeSocket[] {
  return FakeSocket.created.filter((socket) => socket.readyState !== 3);
}

interface Harness {
  source: WebSocketSource;
  statuses: ConnectionStatus[];
  data: unknown[][];
  errors: ProtocolError[];
}

function connect(overrides: Partial<WebSocketSourceOptions> = {}): Harness {
  const harness: Harness = { statuses: [], data: [], errors: [] } as unknown as Harness;
  harness.source = new WebSocketSource({
    url: 'ws://127.0.0.1:1/ws',
    onData: (points) => harness.data.push(points),
    onProtocolError: (error) => harness.errors.push(error),
    onStatus: (status) => harness.statuses.push(status),
    random: () => 0.5,
    createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
    ...overrides,
  });
  harness.source.open();
  return harness;
}

function lastSocket(): FakeSocket {
  const socket = FakeSocket.created.at(-1);
  assert.ok(socket);
  return socket;
}

describe('WebSocketSource', () => {
  beforeEach(() => {
    FakeSocket.created = [];
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 });
  });

  afterEach(() => {
    mock.timers.reset();
  });

  it('goes from connecting to live', () => {
    const { statuses } = connect();
    lastSocket().acceptConnection();

    assert.deepEqual(statuses, [{ state: 'connecting' }, { state: 'live' }]);
  });

  it('hands data points over and reports bad frames', () => {
    const { data, errors } = connect();
    const socket = lastSocket();
    socket.acceptConnection();

    socket.receive('{"type":"data","seq":0,"points":[{"value":1}]}');
    socket.receive('{oops');
    socket.receive('{"type":"data","seq":1,"points":"none"}');
    socket.receive('{"type":"surprise"}');
    socket.receive(new ArrayBuffer(4));
    socket.receive(new Blob(['x']));

    assert.deepEqual(data, [[{ value: 1 }]]);
    assert.deepEqual(
      errors.map((error) => error.kind),
      ['malformed-json', 'invalid-message', 'unknown-type', 'invalid-message', 'unsupported-frame'],
    );
  });

  it('passes other messages to onMessage', () => {
    const messages: unknown[] = [];
    connect({ onMessage: (message) => messages.push(message) });
    lastSocket().receive('{"type":"end","seq":2,"total":10}');

    assert.deepEqual(messages, [{ type: 'end', seq: 2, total: 10 }]);
  });

  it('retries with jittered backoff after a close', () => {
    const { statuses } = connect();
    lastSocket().acceptConnection();
    lastSocket().drop();

    // random() is 0.5, so the first retry waits half of one second.
    assert.deepEqual(statuses.at(-1), { state: 'reconnecting', attempt: 1, nextTryAt: 1_000_500 });
    mock.timers.tick(499);
    assert.equal(FakeSocket.created.length, 1);
    mock.timers.tick(1);
    assert.equal(FakeSocket.created.length, 2);

    lastSocket().drop();
    assert.deepEqual(statuses.at(-1), { state: 'reconnecting', attempt: 2, nextTryAt: 1_001_250 });
    mock.timers.tick(750);
    lastSocket().acceptConnection();
    assert.deepEqual(statuses.at(-1), { state: 'live' });
  });

  it('keeps growing the delay while connections stay short', () => {
    const { statuses } = connect({ random: () => 1 });
    for (let i = 0; i < 3; i++) {
      lastSocket().acceptConnection();
      lastSocket().drop();
      const status = statuses.at(-1);
      assert.ok(status?.state === 'reconnecting');
      mock.timers.tick(status.nextTryAt - Date.now());
    }

    const last = statuses.at(-1);
    assert.ok(last?.state === 'reconnecting');
    assert.equal(last.attempt, 3);
  });

  it('resets the delay after a stable connection', () => {
    const { statuses } = connect({ random: () => 1 });
    lastSocket().acceptConnection();
    lastSocket().drop();
    mock.timers.tick(1000);
    lastSocket().acceptConnection();
    mock.timers.tick(5000);
    lastSocket().drop();

    assert.deepEqual(statuses.at(-1), {
      state: 'reconnecting',
      attempt: 1,
      nextTryAt: Date.now() + 1000,
    });
  });

  it('reports a server never reached as offline', () => {
    const { statuses } = connect({ random: () => 0 });
    lastSocket().drop();

    const status = statuses.at(-1);
    assert.equal(status?.state, 'offline');
    assert.match(
      (status as { reason: string }).reason,
      /^cannot connect to ws:\/\/127\.0\.0\.1:1\/ws/,
    );
    assert.match((status as { reason: string }).reason, /the path is its WebSocket endpoint/);
    mock.timers.tick(0);
    lastSocket().acceptConnection();
    assert.deepEqual(statuses.at(-1), { state: 'live' });
  });

  it('turns offline after repeated failures and keeps trying', () => {
    const { statuses } = connect({ offlineAfter: 2, random: () => 0 });
    lastSocket().acceptConnection();
    for (let i = 0; i < 3; i++) {
      lastSocket().drop();
      mock.timers.tick(0);
    }

    assert.deepEqual(
      statuses.map((status) => status.state),
      [
        'connecting',
        'live',
        'reconnecting',
        'reconnecting',
        'reconnecting',
        'reconnecting',
        'offline',
        'offline',
      ],
    );
    assert.equal(FakeSocket.created.length, 4);
  });

  it('caps the delay at thirty seconds', () => {
    const { statuses } = connect({ random: () => 1, offlineAfter: 100 });
    lastSocket().acceptConnection();
    for (let i = 0; i < 20; i++) {
      lastSocket().drop();
      const status = statuses.at(-1);
      assert.ok(status?.state === 'reconnecting');
      assert.ok(status.nextTryAt - Date.now() <= 30_000);
      mock.timers.tick(status.nextTryAt - Date.now());
    }

    const status = statuses.at(-1);
    assert.ok(status?.state === 'connecting' || status?.state === 'reconnecting');
  });

  it('close leaves no socket and no timer', () => {
    const { source, statuses } = connect();
    lastSocket().drop();
    source.close();
    mock.timers.tick(60_000);

    assert.equal(FakeSocket.created.length, 1);
    assert.deepEqual(openSockets(), []);
    assert.equal(statuses.at(-1)?.state, 'offline');
  });

  it('rapid open and close keep at most one socket', () => {
    const { source } = connect();
    for (let i = 0; i < 10; i++) {
      source.open();
      assert.equal(openSockets().length, 1);
      if (i % 3 === 0) lastSocket().acceptConnection();
      source.close();
      assert.equal(openSockets().length, 0);
    }
    source.open();
    mock.timers.tick(60_000);

    assert.equal(openSockets().length, 1);
  });

  it('ignores events of a replaced socket', () => {
    const { source, data, statuses } = connect();
    const old = lastSocket();
    source.open();
    old.receive('{"type":"data","seq":0,"points":[1]}');

    assert.deepEqual(data, []);
    assert.deepEqual(statuses.at(-1), { state: 'connecting' });
  });

  it('sends commands only while live', () => {
    const { source } = connect();
    const command = { type: 'command', name: 'scenario', args: { name: 'high_load' } } as const;

    assert.equal(source.send(command), false);
    lastSocket().acceptConnection();
    assert.equal(source.send(command), true);
    assert.deepEqual(lastSocket().sent, [JSON.stringify(command)]);
  });

  it('reports a URL the socket rejects as offline', () => {
    const { statuses } = connect({
      createSocket: () => {
        throw new SyntaxError("The URL's scheme must be either 'ws' or 'wss'");
      },
    });
    mock.timers.tick(60_000);

    assert.equal(statuses.length, 1);
    assert.equal(statuses[0].state, 'offline');
    assert.match((statuses[0] as { reason: string }).reason, /cannot open ws:.*scheme must be/);
  });

  it('sends heartbeats and replaces a silent connection', () => {
    const { statuses } = connect({ heartbeatTimeoutMs: 1000 });
    const socket = lastSocket();
    socket.acceptConnection();

    mock.timers.tick(250);
    assert.equal(JSON.parse(socket.sent[0]).type, 'heartbeat');
    socket.receive('{"type":"heartbeat","time":1,"seq":0}');
    mock.timers.tick(750);
    assert.equal(statuses.at(-1)?.state, 'live');
    mock.timers.tick(500);

    assert.equal(statuses.at(-1)?.state, 'reconnecting');
    assert.equal(socket.readyState, 3);
  });

  it('asks to resume after the last applied point', () => {
    const { data } = connect({ encoding: 'columnar' });
    const first = lastSocket();
    first.acceptConnection();
    first.receive('{"type":"hello","protocol":2,"sources":[],"stream":"live-9","resumeFrom":0}');
    first.receive('{"type":"data","seq":2,"points":[1,2]}');
    first.drop();
    mock.timers.tick(1000);

    const url = new URL(lastSocket().url);
    assert.equal(url.searchParams.get('encoding'), 'columnar');
    assert.equal(url.searchParams.get('stream'), 'live-9');
    assert.equal(url.searchParams.get('resume'), '2');
    assert.deepEqual(data, [[1, 2]]);
    assert.equal(new URL(first.url).searchParams.get('resume'), null);
  });
});
