import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  NO_METADATA,
  Store,
  type AppendDetail,
  type FilterGroup,
  type Point,
  type PointColumns,
} from '../../src/core/index.js';
import { emptyColumns, TestStrings, toColumns } from './column-strings.js';
import { ReferenceStore } from './reference-store.js';

const BASE = Date.UTC(2024, 0, 1);

function point(id: string, second: number, value = 1, category = 'cpu', source = 'a'): Point {
  return { id, timestamp: BASE + second * 1000, value, category, source };
}

/** Returns a copy of a point whose metadata is a plain object, which compares equal to JSON-parsed metadata. */
function plain(point: Point): Point {
  return point.metadata === undefined
    ? { ...point }
    : { ...point, metadata: { ...point.metadata } };
}

function heldPoints(store: Store): Point[] {
  const points: Point[] = [];
  for (let row = store.start; row < store.end; row++) points.push(plain(store.pointAt(row)));
  return points;
}

function appendEvents(store: Store): AppendDetail[] {
  const details: AppendDetail[] = [];
  store.addEventListener('append', (event) => details.push((event as CustomEvent).detail));
  return details;
}

/** Builds one valid row of columns, for tests that break one field. */
function oneRow(strings: TestStrings): PointColumns {
  return toColumns([point('p1', 0)], strings);
}

