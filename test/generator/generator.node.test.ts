import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Point } from '../../src/core/types.js';
import {
  createGenerator,
  MAX_RATE,
  METRICS,
  SCENARIOS,
  SOURCES,
  type ScenarioName,
} from '../../src/generator/index.js';

const SERIES_COUNT = METRICS.length * SOURCES.length;

function meanOf(points: Point[], category: string, source?: string): number {
  const values = points
    .filter(
      (point) => point.category === category && (source === undefined || point.source === source),
    )
    .map((point) => point.value);
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function minuteOf(scenario: ScenarioName): Point[] {
  return createGenerator({ scenario, seed: 7, rate: 150, startTime: 0 }).next(60_000);
}

describe('createGenerator', () => {
  it('repeats the same points for the same seed', () => {
    const first = createGenerator({ seed: 42, startTime: 1000 }).next(11_000);
    const second = createGenerator({ seed: 42, startTime: 1000 }).next(11_000);

    assert.ok(first.length > 0);
    assert.deepEqual(second, first);
  });

  it('gives other values for another seed', () => {
    const first = createGenerator({ seed: 1, startTime: 0 }).next(5000);
    const second = createGenerator({ seed: 2, startTime: 0 }).next(5000);

    assert.notDeepEqual(
      second.map((point) => point.value),
      first.map((point) => point.value),
    );
  });

  it('does not depend on how calls split the time', () => {
    const whole = createGenerator({ seed: 3, startTime: 0 }).next(10_000);
    const split = createGenerator({ seed: 3, startTime: 0 });
    const parts = [1, 999, 1000, 4321.5, 4321.5, 10_000].flatMap((time) => split.next(time));

    assert.deepEqual(parts, whole);
  });

  it('emits rate points per second', () => {
    const generator = createGenerator({ rate: 200, startTime: 0 });

    // Point 0 is due at time 0, so ten seconds inclusive hold 2001 points.
    assert.equal(generator.next(10_000).length, 2001);
    assert.equal(generator.next(15_000).length, 1000);
    assert.equal(generator.next(15_000).length, 0);
  });

  it('spreads points evenly over every series', () => {
    const points = createGenerator({ rate: 30, startTime: 0 }).next(20_000 - 1);
    const counts = new Map<string, number>();
    for (const point of points) {
      const key = `${point.category}/${point.source}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }

    assert.equal(counts.size, SERIES_COUNT);
    assert.deepEqual(new Set(counts.values()), new Set([points.length / SERIES_COUNT]));
  });

  it('spaces timestamps evenly', () => {
    const points = createGenerator({ rate: 8, startTime: 500 }).next(5500);

    assert.equal(points[0].timestamp, 500);
    for (let i = 1; i < points.length; i++) {
      assert.equal(points[i].timestamp - points[i - 1].timestamp, 125);
    }
  });

  it('keeps timestamps increasing per series', () => {
    const generator = createGenerator({ rate: 97, startTime: 0 });
    const points = generator.next(3000);
    generator.setRate(13);
    points.push(...generator.next(9000));
    generator.skipTo(60_000);
    points.push(...generator.next(70_000));
    const last = new Map<string, number>();
    for (const point of points) {
      const key = `${point.category}/${point.source}`;
      assert.ok(point.timestamp > (last.get(key) ?? -Infinity), `${key} went back in time`);
      last.set(key, point.timestamp);
    }
  });

  it('gives unique deterministic ids', () => {
    const generator = createGenerator({ seed: 9, rate: 1000, startTime: 0 });
    const points = [...generator.next(2000), ...generator.next(4000)];
    generator.skipTo(100_000);
    points.push(...generator.next(101_000));
    const ids = points.map((point) => point.id);

    assert.equal(new Set(ids).size, ids.length);
    assert.equal(ids[0], 'g9-0');
    assert.equal(ids.at(-1), `g9-${ids.length - 1}`);
  });

  it('uses the id prefix given', () => {
    const points = createGenerator({ idPrefix: 'mock-', startTime: 0, rate: 1 }).next(1000);

    assert.deepEqual(
      points.map((point) => point.id),
      ['mock-0', 'mock-1'],
    );
  });

  it('starts at the first call without startTime', () => {
    const generator = createGenerator({ rate: 10 });
    const first = generator.next(1_700_000_000_000);

    assert.equal(first.length, 1);
    assert.equal(first[0].timestamp, 1_700_000_000_000);
    assert.equal(generator.next(1_700_000_001_000).length, 10);
  });

  it('skips ahead without replaying the pause', () => {
    const generator = createGenerator({ rate: 100, startTime: 0 });
    generator.next(1000);
    generator.skipTo(3_600_000);

    const points = generator.next(3_601_000);

    assert.equal(points.length, 101);
    assert.equal(points[0].timestamp, 3_600_000);
  });

  it('changes rate from the next due point', () => {
    const generator = createGenerator({ rate: 10, startTime: 0 });
    generator.next(1000);
    generator.setRate(100);

    const points = generator.next(2000);

    assert.equal(generator.rate, 100);
    assert.equal(points[0].timestamp, 1100);
    assert.equal(points.length, 91);
  });

  it('keeps values in plausible units', () => {
    for (const scenario of SCENARIOS) {
      for (const point of minuteOf(scenario)) {
        assert.ok(Number.isFinite(point.value), `${scenario} ${point.category} is not finite`);
        assert.ok(point.value >= 0, `${scenario} ${point.category} is negative`);
        if (point.category === 'cpu' || point.category === 'memory') {
          assert.ok(point.value <= 100, `${scenario} ${point.category} is above 100 percent`);
        }
      }
    }
  });

  it('labels points with unit and scenario', () => {
    const [point] = createGenerator({ scenario: 'weekend', startTime: 0 }).next(0);

    assert.equal(point.category, 'cpu');
    assert.equal(point.source, 'web-1');
    assert.deepEqual(point.metadata, { unit: 'percent', scenario: 'weekend' });
  });
});

describe('scenarios', () => {
  it('raise load under high_load', () => {
    const normal = minuteOf('normal');
    const high = minuteOf('high_load');

    for (const category of ['cpu', 'network', 'latency', 'errors']) {
      assert.ok(meanOf(high, category) > meanOf(normal, category) * 1.5, `${category} mean`);
    }
  });

  it('degrade db-1 under system_failure', () => {
    const failure = minuteOf('system_failure');

    assert.ok(meanOf(failure, 'errors', 'db-1') > meanOf(failure, 'errors', 'web-1') * 3);
    assert.ok(meanOf(failure, 'latency', 'db-1') > meanOf(failure, 'latency', 'web-1') * 2);
    assert.ok(meanOf(failure, 'network', 'db-1') < meanOf(failure, 'network', 'web-1'));
  });

  it('lower traffic in maintenance and on weekends', () => {
    const normal = minuteOf('normal');

    for (const scenario of ['maintenance', 'weekend'] as const) {
      const quiet = minuteOf(scenario);
      assert.ok(meanOf(quiet, 'network') < meanOf(normal, 'network'), `${scenario} network`);
      assert.ok(meanOf(quiet, 'cpu') < meanOf(normal, 'cpu'), `${scenario} cpu`);
    }
  });

  it('raise traffic in peak_hours', () => {
    assert.ok(meanOf(minuteOf('peak_hours'), 'network') > meanOf(minuteOf('normal'), 'network'));
  });

  it('spike more often under system_failure', () => {
    const jumps = (points: Point[]) =>
      points.filter((point) => point.category === 'latency' && point.value > 250).length;

    assert.ok(jumps(minuteOf('system_failure')) > jumps(minuteOf('normal')));
  });

  it('switch with setScenario', () => {
    const generator = createGenerator({ startTime: 0, rate: 150 });
    const before = generator.next(30_000);
    generator.setScenario('high_load');
    const after = generator.next(60_000);

    assert.equal(generator.scenario, 'high_load');
    assert.ok(meanOf(after, 'cpu') > meanOf(before, 'cpu') * 1.5);
    assert.equal(after[0].metadata?.scenario, 'high_load');
  });
});

describe('generator input checks', () => {
  it('rejects bad rates', () => {
    for (const rate of [0, -1, NaN, Infinity, MAX_RATE + 1]) {
      assert.throws(() => createGenerator({ rate }), RangeError, String(rate));
      assert.throws(() => createGenerator().setRate(rate), RangeError, String(rate));
    }
  });

  it('rejects an unknown scenario', () => {
    const generator = createGenerator();

    assert.throws(
      () => generator.setScenario('__proto__' as ScenarioName),
      /Unknown scenario '__proto__'; expected one of normal/,
    );
    assert.equal(generator.scenario, 'normal');
  });

  it('rejects a non-finite time', () => {
    assert.throws(() => createGenerator().next(Infinity), RangeError);
    assert.throws(() => createGenerator({ startTime: NaN }), RangeError);
  });
});
