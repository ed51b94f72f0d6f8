import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AlertMonitor,
  DEFAULT_THRESHOLDS,
  type AlertInput,
} from '../../../src/components/obs-perf/perf-alerts.js';

const QUIET: AlertInput = { time: 0, fps: 60, durationMs: 1000, heapMb: 50, backlog: 0 };

function at(second: number, values: Partial<AlertInput>): AlertInput {
  return { ...QUIET, time: second * 1000, ...values };
}

describe('AlertMonitor', () => {
  it('starts nothing on a healthy page', () => {
    const monitor = new AlertMonitor();

    const changes = monitor.update(at(1, {}), DEFAULT_THRESHOLDS);

    assert.deepEqual(changes, []);
    assert.deepEqual(monitor.active, []);
  });

  it('starts the frame-rate alert after 2 s under the minimum', () => {
    const monitor = new AlertMonitor();

    const first = monitor.update(at(1, { fps: 20 }), DEFAULT_THRESHOLDS);
    const second = monitor.update(at(2, { fps: 22 }), DEFAULT_THRESHOLDS);

    assert.deepEqual(first, []);
    assert.equal(second.length, 1);
    assert.equal(second[0].kind, 'fps');
    assert.equal(second[0].active, true);
    assert.equal(second[0].value, 22);
    assert.equal(second[0].threshold, 30);
    assert.match(second[0].message, /22 fps.*under 30 fps/);
  });

  it('ends the frame-rate alert when the rate recovers', () => {
    const monitor = new AlertMonitor();
    monitor.update(at(1, { fps: 20 }), DEFAULT_THRESHOLDS);
    monitor.update(at(2, { fps: 20 }), DEFAULT_THRESHOLDS);

    const held = monitor.update(at(3, { fps: 10 }), DEFAULT_THRESHOLDS);
    const ended = monitor.update(at(4, { fps: 45 }), DEFAULT_THRESHOLDS);

    assert.deepEqual(held, []);
    assert.equal(monitor.active.length, 0);
    assert.equal(ended.length, 1);
    assert.equal(ended[0].active, false);
  });

  it('keeps the latest value in an active alert', () => {
    const monitor = new AlertMonitor();
    monitor.update(at(1, { fps: 20 }), DEFAULT_THRESHOLDS);
    monitor.update(at(2, { fps: 20 }), DEFAULT_THRESHOLDS);

    monitor.update(at(3, { fps: 12 }), DEFAULT_THRESHOLDS);

    assert.equal(monitor.active[0].value, 12);
  });

  it('follows a changed minimum frame rate', () => {
    const monitor = new AlertMonitor();
    const thresholds = { ...DEFAULT_THRESHOLDS, minFps: 55 };

    monitor.update(at(1, { fps: 50 }), thresholds);
    const changes = monitor.update(at(2, { fps: 50 }), thresholds);

    assert.equal(changes[0]?.kind, 'fps');
  });

  it('ignores an unknown frame rate', () => {
    const monitor = new AlertMonitor();
    monitor.update(at(1, { fps: 20 }), DEFAULT_THRESHOLDS);

    monitor.update(at(2, { fps: null }), DEFAULT_THRESHOLDS);
    const changes = monitor.update(at(3, { fps: Number.NaN }), DEFAULT_THRESHOLDS);

    assert.deepEqual(changes, []);
  });

  it('starts and ends the heap alert with hysteresis', () => {
    const monitor = new AlertMonitor();
    const thresholds = { ...DEFAULT_THRESHOLDS, maxHeapMb: 100 };

    const started = monitor.update(at(1, { heapMb: 120 }), thresholds);
    const kept = monitor.update(at(2, { heapMb: 95 }), thresholds);
    const ended = monitor.update(at(3, { heapMb: 80 }), thresholds);

    assert.equal(started[0]?.kind, 'heap');
    assert.match(started[0].message, /120 MB is above 100 MB/);
    assert.deepEqual(kept, []);
    assert.equal(ended[0]?.active, false);
  });

  it('skips the heap alert where the heap is unknown', () => {
    const monitor = new AlertMonitor();

    const changes = monitor.update(at(1, { heapMb: null }), {
      ...DEFAULT_THRESHOLDS,
      maxHeapMb: 0,
    });

    assert.deepEqual(changes, []);
  });

  it('starts the backlog alert only while the backlog grows', () => {
    const monitor = new AlertMonitor();
    const thresholds = { ...DEFAULT_THRESHOLDS, maxBacklog: 100 };

    const steady = [500, 500, 500, 500].flatMap((backlog, index) =>
      monitor.update(at(index, { backlog }), thresholds),
    );
    const growing = [600, 700, 800].flatMap((backlog, index) =>
      monitor.update(at(10 + index, { backlog }), thresholds),
    );

    assert.deepEqual(steady, []);
    assert.equal(growing.length, 1);
    assert.equal(growing[0].kind, 'backlog');
    assert.equal(growing[0].value, 800);
  });

  it('ends the backlog alert when the backlog falls under the maximum', () => {
    const monitor = new AlertMonitor();
    const thresholds = { ...DEFAULT_THRESHOLDS, maxBacklog: 100 };
    for (const [index, backlog] of [200, 300, 400, 500].entries()) {
      monitor.update(at(index, { backlog }), thresholds);
    }

    const kept = monitor.update(at(5, { backlog: 450 }), thresholds);
    const ended = monitor.update(at(6, { backlog: 20 }), thresholds);

    assert.deepEqual(kept, []);
    assert.equal(ended[0]?.kind, 'backlog');
    assert.equal(ended[0].active, false);
  });

  it('clear ends every alert silently', () => {
    const monitor = new AlertMonitor();
    monitor.update(at(1, { heapMb: 5000 }), DEFAULT_THRESHOLDS);

    monitor.clear();

    assert.deepEqual(monitor.active, []);
  });
});
