import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Point } from '../../src/core/types.js';
import {
  allocateBatch,
  decodeBinaryFrame,
  encodeBinaryFrame,
  NO_METADATA,
} from '../../src/stream/binary-frame.js';
import { StringTable } from '../../src/stream/column-points.js';
import type { ProtocolError } from '../../src/stream/decode.js';
import { StreamReader, type GapInfo } from '../../src/stream/stream-reader.js';

function frame(
  seq: number,
  values: number[],
  codes: Partial<Record<'category' | 'metadata', number>> = {},
) {
  const batch = allocateBatch(values.length);
  batch.seq = seq;
  values.forEach((value, i) => {
    batch.timestamp[i] = 1000 * (seq - values.length + 1 + i);
    batch.value[i] = value;
    batch.idNumber[i] = seq - values.length + 1 + i;
    batch.category[i] = codes.category ?? 0;
    batch.source[i] = 1;
    batch.idPrefix[i] = 2;
    batch.metadata[i] = codes.metadata ?? NO_METADATA;
  });
  const bytes = encodeBinaryFrame(batch);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function reader() {
  const seen = {
    rows: [] as unknown[][],
    points: [] as Point[],
    invalid: [] as string[],
    gaps: [] as GapInfo[],
    errors: [] as ProtocolError[],
  };
  const instance = new StreamReader({
    onRows: (rows) => seen.rows.push(rows),
    onPoints: (points, invalid) => {
      seen.points.push(...points);
      seen.invalid.push(...invalid.map((entry) => entry.reason));
    },
    onGap: (gap) => seen.gaps.push(gap),
    onMessage: () => {},
    onProtocolError: (error) => seen.errors.push(error),
  });
  return { instance, seen };
}

const HELLO = JSON.stringify({ type: 'hello', protocol: 2, sources: ['s'], stream: 'live-1' });
const STRINGS = JSON.stringify({
  type: 'strings',
  base: 0,
  strings: ['cpu', 'web-1', 'g-', '{"unit":"ms"}', ''],
});

describe('binary frames', () => {
  it('round-trip a batch', () => {
    const decoded = decodeBinaryFrame(frame(5, [1, NaN, 3]));

    assert.ok(typeof decoded !== 'string', String(decoded));
    assert.equal(decoded.seq, 5);
    assert.deepEqual([...decoded.idNumber], [3, 4, 5]);
    assert.ok(Number.isNaN(decoded.value[1]));
  });

  const broken: [string, (bytes: Uint8Array) => ArrayBuffer, RegExp][] = [
    ['a short frame', () => new ArrayBuffer(10), /shorter than its 24-byte header/],
    [
      'another magic',
      (bytes) => {
        bytes[0] = 0;
        return bytes.buffer as ArrayBuffer;
      },
      /does not start with OBS/,
    ],
    [
      'an unknown kind',
      (bytes) => {
        bytes[4] = 9;
        return bytes.buffer as ArrayBuffer;
      },
      /kind 9 is unknown/,
    ],
    [
      'a truncated frame',
      (bytes) => bytes.buffer.slice(0, bytes.byteLength - 4) as ArrayBuffer,
      /must be 144 bytes, got 140/,
    ],
    [
      'a seq below the count',
      (bytes) => {
        new DataView(bytes.buffer).setFloat64(16, 1, true);
        return bytes.buffer as ArrayBuffer;
      },
      /seq 1 must be a whole number of at least/,
    ],
  ];
  for (const [name, damage, message] of broken) {
    it(`rejects ${name}`, () => {
      const result = decodeBinaryFrame(damage(new Uint8Array(frame(3, [1, 2, 3]))));
      assert.equal(typeof result, 'string');
      assert.match(result as string, message);
    });
  }

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const result = decodeBinaryFrame(bytes.buffer.slice(0, bytes.byteLength) as ArrayBuffer);
        return typeof result === 'string' || typeof result === 'object';
      }),
    );
  });
});

describe('StringTable', () => {
  it('rejects a base past its end', () => {
    const table = new StringTable();

    assert.equal(table.extend(0, ['a']), null);
    assert.match(
      table.extend(3, ['b']) ?? '',
      /base 3 is past the end of the string table \(1 entries\)/,
    );
  });

  it('cuts back to the base before extending', () => {
    const table = new StringTable();
    table.extend(0, ['a', 'b', 'c']);

    table.extend(1, ['x']);

    assert.equal(table.length, 2);
    assert.equal(table.at(1), 'x');
  });
});

