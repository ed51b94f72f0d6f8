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
