import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Store, type Point } from '../../src/core/index.js';

/** Appends points one batch of three at a time, so a small ring evicts and wraps. */
function appendInBatches(store: Store, count: number): void {
  for (let from = 0; from < count; from += 3) store.append(points(from, Math.min(count, from + 3)));
}

function points(from: number, to: number): Point[] {
  const batch: Point[] = [];
  for (let i = from; i < to; i++) {
    batch.push({ id: `p${i}`, timestamp: 1000 + i, value: i * 0.5, category: 'cpu', source: 'a' });
  }
  return batch;
}

/** The column read row by row, as the bulk copy must return it. */
function readRows(store: Store, column: 'time' | 'value', from: number, to: number): number[] {
  const values: number[] = [];
  for (let row = from; row < to; row++) {
    values.push(column === 'time' ? store.timeAt(row) : store.valueAt(row));
  }
  return values;
}

describe('Store.copyColumn', () => {
  it('copies times and values of held rows', () => {
    const store = new Store({ capacity: 10 });
    store.append(points(0, 6));
    const output = new Float64Array(4);

    const copied = store.copyColumn('value', 1, 5, output);

    assert.equal(copied, 4);
    assert.deepEqual([...output], [0.5, 1, 1.5, 2]);
    store.copyColumn('time', 2, 6, output);
    assert.deepEqual([...output], [1002, 1003, 1004, 1005]);
  });

  it('writes from the given offset only', () => {
    const store = new Store({ capacity: 10 });
    store.append(points(0, 3));
    const output = new Float64Array(5).fill(-1);

    store.copyColumn('time', 0, 3, output, 2);

    assert.deepEqual([...output], [-1, -1, 1000, 1001, 1002]);
  });

  it('copies rows that wrap around the ring', () => {
    const store = new Store({ capacity: 8 });
    appendInBatches(store, 13);
    assert.equal(store.start, 5);
    const output = new Float64Array(8);

    // Rows 5..12 sit in slots 5, 6, 7, 0, 1, 2, 3, 4.
    store.copyColumn('value', 5, 13, output);

    assert.deepEqual([...output], readRows(store, 'value', 5, 13));
    assert.equal(output[0], 2.5);
    assert.equal(output[7], 6);
  });

  it('matches row reads for every held range', () => {
    const store = new Store({ capacity: 7 });
    appendInBatches(store, 17);
    assert.ok(store.start > 0);
    for (let from = store.start; from <= store.end; from++) {
      for (let to = from; to <= store.end; to++) {
        const output = new Float64Array(to - from);
        store.copyColumn('time', from, to, output);
        assert.deepEqual([...output], readRows(store, 'time', from, to), `rows [${from}, ${to})`);
      }
    }
  });

  it('keeps gaps and negative values', () => {
    const store = new Store({ capacity: 4 });
    const batch = points(0, 3);
    batch[1].value = NaN;
    batch[2].value = -1e308;
    store.append(batch);
    const output = new Float64Array(3);

    store.copyColumn('value', 0, 3, output);

    assert.ok(Number.isNaN(output[1]));
    assert.equal(output[2], -1e308);
  });

  it('copies nothing for an empty range', () => {
    const store = new Store({ capacity: 4 });
    store.append(points(0, 2));
    const output = new Float64Array(0);

    assert.equal(store.copyColumn('value', 2, 2, output), 0);
    assert.equal(store.copyColumn('value', 1, 1, output, 0), 0);
  });

  it('rejects rows not held', () => {
    const store = new Store({ capacity: 4 });
    appendInBatches(store, 6);
    const output = new Float64Array(10);

    assert.throws(() => store.copyColumn('value', 1, 4, output), /outside the held rows \[2, 6\)/);
    assert.throws(() => store.copyColumn('value', 3, 7, output), /outside the held rows \[2, 6\)/);
    assert.throws(() => new Store().copyColumn('time', 0, 1, output), RangeError);
  });

  it('rejects reversed and non-integer ranges', () => {
    const store = new Store({ capacity: 4 });
    store.append(points(0, 4));
    const output = new Float64Array(4);

    assert.throws(() => store.copyColumn('value', 3, 1, output), /from <= to/);
    assert.throws(() => store.copyColumn('value', 0.5, 2, output), RangeError);
    assert.throws(() => store.copyColumn('value', NaN, 2, output), RangeError);
    assert.throws(() => store.copyColumn('value', 0, Infinity, output), RangeError);
    assert.throws(() => store.copyColumn('value', '0' as unknown as number, 2, output), RangeError);
  });

  it('rejects an output without room', () => {
    const store = new Store({ capacity: 4 });
    store.append(points(0, 4));

    assert.throws(
      () => store.copyColumn('value', 0, 4, new Float64Array(3)),
      /too short for 4 rows/,
    );
    assert.throws(() => store.copyColumn('value', 0, 2, new Float64Array(4), 3), /at offset 3/);
    assert.throws(() => store.copyColumn('value', 0, 2, new Float64Array(4), -1), RangeError);
    assert.throws(() => store.copyColumn('value', 0, 2, new Float64Array(4), 0.5), RangeError);
  });

  it('rejects an unknown column', () => {
    const store = new Store({ capacity: 4 });
    store.append(points(0, 4));
    const output = new Float64Array(4);

    for (const column of ['category', '__proto__', '<img src=x onerror=alert(1)>']) {
      assert.throws(
        () => store.copyColumn(column as 'time', 0, 2, output),
        /expected 'time' or 'value'/,
      );
    }
    assert.deepEqual([...output], [0, 0, 0, 0]);
  });
});
