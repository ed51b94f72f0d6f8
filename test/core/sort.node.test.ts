import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compareSortValues,
  isMissing,
  mergeSortedRows,
  RADIX_MIN_ROWS,
  sortRows,
  type SortDirection,
  type SortKey,
} from '../../src/core/sort.js';

/** Builds a key that reads `values[row]`, so rows are plain indices into the table. */
function keyOf(values: readonly unknown[], direction: SortDirection = 'asc'): SortKey {
  return { read: (row) => values[row], direction };
}

function rowsUpTo(count: number): number[] {
  return Array.from({ length: count }, (_, row) => row);
}

describe('sortRows', () => {
  it('sorts numbers ascending and descending', () => {
    const values = [3, 1, 2];

    assert.deepEqual([...sortRows(rowsUpTo(3), [keyOf(values)])], [1, 2, 0]);
    assert.deepEqual([...sortRows(rowsUpTo(3), [keyOf(values, 'desc')])], [0, 2, 1]);
  });

  it('keeps the given order among ties in both directions', () => {
    const values = [1, 0, 1, 0, 1];

    assert.deepEqual([...sortRows(rowsUpTo(5), [keyOf(values)])], [1, 3, 0, 2, 4]);
    assert.deepEqual([...sortRows(rowsUpTo(5), [keyOf(values, 'desc')])], [0, 2, 4, 1, 3]);
    assert.deepEqual([...sortRows([4, 2, 0, 3, 1], [keyOf(values)])], [3, 1, 4, 2, 0]);
  });

  it('places missing and non-finite values last in both directions', () => {
    const values = [NaN, 2, undefined, -Infinity, 1, null, Infinity, {}];

    const ascending = sortRows(rowsUpTo(8), [keyOf(values)]);
    const descending = sortRows(rowsUpTo(8), [keyOf(values, 'desc')]);

    assert.deepEqual([...ascending], [4, 1, 0, 2, 3, 5, 6, 7]);
    assert.deepEqual([...descending], [1, 4, 0, 2, 3, 5, 6, 7]);
  });

  it('sorts text by collation with numeric parts', () => {
    const values = ['host-10', 'host-2', 'Beta', 'alpha', undefined];

    const sorted = sortRows(rowsUpTo(5), [keyOf(values)]);

    assert.deepEqual(
      [...sorted].map((row) => values[row]),
      ['alpha', 'Beta', 'host-2', 'host-10', undefined],
    );
  });

  it('puts numbers before text in a mixed key', () => {
    const values = ['b', 10, true, 'a', 2, false];

    const sorted = sortRows(rowsUpTo(6), [keyOf(values)]);

    assert.deepEqual(
      [...sorted].map((row) => values[row]),
      [2, 10, 'a', 'b', false, true],
    );
  });

  it('ties a boolean with its string form', () => {
    const values = ['true', true, 'true'];

    assert.deepEqual([...sortRows(rowsUpTo(3), [keyOf(values, 'desc')])], [0, 1, 2]);
  });

  it('breaks ties with the next key', () => {
    const category = ['b', 'a', 'b', 'a'];
    const value = [1, 2, 3, 4];

    const sorted = sortRows(rowsUpTo(4), [keyOf(category), keyOf(value, 'desc')]);

    assert.deepEqual([...sorted], [3, 1, 2, 0]);
  });

  it('copies the rows unchanged without keys', () => {
    const rows = new Float64Array([5, 3, 9]);

    const sorted = sortRows(rows, []);

    assert.deepEqual([...sorted], [5, 3, 9]);
    assert.notEqual(sorted, rows);
  });

  it('handles an empty list', () => {
    assert.equal(sortRows([], [keyOf([])]).length, 0);
  });

  it('keeps logical rows past 2^32', () => {
    const big = 2 ** 33;
    const values = new Map([
      [big, 2],
      [big + 1, 1],
    ]);

    const sorted = sortRows([big, big + 1], [{ read: (row) => values.get(row), direction: 'asc' }]);

    assert.deepEqual([...sorted], [big + 1, big]);
  });

  it('matches a reference stable sort on random input', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const values = rowsUpTo(2000).map(() => {
      const pick = random();
      if (pick < 0.1) return NaN;
      return Math.floor(pick * 50);
    });

    const sorted = sortRows(rowsUpTo(2000), [keyOf(values, 'desc')]);

    const reference = rowsUpTo(2000).sort((a, b) =>
      compareSortValues(values[a], values[b], 'desc'),
    );
    assert.deepEqual([...sorted], reference);
  });
});

