import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FilterValidationError, type FilterCriteria } from '../../../src/core/criteria.js';
import {
  MAX_QUERY_LENGTH,
  QuerySyntaxError,
  formatQuery,
  parseQuery,
} from '../../../src/components/obs-filter/query-text.js';

const HOSTILE = '<img src=x onerror=alert(1)>';

describe('parseQuery', () => {
  it('reads the documented example', () => {
    assert.deepEqual(parseQuery('category in (cpu, memory) and value > 80'), {
      logic: 'and',
      conditions: [
        { field: 'category', op: 'in', value: ['cpu', 'memory'] },
        { field: 'value', op: 'gt', value: 80 },
      ],
    });
  });

  it('binds and tighter than or', () => {
    assert.deepEqual(parseQuery('value = 1 or value < 2 and value > 0'), {
      logic: 'or',
      conditions: [
        { field: 'value', op: 'eq', value: 1 },
        {
          logic: 'and',
          conditions: [
            { field: 'value', op: 'lt', value: 2 },
            { field: 'value', op: 'gt', value: 0 },
          ],
        },
      ],
    });
  });

  it('reads every operator', () => {
    const cases: [string, object][] = [
      ['value = 1', { field: 'value', op: 'eq', value: 1 }],
      ['value == 1', { field: 'value', op: 'eq', value: 1 }],
      ['value != 1', { field: 'value', op: 'neq', value: 1 }],
      ['value <> 1', { field: 'value', op: 'neq', value: 1 }],
      ['value > 1', { field: 'value', op: 'gt', value: 1 }],
      ['value >= 1', { field: 'value', op: 'gte', value: 1 }],
      ['value < -1.5e3', { field: 'value', op: 'lt', value: -1500 }],
      ['value <= .5', { field: 'value', op: 'lte', value: 0.5 }],
      ['value between 1 AND 2', { field: 'value', op: 'between', value: [1, 2] }],
      ['id contains "a b"', { field: 'id', op: 'contains', value: 'a b' }],
      ['id NOT contains x', { field: 'id', op: 'not_contains', value: 'x' }],
      ['source not in (a, "b,c")', { field: 'source', op: 'not_in', value: ['a', 'b,c'] }],
      ['metadata.up exists', { field: 'metadata.up', op: 'exists' }],
      ['metadata.up = true', { field: 'metadata.up', op: 'eq', value: true }],
      [
        'timestamp within last 15 minutes',
        { field: 'timestamp', op: 'within_last', value: 15, unit: 'minutes' },
      ],
      [
        'timestamp within_last 1 hour',
        { field: 'timestamp', op: 'within_last', value: 1, unit: 'hours' },
      ],
      [
        'timestamp >= 2024-03-01T00:30',
        { field: 'timestamp', op: 'gte', value: Date.UTC(2024, 2, 1, 0, 30) },
      ],
      [
        'timestamp < "2024-03-01T01:00:00+01:00"',
        { field: 'timestamp', op: 'lt', value: Date.UTC(2024, 2, 1) },
      ],
    ];
    for (const [text, condition] of cases) {
      assert.deepEqual(parseQuery(text), { logic: 'and', conditions: [condition] }, text);
    }
  });

  it('reads not and parentheses as groups', () => {
    assert.deepEqual(parseQuery('not category = cpu'), {
      logic: 'and',
      not: true,
      conditions: [{ field: 'category', op: 'eq', value: 'cpu' }],
    });
    assert.deepEqual(parseQuery('(value > 1 or value < 0)'), {
      logic: 'and',
      conditions: [
        {
          logic: 'or',
          conditions: [
            { field: 'value', op: 'gt', value: 1 },
            { field: 'value', op: 'lt', value: 0 },
          ],
        },
      ],
    });
  });

  it('returns null for an empty query', () => {
    assert.equal(parseQuery('   '), null);
  });

  it('keeps hostile text literal', () => {
    const text = `category = "${HOSTILE.replace(/"/g, '\\"')}" or metadata.__proto__ exists`;
    assert.deepEqual(parseQuery(text), {
      logic: 'or',
      conditions: [
        { field: 'category', op: 'eq', value: HOSTILE },
        { field: 'metadata.__proto__', op: 'exists' },
      ],
    });
  });

  it('rejects malformed queries with a position', () => {
    const cases: [string, number, RegExp][] = [
      ['value >', 7, /expected a value/],
      ['value > 1 and', 13, /expected a field name/],
      ['value > and', 8, /expected a value, got 'and'/],
      ['value ! 1', 6, /unexpected '!'/],
      ['value ~ 1', 6, /expected an operator after 'value', got '~'/],
      ['(value > 1', 10, /expected '\)'/],
      ['value > 1)', 9, /expected 'and', 'or' or the end/],
      ['category = "cpu', 11, /unclosed quote/],
      ['value between 1 2', 16, /expected 'and'/],
      ['timestamp within last 5 weeks', 24, /expected a unit/],
      ['category not like x', 13, /expected 'in' or 'contains'/],
    ];
    for (const [text, position, message] of cases) {
      assert.throws(
        () => parseQuery(text),
        (error: unknown) =>
          error instanceof QuerySyntaxError &&
          error.position === position &&
          message.test(error.message),
        text,
      );
    }
  });

  it('rejects unknown fields through the criteria rules', () => {
    assert.throws(() => parseQuery('colour = red'), FilterValidationError);
    assert.throws(() => parseQuery('value = abc'), FilterValidationError);
  });

  it('limits nesting and length', () => {
    const deep = `${'('.repeat(40)}value > 1${')'.repeat(40)}`;
    assert.throws(() => parseQuery(deep), /nested deeper than 32/);
    assert.throws(() => parseQuery(`${'not '.repeat(10_000)}value > 1`), QuerySyntaxError);
    assert.throws(() => parseQuery('x'.repeat(MAX_QUERY_LENGTH + 1)), /more than the limit/);
  });
});

