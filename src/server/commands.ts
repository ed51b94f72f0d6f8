import {
  MAX_RATE,
  SCENARIOS,
  SOURCES,
  type ScenarioGenerator,
  type ScenarioName,
} from '../generator/index.js';
import { COMMANDS, type CommandMessage } from '../stream/protocol.js';
import { describeValue, quoteForMessage, type ClientMessageError } from './client-messages.js';

/** Longest burst, failure or anomaly window a command may start, in milliseconds. */
export const MAX_EFFECT_MS = 3_600_000;
export const MAX_BURST_MULTIPLIER = 100;

function invalidArgs(message: string): ClientMessageError {
  return { code: 'invalid_command_args', message };
}

/**
 * Reads an optional duration argument; returns the default when it is absent, or an error
 * that names the command.
 */
function readDuration(
  args: Record<string, unknown>,
  command: string,
  fallback: number,
): number | ClientMessageError {
  const value = args.durationMs;
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !(value > 0 && value <= MAX_EFFECT_MS)) {
    return invalidArgs(
      `${command} durationMs is ${describeValue(value)}; send milliseconds above 0 and at most ${MAX_EFFECT_MS}.`,
    );
  }
  return value;
}

function runScenario(generator: ScenarioGenerator, args: Record<string, unknown>) {
  const name = args.name;
  if (typeof name !== 'string' || !(SCENARIOS as readonly string[]).includes(name)) {
    const received = typeof name === 'string' ? quoteForMessage(name) : 'missing';
    return invalidArgs(
      `Scenario name is ${received}; send args {"name": one of ${SCENARIOS.join(', ')}}.`,
    );
  }
  generator.setScenario(name as ScenarioName);
  return undefined;
}

function runRate(generator: ScenarioGenerator, args: Record<string, unknown>) {
  const rate = args.rate;
  if (typeof rate !== 'number' || !(rate > 0 && rate <= MAX_RATE)) {
    return invalidArgs(
      `Rate is ${describeValue(rate)}; send args {"rate": points per second above 0 and at most ${MAX_RATE}}.`,
    );
  }
  generator.setRate(rate);
  return undefined;
}

function runBurst(generator: ScenarioGenerator, args: Record<string, unknown>) {
  const duration = readDuration(args, 'burst', 10_000);
  if (typeof duration !== 'number') return duration;
  const multiplier = args.multiplier;
  const limit = Math.min(MAX_BURST_MULTIPLIER, MAX_RATE / generator.rate);
  if (typeof multiplier !== 'number' || !(multiplier >= 1 && multiplier <= limit)) {
    return invalidArgs(
      `burst multiplier is ${describeValue(multiplier)}; send a number from 1 to ${limit} (the rate times it may not pass ${MAX_RATE}).`,
    );
  }
  generator.startBurst(duration, multiplier);
  return undefined;
}

function runFailure(generator: ScenarioGenerator, args: Record<string, unknown>) {
  const duration = readDuration(args, 'failure', 30_000);
  if (typeof duration !== 'number') return duration;
  const names = SOURCES.map((profile) => profile.source);
  const source = args.source ?? names[names.length - 1];
  if (typeof source !== 'string' || !names.includes(source)) {
    return invalidArgs(
      `failure source is ${describeValue(source)}; send one of ${names.join(', ')} or leave it out.`,
    );
  }
  generator.startFailure(duration, source);
  return undefined;
}

function runAnomalies(generator: ScenarioGenerator, args: Record<string, unknown>) {
  const duration = readDuration(args, 'anomalies', 30_000);
  if (typeof duration !== 'number') return duration;
  const probability = args.probability ?? 0.05;
  if (typeof probability !== 'number' || !(probability > 0 && probability <= 1)) {
    return invalidArgs(
      `anomalies probability is ${describeValue(probability)}; send a share of points above 0 and at most 1.`,
    );
  }
  generator.startAnomalies(duration, probability);
  return undefined;
}

const RUNNERS = {
  scenario: runScenario,
  rate: runRate,
  burst: runBurst,
  failure: runFailure,
  anomalies: runAnomalies,
} satisfies Record<
  (typeof COMMANDS)[number],
  (generator: ScenarioGenerator, args: Record<string, unknown>) => ClientMessageError | undefined
>;

/** Applies a command to the generator; returns the error to send back, or undefined. */
export function runGeneratorCommand(
  generator: ScenarioGenerator,
  command: CommandMessage,
): ClientMessageError | undefined {
  if (!Object.hasOwn(RUNNERS, command.name)) {
    return {
      code: 'unknown_command',
      message: `Command ${quoteForMessage(command.name)} is unknown; the server accepts ${COMMANDS.map((name) => `"${name}"`).join(', ')}.`,
    };
  }
  return RUNNERS[command.name as keyof typeof RUNNERS](generator, command.args ?? {});
}
