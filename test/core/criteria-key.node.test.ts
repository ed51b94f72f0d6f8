import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { criteriaKey, parseCriteria } from '../../src/core/index.js';

function key(criteria: unknown): string {
  return criteriaKey(parseCriteria(criteria));
}

const cpu = { field: 'category', op: 'eq', value: 'cpu' };
const high = { field: 'value', op: 'gt', value: 60 };

describe('criteriaKey', () => {
  it('ignores the order of conditions', () => {
    assert.equal(
      key({ logic: 'and', conditions: [cpu, high] }),
      key({ logic: 'and', conditions: [high, cpu] }),
    );
  });

  it('flattens nested groups of the same logic', () => {
    assert.equal(
      key({ logic: 'or', conditions: [cpu, { logic: 'or', conditions: [high] }] }),
      key({ logic: 'or', conditions: [cpu, high] }),
    );
  });

  it('writes operands as the type their field compares with', () => {
    assert.equal(
      key({ logic: 'and', conditions: [{ field: 'timestamp', op: 'gte', value: '2024-01-01' }] }),
      key({ logic: 'and', conditions: [{ field: 'timestamp', op: 'gte', value: 1704067200000 }] }),
    );
    assert.equal(
      key({ logic: 'and', conditions: [{ field: 'value', op: 'gt', value: '60' }] }),
      key({ logic: 'and', conditions: [high] }),
    );
  });

  it('ignores the order and repeats of in lists', () => {
    assert.equal(
      key({ logic: 'and', conditions: [{ field: 'source', op: 'in', value: ['b', 'a', 'b'] }] }),
      key({ logic: 'and', conditions: [{ field: 'source', op: 'in', value: ['a', 'b'] }] }),
    );
  });

  it('keeps different criteria apart', () => {
    const keys = [
      key({ logic: 'and', conditions: [cpu, high] }),
      key({ logic: 'or', conditions: [cpu, high] }),
      key({ logic: 'and', not: true, conditions: [cpu, high] }),
      key({ logic: 'and', conditions: [cpu] }),
      key({ logic: 'and', conditions: [{ field: 'category', op: 'eq', value: 'CPU' }] }),
      key({ logic: 'and', conditions: [{ field: 'metadata.n', op: 'eq', value: '1' }] }),
      key({ logic: 'and', conditions: [{ field: 'metadata.n', op: 'eq', value: 1 }] }),
      key({ logic: 'or', conditions: [cpu, { logic: 'or', conditions: [] }] }),
    ];

    assert.equal(new Set(keys).size, keys.length);
  });
});
