import type { Point } from '../core/types.js';
import { gaussianNoise, linearTrend, RandomWalk, sine, spike } from './patterns.js';
import { mulberry32, type Random } from './prng.js';
import {
  METRICS,
  modifierFor,
  SCENARIO_TABLE,
  SOURCES,
  type MetricModifier,
  type MetricProfile,
  type SourceProfile,
} from './scenarios.js';
import {
  SCENARIOS,
  type GeneratorOptions,
  type PointGenerator,
  type ScenarioName,
} from './types.js';

export const DEFAULT_RATE = 50;
export const DEFAULT_SEED = 1;
/** Highest accepted rate, in points per second over all series. */
export const MAX_RATE = 1_000_000;
/**
 * Most points one `next()` call returns. A caller that falls far behind, such
 * as a page that was in a background tab, gets the rest on its next calls.
 */
export const MAX_POINTS_PER_CALL = 1_000_000;

const NORMAL_MODIFIER: MetricModifier = SCENARIO_TABLE.normal.defaults;

/** Options of ScenarioGenerator: the shared GeneratorOptions plus an id prefix. */
export interface ScenarioGeneratorOptions extends GeneratorOptions {
  /**
   * Text before the sequence number in every id; defaults to `g<seed>-`.
   * Two generators that feed one store need different prefixes, because the
   * store drops a point whose id it already contains.
   */
  idPrefix?: string;
}

interface Series {
  metric: MetricProfile;
  source: SourceProfile;
  walk: RandomWalk;
  modifier: MetricModifier;
}

/** Throws a RangeError unless `rate` is a usable points-per-second value. */
export function checkRate(rate: number): number {
  if (!Number.isFinite(rate) || rate <= 0 || rate > MAX_RATE) {
    throw new RangeError(
      `Generator rate must be a number of points per second above 0 and at most ${MAX_RATE}, got ${String(rate)}`,
    );
  }
  return rate;
}

/** Throws a RangeError unless `name` is one of SCENARIOS. */
export function checkScenario(name: string): ScenarioName {
  if (!(SCENARIOS as readonly string[]).includes(name)) {
    throw new RangeError(`Unknown scenario '${name}'; expected one of ${SCENARIOS.join(', ')}`);
  }
  return name as ScenarioName;
}

/**
 * Generates points for every metric crossed with every source, round-robin,
 * with evenly spaced timestamps. Point `k` since the last anchor is due at
 * `anchorTime + k * 1000 / rate`, so results do not depend on how the calls
 * to `next()` split the time, only on the seed, the options and when the rate,
 * scenario or position changed.
 */
export class ScenarioGenerator implements PointGenerator {
  readonly #seed: number;
  readonly #idPrefix: string;
  readonly #random: Random;
  readonly #series: Series[];
  #scenario: ScenarioName;
  #rate: number;
  #anchorTime: number | undefined;
  #firstTime: number | undefined;
  #sinceAnchor = 0;
  #sequence = 0;

  constructor(options: ScenarioGeneratorOptions = {}) {
    this.#seed = options.seed ?? DEFAULT_SEED;
    if (!Number.isFinite(this.#seed)) {
      throw new RangeError(`Generator seed must be a finite number, got ${String(this.#seed)}`);
    }
    this.#random = mulberry32(this.#seed);
    this.#idPrefix = options.idPrefix ?? `g${this.#seed}-`;
    this.#scenario = checkScenario(options.scenario ?? 'normal');
    this.#rate = checkRate(options.rate ?? DEFAULT_RATE);
    if (options.startTime !== undefined && !Number.isFinite(options.startTime)) {
      throw new RangeError(`Generator startTime must be finite epoch milliseconds`);
    }
    this.#anchorTime = options.startTime;
    this.#firstTime = options.startTime;
    this.#series = SOURCES.flatMap((source) =>
      METRICS.map((metric) => ({
        metric,
        source,
        walk: new RandomWalk(),
        modifier: NORMAL_MODIFIER,
      })),
    );
    this.#applyScenario();
  }

