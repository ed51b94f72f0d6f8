import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  FilterValidationError,
  Store,
  type FilterCondition,
  type FilterGroup,
  type FilterNode,
  type Metadata,
  type Point,
} from '../../src/core/index.js';
import { matches, ReferenceStore, type HeldPoint } from './reference-store.js';

const BASE = Date.UTC(2024, 0, 1);
const SECOND = 1000;

const idArbitrary = fc.oneof(
  fc.integer({ min: 0, max: 40 }).map((n) => `p${n}`),
  fc.integer({ min: 0, max: 9 }).map(String),
  fc.constantFrom(
    '007',
    'p07',
    'p4294967295',
    'p4294967296',
    'x12345678901',
    'a1b',
    'p-1',
    '__proto__',
    'constructor',
    '<img src=x onerror=alert(1)>',
  ),
);

const metadataArbitrary: fc.Arbitrary<Metadata | undefined> = fc.option(
  fc
    .record(
      {
        region: fc.constantFrom('eu', 'us', 'EU', 'eu-west'),
        n: fc.constantFrom<Metadata[string]>(1, 2, -0, '2', ' 2 ', '', 'x', true, false, null),
        proto: fc.constantFrom('x', 'y'),
      },
      { requiredKeys: [] },
    )
    .map((record) => {
      // `__proto__` must be an own key, as JSON.parse makes it, not a prototype change.
      const text = JSON.stringify(record).replace('"proto"', '"__proto__"');
      return JSON.parse(text) as Metadata;
    }),
  { nil: undefined },
);

const pointArbitrary: fc.Arbitrary<Point> = fc
  .record({
    id: idArbitrary,
    timestamp: fc.integer({ min: 0, max: 60 }).map((t) => BASE + t * SECOND),
    value: fc.constantFrom(NaN, 0, -0, 1, 2, 2.5, -3, 10, 100),
    category: fc.constantFrom('cpu', 'CPU', 'mem', 'Disk IO', 'é'),
    source: fc.constantFrom('a', 'b', 'c'),
    metadata: metadataArbitrary,
  })
  .map(({ metadata, ...fields }) => {
    // A plain object, as the store hands points out.
    const point: Point = { ...fields };
    if (metadata !== undefined) point.metadata = metadata;
    return point;
  });

const number = fc.constantFrom(0, 1, 2, 2.5, 10, -3, 99);
const numericText = fc.constantFrom('2', ' 10 ', '2.5', '-3');
const timeOperand = fc.oneof(
  fc.integer({ min: -2, max: 62 }).map((t) => BASE + t * SECOND),
  fc.integer({ min: 0, max: 60 }).map((t) => new Date(BASE + t * SECOND).toISOString()),
);
const text = fc.constantFrom('cpu', 'CPU', 'c', 'mem', 'Disk', 'a', 'b', 'p1', 'p', '', 'é', 'eu');
const anyValue = fc.oneof(text, number, fc.constantFrom('2', '1', 'x'), fc.boolean());

function conditionOn(field: string, operand: fc.Arbitrary<string | number | boolean>) {
  const ordered = operand.filter((v) => typeof v !== 'boolean');
  const textOnly = fc.string({ maxLength: 3 }).map((s) => s.replace(/\s/g, ''));
  return fc
    .oneof(
      fc.record({ op: fc.constantFrom('eq', 'neq'), value: operand }),
      fc.record({ op: fc.constantFrom('gt', 'gte', 'lt', 'lte'), value: ordered }),
      fc.record({ op: fc.constant('between'), value: fc.tuple(ordered, ordered) }),
      fc.record({
        op: fc.constantFrom('in', 'not_in'),
        value: fc.array(operand, { maxLength: 3 }),
      }),
      fc.record({ op: fc.constant('exists') }),
      ...(field === 'value' || field === 'timestamp'
        ? []
        : [
            fc.record({
              op: fc.constantFrom('contains', 'not_contains'),
              value: fc.oneof(text, textOnly),
            }),
          ]),
    )
    .map((condition) => ({ field, ...condition }) as FilterCondition);
}

