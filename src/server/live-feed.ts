import type { Point } from '../core/types.js';
import type { ScenarioGenerator } from '../generator/index.js';
import type { CommandMessage } from '../stream/protocol.js';
import type { ClientMessageError } from './client-messages.js';
import { runGeneratorCommand } from './commands.js';
import type { HostMetrics } from './host-metrics.js';
import { errorMessage, type Logger } from './logger.js';
import { SharedBatch } from './point-source.js';
import type { Retention } from './retention.js';

/** How often collected points are numbered, kept and sent, in milliseconds. */
export const BATCH_INTERVAL_MS = 100;
/** How often host metrics are sampled, in milliseconds. */
export const HOST_SAMPLE_INTERVAL_MS = 1000;
/**
 * Most generator time one flush covers, in milliseconds. A server too slow for its `--rate`
 * would otherwise build ever larger batches; this caps a batch at half a second of points.
 */
export const MAX_FLUSH_SPAN_MS = 500;
/** Generator time a flush may lag behind the clock before the lag is skipped, in milliseconds. */
export const MAX_GENERATOR_LAG_MS = 2000;

/** The part of a client connection the live feed uses. */
export interface LiveClient {
  deliver(batch: SharedBatch): void;
}

/** Called with every newly numbered batch before any client receives it. */
export type AppendListener = (batch: SharedBatch) => void;

export interface LiveFeedOptions {
  generator?: ScenarioGenerator;
  hostMetrics?: HostMetrics;
  retention: Retention;
  logger: Logger;
  /** Writes the points to durable storage; runs before the points are sent, so none is sent unsaved. */
  onAppend?: AppendListener;
}

/**
 * The live sources shared by every client: the generator runs on one clock and host metrics are
 * sampled once. Every 100 ms the new points are numbered in the retention, saved when the
 * retention is durable, and offered to every client as one shared batch.
 */
export class LiveFeed {
  readonly retention: Retention;
  readonly #generator: ScenarioGenerator | undefined;
  readonly #hostMetrics: HostMetrics | undefined;
  readonly #logger: Logger;
  readonly #onAppend: AppendListener | undefined;
  readonly #clients = new Set<LiveClient>();
  #hostPoints: Point[] = [];
  #sampling = false;
  #batchTimer: NodeJS.Timeout | undefined;
  #hostTimer: NodeJS.Timeout | undefined;

  constructor(options: LiveFeedOptions) {
    this.retention = options.retention;
    this.#generator = options.generator;
    this.#hostMetrics = options.hostMetrics;
    this.#logger = options.logger;
    this.#onAppend = options.onAppend;
  }

  /** Source names announced in the hello message. */
  get sources(): string[] {
    const sources: string[] = [];
    if (this.#generator !== undefined) sources.push('generator');
    if (this.#hostMetrics !== undefined) sources.push('host');
    return sources;
  }

  start(): void {
    // The first call starts the generator's clock at the current time.
    this.#generator?.next(Date.now());
    this.#batchTimer = setInterval(() => this.flush(), BATCH_INTERVAL_MS);
    if (this.#hostMetrics !== undefined) {
      this.#hostTimer = setInterval(() => this.#sampleHost(), HOST_SAMPLE_INTERVAL_MS);
      this.#sampleHost();
    }
  }

  stop(): void {
    clearInterval(this.#batchTimer);
    clearInterval(this.#hostTimer);
  }

  add(client: LiveClient): void {
    this.#clients.add(client);
  }

  remove(client: LiveClient): void {
    this.#clients.delete(client);
  }

  /** Applies a command to the shared generator, so it changes the points of every client. */
  runCommand(command: CommandMessage): ClientMessageError | undefined {
    if (this.#generator === undefined) {
      return {
        code: 'command_unavailable',
        message: 'This server runs no generator, so it has no scenario or rate to change.',
      };
    }
    return runGeneratorCommand(this.#generator, command);
  }

  /**
   * Numbers, saves and sends the points due now. The timer calls it; shutdown calls it once more
   * so the last points reach the clients before they are closed.
   */
  flush(): void {
    const points = this.#generatePoints(Date.now());
    if (this.#hostPoints.length > 0) {
      for (const point of this.#hostPoints) points.push(point);
      this.#hostPoints = [];
    }
    if (points.length === 0) return;
    const { from, to } = this.retention.append(points);
    if (this.#clients.size === 0 && this.#onAppend === undefined) return;
    // A batch larger than the retention has lost its oldest points already; send what is kept.
    const start = Math.max(from, this.retention.firstSeq);
    const shared = new SharedBatch(
      this.retention.read(start, to - start + 1),
      this.retention.table,
    );
    this.#onAppend?.(shared);
    for (const client of this.#clients) client.deliver(shared);
  }

  /**
   * Returns the generator's points due by `now`, at most MAX_FLUSH_SPAN_MS of them. When the
   * generator lags more than MAX_GENERATOR_LAG_MS, because the server cannot keep up with the
   * rate, it skips ahead: the skipped points are never numbered, so no client misses them.
   */
  #generatePoints(now: number): Point[] {
    const generator = this.#generator;
    if (generator === undefined) return [];
    const next = generator.nextTime;
    if (next === undefined) return generator.next(now);
    const lag = now - next;
    if (lag > MAX_GENERATOR_LAG_MS) {
      generator.skipTo(now - MAX_FLUSH_SPAN_MS);
      this.#logger.warn('generator_behind', {
        skippedMs: Math.round(lag - MAX_FLUSH_SPAN_MS),
        rate: generator.rate,
      });
    }
    return generator.next(Math.min(now, (generator.nextTime ?? now) + MAX_FLUSH_SPAN_MS));
  }

  #sampleHost(): void {
    const hostMetrics = this.#hostMetrics;
    // A slow /proc read must not pile up overlapping samples.
    if (hostMetrics === undefined || this.#sampling) return;
    this.#sampling = true;
    hostMetrics
      .sample(Date.now())
      .then((points) => this.#hostPoints.push(...points))
      .catch((error: unknown) =>
        this.#logger.error('host_metrics_failed', { error: errorMessage(error) }),
      )
      .finally(() => {
        this.#sampling = false;
      });
  }
}
