import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  FilterValidationError,
  type FilterCondition,
  type FilterCriteria,
  type FilterNode,
} from '../../../src/core/criteria.js';
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

  it('reads times relative to now', () => {
    const cases: [string, number, string][] = [
      ['timestamp > now - 15m', 15, 'minutes'],
      ['timestamp >= now-1.5h', 1.5, 'hours'],
      ['timestamp > NOW - 2 Hours', 2, 'hours'],
      ['timestamp >= now - 30 s', 30, 'seconds'],
      ['timestamp > now -7days', 7, 'days'],
    ];
    for (const [text, value, unit] of cases) {
      assert.deepEqual(
        parseQuery(text),
        { logic: 'and', conditions: [{ field: 'timestamp', op: 'within_last', value, unit }] },
        text,
      );
    }
  });

  it('reads the example with a relative time', () => {
    assert.deepEqual(
      parseQuery('category in (cpu, memory) and value > 80 and timestamp > now - 15m'),
      {
        logic: 'and',
        conditions: [
          { field: 'category', op: 'in', value: ['cpu', 'memory'] },
          { field: 'value', op: 'gt', value: 80 },
          { field: 'timestamp', op: 'within_last', value: 15, unit: 'minutes' },
        ],
      },
    );
  });

  it('reads any and all as groups', () => {
    assert.deepEqual(parseQuery('any (value > 1)'), {
      logic: 'or',
      conditions: [{ field: 'value', op: 'gt', value: 1 }],
    });
    assert.deepEqual(parseQuery('value > 1 and all ()'), {
      logic: 'and',
      conditions: [
        { field: 'value', op: 'gt', value: 1 },
        { logic: 'and', conditions: [] },
      ],
    });
    assert.deepEqual(parseQuery('not any (value > 1 or value < 0)'), {
      logic: 'or',
      not: true,
      conditions: [
        { field: 'value', op: 'gt', value: 1 },
        { field: 'value', op: 'lt', value: 0 },
      ],
    });
  });

  it('reads a quoted metadata key as a field', () => {
    assert.deepEqual(parseQuery('"metadata.a(b)" = "x y"'), {
      logic: 'and',
      conditions: [{ field: 'metadata.a(b)', op: 'eq', value: 'x y' }],
    });
  });

  it('rejects malformed queries with a position', () => {
    const cases: [string, number, RegExp][] = [
      ['value >', 7, /expected a value .*, got the end/],
      ['value > 1 and', 13, /expected a field name/],
      ['value > and', 8, /expected a value .*, got 'and'/],
      ['value ! 1', 6, /expected an operator after 'value' .*, got '!'/],
      ['value ~ 1', 6, /expected an operator after 'value' .*, got '~'/],
      ['(value > 1', 10, /expected '\)', got the end/],
      ['()', 1, /expected a condition, got '\)'/],
      ['value > 1)', 9, /expected 'and', 'or' or the end of the query, got '\)'/],
      ['category = "cpu', 11, /expected a closing '"'/],
      ['value between 1 2', 16, /expected 'and' between the two bounds, got '2'/],
      ['category in (cpu memory)', 17, /expected ',' or '\)', got 'memory'/],
      ['timestamp within last 5 weeks', 24, /expected a unit/],
      ['timestamp within last 0 minutes', 22, /above zero/],
      ['category not like x', 13, /expected 'in' or 'contains'/],
      ['timestamp < now - 5m', 10, /expected '>' or '>='.*, got '<'/],
      ['timestamp > now', 15, /expected '- amount unit' after now/],
      ['timestamp > now - 5 weeks', 20, /expected a unit.*, got 'weeks'/],
      ['timestamp > now - 15m5', 20, /expected a unit.*, got 'm5'/],
      ['timestamp > now - 0m and value > 1', 18, /above zero/],
      ['any (value > 1', 14, /expected '\)', got the end/],
    ];
    for (const [text, position, message] of cases) {
      assert.throws(
        () => parseQuery(text),
        (error: unknown) => {
          assert.ok(error instanceof QuerySyntaxError, `${text}: ${String(error)}`);
          assert.match(error.message, message, text);
          assert.equal(error.position, position, `${text}: ${error.message}`);
          return true;
        },
        text,
      );
    }
  });

  it('names what it expected and what it found', () => {
    try {
      parseQuery('value > and');
      assert.fail('no error thrown');
    } catch (error) {
      assert.ok(error instanceof QuerySyntaxError);
      assert.match(error.expected, /^a value/);
      assert.equal(error.found, "'and'");
    }
  });

  it('rejects unknown fields through the criteria rules', () => {
    assert.throws(() => parseQuery('colour = red'), FilterValidationError);
    assert.throws(() => parseQuery('value = abc'), FilterValidationError);
  });

  it('limits nesting and length', () => {
    const deep = `${'('.repeat(40)}value > 1${')'.repeat(40)}`;
    assert.throws(() => parseQuery(deep), /expected at most 32 levels of nesting/);
    assert.throws(() => parseQuery(`${'not '.repeat(10_000)}value > 1`), QuerySyntaxError);
    assert.throws(
      () => parseQuery('x'.repeat(MAX_QUERY_LENGTH + 1)),
      /expected at most 100,000 characters, got 100,001 characters/,
    );
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
    { logic: 'or', conditions: [{ field: 'value', op: 'gt', value: 1 }] },
    { logic: 'or', not: true, conditions: [{ field: 'value', op: 'gt', value: 1 }] },
    { logic: 'and', not: true, conditions: [{ field: 'value', op: 'gt', value: 1 }] },
    {
      logic: 'and',
      conditions: [{ logic: 'or', conditions: [{ field: 'value', op: 'gt', value: 1 }] }],
    },
    {
      logic: 'and',
      conditions: [{ logic: 'and', conditions: [{ field: 'value', op: 'gt', value: 1 }] }],
    },
    {
      logic: 'and',
      conditions: [
        {
          logic: 'and',
          not: true,
          conditions: [
            {
              logic: 'or',
              conditions: [
                { field: 'value', op: 'gt', value: 1 },
                { field: 'value', op: 'lt', value: 0 },
              ],
            },
          ],
        },
      ],
    },
    {
      logic: 'or',
      conditions: [
        { logic: 'and', conditions: [] },
        { logic: 'or', not: true, conditions: [] },
      ],
    },
    {
      logic: 'and',
      conditions: [{ field: 'metadata.a"b"(c),', op: 'eq', value: 'now' }],
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
      'timestamp >= 2024-03-01T00:30:05.250Z and timestamp >= now - 2d and source not contains b',
    );
    assert.equal(formatQuery(ROUND_TRIPS[3]), 'any (value > 1)');
    assert.equal(formatQuery(ROUND_TRIPS[6]), 'all (any (value > 1))');
    assert.equal(formatQuery(ROUND_TRIPS[7]), '(value > 1)');
    assert.equal(formatQuery(null), '');
  });

  it('round-trips generated criteria', () => {
    fc.assert(
      fc.property(criteriaArbitrary(), (criteria) => {
        const text = formatQuery(criteria);
        assert.deepEqual(parseQuery(text), criteria, text);
      }),
      { numRuns: 300 },
    );
  });
});

