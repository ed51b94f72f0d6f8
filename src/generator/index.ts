import { ScenarioGenerator, type ScenarioGeneratorOptions } from './generator.js';

export {
  ScenarioGenerator,
  DEFAULT_RATE,
  DEFAULT_SEED,
  MAX_RATE,
  MAX_POINTS_PER_CALL,
  checkRate,
  checkScenario,
  type ScenarioGeneratorOptions,
} from './generator.js';
export { METRICS, SOURCES } from './scenarios.js';
export {
  SCENARIOS,
  type GeneratorOptions,
  type PointGenerator,
  type ScenarioName,
} from './types.js';

/**
 * Creates a seeded generator of cpu, memory, network, latency and errors
 * metrics for the sources web-1, web-2 and db-1. Throws a RangeError on an
 * unknown scenario, a non-finite seed or start time, or a rate outside
 * (0, MAX_RATE].
 */
export function createGenerator(options?: ScenarioGeneratorOptions): ScenarioGenerator {
  return new ScenarioGenerator(options);
}