const conditionArbitrary: fc.Arbitrary<FilterCondition> = fc.oneof(
  conditionOn('value', fc.oneof(number, numericText)),
  conditionOn('timestamp', timeOperand),
  fc
    .record({ value: fc.integer({ min: 1, max: 70 }), unit: fc.constant('seconds' as const) })
    .map(({ value, unit }): FilterCondition => ({
      field: 'timestamp',
      op: 'within_last',
      value,
      unit,
    })),
  conditionOn('category', text),
  conditionOn('source', text),
  conditionOn('id', text),
  conditionOn('metadata.region', anyValue),
  conditionOn('metadata.n', anyValue),
  conditionOn('metadata.__proto__', anyValue),
  conditionOn('metadata.missing', anyValue),
);

const { group: groupArbitrary } = fc.letrec<{ group: FilterGroup; node: FilterNode }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', maxDepth: 3 }, conditionArbitrary, tie('group')),
  group: fc
    .record({
      logic: fc.constantFrom('and' as const, 'or' as const),
      not: fc.boolean(),
      conditions: fc.array(tie('node'), { maxLength: 4 }),
    })
    .map(({ logic, not, conditions }) =>
      not ? { logic, not, conditions } : { logic, conditions },
    ),
}));

type Action =
  | { kind: 'append'; points: Point[] }
  | { kind: 'appendInOrder'; points: Point[] }
  | { kind: 'filter'; criteria: FilterGroup }
  | { kind: 'reuse'; index: number }
  | { kind: 'unfilter' }
  | { kind: 'tick'; ms: number }
  | { kind: 'clear' };

