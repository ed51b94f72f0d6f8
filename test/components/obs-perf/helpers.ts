import { fixture, html } from '@open-wc/testing';
import '../../../src/obs-perf.js';
import '../../../src/obs-stream.js';
import type { ObsPerf, PerfMetrics } from '../../../src/obs-perf.js';
import { pageQuality } from '../../../src/components/shared/page-quality.js';

/** Renders an `<obs-perf>` that samples every 250 ms, with extra attributes. */
export async function renderPerf(attributes: Record<string, string> = {}): Promise<ObsPerf> {
  const perf = await fixture<ObsPerf>(html`<obs-perf interval="250"></obs-perf>`);
  for (const [name, value] of Object.entries(attributes)) perf.setAttribute(name, value);
  await perf.updateComplete;
  return perf;
}

/** Waits for the next `obs-perf-metrics` event of `perf` and returns its detail. */
export function nextMetrics(perf: ObsPerf): Promise<PerfMetrics> {
  return new Promise((resolve) => {
    perf.addEventListener('obs-perf-metrics', (event) => resolve(event.detail), { once: true });
  });
}

/** Text of the part named `part` in the shadow root of `perf`. */
export function partText(perf: ObsPerf, part: string): string {
  return perf.shadowRoot?.querySelector(`[part~="${part}"]`)?.textContent?.trim() ?? '';
}

/** Returns the page to the automatic `high` level, whatever a test left behind. */
export function resetQuality(): void {
  const owner = {};
  pageQuality.pin('high', owner);
  pageQuality.pin(null, owner);
}

/** Blocks the main thread for `ms` in every animation frame until `stop()`, which lowers the frame rate. */
export function loadFrames(ms: number): { stop(): void } {
  let running = true;
  const frame = () => {
    if (!running) return;
    const end = performance.now() + ms;
    while (performance.now() < end) {
      // Busy wait: the point is to keep the main thread from drawing frames.
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  return {
    stop() {
      running = false;
    },
  };
}
