// Entry of the Chromium benchmark bundle: exposes the benchmarks to page.evaluate.
import { fillMemoryPeer, fillMemoryStore, N, runCoreBenchmarks } from './core.bench.js';

const held: unknown[] = [];

Object.assign(globalThis, {
  observatoryBench: {
    runCoreBenchmarks,
    /** Fills a store or its peer with a million points and keeps it reachable until `release`. */
    fill(kind: 'store' | 'peer'): number {
      held.push(kind === 'store' ? fillMemoryStore() : fillMemoryPeer());
      return N;
    },
    release(): void {
      held.length = 0;
    },
  },
});
