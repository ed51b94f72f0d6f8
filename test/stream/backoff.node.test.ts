import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffCeiling, backoffDelay } from '../../src/stream/backoff.js';

describe('backoffCeiling', () => {
  it('grows by 1.5 from one second', () => {
    assert.equal(backoffCeiling(0), 1000);
    assert.equal(backoffCeiling(1), 1500);
    assert.equal(backoffCeiling(2), 2250);
  });

  it('stops at thirty seconds', () => {
    assert.equal(backoffCeiling(9), 30_000);
    assert.equal(backoffCeiling(1000), 30_000);
  });
});

describe('backoffDelay', () => {
  it('scales the random draw over the window', () => {
    assert.equal(
      backoffDelay(2, () => 0),
      0,
    );
    assert.equal(
      backoffDelay(2, () => 0.5),
      1125,
    );
    assert.ok(backoffDelay(2, () => 0.999_999) < 2250);
  });

  it('uses the options given', () => {
    assert.equal(
      backoffDelay(3, () => 0.5, { base: 10, factor: 2, cap: 1000 }),
      40,
    );
  });
});
