import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildCriteria,
  createCondition,
  createGroup,
  draftFromCriteria,
  toCondition,
  type ConditionDraft,
} from '../../../src/components/obs-filter/filter-model.js';
import type { FieldKind } from '../../../src/components/obs-filter/fields.js';
import {
  formatDateTime,
  formatList,
  parseDateTime,
  parseList,
  parseNumber,
} from '../../../src/components/obs-filter/value-text.js';

function condition(
  field: string,
  kind: FieldKind,
  op: string,
  text = '',
  high = '',
): ConditionDraft {
  return { ...createCondition(field, kind), op, text, high };
}

function reason(draft: ConditionDraft): string {
  const result = toCondition(draft);
  assert.equal(result.ok, false, 'condition should be invalid');
  return result.ok ? '' : result.reason;
}

describe('toCondition', () => {
  it('converts text by field kind', () => {
    assert.deepEqual(toCondition(condition('value', 'number', 'gte', ' 1e3 ')), {
      ok: true,
      condition: { field: 'value', op: 'gte', value: 1000 },
    });
    assert.deepEqual(toCondition(condition('timestamp', 'date', 'lt', '2024-03-01T00:30')), {
      ok: true,
      condition: { field: 'timestamp', op: 'lt', value: Date.UTC(2024, 2, 1, 0, 30) },
    });
    assert.deepEqual(toCondition(condition('metadata.up', 'boolean', 'eq', 'false')), {
      ok: true,
      condition: { field: 'metadata.up', op: 'eq', value: false },
    });
    assert.deepEqual(toCondition(condition('category', 'string', 'not_in', 'a, "b,c"')), {
      ok: true,
      condition: { field: 'category', op: 'not_in', value: ['a', 'b,c'] },
    });
    assert.deepEqual(toCondition(condition('source', 'string', 'exists', 'ignored')), {
      ok: true,
      condition: { field: 'source', op: 'exists' },
    });
  });

  it('explains each invalid value', () => {
    assert.equal(reason(condition('value', 'number', 'gt', '')), 'enter a value');
    assert.equal(reason(condition('value', 'number', 'gt', 'NaN')), "enter a number (got 'NaN')");
    assert.equal(
      reason(condition('value', 'number', 'gt', 'Infinity')),
      "enter a number (got 'Infinity')",
    );
    assert.equal(reason(condition('value', 'number', 'between', '1')), 'enter an upper bound');
    assert.equal(
      reason(condition('value', 'number', 'between', '5', '1')),
      'the lower bound is above the upper bound',
    );
    assert.match(reason(condition('timestamp', 'date', 'gt', 'yesterday')), /valid date and time/);
    assert.equal(reason(condition('category', 'string', 'in', ', ,')), 'enter at least one value');
    assert.equal(reason(condition('metadata.up', 'boolean', 'eq', 'yes')), 'choose true or false');
    assert.equal(reason(condition('', 'string', 'eq', 'x')), 'choose a field');
    assert.equal(reason(condition('value', 'number', 'like', 'x')), "unknown operator 'like'");
    assert.match(reason(condition('colour', 'string', 'eq', 'red')), /unknown field 'colour'/);
    assert.match(reason(condition('id', 'string', 'eq', 'x'.repeat(5000))), /4096/);
  });

  it('checks within_last amounts and units', () => {
    const draft = condition('timestamp', 'date', 'within_last', '15');
    assert.deepEqual(toCondition(draft), {
      ok: true,
      condition: { field: 'timestamp', op: 'within_last', value: 15, unit: 'minutes' },
    });
    assert.equal(reason({ ...draft, text: '0' }), 'enter an amount of time above zero');
    assert.equal(reason({ ...draft, unit: '__proto__' }), "choose a unit (got '__proto__')");
  });

  it('shortens long text in a reason', () => {
    assert.equal(
      reason(condition('value', 'number', 'eq', 'y'.repeat(100))),
      `enter a number (got '${'y'.repeat(40)}…')`,
    );
  });
});

