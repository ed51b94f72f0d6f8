import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainReason } from '../../../src/components/obs-stream/reasons.js';

describe('explainReason', () => {
  it('names the received value', () => {
    const cases: [unknown, string, string][] = [
      [{ value: NaN }, 'value: Invalid input', 'value: must be a finite number or null, got NaN'],
      [
        { value: Infinity },
        'value: Invalid input',
        'value: must be a finite number or null, got Infinity',
      ],
      [
        { value: '42' },
        'value: Invalid input',
        "value: must be a finite number or null, got the string '42'",
      ],
      [
        { value: true },
        'value: Invalid input',
        'value: must be a finite number or null, got a value of type boolean',
      ],
      [
        { timestamp: null },
        'timestamp: Invalid input',
        'timestamp: must be finite epoch milliseconds or an ISO-8601 date-time, got null',
      ],
    ];
    for (const [input, reason, expected] of cases) {
      assert.equal(explainReason(input, reason), expected);
    }
  });

  it('reports a missing field', () => {
    assert.equal(
      explainReason({ timestamp: 1 }, 'value: Invalid input'),
      'value: is missing; expected a finite number or null',
    );
  });

  it('shortens long strings', () => {
    const reason = explainReason({ value: 'x'.repeat(1000) }, 'value: Invalid input');

    assert.ok(reason.length < 120);
    assert.ok(reason.endsWith("…'"));
  });

  it('keeps specific reasons', () => {
    for (const reason of ['category: must not be empty', 'metadata.a: must be a finite number']) {
      assert.equal(explainReason({ value: 1 }, reason), reason);
    }
  });

  it('keeps reasons of other fields', () => {
    assert.equal(explainReason({ id: {} }, 'id: Invalid input'), 'id: Invalid input');
    assert.equal(explainReason({}, '__proto__: Invalid input'), '__proto__: Invalid input');
  });
});
