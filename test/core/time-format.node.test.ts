import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  formatDuration,
  formatTimestamp,
  isTimeZone,
  localTimeZone,
  zonedToEpoch,
  zoneOffset,
} from '../../src/core/time-format.js';

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

describe('formatTimestamp with a time zone', () => {
  it('formats in the named zone', () => {
    assert.equal(formatTimestamp(NOON_UTC, { timeZone: 'Asia/Kolkata' }), '2024-01-15 17:30:00');
  });

  it('wins over utc', () => {
    assert.equal(
      formatTimestamp(NOON_UTC, { utc: true, timeZone: 'Europe/Berlin' }),
      '2024-01-15 13:00:00',
    );
  });

  it('shows the repeated hour twice', () => {
    const first = Date.UTC(2024, 9, 27, 0, 30);
    const second = Date.UTC(2024, 9, 27, 1, 30);

    assert.equal(formatTimestamp(first, { timeZone: 'Europe/Berlin' }), '2024-10-27 02:30:00');
    assert.equal(formatTimestamp(second, { timeZone: 'Europe/Berlin' }), '2024-10-27 02:30:00');
  });
});

describe('zoneOffset', () => {
  it('follows daylight saving time', () => {
    assert.equal(zoneOffset(Date.UTC(2024, 0, 1), 'Europe/Berlin'), 3_600_000);
    assert.equal(zoneOffset(Date.UTC(2024, 6, 1), 'Europe/Berlin'), 7_200_000);
  });

  it('keeps quarter-hour offsets', () => {
    assert.equal(zoneOffset(Date.UTC(2024, 0, 1), 'Asia/Kathmandu'), 345 * 60_000);
  });

  it('handles years before the common era', () => {
    assert.equal(zoneOffset(Date.UTC(-500, 0, 1), 'UTC'), 0);
  });

  it('returns 0 for a non-finite time', () => {
    assert.equal(zoneOffset(NaN, 'Europe/Berlin'), 0);
  });

  it('throws a RangeError for an unknown zone', () => {
    assert.throws(() => zoneOffset(0, 'Mars/Olympus_Mons'), RangeError);
  });
});

describe('zonedToEpoch', () => {
  it('converts an ordinary wall-clock time', () => {
    const wall = Date.UTC(2024, 0, 15, 13);
    assert.equal(zonedToEpoch(wall, 'Europe/Berlin'), NOON_UTC);
  });

  it('moves a skipped time forward', () => {
    // 02:30 does not exist in Berlin on 31 March 2024; it becomes 03:30 summer time.
    const wall = Date.UTC(2024, 2, 31, 2, 30);
    assert.equal(zonedToEpoch(wall, 'Europe/Berlin'), Date.UTC(2024, 2, 31, 1, 30));
  });

  it('takes the earlier of a repeated time', () => {
    const wall = Date.UTC(2024, 9, 27, 2, 30);
    assert.equal(zonedToEpoch(wall, 'Europe/Berlin'), Date.UTC(2024, 9, 27, 0, 30));
  });
});

describe('isTimeZone', () => {
  it('accepts IANA names and UTC', () => {
    assert.equal(isTimeZone('Europe/Berlin'), true);
    assert.equal(isTimeZone('UTC'), true);
  });

  it('rejects unknown, hostile and non-string values', () => {
    for (const value of [
      'Mars/Olympus_Mons',
      '',
      '__proto__',
      '<img src=x onerror=alert(1)>',
      42,
      null,
    ]) {
      assert.equal(isTimeZone(value), false, String(value));
    }
  });

  it('knows the local zone', () => {
    assert.equal(isTimeZone(localTimeZone()), true);
  });

  it('gives the same local zone on every call', () => {
    assert.equal(localTimeZone(), localTimeZone());
    assert.equal(localTimeZone(), new Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
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
