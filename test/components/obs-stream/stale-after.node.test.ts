import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkedStaleAfter } from '../../../src/components/obs-stream/stream-options.js';

describe('checkedStaleAfter', () => {
  it('keeps usable values', () => {
    for (const value of [0, 1, 2500, 86_400_000]) {
      assert.equal(checkedStaleAfter(value), value, String(value));
    }
  });

  it('uses 5000 for invalid values', () => {
    for (const value of [NaN, -1, Infinity, -Infinity]) {
      assert.equal(checkedStaleAfter(value), 5000, String(value));
    }
  });

  it('uses 5000 for a removed attribute', () => {
    assert.equal(checkedStaleAfter(null), 5000);
    assert.equal(checkedStaleAfter(undefined), 5000);
  });
});
