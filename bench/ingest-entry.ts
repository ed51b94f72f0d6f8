// Browser side of the ingest benchmark: an <obs-stream> connected to observatory-server,
// counting the points its store takes in.
// A named import, because the package marks bare imports of this module as free of side effects.
import { ObsStream } from '../src/obs-stream.js';
import type { AppendDetail } from '../src/core/types.js';

export interface IngestResult {
  points: number;
  seconds: number;
  invalid: number;
  lost: number;
}

/** Waits until `condition` holds, polling every 10 ms, or rejects after `timeoutMs`. */
async function waitFor(condition: () => boolean, message: string, timeoutMs = 20_000) {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting until ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Connects a stream with `encoding` to `url`, waits for the first points, then counts for
 * `durationMs` the points appended to the store.
 */
async function run(url: string, encoding: string, durationMs: number): Promise<IngestResult> {
  if (customElements.get('obs-stream') !== ObsStream)
    throw new Error('<obs-stream> is not registered');
  const element = document.createElement('obs-stream') as ObsStream;
  element.setAttribute('encoding', encoding);
  element.setAttribute('buffer-size', '1000000');
  element.setAttribute('url', url);
  let added = 0;
  element.store.addEventListener('append', (event) => {
    added += (event as CustomEvent<AppendDetail>).detail.added;
  });
  document.body.append(element);
  await waitFor(
    () => added > 0,
    `the first points arrived (status ${element.status}, ${element.receivedCount} received, ${element.invalidCount} invalid)`,
  );
  const startAdded = added;
  const startInvalid = element.invalidCount;
  const started = performance.now();
  await new Promise((resolve) => setTimeout(resolve, durationMs));
  const seconds = (performance.now() - started) / 1000;
  const result = {
    points: added - startAdded,
    seconds,
    invalid: element.invalidCount - startInvalid,
    lost: element.lostCount,
  };
  element.remove();
  return result;
}

(globalThis as { observatoryIngest?: unknown }).observatoryIngest = { run };
