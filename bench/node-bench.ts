// The Node half of `npm run bench`: timings plus heap growth as Node reports it.
import { fillMemoryPeer, fillMemoryStore, N, runCoreBenchmarks } from './core.bench.js';

const collect = (globalThis as { gc?: () => void }).gc;
if (collect === undefined) throw new Error('Run with --expose-gc to measure memory.');

/** JS heap plus array buffers per point that a filled store (or peer) adds. */
function bytesPerPoint(fill: () => unknown): number {
  // A first fill compiles the code and creates one-time tables.
  fill();
  collect?.();
  collect?.();
  const before = process.memoryUsage();
  const held = fill();
  collect?.();
  collect?.();
  const after = process.memoryUsage();
  const grown = after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers;
  // Reading `held` after the measurement keeps it alive through the collections.
  return held === null ? NaN : grown / N;
}

export function runNodeBenchmarks(): Record<string, number> {
  const metrics: Record<string, number> = {
    bytes_per_point_1m: bytesPerPoint(fillMemoryStore),
    peer_bytes_per_point_1m: bytesPerPoint(fillMemoryPeer),
  };
  return { ...metrics, ...runCoreBenchmarks() };
}
