import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  cosine,
  dailySeasonality,
  exponential,
  exponentialApproach,
  LogisticMap,
  sawtooth,
  sine,
  square,
  step,
  weeklySeasonality,
} from '../../src/generator/patterns.js';

const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} is not ${expected}`);

/** Monday 2024-05-06 00:00 UTC. */
const MONDAY = Date.UTC(2024, 4, 6);
const HOUR = 3_600_000;

describe('wave patterns', () => {
  it('cosine leads sine by a quarter period', () => {
    close(cosine(0, 1000, 2), 2);
    close(cosine(250, 1000, 2), sine(500, 1000, 2));
  });

  it('sawtooth rises once per period', () => {
    close(sawtooth(0, 1000, 1), -1);
    close(sawtooth(500, 1000, 1), 0);
    close(sawtooth(1000, 1000, 1), -1);
  });

  it('square holds each half period', () => {
    assert.equal(square(100, 1000, 3), 3);
    assert.equal(square(600, 1000, 3), -3);
    assert.equal(square(600, 1000, 3, 0.5), 3);
  });

  it('step climbs and starts over', () => {
    assert.deepEqual(
      [0, 10, 20, 30, 40].map((time) => step(time, 10, 2, 4)),
      [0, 2, 4, 6, 0],
    );
  });

  it('exponential grows and approaches', () => {
    close(exponential(0, 100, 5), 0);
    close(exponential(100, 100, 1), Math.E - 1);
    close(exponentialApproach(0, 100, 5), 0);
    assert.ok(exponentialApproach(1000, 100, 5) > 4.99);
  });
});

describe('seasonality', () => {
  it('peaks daily at 14:00 UTC', () => {
    close(dailySeasonality(MONDAY + 14 * HOUR, 0.3), 1.3);
    close(dailySeasonality(MONDAY + 2 * HOUR, 0.3), 0.7);
  });

  it('drops at weekends', () => {
    assert.equal(weeklySeasonality(MONDAY + 60 * HOUR, 0.4), 1);
    close(weeklySeasonality(MONDAY + 5 * 24 * HOUR + 12 * HOUR, 0.4), 0.6);
    close(weeklySeasonality(MONDAY + 6 * 24 * HOUR + 12 * HOUR, 0.4), 0.6);
  });

  it('ramps around midnight', () => {
    const friday = MONDAY + 5 * 24 * HOUR;
    const values = [-4, -2, 0, 2, 4].map((hours) => weeklySeasonality(friday + hours * HOUR, 0.4));

    for (let i = 1; i < values.length; i++) assert.ok(values[i] <= values[i - 1]);
    close(values[0], 1);
    close(values[4], 0.6);
    close(weeklySeasonality(MONDAY, 0.4), 0.8);
  });
});

describe('LogisticMap', () => {
  it('stays in (0, 1) and repeats for the same start', () => {
    const first = new LogisticMap(0.3);
    const second = new LogisticMap(0.3);
    const values = Array.from({ length: 10_000 }, () => first.next());

    assert.ok(values.every((value) => value > 0 && value < 1));
    assert.deepEqual(
      Array.from({ length: 10_000 }, () => second.next()),
      values,
    );
    assert.ok(new Set(values.slice(-1000)).size > 900, 'the map settled into a cycle');
  });

  it('moves a start outside (0, 1) inside', () => {
    assert.ok(new LogisticMap(1).next() > 0);
    assert.ok(new LogisticMap(Number.NaN).next() < 1);
  });
});
