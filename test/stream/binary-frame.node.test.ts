import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allocateBatch,
  allocateFrameBatch,
  codeBytesFor,
  decodeBinaryFrame,
  encodeBinaryFrame,
  frameBytes,
  idBytesFor,
  NO_METADATA,
  type ColumnBatch,
} from '../../src/stream/binary-frame.js';

function fill(batch: ColumnBatch): ColumnBatch {
  batch.seq = 100;
  for (let i = 0; i < batch.count; i++) {
    batch.timestamp[i] = 1_700_000_000_000 + i;
    batch.value[i] = i === 1 ? NaN : i / 4;
    batch.idNumber[i] = 90 + i;
    batch.category[i] = i % 3;
    batch.source[i] = 7;
    batch.idPrefix[i] = 2;
    batch.metadata[i] = i % 2 === 0 ? NO_METADATA : 5;
  }
  return batch;
}

function columnsOf(batch: ColumnBatch) {
  return {
    seq: batch.seq,
    count: batch.count,
    timestamp: [...batch.timestamp],
    value: [...batch.value],
    idNumber: [...batch.idNumber],
    category: [...batch.category],
    source: [...batch.source],
    idPrefix: [...batch.idPrefix],
    metadata: [...batch.metadata],
  };
}

function decode(bytes: Uint8Array): ColumnBatch {
  const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const batch = decodeBinaryFrame(copy as ArrayBuffer);
  if (typeof batch === 'string') throw new Error(batch);
  return batch;
}

describe('binary frames', () => {
  it('sends a frame-layout batch uncopied', () => {
    const batch = fill(allocateFrameBatch(6));
    const bytes = encodeBinaryFrame(batch);
    assert.equal(bytes.buffer, batch.timestamp.buffer);
    assert.deepEqual(columnsOf(decode(bytes)), columnsOf(batch));
  });

  it('copies separate columns identically', () => {
    const inPlace = encodeBinaryFrame(fill(allocateFrameBatch(6)));
    const copied = encodeBinaryFrame(fill(allocateBatch(6)));
    assert.deepEqual([...copied], [...inPlace]);
  });

  it('copies part of a frame-layout batch', () => {
    const batch = fill(allocateFrameBatch(6));
    const part: ColumnBatch = {
      seq: 98,
      count: 4,
      timestamp: batch.timestamp.subarray(0, 4),
      value: batch.value.subarray(0, 4),
      idNumber: batch.idNumber.subarray(0, 4),
      category: batch.category.subarray(0, 4),
      source: batch.source.subarray(0, 4),
      idPrefix: batch.idPrefix.subarray(0, 4),
      metadata: batch.metadata.subarray(0, 4),
    };
    const bytes = encodeBinaryFrame(part);
    assert.notEqual(bytes.buffer, batch.timestamp.buffer);
    assert.deepEqual(columnsOf(decode(bytes)), columnsOf(part));
  });

  it('encodes an empty batch', () => {
    const batch = allocateFrameBatch(0);
    batch.seq = 5;
    assert.deepEqual(columnsOf(decode(encodeBinaryFrame(batch))), columnsOf(batch));
  });

  it('picks the code width by table size', () => {
    assert.deepEqual([0, 1, 255, 256, 65_535, 65_536].map(codeBytesFor), [1, 1, 1, 2, 2, 4]);
  });

  for (const codeBytes of [1, 2] as const) {
    it(`round-trips ${codeBytes}-byte codes`, () => {
      const batch = fill(allocateBatch(5));
      const largest = codeBytes === 1 ? 254 : 65_534;
      batch.category[3] = largest;
      batch.metadata[4] = largest;
      const bytes = encodeBinaryFrame(batch, codeBytes);
      assert.equal(bytes.byteLength, frameBytes(5, codeBytes));
      assert.equal(bytes.byteLength, 24 + 5 * (24 + 4 * codeBytes));
      assert.deepEqual(columnsOf(decode(bytes)), columnsOf(batch));
    });
  }

  it('rejects unknown code widths', () => {
    const bytes = encodeBinaryFrame(fill(allocateBatch(2)));
    for (const width of [3, 4, 8, 0xffffffff]) {
      new DataView(bytes.buffer, bytes.byteOffset).setUint32(12, width, true);
      const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      assert.match(String(decodeBinaryFrame(copy as ArrayBuffer)), /code width \d+ is unknown/);
    }
  });

  it('rejects a narrow frame of wide length', () => {
    const bytes = encodeBinaryFrame(fill(allocateBatch(3)));
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(12, 1, true);
    const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    assert.match(String(decodeBinaryFrame(copy as ArrayBuffer)), /must be 108 bytes, got 144/);
  });

  it('narrows ids only when all fit', () => {
    const fits = [0, 7, NaN, 0xfffffffe];
    assert.equal(idBytesFor(Float64Array.from(fits)), 4);
    for (const misfit of [-1, 0.5, 0xffffffff, Infinity, -Infinity, 2 ** 53]) {
      assert.equal(idBytesFor(Float64Array.from([...fits, misfit])), 8, String(misfit));
    }
  });

  it('round-trips Uint32 ids and NaN', () => {
    const batch = fill(allocateBatch(4));
    batch.idNumber.set([0, NaN, 0xfffffffe, 12]);
    const bytes = encodeBinaryFrame(batch, 1, 4);
    assert.equal(bytes.byteLength, 24 + 4 * 24);
    assert.deepEqual(columnsOf(decode(bytes)), columnsOf(batch));
  });

  it('rejects bad id widths and reserved bytes', () => {
    const cases: [number, number, RegExp][] = [
      [13, 8, /id width 8 is unknown/],
      [13, 255, /id width 255 is unknown/],
      [14, 1, /bytes 14 and 15 must be zero/],
      [15, 128, /bytes 14 and 15 must be zero/],
    ];
    for (const [at, byte, message] of cases) {
      const bytes = encodeBinaryFrame(fill(allocateBatch(2)));
      bytes[at] = byte;
      const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      assert.match(String(decodeBinaryFrame(copy as ArrayBuffer)), message);
    }
  });
});
