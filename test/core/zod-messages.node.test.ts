import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { core } from 'zod/mini';
import english from 'zod/v4/locales/en.js';
import { PARSE_OPTIONS, wirePointSchema } from '../../src/core/point-schema.js';
import { englishMessage } from '../../src/core/zod-messages.js';

const localeMessage = english().localeError;

/** Collects the messages of an issue tree in order, nested union errors included. */
function messages(issues: readonly core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) => [
    issue.message,
    ...(issue.code === 'invalid_union' ? issue.errors.flatMap((errors) => messages(errors)) : []),
  ]);
}

const issues: [string, core.$ZodRawIssue][] = [
  ['invalid_type of a string', { code: 'invalid_type', expected: 'number', input: 'x' }],
  ['invalid_type of NaN', { code: 'invalid_type', expected: 'number', input: NaN }],
  ['invalid_type of Infinity', { code: 'invalid_type', expected: 'int', input: Infinity }],
  ['invalid_type of null', { code: 'invalid_type', expected: 'object', input: null }],
  ['invalid_type of an array', { code: 'invalid_type', expected: 'string', input: [] }],
  ['invalid_type expecting nan', { code: 'invalid_type', expected: 'nan', input: 1 }],
  ['invalid_value of one value', { code: 'invalid_value', values: ['and'], input: 'x' }],
  ['invalid_value of several', { code: 'invalid_value', values: ['and', 'or', 1n], input: 0 }],
  [
    'too_big of a string',
    { code: 'too_big', origin: 'string', maximum: 256, inclusive: true, input: '' },
  ],
  ['too_big of an array', { code: 'too_big', origin: 'array', maximum: 3, input: [] }],
  ['too_big exactly', { code: 'too_big', origin: 'set', maximum: 2, exact: true, input: 0 }],
  ['too_big of a number', { code: 'too_big', origin: 'number', maximum: 2 ** 53, input: 0 }],
  [
    'too_big without origin',
    { code: 'too_big', maximum: 5n, inclusive: true, input: 0 } as core.$ZodRawIssue,
  ],
  ['too_small of a string', { code: 'too_small', origin: 'string', minimum: 1, input: '' }],
  [
    'too_small of a map',
    { code: 'too_small', origin: 'map', minimum: 1, inclusive: true, input: 0 },
  ],
  ['too_small exactly', { code: 'too_small', origin: 'file', minimum: 4, exact: true, input: 0 }],
  ['too_small of an int', { code: 'too_small', origin: 'int', minimum: -9, input: 0 }],
  ['too_small without origin', { code: 'too_small', minimum: 0, input: 0 } as core.$ZodRawIssue],
  [
    'invalid_format regex',
    { code: 'invalid_format', format: 'regex', pattern: '^a$', input: 'b' } as core.$ZodRawIssue,
  ],
  [
    'invalid_format starts_with',
    { code: 'invalid_format', format: 'starts_with', prefix: 'a', input: 'b' },
  ],
  [
    'invalid_format ends_with',
    { code: 'invalid_format', format: 'ends_with', suffix: 'z', input: 'b' },
  ],
  [
    'invalid_format includes',
    { code: 'invalid_format', format: 'includes', includes: 'q', input: 'b' },
  ],
  [
    'invalid_format template_literal',
    { code: 'invalid_format', format: 'template_literal', input: 'b' } as core.$ZodRawIssue,
  ],
  ['not_multiple_of', { code: 'not_multiple_of', divisor: 3, input: 4 }],
  ['one unrecognized key', { code: 'unrecognized_keys', keys: ['x'], input: {} }],
  ['several unrecognized keys', { code: 'unrecognized_keys', keys: ['x', '__proto__'], input: {} }],
  ['invalid_key', { code: 'invalid_key', origin: 'record', issues: [], input: {} }],
  ['invalid_union', { code: 'invalid_union', errors: [], input: 1 }],
  [
    'invalid_union of several matches',
    { code: 'invalid_union', errors: [], inclusive: false, matches: [0, 1], input: 1 },
  ],
  [
    'invalid_union of a discriminator',
    { code: 'invalid_union', errors: [], options: ['a', 'b'], input: 1 } as core.$ZodRawIssue,
  ],
  ['invalid_element', { code: 'invalid_element', origin: 'set', key: 0, issues: [], input: 0 }],
  ['custom', { code: 'custom', input: 0 }],
];

describe('englishMessage', () => {
  for (const [name, issue] of issues) {
    it(`words ${name} as the English locale does`, () => {
      assert.equal(englishMessage(issue), localeMessage(issue));
    });
  }

  it('names a string format by its identifier', () => {
    const issue: core.$ZodRawIssue = { code: 'invalid_format', format: 'email', input: 'a' };

    assert.equal(englishMessage(issue), 'Invalid email');
  });

  it('words wire point errors as the English locale does', () => {
    const field = fc.oneof(
      fc.anything(),
      fc.constantFrom(NaN, Infinity, -Infinity, '', 'x'.repeat(300), '2024-02-30', 2 ** 60),
    );
    const point = fc.record(
      { id: field, timestamp: field, value: field, category: field, source: field },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(point, fc.anything()), (input) => {
        const ours = wirePointSchema.safeParse(input, PARSE_OPTIONS);
        const locale = wirePointSchema.safeParse(input, { error: localeMessage });

        assert.equal(ours.success, locale.success);
        if (!ours.success && !locale.success) {
          assert.deepEqual(messages(ours.error.issues), messages(locale.error.issues));
        }
      }),
      { numRuns: 500 },
    );
  });
});