  get scenario(): ScenarioName {
    return this.#scenario;
  }

  get rate(): number {
    return this.#rate;
  }

  /** Number of points generated so far, which is also the sequence number of the next one. */
  get generated(): number {
    return this.#sequence;
  }

  /** Epoch milliseconds of the next point, or undefined before the first call to `next()`. */
  get nextTime(): number | undefined {
    return this.#anchorTime === undefined ? undefined : this.#timeOf(this.#sinceAnchor);
  }

  /**
   * Returns the points due up to and including `untilTime`. Without a
   * `startTime` option, the first call starts the sequence at `untilTime`.
   */
  next(untilTime: number): Point[] {
    if (!Number.isFinite(untilTime)) {
      throw new RangeError(`next() needs finite epoch milliseconds, got ${String(untilTime)}`);
    }
    if (this.#anchorTime === undefined) {
      this.#anchorTime = untilTime;
      this.#firstTime = untilTime;
    }
    const points: Point[] = [];
    while (points.length < MAX_POINTS_PER_CALL) {
      const time = this.#timeOf(this.#sinceAnchor);
      if (time > untilTime) break;
      points.push(this.#pointAt(time));
      this.#sinceAnchor++;
    }
    return points;
  }

  /**
   * Moves the next point to `time` without generating the points before it,
   * so a source that was paused does not replay the pause. Ids keep counting.
   */
  skipTo(time: number): void {
    if (!Number.isFinite(time)) throw new RangeError('skipTo() needs finite epoch milliseconds');
    const nextTime = this.nextTime;
    if (nextTime !== undefined && nextTime >= time) return;
    this.#anchorTime = time;
    this.#firstTime ??= time;
    this.#sinceAnchor = 0;
  }

  setScenario(name: ScenarioName): void {
    this.#scenario = checkScenario(name);
    this.#applyScenario();
  }

  setRate(pointsPerSecond: number): void {
    checkRate(pointsPerSecond);
    // Re-anchor at the next due point so no point moves into the past.
    if (this.#anchorTime !== undefined) {
      this.#anchorTime = this.#timeOf(this.#sinceAnchor);
      this.#sinceAnchor = 0;
    }
    this.#rate = pointsPerSecond;
  }

  #timeOf(index: number): number {
    return (this.#anchorTime ?? 0) + (index * 1000) / this.#rate;
  }

  #applyScenario(): void {
    const scenario = SCENARIO_TABLE[this.#scenario];
    for (const series of this.#series) {
      series.modifier = modifierFor(scenario, series.metric.category, series.source.source);
    }
  }

  #pointAt(time: number): Point {
    const sequence = this.#sequence++;
    const series = this.#series[sequence % this.#series.length];
    const { metric, source, modifier } = series;
    const elapsed = time - (this.#firstTime ?? time);
    const random = this.#random;

    const base = metric.baseline * modifier.baseline * source.load;
    const wave = sine(
      elapsed,
      metric.periodMs,
      metric.amplitude * modifier.amplitude,
      source.phase,
    );
    const trend = linearTrend(elapsed, metric.trendPerSecond, metric.trendResetMs);
    const walk = series.walk.step(random, metric.walkStep, metric.walkLimit);
    const noise = gaussianNoise(random, metric.noise * modifier.noise);
    const burst = spike(random, modifier.spikeRate, metric.spikeMagnitude);
    const raw = base + wave + trend + walk + noise + burst;
    const value = Math.min(metric.max, Math.max(metric.min, raw));

    return {
      id: `${this.#idPrefix}${sequence}`,
      timestamp: time,
      value: Math.round(value * 1000) / 1000,
      category: metric.category,
      source: source.source,
      metadata: { unit: metric.unit, scenario: this.#scenario },
    };
  }
}
