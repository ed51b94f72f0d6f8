import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QualityGovernor } from '../../../src/components/shared/quality-governor.js';
import {
  lowerQuality,
  higherQuality,
  parseQuality,
} from '../../../src/components/shared/quality.js';

/** Feeds one-second samples of `fps` from `start` for `seconds`; returns the time after the last. */
function feed(governor: QualityGovernor, fps: number, start: number, seconds: number) {
  const changes = [];
  let time = start;
  for (let i = 0; i < seconds; i++) {
    time += 1000;
    const change = governor.sample(fps, time, 1000);
    if (change !== null) changes.push(change);
  }
  return { time, changes };
}

describe('QualityGovernor', () => {
  it('starts at high', () => {
    assert.equal(new QualityGovernor().level, 'high');
  });

  it('drops one level after 2 s under 30 fps', () => {
    const governor = new QualityGovernor();

    const first = governor.sample(20, 1000, 1000);
    const second = governor.sample(20, 2000, 1000);

    assert.equal(first, null);
    assert.deepEqual(second, { level: 'medium', previous: 'high', reason: 'low-frame-rate' });
  });

  it('drops again after another 2 s, then stays at low', () => {
    const governor = new QualityGovernor();

    const { changes } = feed(governor, 10, 0, 10);

    assert.deepEqual(
      changes.map((change) => change.level),
      ['medium', 'low'],
    );
    assert.equal(governor.level, 'low');
  });

  it('keeps the level between the thresholds', () => {
    const governor = new QualityGovernor();
    feed(governor, 10, 0, 2);

    const { changes } = feed(governor, 40, 2000, 30);

    assert.deepEqual(changes, []);
    assert.equal(governor.level, 'medium');
  });

  it('rises after 3 s at 50 fps or more', () => {
    const governor = new QualityGovernor();
    const { time } = feed(governor, 10, 0, 4);

    const { changes } = feed(governor, 60, time, 6);

    assert.deepEqual(
      changes.map((change) => [change.level, change.reason]),
      [
        ['medium', 'recovered'],
        ['high', 'recovered'],
      ],
    );
  });

  it('needs the low rate to be continuous', () => {
    const governor = new QualityGovernor();

    governor.sample(10, 1000, 1000);
    governor.sample(60, 2000, 1000);
    const change = governor.sample(10, 3000, 1000);

    assert.equal(change, null);
    assert.equal(governor.level, 'high');
  });

  it('doubles the recovery delay after a relapse', () => {
    const governor = new QualityGovernor();
    let { time } = feed(governor, 10, 0, 2);
    ({ time } = feed(governor, 60, time, 3));
    assert.equal(governor.level, 'high');

    ({ time } = feed(governor, 10, time, 2));

    assert.equal(governor.level, 'medium');
    assert.equal(governor.recoverAfterMs, 6000);
    const early = feed(governor, 60, time, 5);
    assert.equal(governor.level, 'medium', 'rose before the doubled delay');
    feed(governor, 60, early.time, 1);
    assert.equal(governor.level, 'high');
  });

  it('returns the delay to its base after a rise holds', () => {
    const governor = new QualityGovernor();
    let { time } = feed(governor, 10, 0, 2);
    ({ time } = feed(governor, 60, time, 3));
    ({ time } = feed(governor, 10, time, 2));
    ({ time } = feed(governor, 60, time, 6));

    feed(governor, 60, time, 11);

    assert.equal(governor.recoverAfterMs, 3000);
  });

  it('caps the recovery delay', () => {
    const governor = new QualityGovernor({ maxRecoverAfterMs: 8000 });
    let time = 0;
    for (let round = 0; round < 6; round++) {
      ({ time } = feed(governor, 10, time, 2));
      ({ time } = feed(governor, 60, time, governor.recoverAfterMs / 1000));
    }

    assert.equal(governor.recoverAfterMs, 8000);
  });

  it('ignores non-finite and negative samples', () => {
    const governor = new QualityGovernor();

    governor.sample(10, 1000, 1000);
    governor.sample(Number.NaN, 2000, 1000);
    governor.sample(-5, 3000, 1000);
    governor.sample(10, 4000, Number.POSITIVE_INFINITY);
    const change = governor.sample(10, 5000, 1000);

    assert.equal(change, null);
    assert.equal(governor.level, 'high');
  });

  it('reset returns to a given level', () => {
    const governor = new QualityGovernor();
    feed(governor, 10, 0, 4);

    governor.reset('medium');

    assert.equal(governor.level, 'medium');
  });
});

describe('quality levels', () => {
  it('parseQuality accepts levels only', () => {
    assert.equal(parseQuality('low'), 'low');
    assert.equal(parseQuality(' Medium '), 'medium');
    assert.equal(parseQuality('auto'), null);
    assert.equal(parseQuality('__proto__'), null);
    assert.equal(parseQuality('<img src=x onerror=alert(1)>'), null);
    assert.equal(parseQuality(3), null);
    assert.equal(parseQuality(null), null);
  });

  it('steps between neighbours', () => {
    assert.equal(lowerQuality('high'), 'medium');
    assert.equal(lowerQuality('low'), null);
    assert.equal(higherQuality('low'), 'medium');
    assert.equal(higherQuality('high'), null);
  });
});