const actionArbitrary: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('append' as const),
      points: fc.array(pointArbitrary, { maxLength: 12 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('appendInOrder' as const),
      points: fc.array(pointArbitrary, { maxLength: 40 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('filter' as const), criteria: groupArbitrary }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reuse' as const), index: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'unfilter' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('tick' as const),
      ms: fc.integer({ min: 0, max: 20 * SECOND }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
);

function ids(entries: HeldPoint[]): string[] {
  return entries.map((entry) => entry.point.id);
}

function viewRows(store: Store): number[] {
  const rows: number[] = [];
  for (let i = 0; i < store.view.length; i++) rows.push(store.view.rowAt(i));
  return rows;
}

function checkAgainst(
  store: Store,
  reference: ReferenceStore,
  criteria: FilterGroup | null,
  now: number,
) {
  const expected = reference.select(criteria, now);
  assert.equal(store.size, reference.held.length, 'size');
  assert.equal(store.duplicates, reference.duplicates, 'duplicates');
  assert.deepEqual(
    viewRows(store),
    expected.map((entry) => entry.row),
    'view rows',
  );
  for (const entry of reference.held) {
    const expectedMatch = criteria === null || matches(criteria, entry.point, now);
    assert.equal(store.matches(entry.row), expectedMatch, `matches(${entry.row})`);
    assert.deepEqual(store.pointAt(entry.row), entry.point, `pointAt(${entry.row})`);
  }
  const series = reference.series();
  const actual = new Map(
    store.series().map((s) => [`${s.category}|${s.source}`, Array.from(s.rows.toArray())]),
  );
  assert.deepEqual([...actual.keys()].sort(), [...series.keys()].sort(), 'series keys');
  for (const [key, entries] of series) {
    assert.deepEqual(
      actual.get(key),
      entries.map((entry) => entry.row),
      `series ${key}`,
    );
  }
  const byTime = [...reference.held].sort(
    (a, b) => a.point.timestamp - b.point.timestamp || a.row - b.row,
  );
  assert.deepEqual(
    Array.from(store.latestRows(4)),
    byTime.slice(-4).map((entry) => entry.row),
    'latestRows',
  );
  const range =
    byTime.length === 0 ? null : [byTime[0].point.timestamp, byTime.at(-1)?.point.timestamp];
  assert.deepEqual(store.timeRange(), range, 'timeRange');
  return ids(expected);
}

/** Lifts the batch's times so they never decrease, after the newest time already appended. */
function inTimeOrder(points: Point[], reference: ReferenceStore): Point[] {
  let time = reference.held.at(-1)?.point.timestamp ?? -Infinity;
  const times = points.map((point) => point.timestamp).sort((a, b) => a - b);
  return points.map((point, i) => {
    time = Math.max(time, times[i]);
    return { ...point, timestamp: time };
  });
}

/** Runs the actions on a store and on the reference, comparing them after each step. */
function runActions(capacity: number, actions: Action[]): void {
  let now = BASE + 30 * SECOND;
  const store = new Store({ capacity, now: () => now, autoRefresh: false });
  const reference = new ReferenceStore(capacity);
  const applied: FilterGroup[] = [];
  let criteria: FilterGroup | null = null;
  for (const action of actions) {
    switch (action.kind) {
      case 'append':
        store.append(action.points);
        reference.append(action.points);
        break;
      case 'appendInOrder': {
        const points = inTimeOrder(action.points, reference);
        store.append(points);
        reference.append(points);
        break;
      }
      case 'filter':
      case 'reuse': {
        const next: FilterGroup | undefined =
          action.kind === 'filter'
            ? action.criteria
            : applied[action.index % Math.max(1, applied.length)];
        if (next === undefined) break;
        store.setFilter(next);
        criteria = next;
        applied.push(next);
        break;
      }
      case 'unfilter':
        store.setFilter(null);
        criteria = null;
        break;
      case 'tick':
        now += action.ms;
        store.refreshFilter();
        break;
      case 'clear':
        store.clear();
        reference.clear();
        break;
    }
    checkAgainst(store, reference, criteria, now);
  }
}

describe('Store against a reference implementation', () => {
  it('agrees on random appends, evictions, filters and clock ticks', () => {
    const actions = fc.array(actionArbitrary, { maxLength: 25 });
    fc.assert(fc.property(fc.integer({ min: 1, max: 15 }), actions, runActions), {
      numRuns: 1500,
    });
  });

  it('agrees on larger stores with long batches', () => {
    const actions = fc.array(actionArbitrary, { maxLength: 30 });
    fc.assert(fc.property(fc.integer({ min: 20, max: 80 }), actions, runActions), {
      numRuns: 200,
    });
  });

  it('agrees on stores of thousands of rows', () => {
    // Large enough for bitset evaluation and gathering from row lists.
    fc.assert(
      fc.property(
        fc.array(pointArbitrary, { minLength: 1, maxLength: 40 }),
        fc.array(groupArbitrary, { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        (pattern, filters, inOrder) => {
          const capacity = 5000;
          const store = new Store({ capacity, now: () => BASE + 30 * SECOND, autoRefresh: false });
          const reference = new ReferenceStore(capacity);
          // Enough rounds to fill the store and evict, whatever the pattern's length.
          const rounds = Math.ceil(5500 / pattern.length);
          for (let round = 0; round < rounds; round++) {
            let batch = pattern.map((point, i) => ({ ...point, id: `r${round}-${i}` }));
            if (inOrder) batch = inTimeOrder(batch, reference);
            store.append(batch);
            reference.append(batch);
          }
          for (const criteria of filters) {
            store.setFilter(criteria);
            const expected = reference.select(criteria, BASE + 30 * SECOND);
            assert.deepEqual(
              viewRows(store),
              expected.map((entry) => entry.row),
            );
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('rejects malformed criteria and keeps the previous filter', () => {
    const store = new Store({ capacity: 10 });
    store.append([
      { id: 'a', timestamp: BASE, value: 1, category: 'cpu', source: 'a' },
      { id: 'b', timestamp: BASE, value: 5, category: 'mem', source: 'a' },
    ]);
    const previous = { logic: 'and', conditions: [{ field: 'value', op: 'gt', value: 2 }] };
    store.setFilter(previous);
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        try {
          store.setFilter(input);
          store.setFilter(previous);
        } catch (error) {
          assert.ok(error instanceof FilterValidationError, String(error));
          assert.match(error.message, /^criteria/);
        }
        assert.deepEqual(store.filter, previous);
        assert.equal(store.view.length, 1);
      }),
    );
  });
});
