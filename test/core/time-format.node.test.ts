import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDuration, formatTimestamp } from '../../src/core/time-format.js';

// Pin the local zone so local-time results do not depend on the machine.
process.env.TZ = 'America/New_York';

const NOON_UTC = Date.UTC(2024, 0, 15, 12, 0, 0);

describe('formatTimestamp', () => {
  it('formats UTC without milliseconds when they are zero', () => {
    assert.equal(formatTimestamp(NOON_UTC, { utc: true }), '2024-01-15 12:00:00');
  });

  it('adds milliseconds when present', () => {
    assert.equal(formatTimestamp(NOON_UTC + 7, { utc: true }), '2024-01-15 12:00:00.007');
  });

  it('formats local time by default', () => {
    assert.equal(formatTimestamp(NOON_UTC), '2024-01-15 07:00:00');
  });

  it('pads years before 1000', () => {
    assert.equal(formatTimestamp(Date.UTC(999, 0, 1), { utc: true }), '0999-01-01 00:00:00');
  });

  it('returns an empty string for non-finite or out-of-range times', () => {
    for (const value of [NaN, Infinity, -Infinity, 8.64e15 + 1]) {
      assert.equal(formatTimestamp(value), '', String(value));
    }
  });
});

describe('formatDuration', () => {
  it('formats sub-second durations in milliseconds', () => {
    assert.equal(formatDuration(250), '250 ms');
    assert.equal(formatDuration(0), '0 ms');
  });

  it('uses the largest unit and the one below it', () => {
    assert.equal(formatDuration(5 * 60_000), '5 min');
    assert.equal(formatDuration(90 * 60_000), '1 h 30 min');
    assert.equal(formatDuration(26 * 3_600_000 + 5000), '1 d 2 h');
    assert.equal(formatDuration(61_000), '1 min 1 s');
  });

  it('drops smaller units after a zero unit', () => {
    assert.equal(formatDuration(3_600_000 + 5000), '1 h');
  });

  it('returns an empty string for negative or non-finite durations', () => {
    for (const value of [-1, NaN, Infinity]) {
      assert.equal(formatDuration(value), '', String(value));
    }
  });
});
