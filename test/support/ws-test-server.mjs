// A web-test-runner plugin that runs a scripted WebSocket server on 127.0.0.1
// for browser tests. Tests connect to ws://127.0.0.1:PORT/scripted?case=NAME&key=KEY,
// read PORT from /__ws-test-port, and control connections over HTTP:
//   /__ws-test/drop?key=KEY         the server closes every socket of KEY (code 1012)
//   /__ws-test/connections?key=KEY  {open, total}: sockets of KEY open now and ever accepted
//   /__ws-test/accept?key=KEY       ends the refusal of case=refuse for KEY
// case=refuse fails every handshake with HTTP 503 until /__ws-test/accept, then acts as valid.
import { WebSocketServer } from 'ws';

function point(id, value, extra = {}) {
  return {
    id,
    timestamp: 1_700_000_000_000 + Number(String(id).replace(/\D/g, '') || 0) * 1000,
    value,
    category: 'cpu',
    source: 'web-1',
    ...extra,
  };
}

function data(seq, points) {
  return JSON.stringify({ type: 'data', seq, points });
}

const HELLO = JSON.stringify({ type: 'hello', protocol: 1, sources: ['scripted'] });

/**
 * Messages each case sends after it accepts a connection. `tag` is unique per
 * connection, so points sent again after a reconnect are not duplicates.
 */
const CASES = {
  valid: (tag) => [
    HELLO,
    data(0, [point(`${tag}-1`, 1), point(`${tag}-2`, 2), point(`${tag}-3`, 3)]),
  ],
  silent: () => [HELLO],
  malformed: (tag) => [
    HELLO,
    '{"type":"data","seq":0,"points":[',
    data(1, [point(`${tag}-1`, 10)]),
  ],
  'unknown-type': (tag) => [HELLO, '{"type":"surprise","seq":0}', data(0, [point(`${tag}-1`, 1)])],
  'not-array': (tag) => [HELLO, data(0, { id: 'x' }), data(1, [point(`${tag}-1`, 1)])],
  // 1e999 is valid JSON that parses to Infinity, so it has to be written as text.
  mixed: (tag) => [
    HELLO,
    `{"type":"data","seq":0,"points":[${[
      JSON.stringify(point(`${tag}-1`, 1)),
      JSON.stringify(point(`${tag}-2`, '42')),
      JSON.stringify(point(`${tag}-3`, 0)).replace('"value":0', '"value":1e999'),
      JSON.stringify({ id: `${tag}-4`, timestamp: 1, value: 4, source: 'web-1' }),
      JSON.stringify(point(`${tag}-5`, 5)),
    ].join(',')}]}`,
  ],
  hostile: (tag) => [
    HELLO,
    `{"type":"data","seq":0,"points":[${JSON.stringify(
      point(`${tag}-1`, 7, {
        category: '<img src=x onerror=alert(1)>',
        source: 'javascript:alert(1)',
      }),
    ).replace(
      /}$/,
      ',"metadata":{"__proto__":"polluted","constructor":"x","note":"<script>alert(1)</script>"}}',
    )}]}`,
  ],
};

/** Starts the scripted server; see the file comment for the protocol. */
export function wsTestServer() {
  let server;
  let port = 0;
  const socketsByKey = new Map();
  const totals = new Map();
  const accepted = new Set();

  function verifyClient(info, done) {
    const url = new URL(info.req.url ?? '/', 'http://127.0.0.1');
    const key = url.searchParams.get('key') ?? '';
    if (url.searchParams.get('case') === 'refuse' && !accepted.has(key)) done(false, 503);
    else done(true);
  }

  function handleConnection(socket, request) {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const key = url.searchParams.get('key') ?? '';
    const testCase = url.searchParams.get('case') ?? 'valid';
    const script = CASES[testCase === 'refuse' ? 'valid' : testCase];
    const total = (totals.get(key) ?? 0) + 1;
    totals.set(key, total);
    if (!socketsByKey.has(key)) socketsByKey.set(key, new Set());
    socketsByKey.get(key).add(socket);
    socket.on('close', () => socketsByKey.get(key)?.delete(socket));
    if (script === undefined) {
      socket.close(1008, 'unknown test case');
      return;
    }
    for (const message of script(`${key}-c${total}`)) socket.send(message);
  }

  function control(path, key) {
    const sockets = socketsByKey.get(key) ?? new Set();
    if (path === '/__ws-test/accept') {
      accepted.add(key);
      return { accepted: true };
    }
    if (path === '/__ws-test/drop') {
      const dropped = sockets.size;
      for (const socket of sockets) socket.close(1012, 'dropped by test');
      return { dropped };
    }
    const open = [...sockets].filter((socket) => socket.readyState === socket.OPEN).length;
    return { open, total: totals.get(key) ?? 0 };
  }

  return {
    name: 'ws-test-server',

    async serverStart() {
      server = new WebSocketServer({ host: '127.0.0.1', port: 0, verifyClient });
      server.on('connection', handleConnection);
      await new Promise((resolve, reject) => {
        server.once('listening', resolve);
        server.once('error', reject);
      });
      port = server.address().port;
    },

    async serverStop() {
      for (const socket of server?.clients ?? []) socket.terminate();
      await new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
    },

    serve(context) {
      if (context.path === '/__ws-test-port') {
        return { body: JSON.stringify({ port }), type: 'application/json' };
      }
      if (context.path.startsWith('/__ws-test/')) {
        const body = control(context.path, context.query.key ?? '');
        return { body: JSON.stringify(body), type: 'application/json' };
      }
      return undefined;
    },
  };
}
