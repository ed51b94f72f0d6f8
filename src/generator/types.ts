import type { Point } from '../core/types.js';

export const SCENARIOS = [
  'normal',
  'high_load',
  'system_failure',
  'maintenance',
  'peak_hours',
  'weekend',
] as const;

export type ScenarioName = (typeof SCENARIOS)[number];

export interface GeneratorOptions {
  scenario?: ScenarioName;
  /** Seed of the pseudo-random sequence; the same seed and options give the same points. */
  seed?: number;
  /** Points per second over all series. */
  rate?: number;
  /** Epoch milliseconds of the first point. */
  startTime?: number;
}

/** A deterministic source of points over simulated time. */
export interface PointGenerator {
  readonly scenario: ScenarioName;
  readonly rate: number;
  /** Returns every point due up to and including `untilTime` (epoch ms) since the last call. */
  next(untilTime: number): Point[];
  setScenario(name: ScenarioName): void;
  setRate(pointsPerSecond: number): void;
}
