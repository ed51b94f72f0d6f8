import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FilterValidationError, Store, type FilterNode, type Point } from '../../src/core/index.js';

const POINTS: Point[] = [
  { id: 'a1', timestamp: Date.UTC(2024, 0, 1), value: 10, category: 'cpu', source: 'web-1' },
  { id: 'a2', timestamp: Date.UTC(2024, 0, 2), value: 50, category: 'cpu', source: 'web-2' },
  { id: 'a3', timestamp: Date.UTC(2024, 0, 3), value: 90, category: 'memory', source: 'web-1' },
  { id: 'a4', timestamp: Date.UTC(2024, 0, 4), value: NaN, category: 'memory', source: 'db-1' },
  {
    id: 'a5',
    timestamp: Date.UTC(2024, 0, 5),
    value: 40,
    category: 'Disk IO',
    source: 'db-1',
    metadata: { region: 'eu', note: '<img src=x onerror=alert(1)>' },
  },
];

function select(...conditions: FilterNode[]): string[] {
  return selectGroup({ logic: 'and', conditions });
}

function selectGroup(criteria: unknown): string[] {
  const store = new Store({ capacity: 100 });
  store.append(POINTS);
  store.setFilter(criteria);
  const ids: string[] = [];
  for (let i = 0; i < store.view.length; i++) ids.push(store.idAt(store.view.rowAt(i)));
  return ids;
}

describe('filter operators', () => {
  const cases: [string, FilterNode, string[]][] = [
    ['eq on value', { field: 'value', op: 'eq', value: 50 }, ['a2']],
    ['neq skips gaps', { field: 'value', op: 'neq', value: 50 }, ['a1', 'a3', 'a5']],
    ['gt is strict', { field: 'value', op: 'gt', value: 50 }, ['a3']],
    ['gte includes bound', { field: 'value', op: 'gte', value: 50 }, ['a2', 'a3']],
    ['lt is strict', { field: 'value', op: 'lt', value: 40 }, ['a1']],
    ['lte includes bound', { field: 'value', op: 'lte', value: 40 }, ['a1', 'a5']],
    [
      'between is inclusive',
      { field: 'value', op: 'between', value: [10, 50] },
      ['a1', 'a2', 'a5'],
    ],
    ['contains ignores case', { field: 'category', op: 'contains', value: 'disk' }, ['a5']],
    ['not_contains', { field: 'category', op: 'not_contains', value: 'MEM' }, ['a1', 'a2', 'a5']],
    ['contains is literal', { field: 'category', op: 'contains', value: '.*' }, []],
    ['in', { field: 'source', op: 'in', value: ['web-2', 'db-1'] }, ['a2', 'a4', 'a5']],
    ['not_in', { field: 'source', op: 'not_in', value: ['web-1'] }, ['a2', 'a4', 'a5']],
    ['eq on category is case-sensitive', { field: 'category', op: 'eq', value: 'CPU' }, []],
    ['exists on value skips gaps', { field: 'value', op: 'exists' }, ['a1', 'a2', 'a3', 'a5']],
    ['exists on metadata', { field: 'metadata.region', op: 'exists' }, ['a5']],
    ['eq on metadata', { field: 'metadata.region', op: 'eq', value: 'eu' }, ['a5']],
    ['neq skips missing metadata', { field: 'metadata.region', op: 'neq', value: 'us' }, ['a5']],
    [
      'timestamp against ISO string',
      { field: 'timestamp', op: 'gte', value: '2024-01-04T00:00:00Z' },
      ['a4', 'a5'],
    ],
    [
      'timestamp against epoch ms',
      { field: 'timestamp', op: 'lt', value: Date.UTC(2024, 0, 2) },
      ['a1'],
    ],
    [
      'hostile string matched literally',
      { field: 'metadata.note', op: 'eq', value: '<img src=x onerror=alert(1)>' },
      ['a5'],
    ],
  ];
  for (const [name, condition, expected] of cases) {
    it(name, () => {
      assert.deepEqual(select(condition), expected);
    });
  }
});

describe('filter groups', () => {
  it('or combines conditions', () => {
    const ids = selectGroup({
      logic: 'or',
      conditions: [
        { field: 'value', op: 'lt', value: 20 },
        { field: 'value', op: 'gt', value: 80 },
      ],
    });

    assert.deepEqual(ids, ['a1', 'a3']);
  });

  it('not negates a nested group', () => {
    const ids = selectGroup({
      logic: 'and',
      conditions: [
        { field: 'value', op: 'exists' },
        { logic: 'or', not: true, conditions: [{ field: 'category', op: 'eq', value: 'cpu' }] },
      ],
    });

    assert.deepEqual(ids, ['a3', 'a5']);
  });

  it('empty group matches every row', () => {
    assert.equal(selectGroup({ logic: 'and', conditions: [] }).length, POINTS.length);
  });
});