describe('Store.appendColumns', () => {
  it('appends rows like append appends points', () => {
    const points = [
      { ...point('g7-1', 0, 1.5), metadata: { unit: 'percent' } },
      point('g7-2', 1, NaN, 'mem', 'b'),
      point('text-id', 2, -3),
      point('007', 3),
      point('a1', 4),
      point('x4294967296', 5),
    ];
    const byColumns = new Store({ capacity: 10 });
    const byPoints = new Store({ capacity: 10 });
    const events = appendEvents(byColumns);

    const result = byColumns.appendColumns(toColumns(points, new TestStrings()), new TestStrings());
    assert.equal(result.added, 0, 'codes into an empty table are rejected');
    assert.equal(result.invalid.length, 6);

    const strings = new TestStrings();
    const detail = byColumns.appendColumns(toColumns(points, strings), strings);
    byPoints.append(points);

    assert.deepEqual(detail.invalid, []);
    assert.deepEqual(heldPoints(byColumns), heldPoints(byPoints));
    assert.deepEqual(events, [{ from: 0, to: 6, added: 6, duplicates: 0 }]);
    assert.deepEqual(byColumns.categories(), ['cpu', 'mem']);
    assert.equal(byColumns.series().length, 2);
  });

  it('drops ids that are already held', () => {
    const strings = new TestStrings();
    const store = new Store({ capacity: 10 });
    store.append([point('p1', 0), point('p-x', 0)]);
    const events = appendEvents(store);

    const result = store.appendColumns(
      toColumns([point('p1', 1), point('p2', 1), point('p2', 2), point('p-x', 3)], strings),
      strings,
    );

    assert.equal(result.added, 1);
    assert.equal(result.duplicates, 3);
    assert.equal(store.duplicates, 3);
    assert.deepEqual(events, [{ from: 2, to: 3, added: 1, duplicates: 3 }]);
  });

  it('keeps the newest rows of a long batch', () => {
    const strings = new TestStrings();
    const store = new Store({ capacity: 3 });
    const evictions: unknown[] = [];
    store.addEventListener('evict', (event) => evictions.push((event as CustomEvent).detail));
    store.append([point('old', 0)]);
    const points = [point('p1', 1), point('p2', 2), point('p3', 3), point('p4', 4)];
    const columns = toColumns([...points, point('bad', 5)], strings);
    columns.timestamp[4] = NaN;

    const result = store.appendColumns(columns, strings);

    assert.deepEqual(
      heldPoints(store).map((held) => held.id),
      ['p2', 'p3', 'p4'],
    );
    assert.deepEqual(result.invalid, [
      { index: 4, reason: 'timestamp: must be epoch milliseconds within ±8.64e15' },
    ]);
    assert.deepEqual(evictions, [{ count: 1, start: 1 }]);
  });

  it('starts at the given row and reports indices of the whole batch', () => {
    const strings = new TestStrings();
    const store = new Store({ capacity: 10 });
    const columns = toColumns([point('p1', 0), point('p2', 1), point('p3', 2)], strings);
    columns.value[2] = Infinity;

    const result = store.appendColumns(columns, strings, 1);

    assert.deepEqual(
      heldPoints(store).map((held) => held.id),
      ['p2'],
    );
    assert.deepEqual(result.invalid, [
      { index: 2, reason: 'value: must be a finite number or null' },
    ]);
  });

  it('rejects each kind of invalid row with its reason', () => {
    const strings = new TestStrings(['', 'x'.repeat(257), 'not json', '[1]', '{"a":{"b":1}}']);
    const cases: [string, (columns: PointColumns) => void, string][] = [
      ['infinite time', (c) => (c.timestamp[0] = -Infinity), 'timestamp: must be epoch'],
      ['time past a Date', (c) => (c.timestamp[0] = 1e300), 'timestamp: must be epoch'],
      ['infinite value', (c) => (c.value[0] = Infinity), 'value: must be a finite number'],
      ['unknown category', (c) => (c.category[0] = 999), 'category: string code 999 is not'],
      ['huge code', (c) => (c.source[0] = 0xfffffffe), 'source: string code 4294967294 is'],
      ['empty category', (c) => (c.category[0] = 0), 'category: must not be empty'],
      ['long source', (c) => (c.source[0] = 1), 'source: is 257 characters long'],
      ['empty id', (c) => ((c.idPrefix[0] = 0), (c.idNumber[0] = NaN)), 'id: must not be empty'],
      ['long id', (c) => (c.idPrefix[0] = 1), 'id: is longer than 256 characters'],
      ['negative number', (c) => (c.idNumber[0] = -1), 'id: idNumber must be a non-negative'],
      ['fraction', (c) => (c.idNumber[0] = 1.5), 'id: idNumber must be a non-negative'],
      ['unsafe number', (c) => (c.idNumber[0] = 2 ** 53), 'id: idNumber must be a non-negative'],
      ['unknown prefix', (c) => (c.idPrefix[0] = 999), 'id: string code 999 is not'],
      ['metadata not JSON', (c) => (c.metadata[0] = 2), 'metadata: is not valid JSON'],
      ['metadata array', (c) => (c.metadata[0] = 3), 'metadata: must be an object'],
      ['nested metadata', (c) => (c.metadata[0] = 4), 'metadata.a:'],
      ['unknown metadata', (c) => (c.metadata[0] = 999), 'metadata: string code 999 is not'],
    ];
    for (const [name, breakRow, reason] of cases) {
      const store = new Store({ capacity: 10 });
      const columns = oneRow(strings);
      breakRow(columns);
      const result = store.appendColumns(columns, strings);
      assert.equal(store.size, 0, name);
      assert.equal(result.invalid.length, 1, name);
      assert.ok(
        result.invalid[0].reason.startsWith(reason),
        `${name}: ${result.invalid[0].reason}`,
      );
    }
  });

  it('keeps hostile strings as plain text', () => {
    const strings = new TestStrings();
    const hostile = '<img src=x onerror=alert(1)>';
    const points = [
      { ...point('__proto__', 0, 1, hostile, '__proto__'), metadata: { constructor: hostile } },
      point('constructor', 1, 2, 'toString', hostile),
    ];
    const store = new Store({ capacity: 5 });

    const result = store.appendColumns(toColumns(points, strings), strings);

    assert.deepEqual(result.invalid, []);
    assert.deepEqual(heldPoints(store), points);
    assert.equal(Object.getPrototypeOf({}), Object.prototype);
  });

  it('rejects columns shorter than count and a bad start', () => {
    const strings = new TestStrings();
    const store = new Store({ capacity: 5 });
    const short = { ...emptyColumns(2), value: new Float64Array(1) };
    assert.throws(() => store.appendColumns(short, strings), /columns.value has 1 entries/);
    assert.throws(() => store.appendColumns(emptyColumns(2), strings, 3), /start must be/);
    assert.throws(() => store.appendColumns(emptyColumns(2), strings, -1), /start must be/);
    assert.equal(store.size, 0);
  });

  it('tests appended rows against the current filter', () => {
    const strings = new TestStrings();
    const store = new Store({ capacity: 5, autoRefresh: false });
    store.setFilter({ logic: 'and', conditions: [{ field: 'value', op: 'gt', value: 1 }] });

    store.appendColumns(
      toColumns(
        [point('p1', 0, 1), point('p2', 1, 2), point('p3', 2, NaN), point('p4', 3, 5)],
        strings,
      ),
      strings,
    );

    assert.deepEqual(
      Array.from({ length: store.view.length }, (_, i) => store.idAt(store.view.rowAt(i))),
      ['p2', 'p4'],
    );
  });

  it('keeps rows written before a throwing table', () => {
    const strings = new TestStrings();
    const columns = toColumns([point('p1', 0, 5), point('p2', 1, 5, 'mem')], strings);
    const memCode = strings.code('mem');
    const throwing = {
      length: strings.length,
      at: (code: number) => {
        if (code === memCode) throw new Error('table failed');
        return strings.at(code);
      },
      metadata: (code: number) => strings.metadata(code),
    };
    const store = new Store({ capacity: 5, autoRefresh: false });
    store.setFilter({ logic: 'and', conditions: [{ field: 'value', op: 'gt', value: 1 }] });
    const events = appendEvents(store);

    assert.throws(() => store.appendColumns(columns, throwing), /table failed/);

    assert.equal(store.size, 1);
    assert.equal(store.view.length, 1);
    assert.deepEqual(events, [{ from: 0, to: 1, added: 1, duplicates: 0 }]);
  });

  it('fires no event for a batch without valid rows', () => {
    const strings = new TestStrings();
    const store = new Store({ capacity: 5 });
    const events = appendEvents(store);
    const columns = oneRow(strings);
    columns.timestamp[0] = NaN;

    store.appendColumns(columns, strings);
    store.appendColumns(emptyColumns(0), strings);

    assert.deepEqual(events, []);
  });
});

