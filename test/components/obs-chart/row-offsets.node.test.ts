import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RowOffsets } from '../../../src/components/obs-chart/row-offsets.js';
import { RowList } from '../../../src/core/row-list.js';

/** Returns the held rows, from head to tail. */
function held(rows: RowOffsets): number[] {
  const result: number[] = [];
  for (let position = rows.head; position < rows.tail; position++) {
    result.push(rows.rowAt(position));
  }
  return result;
}

/** Pushes `row`, making room first as SeriesSummary does. */
function push(rows: RowOffsets, row: number): void {
  if (rows.tail === rows.capacity) rows.makeRoom();
  rows.push(row);
}

function listOf(values: number[]): RowList {
  const list = new RowList();
  for (const value of values) list.push(value);
  return list;
}

describe('RowOffsets', () => {
  it('keeps consecutive rows', () => {
    const rows = new RowOffsets(100);

    for (let row = 100; row < 1100; row++) push(rows, row);

    assert.equal(rows.length, 1000);
    assert.equal(rows.rowAt(rows.head), 100);
    assert.equal(rows.rowAt(rows.tail - 1), 1099);
    assert.equal(rows.reordered, false);
  });

  it('switches to an array on a gap', () => {
    const rows = new RowOffsets(0);
    for (let row = 0; row < 10; row++) push(rows, row);

    push(rows, 15);
    push(rows, 16);

    assert.deepEqual(held(rows), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 15, 16]);
    assert.equal(rows.reordered, false);
  });

  it('marks an older row as reordered', () => {
    const rows = new RowOffsets(0);
    push(rows, 5);

    push(rows, 3);

    assert.deepEqual(held(rows), [5, 3]);
    assert.equal(rows.reordered, true);
  });

  it('inserts a row in place', () => {
    const rows = new RowOffsets(0);
    for (let row = 0; row < 4; row++) push(rows, row);

    rows.insert(rows.head + 1, 9);

    assert.deepEqual(held(rows), [0, 9, 1, 2, 3]);
    assert.equal(rows.reordered, true);
  });

  it('drops a prefix of consecutive rows', () => {
    const rows = new RowOffsets(0);
    for (let row = 0; row < 300; row++) push(rows, row);

    assert.equal(rows.dropBefore(120), 'prefix');
    assert.equal(rows.dropBefore(120), 'none');

    assert.equal(rows.length, 180);
    assert.equal(rows.rowAt(rows.head), 120);
  });

  it('continues after dropping every row', () => {
    const rows = new RowOffsets(0);
    for (let row = 0; row < 50; row++) push(rows, row);
    rows.dropBefore(50);

    push(rows, 50);
    push(rows, 51);

    assert.deepEqual(held(rows), [50, 51]);
  });

  it('compacts reordered rows', () => {
    const rows = new RowOffsets(0);
    for (const row of [4, 1, 6, 2, 8]) push(rows, row);

    assert.equal(rows.dropBefore(3), 'compacted');

    assert.deepEqual(held(rows), [4, 6, 8]);
  });

  it('keeps rows across growth and moves', () => {
    const rows = new RowOffsets(0);
    const expected: number[] = [];
    for (let row = 0; row < 5000; row += row % 7 === 0 ? 2 : 1) {
      push(rows, row);
      expected.push(row);
      if (row % 500 === 0) {
        rows.dropBefore(row - 300);
        while (expected[0] < row - 300) expected.shift();
      }
    }

    assert.deepEqual(held(rows), expected);
  });

  it('appends a consecutive list without copying', () => {
    const rows = new RowOffsets(10);

    rows.appendList(listOf([10, 11, 12, 13]), true, 10, 14);
    push(rows, 14);

    assert.deepEqual(held(rows), [10, 11, 12, 13, 14]);
    assert.equal(rows.reordered, false);
  });

  it('copies a list with gaps or late rows', () => {
    const gaps = new RowOffsets(0);
    const late = new RowOffsets(0);

    gaps.appendList(listOf([0, 2, 5]), true, 0, 6);
    late.appendList(listOf([0, 2, 1]), false, 0, 3);

    assert.deepEqual(held(gaps), [0, 2, 5]);
    assert.equal(gaps.reordered, false);
    assert.deepEqual(held(late), [0, 2, 1]);
    assert.equal(late.reordered, true);
  });

  it('rebases offsets past 2^32 rows', () => {
    const start = 2 ** 32 - 2;
    const rows = new RowOffsets(0);
    push(rows, 0);
    rows.dropBefore(1);
    push(rows, start);

    for (let row = start + 1; row < start + 6; row++) push(rows, row);

    assert.deepEqual(held(rows), [start, start + 1, start + 2, start + 3, start + 4, start + 5]);
  });

  it('runStart finds implicit runs', () => {
    const rows = new RowOffsets(40);
    for (let row = 40; row < 60; row++) push(rows, row);

    assert.equal(rows.runStart(rows.head + 3, rows.head + 10), 43);
    assert.equal(rows.runStart(rows.head, rows.tail), 40);
  });

  it('runStart checks stored offsets', () => {
    const rows = new RowOffsets(0);
    for (const row of [0, 1, 2, 5, 6, 7, 8]) push(rows, row);

    assert.equal(rows.runStart(0, 3), 0);
    assert.equal(rows.runStart(3, 7), 5);
    assert.equal(rows.runStart(2, 4), -1);
    assert.equal(rows.runStart(0, 7), -1);
    assert.equal(rows.runStart(4, 4), -1);
  });

  it('runStart rejects reordered rows', () => {
    const rows = new RowOffsets(0);
    for (const row of [0, 1, 3, 2]) push(rows, row);

    assert.equal(rows.reordered, true);
    // Offsets 0, 1, 3, 2 span as many rows as positions but skip row 2 at position 2.
    assert.equal(rows.runStart(0, 4), -1);
    assert.equal(rows.runStart(0, 2), -1);
  });
});
