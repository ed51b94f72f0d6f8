import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import type { Point } from '../../src/core/types.js';
import { createGenerator } from '../../src/generator/index.js';
import { MockSource } from '../../src/stream/mock-source.js';

describe('MockSource', () => {
  let now = 0;
  let batches: Point[][] = [];

  function start(): MockSource {
    const source = new MockSource({
      generator: createGenerator({ rate: 100 }),
      onPoints: (points) => batches.push(points),
      now: () => now,
    });
    source.start();
    return source;
  }

  beforeEach(() => {
    now = 50_000;
    batches = [];
    mock.timers.enable({ apis: ['setInterval'] });
  });

  afterEach(() => {
    mock.timers.reset();
  });

  it('hands over points every tick', () => {
    start();
    now += 100;
    mock.timers.tick(100);
    now += 100;
    mock.timers.tick(100);

    assert.deepEqual(
      batches.map((batch) => batch.length),
      [1, 10, 10],
    );
    assert.equal(batches[2].at(-1)?.timestamp, 50_200);
  });

  it('stops handing over points after stop', () => {
    const source = start();
    source.stop();
    now += 1000;
    mock.timers.tick(1000);

    assert.equal(source.running, false);
    assert.equal(batches.length, 1);
  });

  it('skips the stopped time on restart', () => {
    const source = start();
    source.stop();
    now += 3_600_000;
    source.start();

    assert.equal(batches.length, 2);
    assert.equal(batches[1].length, 1);
    assert.equal(batches[1][0].timestamp, now);
    assert.equal(batches[1][0].id, 'g1-1');
  });
});