// Entries of the property test's string table. Codes 0 to 4 are names, 5 to 12 id prefixes,
// 13 to 18 metadata; codes past the end test unknown codes.
const ENTRIES = [
  'cpu',
  'mem',
  '<img src=x onerror=alert(1)>',
  '',
  'n'.repeat(257),
  'p',
  'g7-',
  'a1',
  '',
  '__proto__',
  'q'.repeat(250),
  '007',
  'p',
  '{"unit":"percent"}',
  '{"unit":"percent"}',
  '{"__proto__":"x","n":-0}',
  '{"unit":"count","ok":true,"none":null}',
  'not json',
  '[1,2]',
];

const codeIn = (from: number, to: number) => fc.integer({ min: from, max: to });

const rowArbitrary = fc.record({
  timestamp: fc.oneof(
    { weight: 12, arbitrary: codeIn(0, 40).map((t) => BASE + t * 1000) },
    { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity) },
  ),
  value: fc.constantFrom(0, -0, 1, 2.5, -3, NaN, NaN, Infinity),
  category: fc.oneof({ weight: 8, arbitrary: codeIn(0, 2) }, codeIn(3, 4), fc.constant(999)),
  source: fc.oneof({ weight: 8, arbitrary: codeIn(0, 2) }, codeIn(3, 4)),
  idPrefix: fc.oneof({ weight: 10, arbitrary: codeIn(5, 12) }, fc.constant(ENTRIES.length)),
  idNumber: fc.oneof(
    { weight: 10, arbitrary: codeIn(0, 30) },
    fc.constantFrom(NaN, -0, -1, 1.5, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1, 2 ** 53),
  ),
  metadata: fc.oneof(
    { weight: 3, arbitrary: fc.constant(NO_METADATA) },
    codeIn(13, 18),
    fc.constant(2),
  ),
});

type Row = typeof rowArbitrary extends fc.Arbitrary<infer T> ? T : never;

function columnsOf(rows: Row[]): PointColumns {
  const columns = emptyColumns(rows.length);
  rows.forEach((row, i) => {
    for (const name of Object.keys(row) as (keyof Row)[]) columns[name][i] = row[name];
  });
  return columns;
}

