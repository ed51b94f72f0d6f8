import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { validatePoints } from '../../src/core/index.js';

let counter = 0;
const nextId = () => `auto-${counter++}`;
const valid = { id: 'x', timestamp: 1_700_000_000_000, value: 1, category: 'cpu', source: 'a' };

describe('validatePoints', () => {
  it('keeps valid points beside invalid ones', () => {
    const result = validatePoints(
      [valid, { ...valid, value: 'high' }, { ...valid, id: 'y' }],
      nextId,
    );

    assert.deepEqual(
      result.points.map((p) => p.id),
      ['x', 'y'],
    );
    assert.equal(result.invalid.length, 1);
    assert.equal(result.invalid[0].index, 1);
  });

  const rejected: [string, unknown, RegExp][] = [
    [
      'a string value',
      { ...valid, value: '12' },
      /^value: must be a finite number or null, got a string$/,
    ],
    ['NaN', { ...valid, value: NaN }, /^value: .*got NaN$/],
    ['Infinity', { ...valid, value: Infinity }, /^value: .*got Infinity$/],
    ['a missing value', { ...valid, value: undefined }, /^value: .*but it is missing$/],
    [
      'a missing category',
      { ...valid, category: undefined },
      /^category: must be a string, but it is missing$/,
    ],
    ['a numeric source', { ...valid, source: 7 }, /^source: must be a string, got 7$/],
    ['a Date timestamp', { ...valid, timestamp: new Date() }, /got a Date; pass its getTime\(\)$/],
    ['a missing timestamp', { ...valid, timestamp: undefined }, /^timestamp: /],
    ['an unparsable date', { ...valid, timestamp: 'yesterday' }, /^timestamp: /],
    ['an impossible date', { ...valid, timestamp: '2024-13-45T99:00:00Z' }, /^timestamp: /],
    ['a day past the month end', { ...valid, timestamp: '2024-02-30T00:00:00Z' }, /^timestamp: /],
    ['February 29 of a common year', { ...valid, timestamp: '2023-02-29' }, /^timestamp: /],
    ['day zero', { ...valid, timestamp: '2024-01-00' }, /^timestamp: /],
    ['an empty source', { ...valid, source: '' }, /^source: must not be empty/],
    [
      'an oversize category',
      { ...valid, category: 'c'.repeat(300) },
      /^category: must be at most 256 characters long$/,
    ],
    [
      'nested metadata',
      { ...valid, metadata: { deep: { a: 1 } } },
      /^metadata\.deep: must be a string, a finite number, a boolean or null, got an object$/,
    ],
    [
      'an object id',
      { ...valid, id: {} },
      /^id: must be a string or a whole number, got an object$/,
    ],
    ['a fractional id', { ...valid, id: 1.5 }, /^id: must be a string or a whole number, got 1.5$/],
    [
      'a time past the range of a Date',
      { ...valid, timestamp: 1e300 },
      /^timestamp: must be epoch milliseconds within ±8.64e15$/,
    ],
    ['a time just past a Date', { ...valid, timestamp: 8_640_000_000_000_001 }, /^timestamp: /],
    ['array metadata', { ...valid, metadata: [1] }, /^metadata: /],
    ['a number', 42, /^point: /],
    ['null', null, /^point: /],
  ];
  for (const [name, input, reason] of rejected) {
    it(`rejects ${name}`, () => {
      const result = validatePoints([input], nextId);

      assert.equal(result.points.length, 0);
      assert.match(result.invalid[0].reason, reason);
    });
  }

  it('accepts the last time a Date can hold', () => {
    const result = validatePoints([{ ...valid, timestamp: 8.64e15 }], nextId);

    assert.equal(result.points[0].timestamp, 8.64e15);
  });

  it('rejects a point whose getter throws and keeps the rest', () => {
    const hostile = Object.defineProperty({ ...valid, id: 'h' }, 'value', {
      get() {
        throw new Error('getter failed');
      },
      enumerable: true,
    });

    const result = validatePoints([hostile, { ...valid, id: 'ok' }], nextId);

    assert.deepEqual(
      result.points.map((point) => point.id),
      ['ok'],
    );
    assert.deepEqual(result.invalid, [
      { index: 0, reason: 'point: reading it threw getter failed' },
    ]);
  });

  it('accepts February 29 of a leap year', () => {
    const [point] = validatePoints(
      [{ ...valid, timestamp: '2024-02-29T12:00:00Z' }],
      nextId,
    ).points;

    assert.equal(point.timestamp, Date.UTC(2024, 1, 29, 12));
  });

  it('reads null value as a gap', () => {
    const [point] = validatePoints([{ ...valid, value: null }], nextId).points;

    assert.ok(Number.isNaN(point.value));
  });

  it('reads a time without zone as UTC', () => {
    const [point] = validatePoints([{ ...valid, timestamp: '2014-02-14 14:30:00' }], nextId).points;

    assert.equal(point.timestamp, Date.UTC(2014, 1, 14, 14, 30));
  });

  it('assigns an id when none is given', () => {
    const [point] = validatePoints([{ ...valid, id: undefined }], nextId).points;

    assert.match(point.id, /^auto-/);
  });

  it('keeps __proto__ metadata as plain data', () => {
    const input = JSON.parse(
      '{"timestamp":1,"value":1,"category":"c","source":"s","metadata":{"__proto__":"x","constructor":"y"}}',
    );

    const [point] = validatePoints([input], nextId).points;

    assert.equal(Object.getPrototypeOf(point.metadata), null);
    assert.equal(point.metadata?.['__proto__'], 'x');
    assert.equal(point.metadata?.constructor, 'y');
    assert.equal(({} as Record<string, unknown>).x, undefined);
  });

  it('accepts exactly the primitive metadata values', () => {
    const accepted = (value: unknown) =>
      (typeof value === 'string' && value.length <= 4096) ||
      (typeof value === 'number' && Number.isFinite(value)) ||
      typeof value === 'boolean' ||
      value === null;
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.string({ minLength: 4090, maxLength: 4100 })),
        (value) => {
          const result = validatePoints([{ ...valid, metadata: { key: value } }], nextId);

          assert.equal(result.points.length, accepted(value) ? 1 : 0);
          if (accepted(value)) assert.equal(result.points[0].metadata?.key, value);
          else assert.match(result.invalid[0].reason, /^metadata\.key: /);
        },
      ),
    );
  });
});
