import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RowList } from '../../src/core/index.js';

const BIG = 2 ** 32 - 3;

describe('RowList', () => {
  it('holds logical rows past 2^32', () => {
    const rows = new RowList(16);

    for (let i = 0; i < 40; i++) rows.push(BIG + i);

    assert.equal(rows.length, 40);
    assert.equal(rows.first(), BIG);
    assert.equal(rows.at(5), BIG + 5);
    assert.equal(rows.last(), BIG + 39);
    assert.deepEqual(Array.from(rows.toArray().subarray(0, 3)), [BIG, BIG + 1, BIG + 2]);
  });

  it('moves its base when rows outgrow 32-bit distances', () => {
    const rows = new RowList(16);
    rows.push(10);
    rows.push(11);
    rows.dropFront(1);

    rows.push(2 ** 32 + 5);

    assert.deepEqual(Array.from(rows.toArray()), [11, 2 ** 32 + 5]);
  });

  it('rejects rows that span 2^32 or more', () => {
    const rows = new RowList(16);
    rows.push(0);

    assert.throws(() => rows.push(2 ** 32), RangeError);
  });

  it('inserts, finds and removes rows', () => {
    const rows = new RowList(16);
    [5, 7, 9].forEach((row) => rows.push(row));

    rows.insertAt(1, 12);
    assert.deepEqual(Array.from(rows.toArray()), [5, 12, 7, 9]);
    assert.equal(rows.indexOf(7), 2);
    assert.equal(rows.indexOf(8), -1);

    rows.removeAt(2);
    assert.deepEqual(Array.from(rows.toArray()), [5, 12, 9]);
  });

  it('drops rows below a logical row', () => {
    const rows = new RowList(16);
    [5, 9, 6, 12].forEach((row) => rows.push(row));

    rows.dropBelow(7);

    assert.deepEqual(Array.from(rows.toArray()), [9, 12]);
    assert.equal(rows.lowerBound(10), 1);
  });
});