/** Returns the point of a row, read by the documented rules, or null when it is invalid. */
function expectedPoint(row: Row, strings: TestStrings): Point | null {
  const name = (code: number) => {
    const text = strings.at(code);
    return text !== undefined && text.length > 0 && text.length <= 256 ? text : null;
  };
  const category = name(row.category);
  const source = name(row.source);
  const prefix = strings.at(row.idPrefix);
  if (!Number.isFinite(row.timestamp) || Math.abs(row.value) === Infinity) return null;
  if (category === null || source === null || prefix === undefined) return null;
  const number = row.idNumber;
  if (!Number.isNaN(number) && !(Number.isSafeInteger(number) && number >= 0)) return null;
  const id = Number.isNaN(number) ? prefix : `${prefix}${number}`;
  if (id.length === 0 || id.length > 256) return null;
  const point: Point = { id, timestamp: row.timestamp, value: row.value, category, source };
  if (row.metadata !== NO_METADATA) {
    const metadata = strings.metadata(row.metadata);
    if (typeof metadata === 'string') return null;
    point.metadata = metadata;
  }
  return point;
}

function viewRows(store: Store): number[] {
  return Array.from({ length: store.view.length }, (_, i) => store.view.rowAt(i));
}

const FILTER: FilterGroup = {
  logic: 'or',
  conditions: [
    { field: 'value', op: 'gt', value: 1 },
    { field: 'metadata.unit', op: 'eq', value: 'percent' },
    { field: 'category', op: 'eq', value: 'mem' },
  ],
};

/** Appends each batch as points to one store and as columns to another, comparing them. */
function compareBatches(capacity: number, batches: Row[][], filtered: boolean): void {
  const strings = new TestStrings(ENTRIES);
  const byPoints = new Store({ capacity, autoRefresh: false });
  const byColumns = new Store({ capacity, autoRefresh: false });
  const reference = new ReferenceStore(capacity);
  if (filtered) {
    byPoints.setFilter(FILTER);
    byColumns.setFilter(FILTER);
  }
  const pointEvents = appendEvents(byPoints);
  const columnEvents = appendEvents(byColumns);
  for (const rows of batches) {
    const expected = rows.map((row) => expectedPoint(row, strings));
    const valid = expected.filter((entry): entry is Point => entry !== null);
    byPoints.append(valid);
    reference.append(valid);
    const result = byColumns.appendColumns(columnsOf(rows), strings);

    const invalid = expected.flatMap((entry, index) => (entry === null ? [index] : []));
    assert.deepEqual(
      result.invalid.map((row) => row.index),
      invalid,
      'invalid rows',
    );
    assert.deepEqual(columnEvents, pointEvents, 'append events');
    assert.deepEqual(heldPoints(byColumns), heldPoints(byPoints), 'held points');
    assert.deepEqual(
      heldPoints(byColumns),
      reference.held.map((entry) => plain(entry.point)),
      'reference points',
    );
    assert.equal(byColumns.duplicates, reference.duplicates, 'duplicates');
    assert.equal(byColumns.start, byPoints.start, 'start');
    assert.deepEqual(viewRows(byColumns), viewRows(byPoints), 'view rows');
    assert.deepEqual(byColumns.timeRange(), byPoints.timeRange(), 'time range');
    // Bytes may differ: the columns grow by the rows of a batch, valid or not.
    const indexes = (store: Store) => ({ ...store.stats().indexes, bytes: 0 });
    assert.deepEqual(indexes(byColumns), indexes(byPoints), 'indexes');
    const series = (store: Store) =>
      store.series().map((s) => [s.category, s.source, Array.from(s.rows.toArray())]);
    assert.deepEqual(series(byColumns), series(byPoints), 'series');
  }
}

describe('Store.appendColumns against append and the reference store', () => {
  it('agrees on random batches with invalid rows', () => {
    const batches = fc.array(fc.array(rowArbitrary, { maxLength: 20 }), { maxLength: 8 });
    fc.assert(fc.property(codeIn(1, 12), batches, fc.boolean(), compareBatches), {
      numRuns: 800,
    });
  });

  it('agrees on batches longer than the capacity', () => {
    const batches = fc.array(fc.array(rowArbitrary, { minLength: 10, maxLength: 60 }), {
      maxLength: 4,
    });
    fc.assert(fc.property(codeIn(1, 8), batches, fc.boolean(), compareBatches), {
      numRuns: 300,
    });
  });
});
