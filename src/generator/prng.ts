/** A function that returns a uniformly distributed float in [0, 1). */
export type Random = () => number;

/**
 * Creates a mulberry32 generator: a 32-bit state, fast, and good enough for
 * synthetic metrics (not for anything that needs cryptographic randomness).
 * The same seed always yields the same sequence.
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Draws a standard normal sample by the Box-Muller transform. Consumes exactly
 * two draws from `random`, so callers can keep the sequence aligned.
 */
export function standardNormal(random: Random): number {
  // 1 - u keeps the logarithm's argument in (0, 1], so it is never -Infinity.
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
