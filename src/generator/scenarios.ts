import type { ScenarioName } from './types.js';

/** Shape of a metric's slow wave. */
export type WaveShape = 'sine' | 'cosine' | 'sawtooth' | 'square' | 'step';

/** The shape of one metric before a scenario changes it. Units are in `unit`. */
export interface MetricProfile {
  category: string;
  unit: string;
  baseline: number;
  wave: WaveShape;
  /** Amplitude of the slow wave around the baseline. */
  amplitude: number;
  periodMs: number;
  /** Share by which the baseline swings over the day (peak at 14:00 UTC) and drops at weekends. */
  daily: number;
  weekly: number;
  /** Amplitude of logistic-map jitter, irregular but deterministic. */
  chaos: number;
  /** Another metric of the same source this one follows: `weight` times its distance from its baseline. */
  follows?: { category: string; weight: number };
  /** Standard deviation of the per-point gaussian noise. */
  noise: number;
  walkStep: number;
  walkLimit: number;
  /** Growth per second of a sawtooth trend, and the period after which it resets. */
  trendPerSecond: number;
  trendResetMs: number;
  /** Height of a spike before the scenario's multiplier. */
  spikeMagnitude: number;
  min: number;
  max: number;
}

/** Phase shift and load factor that set one source apart from the others. */
export interface SourceProfile {
  source: string;
  phase: number;
  load: number;
}

/** Multipliers a scenario applies to a metric profile. */
export interface MetricModifier {
  baseline: number;
  amplitude: number;
  noise: number;
  /** Probability of a spike on each point. */
  spikeRate: number;
}

export interface Scenario {
  name: ScenarioName;
  defaults: MetricModifier;
  /** Overrides by category, merged over `defaults`. */
  categories: Partial<Record<string, Partial<MetricModifier>>>;
  /** A source hit harder than the rest, with multipliers merged over its category's. */
  degraded?: { source: string; categories: Partial<Record<string, Partial<MetricModifier>>> };
}

export const METRICS: readonly MetricProfile[] = [
  {
    category: 'cpu',
    unit: 'percent',
    baseline: 35,
    wave: 'sine',
    daily: 0.25,
    weekly: 0.2,
    chaos: 2,
    amplitude: 10,
    periodMs: 60_000,
    noise: 3,
    walkStep: 0.6,
    walkLimit: 10,
    trendPerSecond: 0,
    trendResetMs: 60_000,
    spikeMagnitude: 40,
    min: 0,
    max: 100,
  },
  {
    category: 'memory',
    unit: 'percent',
    baseline: 52,
    wave: 'cosine',
    daily: 0.05,
    weekly: 0.05,
    chaos: 0,
    amplitude: 3,
    periodMs: 300_000,
    noise: 0.5,
    walkStep: 0.2,
    walkLimit: 4,
    trendPerSecond: 0.02,
    trendResetMs: 600_000,
    spikeMagnitude: 15,
    min: 0,
    max: 100,
  },
  {
    category: 'network',
    unit: 'Mbit/s',
    baseline: 120,
    wave: 'square',
    daily: 0.3,
    weekly: 0.3,
    chaos: 6,
    amplitude: 40,
    periodMs: 90_000,
    noise: 10,
    walkStep: 3,
    walkLimit: 40,
    trendPerSecond: 0,
    trendResetMs: 60_000,
    spikeMagnitude: 300,
    min: 0,
    max: 10_000,
  },
  {
    category: 'latency',
    unit: 'ms',
    baseline: 45,
    wave: 'sawtooth',
    daily: 0.1,
    weekly: 0.1,
    chaos: 3,
    follows: { category: 'cpu', weight: 0.6 },
    amplitude: 8,
    periodMs: 120_000,
    noise: 4,
    walkStep: 1,
    walkLimit: 15,
    trendPerSecond: 0,
    trendResetMs: 60_000,
    spikeMagnitude: 400,
    min: 1,
    max: 60_000,
  },
  {
    category: 'errors',
    unit: 'errors/s',
    baseline: 0.5,
    wave: 'step',
    daily: 0.1,
    weekly: 0.1,
    chaos: 0.2,
    follows: { category: 'latency', weight: 0.01 },
    amplitude: 0.3,
    periodMs: 45_000,
    noise: 0.3,
    walkStep: 0.05,
    walkLimit: 0.5,
    trendPerSecond: 0,
    trendResetMs: 60_000,
    spikeMagnitude: 20,
    min: 0,
    max: 1_000_000,
  },
];

export const SOURCES: readonly SourceProfile[] = [
  { source: 'web-1', phase: 0, load: 1 },
  { source: 'web-2', phase: 0.33, load: 0.9 },
  { source: 'db-1', phase: 0.66, load: 1.15 },
];

const NORMAL: MetricModifier = { baseline: 1, amplitude: 1, noise: 1, spikeRate: 0.002 };

export const SCENARIO_TABLE: Record<ScenarioName, Scenario> = {
  normal: { name: 'normal', defaults: NORMAL, categories: {} },
  high_load: {
    name: 'high_load',
    defaults: { baseline: 1.6, amplitude: 1.3, noise: 1.5, spikeRate: 0.01 },
    categories: {
      cpu: { baseline: 2.1 },
      memory: { baseline: 1.4 },
      network: { baseline: 2.5 },
      latency: { baseline: 2.5 },
      errors: { baseline: 4 },
    },
  },
  system_failure: {
    name: 'system_failure',
    defaults: { baseline: 1.3, amplitude: 1.5, noise: 3, spikeRate: 0.04 },
    categories: { errors: { baseline: 10 }, latency: { baseline: 3 } },
    degraded: {
      source: 'db-1',
      categories: {
        cpu: { baseline: 2.6 },
        memory: { baseline: 1.8 },
        network: { baseline: 0.15 },
        latency: { baseline: 12 },
        errors: { baseline: 60 },
      },
    },
  },
  maintenance: {
    name: 'maintenance',
    defaults: { baseline: 0.4, amplitude: 0.3, noise: 0.5, spikeRate: 0.0005 },
    categories: { network: { baseline: 0.15 }, errors: { baseline: 0.1 } },
  },
  peak_hours: {
    name: 'peak_hours',
    defaults: { baseline: 1.4, amplitude: 1.8, noise: 1.2, spikeRate: 0.005 },
    categories: { network: { baseline: 1.9 }, latency: { baseline: 1.5 } },
  },
  weekend: {
    name: 'weekend',
    defaults: { baseline: 0.6, amplitude: 0.5, noise: 0.7, spikeRate: 0.001 },
    categories: {},
  },
};

/** Returns the multipliers `scenario` applies to `category` on `source`. */
export function modifierFor(scenario: Scenario, category: string, source: string): MetricModifier {
  const degraded =
    scenario.degraded !== undefined && scenario.degraded.source === source
      ? scenario.degraded.categories[category]
      : undefined;
  return { ...scenario.defaults, ...scenario.categories[category], ...degraded };
}
