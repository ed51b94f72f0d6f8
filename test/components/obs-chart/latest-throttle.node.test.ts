import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { LatestThrottle } from '../../../src/components/obs-chart/latest-throttle.js';

const INTERVAL_MS = 40;

describe('LatestThrottle', () => {
  it('runs the first action at once', () => {
    const throttle = new LatestThrottle(INTERVAL_MS);
    const ran: string[] = [];

    throttle.run(() => ran.push('a'));

    assert.deepEqual(ran, ['a']);
  });

  it('runs only the last of a burst later', async () => {
    const throttle = new LatestThrottle(INTERVAL_MS);
    const ran: string[] = [];
    throttle.run(() => ran.push('a'));

    throttle.run(() => ran.push('b'));
    throttle.run(() => ran.push('c'));

    assert.deepEqual(ran, ['a']);
    await sleep(INTERVAL_MS * 3);
    assert.deepEqual(ran, ['a', 'c']);
  });

  it('runs now and drops the pending action', async () => {
    const throttle = new LatestThrottle(INTERVAL_MS);
    const ran: string[] = [];
    throttle.run(() => ran.push('a'));
    throttle.run(() => ran.push('b'));

    throttle.runNow(() => ran.push('c'));

    assert.deepEqual(ran, ['a', 'c']);
    await sleep(INTERVAL_MS * 3);
    assert.deepEqual(ran, ['a', 'c']);
  });

  it('runs at once after a reset', () => {
    const throttle = new LatestThrottle(INTERVAL_MS);
    const ran: string[] = [];
    throttle.run(() => ran.push('a'));
    throttle.run(() => ran.push('b'));

    throttle.reset();
    throttle.run(() => ran.push('c'));

    assert.deepEqual(ran, ['a', 'c']);
  });

  it('drops the pending action when stopped', async () => {
    const throttle = new LatestThrottle(INTERVAL_MS);
    const ran: string[] = [];
    throttle.run(() => ran.push('a'));
    throttle.run(() => ran.push('b'));

    throttle.stop();

    await sleep(INTERVAL_MS * 3);
    assert.deepEqual(ran, ['a']);
  });
});