describe('sortRows radix path', () => {
  /** Returns a seeded random generator, so a failure repeats. */
  function randomFrom(seed: number): () => number {
    let state = seed;
    return () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
  }

  function referenceOrder(count: number, keys: SortKey[]): number[] {
    return rowsUpTo(count).sort((a, b) => {
      for (const key of keys) {
        const order = compareSortValues(key.read(a), key.read(b), key.direction);
        if (order !== 0) return order;
      }
      return a - b;
    });
  }

  const count = RADIX_MIN_ROWS * 3;

  it('matches a reference sort on awkward numbers', () => {
    const random = randomFrom(11);
    const specials = [NaN, Infinity, -Infinity, 0, -0, Number.MIN_VALUE, -Number.MAX_VALUE, 1e300];
    const values = rowsUpTo(count).map(() => {
      const pick = random();
      if (pick < 0.2) return specials[Math.floor(random() * specials.length)];
      return (random() - 0.5) * 10 ** Math.floor(random() * 12);
    });
    for (const direction of ['asc', 'desc'] as const) {
      const keys = [keyOf(values, direction)];

      const sorted = sortRows(rowsUpTo(count), keys);

      assert.deepEqual([...sorted], referenceOrder(count, keys), direction);
    }
  });

  it('matches a reference sort on two keys', () => {
    const random = randomFrom(5);
    const names = ['disk', 'cpu', 'memory', undefined, 'host-10', 'host-2'];
    const category = rowsUpTo(count).map(() => names[Math.floor(random() * names.length)]);
    const value = rowsUpTo(count).map(() => Math.floor(random() * 20));
    const keys = [keyOf(category), keyOf(value, 'desc')];

    const sorted = sortRows(rowsUpTo(count), keys);

    assert.deepEqual([...sorted], referenceOrder(count, keys));
  });

  it('keeps the given order among ties', () => {
    const rows = rowsUpTo(count).reverse();

    const sorted = sortRows(rows, [keyOf(rowsUpTo(count).map((row) => row % 2))]);

    const evens = rows.filter((row) => row % 2 === 0);
    const odds = rows.filter((row) => row % 2 === 1);
    assert.deepEqual([...sorted], [...evens, ...odds]);
  });
});

describe('mergeSortedRows', () => {
  it('merges added rows into place', () => {
    const values = [1, 3, 5, 4, 0, 6];
    const keys = [keyOf(values)];
    const sorted = sortRows([0, 1, 2], keys);

    const merged = mergeSortedRows(sorted, [3, 4, 5], keys);

    assert.deepEqual([...merged], [4, 0, 1, 3, 2, 5]);
  });

  it('places added rows after equal sorted rows', () => {
    const values = [1, 1, 1, 1];
    const keys = [keyOf(values, 'desc')];

    const merged = mergeSortedRows(new Float64Array([1, 0]), [3, 2], keys);

    assert.deepEqual([...merged], [1, 0, 3, 2]);
  });

  it('equals a full sort of the concatenation', () => {
    const values = [2, NaN, 7, 2, undefined, 9, 2, NaN, 1, 7];
    for (const direction of ['asc', 'desc'] as const) {
      const keys = [keyOf(values, direction)];

      const merged = mergeSortedRows(sortRows(rowsUpTo(6), keys), [6, 7, 8, 9], keys);

      assert.deepEqual([...merged], [...sortRows(rowsUpTo(10), keys)], direction);
    }
  });

  it('returns a copy when nothing is added', () => {
    const sorted = new Float64Array([2, 1]);

    const merged = mergeSortedRows(sorted, [], [keyOf([0, 0, 0])]);

    assert.deepEqual([...merged], [2, 1]);
  });
});

describe('compareSortValues', () => {
  it('orders missing values last whatever the direction', () => {
    assert.ok(compareSortValues(NaN, 1, 'asc') > 0);
    assert.ok(compareSortValues(NaN, 1, 'desc') > 0);
    assert.ok(compareSortValues(1, null, 'desc') < 0);
    assert.equal(compareSortValues(undefined, NaN, 'asc'), 0);
  });

  it('flips present values for descending', () => {
    assert.ok(compareSortValues(1, 2, 'asc') < 0);
    assert.ok(compareSortValues(1, 2, 'desc') > 0);
  });
});

describe('isMissing', () => {
  it('flags absent, non-finite and unsortable values', () => {
    for (const value of [undefined, null, NaN, Infinity, -Infinity, {}, [], Symbol('x')]) {
      assert.equal(isMissing(value), true, String(value));
    }
    for (const value of [0, -1.5, '', 'x', false, '<img src=x onerror=alert(1)>', '__proto__']) {
      assert.equal(isMissing(value), false, String(value));
    }
  });
});
