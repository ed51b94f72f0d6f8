import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Point } from '../../src/core/types.js';
import { createGenerator } from '../../src/generator/index.js';

function meanOf(points: Point[], category: string, source: string): number {
  const values = points
    .filter((point) => point.category === category && point.source === source)
    .map((point) => point.value);
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** Pearson correlation of two series of equal length. */
function correlation(a: number[], b: number[]): number {
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const ma = mean(a);
  const mb = mean(b);
  let covariance = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < a.length; i++) {
    covariance += (a[i] - ma) * (b[i] - mb);
    va += (a[i] - ma) ** 2;
    vb += (b[i] - mb) ** 2;
  }
  return covariance / Math.sqrt(va * vb);
}

describe('generator effects', () => {
  it('burst multiplies the rate for its duration', () => {
    const generator = createGenerator({ rate: 100, startTime: 0 });
    generator.next(999);

    generator.startBurst(1000, 5);
    const during = generator.next(1999);
    const after = generator.next(2999);

    assert.equal(during.length, 500);
    assert.equal(after.length, 100);
    assert.equal(generator.rate, 100);
  });

  it('burst rejects a rate above the maximum', () => {
    const generator = createGenerator({ rate: 500_000, startTime: 0 });

    assert.throws(() => generator.startBurst(1000, 4), RangeError);
  });

  it('failure degrades one source', () => {
    const generator = createGenerator({ rate: 150, startTime: 0, seed: 3 });
    generator.next(-1);
    generator.startFailure(60_000, 'web-2');
    const points = generator.next(60_000);

    assert.ok(meanOf(points, 'errors', 'web-2') > meanOf(points, 'errors', 'web-1') * 3);
    assert.ok(meanOf(points, 'latency', 'web-2') > meanOf(points, 'latency', 'web-1') * 2);
  });

  it('anomalies mark the points they change', () => {
    const generator = createGenerator({ rate: 100, startTime: 0 });
    generator.next(-1);
    generator.startAnomalies(5000, 0.5);
    const during = generator.next(4999);
    const after = generator.next(9999);

    const marked = during.filter((point) => point.metadata?.anomaly !== undefined);
    assert.ok(marked.length > 150, `${marked.length} anomalies`);
    assert.ok(marked.length < 350, `${marked.length} anomalies`);
    assert.deepEqual(
      new Set(marked.map((point) => point.metadata?.anomaly)),
      new Set(['spike', 'dip']),
    );
    assert.ok(after.every((point) => point.metadata?.anomaly === undefined));
  });

  it('repeats effects for the same seed', () => {
    const run = () => {
      const generator = createGenerator({ seed: 5, rate: 100, startTime: 0 });
      generator.next(999);
      generator.startAnomalies(2000, 0.2);
      generator.startFailure(2000, 'db-1');
      return generator.next(5000);
    };

    assert.deepEqual(run(), run());
  });

  it('latency follows cpu on the same source', () => {
    const points = createGenerator({ rate: 150, startTime: 0, seed: 2 }).next(600_000);
    const of = (category: string) =>
      points.filter((point) => point.category === category && point.source === 'web-1');
    const latencyCount = of('latency').length;
    const cpu = of('cpu')
      .map((point) => point.value)
      .slice(0, latencyCount);
    const latency = of('latency')
      .map((point) => point.value)
      .slice(0, cpu.length);

    const memory = of('memory')
      .map((point) => point.value)
      .slice(0, cpu.length);

    // Latency's spikes and its own random walk dilute the link, but it stays clearly positive.
    const linked = correlation(cpu, latency);
    assert.ok(linked > 0.12, `cpu and latency correlate by ${linked}`);
    assert.ok(linked > Math.abs(correlation(cpu, memory)) + 0.1);
  });

  it('shares metadata objects between points', () => {
    const points = createGenerator({ rate: 150, startTime: 0 }).next(1000);
    const cpu = points.filter((point) => point.category === 'cpu');

    assert.equal(cpu[0].metadata, cpu[1].metadata);
    assert.ok(Object.isFrozen(cpu[0].metadata));
  });
});
