import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatTimeTick, timeTicks } from '../../../src/components/obs-chart/time-ticks.js';

const HOUR = 3_600_000;
const BERLIN = 'Europe/Berlin';

/** Labels of the ticks of `domain` in `zone`, in English. */
function labels(domain: [number, number], count: number, zone: string): string[] {
  return timeTicks(domain, count, zone).map((tick) => formatTimeTick(tick, zone, 'en-US'));
}

describe('timeTicks', () => {
  it('repeats the hour clocks go back to', () => {
    // Berlin leaves summer time at 01:00 UTC on 27 October 2024: 03:00 becomes 02:00.
    const domain: [number, number] = [Date.UTC(2024, 9, 26, 22), Date.UTC(2024, 9, 27, 3)];

    const ticks = timeTicks(domain, 6, BERLIN);

    assert.deepEqual(
      ticks.map((tick) => formatTimeTick(tick, BERLIN, 'en-US')),
      ['Oct 27', '01:00', '02:00', '02:00', '03:00', '04:00'],
    );
    for (let i = 1; i < ticks.length; i++) assert.equal(ticks[i] - ticks[i - 1], HOUR);
  });

  it('skips the hour clocks jump over', () => {
    // Berlin enters summer time at 01:00 UTC on 31 March 2024: 02:00 becomes 03:00.
    const domain: [number, number] = [Date.UTC(2024, 2, 30, 22), Date.UTC(2024, 2, 31, 3)];

    assert.deepEqual(labels(domain, 6, BERLIN), [
      '23:00',
      'Mar 31',
      '01:00',
      '03:00',
      '04:00',
      '05:00',
    ]);
  });

  it('keeps 3-hour ticks on local multiples of three', () => {
    const domain: [number, number] = [Date.UTC(2024, 2, 30, 12), Date.UTC(2024, 2, 31, 12)];

    assert.deepEqual(labels(domain, 8, BERLIN), [
      '15:00',
      '18:00',
      '21:00',
      'Mar 31',
      '03:00',
      '06:00',
      '09:00',
      '12:00',
    ]);
  });

  it('puts day ticks on local midnight', () => {
    const zone = 'America/New_York';
    const domain: [number, number] = [Date.UTC(2024, 10, 1), Date.UTC(2024, 10, 6)];

    const ticks = timeTicks(domain, 5, zone);

    // New York leaves daylight time on 3 November, so midnight moves from 04:00 to 05:00 UTC.
    assert.deepEqual(
      ticks.map((tick) => new Date(tick).toISOString()),
      [
        '2024-11-01T04:00:00.000Z',
        '2024-11-02T04:00:00.000Z',
        '2024-11-03T04:00:00.000Z',
        '2024-11-04T05:00:00.000Z',
        '2024-11-05T05:00:00.000Z',
      ],
    );
  });

  it('aligns hour ticks to a quarter-hour offset', () => {
    const domain: [number, number] = [Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1, 5)];

    assert.deepEqual(labels(domain, 6, 'Asia/Kathmandu'), [
      '06:00',
      '07:00',
      '08:00',
      '09:00',
      '10:00',
    ]);
  });

  it('names months and years at their start', () => {
    const domain: [number, number] = [Date.UTC(2023, 10, 1), Date.UTC(2024, 2, 15)];

    assert.deepEqual(labels(domain, 5, 'UTC'), ['Nov', 'Dec', '2024', 'Feb', 'Mar']);
  });

  it('steps whole years over long spans', () => {
    const domain: [number, number] = [Date.UTC(1900, 0, 1), Date.UTC(2024, 0, 1)];

    assert.deepEqual(labels(domain, 6, 'UTC'), [
      '1900',
      '1920',
      '1940',
      '1960',
      '1980',
      '2000',
      '2020',
    ]);
  });

  it('uses milliseconds under a second', () => {
    const start = Date.UTC(2024, 0, 1);

    assert.deepEqual(labels([start, start + 500], 5, 'UTC'), [
      '2024',
      '.100',
      '.200',
      '.300',
      '.400',
      '.500',
    ]);
  });

  it('covers the whole range of dates', () => {
    const ticks = timeTicks([-8.64e15, 8.64e15], 6, 'UTC');

    assert.ok(ticks.length >= 2);
    assert.ok(ticks.every((tick) => tick >= -8.64e15 && tick <= 8.64e15));
  });

  it('returns no ticks for a bad domain', () => {
    const start = Date.UTC(2024, 0, 1);
    for (const domain of [
      [start, start],
      [start + 1, start],
      [NaN, start],
      [start, Infinity],
    ] as [number, number][]) {
      assert.deepEqual(timeTicks(domain, 5, 'UTC'), [], String(domain));
    }
    assert.deepEqual(timeTicks([start, start + HOUR], 0, 'UTC'), []);
  });

  it('stays bounded for a huge tick count', () => {
    const ticks = timeTicks([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2)], 1e9, 'UTC');

    assert.ok(ticks.length <= 5000);
  });
});

describe('formatTimeTick', () => {
  it('writes a 24-hour clock in the zone', () => {
    assert.equal(formatTimeTick(Date.UTC(2024, 6, 1, 13, 30), BERLIN, 'en-US'), '15:30');
  });

  it('writes seconds alone', () => {
    assert.equal(formatTimeTick(Date.UTC(2024, 6, 1, 13, 30, 5), 'UTC', 'en-US'), ':05');
  });

  it('returns an empty label for an invalid time', () => {
    assert.equal(formatTimeTick(NaN, 'UTC', 'en-US'), '');
  });

  it('gives seconds the clock when asked', () => {
    const time = Date.UTC(2024, 6, 1, 13, 30, 5);

    assert.equal(formatTimeTick(time, BERLIN, 'en-US', true), '15:30:05');
  });

  it('gives milliseconds the clock when asked', () => {
    const time = Date.UTC(2024, 6, 1, 13, 30, 5, 250);

    assert.equal(formatTimeTick(time, 'UTC', 'en-US', true), '13:30:05.250');
  });

  it('keeps whole minutes and days as they are', () => {
    assert.equal(formatTimeTick(Date.UTC(2024, 6, 1, 13, 30), 'UTC', 'en-US', true), '13:30');
    assert.equal(formatTimeTick(Date.UTC(2024, 6, 5), 'UTC', 'en-US', true), 'Jul 5');
  });
});
