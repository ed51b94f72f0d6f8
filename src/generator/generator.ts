import type { Metadata, Point } from '../core/types.js';
import { GeneratorEffects, type AnomalyKind } from './effects.js';
import {
  cosine,
  dailySeasonality,
  gaussianNoise,
  linearTrend,
  LogisticMap,
  RandomWalk,
  sawtooth,
  sine,
  spike,
  square,
  step,
  weeklySeasonality,
} from './patterns.js';
import { mulberry32, type Random } from './prng.js';
import {
  METRICS,
  modifierFor,
  SCENARIO_TABLE,
  SOURCES,
  type MetricModifier,
  type MetricProfile,
  type SourceProfile,
  type WaveShape,
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
  chaos: LogisticMap;
  modifier: MetricModifier;
  /** The series of the same source this one follows, if any. */
  leader?: Series;
  /** The last value generated, which followers read. */
  latest: number;
}

/** Returns the slow wave of `shape`, with amplitude `amplitude` around zero. */
function wave(
  shape: WaveShape,
  elapsed: number,
  periodMs: number,
  amplitude: number,
  phase: number,
) {
  switch (shape) {
    case 'sine':
      return sine(elapsed, periodMs, amplitude, phase);
    case 'cosine':
      return cosine(elapsed, periodMs, amplitude, phase);
    case 'sawtooth':
      return sawtooth(elapsed, periodMs, amplitude, phase);
    case 'square':
      return square(elapsed, periodMs, amplitude, phase);
    case 'step':
      // Four levels from -amplitude to +amplitude, one per quarter period.
      return amplitude * ((2 * step(elapsed + phase * periodMs, periodMs / 4, 1, 4)) / 3 - 1);
  }
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
  readonly #effects = new GeneratorEffects();
  readonly #metadata = new Map<string, Metadata>();
  #scenario: ScenarioName;
  #rate: number;
  /** Rate in effect since the anchor: the rate, times the burst multiplier during a burst. */
  #anchorRate: number;
  #burst: { until: number; multiplier: number } | undefined;
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
    this.#anchorRate = this.#rate;
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
        chaos: new LogisticMap(this.#random()),
        modifier: NORMAL_MODIFIER,
        latest: metric.baseline,
      })),
    );
    // Each follower reads the latest value of the series it follows on the same source.
    for (const series of this.#series) {
      const follows = series.metric.follows;
      if (follows === undefined) continue;
      series.leader = this.#series.find(
        (other) => other.source === series.source && other.metric.category === follows.category,
      );
    }
    this.#applyScenario();
  }

  get scenario(): ScenarioName {
    return this.#scenario;
  }

  /** Points per second outside a burst. */
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
      if (this.#burst !== undefined && time >= this.#burst.until) {
        this.#reanchor(this.#burst.until, this.#rate);
        this.#burst = undefined;
        continue;
      }
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
    this.#rate = pointsPerSecond;
    this.#reanchorAtNext(pointsPerSecond * (this.#burst?.multiplier ?? 1));
  }

  /**
   * Multiplies the rate by `multiplier` for `durationMs` from the next due point (or from now
   * before the first point), then returns to the rate.
   */
  startBurst(durationMs: number, multiplier: number, now = Date.now()): void {
    checkRate(this.#rate * multiplier);
    const from = this.nextTime ?? now;
    this.#burst = { until: from + durationMs, multiplier };
    this.#reanchorAtNext(this.#rate * multiplier);
  }

  /** Degrades `source` like db-1 under system_failure for `durationMs` from the next due point. */
  startFailure(durationMs: number, source: string, now = Date.now()): void {
    this.#effects.startFailure(this.nextTime ?? now, durationMs, source);
  }

  /**
   * Turns a share `probability` of the points of the next `durationMs` into spikes or dips,
   * marked with `metadata.anomaly`.
   */
  startAnomalies(durationMs: number, probability: number, now = Date.now()): void {
    this.#effects.startAnomalies(this.nextTime ?? now, durationMs, probability);
  }

  // Re-anchors at the next due point so no point moves into the past.
  #reanchorAtNext(rate: number): void {
    if (this.#anchorTime === undefined) this.#anchorRate = rate;
    else this.#reanchor(this.#timeOf(this.#sinceAnchor), rate);
  }

  #reanchor(time: number, rate: number): void {
    this.#anchorTime = time;
    this.#sinceAnchor = 0;
    this.#anchorRate = rate;
  }

  #timeOf(index: number): number {
    return (this.#anchorTime ?? 0) + (index * 1000) / this.#anchorRate;
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
    const { metric, source } = series;
    const modifier = this.#effects.modifierAt(
      time,
      metric.category,
      source.source,
      series.modifier,
    );
    const elapsed = time - (this.#firstTime ?? time);
    const random = this.#random;

    const season = dailySeasonality(time, metric.daily) * weeklySeasonality(time, metric.weekly);
    const base = metric.baseline * modifier.baseline * source.load * season;
    const amplitude = metric.amplitude * modifier.amplitude;
    const slow = wave(metric.wave, elapsed, metric.periodMs, amplitude, source.phase);
    const trend = linearTrend(elapsed, metric.trendPerSecond, metric.trendResetMs);
    const walk = series.walk.step(random, metric.walkStep, metric.walkLimit);
    const noise = gaussianNoise(random, metric.noise * modifier.noise);
    const chaos = metric.chaos * modifier.noise * (series.chaos.next() - 0.5);
    const burst = spike(random, modifier.spikeRate, metric.spikeMagnitude);
    const leader = series.leader;
    const follow =
      leader === undefined || metric.follows === undefined
        ? 0
        : metric.follows.weight * (leader.latest - leader.metric.baseline);
    let value = clamp(base + slow + trend + walk + noise + chaos + burst + follow, metric);
    const anomaly = this.#effects.anomalyAt(time, random);
    if (anomaly !== undefined) value = clamp(value * anomaly.factor, metric);
    series.latest = value;

    return {
      id: `${this.#idPrefix}${sequence}`,
      timestamp: time,
      value: Math.round(value * 1000) / 1000,
      category: metric.category,
      source: source.source,
      metadata: this.#metadataFor(metric.unit, anomaly?.kind),
    };
  }

  /**
   * Returns one shared, frozen metadata object per unit, scenario and anomaly, so a million
   * points do not carry a million copies and the server serializes each one once.
   */
  #metadataFor(unit: string, anomaly: AnomalyKind | undefined): Metadata {
    const key = `${unit}\u0000${this.#scenario}\u0000${anomaly ?? ''}`;
    let metadata = this.#metadata.get(key);
    if (metadata === undefined) {
      metadata =
        anomaly === undefined
          ? { unit, scenario: this.#scenario }
          : { unit, scenario: this.#scenario, anomaly };
      Object.freeze(metadata);
      this.#metadata.set(key, metadata);
    }
    return metadata;
  }
}

function clamp(value: number, metric: MetricProfile): number {
  return Math.min(metric.max, Math.max(metric.min, value));
}
