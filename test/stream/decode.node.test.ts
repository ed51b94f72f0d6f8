import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeServerMessage, MAX_MESSAGE_LENGTH } from '../../src/stream/decode.js';

function errorOf(frame: unknown): { kind: string; reason: string } {
  const result = decodeServerMessage(frame);
  assert.ok('error' in result, `expected an error for ${String(frame)}`);
  return result.error;
}

describe('decodeServerMessage', () => {
  it('parses each message type', () => {
    const frames = [
      { type: 'hello', protocol: 1, sources: ['generator'] },
      { type: 'hello', protocol: 2, sources: ['generator'], stream: 'live-1', encoding: 'binary' },
      { type: 'data', seq: 0, points: [{ value: 1 }] },
      {
        type: 'data',
        encoding: 'columnar',
        seq: 1,
        count: 1,
        columns: {
          timestamp: [1],
          value: [null],
          category: [0],
          source: [0],
          idPrefix: [0],
          idNumber: [null],
          metadata: [-1],
        },
      },
      { type: 'strings', base: 0, strings: ['cpu'] },
      { type: 'gap', from: 3, to: 9, count: 7, reason: 'retention' },
      { type: 'heartbeat', time: 1_700_000_000_000, seq: 12 },
      { type: 'end', seq: 3, total: 120 },
      { type: 'error', code: 'bad-command', message: 'unknown command' },
      { type: 'ack', id: 4 },
    ];
    for (const frame of frames) {
      assert.deepEqual(decodeServerMessage(JSON.stringify(frame)), { message: frame });
    }
  });

  it('keeps invalid points for later validation', () => {
    const result = decodeServerMessage('{"type":"data","seq":1,"points":[{"value":1e999},"x"]}');

    assert.ok('message' in result);
    assert.ok(result.message.type === 'data' && 'points' in result.message);
    assert.deepEqual(result.message.points, [{ value: Infinity }, 'x']);
  });

  it('reports malformed JSON with an excerpt', () => {
    const error = errorOf('{"type":"data",');

    assert.equal(error.kind, 'malformed-json');
    assert.match(error.reason, /not valid JSON .*: \{"type":"data",$/);
  });

  it('reports non-object messages', () => {
    for (const frame of ['null', '[]', '42', '"data"']) {
      assert.equal(errorOf(frame).kind, 'invalid-message', frame);
    }
  });

  it('reports a missing type', () => {
    assert.equal(errorOf('{"points":[]}').reason, 'message.type is missing or not a string');
  });

  it('reports unknown types', () => {
    for (const type of ['ping', '__proto__', 'constructor', '<img src=x onerror=alert(1)>']) {
      const error = errorOf(JSON.stringify({ type }));
      assert.equal(error.kind, 'unknown-type');
      assert.equal(error.reason, `unknown message type '${type}'`);
    }
  });

  it('reports non-array points', () => {
    for (const points of [null, {}, 'abc', 3]) {
      const error = errorOf(JSON.stringify({ type: 'data', seq: 1, points }));
      assert.equal(error.reason, 'data.points must be an array');
    }
  });

  it('reports bad fields of known types', () => {
    const cases: [unknown, string][] = [
      [{ type: 'data', seq: -1, points: [] }, 'data.seq must be a non-negative integer'],
      [{ type: 'data', points: [] }, 'data.seq must be a non-negative integer'],
      [
        { type: 'hello', protocol: 3, sources: [] },
        'hello.protocol 3 is not supported; this client speaks 1 and 2',
      ],
      [
        { type: 'hello', protocol: 2, sources: [], encoding: 'xml' },
        'hello.encoding must be one of json, columnar, binary',
      ],
      [
        { type: 'data', seq: 1, encoding: 'columnar', count: 2, columns: { timestamp: [1] } },
        'data.columns.timestamp must be an array of data.count (2) entries',
      ],
      [
        { type: 'data', seq: 1, encoding: 'rows', points: [] },
        'data.encoding must be columnar or absent, got rows',
      ],
      [{ type: 'strings', base: -1, strings: [] }, 'strings.base must be a non-negative integer'],
      [{ type: 'strings', base: 0, strings: [1] }, 'strings.strings must be an array of strings'],
      [
        { type: 'gap', from: 5, to: 4, count: 0, reason: 'retention' },
        'gap.from and gap.to must be sequence numbers with from <= to',
      ],
      [{ type: 'heartbeat', time: 'now', seq: 1 }, 'heartbeat.time must be a finite number'],
      [{ type: 'ack', id: null }, 'ack.id must be a string or a number'],
      [{ type: 'hello', protocol: 1, sources: [1] }, 'hello.sources must be an array of strings'],
      [{ type: 'end', seq: 1, total: 'all' }, 'end.total must be a non-negative integer'],
      [{ type: 'error', code: 5, message: 'x' }, 'error.code must be a string'],
    ];
    for (const [frame, reason] of cases) {
      assert.equal(errorOf(JSON.stringify(frame)).reason, reason);
    }
  });

  it('rejects binary frames', () => {
    assert.equal(errorOf(new ArrayBuffer(8)).kind, 'unsupported-frame');
  });

  it('rejects oversize frames before parsing', () => {
    const error = errorOf(' '.repeat(MAX_MESSAGE_LENGTH + 1));

    assert.equal(error.kind, 'oversize');
  });

  it('truncates long excerpts', () => {
    const error = errorOf(`{${'x'.repeat(500)}`);

    assert.ok(error.reason.length < 200);
    assert.ok(error.reason.endsWith('…'));
  });
});