describe('buildCriteria', () => {
  it('keeps valid conditions and reports the rest', () => {
    const root = createGroup('or');
    const good = condition('category', 'string', 'eq', 'cpu');
    const bad = condition('value', 'number', 'gt', 'abc');
    const disabled = { ...condition('value', 'number', 'gt', '1'), disabled: true };
    const empty = createGroup();
    const nested = createGroup();
    nested.not = true;
    nested.children.push(
      condition('value', 'number', 'lt', '5'),
      condition('value', 'number', 'lt', ''),
    );
    root.children.push(good, bad, disabled, empty, nested);

    const { criteria, errors } = buildCriteria(root);

    assert.deepEqual(criteria, {
      logic: 'or',
      conditions: [
        { field: 'category', op: 'eq', value: 'cpu' },
        { logic: 'and', not: true, conditions: [{ field: 'value', op: 'lt', value: 5 }] },
      ],
    });
    assert.equal(errors.get(bad.key), "enter a number (got 'abc')");
    assert.equal(errors.get(empty.key), 'add a condition');
    assert.equal(errors.get(nested.children[1].key), 'enter a value');
    assert.equal(errors.size, 3);
  });

  it('returns null when nothing is valid', () => {
    const root = createGroup();
    root.children.push(condition('value', 'number', 'gt', ''));
    assert.equal(buildCriteria(root).criteria, null);
    assert.equal(buildCriteria(createGroup()).errors.size, 0);
  });
});

describe('draftFromCriteria', () => {
  const noKinds = () => undefined;

  it('round-trips criteria through the draft', () => {
    const criteria = {
      logic: 'or' as const,
      conditions: [
        { field: 'timestamp', op: 'between' as const, value: [0, 60_000] },
        { field: 'metadata.load', op: 'gte' as const, value: 2.5 },
        { field: 'source', op: 'in' as const, value: ['a b', 'c,d', '"e"'] },
        {
          logic: 'and' as const,
          not: true,
          conditions: [
            { field: 'timestamp', op: 'within_last' as const, value: 3, unit: 'hours' as const },
          ],
        },
      ],
    };

    const root = draftFromCriteria(criteria, noKinds);

    assert.deepEqual(buildCriteria(root).criteria, criteria);
    const between = root.children[0] as ConditionDraft;
    assert.equal(between.text, '1970-01-01T00:00:00');
    assert.equal(between.high, '1970-01-01T00:01:00');
  });

  it('tolerates malformed input', () => {
    const input = {
      logic: 'xor',
      conditions: [null, 5, { field: 7, op: {}, value: [] }, { logic: 'or', conditions: 'no' }],
    };

    const root = draftFromCriteria(input, noKinds);

    assert.equal(root.logic, 'and');
    assert.equal(root.children.length, 2);
    assert.equal(reason(root.children[0] as ConditionDraft), 'choose a field');
    assert.equal(buildCriteria(root).criteria, null);
  });

  it('drops groups nested past the depth limit', () => {
    let criteria: object = { field: 'value', op: 'exists' };
    for (let depth = 0; depth < 100; depth++) criteria = { logic: 'and', conditions: [criteria] };

    let group = draftFromCriteria(criteria, noKinds);
    let depth = 0;
    while (group.children[0]?.type === 'group') {
      group = group.children[0];
      depth++;
    }

    assert.equal(depth, 32);
  });
});

describe('value text', () => {
  it('parses numbers strictly', () => {
    assert.equal(parseNumber(' -2.5 '), -2.5);
    assert.ok(Number.isNaN(parseNumber('')));
    assert.ok(Number.isNaN(parseNumber('1e999')));
    assert.ok(Number.isNaN(parseNumber('0x')));
  });

  it('reads and writes date-times as UTC', () => {
    assert.equal(parseDateTime('2024-03-01T00:30'), Date.UTC(2024, 2, 1, 0, 30));
    assert.equal(parseDateTime('2024-03-01T00:30:00+02:00'), Date.UTC(2024, 2, 0, 22, 30));
    assert.equal(parseDateTime('1709253000000'), 1_709_253_000_000);
    assert.ok(Number.isNaN(parseDateTime('9'.repeat(20))));
    assert.ok(Number.isNaN(parseDateTime('March 1')));
    assert.equal(formatDateTime(Date.UTC(2024, 2, 1, 0, 30)), '2024-03-01T00:30:00');
    assert.equal(formatDateTime(Date.UTC(2024, 2, 1, 0, 30, 0, 5)), '2024-03-01T00:30:00.005');
    assert.equal(formatDateTime(Number.NaN), '');
    assert.equal(formatDateTime(Date.UTC(20000, 0, 1)), '');
  });

  it('splits and joins comma lists', () => {
    const items = ['plain', 'two words', 'a,b', ' edge ', 'say "hi"', 'back\\slash', '__proto__'];
    assert.deepEqual(parseList(formatList(items)), items);
    assert.deepEqual(parseList(' a ,, b ,'), ['a', 'b']);
    assert.deepEqual(parseList('"unclosed, still one'), ['unclosed, still one']);
  });
});
