import { exponentialApproach } from './patterns.js';
import type { Random } from './prng.js';
import { modifierFor, SCENARIO_TABLE, type MetricModifier } from './scenarios.js';

/** Kinds of injected anomaly, written to `metadata.anomaly` of the affected point. */
export type AnomalyKind = 'spike' | 'dip';

/** Milliseconds over which a failing source degrades towards its full failure. */
const FAILURE_RAMP_MS = 5000;

interface Window {
  from: number;
  until: number;
}

/**
 * Time-limited changes a command starts on the generator: a failure of one source and
 * injected anomalies. Windows are in the generator's simulated time, so the same commands at
 * the same points give the same output.
 */
export class GeneratorEffects {
  #failure: (Window & { source: string }) | undefined;
  #anomalies: (Window & { probability: number }) | undefined;

  startFailure(from: number, durationMs: number, source: string): void {
    this.#failure = { from, until: from + durationMs, source };
  }

  startAnomalies(from: number, durationMs: number, probability: number): void {
    this.#anomalies = { from, until: from + durationMs, probability };
  }

  /**
   * Returns `modifier` blended towards the degraded profile of the system_failure scenario
   * while `source` fails: the blend grows as an exponential approach over five seconds.
   */
  modifierAt(
    time: number,
    category: string,
    source: string,
    modifier: MetricModifier,
  ): MetricModifier {
    const failure = this.#failure;
    if (failure === undefined || failure.source !== source) return modifier;
    if (time < failure.from || time >= failure.until) return modifier;
    const weight = exponentialApproach(time - failure.from, FAILURE_RAMP_MS, 1);
    const failed = modifierFor(SCENARIO_TABLE.system_failure, category, 'db-1');
    const blend = (key: keyof MetricModifier) =>
      modifier[key] + (failed[key] - modifier[key]) * weight;
    return {
      baseline: blend('baseline'),
      amplitude: blend('amplitude'),
      noise: blend('noise'),
      spikeRate: blend('spikeRate'),
    };
  }

  /**
   * Draws whether the point at `time` becomes an anomaly. Inside an anomaly window it always
   * consumes two draws, so the sequence does not depend on the outcome; outside it draws none.
   */
  anomalyAt(time: number, random: Random): { kind: AnomalyKind; factor: number } | undefined {
    const window = this.#anomalies;
    if (window === undefined || time < window.from || time >= window.until) return undefined;
    const hit = random() < window.probability;
    const size = random();
    if (!hit) return undefined;
    // A spike multiplies the value by 2.5 to 4; a dip cuts it to 10-30 %.
    return size < 0.5
      ? { kind: 'spike', factor: 2.5 + 3 * size }
      : { kind: 'dip', factor: 0.1 + 0.4 * (size - 0.5) };
  }
}
