import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { gapMarkerLimit, PointIntake } from '../../../src/components/obs-stream/point-intake.js';
import { Store } from '../../../src/core/store.js';
import type { Point } from '../../../src/core/types.js';
import type { GapInfo } from '../../../src/stream/stream-reader.js';

const STREAM_CHANGED: GapInfo = { from: 0, to: 0, count: null, reason: 'stream-changed' };
const START = 1_700_000_000_000;

/**
 * Returns `perSeries` points for each of `seriesCount` series, round by round as a stream
 * sends them. The newest point of series `i` is at `START + round * 1000 + i`, so higher
 * series numbers have later newest points.
 */
function roundRobinPoints(seriesCount: number, perSeries: number): Point[] {
  const points: Point[] = [];
  for (let round = 0; round < perSeries; round++) {
    for (let series = 0; series < seriesCount; series++) {
      points.push({
        id: `p-${round}-${series}`,
        timestamp: START + round * 1000 + series,
        value: series,
        category: `series-${series}`,
        source: 'test',
      });
    }
  }
  return points;
}

interface Counts {
  real: number;
  markers: number;
}

function countRows(store: Store): Counts {
  let markers = 0;
  for (let row = store.start; row < store.end; row++) {
    if (Number.isNaN(store.valueAt(row))) markers++;
  }
  return { real: store.size - markers, markers };
}

/** Categories that hold a gap marker, in store order. */
function markedCategories(store: Store): string[] {
  const categories: string[] = [];
  for (let row = store.start; row < store.end; row++) {
    if (Number.isNaN(store.valueAt(row))) categories.push(store.categoryAt(row));
  }
  return categories;
}

describe('PointIntake.markGap', () => {
  it('marks every series of a small store', () => {
    const store = new Store({ capacity: 1000 });
    const intake = new PointIntake(store, () => {});
    store.append(roundRobinPoints(15, 3));

    const detail = intake.markGap({ from: 4, to: 10, count: 7, reason: 'retention' });

    assert.equal(detail.series, 15);
    assert.equal(detail.lostTotal, 7);
    assert.deepEqual(countRows(store), { real: 45, markers: 15 });
  });

  it('keeps real points across gaps of many series', () => {
    const capacity = 10_000;
    const seriesCount = 2000;
    const store = new Store({ capacity });
    const intake = new PointIntake(store, () => {});
    store.append(roundRobinPoints(seriesCount, capacity / seriesCount));
    const limit = gapMarkerLimit(capacity);

    const details = [];
    for (let gap = 0; gap < 5; gap++) details.push(intake.markGap(STREAM_CHANGED));

    const counts = countRows(store);
    assert.equal(counts.real, capacity - 5 * limit);
    assert.equal(counts.markers, 5 * limit);
    assert.equal(limit, 100);
    for (const detail of details) assert.equal(detail.series, limit);
  });

  it('marks the series with the latest points', () => {
    const capacity = 10_000;
    const seriesCount = 500;
    const store = new Store({ capacity });
    const intake = new PointIntake(store, () => {});
    store.append(roundRobinPoints(seriesCount, 2));
    const limit = gapMarkerLimit(capacity);

    const detail = intake.markGap(STREAM_CHANGED);

    assert.equal(detail.series, limit);
    const expected = [];
    for (let series = seriesCount - limit; series < seriesCount; series++) {
      expected.push(`series-${series}`);
    }
    assert.deepEqual(markedCategories(store), expected);
  });

  it('bounds markers to 1% of the capacity', () => {
    assert.equal(gapMarkerLimit(1), 16);
    assert.equal(gapMarkerLimit(1599), 16);
    assert.equal(gapMarkerLimit(100_000), 1000);
  });
});