/** Values a query can write for a field, as criteria accept them. */
function conditionArbitrary(): fc.Arbitrary<FilterCondition> {
  const text = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('and', 'OR', 'not', 'now', 'any', 'true', 'null', '1e3', HOSTILE, '__proto__'),
  );
  const number = fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .filter((n) => !Object.is(n, -0));
  const time = fc.integer({ min: 0, max: Date.UTC(9999, 11, 31) });
  const metadataField = fc
    .string({ minLength: 1, maxLength: 8 })
    .filter((key) => /^\S+$/.test(key))
    .map((key) => `metadata.${key}`);
  return fc
    .oneof(
      fc.record({
        field: fc.constant('value'),
        op: fc.constantFrom('eq', 'neq', 'gt', 'gte', 'lt', 'lte'),
        value: number,
      }),
      fc.record({
        field: fc.constant('value'),
        op: fc.constant('between'),
        value: fc.tuple(number, number),
      }),
      fc.record({
        field: fc.constantFrom('timestamp'),
        op: fc.constantFrom('eq', 'gt', 'lte'),
        value: time,
      }),
      fc.record({
        field: fc.constant('timestamp'),
        op: fc.constant('within_last'),
        value: fc.integer({ min: 1, max: 1000 }),
        unit: fc.constantFrom('seconds', 'minutes', 'hours', 'days'),
      }),
      fc.record({
        field: fc.constantFrom('category', 'source', 'id'),
        op: fc.constantFrom('eq', 'neq', 'contains', 'not_contains'),
        value: text,
      }),
      fc.record({
        field: fc.constantFrom('category', 'source'),
        op: fc.constantFrom('in', 'not_in'),
        value: fc.array(text, { minLength: 1, maxLength: 3 }),
      }),
      fc.record({
        field: metadataField,
        op: fc.constantFrom('eq', 'neq'),
        value: fc.oneof(text, number, fc.boolean()),
      }),
      fc.record({ field: metadataField, op: fc.constant('exists') }),
    )
    .map((condition) => ({ ...condition }) as FilterCondition);
}

function criteriaArbitrary(): fc.Arbitrary<FilterCriteria> {
  const { group } = fc.letrec<{ group: FilterCriteria; node: FilterNode }>((tie) => ({
    node: fc.oneof({ depthSize: 'small' }, conditionArbitrary(), tie('group')),
    group: fc
      .record({
        logic: fc.constantFrom('and' as const, 'or' as const),
        not: fc.boolean(),
        conditions: fc.array(tie('node'), { maxLength: 3 }),
      })
      .map(({ logic, not, conditions }) =>
        not ? { logic, not, conditions } : { logic, conditions },
      ),
  }));
  // The empty top-level group has no text form: the empty query means no filter.
  return group.filter((criteria) => criteria.conditions.length > 0 || criteria.not === true);
}