describe('formatQuery', () => {
  const ROUND_TRIPS: FilterCriteria[] = [
    {
      logic: 'and',
      conditions: [
        { field: 'category', op: 'in', value: ['cpu', 'memory'] },
        { field: 'value', op: 'gt', value: 80 },
      ],
    },
    {
      logic: 'or',
      not: true,
      conditions: [
        { field: 'id', op: 'eq', value: 'and' },
        { field: 'id', op: 'eq', value: '42' },
        { field: 'id', op: 'eq', value: 'say "hi", \\ bye' },
        { field: 'category', op: 'eq', value: HOSTILE },
        { field: 'metadata.up', op: 'neq', value: false },
        {
          logic: 'and',
          conditions: [
            { field: 'value', op: 'between', value: [-1, 2.5] },
            { logic: 'and', not: true, conditions: [{ field: 'value', op: 'exists' }] },
          ],
        },
      ],
    },
    {
      logic: 'and',
      conditions: [
        { field: 'timestamp', op: 'gte', value: Date.UTC(2024, 2, 1, 0, 30, 5, 250) },
        { field: 'timestamp', op: 'within_last', value: 2, unit: 'days' },
        { field: 'source', op: 'not_contains', value: 'b' },
      ],
    },
  ];

  it('round-trips through parseQuery', () => {
    for (const criteria of ROUND_TRIPS) {
      const text = formatQuery(criteria);
      assert.deepEqual(parseQuery(text), criteria, text);
    }
  });

  it('writes readable text', () => {
    assert.equal(formatQuery(ROUND_TRIPS[0]), 'category in (cpu, memory) and value > 80');
    assert.equal(
      formatQuery(ROUND_TRIPS[2]),
      'timestamp >= 2024-03-01T00:30:05.250Z and timestamp within last 2 days and source not contains b',
    );
    assert.equal(formatQuery(null), '');
  });
});