describe('filter validation', () => {
  const invalid: [string, unknown, RegExp][] = [
    ['not a group', [], /criteria: must be a group/],
    [
      'unknown field',
      { logic: 'and', conditions: [{ field: 'colour', op: 'eq', value: 1 }] },
      /criteria\.conditions\[0\]\.field: unknown field 'colour'/,
    ],
    [
      'unknown operator',
      { logic: 'and', conditions: [{ field: 'value', op: 'like', value: 1 }] },
      /conditions\[0\]\.op: unknown operator 'like'/,
    ],
    [
      'between with one bound',
      { logic: 'and', conditions: [{ field: 'value', op: 'between', value: [1] }] },
      /between needs exactly two bounds/,
    ],
    [
      'in without a list',
      { logic: 'and', conditions: [{ field: 'source', op: 'in', value: 'a' }] },
      /in needs a list/,
    ],
    [
      'gt with a boolean',
      { logic: 'and', conditions: [{ field: 'value', op: 'gt', value: true }] },
      /cannot compare with a boolean/,
    ],
    [
      'bad logic in a nested group',
      { logic: 'and', conditions: [{ logic: 'xor', conditions: [] }] },
      /conditions\[0\]\.logic/,
    ],
    [
      'text on value',
      { logic: 'and', conditions: [{ field: 'value', op: 'eq', value: 'high' }] },
      /conditions\[0\]\.value: value: expected a number or numeric text, got 'high'/,
    ],
    [
      'a number on category',
      { logic: 'and', conditions: [{ field: 'category', op: 'in', value: ['cpu', 5] }] },
      /conditions\[0\]\.value\[1\]: category: expected text, got 5/,
    ],
    [
      'a date that is not ISO-8601',
      { logic: 'and', conditions: [{ field: 'timestamp', op: 'gt', value: 'yesterday' }] },
      /conditions\[0\]\.value: timestamp: expected epoch milliseconds or ISO-8601 text/,
    ],
    [
      'contains on a number field',
      { logic: 'and', conditions: [{ field: 'value', op: 'contains', value: '5' }] },
      /contains applies to text fields only/,
    ],
    [
      'null as a value',
      { logic: 'and', conditions: [{ field: 'metadata.region', op: 'eq', value: null }] },
      /use exists to test presence/,
    ],
    [
      'NaN as a value',
      { logic: 'and', conditions: [{ field: 'value', op: 'gt', value: NaN }] },
      /conditions\[0\]\.value: must be text, a finite number/,
    ],
    [
      'within_last on value',
      {
        logic: 'and',
        conditions: [{ field: 'value', op: 'within_last', value: 5, unit: 'seconds' }],
      },
      /conditions\[0\]\.field: within_last applies to timestamp only/,
    ],
    [
      'within_last without a unit',
      { logic: 'and', conditions: [{ field: 'timestamp', op: 'within_last', value: 5 }] },
      /conditions\[0\]\.unit: within_last needs a unit/,
    ],
    [
      'within_last with an unknown unit',
      {
        logic: 'and',
        conditions: [{ field: 'timestamp', op: 'within_last', value: 5, unit: 'weeks' }],
      },
      /conditions\[0\]\.unit: unknown unit 'weeks'/,
    ],
    [
      'within_last with a negative span',
      {
        logic: 'and',
        conditions: [{ field: 'timestamp', op: 'within_last', value: -1, unit: 'hours' }],
      },
      /needs a positive number of units/,
    ],
    [
      'a unit on another operator',
      { logic: 'and', conditions: [{ field: 'value', op: 'gt', value: 1, unit: 'hours' }] },
      /conditions\[0\]\.unit: unit applies to within_last only/,
    ],
    [
      'too deep',
      JSON.parse('{"logic":"and","conditions":['.repeat(40) + ']}'.repeat(40)),
      /nested deeper than 32/,
    ],
  ];
  for (const [name, criteria, message] of invalid) {
    it(`rejects ${name}`, () => {
      assert.throws(() => selectGroup(criteria), FilterValidationError);
      assert.throws(() => selectGroup(criteria), message);
    });
  }
});
