// A web-test-runner plugin that runs a scripted WebSocket server on 127.0.0.1
// for browser tests. Tests connect to ws://127.0.0.1:PORT/scripted?case=NAME&key=KEY,
// read PORT from /__ws-test-port, and control connections over HTTP:
//   /__ws-test/drop?key=KEY         the server closes every socket of KEY (code 1012)
//   /__ws-test/connections?key=KEY  {open, total}: sockets of KEY open now and ever accepted
//   /__ws-test/accept?key=KEY       ends the refusal of case=refuse for KEY
// case=refuse fails every handshake with HTTP 503 until /__ws-test/accept, then acts as valid.
// Cases named v2-* speak protocol version 2: stream ids, per-point sequence numbers, string
// tables, columnar and binary data, gaps, heartbeats and command replies.
// /__ws-test/connections also lists the query strings the key's connections asked with.
import { WebSocketServer } from 'ws';

function point(id, value, extra = {}) {
  return {
    id,
    // Seconds from the number that ends the id (`s12`, `KEY-c1-3`), so times stay plausible.
    timestamp: 1_700_000_000_000 + Number(/\d+$/.exec(String(id))?.[0] ?? 0) * 1000,
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

function hello2(fields = {}) {
  return JSON.stringify({
    type: 'hello',
    protocol: 2,
    sources: ['scripted'],
    stream: 'scripted-1',
    heartbeatMs: 100,
    timeoutMs: 10_000,
    control: true,
    resumeFrom: 0,
    ...fields,
  });
}

/** JSON rows of points `from` to `to`, whose ids are their sequence numbers. */
function rows(from, to) {
  const points = [];
  for (let seq = from; seq <= to; seq++) points.push(point(`s${seq}`, seq));
  return JSON.stringify({ type: 'data', seq: to, points });
}

const STRINGS = JSON.stringify({
  type: 'strings',
  base: 0,
  strings: ['cpu', 'web-1', 'b-', '{"unit":"percent"}'],
});

/**
 * A binary data frame of `values`, laid out as src/stream/binary-frame.ts documents: a 24-byte
 * header, then timestamp, value and idNumber as Float64 and category, source, idPrefix and
 * metadata as Uint32 columns. Codes refer to STRINGS.
 */
function binaryFrame(seq, values) {
  const count = values.length;
  const buffer = new ArrayBuffer(24 + count * 40);
  const view = new DataView(buffer);
  [0x4f, 0x42, 0x53, 0x02].forEach((byte, i) => view.setUint8(i, byte));
  view.setUint32(4, 1, true);
  view.setUint32(8, count, true);
  view.setFloat64(16, seq, true);
  const float64 = (index) => new Float64Array(buffer, 24 + index * count * 8, count);
  const uint32 = (index) => new Uint32Array(buffer, 24 + count * 24 + index * count * 4, count);
  values.forEach((value, i) => {
    const pointSeq = seq - count + 1 + i;
    float64(0)[i] = 1_700_000_000_000 + pointSeq * 1000;
    float64(1)[i] = value;
    float64(2)[i] = pointSeq;
    uint32(0)[i] = 0;
    uint32(1)[i] = 1;
    uint32(2)[i] = 2;
    uint32(3)[i] = i === 0 ? 3 : 0xffffffff;
  });
  return Buffer.from(buffer);
}

/**
 * Messages each case sends after it accepts a connection. `tag` is unique per
 * connection, so points sent again after a reconnect are not duplicates.
 */
const CASES = {
  'v2-binary': () => [hello2({ encoding: 'binary' }), STRINGS, binaryFrame(3, [1, NaN, 3])],
  'v2-binary-batches': () => [
    hello2({ encoding: 'binary' }),
    STRINGS,
    binaryFrame(5, [1, 2, 3, 4, 5]),
    binaryFrame(6, [6]),
    binaryFrame(10, [7, 8, 9, 10]),
    binaryFrame(12, [11, 12]),
  ],
  'v2-columnar': () => [
    hello2({ encoding: 'columnar' }),
    STRINGS,
    JSON.stringify({
      type: 'data',
      encoding: 'columnar',
      seq: 3,
      count: 3,
      columns: {
        timestamp: [1_700_000_001_000, 1_700_000_002_000, 'late'],
        value: [1, null, 3],
        category: [0, 0, 0],
        source: [1, 1, 1],
        idPrefix: [2, 2, 2],
        idNumber: [1, 2, 3],
        metadata: [3, -1, -1],
      },
    }),
  ],
  'v2-gap': () => [
    hello2(),
    rows(1, 3),
    JSON.stringify({ type: 'gap', from: 4, to: 10, count: 7, reason: 'retention' }),
    rows(11, 12),
  ],
  // Resumes after the `resume` parameter, and repeats the last applied point to show it is skipped.
  'v2-resume': (_tag, query) => {
    const after = Number(query.get('resume') ?? 0);
    if (after === 0) return [hello2(), rows(1, 3)];
    return [hello2({ resumeFrom: after }), rows(after, after + 2)];
  },
  'v2-commands': () => [hello2()],
  // A finished replay: its last rows and `end` at once. The socket closes on any command.
  'v2-end': () => [hello2(), rows(1, 5), JSON.stringify({ type: 'end', seq: 5, total: 5 })],
  'v2-silent': () => [hello2({ heartbeatMs: 60_000 }), rows(1, 1)],
  'v2-heartbeats': () => [hello2(), rows(1, 1)],
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
  const queries = new Map();
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
    if (!queries.has(key)) queries.set(key, []);
    queries.get(key).push(url.search);
    if (!socketsByKey.has(key)) socketsByKey.set(key, new Set());
    socketsByKey.get(key).add(socket);
    socket.on('close', () => socketsByKey.get(key)?.delete(socket));
    if (script === undefined) {
      socket.close(1008, 'unknown test case');
      return;
    }
    for (const message of script(`${key}-c${total}`, url.searchParams)) socket.send(message);
    if (testCase === 'v2-commands') socket.on('message', (data) => answerCommand(socket, data));
    if (testCase === 'v2-heartbeats') keepBeating(socket);
    if (testCase === 'v2-end') socket.on('message', () => socket.close(1000, 'replay finished'));
  }

  /** Acknowledges `scenario` commands with a known name and rejects everything else. */
  function answerCommand(socket, data) {
    const message = JSON.parse(data.toString());
    if (message.type !== 'command') return;
    if (message.name === 'scenario' && message.args?.name === 'high_load') {
      socket.send(JSON.stringify({ type: 'ack', id: message.id }));
    } else {
      const error = {
        type: 'error',
        code: 'invalid_command_args',
        message: 'rejected by the test server',
      };
      socket.send(JSON.stringify({ ...error, id: message.id }));
    }
  }

  /** Sends heartbeats and no data, as a server whose source has stopped. */
  function keepBeating(socket) {
    const timer = setInterval(() => {
      socket.send(JSON.stringify({ type: 'heartbeat', time: Date.now(), seq: 1 }));
    }, 100);
    socket.on('close', () => clearInterval(timer));
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
    return { open, total: totals.get(key) ?? 0, queries: queries.get(key) ?? [] };
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
