import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeBatch } from '../../src/server/frame-encoder.js';
import { ServerStringTable } from '../../src/server/string-table.js';
import { allocateBatch, NO_METADATA } from '../../src/stream/binary-frame.js';
import { decodeServerMessage } from '../../src/stream/decode.js';

function batchOf(count: number) {
  const table = new ServerStringTable();
  const batch = allocateBatch(count);
  batch.seq = 10 + count;
  for (let i = 0; i < count; i++) {
    batch.timestamp[i] = 1_714_521_600_000 + i * 10.5;
    batch.value[i] = i - 0.25;
    batch.idNumber[i] = i;
    batch.idPrefix[i] = table.code('g-');
    batch.category[i] = table.code('cpu');
    batch.source[i] = table.code('web-1');
    batch.metadata[i] = table.code('{"unit":"ms"}');
  }
  return { batch, table };
}

describe('columnar encoding', () => {
  it('writes null for gaps and -1 for no metadata', () => {
    const { batch, table } = batchOf(4);
    batch.value[1] = NaN;
    batch.idNumber[2] = NaN;
    batch.metadata[3] = NO_METADATA;
    batch.value[3] = -0;

    const [frame] = encodeBatch(batch, 'columnar', table);
    const result = decodeServerMessage(frame);

    assert.ok('message' in result, JSON.stringify(result));
    const message = result.message;
    assert.ok(message.type === 'data');
    assert.ok('encoding' in message);
    assert.equal(message.seq, 14);
    assert.equal(message.count, 4);
    assert.deepEqual(
      message.columns.timestamp,
      [1_714_521_600_000, 1_714_521_600_010.5, 1_714_521_600_021, 1_714_521_600_031.5],
    );
    assert.deepEqual(message.columns.value, [-0.25, null, 1.75, 0]);
    assert.deepEqual(message.columns.idNumber, [0, 1, null, 3]);
    assert.deepEqual(message.columns.metadata, [3, 3, 3, -1]);
    assert.deepEqual(message.columns.category, [1, 1, 1, 1]);
  });

  it('splits a batch into messages of at most 4096 points', () => {
    const { batch, table } = batchOf(5000);

    const frames = encodeBatch(batch, 'columnar', table);

    assert.equal(frames.length, 2);
    const counts = frames.map((frame) => JSON.parse(frame as string).count);
    assert.deepEqual(counts, [4096, 904]);
    const seqs = frames.map((frame) => JSON.parse(frame as string).seq);
    assert.deepEqual(seqs, [10 + 4096, 5010]);
  });
});