describe('StreamReader', () => {
  it('turns binary frames into points', () => {
    const { instance, seen } = reader();
    instance.read(HELLO);
    instance.read(STRINGS);

    instance.read(frame(2, [1, NaN], { metadata: 3 }));

    assert.deepEqual(
      seen.points.map((point) => point.id),
      ['g-1', 'g-2'],
    );
    assert.deepEqual({ ...seen.points[0].metadata }, { unit: 'ms' });
    assert.equal(instance.lastSeq, 2);
  });

  it('rejects points with bad codes and keeps the rest', () => {
    const { instance, seen } = reader();
    instance.read(HELLO);
    instance.read(STRINGS);

    instance.read(frame(3, [1, 2, Infinity], { category: 99 }));
    instance.read(frame(4, [5], { category: 4 }));
    instance.read(frame(5, [6], { metadata: 0 }));

    assert.deepEqual(seen.points, []);
    assert.deepEqual(seen.invalid, [
      'category: string code 99 is not in the table',
      'category: string code 99 is not in the table',
      'value: must be a finite number or null',
      'category: must not be empty',
      'metadata: is not valid JSON',
    ]);
    assert.equal(instance.lastSeq, 5);
  });

  it('skips points it already applied', () => {
    const { instance, seen } = reader();
    instance.read(HELLO);
    instance.read(STRINGS);
    instance.read(frame(3, [1, 2, 3]));

    instance.read(frame(4, [2, 3, 4]));

    assert.deepEqual(
      seen.points.map((point) => point.id),
      ['g-1', 'g-2', 'g-3', 'g-4'],
    );
  });

  it('reports announced and unannounced gaps', () => {
    const { instance, seen } = reader();
    instance.read(HELLO);
    instance.read('{"type":"data","seq":0,"points":[]}');
    instance.read('{"type":"data","seq":2,"points":[1,2]}');
    instance.read('{"type":"gap","from":3,"to":5,"count":3,"reason":"backpressure"}');
    instance.read('{"type":"data","seq":9,"points":[8,9]}');

    assert.deepEqual(seen.gaps, [
      { from: 3, to: 5, count: 3, reason: 'backpressure' },
      { from: 6, to: 7, count: 2, reason: 'unannounced' },
    ]);
    assert.equal(instance.lastSeq, 9);
  });

  it('asks to resume after the last applied point', () => {
    const { instance } = reader();
    assert.deepEqual(instance.resumeParameters(), {});
    instance.read(HELLO);
    instance.read('{"type":"data","seq":7,"points":[1]}');

    assert.deepEqual(instance.resumeParameters(), { stream: 'live-1', resume: '7' });
  });

  it('reports a new stream as a gap of unknown size', () => {
    const { instance, seen } = reader();
    instance.read(HELLO);
    instance.read('{"type":"data","seq":7,"points":[1]}');
    instance.startConnection();

    instance.read(
      JSON.stringify({ type: 'hello', protocol: 2, sources: [], stream: 'live-2', resumeFrom: 40 }),
    );

    assert.deepEqual(seen.gaps, [{ from: 0, to: 0, count: null, reason: 'stream-changed' }]);
    assert.equal(instance.lastSeq, 40);
    assert.equal(instance.stream, 'live-2');
  });

  it('forgets the string table on a new connection', () => {
    const { instance, seen } = reader();
    instance.read(HELLO);
    instance.read(STRINGS);
    instance.startConnection();
    instance.read(HELLO);

    instance.read(frame(1, [1]));

    assert.deepEqual(seen.points, []);
    assert.deepEqual(seen.invalid, ['category: string code 0 is not in the table']);
  });

  it('checks version 1 data without sequence numbers', () => {
    const { instance, seen } = reader();
    instance.read('{"type":"hello","protocol":1,"sources":[]}');
    instance.read('{"type":"data","seq":1,"points":[1]}');
    instance.read('{"type":"data","seq":1,"points":[2]}');

    assert.deepEqual(seen.rows, [[1], [2]]);
    assert.equal(instance.lastSeq, 0);
    assert.deepEqual(seen.gaps, []);
  });
});
