import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  HISTORY_LENGTH,
  MetricHistory,
  SPARK_HEIGHT,
  SPARK_WIDTH,
  sparklineRuns,
} from '../../../src/components/obs-perf/metric-history.js';

describe('MetricHistory', () => {
  it('keeps the latest values only', () => {
    const history = new MetricHistory();

    for (let i = 0; i < HISTORY_LENGTH + 5; i++) history.push(i);

    assert.equal(history.values().length, HISTORY_LENGTH);
    assert.equal(history.values()[0], 5);
    assert.equal(history.values().at(-1), HISTORY_LENGTH + 4);
  });

  it('stores non-finite values as gaps', () => {
    const history = new MetricHistory();

    history.push(Number.NaN);
    history.push(Number.POSITIVE_INFINITY);
    history.push(null);

    assert.deepEqual(history.values(), [null, null, null]);
  });
});

describe('sparklineRuns', () => {
  it('returns nothing for no values', () => {
    assert.deepEqual(sparklineRuns([]), []);
  });

  it('puts the newest value at the right edge', () => {
    const [run] = sparklineRuns([0, 10]);

    const points = run.split(' ').map((point) => point.split(',').map(Number));

    assert.deepEqual(points.at(-1), [SPARK_WIDTH, 0]);
    assert.equal(points[0][1], SPARK_HEIGHT);
  });

  it('splits runs at gaps', () => {
    const runs = sparklineRuns([1, 2, null, 3, 4]);

    assert.equal(runs.length, 2);
  });

  it('draws a flat line for constant values', () => {
    const [run] = sparklineRuns([5, 5, 5]);

    const heights = run.split(' ').map((point) => Number(point.split(',')[1]));

    assert.deepEqual(heights, [0, 0, 0]);
  });

  it('scales negative values inside the box', () => {
    const [run] = sparklineRuns([-10, 10]);

    const heights = run.split(' ').map((point) => Number(point.split(',')[1]));

    assert.deepEqual(heights, [SPARK_HEIGHT, 0]);
  });
});
