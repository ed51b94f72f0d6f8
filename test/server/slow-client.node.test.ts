import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { MAX_CLIENT_BUFFERED_BYTES } from '../../src/server/client-connection.js';
import { killAll, startServer, TestClient, waitUntil } from './support.js';

/** How long the slow client reads nothing, in milliseconds. */
const STALL_MS = 30_000;
/**
 * Points per second the generator produces. Generating and encoding a point costs about two
 * microseconds, so this is a tenth of a core, and in 30 s it makes about 450 MB of JSON that
 * an unbounded queue would hold.
 */
const RATE = 100_000;
/** How long the baseline of the resident size is measured, in milliseconds. */
const BASELINE_MS = 6000;
/**
 * Stated bound on how far the server's resident size may rise above its baseline peak while
 * one client stalls: its queue is bounded at 1 MiB plus one message, so this leaves room for
 * noise from the garbage collector.
 */
const RSS_GROWTH_BOUND = 64 * 1024 * 1024;

async function readMetrics(port: number): Promise<Map<string, number>> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(\{[^}]*\})? (\S+)$/.exec(line);
    if (match !== null) values.set(match[1] + (match[2] ?? ''), Number(match[3]));
  }
  return values;
}

/** Reads /metrics once a second for `durationMs`. */
async function sampleMetrics(port: number, durationMs: number): Promise<Map<string, number>[]> {
  const samples: Map<string, number>[] = [];
  const deadline = Date.now() + durationMs;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    samples.push(await readMetrics(port));
  }
  return samples;
}

function peakOf(samples: Map<string, number>[], name: string): number {
  return Math.max(...samples.map((sample) => sample.get(name) ?? 0));
}

describe('a client that reads nothing for 30 s', () => {
  after(() => killAll());

  it('keeps server memory bounded', { timeout: 120_000 }, async () => {
    const server = await startServer([
      '--rate',
      String(RATE),
      '--no-host-metrics',
      '--heartbeat-timeout',
      '120000',
    ]);
    const reader = await TestClient.connect(server);
    await reader.waitFor((c) => c.of('data').length > 10, 'the reader got data');
    // Garbage from 100,000 points per second makes the resident size swing, so the baseline
    // is the peak of a few seconds without the slow client.
    const baseline = await sampleMetrics(server.port, BASELINE_MS);

    const slow = new WebSocket(`ws://127.0.0.1:${server.port}/ws?encoding=json`);
    const messages: { type: string; count?: number; reason?: string }[] = [];
    slow.on('message', (data, isBinary) => {
      if (!isBinary) messages.push(JSON.parse(data.toString()));
    });
    await new Promise((resolve) => slow.once('open', resolve));
    slow.pause();
    const samples = await sampleMetrics(server.port, STALL_MS);
    const peakRss = peakOf(samples, 'process_resident_memory_bytes');
    const peakQueue = peakOf(samples, 'observatory_client_buffered_bytes_max');
    const growth = peakRss - peakOf(baseline, 'process_resident_memory_bytes');
    console.log(
      `slow client: resident memory grew ${(growth / 2 ** 20).toFixed(1)} MiB, longest queue ${(peakQueue / 2 ** 20).toFixed(2)} MiB, points sent ${samples.at(-1)?.get('observatory_points_sent_total')}`,
    );

    slow.resume();
    await waitUntil(
      () => messages.some((m) => m.type === 'gap'),
      'the slow client got a gap',
      30_000,
    );
    const gap = messages.find((m) => m.type === 'gap');
    reader.close();
    slow.terminate();

    assert.ok(growth < RSS_GROWTH_BOUND, `resident memory grew by ${growth} bytes`);
    assert.ok(
      peakQueue < MAX_CLIENT_BUFFERED_BYTES + 1024 * 1024,
      `a queue held ${peakQueue} bytes`,
    );
    assert.equal(gap?.reason, 'backpressure');
    assert.ok((gap?.count ?? 0) > 0);
  });
});
