import { standardNormal, type Random } from './prng.js';

/** Returns a sine wave of `amplitude` around zero. `phase` is a fraction of one period. */
export function sine(elapsedMs: number, periodMs: number, amplitude: number, phase = 0): number {
  return amplitude * Math.sin(2 * Math.PI * (elapsedMs / periodMs + phase));
}

/**
 * Returns a linear trend of `slopePerSecond`. With a `resetMs` period it drops back to
 * zero every period, a sawtooth like memory that grows until a collection.
 */
export function linearTrend(elapsedMs: number, slopePerSecond: number, resetMs?: number): number {
  const span = resetMs === undefined ? elapsedMs : elapsedMs % resetMs;
  return (slopePerSecond * span) / 1000;
}

/** Draws gaussian noise with mean 0 and standard deviation `sigma`. */
export function gaussianNoise(random: Random, sigma: number): number {
  return sigma * standardNormal(random);
}

/**
 * Draws a spike of up to `magnitude` with probability `probability`, otherwise 0.
 * Always consumes two draws so the sequence does not depend on the outcome.
 */
export function spike(random: Random, probability: number, magnitude: number): number {
  const hit = random() < probability;
  const size = 0.5 + 0.5 * random();
  return hit ? magnitude * size : 0;
}

/**
 * A bounded random walk: each step moves by up to `step` either way and is
 * pulled back towards zero, so the offset wanders but never exceeds `limit`.
 */
export class RandomWalk {
  #offset = 0;

  get offset(): number {
    return this.#offset;
  }

  step(random: Random, step: number, limit: number): number {
    const pull = limit > 0 ? this.#offset / limit : 0;
    const move = step * (2 * random() - 1 - 0.5 * pull);
    this.#offset = Math.min(limit, Math.max(-limit, this.#offset + move));
    return this.#offset;
  }
}

/** Returns a cosine wave of `amplitude` around zero: a sine a quarter period ahead. */
export function cosine(elapsedMs: number, periodMs: number, amplitude: number, phase = 0): number {
  return amplitude * Math.cos(2 * Math.PI * (elapsedMs / periodMs + phase));
}

/** Fraction of the current period that has passed, in [0, 1). */
function periodFraction(elapsedMs: number, periodMs: number, phase: number): number {
  const fraction = elapsedMs / periodMs + phase;
  return fraction - Math.floor(fraction);
}

/** Returns a sawtooth from `-amplitude` rising to `amplitude` once per period. */
export function sawtooth(
  elapsedMs: number,
  periodMs: number,
  amplitude: number,
  phase = 0,
): number {
  return amplitude * (2 * periodFraction(elapsedMs, periodMs, phase) - 1);
}

/** Returns `amplitude` for the first half of each period and `-amplitude` for the second. */
export function square(elapsedMs: number, periodMs: number, amplitude: number, phase = 0): number {
  return periodFraction(elapsedMs, periodMs, phase) < 0.5 ? amplitude : -amplitude;
}

/**
 * Returns a staircase: the level rises by `stepSize` every `stepMs` and starts over after
 * `levels` steps, like a counter that is reset.
 */
export function step(elapsedMs: number, stepMs: number, stepSize: number, levels: number): number {
  return (Math.floor(elapsedMs / stepMs) % levels) * stepSize;
}

/** Returns `scale * (e^(elapsed / tau) - 1)`: zero at the start, then growing ever faster. */
export function exponential(elapsedMs: number, tauMs: number, scale: number): number {
  return scale * Math.expm1(elapsedMs / tauMs);
}

/** Returns `scale * (1 - e^(-elapsed / tau))`: an exponential approach to `scale`. */
export function exponentialApproach(elapsedMs: number, tauMs: number, scale: number): number {
  return -scale * Math.expm1(-elapsedMs / tauMs);
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
/** 1970-01-01 was a Thursday, so Monday 00:00 UTC is four days into the epoch week. */
const MONDAY_OFFSET_MS = 4 * DAY_MS;

/**
 * Returns a daily load factor around 1 for an epoch-millisecond time: `1 + amplitude` at
 * `peakHour` UTC and `1 - amplitude` twelve hours later.
 */
export function dailySeasonality(timeMs: number, amplitude: number, peakHour = 14): number {
  const hour = (((timeMs % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000;
  return 1 + amplitude * Math.cos((2 * Math.PI * (hour - peakHour)) / 24);
}

/**
 * Returns a weekly load factor: 1 on weekdays (UTC) and `1 - amplitude` on Saturday and
 * Sunday, with six-hour ramps around midnight so the change is not a cliff.
 */
export function weeklySeasonality(timeMs: number, amplitude: number): number {
  const intoWeek = (((timeMs - MONDAY_OFFSET_MS) % WEEK_MS) + WEEK_MS) % WEEK_MS;
  const weekendStart = 5 * DAY_MS;
  const ramp = DAY_MS / 4;
  // Monday's first hours continue the previous weekend's ramp down.
  const extended = intoWeek < ramp / 2 ? intoWeek + WEEK_MS : intoWeek;
  const rising = (extended - (weekendStart - ramp / 2)) / ramp;
  const falling = (WEEK_MS + ramp / 2 - extended) / ramp;
  const weekend = Math.min(rising, falling);
  return 1 - amplitude * Math.min(1, Math.max(0, weekend));
}

/**
 * The logistic map `x' = r x (1 - x)`. With `r` near 3.9 it is chaotic: deterministic, bounded
 * in (0, 1), and never periodic, which makes jitter that looks irregular but replays exactly.
 */
export class LogisticMap {
  #x: number;
  readonly #r: number;

  /** `start` must lie in (0, 1); values at the ends or outside are moved to 0.5. */
  constructor(start: number, r = 3.9) {
    this.#x = start > 0 && start < 1 ? start : 0.5;
    this.#r = r;
  }

  /** Advances one step and returns the new state in (0, 1). */
  next(): number {
    this.#x = this.#r * this.#x * (1 - this.#x);
    // Rounding can pin the map to 0 or 1, where it would stay forever.
    if (!(this.#x > 0 && this.#x < 1)) this.#x = 0.123456789;
    return this.#x;
  }
}
